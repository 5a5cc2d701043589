"""Benchmark: the Map tab with the national plan picked vs the 100-point incident map, same run.

Both stores hold the same incident (100 sampling points along the demo river, the demo layers);
store B also holds the generated national plan (200,000 facility points, 7,600 warehouses, 2,365
rivers), picked by the incident. Each is opened in the real main window's Map tab (QtWebEngine,
offscreen, no network), so plans go the app's way: page -> bridge -> worker -> page.

Measured per map, in the same run:
* time to show the first view: from the tab being shown until the page has drawn (and, for B,
  the first plan answer is drawn);
* time to show a view: median over views from the whole country down to a few sites, from the
  setView call until that view is drawn (B: its plan answer drawn), once the tab has prepared the
  plan's index and grids in the background (a few seconds after opening);
* JS heap after a GC (performance.memory.usedJSHeapSize).
Target: each B/A ratio <= 3x.

    python bench/bench_plan_map.py             # national plan
    python bench/bench_plan_map.py --scale 0.05
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS",
                      "--disable-gpu --no-sandbox --enable-precise-memory-info --js-flags=--expose-gc")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import PySide6.QtWebEngineWidgets  # noqa: E402,F401  (before the QApplication)

from fieldapp.maps.demo_layers import river_point  # noqa: E402
from fieldapp.plans.fixture import NATIONAL, make_fixture  # noqa: E402
from fieldapp.plans.importer import import_plan, pick_plan  # noqa: E402
from fieldapp.store import open_store  # noqa: E402

TARGET = 3.0
_NONE_PAD = (None,) * 2_000_000     # see bench_map.py: PySide6 6.12.0's None refcount leak


def make_store(path: Path, plan: Path | None) -> None:
    st = open_store(path, create=True)
    st.set_identity("bench unit", "bench team", "bench-laptop")
    inc = st.create_incident("bench 100 points", "2026-11-01 08:00", code="B-100")
    for i in range(100):
        lon, lat = river_point(i * 300.0, (i % 7 - 3) * 150.0)
        st.add_point(inc["uuid"], lat, lon, role="downstream")
    if plan is not None:
        res = import_plan(st, plan, plan_name="全国")
        pick_plan(st, inc["uuid"], res.plan_uuid)
    st.close()


def wait(cond, timeout=60.0):
    """Run the event loop until cond() holds. Not QTest.qWait: PySide keeps the GIL inside it, so
    the map tab's worker threads would crawl while the benchmark polls."""
    from PySide6.QtCore import QEventLoop, QTimer

    end = time.monotonic() + timeout
    if cond():
        return
    loop = QEventLoop()
    timer = QTimer(interval=5)

    def check():
        if cond() or time.monotonic() > end:
            loop.quit()
    timer.timeout.connect(check)
    timer.start()
    loop.exec()
    timer.stop()
    if not cond():
        raise TimeoutError("condition not met")


def js(panel, script, timeout=30.0):
    box = {}
    panel._js(script, lambda r: box.setdefault("r", r))
    wait(lambda: "r" in box, timeout)
    return box["r"]


def measure(store_path: Path, views) -> dict:
    from fieldapp.ui import map_panel
    from fieldapp.ui.app import build_main_window, create_application

    _app, tr = create_application()
    win = build_main_window(open_store(store_path), tr, "zh_CN", make_demo=False, panels=False)
    panel = map_panel.attach(win.session, win)
    win.resize(1400, 900)
    win.show()
    t = time.perf_counter()
    win.ui.mainTabs.setCurrentWidget(panel)
    wait(lambda: panel.builds >= 1)
    built = time.perf_counter() - t
    wait(lambda: panel.ready)
    plans = bool(js(panel, "!!fieldapp.planStats"))
    if plans:
        wait(lambda: js(panel, "fieldapp.planStats.answers") >= 1)
    first = time.perf_counter() - t
    print(f"  {store_path.name}: map file built {built:.2f} s, first view drawn {first:.2f} s", file=sys.stderr)
    # the views a user pans to afterwards: once the map tab has prepared the plan's grids (the
    # first view above already paid for what it needed)
    wait(panel.plan_server.prepared.is_set)
    times = []
    for lat, lon, zoom in views:
        before = js(panel, "fieldapp.planStats ? fieldapp.planStats.answers : 0")
        t = time.perf_counter()
        js(panel, f"fieldapp.map.setView([{lat}, {lon}], {zoom}, {{animate: false}}) && 1")
        if plans:
            wait(lambda b=before: js(panel, "fieldapp.planStats.answers") > b)
        js(panel, "(function () { var d = false; requestAnimationFrame(() => requestAnimationFrame(() => { d = true; }));"
                  " window.__d = () => d; return 1; })()")
        wait(lambda: js(panel, "window.__d()"))
        times.append(time.perf_counter() - t)
    js(panel, "window.gc && window.gc(), 1")
    t_gc = time.monotonic()
    wait(lambda: time.monotonic() - t_gc > 0.2)
    heap = js(panel, "performance.memory ? performance.memory.usedJSHeapSize : 0")
    stats = js(panel, "fieldapp.planStats || null")
    panel.shutdown()
    win.session.close()
    win.close()
    return {"first_s": first, "view_s": statistics.median(times), "heap_mb": heap / 1e6, "stats": stats}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0)
    args = ap.parse_args()
    sizes = {k: max(20, int(v * args.scale)) for k, v in NATIONAL.items()}
    with tempfile.TemporaryDirectory(prefix="fieldapp-bench-planmap-") as d:
        tmp = Path(d)
        fx = make_fixture(tmp / "national.gpkg", **sizes)
        make_store(tmp / "a.sqlite", None)
        make_store(tmp / "b.sqlite", fx.path)
        c = fx.rivers[len(fx.rivers) // 2][0]
        views = [(35.0, 105.0, 4), (c[1], c[0], 6), (c[1], c[0], 9), (c[1], c[0], 12), (c[1], c[0], 14),
                 (24.62, 108.42, 12)]
        measure(tmp / "a.sqlite", views)        # warm-up: the first WebEngine page of a process starts cold
        a = measure(tmp / "a.sqlite", views)
        b = measure(tmp / "b.sqlite", views)
    print(f"plan: {', '.join(f'{v:,} {k}' for k, v in fx.counts.items())}; last plan view: {b['stats']}")
    ok = True
    for key, label, unit in (("first_s", "time to show the first view", "s"), ("view_s", "time to show a view "
                             "(median of 6)", "s"), ("heap_mb", "JS heap after GC", "MB")):
        ratio = b[key] / a[key] if a[key] else float("inf")
        ok &= ratio <= TARGET
        print(f"{label}: national plan {b[key]:.3f} {unit}, 100-point map {a[key]:.3f} {unit}, "
              f"ratio = {ratio:.2f}x (target <= {TARGET:.0f}x)")
    print("RESULT:", "targets met" if ok else "BELOW TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
