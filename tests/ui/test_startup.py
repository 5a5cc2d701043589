"""The window's start (fieldapp.ui.startup) in a real process: the first window is painted before
the heavy libraries are loaded and before any panel is built; then every panel attaches."""
from __future__ import annotations

import subprocess
import sys

import pytest
from app_process import AppProcess, app_env

pytestmark = pytest.mark.slow

HEAVY = ("folium", "reportlab", "PySide6.QtWebEngineWidgets", "pypinyin", "scipy", "numpy", "sqlite_utils")
# Runs the real entry point; only the trace function is wrapped, to say which libraries are loaded
# at each step.
WATCH = f"""
import sys
import fieldapp.ui.startup as startup
trace = startup.trace
def watched(step):
    loaded = [m for m in {HEAVY!r} if m in sys.modules]
    panels = [m for m in sys.modules if m.startswith("fieldapp.ui.") and m.endswith("_panel")]
    trace(step + " loaded=" + ",".join(loaded) + " panels=" + ",".join(sorted(panels)))
startup.trace = watched
from fieldapp.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


def test_first_window_before_heavy_imports_and_panels(tmp_path):
    store = tmp_path / "field.sqlite"
    env = app_env(tmp_path)
    subprocess.run([sys.executable, "-m", "fieldapp", "--store", str(store), "--create", "demo"], env=env,
                   check=True, capture_output=True, timeout=120)
    app = AppProcess(["--store", str(store)], env, command=[sys.executable, "-c", WATCH])
    try:
        app.wait_for("first-window")
        app.wait_for("panels-attached")
    finally:
        assert app.terminate() == 0
    first = next(s for s in app.steps() if s.startswith("first-window"))
    last = next(s for s in app.steps() if s.startswith("panels-attached"))
    assert first.endswith("loaded= panels="), first               # none of them yet
    loaded = last.split(" loaded=")[1].split(" panels=")[0].split(",")
    for module in ("PySide6.QtWebEngineWidgets", "pypinyin", "numpy"):
        assert module in loaded, last                             # the panels brought them in
    assert "folium" not in loaded, last                            # only once a map is made
    for panel in ("toolkit_panel", "map_panel", "instruments_panel", "sync_panel", "report_panel",
                  "plume_panel"):
        assert f"fieldapp.ui.{panel}" in last
