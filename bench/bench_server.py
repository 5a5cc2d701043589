"""The working group's server: consolidating 50 team bundles (1M instrument readings in all) into
PostGIS against a raw COPY of the same rows in the same run (target >= 0.5x), and a consolidated
report query set on the server archive against the same queries on a SpatiaLite consolidation.

Both PostgreSQL databases live in one throwaway cluster (fieldapp.server.localcluster) with
durable settings (fsync, synchronous_commit and full_page_writes on, as a real server runs). The
raw COPY takes each team's rows already in memory (read from its store before the clock starts)
and streams them with psycopg's COPY into an empty copy of the same schema: the database's own
cost of storing them, indexes included, without FieldApp's verification and merge. Also printed:
the SpatiaLite consolidation of the same bundles, the database size, a pg_dump -Fc and a
pg_basebackup of the archive (docs/scale.md quotes these numbers).

    .venv/bin/python bench/bench_server.py [--quick] [--teams 50] [--readings 1000000] [--db URL]
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_sync import build_store  # noqa: E402  (the same reading generator as the sync bench)

from fieldapp.server.connection import init_server  # noqa: E402
from fieldapp.server.importer import default_jobs, import_bundles  # noqa: E402
from fieldapp.server.localcluster import LocalCluster  # noqa: E402
from fieldapp.store import open_store  # noqa: E402
from fieldapp.sync import export_bundle, import_bundle, keys  # noqa: E402
from fieldapp.sync.schema import TableCodec, ordered_tables  # noqa: E402

POINTS, PER_POINT = 20, 10  # per team: sampling points and measurements at each


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def make_team(folder: Path, i: int, n: int) -> tuple[Path, Path]:
    """A team store with ``n`` readings, points and measurements; its full bundle."""
    path = folder / f"team{i:02d}.sqlite"
    st = build_store(path, n)
    st.set_identity(f"unit {i}", f"team {i:02d}", f"laptop-{i:02d}")
    inc = st.list_incidents()[0]
    prepared = []
    for k in range(POINTS):
        p = st.add_point(inc["uuid"], 24.0 + i / 100 + k / 1000, 108.0 + k / 100, role="downstream")
        for m in range(PER_POINT):
            prepared.append(st.prepare_measurement(p, ("Cd", "Pb", "Tl", "Sb", "pH")[m % 5],
                                                   f"{(m + k) % 9 + 1}" if m % 5 != 4 else "7.2",
                                                   "ug/L" if m % 5 != 4 else "pH",
                                                   measured_at=f"2026-11-0{1 + m % 3} {8 + k % 10:02d}:00"))
    st.add_measurements(prepared)
    bundle = folder / f"team{i:02d}.fab"
    export_bundle(st, bundle)
    st.close()
    return path, bundle


def trust_all(db, stores: list[Path]) -> None:
    for path in stores:
        st = open_store(path, read_only=True)
        ident = st.identity
        keys.trust(db, keys.public_hex(st), team=ident.team, device=ident.device, device_id=ident.device_id)
        st.close()


def raw_copy(url: str, stores: list[Path]) -> tuple[float, int]:
    """COPY every synced row of every store into the empty schema at ``url``; time of COPY alone."""
    import psycopg

    from fieldapp.server.backend import ewkb_hex

    total, rows_n = 0.0, 0
    with psycopg.connect(url) as conn:
        for path in stores:
            st = open_store(path, read_only=True)
            batches = []
            for table in ordered_tables(st.conn):
                codec = TableCodec(st.conn, table)
                cols = codec.data_cols
                rows = [list(r) for r in st.conn.execute(f'SELECT {", ".join(cols)}, AsBinary(geom) FROM "{table}"'
                                                          if codec.geom else f'SELECT {", ".join(cols)} FROM "{table}"')]
                if codec.geom:
                    gi = cols.index("geom")
                    rows = [r[:gi] + [ewkb_hex(r[-1], 4326)] + r[gi + 1:-1] for r in rows]
                if rows:
                    batches.append((table, cols, rows))
            st.close()
            t = time.perf_counter()
            with conn.transaction():
                for table, cols, rows in batches:
                    with conn.cursor().copy(f'COPY "{table}" ({", ".join(cols)}) FROM STDIN') as cp:
                        for r in rows:
                            cp.write_row(r)
                    rows_n += len(rows)
            total += time.perf_counter() - t
    return total, rows_n


REPORT_QUERIES = {
    "points of the incident": "SELECT code, name, role, lon, lat FROM sampling_points WHERE incident_uuid = ? "
                              "AND deleted = 0 ORDER BY code",
    "report rows": "SELECT p.code, m.parameter_id, m.value, m.unit, m.qualifier, m.measured_at FROM measurements m "
                   "JOIN sampling_points p ON p.uuid = m.point_uuid WHERE m.incident_uuid = ? AND m.deleted = 0 "
                   "ORDER BY m.measured_at, m.parameter",
    "readings per parameter": "SELECT parameter, COUNT(*), MIN(value), MAX(value), AVG(value) FROM instrument_readings "
                              "WHERE incident_uuid = ? AND deleted = 0 GROUP BY parameter",
    "latest readings": "SELECT parameter, value, received_at FROM instrument_readings WHERE incident_uuid = ? "
                       "AND deleted = 0 ORDER BY received_at DESC LIMIT 50",
    "teams and series": "SELECT created_by_team, parameter_id, COUNT(*), MAX(value) FROM measurements "
                        "WHERE incident_uuid = ? GROUP BY created_by_team, parameter_id",
}


def query_set(execute, incidents: list[str], repeat: int) -> dict[str, float]:
    out = {}
    for name, sql in REPORT_QUERIES.items():
        t = time.perf_counter()
        for _ in range(repeat):
            for inc in incidents:
                execute(sql, (inc,)).fetchall()
        out[name] = (time.perf_counter() - t) / repeat
    return out


def backups(cluster: LocalCluster, dbname: str, folder: Path) -> None:
    dump = folder / "archive.dump"
    _, t = timed(lambda: subprocess.run(["pg_dump", "-Fc", "-f", str(dump), cluster.url(dbname)], check=True))
    print(f"pg_dump -Fc: {t:.1f} s, {dump.stat().st_size / 1e6:.0f} MB")
    base = folder / "base"
    _, t = timed(lambda: subprocess.run(["pg_basebackup", "-D", str(base), "-Ft", "-z", "-X", "fetch", "-c", "fast",
                                         "-d", cluster.url("postgres")], check=True))
    size = sum(p.stat().st_size for p in base.iterdir())
    print(f"pg_basebackup (the start of a replica or of PITR): {t:.1f} s, {size / 1e6:.0f} MB compressed")


def replica_lag(cluster: LocalCluster, folder: Path, extra_bundle: Path, team_store: Path) -> None:
    """A streaming read replica made from pg_basebackup -R: time to build it, how long an import on
    the primary takes to show on it, and that it refuses writes."""
    import psycopg

    data = cluster.dir / "replica"
    port = cluster.port + 1
    _, t = timed(lambda: cluster._run("pg_basebackup", "-D", str(data), "-R", "-X", "stream", "-c", "fast",
                                      "-d", cluster.url("postgres")))
    cluster._run("pg_ctl", "-D", str(data), "-o", f"-k {cluster.dir} -c listen_addresses='' -p {port}",
                 "-l", str(cluster.dir / "replica.log"), "-w", "start")
    try:
        url = f"postgresql://fa@/archive?host={cluster.dir}&port={port}"
        with psycopg.connect(url, autocommit=True) as ro:
            seen = ro.execute("SELECT COUNT(*) FROM sync_imports").fetchone()[0]
            from fieldapp.server.connection import open_server

            with open_server(cluster.url("archive")) as db:
                trust_all(db, [team_store])
                import_bundles(db, [extra_bundle])
            done = time.perf_counter()
            while ro.execute("SELECT COUNT(*) FROM sync_imports").fetchone()[0] == seen:
                time.sleep(0.002)
            lag = time.perf_counter() - done
            try:
                ro.execute("INSERT INTO meta(key, value) VALUES ('x', 'y')")
                refused = False
            except psycopg.Error:
                refused = True
        from fieldapp.server.snapshot import pull_incident

        with open_server(url) as replica:  # what a viewer does: a read-only copy, taken from the replica
            code = replica.execute("SELECT code FROM incidents ORDER BY code LIMIT 1").fetchone()[0]
            _, t_pull = timed(lambda: pull_incident(replica, code, folder / "pulled"))
        print(f"read replica: built by pg_basebackup -R in {t:.1f} s; an import committed on the primary was "
              f"visible on it {lag * 1000:.0f} ms later; writes on it refused: {refused}; "
              f"`server pull` of incident {code} from it: {t_pull:.1f} s")
    finally:
        cluster._run("pg_ctl", "-D", str(data), "-m", "fast", "-w", "stop", check=False)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="5 teams, 20,000 readings (a smoke run)")
    ap.add_argument("--teams", type=int, default=50)
    ap.add_argument("--readings", type=int, default=1_000_000)
    args = ap.parse_args()
    teams, n_read = (5, 20_000) if args.quick else (args.teams, args.readings)
    tmp = Path(tempfile.mkdtemp(prefix="bench-server-"))
    durable = {"fsync": "on", "synchronous_commit": "on", "full_page_writes": "on"}
    try:
        made, t = timed(lambda: [make_team(tmp, i, n_read // teams) for i in range(teams)])
        stores, bundles = [m[0] for m in made], [m[1] for m in made]
        print(f"{teams} team stores, {n_read:,} readings in all, {teams * POINTS * PER_POINT:,} measurements "
              f"(built and exported in {t:.0f} s)")
        with LocalCluster(settings=durable) as pg:
            # the baseline first; a CHECKPOINT before every timed phase, so none pays for another's writes
            raw_db, _ = init_server(pg.create_database("raw"), team="raw", unit="raw")
            raw_db.conn.execute("CHECKPOINT")
            raw_db.close()
            t_copy, n_rows = raw_copy(pg.url("raw"), stores)
            print(f"raw COPY of the {n_rows:,} rows: {t_copy:.1f} s ({n_rows / t_copy:,.0f} rows/s)")
            db, _ = init_server(pg.create_database("archive"), team="部工作组", unit="工作组")
            trust_all(db, stores)
            db.conn.execute("CHECKPOINT")
            _, t_imp = timed(lambda: import_bundles(db, bundles))
            db2, _ = init_server(pg.create_database("archive2"), team="部工作组", unit="工作组")
            trust_all(db2, stores)
            db2.conn.execute("CHECKPOINT")
            jobs = default_jobs()
            _, t_par = timed(lambda: import_bundles(db2, bundles, jobs=jobs, target=pg.url("archive2")))
            db2.close()
            print(f"consolidate into PostGIS, `fieldapp server import` ({jobs} jobs, the default here): {t_par:.1f} s "
                  f"({n_rows / t_par:,.0f} rows/s) -> ratio {t_copy / t_par:.2f}x (target >= 0.5x)")
            print(f"  the same with one job (one process): {t_imp:.1f} s -> ratio {t_copy / t_imp:.2f}x")
            w = open_store(tmp / "w.sqlite", create=True)
            w.set_identity("w", "部工作组", "w")
            for path in stores:
                src = open_store(path, read_only=True)
                keys.trust(w, keys.public_hex(src))
                src.close()
            _, t_sl = timed(lambda: [import_bundle(w, b) for b in bundles])
            print(f"the same bundles into one SpatiaLite store: {t_sl:.1f} s (PostGIS took {t_imp / t_sl:.2f}x that)")
            db.conn.execute("ANALYZE")  # what autovacuum does within a minute of a bulk load
            incs = [r[0] for r in db.execute("SELECT uuid FROM incidents ORDER BY uuid").fetchall()]
            repeat = 3
            on_pg = query_set(db.execute, incs, repeat)
            on_sl = query_set(w.conn.execute, incs, repeat)
            for name in REPORT_QUERIES:
                print(f"  {name:24} PostGIS {on_pg[name] * 1000:8.1f} ms  SpatiaLite {on_sl[name] * 1000:8.1f} ms "
                      f"(all {len(incs)} incidents)")
            tp, ts = sum(on_pg.values()), sum(on_sl.values())
            print(f"report query set on the archive: PostGIS {tp * 1000:.0f} ms vs SpatiaLite {ts * 1000:.0f} ms "
                  f"-> SpatiaLite/PostGIS {ts / tp:.2f}x")
            size = db.execute("SELECT pg_database_size(current_database())").fetchone()[0]
            readings = db.execute("SELECT pg_total_relation_size('instrument_readings')").fetchone()[0]
            print(f"archive database: {size / 1e6:.0f} MB ({readings / 1e6:.0f} MB readings with indexes; "
                  f"SpatiaLite file {(tmp / 'w.sqlite').stat().st_size / 1e6:.0f} MB)")
            w.close()
            db.close()
            backups(pg, "archive", tmp)
            extra_store, extra = make_team(tmp, teams, n_read // teams)
            replica_lag(pg, tmp, extra, extra_store)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
