"""The window's start (fieldapp.ui.startup) in a real process: the first window is painted before
the heavy libraries are loaded and before any panel is built; then every panel attaches."""
from __future__ import annotations

import ast
import subprocess
import sys

import pytest
from app_process import AppProcess, app_env

pytestmark = pytest.mark.slow

HEAVY = ("folium", "reportlab", "PySide6.QtWebEngineWidgets", "pypinyin", "scipy", "numpy", "sqlite_utils",
         # the vocabulary's parameter tables and the toolkit data (the first point's verdicts need
         # them), the second-start listener, and SpatiaLite with the geo libraries ("mod_spatialite":
         # mapped into the process) all come after the first paint
         "fieldapp.vocab.parameters", "fieldapp.toolkit.data", "PySide6.QtNetwork", "mod_spatialite")
# Runs the real entry point; only the trace function is wrapped, to say which libraries are loaded
# at each step.
WATCH = f"""
import sys
import fieldapp.__main__, fieldapp.cli, fieldapp.gui_launch     # as the entry point imports them: first
import fieldapp.ui.startup as startup
trace = startup.trace
def watched(step):
    maps = open("/proc/self/maps").read()
    loaded = [m for m in {HEAVY!r} if m in sys.modules or (m == "mod_spatialite" and m in maps)]
    panels = [m for m in sys.modules if m.startswith("fieldapp.ui.") and m.endswith("_panel")]
    names = list(sys.modules)                  # in the order they were imported
    late = [m for m in names[names.index("PySide6"):] if m.startswith("fieldapp.") and not m.startswith("fieldapp.ui")]
    trace(step + " late=" + ",".join(late) + " loaded=" + ",".join(loaded) + " panels=" + ",".join(sorted(panels)))
startup.trace = watched
from fieldapp.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


def run_on_demo(tmp_path, script: str, until: str, *args: str) -> AppProcess:
    """The app started through ``script`` on a new demo store, run until the ``until`` step, closed."""
    store = tmp_path / "field.sqlite"
    env = app_env(tmp_path)
    subprocess.run([sys.executable, "-m", "fieldapp", "--store", str(store), "--create", "demo"], env=env,
                   check=True, capture_output=True, timeout=120)
    app = AppProcess(["--store", str(store), *args], env, command=[sys.executable, "-c", script])
    try:
        app.wait_for(until)
    finally:
        assert app.terminate() == 0
    return app


def test_first_window_before_heavy_imports_and_panels(tmp_path):
    app = run_on_demo(tmp_path, WATCH, "panels-attached")
    first = next(s for s in app.steps() if s.startswith("first-window"))
    last = next(s for s in app.steps() if s.startswith("panels-attached"))
    assert first.endswith("loaded= panels="), first               # none of them yet
    # the app's Qt-free modules came before PySide6 (startup.CORE_BEFORE_QT: PySide reads the
    # source of every module imported after it)
    assert first.startswith("first-window late= "), first
    loaded = last.split(" loaded=")[1].split(" panels=")[0].split(",")
    for module in ("PySide6.QtWebEngineWidgets", "pypinyin", "numpy", "fieldapp.vocab.parameters",
                   "PySide6.QtNetwork", "mod_spatialite"):
        assert module in loaded, last                             # the panels brought them in
    assert "folium" not in loaded, last                            # only once a map is made
    for panel in ("toolkit_panel", "map_panel", "instruments_panel", "sync_panel", "report_panel",
                  "plume_panel"):
        assert f"fieldapp.ui.{panel}" in last


# What the window shows at the first paint and once its points are in (the real start-up path).
SHOWN = """
import sys
import fieldapp.ui.startup as startup
from PySide6.QtWidgets import QApplication
trace = startup.trace
def watched(step):
    if step in ("first-window", "points-shown"):
        win = next(w for w in QApplication.topLevelWidgets() if hasattr(w, "points_model"))
        rows = win.points_model.rows
        step += (f" | {win.windowTitle()} | {win.ui.pointsTitle.text()} | {len(rows)} | "
                 f"{[r.get('chainage_m') is not None for r in rows]} | {win.session.point_uuid == (rows[0]['uuid'] if rows else None)}"
                 f" | {'numpy' in sys.modules}")
    trace(step)
startup.trace = watched
from fieldapp.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


def test_incident_at_first_paint_then_points_in_river_order(tmp_path):
    app = run_on_demo(tmp_path, SHOWN, "points-shown", "--lang", "en")
    first = next(s for s in app.steps() if s.startswith("first-window")).split(" | ")
    later = next(s for s in app.steps() if s.startswith("points-shown")).split(" | ")
    # first paint: the real window with the incident named, its points announced, no numpy yet
    assert first[1].startswith("FieldApp — ") and len(first[1]) > len("FieldApp — "), first
    assert first[2] == "Sampling points (placing them along the river…)" and first[3] == "0", first
    assert first[6] == "False", first
    # then the points, in river order (the demo's points on its river have a chainage, listed first),
    # the first one current in the session (what the panels attached next read)
    assert later[1] == first[1] and later[2] == "Sampling points", later
    on_river = ast.literal_eval(later[4])
    assert int(later[3]) > 0 and on_river[0] and on_river == sorted(on_river, reverse=True), later
    assert later[5] == "True" and later[6] == "True", later


GC_STATE = """
import gc, sys
import fieldapp.ui.startup as startup
trace = startup.trace
def watched(step):
    trace(step + f" gc={gc.isenabled()}")
startup.trace = watched
from fieldapp.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


def test_garbage_collection_is_off_while_loading_and_on_after_the_first_paint(tmp_path):
    """The entry point turns cyclic collection off while the modules load (~20 ms of the first
    paint) and the window turns it back on after its first paint; a subcommand has it on."""
    app = run_on_demo(tmp_path, GC_STATE, "points-shown")
    steps = {s.rsplit(" gc=", 1)[0]: s.rsplit(" gc=", 1)[1] for s in app.steps() if " gc=" in s}
    assert steps["window-built"] == "False" and steps["first-window"] == "False", steps
    assert steps["points-shown"] == "True", steps
    probe = ("import gc, sys, fieldapp.cli\n"
             "fieldapp.cli.cmd_incidents = lambda args: print('gc', gc.isenabled())\n"
             "from fieldapp.__main__ import main\n"
             "sys.exit(main(sys.argv[1:]))\n")
    out = subprocess.run([sys.executable, "-c", probe, "--store", str(tmp_path / "field.sqlite"), "incidents"],
                         capture_output=True, text=True, env=app_env(tmp_path))
    assert "gc True" in out.stdout, out.stdout + out.stderr


NO_MESSAGE_BOX = """
import sys
from PySide6.QtWidgets import QMessageBox
QMessageBox.critical = staticmethod(lambda parent, title, text: print("BOX", title, "|", text, flush=True))
from fieldapp.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


def test_no_spatialite_is_said_before_any_window(tmp_path):
    """SpatiaLite loads after the first paint, but a missing one is still said before the window:
    one line on stderr, a message box, exit 2, no traceback, nothing shown."""
    store = tmp_path / "field.sqlite"
    env = app_env(tmp_path)
    subprocess.run([sys.executable, "-m", "fieldapp", "--store", str(store), "--create", "demo"], env=env,
                   check=True, capture_output=True, timeout=120)
    res = subprocess.run([sys.executable, "-c", NO_MESSAGE_BOX, "--store", str(store)], capture_output=True,
                         text=True, timeout=120, env={**env, "FIELDAPP_SPATIALITE": str(tmp_path / "nothing.so")})
    said = [ln for ln in res.stderr.splitlines() if ln.startswith("fieldapp:")]
    assert res.returncode == 2 and len(said) == 1 and "FIELDAPP_SPATIALITE" in said[0], res.stderr
    assert "BOX" in res.stdout and "nothing.so" in res.stdout, res.stdout
    assert "Traceback" not in res.stderr and "first-window" not in res.stderr


def test_a_spatialite_that_does_not_load_closes_the_window_in_words(tmp_path):
    """A mod_spatialite that is there but does not load (loaded after the first paint): the window
    says so, closes, exit 2; no crash report, no traceback, the store untouched."""
    store = tmp_path / "field.sqlite"
    env = app_env(tmp_path)
    subprocess.run([sys.executable, "-m", "fieldapp", "--store", str(store), "--create", "demo"], env=env,
                   check=True, capture_output=True, timeout=120)
    broken = tmp_path / "mod_spatialite.so"
    broken.write_bytes(b"not a library")
    before = store.read_bytes()
    res = subprocess.run([sys.executable, "-c", NO_MESSAGE_BOX, "--store", str(store)], capture_output=True,
                         text=True, timeout=120, env={**env, "FIELDAPP_SPATIALITE": str(broken)})
    said = [ln for ln in res.stderr.splitlines() if ln.startswith("fieldapp:")]
    assert res.returncode == 2 and len(said) == 1 and "SpatiaLite could not be loaded" in said[0], res.stderr
    assert "BOX" in res.stdout and "Traceback" not in res.stderr
    logs = tmp_path / "data" / "logs"
    assert not (logs.is_dir() and list(logs.glob("crash-*.log")))
    assert store.read_bytes() == before


def test_garbage_collection_is_back_on_however_the_command_ends(capsys):
    """In-process too (tests, anything calling the entry point): --help and a bad option end with
    SystemExit, and collection is on again afterwards."""
    import gc

    from fieldapp.__main__ import main

    for argv in (["--help"], ["--no-such-option"]):
        with pytest.raises(SystemExit):
            main(argv)
        assert gc.isenabled(), argv
