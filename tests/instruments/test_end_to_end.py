"""Simulated devices on real pty / socat pairs -> ConnectionManager -> InstrumentSink -> real store."""
from __future__ import annotations

import os
import re
import subprocess

import pytest

from fieldapp.instruments import ConnectionManager, DeviceConfig, InstrumentSink
from fieldapp.instruments.sim_formats import Faults
from fieldapp.instruments.simulator import DeviceSimulator

from instr_helpers import wait_until

BUILTIN = ["gps_nmea", "orion_star_a", "otis_gen2", "rae_csv", "wtw_multi", "ysi_exo"]


def count(store, where: str = "1", args=()) -> int:
    return store.conn.execute(f"SELECT count(*) FROM instrument_raw WHERE {where}", args).fetchone()[0]


def data_rows(store, device: str) -> int:
    return count(store, "device = ? AND parse_status IN ('ok', 'partial')", (device,))


def fast(profile):
    """Polled profiles: poll quickly so the tests stay short. A copy: the session-wide ``profiles``
    fixture stays as loaded for every other test."""
    import dataclasses

    if profile.poll:
        return dataclasses.replace(profile, poll={**profile.poll, "interval": 0.05})
    return profile


def drain(sim, sink, store, device, minus_invalid: bool = False):
    """Stop the simulator talking, then wait until every valid record it sent is a stored row."""
    sim.halt()
    want = sim.sent_records - (sim.sent_invalid if minus_invalid else 0)
    ok = wait_until(lambda: (sink.flush(), data_rows(store, device))[1] >= want, 8)
    sink.flush()
    return ok


@pytest.mark.parametrize("name", BUILTIN)
def test_every_builtin_profile_end_to_end_over_a_pty(name, profiles, store, incident):
    inc, point = incident
    prof = fast(profiles[name])
    sim = DeviceSimulator(prof, rate_hz=25, faults=Faults(bad_values=0.05), seed=7)
    port = sim.start()
    sink = InstrumentSink(store, inc["uuid"], point["uuid"], flush_ms=30)
    statuses = []
    try:
        with ConnectionManager(on_records=sink, on_status=statuses.append) as mgr:
            mgr.add(DeviceConfig("dev", prof, port=port))
            assert wait_until(lambda: sim.sent_records >= 10), f"simulator sent {sim.sent_records}"
            assert drain(sim, sink, store, "dev")
            live = mgr.live.current("dev")
    finally:
        sim.stop()
        sink.close()
    assert data_rows(store, "dev") == sim.sent_records        # nothing lost, nothing invented
    bad = store.conn.execute("SELECT raw, reason FROM instrument_raw WHERE kind != 'status' "
                             "AND parse_status IN ('error', 'quarantined')").fetchall()
    assert not bad
    readings = store.conn.execute(
        "SELECT count(*), count(DISTINCT parameter), min(incident_uuid), min(point_uuid) "
        "FROM instrument_readings WHERE device = 'dev'").fetchone()
    assert readings[0] >= sim.sent_records and readings[1] >= 1
    assert readings[2] == inc["uuid"] and readings[3] == point["uuid"]
    # never green before a valid record: 'connecting' while the port is open, then 'connected'
    states = [s.state for s in statuses]
    assert live and states[0] == "connecting" and "connected" in states and statuses[0].port == port
    flagged = store.conn.execute("SELECT count(*) FROM instrument_readings WHERE value IS NULL AND flag = ''")
    assert flagged.fetchone()[0] == 0


def test_socat_pair_carries_a_polled_device(profiles, store, incident):
    inc, point = incident
    proc = subprocess.Popen(["socat", "-d", "-d", "pty,raw,echo=0", "pty,raw,echo=0"],
                            stderr=subprocess.PIPE, text=True)
    try:
        names = []
        while len(names) < 2:
            line = proc.stderr.readline()
            assert line, "socat exited early"
            names += re.findall(r"PTY is (\S+)", line)
        prof = fast(profiles["orion_star_a"])
        sink = InstrumentSink(store, inc["uuid"], point["uuid"], flush_ms=30)
        with ConnectionManager(on_records=sink) as mgr:
            mgr.add(DeviceConfig("orion", prof, port=names[1]))
            sim = DeviceSimulator(prof, port=names[0], seed=1)
            sim.start()
            assert wait_until(lambda: sim.sent_records >= 5)
            assert drain(sim, sink, store, "orion")
        sim.stop()
        sink.close()
        assert data_rows(store, "orion") == sim.sent_records
        echoes = count(store, "device = 'orion' AND kind = 'echo'")
        assert echoes >= sim.sent_records       # every GETMEAS echo recognised, not parsed as data
    finally:
        proc.terminate()
        proc.wait(5)


@pytest.mark.parametrize("name,first_bytes", [("wtw_multi", b"Multi 3630"), ("otis_gen2", b"\x81\x13")])
def test_unplug_mid_line_and_replug_under_a_new_name(name, first_bytes, profiles, store, incident, tmp_path):
    inc, point = incident
    prof = profiles[name]
    link = tmp_path / "ttyFIELD0"
    sim = DeviceSimulator(prof, rate_hz=25, seed=2, link=link)
    sim.start()
    first = os.path.realpath(link)
    sink = InstrumentSink(store, inc["uuid"], point["uuid"], flush_ms=30)
    statuses = []
    blocker = None
    try:
        with ConnectionManager(on_records=sink, on_status=statuses.append) as mgr:
            mgr.add(DeviceConfig("wtw", prof, globs=[str(tmp_path / "ttyFIELD*")],
                                 backoff_min=0.05, backoff_max=0.2))
            assert wait_until(lambda: sim.sent_records >= 5)
            sim.unplug(mid_line=True)
            assert wait_until(lambda: any(s.state == "error" for s in statuses))
            blocker = os.openpty()           # hold the freed pts number: the device returns elsewhere
            sim.replug()
            second = os.path.realpath(link)
            before = sim.sent_records
            assert wait_until(lambda: sim.sent_records >= before + 5)
            assert drain(sim, sink, store, "wtw")
    finally:
        sim.stop()
        sink.close()
        for fd in blocker or ():
            os.close(fd)
    assert second != first
    assert data_rows(store, "wtw") == sim.sent_records           # no complete line lost
    half = store.conn.execute("SELECT raw, reason FROM instrument_raw WHERE parse_status = 'quarantined'"
                              ).fetchall()
    assert len(half) == 1 and "port closed" in half[0][1] and half[0][0].startswith(first_bytes)
    lost = count(store, "kind = 'status' AND parse_status = 'error' AND reason LIKE '%lost%'")
    assert lost == 1
    assert [s.state for s in statuses].count("connected") >= 2
    events = [r[0] for r in store.conn.execute(
        "SELECT reason FROM instrument_raw WHERE kind = 'status' AND reason LIKE 'connected on%' "
        "ORDER BY received_at")]
    assert events[0].endswith(f"-> {first}") and events[-1].endswith(f"-> {second}")


def test_garbage_at_wrong_baud_gives_error_status_and_stored_reasons(profiles, store, incident):
    inc, _ = incident
    master, slave = os.openpty()
    name = os.ttyname(slave)
    os.close(slave)
    sink = InstrumentSink(store, inc["uuid"], flush_ms=30)
    statuses = []
    with ConnectionManager(on_records=sink, on_status=statuses.append) as mgr:
        reader = mgr.add(DeviceConfig("rae", profiles["rae_csv"], port=name))
        assert wait_until(lambda: statuses and statuses[-1].state == "connecting")
        # What 9600-baud text looks like read at the wrong rate: high bytes, few terminators.
        junk = bytes((i * 73 + 129) % 256 for i in range(3000)).replace(b"\n", b"")
        for i in range(0, len(junk), 100):
            os.write(master, junk[i:i + 100] + (b"\r\n" if i % 300 == 0 else b""))
        assert wait_until(lambda: statuses[-1].state == "error")
        assert "do not parse" in statuses[-1].reason
        assert wait_until(lambda: reader.bytes_in == len(junk) + 2 * 10)
    sink.close()
    os.close(master)
    rows = store.conn.execute("SELECT parse_status, reason, length(raw) FROM instrument_raw "
                              "WHERE kind != 'status'").fetchall()
    assert rows and all(st in ("error", "quarantined") and reason for st, reason, _ in rows)
    assert sum(n for *_, n in rows) == len(junk) + 2 * 10      # every byte stored somewhere


def test_banner_checksum_errors_and_bad_values_are_stored_with_reasons(profiles, store, incident):
    inc, point = incident
    sims = {"wtw": DeviceSimulator(profiles["wtw_multi"], 25, Faults(banner=True, bad_values=0.3), seed=4),
            "otis": DeviceSimulator(profiles["otis_gen2"], 25, Faults(corrupt=0.3, garbage=0.3), seed=5),
            "gps": DeviceSimulator(profiles["gps_nmea"], 25, Faults(corrupt=0.3), seed=6)}
    sink = InstrumentSink(store, inc["uuid"], point["uuid"], flush_ms=30)
    with ConnectionManager(on_records=sink) as mgr:
        for dev, sim in sims.items():
            mgr.add(DeviceConfig(dev, sim.profile, port=sim.start()))
        assert wait_until(lambda: all(s.sent_records >= 20 for s in sims.values()))
        for dev, sim in sims.items():
            assert drain(sim, sink, store, dev, minus_invalid=True), (
                dev, sim.sent_records, sim.sent_invalid, store.conn.execute(
                    "SELECT parse_status, kind, count(*), group_concat(DISTINCT reason) FROM instrument_raw "
                    "WHERE device = ? GROUP BY 1, 2", (dev,)).fetchall())
    for sim in sims.values():
        sim.stop()
    sink.close()
    banner = store.conn.execute("SELECT reason FROM instrument_raw WHERE device='wtw' AND raw LIKE 'SN,%' "
                                "OR (device='wtw' AND parse_status='error')").fetchall()
    assert banner and "at least 7 fields" in banner[0][0]
    for dev in ("otis", "gps"):
        sim = sims[dev]
        assert data_rows(store, dev) == sim.sent_records - sim.sent_invalid
        bad = count(store, "device = ? AND reason LIKE '%checksum mismatch%'", (dev,))
        assert bad >= sim.sent_invalid > 0
    flags = dict(store.conn.execute("SELECT flag, count(*) FROM instrument_readings WHERE device='wtw' "
                                    "GROUP BY flag").fetchall())
    assert flags.get("over") and flags.get("missing") and flags.get("error")
    lt = store.conn.execute("SELECT count(*) FROM instrument_readings WHERE qualifier = '<'").fetchone()[0]
    assert lt > 0


def test_missing_port_reports_status_and_keeps_retrying(profiles, tmp_path):
    statuses = []
    with ConnectionManager(on_status=statuses.append) as mgr:
        reader = mgr.add(DeviceConfig("ghost", profiles["gps_nmea"], port=str(tmp_path / "ttyNOPE"),
                                      backoff_min=0.02, backoff_max=0.05))
        assert wait_until(lambda: statuses and statuses[-1].state == "error")
        assert "not found" in statuses[-1].reason and reader.is_alive()
    assert statuses[-1].state == "stopped"
