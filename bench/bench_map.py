"""Benchmark: build + render a 10,000-point incident map vs a 100-point map, in the same run.

Build = MapData -> HTML file (folium + our data layer), measured with tracemalloc for Python memory.
Render = QtWebEngine (offscreen, no network) loads the file until the page's script has drawn every
marker and two animation frames have passed; timed warm (second load in the view, as a reload in the
app), cold shown too. Memory = the page's JS heap after a GC (performance.memory), renderer RSS shown.
Both maps carry the same river, sites and popup rows per point, so only the point count differs.

    python bench/bench_map.py            # 3 rounds, medians
    python bench/bench_map.py --quick    # 1 round
Target: each 10k/100 ratio under 10x.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
# precise-memory-info: without it performance.memory is rounded into coarse buckets
# expose-gc: collect the previous page's garbage before reading the heap of the current one
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS",
                      "--disable-gpu --no-sandbox --enable-precise-memory-info --js-flags=--expose-gc")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QUrl  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from fieldapp.maps.builder import build_map_html  # noqa: E402
from fieldapp.maps.demo_layers import DEMO_RIVER, river_point  # noqa: E402
from fieldapp.maps.mapdata import MapData, RiverLine, SamplingPoint, Site  # noqa: E402

TARGET = 10.0
# PySide6 6.12.0 drops one reference to None on every event-loop pass (processEvents, qWait,
# QEventLoop.exec); Python 3.11 aborts when None's count reaches zero. Polls here are paced with
# qWait, and this pad keeps a long benchmark far from that edge. (6.11.3 does not have the bug.)
_NONE_PAD = (None,) * 2_000_000     # a tuple of None: untracked by the GC, costs no collection time


def make_data(n: int, seed: int = 1) -> MapData:
    rng = random.Random(seed)
    pts = []
    for i in range(n):
        lon, lat = river_point(rng.uniform(0, 32_000), rng.uniform(-3_000, 3_000))
        pts.append(SamplingPoint(
            f"uuid-{i:06d}", f"P-{i:05d}", f"断面{i}", lon, lat, role="downstream",
            status=rng.choice(["ok", "exceeded", "not_detected", None]),
            latest=[(p, f"{rng.uniform(0, 0.1):.4f}", "mg/L", "2026-11-28 10:00") for p in ("Cd", "Tl", "Sb", "Pb")],
            info=[("距污染源", f"{rng.uniform(0, 30):.2f} km 沿河")]))
    sites = [Site(f"s{i}", "facility", f"设施{i}", *river_point(i * 3000.0), facility_type="gate") for i in range(8)]
    return MapData(title="bench", incident_uuid=f"bench-{n}", points=pts,
                   rivers=[RiverLine("r", "河", list(DEMO_RIVER))], sites=sites)


def renderer_rss_mb() -> float:
    """Resident memory of this process's QtWebEngine renderer processes (Linux /proc).

    Renderers are forked by a zygote and keep its command line, so they are recognised as
    QtWebEngineProcess children of another QtWebEngineProcess below this process."""
    me, total = str(os.getpid()), 0
    parents = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stat = (d / "stat").read_text()
                parents[d.name] = stat[stat.rindex(")") + 2:].split()[1]
            except OSError:
                continue
    for pid in parents:
        p, seen = pid, 0
        while p in parents and p != me and seen < 20:
            p, seen = parents[p], seen + 1
        if p != me or pid == me:
            continue
        try:
            if (b"QtWebEngineProcess" not in Path(f"/proc/{pid}/cmdline").read_bytes()
                    or b"QtWebEngineProcess" not in Path(f"/proc/{parents[pid]}/cmdline").read_bytes()):
                continue
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


class Renderer:
    """Each map is rendered in a fresh view, so one page's leftovers never count against the next."""

    def __init__(self):
        self.app = QApplication.instance() or QApplication([])
        self.view = None

    def _fresh_view(self) -> None:
        if self.view is not None:
            self.view.close()
            self.view.deleteLater()
            QTest.qWait(50)
        self.view = QWebEngineView()
        self.view.resize(1280, 900)
        self.view.show()

    def _js(self, script: str, timeout: float = 30.0):
        # always a JSON string back: PySide6 mishandles undefined results (None refcount bug)
        box: dict = {}

        def got(result):
            box["r"] = result

        self.view.page().runJavaScript(f"JSON.stringify(({script}) ?? null)", 0, got)
        end = time.perf_counter() + timeout
        while "r" not in box:
            if time.perf_counter() > end:
                raise TimeoutError(script)
            QTest.qWait(2)
        return json.loads(box["r"]) if isinstance(box["r"], str) else None

    def render(self, path: Path, expect: int) -> tuple[float, float, float, float]:
        """(cold s, warm s, JS heap MB, renderer RSS MB).

        Cold: the first load in a fresh view (memory is read after it, free of other pages' leftovers).
        Warm: the same file loaded again in that view, as the app does when data change; the ratio
        uses warm times (the stricter one: the fixed cost of a fresh view flatters the small map)."""
        self._fresh_view()
        cold = self._load(path, expect)
        heap = self._js("(window.gc && gc(), performance.memory ? performance.memory.usedJSHeapSize : 0)") / 1e6
        rss = renderer_rss_mb()
        warm = self._load(path, expect)
        return cold, warm, heap, rss

    def _load(self, path: Path, expect: int) -> float:
        loaded: list[bool] = []
        self.view.loadFinished.connect(loaded.append)
        t0 = time.perf_counter()
        self.view.load(QUrl.fromLocalFile(str(path)))
        # no script may run while the page navigates: pending callbacks then get invalid results
        while not loaded:
            QTest.qWait(2)
        self.view.loadFinished.disconnect(loaded.append)
        while True:
            done = self._js("(window.fieldapp && fieldapp.ready) ? "
                            "(window.__painted === undefined ? (requestAnimationFrame(function () {"
                            " requestAnimationFrame(function () { window.__painted = true; }); }), false)"
                            " : window.__painted) : false")
            if done:
                break
            if time.perf_counter() - t0 > 120:
                raise TimeoutError(f"{path} did not render")
        elapsed = time.perf_counter() - t0
        drawn = self._js("fieldapp.stats().points")
        if drawn != expect:
            raise RuntimeError(f"{path}: {drawn} points drawn, expected {expect}")
        return elapsed


def measure(n: int, out_dir: Path, renderer: Renderer) -> dict:
    data = make_data(n)
    out = out_dir / f"map_{n}.html"
    t0, c0 = time.perf_counter(), time.process_time()
    build_map_html(data, out)
    build_s = time.perf_counter() - t0
    build_cpu = time.process_time() - c0
    tracemalloc.start()                # memory from a second build: tracemalloc slows Python ~4x
    build_map_html(data, out)
    build_peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    cold_s, render_s, heap, rss = renderer.render(out, n)
    return {"build_s": build_s, "build_cpu_s": build_cpu, "build_mb": build_peak, "html_mb": out.stat().st_size / 1e6,
            "cold_s": cold_s, "render_s": render_s, "heap_mb": heap, "rss_mb": rss, "total_s": build_s + render_s}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="one round instead of three")
    ap.add_argument("--big", type=int, default=10_000)
    ap.add_argument("--small", type=int, default=100)
    args = ap.parse_args()
    rounds = 1 if args.quick else 3
    renderer = Renderer()
    with tempfile.TemporaryDirectory() as tmp:
        measure(args.small, Path(tmp), renderer)          # warm-up: imports, WebEngine start, caches
        res: dict[int, list[dict]] = {args.small: [], args.big: []}
        for _ in range(rounds):
            for n in (args.small, args.big):
                res[n].append(measure(n, Path(tmp), renderer))
    med = {n: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for n, rs in res.items()}
    s, b = med[args.small], med[args.big]
    print(f"map bench: {args.big} vs {args.small} points, {rounds} round(s), medians")
    print(f"{'':>10} {'build s':>9} {'(cpu s)':>8} {'build MB':>9} {'HTML MB':>8} {'cold s':>7} {'render s':>9} {'JS heap MB':>10} {'rend. RSS':>9} {'total s':>8}")
    for n in (args.small, args.big):
        m = med[n]
        print(f"{n:>10} {m['build_s']:9.3f} {m['build_cpu_s']:8.3f} {m['build_mb']:9.2f} {m['html_mb']:8.2f} {m['cold_s']:7.3f} {m['render_s']:9.3f} "
              f"{m['heap_mb']:10.2f} {m['rss_mb']:9.1f} {m['total_s']:8.3f}")
    ratios = {"time (build+render)": b["total_s"] / s["total_s"],
              "memory (JS heap)": b["heap_mb"] / s["heap_mb"] if s["heap_mb"] else float("nan"),
              "memory (renderer RSS)": b["rss_mb"] / s["rss_mb"] if s["rss_mb"] else float("nan"),
              "memory (build peak)": b["build_mb"] / s["build_mb"],
              "HTML size": b["html_mb"] / s["html_mb"]}
    ok = True
    for name, r in ratios.items():
        checked = name in ("time (build+render)", "memory (JS heap)")
        flag = ("OK" if r < TARGET else "OVER") if checked else "info"
        ok &= (r < TARGET) or not checked
        print(f"ratio {name:<22} {r:7.2f}x   target < {TARGET:g}x  {flag}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
