"""Store benchmarks (issue 2). Ratios are against baselines measured in the same run.

1. Inserting N measurements through the store API (resolve the parameter id, validate, normalise
   units exactly, stamp, one transaction) vs
   a. a raw ``executemany`` of already-prepared rows into the same store table, and
   b. a plain stdlib ``sqlite3`` ``executemany`` into a table with the same columns and indexes
      (no triggers, no SpatiaLite; WAL and synchronous=FULL like the store).
   Target: API >= 0.5x of (b) (issue "One truth": resolving ids must not slow the write path).
2. A 10 km radius query over N points with the SpatiaLite R*Tree index vs a full scan.
   Target: index >= 20x faster.

    python bench/bench_store.py            # 100k measurements, 100k points
    python bench/bench_store.py --quick    # 10k / 10k, for the test suite's smoke run
"""
from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fieldapp.store import open_store  # noqa: E402


def _fresh(tmp: Path, name: str):
    st = open_store(tmp / name, create=True)
    st.set_identity("bench unit", "bench team", "bench-laptop")
    inc = st.create_incident("bench", "2026-11-01 08:00", code="B")
    pt = st.add_point(inc["uuid"], 24.6, 108.4)
    return st, st.get("sampling_points", pt["uuid"])


def bench_inserts(tmp: Path, n: int, rounds: int) -> dict:
    values = [f"{random.uniform(0.0001, 0.5):.5f}" for _ in range(n)]
    api_times, raw_times, plain_times = [], [], []
    for r in range(rounds):
        # API: strings as typed, units to normalise, timestamps to parse, one transaction
        st, point = _fresh(tmp, f"api{r}.sqlite")
        t = time.perf_counter()
        prepared = [st.prepare_measurement(point, "Cd", v, "µg/L", measured_at="2026-11-02T08:00:00Z")
                    for v in values]
        st.add_measurements(prepared)
        api_times.append(time.perf_counter() - t)
        assert st.conn.execute("SELECT COUNT(*) FROM measurements").fetchone()[0] == n
        st.close()
        # raw: the same final rows, prepared outside the timing, one executemany in one transaction
        st, point = _fresh(tmp, f"raw{r}.sqlite")
        with st.transaction():
            meta = st.new_meta()
        rows = []
        for v in values:
            m = {**meta, "uuid": str(uuid.uuid4()), "incident_uuid": point["incident_uuid"],
                 "point_uuid": point["uuid"], "sample_uuid": None, "parameter": "Cd", "parameter_id": "cadmium",
                 "value": float(v) * 1e-3, "unit": "mg/L", "value_orig": v, "unit_orig": "µg/L",
                 "qualifier": "", "method": "", "instrument": "", "measured_at": "2026-11-02T08:00:00.000Z",
                 "entered_by": "", "source": "manual"}
            rows.append(m)
        cols = list(rows[0])
        sql = f"INSERT INTO measurements ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        data = [[m[c] for c in cols] for m in rows]
        t = time.perf_counter()
        st.conn.execute("BEGIN IMMEDIATE")
        st.conn.executemany(sql, data)
        st.conn.execute("COMMIT")
        raw_times.append(time.perf_counter() - t)
        schema = _schema_of(st.conn, "measurements")
        st.close()
        plain_times.append(_plain_sqlite(tmp / f"plain{r}.sqlite", schema, sql, data))
    api, raw, plain = (statistics.median(x) for x in (api_times, raw_times, plain_times))
    return {"api_s": api, "raw_s": raw, "plain_s": plain, "api_rows_s": n / api, "raw_rows_s": n / raw,
            "plain_rows_s": n / plain, "ratio": raw / api, "plain_ratio": plain / api}


def _schema_of(conn, table: str) -> list[str]:
    """CREATE TABLE and CREATE INDEX statements of ``table`` (the same columns, checks and indexes)."""
    return [sql for (sql,) in conn.execute(
        "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('table', 'index') AND sql IS NOT NULL "
        "ORDER BY type DESC", (table,))]


def _plain_sqlite(path: Path, schema: list[str], sql: str, data) -> float:
    """Seconds for one executemany of ``data`` into a plain stdlib sqlite3 table (no SpatiaLite, no
    triggers, no foreign keys), WAL + synchronous=FULL as the store uses."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    for stmt in schema:
        conn.execute(stmt)
    t = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(sql, data)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - t
    assert conn.execute("SELECT COUNT(*) FROM measurements").fetchone()[0] == len(data)
    conn.close()
    return elapsed


def bench_radius(tmp: Path, n: int, queries: int) -> dict:
    st, point = _fresh(tmp, "points.sqlite")
    rng = random.Random(7)
    inc = point["incident_uuid"]
    # n points over about 200 km x 200 km, written straight in one transaction (fast fixture)
    with st.transaction():
        base = st.new_meta()
        rows = []
        for i in range(n):
            lat, lon = 24.0 + rng.uniform(0, 1.8), 108.0 + rng.uniform(0, 2.0)
            rows.append({**base, "uuid": str(uuid.uuid4()), "incident_uuid": inc, "code": f"P{i}",
                         "name": "", "media": "water", "role": "other", "description": "",
                         "lat": lat, "lon": lon, "coord_source": "typed"})
        for r in rows:
            st._insert_point(r)
    centres = [(24.9 + rng.uniform(-0.5, 0.5), 109.0 + rng.uniform(-0.5, 0.5)) for _ in range(queries)]
    t = time.perf_counter()
    with_idx = [st.points_within(la, lo, 10_000, use_index=True) for la, lo in centres]
    t_idx = (time.perf_counter() - t) / queries
    t = time.perf_counter()
    scan = [st.points_within(la, lo, 10_000, use_index=False) for la, lo in centres[: max(3, queries // 10)]]
    t_scan = (time.perf_counter() - t) / len(scan)
    for a, b in zip(with_idx, scan):
        assert sorted(a) == sorted(b), "index and scan disagree"
    st.close()
    return {"index_ms": t_idx * 1e3, "scan_ms": t_scan * 1e3, "ratio": t_scan / t_idx,
            "hits": statistics.mean(len(x) for x in with_idx)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small sizes (smoke run)")
    ap.add_argument("-n", type=int, default=None, help="rows/points (default 100000, quick 10000)")
    args = ap.parse_args(argv)
    n = args.n or (10_000 if args.quick else 100_000)
    rounds = 1 if args.quick else 3
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        ins = bench_inserts(tmp, n, rounds)
        print(f"insert {n} measurements: API {ins['api_s']:.3f} s ({ins['api_rows_s']:,.0f} rows/s), "
              f"raw executemany into the store {ins['raw_s']:.3f} s ({ins['raw_rows_s']:,.0f} rows/s), "
              f"plain sqlite3 {ins['plain_s']:.3f} s ({ins['plain_rows_s']:,.0f} rows/s)")
        print(f"  API/raw-store throughput ratio: {ins['ratio']:.2f}x")
        print(f"  API/plain-sqlite3 throughput ratio: {ins['plain_ratio']:.2f}x  (target >= 0.5x) "
              f"{'OK' if ins['plain_ratio'] >= 0.5 else 'BELOW TARGET'}")
        rad = bench_radius(tmp, n, 30 if args.quick else 100)
        print(f"10 km radius over {n} points (~{rad['hits']:.0f} hits): index {rad['index_ms']:.2f} ms, "
              f"full scan {rad['scan_ms']:.2f} ms")
        print(f"  index speed-up: {rad['ratio']:.1f}x  (target >= 20x) "
              f"{'OK' if rad['ratio'] >= 20 else 'BELOW TARGET'}")
    ok = ins["plain_ratio"] >= 0.5 and rad["ratio"] >= 20
    return 0 if ok or args.quick else 1


if __name__ == "__main__":
    sys.exit(main())
