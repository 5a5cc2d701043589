"""Add a measurement to a point (forms/measurement_dialog.ui).

The parameter list and the units offered come from the vocabulary for the point's medium; any other
name may be typed (it is stored as typed and shown as "not in the toolkit"). A unit that does not fit
is refused by the store with a message naming both; a parameter not usually measured in the point's
medium asks for confirmation first.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QMessageBox

from fieldapp.store import StoreError
from fieldapp.guide.plausibility import time_problems
from fieldapp.ui.common import EnterMovesOn, confirm_problems, point_title, qdt_to_iso, set_now, show_error
from fieldapp.ui.forms.ui_measurement_dialog import Ui_MeasurementDialog
from fieldapp.ui.labels import ui_lang
from fieldapp.vocab import load_vocabulary, medium_warnings
from fieldapp.vocab.measure import units_for
from fieldapp.vocab.parameters import common_parameters


class MeasurementDialog(QDialog):
    def __init__(self, session, point: dict, parent=None, last_parameter: str | None = None):
        super().__init__(parent)
        self.session, self.point = session, point
        self.medium = point.get("media") or "water"
        self.result_row: dict | None = None
        self.ui = Ui_MeasurementDialog()
        self.ui.setupUi(self)
        ui = self.ui
        where = point_title(point, ui_lang())
        self.setWindowTitle(QCoreApplication.translate("MeasurementDialog", "Measurement at {0}").format(where))
        ui.introLabel.setText(QCoreApplication.translate("MeasurementDialog", "<b>For point {0}</b>").format(where)
                              + "<br>" + ui.introLabel.text())
        for p in common_parameters(self.medium):
            ui.parameterCombo.addItem(p.label(ui_lang()), p.id)
        if last_parameter:
            ui.parameterCombo.setCurrentText(last_parameter)
        ui.sampleCombo.addItem(QCoreApplication.translate("MeasurementDialog", "(no sample: in-situ reading)"), None)
        for s in session.store.list_samples(point["uuid"]):
            ui.sampleCombo.addItem(s["sample_code"], s["uuid"])
        if ui.sampleCombo.count() > 1:
            ui.sampleCombo.setCurrentIndex(ui.sampleCombo.count() - 1)
        ui.parameterCombo.currentTextChanged.connect(self._unit_for)
        self._unit_for(ui.parameterCombo.currentText())
        set_now(ui.measuredEdit)
        ui.buttonBox.accepted.connect(self.accept)
        EnterMovesOn(self, [ui.parameterCombo, ui.valueEdit, ui.unitCombo, ui.measuredEdit, ui.sampleCombo,
                            ui.methodEdit, ui.instrumentEdit])

    def _parameter(self):
        return load_vocabulary().resolve(self.ui.parameterCombo.currentText(), self.medium)

    def _unit_for(self, _text: str):
        """Offer the units that fit the parameter here, its canonical unit first."""
        combo = self.ui.unitCombo
        current = combo.currentText()
        units = units_for(self._parameter(), self.medium)
        combo.blockSignals(True)
        combo.clear()
        combo.addItems(units)
        combo.setCurrentText(current if current in units else (units[0] if units else current))
        combo.blockSignals(False)

    def _confirm_medium(self) -> bool:
        warnings = medium_warnings(self._parameter(), self.medium)
        if not warnings:
            return True
        answer = QMessageBox.question(
            self, QCoreApplication.translate("MeasurementDialog", "Check the parameter"),
            "\n".join(w.text(ui_lang()) for w in warnings) + "\n\n"
            + QCoreApplication.translate("MeasurementDialog", "Save it anyway?"))
        return answer == QMessageBox.Yes

    def accept(self):
        ui = self.ui
        ident = self.session.store.identity
        if not self._confirm_medium():
            ui.parameterCombo.setFocus()
            return
        incident = self.session.store.get("incidents", self.point["incident_uuid"])
        if not confirm_problems(self, time_problems(incident, qdt_to_iso(ui.measuredEdit.dateTime()))):
            ui.measuredEdit.setFocus()
            return
        uuid = self.point["uuid"]
        args = (ui.parameterCombo.currentText(), ui.valueEdit.text(), ui.unitCombo.currentText())
        fields = dict(measured_at=qdt_to_iso(ui.measuredEdit.dateTime()), sample_uuid=ui.sampleCombo.currentData(),
                      method=ui.methodEdit.text(), instrument=ui.instrumentEdit.text(),
                      entered_by=ident.team if ident else "")
        try:
            self.result_row = self.session.write(lambda st: st.add_measurement(uuid, *args, **fields))
        except StoreError as exc:
            show_error(self, exc)
            field = getattr(exc, "field", "")
            {"value": ui.valueEdit, "unit": ui.unitCombo, "measured_at": ui.measuredEdit}.get(
                field, ui.valueEdit).setFocus()
            return
        super().accept()
