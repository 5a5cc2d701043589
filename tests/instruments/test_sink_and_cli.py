"""Batched store writes, "record current values" into measurements, and the simulate CLI."""
from __future__ import annotations

import subprocess
import sys
import uuid
from datetime import datetime
from pathlib import Path

import serial

from fieldapp.core.timeutil import to_iso
from fieldapp.instruments import InstrumentSink, LiveValues, StreamDecoder, record_current_values

from instr_helpers import decode_all

WTW = ("Multi 3630 IDS;15171001;;29.11.2026 13:05:41;7.012;pH;pH;34.3E+3;µS/cm;Cond;21.4;°C;Temp;"
       "OVER;mg/l;Oxi;\r\n").encode("cp1252")


def test_fast_stream_is_written_in_few_transactions(store, incident, profiles):
    inc, point = incident
    recs = decode_all(StreamDecoder(profiles["wtw_multi"], "wtw"), [WTW * 2000])
    sink = InstrumentSink(store, inc["uuid"], point["uuid"], flush_rows=500, flush_ms=10_000)
    for i in range(0, len(recs), 10):
        sink.submit(recs[i:i + 10])
    assert sink.flush()
    sink.close()
    n_raw = store.conn.execute("SELECT count(*) FROM instrument_raw").fetchone()[0]
    n_read = store.conn.execute("SELECT count(*) FROM instrument_readings").fetchone()[0]
    assert n_raw == 2000 and n_read == 8000
    assert sink.stats.flushes <= 5 and sink.stats.failures == 0
    seqs = store.conn.execute("SELECT count(DISTINCT change_seq) FROM instrument_raw").fetchone()[0]
    assert seqs == sink.stats.flushes            # one transaction (one change_seq) per flush
    row = store.conn.execute("SELECT raw, device_time, uuid FROM instrument_raw LIMIT 1").fetchone()
    # the meter's local clock is stored as UTC, like every other time in the store
    local = to_iso(datetime(2026, 11, 29, 13, 5, 41).astimezone())
    assert bytes(row[0]) == WTW and row[1] == local
    assert uuid.UUID(row[2]).version == 4


def test_failed_flush_reports_and_writes_nothing_half(store, profiles):
    errors = []
    sink = InstrumentSink(store, "no-such-incident", flush_ms=10, on_error=errors.append)
    sink.submit(decode_all(StreamDecoder(profiles["wtw_multi"]), [WTW * 3]))
    assert not sink.flush(timeout=0.5)
    sink.close(timeout=1)
    assert errors and "FOREIGN KEY" in str(errors[0]).upper()
    assert store.conn.execute("SELECT count(*) FROM instrument_raw").fetchone()[0] == 0
    assert store.conn.execute("SELECT count(*) FROM instrument_readings").fetchone()[0] == 0


def test_record_current_values_makes_measurements_and_explains_skips(store, incident, profiles):
    _inc, point = incident
    live = LiveValues()
    live.update(decode_all(StreamDecoder(profiles["wtw_multi"], "WTW-1"), [WTW]))
    gps = b"$GNGGA,031500.00,3035.5680,N,11418.3300,E,1,09,0.9,23.4,M,-3.1,M,,*"
    from fieldapp.instruments.parsers.nmea import nmea_checksum
    gps += f"{nmea_checksum(gps[1:-1].decode()):02X}\r\n".encode()
    live.update(decode_all(StreamDecoder(profiles["gps_nmea"], "GPS"), [gps]))
    assert live.fix and abs(live.fix.lat - 30.5928) < 1e-4
    result = record_current_values(store, live.current(), point["uuid"])
    got = {m["parameter"]: (m["value"], m["unit"], m["source"]) for m in result.written}
    assert got == {"ph": (7.012, "pH", "instrument"), "conductivity": (34300.0, "µS/cm", "instrument"),
                   "water_temp": (21.4, "°C", "instrument")}
    skipped = dict(result.skipped)
    assert "OVER" in skipped["WTW-1:Oxi"] and "position" in skipped["GPS:latitude"]
    stored = store.list_measurements(point_uuid=point["uuid"])
    assert len(stored) == 3 and all("WTW-1" in m["instrument"] for m in stored)


def test_simulate_cli_prints_a_port_that_speaks_the_profile():
    proc = subprocess.Popen([sys.executable, "-m", "fieldapp.instruments.simulator", "gps_nmea",
                             "--rate", "20", "--seconds", "5"], stdout=subprocess.PIPE, text=True,
                            cwd=Path(__file__).resolve().parents[2])
    try:
        port = proc.stdout.readline().strip()
        assert port.startswith("/dev/")
        with serial.Serial(port, timeout=2) as ser:
            lines = [ser.readline() for _ in range(4)]
        assert any(line.startswith(b"$GNGGA,") for line in lines)
    finally:
        proc.terminate()
        proc.wait(5)


def test_cli_record_logs_a_simulated_device_into_the_store(store, incident, profiles, capsys):
    import argparse

    from fieldapp.instruments.cli import add_parser
    from fieldapp.instruments.simulator import DeviceSimulator

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--store")
    ap = argparse.ArgumentParser(prog="fieldapp")
    add_parser(ap.add_subparsers(dest="command"), common)
    sim = DeviceSimulator(profiles["rae_csv"], rate_hz=20, seed=3)
    port = sim.start()
    try:
        args = ap.parse_args(["instruments", "record", "rae_csv", "--port", port, "--seconds", "1.2",
                              "--progress", "0.5", "--device", "RAE-7", "--store", str(store.path)])
        assert args.func(args) == 0
    finally:
        sim.stop()
    out = capsys.readouterr().out
    assert "RAE-7: connecting" in out and "RAE-7: connected" in out and "stored" in out
    progress = [line for line in out.splitlines() if "data lines" in line]
    assert progress and "readings stored" in progress[0]       # told as it goes, not only at the end
    n = store.conn.execute("SELECT count(*) FROM instrument_readings "
                           "WHERE device='RAE-7' AND incident_uuid=?",
                           (incident[0]["uuid"],)).fetchone()[0]
    assert n >= 5 * 5

    args = ap.parse_args(["instruments", "profiles"])
    assert args.func(args) == 0 and "otis_gen2" in capsys.readouterr().out
