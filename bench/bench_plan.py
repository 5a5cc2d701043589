"""Plan benchmarks (issue 18). Ratios are against baselines measured in the same run.

1. Import of the generated national plan (2,365 rivers, 200,000 facility points, 7,600 warehouses,
   126,000 items; one GeoPackage) through the app (read, map, validate, locate every site on the
   network, store with sync columns in one transaction) vs `ogr2ogr -f SQLite -dsco SPATIALITE=YES`
   of the same file. Target: app <= 2x ogr2ogr.
2. "Intakes downstream of a point" (along the network) and "nearest 5 warehouses with lime" at
   national scale, indexed vs a full scan (fieldapp.plans.scan: the same answers without any
   index). Targets: >= 50x, and each indexed answer under 50 ms (median over the probe points).

    python bench/bench_plan.py             # national sizes
    python bench/bench_plan.py --scale 0.02 --probes 5   # smoke run
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fieldapp.plans import scan  # noqa: E402
from fieldapp.plans.answers import nearest_materials  # noqa: E402
from fieldapp.plans.fixture import NATIONAL, make_fixture  # noqa: E402
from fieldapp.plans.importer import import_plan  # noqa: E402
from fieldapp.plans.query import downstream  # noqa: E402
from fieldapp.store import open_store  # noqa: E402


def bench_import(tmp: Path, fixture: Path) -> tuple[float, float, object]:
    st = open_store(tmp / "app.sqlite", create=True)
    st.set_identity("bench unit", "bench team", "bench-laptop")
    t = time.perf_counter()
    import_plan(st, fixture, plan_name="全国")
    app = time.perf_counter() - t
    ogr = None
    if shutil.which("ogr2ogr"):
        t = time.perf_counter()
        subprocess.run(["ogr2ogr", "-f", "SQLite", "-dsco", "SPATIALITE=YES", str(tmp / "ogr.sqlite"), str(fixture)],
                       check=True, capture_output=True)
        ogr = time.perf_counter() - t
    return app, ogr, st


def _median_ms(fn, probes) -> tuple[float, list]:
    times, answers = [], []
    for lon, lat in probes:
        t = time.perf_counter()
        answers.append(fn(lon, lat))
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), answers


def bench_queries(st, n_probes: int) -> dict:
    probes = st.conn.execute("SELECT lon, lat FROM map_sites WHERE kind = 'facility' AND river_uuid IS NOT NULL "
                             "ORDER BY (rowid * 7919) % 100003 LIMIT ?", (n_probes,)).fetchall()
    downstream(st, *probes[0], limit=5)               # warm the caches both ways alike
    scan.downstream_scan(st, *probes[0], limit=5)
    out = {}
    fast, a = _median_ms(lambda x, y: downstream(st, x, y, kinds=("intake",), limit=5), probes)
    slow, b = _median_ms(lambda x, y: scan.downstream_scan(st, x, y, kinds=("intake",), limit=5), probes)
    assert [[h.uuid for h in r] for r in a] == [[h.uuid for h in r] for r in b], "indexed and scan answers differ"
    out["intakes downstream"] = (fast, slow)
    fast, a = _median_ms(lambda x, y: nearest_materials(st, "lime", x, y, limit=5), probes)
    slow, b = _median_ms(lambda x, y: scan.nearest_materials_scan(st, "lime", x, y, limit=5), probes)
    assert [[h.uuid for h in r] for r in a] == [[h.uuid for h in r] for r in b], "indexed and scan answers differ"
    out["nearest 5 with lime"] = (fast, slow)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0, help="fraction of the national sizes")
    ap.add_argument("--probes", type=int, default=25)
    args = ap.parse_args()
    sizes = {k: max(20, int(v * args.scale)) for k, v in NATIONAL.items()}
    ok = True
    with tempfile.TemporaryDirectory(prefix="fieldapp-bench-plan-") as d:
        tmp = Path(d)
        fx = make_fixture(tmp / "national.gpkg", **sizes)
        print(f"fixture: {', '.join(f'{v:,} {k}' for k, v in fx.counts.items())} "
              f"({fx.path.stat().st_size / 1e6:.0f} MB GeoPackage)")
        app, ogr, st = bench_import(tmp, fx.path)
        if ogr is None:
            print(f"import: app {app:.2f} s; ogr2ogr not installed (gdal-bin), no ratio")
        else:
            ratio = app / ogr
            ok &= ratio <= 2.0
            print(f"import: app {app:.2f} s, ogr2ogr {ogr:.2f} s, ratio app/ogr2ogr = {ratio:.2f}x (target <= 2x)")
        for name, (fast, slow) in bench_queries(st, args.probes).items():
            ratio = slow / fast
            ok &= ratio >= 50 and fast < 50
            print(f"{name}: indexed {fast:.2f} ms, full scan {slow:.1f} ms (median of {args.probes}), "
                  f"ratio scan/indexed = {ratio:.0f}x (target >= 50x, indexed < 50 ms)")
        st.close()
    print("RESULT:", "targets met" if ok else "BELOW TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
