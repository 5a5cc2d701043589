"""Main window controller (forms/main_window.ui): incident panel, points, samples, measurements, log.

The window shows the session (fieldapp.app.Session): it reads through ``session.store``, writes
through ``session.write`` and redraws when the session's events say something changed, whoever
wrote it (a dialog here, the instrument sink, a sync import). Panels get the session and this
window as their host (``PanelHost`` in fieldapp/ui/host.py): tabs, status-bar widgets, shortcuts
and messages are asked for through it; nothing else of the window is theirs to touch.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import QMainWindow, QMessageBox

from fieldapp.app.events import (IdentityChanged, IncidentChanged, LanguageChanged, PointChanged,
                                 PollutantRequested, RecordsChanged)
from fieldapp.core.timeutil import to_local_display
from fieldapp.store import StoreError
from fieldapp.ui import labels
from fieldapp.ui.common import show_error
from fieldapp.ui.events import QtEvents
from fieldapp.ui.exceedance_colours import ExceedanceColours
from fieldapp.ui.forms.ui_main_window import Ui_MainWindow
from fieldapp.ui.host import PanelHost
from fieldapp.ui.label_scan import LabelScan
from fieldapp.ui.lazy_tab import LazyTab
from fieldapp.ui.main_tables import build_record_models
from fieldapp.ui.window_menu import MenuActions

DETAIL_TABLES = ("measurements", "samples", "custody_events")


class MainWindow(PanelHost, MenuActions, QMainWindow):
    language_requested = Signal(str)

    def __init__(self, session, parent=None, points_after_paint: bool = False):
        """``points_after_paint``: the points table stays empty (its title says they are coming)
        until ``show_points_now``: the window's start shows the window first, since river order
        and the first point's verdicts need numpy, PROJ, GEOS and the vocabulary (~0.3 s)."""
        QMainWindow.__init__(self, parent)
        PanelHost.__init__(self)
        self.session = session
        self._points_held = points_after_paint
        self.events = QtEvents(session.bus, self)
        self.undo_item: tuple | None = None   # (description, callable) for the last change
        self.colours = ExceedanceColours(lang=session.content_lang)
        from fieldapp.server.copy_note import copy_note

        self.server_copy = copy_note(session.store)  # a server incident opened read-only, or None
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self._build_models()
        self._add_photos_tab()
        self._wire()
        self._listen()
        self._fill_incidents()

    @property
    def store(self):
        """The GUI thread's read-only connection (diagnostics and tests; writes go through the session)."""
        return self.session.store

    @property
    def incident(self) -> dict | None:
        return self.session.incident

    def _listen(self):
        ev = self.events
        ev.on(RecordsChanged, self._records_changed, owner=self)
        ev.on(IncidentChanged, self._incident_changed, owner=self)
        ev.on(PointChanged, lambda e: self._show_point(e.uuid), owner=self)
        ev.on(LanguageChanged, self._content_language, owner=self)
        ev.on(IdentityChanged, lambda e: self._show_incident_info(), owner=self)

    def _records_changed(self, e: RecordsChanged):
        if e.touches("incidents"):
            self.session.reload_incident()
            self._fill_incidents()
        if e.touches("sampling_points"):
            self._show_points()
        elif e.touches(*DETAIL_TABLES, "attachments"):
            self._show_point_details()
        if e.touches("incident_log"):
            self._show_log()

    # ---- setup ---------------------------------------------------------------------------
    def _build_models(self):
        build_record_models(self)
        ui = self.ui
        labels.fill_combo(ui.logKindCombo, labels.log_kinds(), "observation")
        # Fit a 1366×768 laptop in both languages: long texts wrap instead of widening the window.
        ui.incidentInfo.setWordWrap(True)
        ui.incidentInfo.setMinimumWidth(160)
        ui.incidentCombo.setMinimumContentsLength(18)
        ui.incidentCombo.setSizeAdjustPolicy(ui.incidentCombo.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        ui.splitter.setStretchFactor(0, 2)
        ui.splitter.setStretchFactor(1, 3)

    def _add_photos_tab(self):
        """The Photos tab, built when first shown (``photos_tab``), not with the window (~7 ms)."""
        self._photos_slot = LazyTab(self.ui.detailTabs, lambda: QCoreApplication.translate("MainWindow", "Photos"),
                                    self._build_photos_tab)

    def _build_photos_tab(self, parent):
        from fieldapp.ui.photos_ui import PhotosTab

        tab = PhotosTab(self.session, parent)
        tab.show_point(self.session.current_point())
        return tab

    @property
    def _photos(self):
        """The Photos tab if it was built, else None."""
        return self._photos_slot.content

    @property
    def photos_tab(self):
        return self._photos_slot.get()

    def _wire(self):
        ui = self.ui
        ui.incidentCombo.currentIndexChanged.connect(self._incident_chosen)
        ui.newIncidentButton.clicked.connect(self.new_incident)
        ui.actionNewIncident.triggered.connect(self.new_incident)
        ui.actionDemo.triggered.connect(self.create_demo)
        ui.actionIdentity.triggered.connect(self.edit_identity)
        ui.actionOpenServerIncident.triggered.connect(self.open_server_incident)
        ui.actionQuit.triggered.connect(self.close)
        ui.actionUndo.triggered.connect(self.undo)
        ui.actionAddPoint.triggered.connect(self.add_point)
        ui.actionAddMeasurement.triggered.connect(self.add_measurement)
        ui.addPointButton.clicked.connect(self.add_point)
        ui.editPointButton.clicked.connect(self.edit_point)
        ui.deletePointButton.clicked.connect(self.delete_point)
        ui.pointsTable.doubleClicked.connect(lambda *_: self.edit_point())
        ui.pointsTable.selectionModel().currentRowChanged.connect(self._point_changed)
        # activated = double-click, or Enter on the focused row: the pollutant page (toolkit tab)
        ui.measurementsTable.activated.connect(self._measurement_activated)
        ui.samplesTable.selectionModel().currentRowChanged.connect(self._sample_changed)
        ui.addMeasurementButton.clicked.connect(self.add_measurement)
        ui.addSampleButton.clicked.connect(self.add_sample)
        ui.handOverButton.clicked.connect(self.hand_over)
        ui.logEdit.returnPressed.connect(self.add_log)
        ui.logButton.clicked.connect(self.add_log)
        ui.actionChinese.triggered.connect(lambda: self.language_requested.emit("zh_CN"))
        ui.actionEnglish.triggered.connect(lambda: self.language_requested.emit("en"))
        QShortcut(QKeySequence(Qt.Key_Delete), ui.pointsTable, self.delete_point).setContext(Qt.WidgetShortcut)
        # Widget shortcuts: Enter in the log field adds to the log, not "edit point" (a window-wide
        # Return shortcut took every Enter in the window).
        ret = QShortcut(QKeySequence(Qt.Key_Return), ui.pointsTable, self.edit_point)
        ret.setContext(Qt.WidgetShortcut)
        ui.actionHelp.triggered.connect(self.show_help)
        ui.actionStartDrill.triggered.connect(self.start_drill)
        ui.actionScorecard.triggered.connect(self.show_scorecard)
        ui.actionDeleteDrill.triggered.connect(self.delete_drill)
        ui.actionProposePoints.triggered.connect(self.propose_points)
        # a sample label's QR text, typed or from a scanner that types it: F8 puts the cursor there
        self.label_scan = LabelScan(self.session, self.select_sample, self)
        ui.samplesLayout.insertWidget(0, self.label_scan)
        QShortcut(QKeySequence(Qt.Key_F8), self, self._focus_label_scan)

    def _focus_label_scan(self):
        self.ui.detailTabs.setCurrentWidget(self.ui.samplesTab)
        self.label_scan.focus()

    def select_sample(self, sample: dict) -> None:
        """Show a sample (found by its label): its incident, its point, its row in the samples table."""
        if self.session.incident_uuid != sample["incident_uuid"]:
            self.session.set_incident(sample["incident_uuid"])
        self.select_point(sample["point_uuid"])
        row = self.samples_model.find(sample["uuid"])
        if row >= 0:
            self.ui.samplesTable.selectRow(row)
        self.ui.detailTabs.setCurrentWidget(self.ui.samplesTab)

    # ---- language ------------------------------------------------------------------------
    def changeEvent(self, event):  # noqa: N802
        if event.type() == QEvent.LanguageChange:
            self.ui.retranslateUi(self)
            self._title_points()
            for model in (self.points_model, self.measurements_model, self.samples_model, self.custody_model,
                          self.log_model):
                model.refresh_headers()
                model.layoutChanged.emit()
            labels.fill_combo(self.ui.logKindCombo, labels.log_kinds(), self.ui.logKindCombo.currentData())
            self._show_incident_info()
            self.retitle_tabs()
        super().changeEvent(event)

    def _content_language(self, e: LanguageChanged):
        self.set_language_checks(e.lang)
        self.colours.lang = self.session.content_lang
        self._show_point_details()

    def set_language_checks(self, lang: str):
        self.ui.actionChinese.setChecked(lang == "zh_CN")
        self.ui.actionEnglish.setChecked(lang == "en")

    # ---- incidents -----------------------------------------------------------------------
    def _fill_incidents(self):
        """The incident list; the current incident stays (or the one last worked on is chosen)."""
        combo = self.ui.incidentCombo
        current = self.session.incident_uuid
        if current is None:
            last = self.store.last_incident()
            current = last["uuid"] if last else None
        combo.blockSignals(True)
        combo.clear()
        for inc in self.store.list_incidents():
            combo.addItem(f"{inc['code']}  {inc['name']}", inc["uuid"])
        i = combo.findData(current) if current else 0
        combo.setCurrentIndex(max(i, 0))
        combo.blockSignals(False)
        if combo.currentData() != self.session.incident_uuid:
            self.session.set_incident(combo.currentData())
        else:
            self._show_incident_info()

    def _incident_chosen(self, *_):
        self.session.set_incident(self.ui.incidentCombo.currentData())

    def _incident_changed(self, e: IncidentChanged):
        combo = self.ui.incidentCombo
        if e.uuid and combo.currentData() != e.uuid:
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(e.uuid), 0))
            combo.blockSignals(False)
        self._show_incident_info()
        self._show_points()
        self._show_log()

    def _show_incident_info(self):
        inc = self.incident
        if not inc:
            self.ui.incidentInfo.setText(QCoreApplication.translate("MainWindow", "No incident yet: create one, or load the demo."))
            return
        demo = QCoreApplication.translate("MainWindow", "DEMO DATA — not a real incident. ") if inc["is_demo"] else ""
        if inc.get("is_drill"):
            demo = QCoreApplication.translate("MainWindow", "DRILL — exercise, not a real incident. ")
        note = self.server_copy
        if note:  # a server incident opened read-only (fieldapp server open)
            demo = QCoreApplication.translate(
                "MainWindow", "READ-ONLY COPY from the server of {0}, as of {1}: nothing can be changed here. ").format(
                note["team"], to_local_display(note["pulled_at"])) + demo
        self.ui.incidentInfo.setText(
            demo + QCoreApplication.translate("MainWindow", "Discovered {0} · standard {1}").format(
                to_local_display(inc["discovered_at"]), labels.standards().get(inc["standard"], inc["standard"])))
        ident = self.store.identity
        suffix = " — " + QCoreApplication.translate("MainWindow", "server copy (read-only)") if note else ""
        mark = QCoreApplication.translate("MainWindow", "[DRILL] ") if inc.get("is_drill") else ""
        self.setWindowTitle(f"FieldApp — {mark}{inc['name']}{suffix}")
        self.ui.actionScorecard.setEnabled(bool(inc.get("is_drill")))
        self.ui.actionDeleteDrill.setEnabled(bool(inc.get("is_drill")) and not note)
        if ident:
            self.statusBar().showMessage(f"{ident.unit} · {ident.team} · {ident.device}  |  {self.session.path}")

    # ---- points --------------------------------------------------------------------------
    def current_point(self) -> dict | None:
        idx = self.ui.pointsTable.currentIndex()
        return self.points_model.row_at(idx.row()) if idx.isValid() else None

    def show_points_now(self):
        """Fill the points table held back by ``points_after_paint`` (with the incident current then)."""
        if self._points_held:
            self._points_held = False
            self._title_points()
            self._show_points()

    def _title_points(self):
        self.ui.pointsTitle.setText(
            QCoreApplication.translate("MainWindow", "Sampling points (placing them along the river…)")
            if self._points_held and self.incident else QCoreApplication.translate("MainWindow", "Sampling points"))

    def _show_points(self):
        """The incident's points; the session's current point stays selected (else the first)."""
        inc = self.incident
        if self._points_held:
            self._title_points()
            self._show_point_details()
            return
        from fieldapp.guide.ordering import points_by_chainage

        self.points_model.set_rows(points_by_chainage(self.store, inc["uuid"]) if inc else [])
        keep = self.session.point_uuid
        row = self.points_model.find(keep) if keep else -1
        if row < 0 and self.points_model.rows:
            row = 0
        if row >= 0:
            self.ui.pointsTable.selectRow(row)      # -> _point_changed -> session.set_point
        else:
            self.session.set_point(None)
        self._show_point_details()

    def select_point(self, uuid: str):
        """Make ``uuid`` the current point (the table follows through the session's event)."""
        self.session.set_point(uuid)

    def _show_point(self, uuid: str | None):
        row = self.points_model.find(uuid) if uuid else -1
        cur = self.current_point()
        if row >= 0 and (cur or {}).get("uuid") != uuid:
            self.ui.pointsTable.selectRow(row)
        self._show_point_details()

    def _point_changed(self, *_):
        p = self.current_point()
        self.session.set_point(p["uuid"] if p else None)

    def _show_point_details(self):
        p = self.current_point()
        rows = self.store.list_measurements(p["uuid"]) if p else []
        for r in rows:
            self.colours.annotate(r, self.incident, p)
        self.measurements_model.set_rows(rows)
        self.samples_model.set_rows(self.store.list_samples(p["uuid"]) if p else [])
        if self._photos is not None:
            self._photos.show_point(self.session.current_point() if p else None)
        if self.samples_model.rows:
            self.ui.samplesTable.selectRow(len(self.samples_model.rows) - 1)
        self._sample_changed()
        for w in (self.ui.editPointButton, self.ui.deletePointButton, self.ui.addMeasurementButton,
                  self.ui.addSampleButton):
            w.setEnabled(p is not None)

    def _measurement_background(self, row: dict):
        colour = row.get("exceed_colour")
        return QColor(colour) if colour else None

    def _measurement_activated(self, index):
        row = self.measurements_model.row_at(index.row())
        if row:
            from fieldapp.vocab import get_parameter

            p = get_parameter(row.get("parameter_id"))
            self.session.bus.publish(PollutantRequested(p.toolkit_id if p and p.toolkit_id else row["parameter"]))

    def add_point(self, lat_lon: tuple[float, float] | None = None):
        if not self.incident:
            return self.new_incident()
        from fieldapp.ui.point_dialog import PointDialog

        dlg = PointDialog(self.session, lat_lon=lat_lon if isinstance(lat_lon, tuple) else None, parent=self)
        accepted = dlg.exec()
        dlg.deleteLater()
        if accepted and dlg.result_row:
            uuid = dlg.result_row["uuid"]
            self._remember_undo(QCoreApplication.translate("MainWindow", "add point {0}").format(dlg.result_row["code"]),
                                lambda st: st.delete("sampling_points", uuid))
            self.session.set_point(uuid)

    def request_new_point(self, lat: float, lon: float) -> None:
        """PanelHost: the map was clicked at (lat, lon)."""
        self.add_point(lat_lon=(lat, lon))

    def edit_point(self):
        p = self.current_point()
        if not p:
            return
        from fieldapp.ui.point_dialog import PointDialog

        dlg = PointDialog(self.session, point=self.store.get("sampling_points", p["uuid"]), parent=self)
        accepted = dlg.exec()
        dlg.deleteLater()
        if accepted and dlg.result_row:
            old = dlg.previous
            self._remember_undo(QCoreApplication.translate("MainWindow", "edit point {0}").format(p["code"]),
                                lambda st: st.update_point(p["uuid"], **old))

    def delete_point(self):
        p = self.current_point()
        if not p:
            return
        n = len(self.measurements_model.rows)
        answer = QMessageBox.question(
            self, QCoreApplication.translate("MainWindow", "Delete point?"),
            QCoreApplication.translate("MainWindow", "Delete sampling point {0} ({1}) with its {2} measurement(s) from the list?\n"
                "It is kept as a deleted record and can be restored with Undo.").format(p["code"], p["name"], n))
        if answer != QMessageBox.Yes:
            return
        try:
            self.session.write(lambda st: st.delete("sampling_points", p["uuid"]))
        except StoreError as exc:
            return show_error(self, exc)
        self._remember_undo(QCoreApplication.translate("MainWindow", "delete point {0}").format(p["code"]),
                            lambda st: st.restore("sampling_points", p["uuid"]))

    # ---- samples, custody, measurements, log ---------------------------------------------
    def current_sample(self) -> dict | None:
        idx = self.ui.samplesTable.currentIndex()
        return self.samples_model.row_at(idx.row()) if idx.isValid() else None

    def _sample_changed(self, *_):
        s = self.current_sample()
        self.custody_model.set_rows(self.store.list_custody(s["uuid"]) if s else [])
        self.ui.handOverButton.setEnabled(s is not None)

    def add_sample(self):
        p = self.current_point()
        if not p:
            return
        from fieldapp.ui.sample_dialog import SampleDialog

        dlg = SampleDialog(self.session, self.store.get("sampling_points", p["uuid"]), self)
        accepted = dlg.exec()
        dlg.deleteLater()
        if accepted and dlg.result_row:
            uuid = dlg.result_row["uuid"]
            self._remember_undo(QCoreApplication.translate("MainWindow", "add sample {0}").format(dlg.result_row["sample_code"]),
                                lambda st: st.delete("samples", uuid))

    def hand_over(self):
        s = self.current_sample()
        if not s:
            return
        from fieldapp.ui.custody_dialog import CustodyDialog

        if CustodyDialog(self.session, s, self).exec():
            self.undo_item = None  # custody is append-only: a hand-over cannot be undone
            self.ui.actionUndo.setEnabled(False)

    def add_measurement(self):
        p = self.current_point()
        if not p:
            return
        from fieldapp.ui.measurement_dialog import MeasurementDialog

        last = self.measurements_model.rows[-1]["parameter"] if self.measurements_model.rows else None
        dlg = MeasurementDialog(self.session, self.store.get("sampling_points", p["uuid"]), self, last_parameter=last)
        accepted = dlg.exec()
        dlg.deleteLater()
        if accepted and dlg.result_row:
            uuid = dlg.result_row["uuid"]
            self._remember_undo(QCoreApplication.translate("MainWindow", "add measurement {0}").format(dlg.result_row["parameter"]),
                                lambda st: st.delete("measurements", uuid))
            self._say_verdict(dlg.result_row)

    def _say_verdict(self, row: dict) -> None:
        """The verdict in the status line at once (the banner for a drinking-water point is the strip's)."""
        try:
            from fieldapp.guide.feedback import measurement_feedback

            fb = measurement_feedback(self.store, row)
        except StoreError:
            return
        self.show_message(fb.status_text(self.session.content_lang) + "  ·  "
                          + QCoreApplication.translate("MainWindow", "Ctrl+Z undoes it."), 20000)

    def request_measurement(self) -> None:
        """PanelHost: the measurement form for the current point."""
        self.add_measurement()

    def request_sample(self) -> None:
        self.add_sample()

    def _show_log(self):
        self.log_model.set_rows(self.store.list_log(self.incident["uuid"]) if self.incident else [])
        self.ui.logTable.scrollToBottom()

    def add_log(self):
        text = self.ui.logEdit.text().strip()
        if not text or not self.incident:
            return
        uuid, kind = self.incident["uuid"], self.ui.logKindCombo.currentData()
        try:
            self.session.write(lambda st: st.log(uuid, kind, text))
        except StoreError as exc:
            return show_error(self, exc)
        self.ui.logEdit.clear()

    # ---- undo ----------------------------------------------------------------------------
    def _remember_undo(self, description: str, undo_fn):
        """``undo_fn(store)`` runs on the writer when the user presses Ctrl+Z."""
        self.undo_item = (description, undo_fn)
        self.ui.actionUndo.setEnabled(True)
        self.ui.actionUndo.setText(QCoreApplication.translate("MainWindow", "&Undo {0}").format(description))
        self.show_message(QCoreApplication.translate("MainWindow", "Saved: {0}. Ctrl+Z undoes it.").format(description))

    def undo(self):
        if not self.undo_item:
            return
        description, fn = self.undo_item
        try:
            self.session.write(fn)
        except StoreError as exc:
            return show_error(self, exc)
        self.undo_item = None
        self.ui.actionUndo.setEnabled(False)
        self.ui.actionUndo.setText(QCoreApplication.translate("MainWindow", "&Undo last change"))
        self.show_message(QCoreApplication.translate("MainWindow", "Undone: {0}").format(description))

    # ---- closing -------------------------------------------------------------------------
    def closeEvent(self, event):  # noqa: N802
        """Quit waits until everything is written (with a "saving…" notice), then closes the store."""
        from fieldapp.ui.shutdown import close_session

        if not self.session.closed:
            close_session(self)
        super().closeEvent(event)
