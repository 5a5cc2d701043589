"""The main window's five record tables: which columns each shows, in the interface language, and
how their views behave (big rows for gloved hands, columns sized from the first rows only)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractItemView, QHeaderView

from fieldapp.core.timeutil import to_local_display
from fieldapp.guide.logtext import log_text
from fieldapp.ui import labels
from fieldapp.ui.models import Column, RecordTableModel


def build_record_models(win) -> None:
    """Sets win.points_model, measurements_model, samples_model, custody_model and log_model, each on
    its table of win.ui."""
    r, m = labels.roles, labels.media
    win.points_model = RecordTableModel([
        Column("code", lambda: QCoreApplication.translate("MainWindow", "Code")),
        Column("name", lambda: QCoreApplication.translate("MainWindow", "Name")),
        Column("role", lambda: QCoreApplication.translate("MainWindow", "Role"), lambda x: r().get(x["role"], x["role"])),
        Column("media", lambda: QCoreApplication.translate("MainWindow", "Media"), lambda x: m().get(x["media"], x["media"])),
        Column("chainage_m", lambda: QCoreApplication.translate("MainWindow", "River km"),
               lambda x: "" if x.get("chainage_m") is None else f"{x['chainage_m'] / 1000:.1f}"),
        Column("lat", lambda: QCoreApplication.translate("MainWindow", "Latitude"), lambda x: f"{x['lat']:.6f}"),
        Column("lon", lambda: QCoreApplication.translate("MainWindow", "Longitude"), lambda x: f"{x['lon']:.6f}"),
    ], win)
    win.measurements_model = RecordTableModel([
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
    ], win)
    win.measurements_model.background = win._measurement_background
    win.measurements_model.tooltip = lambda row: row.get("exceed_tip", "")
    st = labels.sample_status
    win.samples_model = RecordTableModel([
        Column("sample_code", lambda: QCoreApplication.translate("MainWindow", "Sample code")),
        Column("collected_at", lambda: QCoreApplication.translate("MainWindow", "Collected at"),
               lambda x: to_local_display(x["collected_at"])),
        Column("container", lambda: QCoreApplication.translate("MainWindow", "Container")),
        Column("preservative", lambda: QCoreApplication.translate("MainWindow", "Preservative")),
        Column("status", lambda: QCoreApplication.translate("MainWindow", "Status"), lambda x: st().get(x["status"], x["status"])),
    ], win)
    win.custody_model = RecordTableModel([
        Column("at", lambda: QCoreApplication.translate("MainWindow", "When"), lambda x: to_local_display(x["at"])),
        Column("from_party", lambda: QCoreApplication.translate("MainWindow", "From")),
        Column("to_party", lambda: QCoreApplication.translate("MainWindow", "To")),
        Column("place", lambda: QCoreApplication.translate("MainWindow", "Where")),
        Column("condition", lambda: QCoreApplication.translate("MainWindow", "Condition")),
    ], win)
    lk = labels.log_kinds
    win.log_model = RecordTableModel([
        Column("at", lambda: QCoreApplication.translate("MainWindow", "Time"), lambda x: to_local_display(x["at"])),
        Column("kind", lambda: QCoreApplication.translate("MainWindow", "Kind"), lambda x: lk().get(x["kind"], x["kind"])),
        Column("who", lambda: QCoreApplication.translate("MainWindow", "Who")),
        Column("text", lambda: QCoreApplication.translate("MainWindow", "What"),
               lambda x: log_text(x, labels.ui_lang())),
    ], win)
    ui = win.ui
    for view, model in ((ui.pointsTable, win.points_model), (ui.measurementsTable, win.measurements_model),
                        (ui.samplesTable, win.samples_model), (ui.custodyTable, win.custody_model),
                        (ui.logTable, win.log_model)):
        view.setModel(model)
        view.verticalHeader().setVisible(False)
        view.verticalHeader().setDefaultSectionSize(34)  # big rows: easy to hit with gloves
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        # size columns from the first rows only: measuring thousands of rows froze the window
        view.horizontalHeader().setResizeContentsPrecision(40)
        view.horizontalHeader().setStretchLastSection(True)
        view.setEditTriggers(QAbstractItemView.NoEditTriggers)
