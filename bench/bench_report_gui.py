"""GUI stall while the demo's final report is issued from the Reports tab, vs the old way in the same run.

A StallProbe (a 5 ms QTimer on the GUI thread) measures the longest time the window could not
react. Two runs on the same demo store:
  baseline  the report built and archived ON the GUI thread (how the panel did it before the
            session/task change: issue_report called from the button's slot)
  app       the panel's own path: a task on the store's writer thread (no GC pauses in the build)
Prints both worst stalls and their ratio; the target is app < 100 ms.

    .venv/bin/python bench/bench_report_gui.py [--repeat 3]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _window(folder: Path, name: str):
    from fieldapp.demo import create_demo_incident
    from fieldapp.store import open_store
    from fieldapp.ui.app import build_main_window, create_application

    st = open_store(folder / f"{name}.sqlite", create=True)
    st.set_identity("bench unit", "bench team", "bench-laptop")
    create_demo_incident(st)
    _app, tr = create_application()
    win = build_main_window(st, tr, "zh_CN", make_demo=False)
    win.resize(1280, 800)
    win.show()
    panel = win.panels["reports"]
    win.show_tab(panel)
    panel.ui.typeCombo.setCurrentIndex(panel.ui.typeCombo.findData("final"))
    return win, panel


def _settle(app, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.002)


def measure(folder: Path, name: str, on_gui_thread: bool) -> tuple[float, float]:
    """(worst stall ms, seconds until the report was there)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from fieldapp.reports.archive import issue_report
    from fieldapp.ui.workers import StallProbe

    app = QApplication.instance()
    win, panel = _window(folder, name)
    _settle(app, 0.5)
    done = []
    panel.report_done.connect(done.append)
    probe = StallProbe(5)
    probe.start()
    _settle(app, 0.1)
    t0 = time.perf_counter()
    if on_gui_thread:
        def old_way():       # the slot ran the whole build: store access + reportlab on the GUI thread
            issue_report(win.session.writer.store, win.session.incident, "final", "zh")
            done.append(True)
        QTimer.singleShot(0, old_way)
    else:
        QTimer.singleShot(0, lambda: panel.generate(issue=True))
    while not done:
        app.processEvents()
        time.sleep(0.001)
    took = time.perf_counter() - t0
    _settle(app, 0.3)
    worst = probe.stop()
    win.close()
    return worst, took


def main(argv=None) -> int:
    import PySide6.QtWebEngineWidgets  # noqa: F401  (before the QApplication, as in the app)

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    from fieldapp.ui.app import create_application

    create_application()
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        base = [measure(folder, f"base{i}", True) for i in range(args.repeat)]
        new = [measure(folder, f"app{i}", False) for i in range(args.repeat)]
    b, n = max(w for w, _ in base), max(w for w, _ in new)
    print(f"baseline (built on the GUI thread): worst stall {b:.0f} ms; report in "
          f"{max(t for _, t in base):.2f} s")
    print(f"app (task on the writer thread):    worst stall {n:.0f} ms; report in "
          f"{max(t for _, t in new):.2f} s")
    print(f"ratio app/baseline {n / b:.3f}; target app < 100 ms -> {'OK' if n < 100 else 'FAIL'}")
    return 0 if n < 100 else 1


if __name__ == "__main__":
    raise SystemExit(main())
