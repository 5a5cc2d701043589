"""The first hour on a new incident of each of the five typical scenarios, with the keyboard only:
create it (kind and release position typed), the scenario checklist in front, tick its first step,
take the proposed sampling points, record an exceedance at the intake (the banner with the
toolkit's next actions), draft the report due (the quick report); every step is logged as a structured entry."""
from __future__ import annotations

import subprocess

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from fieldapp.maps import spatial
from fieldapp.maps.demo_layers import DEMO_RIVER, river_point
from fieldapp.maps.layer_import import write_layer
from fieldapp.ui.app import build_main_window
from fieldapp.guide.steps import report_due
from fieldapp.reports.texts import TITLES
from fieldapp.vocab.incidents import KINDS, scenario_for_kind

pytestmark = [pytest.mark.qt, pytest.mark.slow]

# kind -> (pollutant typed in the measurement form, a value 10× over its intake limit, unit)
WALKS = {
    "tailings_leak": ("Cd", "0.05", "mg/L"),
    "tanker_accident": ("phenol", "0.02", "mg/L"),
    "fire_water": ("nitrobenzene", "0.17", "mg/L"),
    "pipeline_oil": ("petroleum", "0.5", "mg/L"),
    "heavy_metal_discharge": ("Tl", "0.001", "mg/L"),
}
SOURCE_CHAINAGE_M = 3_000
INTAKE_CHAINAGE_M = 12_000


def when_modal(fn, cls_name: str | None = None):
    """Run fn(dialog) once the next modal dialog (of that class) is open. A failure inside closes
    the dialog (so the test does not hang) and is raised again by ``check_modal``."""
    def poll():
        dlg = QApplication.activeModalWidget()
        if dlg is None or (cls_name and type(dlg).__name__ != cls_name):
            QTimer.singleShot(20, poll)
            return
        if not dlg.isActiveWindow():        # offscreen: a new dialog is not always activated
            dlg.activateWindow()
            QApplication.processEvents()
        try:
            fn(dlg)
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread below
            FAILURES.append(exc)
            dlg.reject()
    QTimer.singleShot(0, poll)


FAILURES: list = []


def check_modal():
    if FAILURES:
        raise FAILURES.pop()


def reactivate(qtbot, win):
    """As a window manager does when a dialog closes."""
    if not win.isActiveWindow():
        win.activateWindow()
        qtbot.waitUntil(win.isActiveWindow, timeout=3000)


def wait_for(qtbot, signal, action, timeout=10000, win=None):
    """Do ``action`` and wait for ``signal``; a failure inside a dialog is reported as itself.
    ``win`` is activated again afterwards, as a window manager does when a dialog closes."""
    with qtbot.waitSignal(signal, timeout=timeout, raising=False) as blocker:
        action()
    check_modal()
    assert blocker.signal_triggered, f"{signal} did not come"
    if win is not None:
        reactivate(qtbot, win)
    return blocker


def key(qtbot, widget, k, modifiers=Qt.NoModifier):
    qtbot.keyClick(widget, k, modifiers)


def type_enter(qtbot, widget, text: str):
    widget.setFocus()
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key_Return)


@pytest.fixture
def plan_store(store):
    """The team's river plan (a shared layer, as "one map" imports it): river line and an intake."""
    with store.transaction():
        write_layer(store, "某河干流", "river", [{"name": "某河", "coords": list(DEMO_RIVER)}], [],
                    source_file="plan", source_format="test")
        lon, lat = river_point(INTAKE_CHAINAGE_M, -30)
        write_layer(store, "取水口", "intake", [], [{"kind": "intake", "name": "县水厂取水口", "lon": lon, "lat": lat}],
                    source_file="plan", source_format="test")
    return store


@pytest.mark.parametrize("kind", list(WALKS))
def test_first_hour_by_keyboard(app, qtbot, plan_store, kind, tmp_path):
    store = plan_store
    win = build_main_window(store, app[1], "zh_CN", make_demo=False)     # every panel, the map too
    qtbot.addWidget(win)
    win.resize(1366, 740)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=5000)   # shortcuts go to the active window
    guide, toolkit, reports = win.panels["guide"], win.panels["toolkit"], win.panels["reports"]
    src_lon, src_lat = river_point(SOURCE_CHAINAGE_M)
    kind_index = list(KINDS).index(kind)

    # 1. create: Ctrl+Shift+N, the kind by arrow keys, Enter through the form
    def fill_incident(dlg):
        ui = dlg.ui
        assert dlg.focusWidget() is ui.kindCombo
        key(qtbot, ui.kindCombo, Qt.Key_Home)
        for _ in range(kind_index):
            key(qtbot, ui.kindCombo, Qt.Key_Down)
        key(qtbot, ui.kindCombo, Qt.Key_Return)
        type_enter(qtbot, ui.nameEdit, f"walk {kind}")
        key(qtbot, ui.pollutantCombo, Qt.Key_Return)                    # not known yet
        type_enter(qtbot, ui.sourceLatEdit, f"{src_lat:.6f}")
        type_enter(qtbot, ui.sourceLonEdit, f"{src_lon:.6f}")
        for w in (ui.locationEdit, ui.discoveredEdit, ui.standardCombo, ui.sourceStandardCombo):  # last saves
            key(qtbot, w, Qt.Key_Return)
    when_modal(fill_incident, "IncidentDialog")
    wait_for(qtbot, guide.refreshed, lambda: key(qtbot, win, Qt.Key_N, Qt.ControlModifier | Qt.ShiftModifier),
             win=win)
    inc = win.incident
    assert inc["kind"] == kind and inc["scenario_id"] == scenario_for_kind(kind)
    assert [p["role"] for p in store.list_points(inc["uuid"])] == ["source"]

    # 2. the matching checklist is in front; Space ticks its first step (a structured log entry)
    assert win.ui.mainTabs.currentWidget() is toolkit
    assert toolkit.current_scenario["id"] == inc["scenario_id"]
    qtbot.waitUntil(toolkit.ui.stepsList.hasFocus, timeout=3000)
    wait_for(qtbot, guide.refreshed, lambda: key(qtbot, toolkit.ui.stepsList, Qt.Key_Space))
    assert guide.steps[0].id == "checklist" and guide.steps[0].done

    # 3. Alt+2: the proposed points from the river line, Enter takes them all
    proposed = {}

    def take(dlg):
        proposed["items"] = list(dlg.proposals.items)
        key(qtbot, dlg.list, Qt.Key_Return)
    when_modal(take, "ProposalsDialog")
    key(qtbot, win, Qt.Key_2, Qt.AltModifier)          # a mnemonic clicks its button 100 ms later
    qtbot.waitUntil(lambda: bool(proposed) or bool(FAILURES), timeout=5000)
    check_modal()
    qtbot.waitUntil(lambda: len(win.points_model.rows) > 1, timeout=5000)
    reactivate(qtbot, win)
    roles = [p["role"] for p in win.points_model.rows]
    assert roles[:2] == ["upstream_control", "source"] and "water_intake" in roles and roles.count("downstream") == 4
    chain = [p["chainage_m"] for p in win.points_model.rows]
    assert chain == sorted(chain)                                      # listed in river order
    intake = next(p for p in win.points_model.rows if p["role"] == "water_intake")
    assert abs(intake["chainage_m"] - INTAKE_CHAINAGE_M) < 60

    # 4. Alt+4 (intake monitoring): the form names the intake; a value 10× over its limit
    parameter, value, unit = WALKS[kind]

    def measure(dlg):
        assert intake["code"] in dlg.windowTitle()
        ui = dlg.ui
        ui.parameterCombo.setEditText(parameter)
        key(qtbot, ui.parameterCombo.lineEdit(), Qt.Key_Return)
        type_enter(qtbot, ui.valueEdit, value)
        ui.unitCombo.setEditText(unit)
        key(qtbot, ui.unitCombo.lineEdit(), Qt.Key_Return)
        for w in (ui.measuredEdit, ui.sampleCombo, ui.methodEdit, ui.instrumentEdit):
            key(qtbot, w, Qt.Key_Return)
    when_modal(measure, "MeasurementDialog")
    shown = wait_for(qtbot, guide.banner_shown, lambda: key(qtbot, win, Qt.Key_4, Qt.AltModifier), win=win)
    fb = shown.args[0]
    assert fb.verdict.status == "exceeded" and fb.point["uuid"] == intake["uuid"]
    assert guide.banner.isVisible() and intake["code"] in guide.banner.title.text()
    actions = guide.banner.actions.text()
    assert "取水" in actions and "第四条" in actions and "水厂应急处理" in actions
    assert "超标" in win.statusBar().currentMessage()
    win.grab().save(str(tmp_path / f"banner_{kind}.png"))

    # 5. Alt+6: the report due drafted at once, in Chinese: the one-hour quick report, unless the
    # checklist step just ticked was "reported to the local authority" (then the initial report)
    due = report_due(guide.state)
    ticked_report = toolkit.current_scenario["steps"][0]["id"] == "report"
    assert due == ("initial" if ticked_report else "quick")
    done = wait_for(qtbot, reports.report_done, lambda: key(qtbot, win, Qt.Key_6, Qt.AltModifier), 60000)
    pdf = done.args[0]
    assert win.ui.mainTabs.currentWidget() is reports and reports.ui.typeCombo.currentData() == due
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert TITLES[due][0] in text.replace("\n", "")
    if due != "quick":                       # the one-page quick report names the incident, not every point
        assert intake["code"] in text

    # 6. the steps done are structured log entries, once each
    def logged():
        return [r["step_id"] for r in store_log(win, inc) if r["entry_kind"] == "guide_step"]
    qtbot.waitUntil(lambda: {"guide/checklist", "guide/points", "guide/intake"} <= set(logged()),
                    timeout=10000)
    assert len(logged()) == len(set(logged()))
    assert spatial.chainage(win.store, src_lon, src_lat, inc["uuid"]).method == "river"
    win.close()


def store_log(win, inc):
    return win.store.list_log(inc["uuid"])
