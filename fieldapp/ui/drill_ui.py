"""Drill mode in the window: start a drill from a scenario, run its injects and simulated
instruments while it is the current incident, show and export the scorecard, delete it whole.

The decisions are fieldapp.drills' (scenario files, plume, injects, score); this module lays them
out. While a drill is current, its simulated instruments run on ptys and are offered in the
instruments panel's port list; the trainee's position follows the current point.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QHeaderView, QLabel, QListWidget,
                               QMessageBox, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout)

from fieldapp.app.events import IncidentChanged, PointChanged
from fieldapp.drills.run import create_drill, deliver_inject, drill_seconds, due_injects
from fieldapp.drills.scenario import ScenarioError, scenario, scenarios
from fieldapp.drills.score import scorecard
from fieldapp.drills.scorecard_pdf import scorecard_pdf
from fieldapp.reports.files import report_folder, scorecard_file_name
from fieldapp.store import StoreError
from fieldapp.store.drills import delete_drill as delete_drill_records
from fieldapp.ui.common import show_error

INJECT_CHECK_MS = 5_000



def _lang(session) -> str:
    return session.content_lang


class DrillRuntime(QObject):
    """What runs while a drill is the current incident: injects on time, simulated instruments."""

    inject = Signal(str)            # the inject's text, in the session's language
    instruments_ready = Signal(dict)

    def __init__(self, session, host):
        super().__init__()
        self.session, self.host = session, host
        self.incident: dict | None = None
        self.scenario = None
        self.instruments = None
        self.timer = QTimer(self, interval=INJECT_CHECK_MS, timeout=self.check_injects)

    def follow(self, _e=None) -> None:
        inc = self.session.incident
        if inc and inc.get("is_drill") and inc.get("drill_scenario"):
            if self.incident is None or self.incident["uuid"] != inc["uuid"]:
                self.stop()
                self.begin(inc)
        else:
            self.stop()

    def begin(self, inc: dict) -> None:
        from fieldapp.drills.sim import DrillInstruments

        try:
            self.scenario = scenario(inc["drill_scenario"])
        except ScenarioError as exc:
            self.host.show_message(str(exc))
            return
        self.incident = inc
        self.instruments = DrillInstruments(self.scenario, drill_seconds(inc, self.scenario))
        ports = self.instruments.start()
        hub = self.session.instruments
        hub.virtual_ports[:] = [{"port": port, "profile": prof, "label": QCoreApplication.translate("DrillUi", "drill: {0}").format(name)}
                                for name, (port, prof) in ports.items()]
        self.point_changed()
        panel = self.host.panels.get("instruments")
        if panel is not None:
            panel.refresh_ports()
        self.timer.start()
        self.instruments_ready.emit(ports)
        self.check_injects()

    def point_changed(self, _e=None) -> None:
        """The trainee stands at the current point (the simulated readings follow it)."""
        if self.instruments is None:
            return
        p = self.session.current_point()
        if p is not None:
            self.instruments.position.set(self.session.store, self.incident["uuid"], p["lon"], p["lat"])

    def check_injects(self) -> None:
        if self.incident is None or self.session.read_only:
            return
        inc, sc = self.incident, self.scenario
        for index, inj in due_injects(self.session.store, inc, sc):
            try:
                self.session.write(lambda st, i=index, j=inj: deliver_inject(st, inc["uuid"], i, j))
            except StoreError:
                return                  # the writer is busy (an import): next check
            if inj["kind"] == "instrument_failure":
                self.instruments.fail(inj["instrument"])
            text = inj["en"] if _lang(self.session) == "en" else inj["zh"]
            self.host.show_message(QCoreApplication.translate("DrillUi", "Drill inject: {0}").format(text), 30000)
            self.inject.emit(text)

    def stop(self) -> None:
        self.timer.stop()
        if self.instruments is not None:
            self.instruments.stop()
            self.instruments = None
            if self.session._instruments is not None:
                self.session._instruments.virtual_ports.clear()
        self.incident = None


class ScenarioChooser(QDialog):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("DrillUi", "Start a drill"))
        lang = _lang(session)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(QCoreApplication.translate("DrillUi", "Choose a scenario. A drill is an exercise: it is marked as such everywhere and "
                                "kept out of real exports, bundles and the report archive.")))
        self.list = QListWidget()
        self.ids = list(scenarios())
        for sid in self.ids:
            self.list.addItem(scenarios()[sid].name(lang))
        self.list.setCurrentRow(0)
        lay.addWidget(self.list)
        self.briefing = QLabel()
        self.briefing.setWordWrap(True)
        lay.addWidget(self.briefing)
        self.list.currentRowChanged.connect(lambda i: self.briefing.setText(scenarios()[self.ids[i]].briefing(lang)))
        self.briefing.setText(scenarios()[self.ids[0]].briefing(lang))
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.list.activated.connect(lambda *_: self.accept())
        lay.addWidget(buttons)
        self.resize(640, 420)

    def chosen(self):
        return scenarios()[self.ids[self.list.currentRow()]]


def start_drill(win, scenario_id: str | None = None) -> dict | None:
    session = win.session
    if scenario_id is None:
        dlg = ScenarioChooser(session, win)
        if not dlg.exec():
            return None
        sc = dlg.chosen()
    else:
        sc = scenario(scenario_id)
    try:
        inc = session.write(lambda st: create_drill(st, sc))
    except StoreError as exc:
        show_error(win, exc)
        return None
    session.set_incident(inc["uuid"])
    return inc


class ScorecardDialog(QDialog):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        inc = session.incident
        self.scenario = scenario(inc["drill_scenario"])
        self.card = scorecard(session.store, inc["uuid"], self.scenario)
        lang = _lang(session)
        self.setObjectName("scorecardDialog")
        self.setWindowTitle(QCoreApplication.translate("DrillUi", "Drill scorecard"))
        lay = QVBoxLayout(self)
        title = QLabel(f"<b>{inc['code']}  {self.scenario.name(lang)}</b>")
        title.setWordWrap(True)
        lay.addWidget(title)
        table = QTableWidget(len(self.card.items) + 1, 3)
        table.setHorizontalHeaderLabels([QCoreApplication.translate("DrillUi", "Item"), QCoreApplication.translate("DrillUi", "Result"), QCoreApplication.translate("DrillUi", "Score")])
        words = {True: QCoreApplication.translate("DrillUi", "met"), False: QCoreApplication.translate("DrillUi", "not met"), None: QCoreApplication.translate("DrillUi", "open")}
        for r, item in enumerate(self.card.items):
            table.setItem(r, 0, QTableWidgetItem(item.label(lang)))
            table.setItem(r, 1, QTableWidgetItem(f"{item.value(lang)} — {words[item.ok]}"))
            table.setItem(r, 2, QTableWidgetItem(f"{item.points}/{item.max_points}"))
        last = len(self.card.items)
        table.setItem(last, 0, QTableWidgetItem(QCoreApplication.translate("DrillUi", "Total")))
        table.setItem(last, 2, QTableWidgetItem(f"{self.card.points}/{self.card.max_points}"))
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeToContents)
        table.setWordWrap(True)
        table.resizeRowsToContents()
        table.setMinimumHeight(header.height() + sum(table.rowHeight(r) for r in range(table.rowCount())) + 6)
        self.table = table
        lay.addWidget(table)
        skipped = [en if lang == "en" else zh for zh, en in self.card.skipped_steps]
        self.skipped = QLabel(QCoreApplication.translate("DrillUi", "Checklist steps skipped: {0}").format(
            "" if skipped else QCoreApplication.translate("DrillUi", "none")))
        lay.addWidget(self.skipped)
        self.skipped_list = QListWidget()
        self.skipped_list.addItems([f"• {s}" for s in skipped])
        self.skipped_list.setWordWrap(True)
        lay.addWidget(self.skipped_list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.export_button = QPushButton(QCoreApplication.translate("DrillUi", "&Export as PDF…"))
        buttons.addButton(self.export_button, QDialogButtonBox.ActionRole)
        self.export_button.clicked.connect(lambda: self.export_pdf())
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(900, 600)

    def export_pdf(self, path: str | None = None) -> Path | None:
        if path is None:
            folder = report_folder(self.session.store.path)      # beside the drill's reports
            folder.mkdir(exist_ok=True)
            path, _ = QFileDialog.getSaveFileName(self, QCoreApplication.translate("DrillUi", "Save the scorecard"),
                                                  str(folder / scorecard_file_name(self.card.incident["code"])),
                                                  QCoreApplication.translate("DrillUi", "PDF (*.pdf)"))
            if not path:
                return None
        out = Path(path)
        out.write_bytes(scorecard_pdf(self.card, _lang(self.session)))
        return out


def show_scorecard(win) -> ScorecardDialog | None:
    inc = win.session.incident
    if not inc or not inc.get("is_drill"):
        return None
    dlg = ScorecardDialog(win.session, win)
    dlg.show()
    return dlg


def delete_drill(win, confirm: bool = True) -> bool:
    session = win.session
    inc = session.incident
    if not inc or not inc.get("is_drill"):
        return False
    if confirm:
        box = QMessageBox(QMessageBox.Question, QCoreApplication.translate("DrillUi", "Delete this drill?"),
                          QCoreApplication.translate("DrillUi", "Delete the drill {0} with everything recorded in it? This cannot be undone; real "
                             "incidents are never affected.").format(inc["name"]),
                          QMessageBox.Yes | QMessageBox.No, win)
        box.setDefaultButton(QMessageBox.No)
        if box.exec() != QMessageBox.Yes:
            return False
    runtime = win.panels.get("drill")
    if runtime is not None:
        runtime.stop()
    uuid = inc["uuid"]
    try:
        session.write(lambda st: delete_drill_records(st, uuid))
    except StoreError as exc:
        show_error(win, exc)
        return False
    session.incident = None
    win._fill_incidents()
    return True


def attach(session, host) -> DrillRuntime:
    runtime = DrillRuntime(session, host)
    host.panels["drill"] = runtime
    ev = host.events
    ev.on(IncidentChanged, runtime.follow, owner=runtime)
    ev.on(PointChanged, runtime.point_changed, owner=runtime)
    host.add_close_hook(runtime.stop)
    runtime.setParent(host)
    runtime.follow()
    return runtime
