"""A new device without YAML: listen on a real pty (trying baud rates), propose, preview, save, use.

Formats, each written by us from public documentation (no device captures):
* WTW Multi 3630 IDS data transmission (operating manual): ``;`` records, cp1252, dd.mm.yyyy clock,
  value;unit;label groups with repeated labels; the device is fixed at 4800 baud;
* Thermo Orion Star A ``GETMEAS`` reply (communication manual; layout quoted in public drivers):
  echo, comma record, value,unit pairs, method/log fields, ``>`` prompt;
* RAE Systems MultiRAE datalog CSV (ProRAE Studio export): a header line naming sensor columns;
* NMEA 0183 GGA/RMC (the NMEA standard) from a GNSS receiver.
A learned profile "parses correctly" when it reads every data line into the same parameters and
values as FieldApp's curated built-in profile for that device, with no edit by hand.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp.instruments import StreamDecoder
from fieldapp.instruments.learn import listen, preview, propose, save
from fieldapp.instruments.profiles import builtin_profile, load_profile, load_profiles
from fieldapp.instruments.sim_formats import Faults
from fieldapp.instruments.simulator import DeviceSimulator

ROOT = Path(__file__).resolve().parents[2]


def values(profile, lines, sent=None):
    """{line number: {(parameter, value, unit)}} of the data lines a profile reads."""
    dec = StreamDecoder(profile)
    out = {}
    for i, line in enumerate(lines):
        if sent and line.strip().lstrip(b">").strip() in {s.encode() for s in sent}:
            dec.sent(sent[0])
        for rec in dec.feed(line + b"\r\n"):
            if rec.is_data:
                out[i] = {(r.parameter, r.value, r.unit) for r in rec.readings}
    return out


CASES = {
    "wtw_multi": dict(faults=Faults(), send=None),
    "orion_star_a": dict(faults=Faults(), send=["GETMEAS"]),
    "rae_csv": dict(faults=Faults(banner=True), send=None),
    "gps_nmea": dict(faults=Faults(), send=None),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_learned_profile_reads_the_lines_like_the_builtin_without_hand_edits(name, tmp_path):
    builtin = builtin_profile(name)
    sim = DeviceSimulator(builtin, rate_hz=10, faults=CASES[name]["faults"], seed=3)
    port = sim.start()
    send = CASES[name]["send"]
    try:
        cap = listen(port, seconds=1.2, send=send)
    finally:
        sim.stop()
    assert cap.baudrate == builtin.port["baudrate"]              # found by listening, not told
    if builtin.port["baudrate"] != 9600:
        assert cap.tried[9600] < 0.8                               # the wrong rate really sounded wrong
    proposal = propose(cap.lines, f"learned_{name}", cap.baudrate, send)
    assert proposal.unnamed == []
    path = save(proposal.profile, tmp_path)
    learned = load_profile(path)                                   # a file the app loads like any other
    if name == "gps_nmea":
        fixes = [r.fix for r in preview(proposal.profile, cap.lines) if r.fix]
        assert fixes and all(abs(f.lat - 30.5928) < 0.001 for f in fixes)
        return
    got, want = values(learned, cap.lines, send), values(builtin, cap.lines, send)
    assert len(want) >= 3 and got == want
    problems = [r for r in preview(proposal.profile, cap.lines, send) if r.status in ("error", "quarantined")]
    assert len(problems) <= 1                                      # at most a line cut at the capture's edge


def test_learn_finds_a_decimal_comma_and_a_header(tmp_path):
    lines = [b"Zeit;pH;Leitf. [mS/cm];Temp [\xb0C]"] + [
        b"29.11.2026 13:05:%02d;7,0%d;34,3;21,4" % (i, i) for i in range(5)]
    prop = propose(lines, "comma_meter")
    assert prop.profile["record"]["decimal_comma"] is True and prop.profile["framing"]["encoding"] == "cp1252"
    assert prop.unnamed == []
    assert "'Leitf.' named conductivity from its unit mS/cm: check" in prop.notes   # said, not hidden
    recs = [r for r in preview(prop.profile, lines) if r.is_data]
    vals = {r.channel: (r.parameter, r.value, r.unit) for r in recs[0].readings}
    assert vals["pH"] == ("ph", 7.0, "pH") and vals["Temp"] == ("water_temp", 21.4, "°C")
    assert vals["Leitf."] == ("conductivity", 34300.0, "µS/cm")


def test_learn_a_modelled_heavy_metal_analyzer(tmp_path):
    prof = builtin_profile("asv_heavy_metal")
    lines = [b"ASV,PVA-946,1946000123,29.11.2026 13:%02d:41,S-%d,Pb,12.3,ug/L,Cd,0.82,ug/L,Tl,<0.5,ug/L,OK"
             % (i, i) for i in range(4)]
    prop = propose(lines, "asv_learned")
    got = values(load_profile(save(prop.profile, tmp_path)), lines)
    assert got == values(prof, lines) and {p for p, _v, _u in got[0]} == {"lead", "cadmium", "thallium"}


def test_cli_learn_saves_into_the_user_folder(tmp_path):
    sim = DeviceSimulator(builtin_profile("wtw_multi"), rate_hz=10, seed=5)
    port = sim.start()
    env = {"XDG_CONFIG_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    try:
        proc = subprocess.run([sys.executable, "-m", "fieldapp", "instruments", "learn", "--port", port,
                               "--baud", "9600", "--baud", "4800", "--seconds", "1", "--name", "field_wtw",
                               "--save"], capture_output=True, text=True, cwd=ROOT, timeout=60, env=env)
    finally:
        sim.stop()
    assert proc.returncode == 0, proc.stderr
    assert "best: 4800 baud" in proc.stdout and "Oxi [%] -> Dissolved-oxygen saturation" in proc.stdout
    saved = tmp_path / "fieldapp" / "instruments" / "field_wtw.yaml"
    assert saved.exists() and f"saved {saved}" in proc.stdout
    assert "field_wtw" in load_profiles(tmp_path / "fieldapp" / "instruments", user=False)


def test_learn_on_a_silent_port_says_what_to_try(tmp_path, capsys):
    import os

    from fieldapp.cli import main

    master, slave = os.openpty()
    try:
        code = main(["instruments", "learn", "--port", os.ttyname(slave), "--baud", "9600", "--seconds", "0.3"])
    finally:
        os.close(master)
        os.close(slave)
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and "heard no readable lines" in err[0] and "--send" in err[0]
