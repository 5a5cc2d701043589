"""Final report of the demo incident scaled to 200 points / 5,000 measurements vs a bare reportlab document.

The baseline builds the SAME tables (monitoring summary + full annex, same font, same column widths,
repeated headers) as a bare SimpleDocTemplate in the same run, without gathering, assessment,
charts, map, narrative or page totals. Prints both times and the ratio (target <= 2x).
`--quick` uses 60 points / 1,500 measurements.
"""
from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fieldapp.demo import create_demo_incident  # noqa: E402
from fieldapp.reports.builder import build_report  # noqa: E402
from fieldapp.reports.gather import gather  # noqa: E402
from fieldapp.store import open_store  # noqa: E402


def scale_up(store, inc, n_points: int, n_meas: int) -> None:
    """Add points along the demo river and measurements cycling over the parameters until the targets."""
    pts = store.list_points(inc["uuid"])
    base = pts[len(pts) // 2]
    for i in range(len(pts), n_points):
        store.add_point(inc["uuid"], base["lat"] - 0.0005 * i, base["lon"] + 0.0007 * i,
                        code=f"X-{i:03d}", name=f"加密断面{i}", role="downstream")
    pts = [store.get("sampling_points", p["uuid"]) for p in store.list_points(inc["uuid"])]
    have = store.conn.execute("SELECT COUNT(*) FROM measurements").fetchone()[0]
    prepared = []
    for k in range(max(0, n_meas - have)):
        p = pts[k % len(pts)]
        param = ("Cd", "Pb", "Sb", "Tl")[k // len(pts) % 4]
        prepared.append(store.prepare_measurement(p, param, f"{0.0005 + (k % 13) * 0.001:.4f}", "mg/L",
                                                  measured_at=f"2026-11-2{6 + k % 3}T{k % 24:02d}:{k % 60:02d}:00Z"))
    store.add_measurements(prepared)


def bare(data) -> float:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    from fieldapp.reports.layout import styles, table_style

    t0 = time.perf_counter()
    s = styles()
    summary = [["点位", "项目", "样品数", "超标数", "最新值", "最大值", "单位", "限值", "超标倍数"]]
    summary += [[Paragraph(f"{x['point_code']} {x['point_name']}", s["cell"]), x["parameter_text"], x["n"],
                 x["n_exceeded"], x["latest"].value_text, x["peak"].value_text, x["latest"].unit,
                 x["limit_row"].verdict.limit_text(), ""] for x in data.summary]
    annex = [["点位", "项目", "时间", "测值", "单位", "限值", "状态", "超标倍数"]]
    annex += [[r.point_code, r.parameter_text, r.measured_at[:16], r.value_text, r.unit, r.verdict.limit_text(),
               r.status, ""] for r in data.rows]
    doc = SimpleDocTemplate(io.BytesIO(), pagesize=A4)
    doc.build([Table(summary, colWidths=[120, 42, 30, 30, 48, 48, 36, 48, 80], repeatRows=1, style=table_style()),
               Table(annex, colWidths=[50, 50, 80, 55, 40, 50, 55, 100], repeatRows=1, style=table_style())])
    return time.perf_counter() - t0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    a = ap.parse_args(argv)
    n_points, n_meas = (60, 1500) if a.quick else (200, 5000)
    with tempfile.TemporaryDirectory() as tmp:
        st = open_store(Path(tmp) / "bench.sqlite", create=True)
        st.set_identity("基准单位", "基准队", "bench")
        inc = create_demo_incident(st)
        scale_up(st, inc, n_points, n_meas)
        n_p = len(st.list_points(inc["uuid"]))
        n_m = st.conn.execute("SELECT COUNT(*) FROM measurements").fetchone()[0]
        data = gather(st, inc)
        bare(data)  # warm-up: font loading and glyph caches count for neither side
        t0 = time.perf_counter()
        rep = build_report(gather(st, inc), "final")
        full = time.perf_counter() - t0
        base = min(bare(data) for _ in range(2))
        st.close()
    ratio = full / base
    print(f"points={n_p} measurements={n_m} pages={rep.pages} pdf={len(rep.pdf) / 1e6:.2f} MB")
    print(f"final report (gather+assess+charts+map+layout): {full:.2f} s")
    print(f"bare reportlab, same tables:                    {base:.2f} s")
    print(f"ratio: {ratio:.2f}x (target <= 2x) {'OK' if ratio <= 2 else 'OVER TARGET'}")
    return 0 if ratio <= 2 else 1


if __name__ == "__main__":
    sys.exit(main())
