"""Instrument pipeline bench: 8 simulated analyzers at 10 Hz + a GPS at 10 Hz over real ptys.

Part 1 (live): simulators -> ConnectionManager reader threads -> InstrumentSink -> SpatiaLite store.
  Prints lines sent vs received per device (target: zero lost) and the worst lateness of a 5 ms
  timer on the main thread while everything runs (GIL contention; the Qt panel adds its own
  event-loop probe through ``stall_probe``).
Part 2 (throughput, same run): the raw bytes received in part 1 are decoded and stored again
  (framing + parsing + row building + batched inserts) into a fresh store, and the SAME rows,
  prebuilt, are inserted with plain executemany into another fresh store with the same schema,
  batch size and transactions. Prints rows/s of both and the ratio (target >= 0.5x).

    .venv/bin/python bench/bench_instruments.py [--seconds 60] [--quick]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fieldapp.instruments import ConnectionManager, DeviceConfig, InstrumentSink, StreamDecoder  # noqa: E402
from fieldapp.instruments.profiles import load_profiles  # noqa: E402
from fieldapp.instruments.sim_formats import Faults  # noqa: E402
from fieldapp.instruments.simulator import DeviceSimulator  # noqa: E402
from fieldapp.instruments.sink import RAW_SQL, READING_SQL, build_rows, write_rows  # noqa: E402
from fieldapp.store import open_store  # noqa: E402

ANALYZERS = ["orion_star_a", "wtw_multi", "ysi_exo", "rae_csv", "otis_gen2",
             "wtw_multi", "rae_csv", "otis_gen2"]
BATCH = 500


def new_store(folder: str, name: str):
    st = open_store(Path(folder) / name, create=True)
    st.set_identity("bench unit", "bench team", "bench-laptop")
    return st


class TimerProbe:
    """Max lateness of a periodic 5 ms sleep on the calling thread (a Qt-free stall proxy).

    The Qt layer passes its own ``stall_probe`` (an object with ``start()`` and ``stop() -> max
    stall in ms``, e.g. a QTimer on the GUI event loop) to ``main``/``live_run``.
    """

    def __init__(self, period: float = 0.005):
        self.period, self.max_late_ms = period, 0.0

    def run_until(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            t0 = time.perf_counter()
            time.sleep(self.period)
            late = (time.perf_counter() - t0 - self.period) * 1000
            self.max_late_ms = max(self.max_late_ms, late)


def live_run(seconds: float, folder: str, stall_probe=None) -> tuple[dict, object]:
    profiles = load_profiles()
    store = new_store(folder, "live.sqlite")
    inc = store.create_incident("bench")
    sink = InstrumentSink(store, inc["uuid"], flush_rows=BATCH, flush_ms=200)
    sims = {}
    for i, name in enumerate(ANALYZERS + ["gps_nmea"]):
        prof = profiles[name]
        if prof.poll:
            prof.poll = {**prof.poll, "interval": 0.1}
        sims[f"{name}-{i}"] = DeviceSimulator(prof, rate_hz=10, faults=Faults(bad_values=0.01), seed=i)
    mgr = ConnectionManager(on_records=sink)
    for dev, sim in sims.items():
        mgr.add(DeviceConfig(dev, sim.profile, port=sim.start()))
    probe = TimerProbe()
    if stall_probe is not None:
        stall_probe.start()
    probe.run_until(time.monotonic() + seconds)
    gui_stall = stall_probe.stop() if stall_probe is not None else None
    for sim in sims.values():
        sim.halt()
    time.sleep(0.5)                      # replies in flight reach the readers
    sink.flush()
    mgr.stop_all()
    sink.close()
    received = dict(store.conn.execute(
        "SELECT device, count(*) FROM instrument_raw WHERE parse_status IN ('ok', 'partial') "
        "GROUP BY device"))
    result = {dev: (sim.sent_records, received.get(dev, 0)) for dev, sim in sims.items()}
    for sim in sims.values():
        sim.stop()
    return {"devices": result, "timer_stall_ms": probe.max_late_ms, "gui_stall_ms": gui_stall,
            "flush_max_ms": sink.stats.max_flush_ms, "flushes": sink.stats.flushes}, store


STAMP = "2026-11-29T00:00:00.000Z"


def _parse_and_store(streams: dict, profiles: dict, st) -> tuple[float, int]:
    """The product path: decode each device's bytes, build rows, batched transactions."""
    inc = st.create_incident("bench")["uuid"]
    rows, pending = 0, []

    def flush(items):
        nonlocal rows
        with st.transaction():
            raw_rows, reading_rows = build_rows(st.new_meta(), items)
            write_rows(st, raw_rows, reading_rows)
        rows += len(raw_rows) + len(reading_rows)

    t0 = time.perf_counter()
    for (dev, prof), chunks in streams.items():
        dec = StreamDecoder(profiles[prof], dev, "bench")
        for chunk in chunks:
            pending += [(rec, inc, None) for rec in dec.feed(chunk, STAMP)]
            if len(pending) >= BATCH:
                flush(pending)
                pending = []
        pending += [(r, inc, None) for r in dec.flush("end", STAMP)]
    if pending:
        flush(pending)
    return time.perf_counter() - t0, rows


def _raw_inserts(streams: dict, profiles: dict, st) -> tuple[float, int]:
    """Baseline: the same rows, built before the clock starts, plain executemany, same batches."""
    inc = st.create_incident("bench")["uuid"]
    with st.transaction():
        meta = st.new_meta()
    pending = []
    for (dev, prof), chunks in streams.items():
        dec = StreamDecoder(profiles[prof], dev, "bench")
        recs = [r for c in chunks for r in dec.feed(c, STAMP)] + dec.flush("end", STAMP)
        pending += [(r, inc, None) for r in recs]
    batches = [build_rows(meta, pending[i:i + BATCH]) for i in range(0, len(pending), BATCH)]
    t0 = time.perf_counter()
    for raw_rows, reading_rows in batches:
        st.conn.execute("BEGIN IMMEDIATE")
        st.conn.executemany(RAW_SQL, raw_rows)
        if reading_rows:
            st.conn.executemany(READING_SQL, reading_rows)
        st.conn.execute("COMMIT")
    return time.perf_counter() - t0, sum(len(a) + len(b) for a, b in batches)


def throughput(live_store, folder: str, rounds: int = 3) -> dict:
    """Re-decode the bytes received live and store them, vs raw inserts of the same rows.

    Alternating rounds into fresh store files, best time of each side: fsync noise on a
    synchronous=FULL store otherwise dominates short runs.
    """
    profiles = load_profiles()
    streams: dict = {}
    for dev, prof, raw in live_store.conn.execute(
            "SELECT device, profile, raw FROM instrument_raw WHERE kind != 'status' ORDER BY rowid"):
        streams.setdefault((dev, prof), []).append(bytes(raw))
    ours, base = [], []
    for i in range(rounds):
        for label, fn, out in (("ours", _parse_and_store, ours), ("base", _raw_inserts, base)):
            st = new_store(folder, f"{label}-{i}.sqlite")
            out.append(fn(streams, profiles, st))
            st.close()
    t_ours, rows = min(ours)
    t_base, base_rows = min(base)
    return {"rows": rows, "base_rows": base_rows, "bytes": sum(len(c) for cs in streams.values() for c in cs),
            "ours_s": t_ours, "base_s": t_base, "ours_rps": rows / t_ours, "base_rps": base_rows / t_base,
            "ratio": (rows / t_ours) / (base_rows / t_base), "rounds": rounds}


def main(argv=None, stall_probe=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--quick", action="store_true", help="10 s instead of 60 s")
    args = ap.parse_args(argv)
    seconds = 10.0 if args.quick else args.seconds
    with tempfile.TemporaryDirectory() as folder:
        print(f"live run: {len(ANALYZERS)} analyzers + 1 GPS at 10 Hz for {seconds:g} s ...", flush=True)
        live, store = live_run(seconds, folder, stall_probe)
        total_sent = total_recv = 0
        for dev, (sent, recv) in live["devices"].items():
            total_sent, total_recv = total_sent + sent, total_recv + recv
            print(f"  {dev:16s} sent {sent:6d}  received {recv:6d}  lost {sent - recv:4d}")
        lost = total_sent - total_recv
        print(f"lines: sent {total_sent}, received {total_recv}, lost {lost} (target 0) "
              f"-> {'OK' if lost == 0 else 'FAIL'}")
        print(f"sink: {live['flushes']} flushes, slowest {live['flush_max_ms']:.1f} ms")
        print(f"main-thread 5 ms timer, worst lateness while streaming: {live['timer_stall_ms']:.1f} ms "
              "(Qt-free proxy; GUI probe: see stall_probe hook)")
        if live["gui_stall_ms"] is not None:
            print(f"GUI event-loop max stall: {live['gui_stall_ms']:.1f} ms (target < 50 ms)")
        tp = throughput(store, folder)
        store.close()
    print(f"throughput: parse+store {tp['ours_rps']:.0f} rows/s ({tp['rows']} rows, {tp['bytes']} bytes, "
          f"best of {tp['rounds']}: {tp['ours_s']:.3f} s) vs raw executemany {tp['base_rps']:.0f} rows/s "
          f"({tp['base_s']:.3f} s)")
    print(f"ratio parse+store / raw inserts = {tp['ratio']:.2f}x (target >= 0.5x) -> "
          f"{'OK' if tp['ratio'] >= 0.5 else 'FAIL'}")
    return 0 if lost == 0 and tp["ratio"] >= 0.5 else 1


if __name__ == "__main__":
    raise SystemExit(main())
