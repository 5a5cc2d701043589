"""Every profile mistake through the real CLI: exit 2, ONE line on stderr naming the file, the key and
the fix, no traceback; a broken file never hides the good ones."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from fieldapp.instruments.profiles import builtin_profile

ROOT = Path(__file__).resolve().parents[2]


def run(*args, env_home=None, timeout=30):
    env = {**os.environ, "XDG_CONFIG_HOME": str(env_home)} if env_home else None
    return subprocess.run([sys.executable, "-m", "fieldapp", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=timeout, env=env)


class InProcess:
    """The same CLI entry point in this process (fast): an escaping exception fails the test."""

    def __init__(self, capsys):
        self.capsys = capsys

    def __call__(self, *args):
        from fieldapp.cli import main

        code = main(list(args))
        out = self.capsys.readouterr()
        return subprocess.CompletedProcess(args, code, out.out, out.err)


def assert_one_line(proc, *needles):
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def write_profile(folder: Path, mutate=None, name="my_meter.yaml", encoding="utf-8") -> Path:
    data = yaml.safe_load(yaml.safe_dump(builtin_profile("wtw_multi").data, allow_unicode=True))
    data["name"] = "my_meter"
    if mutate:
        mutate(data)
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding=encoding)
    return path


@pytest.mark.parametrize("mutate,key,fix", [
    (lambda d: d["framing"].update(terminator="semicolon"), "framing.terminator", "use auto, CR, LF or CRLF"),
    (lambda d: d["record"].update(delimeter=";"), "record.delimeter", "did you mean 'delimiter'?"),
    (lambda d: d["port"].update(baudrate="fast"), "port.baudrate", "whole number"),
    (lambda d: d["port"].update(baudrate=9601), "port.baudrate", "use one of"),
    (lambda d: d["channels"]["Oxi"].update(parameter="oxygenish"), "channels.Oxi", "use a vocabulary id"),
    (lambda d: d["channels"]["Cond"].update(unit="mg/L"), "channels.Cond", "does not fit conductivity"),
    (lambda d: d["record"]["device_time"].update(format="dd.mm.yyy hh:mm"), "record.device_time.format",
     "dd.mm.yyyy"),
    (lambda d: d["record"]["device_time"].update(timezone="Beijing time"), "record.device_time.timezone",
     "+08:00"),
    (lambda d: d["record"].update(skip=["(oops"]), "record.skip", "not a valid regular expression"),
    (lambda d: d["record"].update(type="xml"), "record", "use one of nmea, delimited"),
    (lambda d: d.pop("framing"), "framing", "is missing"),
    (lambda d: d["record"].update(decimal_comma=True, delimiter=","), "record", "delimiter: \";\""),
    (lambda d: d.update(poll={"commands": ["GETMEAS"], "reply_timeout": "soon"}), "poll.reply_timeout",
     "must be a number"),
])
def test_check_names_file_key_and_fix(tmp_path, capsys, mutate, key, fix):
    path = write_profile(tmp_path, mutate)
    proc = InProcess(capsys)("instruments", "check", str(path))
    assert proc.stdout == ""                                    # errors go to stderr, not stdout
    assert_one_line(proc, str(path), f": {key}", fix)


def test_crlf_terminator_written_as_escape_passes_and_reads(tmp_path, capsys):
    path = write_profile(tmp_path, lambda d: d["framing"].update(terminator="\r\n"))
    proc = InProcess(capsys)("instruments", "check", str(path))
    assert proc.returncode == 0 and proc.stdout.startswith("ok:")
    from fieldapp.instruments import StreamDecoder, load_profile
    recs = StreamDecoder(load_profile(path)).feed("M;1;;29.11.2026 13:05:41;7.0;pH;pH;\r\n".encode())
    assert recs[0].status == "ok" and load_profile(path).framing["terminator"] == "crlf"


def test_profile_saved_as_cp1252_gets_a_clear_message(tmp_path):
    path = write_profile(tmp_path, encoding="cp1252")                # µS/cm, °C as single bytes
    assert_one_line(run("instruments", "check", str(path)), str(path), "not UTF-8", "save the file as UTF-8")


def test_invalid_yaml_is_one_line(tmp_path, capsys):
    path = tmp_path / "broken.yaml"
    path.write_text("name: x\nframing: {type: line\nrecord: [", encoding="utf-8")
    assert_one_line(InProcess(capsys)("instruments", "check", str(path)), str(path), "not valid YAML",
                    "indentation")


def test_one_broken_file_in_the_folder_leaves_the_others_usable(tmp_path, store):
    folder = tmp_path / "profiles"
    folder.mkdir()
    write_profile(folder, name="good.yaml")
    write_profile(folder, lambda d: d.update(name="bad_one", colour="red"), name="bad.yaml")
    proc = run("instruments", "profiles", "--profiles-dir", str(folder))
    line = assert_one_line(proc, "bad.yaml", "colour", "unknown key")
    assert "skipped" in line and "my_meter" in proc.stdout and "wtw_multi" in proc.stdout
    # ...and a good profile from that folder still records (the broken one is only warned about)
    from fieldapp.instruments.simulator import DeviceSimulator
    store.create_incident("test", code="T-9")
    sim = DeviceSimulator(builtin_profile("wtw_multi"), rate_hz=20, seed=1)
    port = sim.start()
    try:
        rec = run("instruments", "record", "my_meter", "--port", port, "--seconds", "1.5", "--progress", "0.5",
                  "--profiles-dir", str(folder), "--store", str(store.path))
    finally:
        sim.stop()
    assert rec.returncode == 0, rec.stderr
    assert "bad.yaml" in rec.stderr and "Traceback" not in rec.stderr
    assert "data lines" in rec.stdout and "readings stored" in rec.stdout


def test_the_user_folder_is_the_same_for_cli_and_gui(tmp_path, monkeypatch):
    home = tmp_path / "cfg"
    folder = home / "fieldapp" / "instruments"
    folder.mkdir(parents=True)
    write_profile(folder, name="mine.yaml")
    proc = run("instruments", "profiles", env_home=home)
    assert proc.returncode == 0 and "my_meter" in proc.stdout and str(folder) in proc.stdout
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    from fieldapp.instruments.profiles import user_profile_dir
    assert user_profile_dir() == folder                          # what the GUI panel reads too


@pytest.mark.parametrize("argv", [
    ("instruments", "record", "no_such_meter", "--port", "/dev/null"),
    ("simulate", "no_such_meter", "--seconds", "1"),
])
def test_unknown_profile_name(argv, capsys):
    proc = run(*argv) if argv[0] == "simulate" else InProcess(capsys)(*argv)
    assert_one_line(proc, "no profile named 'no_such_meter'", "use one of", "wtw_multi")


def test_simulate_a_profile_without_a_simulate_section(tmp_path, capsys):
    path = write_profile(tmp_path, lambda d: d.pop("simulate"))
    assert_one_line(InProcess(capsys)("simulate", str(path), "--seconds", "1"), str(path),
                    "simulate.template", "add a simulate section")
