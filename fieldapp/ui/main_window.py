"""Main window controller (forms/main_window.ui): incident panel, points, samples, measurements, log."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMainWindow, QMessageBox

from fieldapp.core.timeutil import to_local_display
from fieldapp.store import StoreError
from fieldapp.ui import labels
from fieldapp.ui.common import show_error
from fieldapp.ui.exceedance_colours import ExceedanceColours
from fieldapp.ui.forms.ui_main_window import Ui_MainWindow
from fieldapp.ui.models import Column, RecordTableModel


class MainWindow(QMainWindow):
    incident_changed = Signal(str)       # incident uuid
    point_selected = Signal(str)         # point uuid
    data_changed = Signal()              # anything written: maps, reports refresh on it
    language_requested = Signal(str)

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.incident: dict | None = None
        self.undo_item: tuple | None = None   # (description, callable) for the last change
        self.gps_fix = None                   # set by the instruments panel: callable -> (lat, lon) | None
        self.measurement_colour = ExceedanceColours()   # the core's verdict, as table texts and colours
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self._build_models()
        self._wire()
        self.reload_incidents()

    # ---- setup ---------------------------------------------------------------------------
    def _build_models(self):
        r, m = labels.roles, labels.media
        self.points_model = RecordTableModel([
            Column("code", lambda: QCoreApplication.translate("MainWindow", "Code")),
            Column("name", lambda: QCoreApplication.translate("MainWindow", "Name")),
            Column("role", lambda: QCoreApplication.translate("MainWindow", "Role"), lambda x: r().get(x["role"], x["role"])),
            Column("media", lambda: QCoreApplication.translate("MainWindow", "Media"), lambda x: m().get(x["media"], x["media"])),
            Column("lat", lambda: QCoreApplication.translate("MainWindow", "Latitude"), lambda x: f"{x['lat']:.6f}"),
            Column("lon", lambda: QCoreApplication.translate("MainWindow", "Longitude"), lambda x: f"{x['lon']:.6f}"),
        ], self)
        self.measurements_model = RecordTableModel([
            Column("measured_at", lambda: QCoreApplication.translate("MainWindow", "Measured at"),
                   lambda x: to_local_display(x["measured_at"])),
            Column("parameter", lambda: QCoreApplication.translate("MainWindow", "Parameter"),
                   lambda x: x.get("parameter_text", x["parameter"])),
            Column("value", lambda: QCoreApplication.translate("MainWindow", "Value"),
                   lambda x: x.get("value_text", "")),
            Column("unit", lambda: QCoreApplication.translate("MainWindow", "Unit"),
                   lambda x: x.get("unit_text", x["unit"])),
            Column("limit", lambda: QCoreApplication.translate("MainWindow", "Limit"), lambda x: x.get("limit_text", "")),
            Column("multiple", lambda: QCoreApplication.translate("MainWindow", "Verdict"), lambda x: x.get("exceed_text", "")),
            Column("value_orig", lambda: QCoreApplication.translate("MainWindow", "As entered"),
                   lambda x: f"{x['value_orig']} {x['unit_orig']}"),
            Column("sample_code", lambda: QCoreApplication.translate("MainWindow", "Sample")),
            Column("method", lambda: QCoreApplication.translate("MainWindow", "Method")),
        ], self)
        self.measurements_model.background = self._measurement_background
        self.measurements_model.tooltip = lambda row: row.get("exceed_tip", "")
        st = labels.sample_status
        self.samples_model = RecordTableModel([
            Column("sample_code", lambda: QCoreApplication.translate("MainWindow", "Sample code")),
            Column("collected_at", lambda: QCoreApplication.translate("MainWindow", "Collected at"),
                   lambda x: to_local_display(x["collected_at"])),
            Column("container", lambda: QCoreApplication.translate("MainWindow", "Container")),
            Column("preservative", lambda: QCoreApplication.translate("MainWindow", "Preservative")),
            Column("status", lambda: QCoreApplication.translate("MainWindow", "Status"), lambda x: st().get(x["status"], x["status"])),
        ], self)
        self.custody_model = RecordTableModel([
            Column("at", lambda: QCoreApplication.translate("MainWindow", "When"), lambda x: to_local_display(x["at"])),
            Column("from_party", lambda: QCoreApplication.translate("MainWindow", "From")),
            Column("to_party", lambda: QCoreApplication.translate("MainWindow", "To")),
            Column("place", lambda: QCoreApplication.translate("MainWindow", "Where")),
            Column("condition", lambda: QCoreApplication.translate("MainWindow", "Condition")),
        ], self)
        lk = labels.log_kinds
        self.log_model = RecordTableModel([
            Column("at", lambda: QCoreApplication.translate("MainWindow", "Time"), lambda x: to_local_display(x["at"])),
            Column("kind", lambda: QCoreApplication.translate("MainWindow", "Kind"), lambda x: lk().get(x["kind"], x["kind"])),
            Column("who", lambda: QCoreApplication.translate("MainWindow", "Who")),
            Column("text", lambda: QCoreApplication.translate("MainWindow", "What")),
        ], self)
        ui = self.ui
        for view, model in ((ui.pointsTable, self.points_model), (ui.measurementsTable, self.measurements_model),
                            (ui.samplesTable, self.samples_model), (ui.custodyTable, self.custody_model),
                            (ui.logTable, self.log_model)):
            view.setModel(model)
            view.verticalHeader().setVisible(False)
            view.verticalHeader().setDefaultSectionSize(34)  # big rows: easy to hit with gloves
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
            # size columns from the first rows only: measuring thousands of rows froze the window
            view.horizontalHeader().setResizeContentsPrecision(40)
            view.horizontalHeader().setStretchLastSection(True)
            view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        labels.fill_combo(ui.logKindCombo, labels.log_kinds(), "observation")
        ui.splitter.setStretchFactor(0, 2)
        ui.splitter.setStretchFactor(1, 3)

    def _wire(self):
        ui = self.ui
        ui.incidentCombo.currentIndexChanged.connect(self._incident_chosen)
        ui.newIncidentButton.clicked.connect(self.new_incident)
        ui.actionNewIncident.triggered.connect(self.new_incident)
        ui.actionDemo.triggered.connect(self.create_demo)
        ui.actionIdentity.triggered.connect(self.edit_identity)
        ui.actionQuit.triggered.connect(self.close)
        ui.actionUndo.triggered.connect(self.undo)
        ui.actionAddPoint.triggered.connect(self.add_point)
        ui.actionAddMeasurement.triggered.connect(self.add_measurement)
        ui.addPointButton.clicked.connect(self.add_point)
        ui.editPointButton.clicked.connect(self.edit_point)
        ui.deletePointButton.clicked.connect(self.delete_point)
        ui.pointsTable.doubleClicked.connect(lambda *_: self.edit_point())
        ui.pointsTable.selectionModel().currentRowChanged.connect(self._point_changed)
        ui.samplesTable.selectionModel().currentRowChanged.connect(self._sample_changed)
        ui.addMeasurementButton.clicked.connect(self.add_measurement)
        ui.addSampleButton.clicked.connect(self.add_sample)
        ui.handOverButton.clicked.connect(self.hand_over)
        ui.logEdit.returnPressed.connect(self.add_log)
        ui.logButton.clicked.connect(self.add_log)
        ui.actionChinese.triggered.connect(lambda: self.language_requested.emit("zh_CN"))
        ui.actionEnglish.triggered.connect(lambda: self.language_requested.emit("en"))
        QShortcut(QKeySequence(Qt.Key_Delete), ui.pointsTable, self.delete_point)
        QShortcut(QKeySequence(Qt.Key_Return), ui.pointsTable, self.edit_point)

    # ---- language ------------------------------------------------------------------------
    def changeEvent(self, event):  # noqa: N802
        if event.type() == QEvent.LanguageChange:
            self.ui.retranslateUi(self)
            for model in (self.points_model, self.measurements_model, self.samples_model, self.custody_model,
                          self.log_model):
                model.refresh_headers()
                model.layoutChanged.emit()
            labels.fill_combo(self.ui.logKindCombo, labels.log_kinds(), self.ui.logKindCombo.currentData())
            self._show_incident_info()
        super().changeEvent(event)

    def set_language_checks(self, lang: str):
        self.ui.actionChinese.setChecked(lang == "zh_CN")
        self.ui.actionEnglish.setChecked(lang == "en")

    # ---- incidents -----------------------------------------------------------------------
    def reload_incidents(self, select: str | None = None):
        combo = self.ui.incidentCombo
        current = select or (self.incident["uuid"] if self.incident else None)
        if current is None:
            last = self.store.last_incident()
            current = last["uuid"] if last else None
        combo.blockSignals(True)
        combo.clear()
        for inc in self.store.list_incidents():
            combo.addItem(f"{inc['code']}  {inc['name']}", inc["uuid"])
        combo.blockSignals(False)
        i = combo.findData(current) if current else 0
        combo.setCurrentIndex(max(i, 0))
        self._incident_chosen()

    def _incident_chosen(self, *_):
        uuid = self.ui.incidentCombo.currentData()
        self.incident = self.store.get("incidents", uuid) if uuid else None
        if uuid:
            try:
                self.store.set_meta("last_incident", uuid)
            except StoreError:
                pass  # read-only store: remembering the last incident is a convenience
        self._show_incident_info()
        self.reload_points()
        self.reload_log()
        if uuid:
            self.incident_changed.emit(uuid)

    def _show_incident_info(self):
        inc = self.incident
        if not inc:
            self.ui.incidentInfo.setText(QCoreApplication.translate("MainWindow", "No incident yet: create one, or load the demo."))
            return
        demo = QCoreApplication.translate("MainWindow", "DEMO DATA — not a real incident. ") if inc["is_demo"] else ""
        self.ui.incidentInfo.setText(
            demo + QCoreApplication.translate("MainWindow", "Discovered {0} · standard {1}").format(
                to_local_display(inc["discovered_at"]), labels.standards().get(inc["standard"], inc["standard"])))
        ident = self.store.identity
        self.setWindowTitle(f"FieldApp — {inc['name']}")
        if ident:
            self.statusBar().showMessage(f"{ident.unit} · {ident.team} · {ident.device}  |  {self.store.path}")

    def new_incident(self):
        from fieldapp.ui.incident_dialog import IncidentDialog

        dlg = IncidentDialog(self.store, self)
        if dlg.exec() and dlg.created:
            self.reload_incidents(select=dlg.created["uuid"])
            self.data_changed.emit()

    def create_demo(self):
        from fieldapp.demo import create_demo_incident

        inc = create_demo_incident(self.store)
        self.reload_incidents(select=inc["uuid"])
        self.data_changed.emit()

    def edit_identity(self):
        from fieldapp.ui.identity_dialog import IdentityDialog

        IdentityDialog(self.store, self).exec()
        self._show_incident_info()

    # ---- points --------------------------------------------------------------------------
    def current_point(self) -> dict | None:
        idx = self.ui.pointsTable.currentIndex()
        return self.points_model.row_at(idx.row()) if idx.isValid() else None

    def reload_points(self, select: str | None = None):
        keep = select or (self.current_point() or {}).get("uuid")
        self.points_model.set_rows(self.store.list_points(self.incident["uuid"]) if self.incident else [])
        row = self.points_model.find(keep) if keep else -1
        if row < 0 and self.points_model.rows:
            row = 0
        if row >= 0:
            self.ui.pointsTable.selectRow(row)
        self._point_changed()

    def select_point(self, uuid: str):
        row = self.points_model.find(uuid)
        if row >= 0:
            self.ui.pointsTable.selectRow(row)

    def _point_changed(self, *_):
        p = self.current_point()
        self.reload_point_details()
        if p:
            self.point_selected.emit(p["uuid"])

    def reload_point_details(self):
        p = self.current_point()
        rows = self.store.list_measurements(p["uuid"]) if p else []
        for r in rows:
            self.measurement_colour.annotate(r, self.incident, p)
        self.measurements_model.set_rows(rows)
        self.samples_model.set_rows(self.store.list_samples(p["uuid"]) if p else [])
        if self.samples_model.rows:
            self.ui.samplesTable.selectRow(len(self.samples_model.rows) - 1)
        self._sample_changed()
        for w in (self.ui.editPointButton, self.ui.deletePointButton, self.ui.addMeasurementButton,
                  self.ui.addSampleButton):
            w.setEnabled(p is not None)

    def _measurement_background(self, row: dict):
        colour = row.get("exceed_colour")
        return QColor(colour) if colour else None

    def add_point(self, lat_lon: tuple[float, float] | None = None):
        if not self.incident:
            return self.new_incident()
        from fieldapp.ui.point_dialog import PointDialog

        dlg = PointDialog(self.store, self.incident["uuid"], gps_fix=self.gps_fix,
                          lat_lon=lat_lon if isinstance(lat_lon, tuple) else None, parent=self)
        if dlg.exec() and dlg.result_row:
            uuid = dlg.result_row["uuid"]
            self._remember_undo(QCoreApplication.translate("MainWindow", "add point {0}").format(dlg.result_row["code"]),
                                lambda: self.store.delete("sampling_points", uuid))
            self.reload_points(select=uuid)
            self.data_changed.emit()

    def edit_point(self):
        p = self.current_point()
        if not p:
            return
        from fieldapp.ui.point_dialog import PointDialog

        dlg = PointDialog(self.store, self.incident["uuid"], point=self.store.get("sampling_points", p["uuid"]),
                          gps_fix=self.gps_fix, parent=self)
        if dlg.exec() and dlg.result_row:
            old = dlg.previous
            self._remember_undo(QCoreApplication.translate("MainWindow", "edit point {0}").format(p["code"]),
                                lambda: self.store.update_point(p["uuid"], **old))
            self.reload_points(select=p["uuid"])
            self.data_changed.emit()

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
        self.store.delete("sampling_points", p["uuid"])
        self._remember_undo(QCoreApplication.translate("MainWindow", "delete point {0}").format(p["code"]),
                            lambda: self.store.restore("sampling_points", p["uuid"]))
        self.reload_points()
        self.data_changed.emit()

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

        dlg = SampleDialog(self.store, self.store.get("sampling_points", p["uuid"]), self)
        if dlg.exec() and dlg.result_row:
            uuid = dlg.result_row["uuid"]
            self._remember_undo(QCoreApplication.translate("MainWindow", "add sample {0}").format(dlg.result_row["sample_code"]),
                                lambda: self.store.delete("samples", uuid))
            self.reload_point_details()
            self.data_changed.emit()

    def hand_over(self):
        s = self.current_sample()
        if not s:
            return
        from fieldapp.ui.custody_dialog import CustodyDialog

        if CustodyDialog(self.store, s, self).exec():
            self.undo_item = None  # custody is append-only: a hand-over cannot be undone
            self.ui.actionUndo.setEnabled(False)
            self.reload_point_details()
            self.data_changed.emit()

    def add_measurement(self):
        p = self.current_point()
        if not p:
            return
        from fieldapp.ui.measurement_dialog import MeasurementDialog

        last = self.measurements_model.rows[-1]["parameter"] if self.measurements_model.rows else None
        dlg = MeasurementDialog(self.store, self.store.get("sampling_points", p["uuid"]), self, last_parameter=last)
        if dlg.exec() and dlg.result_row:
            uuid = dlg.result_row["uuid"]
            self._remember_undo(QCoreApplication.translate("MainWindow", "add measurement {0}").format(dlg.result_row["parameter"]),
                                lambda: self.store.delete("measurements", uuid))
            self.reload_point_details()
            self.data_changed.emit()

    def reload_log(self):
        self.log_model.set_rows(self.store.list_log(self.incident["uuid"]) if self.incident else [])
        self.ui.logTable.scrollToBottom()

    def add_log(self):
        text = self.ui.logEdit.text().strip()
        if not text or not self.incident:
            return
        try:
            self.store.log(self.incident["uuid"], self.ui.logKindCombo.currentData(), text)
        except StoreError as exc:
            return show_error(self, exc)
        self.ui.logEdit.clear()
        self.reload_log()

    # ---- undo ----------------------------------------------------------------------------
    def _remember_undo(self, description: str, undo_fn):
        self.undo_item = (description, undo_fn)
        self.ui.actionUndo.setEnabled(True)
        self.ui.actionUndo.setText(QCoreApplication.translate("MainWindow", "&Undo {0}").format(description))
        self.statusBar().showMessage(QCoreApplication.translate("MainWindow", "Saved: {0}. Ctrl+Z undoes it.").format(description), 8000)

    def undo(self):
        if not self.undo_item:
            return
        description, fn = self.undo_item
        try:
            fn()
        except StoreError as exc:
            return show_error(self, exc)
        self.undo_item = None
        self.ui.actionUndo.setEnabled(False)
        self.ui.actionUndo.setText(QCoreApplication.translate("MainWindow", "&Undo last change"))
        self.statusBar().showMessage(QCoreApplication.translate("MainWindow", "Undone: {0}").format(description), 8000)
        self.reload_points()
        self.data_changed.emit()
