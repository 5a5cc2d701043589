"""Sync bundle speed and size: full export/import of N instrument readings, the import's throughput
against a raw ``executemany`` of the same rows into the same kind of store in the same run (target
>= 0.5x) with the import's peak memory (target < 500 MB for 1M readings), an incremental bundle
after 1% of the readings changed vs a pygeodiff changeset of the same change, and the incremental
export on a 10x larger store with the same change (target: <= 1.5x the time).

The import runs as `fieldapp bundle import` in a child process, so its peak RSS (from wait4) is the
import's alone. Both sides get the same 128 MiB page cache the importer asks for; the raw insert
takes the rows in the bundle's order, straight from the sender's store.

pygeodiff (Mergin Maps' GeoPackage diff) works on SQLite/GeoPackage files: the benchmark writes a
GeoPackage-style SQLite copy of the readings table (same columns, uuid primary key), applies the
same UPDATEs to a second copy and times ``create_changeset`` on the pair. Both baselines run in
this process on this machine.

    .venv/bin/python bench/bench_sync.py [--quick] [--n N] [--big-factor 10] [--only-import]
"""
from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid as uuidlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fieldapp.store import open_store
from fieldapp.sync import export_bundle, import_bundle, keys
from fieldapp.sync.schema import TableCodec

PER_RAW = 10  # readings per raw instrument line, as a multi-parameter probe sends them


def build_store(path: Path, n: int):
    st = open_store(path, create=True)
    st.set_identity("bench unit", "bench team", "bench-laptop")
    keys.signing_key(st)
    inc = st.create_incident("bench", "2026-11-01 08:00", code="B-01")
    dev = st.identity.device_id
    st.conn.execute("PRAGMA cache_size = -131072")
    with st.transaction():
        seq = st.current_seq
        meta = ("2026-11-01T08:00:00.000Z", "2026-11-01T08:00:00.000Z", "bench team", dev, dev, 1, 0, seq)
        raws, reads = [], []
        for i in range(n // PER_RAW):
            ru = str(uuidlib.uuid4())
            t = f"2026-11-01T{8 + i // 360000 % 12:02d}:{i // 6000 % 60:02d}:{i // 100 % 60:02d}.{i % 1000:03d}Z"
            raws.append((ru, *meta, inc["uuid"], "/dev/ttyUSB0", "probe-1", "multi", "text", t, None,
                         f"PH=7.1;DO=8.2;T=12.5;seq={i}".encode(), "ok"))
            for j in range(PER_RAW):
                reads.append((str(uuidlib.uuid4()), *meta, inc["uuid"], None, ru, "probe-1", f"p{j}",
                              7.0 + (i * PER_RAW + j) % 1000 / 1000, "mg/L", "", "", "", t, None))
            if len(reads) >= 200_000:
                _flush(st.conn, raws, reads)
        _flush(st.conn, raws, reads)
    return st


def _flush(conn, raws, reads):
    conn.executemany(
        "INSERT INTO instrument_raw(uuid, created_at, updated_at, created_by_team, created_by_device, "
        "updated_by_device, version, deleted, change_seq, incident_uuid, port, device, profile, kind, "
        "received_at, device_time, raw, parse_status) VALUES (" + ",".join("?" * 18) + ")", raws)
    conn.executemany(
        "INSERT INTO instrument_readings(uuid, created_at, updated_at, created_by_team, created_by_device, "
        "updated_by_device, version, deleted, change_seq, incident_uuid, point_uuid, raw_uuid, device, parameter, "
        "value, unit, qualifier, flag, value_text, received_at, device_time) VALUES (" + ",".join("?" * 21) + ")",
        reads)
    raws.clear()
    reads.clear()


def change_one_percent(st, n_changed: int) -> list[str]:
    """Correct the value of every k-th reading (a recalibration), the way the app edits: version+1."""
    n = st.conn.execute("SELECT COUNT(*) FROM instrument_readings").fetchone()[0]
    step = max(1, n // n_changed)
    uuids = [r[0] for r in st.conn.execute(
        f"SELECT uuid FROM instrument_readings WHERE rowid % {step} = 0 LIMIT ?", (n_changed,))]
    dev = st.identity.device_id
    with st.transaction():
        st.conn.executemany(
            "UPDATE instrument_readings SET value = value * 1.02, version = version + 1, "
            "updated_at = '2026-11-02T09:00:00.000Z', updated_by_device = ?, change_seq = ? WHERE uuid = ?",
            [(dev, st.current_seq, u) for u in uuids])
    return uuids


def geopackage_copy(st, path: Path) -> None:
    """Readings as a plain GeoPackage-style SQLite table (uuid primary key) pygeodiff can diff."""
    codec = TableCodec(st.conn, "instrument_readings")
    cols = codec.data_cols
    out = sqlite3.connect(path)
    out.execute(f"CREATE TABLE instrument_readings ({', '.join(c + (' TEXT PRIMARY KEY' if c == 'uuid' else '') for c in cols)})")
    cur = st.conn.execute(codec.select_sql())
    while True:
        rows = cur.fetchmany(50_000)
        if not rows:
            break
        out.executemany(f"INSERT INTO instrument_readings VALUES ({','.join('?' * len(cols))})", rows)
    out.commit()
    out.close()


def mark_sent(st, peer: str = "W") -> None:
    """What a full export to ``peer`` leaves behind (writing every row just to set it takes minutes)."""
    with st.transaction():
        st.conn.execute("INSERT INTO sync_peers(peer, last_sent_seq) VALUES (?, ?) ON CONFLICT(peer) DO UPDATE "
                        "SET last_sent_seq = excluded.last_sent_seq", (peer, int(st.get_meta("change_seq"))))


def incremental_export_time(path: Path, n: int, changed: int, out: Path) -> float:
    st = build_store(path, n)
    mark_sent(st)
    change_one_percent(st, changed)
    _, t = timed(lambda: export_bundle(st, out, peer="W", incremental=True))
    st.close()
    return t


def scaling(tmp: Path, n: int, factor: int, changed: int, t_small: float | None) -> None:
    if t_small is None:
        t_small = incremental_export_time(tmp / "small.sqlite", n, changed, tmp / "small-inc.fab")
    big_n = n * factor
    t_big, t_build = timed(lambda: incremental_export_time(tmp / "big.sqlite", big_n, changed, tmp / "big-inc.fab"))
    print(f"{factor}x store: {big_n:,} readings (built and changed in {t_build:.0f} s)")
    print(f"incremental export, same {changed:,} changes: {t_small:.3f} s on {n:,} vs {t_big:.3f} s on "
          f"{big_n:,} -> ratio {t_big / t_small:.2f}x (target <= 1.5x)")


def receiving_store(path: Path, sender):
    w = open_store(path, create=True)
    w.set_identity("w", "group", "w")
    keys.trust(w, keys.public_hex(sender))
    w.close()


def raw_insert(sender, path: Path) -> tuple[int, float]:
    """Plain executemany of every synced row of ``sender`` into the store at ``path``, one transaction."""
    from fieldapp.sync.schema import ordered_tables

    st = open_store(path)
    st.conn.execute("PRAGMA cache_size = -131072")
    n, t = 0, time.perf_counter()
    with st.transaction():
        for table in ordered_tables(sender.conn):
            cols = [c[1] for c in sender.conn.execute(f'PRAGMA table_info("{table}")') if c[1] != "geom"]
            cur = sender.conn.execute(f'SELECT {", ".join(cols)} FROM "{table}" ORDER BY change_seq, rowid')
            n += st.conn.executemany(f'INSERT INTO "{table}" ({", ".join(cols)}) VALUES '
                                     f'({", ".join("?" * len(cols))})', cur).rowcount
    t = time.perf_counter() - t
    st.close()
    return n, t


def cli_import(bundle: Path, store: Path) -> tuple[float, float]:
    """`fieldapp bundle import` in a child process: (seconds, peak RSS in MB)."""
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "fieldapp", "bundle", "import", str(bundle), "--store", str(store)],
                            stdout=subprocess.DEVNULL, cwd=Path(__file__).resolve().parents[1])
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t
    if status != 0:
        raise SystemExit(f"the import failed (status {status})")
    return elapsed, usage.ru_maxrss / 1024


def import_vs_raw(tmp: Path, st, bundle: Path, n: int) -> None:
    receiving_store(tmp / "w-template.sqlite", st)
    shutil.copyfile(tmp / "w-template.sqlite", tmp / "w-raw.sqlite")
    shutil.copyfile(tmp / "w-template.sqlite", tmp / "w-import.sqlite")
    rows, t_raw = raw_insert(st, tmp / "w-raw.sqlite")
    t_imp, rss = cli_import(bundle, tmp / "w-import.sqlite")
    print(f"raw executemany: {rows:,} rows in {t_raw:6.2f} s ({rows / t_raw:,.0f} rows/s)")
    print(f"bundle import:   {rows:,} rows in {t_imp:6.2f} s ({rows / t_imp:,.0f} rows/s, verify + validate + "
          f"merge, process start included) -> {t_raw / t_imp:.2f}x raw (target >= 0.5x)")
    print(f"import peak RSS: {rss:,.0f} MB for {n:,} readings (target < 500 MB)")


def timed(fn):
    t = time.perf_counter()
    res = fn()
    return res, time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="50k readings instead of 1 million")
    ap.add_argument("--n", type=int, help="number of readings")
    ap.add_argument("--big-factor", type=int, default=10, help="size of the larger store (x N); 0 skips the scaling check")
    ap.add_argument("--only-scaling", action="store_true",
                    help="skip full export/import and pygeodiff; only the incremental scaling check")
    ap.add_argument("--only-import", action="store_true",
                    help="only the full export and the import vs raw executemany / peak memory check")
    args = ap.parse_args()
    n = args.n or (50_000 if args.quick else 1_000_000)
    changed = n // 100
    tmp = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    try:
        print(f"readings: {n:,}; changed for the incremental bundle: {changed:,} (1%)")
        if args.only_scaling:
            scaling(tmp, n, args.big_factor, changed, None)
            return 0
        st, t_build = timed(lambda: build_store(tmp / "a.sqlite", n))
        print(f"build store: {t_build:.1f} s, {os.path.getsize(tmp / 'a.sqlite') / 1e6:.0f} MB")
        _man, t_full = timed(lambda: export_bundle(st, tmp / "full.fab", peer="W"))
        size_full = (tmp / "full.fab").stat().st_size
        print(f"full export:  {t_full:6.2f} s  {size_full / 1e6:7.2f} MB  ({n / t_full:,.0f} readings/s)")
        import_vs_raw(tmp, st, tmp / "full.fab", n)
        if args.only_import:
            st.close()
            return 0
        receiving_store(tmp / "w.sqlite", st)
        w = open_store(tmp / "w.sqlite")
        rc, t_imp = timed(lambda: import_bundle(w, tmp / "full.fab"))
        print(f"full import:  {t_imp:6.2f} s  ({rc.total('added'):,} records, {n / t_imp:,.0f} readings/s)")
        w.close()

        geopackage_copy(st, tmp / "base.gpkg")
        uuids = change_one_percent(st, changed)
        _, t_inc = timed(lambda: export_bundle(st, tmp / "inc.fab", peer="W", incremental=True))
        size_inc = (tmp / "inc.fab").stat().st_size
        w = open_store(tmp / "w.sqlite")
        rc, t_inc_imp = timed(lambda: import_bundle(w, tmp / "inc.fab"))
        w.close()
        print(f"incremental:  export {t_inc:6.3f} s, {size_inc / 1e3:8.1f} kB; import {t_inc_imp:.3f} s "
              f"({rc.total('updated'):,} updated)")
        try:
            import pygeodiff
        except ImportError:
            print("pygeodiff is not installed (pip install pygeodiff): no changeset baseline this run")
            geo = None
        else:
            shutil.copyfile(tmp / "base.gpkg", tmp / "mod.gpkg")
            g = sqlite3.connect(tmp / "mod.gpkg")
            g.executemany("UPDATE instrument_readings SET value = value * 1.02, version = version + 1, "
                          "updated_at = '2026-11-02T09:00:00.000Z' WHERE uuid = ?", [(u,) for u in uuids])
            g.commit()
            g.close()
            gd = pygeodiff.GeoDiff()
            _, t_geo = timed(lambda: gd.create_changeset(str(tmp / "base.gpkg"), str(tmp / "mod.gpkg"),
                                                         str(tmp / "diff.bin")))
            size_geo = (tmp / "diff.bin").stat().st_size
            geo = (t_geo, size_geo, gd.changes_count(str(tmp / "diff.bin")))
            print(f"pygeodiff:    create_changeset {t_geo:6.3f} s, {size_geo / 1e3:8.1f} kB ({geo[2]:,} changes)")
            print(f"  ratio bundle/pygeodiff: size {size_inc / size_geo:.2f}x, time {t_inc / t_geo:.2f}x "
                  f"(target <= 1.0 for both)")
            print("  (the bundle also carries signature, per-member SHA-256, ancestry and full rows; "
                  "pygeodiff stores old+new values of changed columns only, unsigned)")
        st.close()

        if args.big_factor > 1:
            scaling(tmp, n, args.big_factor, changed, t_inc)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
