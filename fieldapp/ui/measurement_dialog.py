"""Add a measurement to a point (forms/measurement_dialog.ui)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog

from fieldapp.store import StoreError
from fieldapp.ui.common import EnterMovesOn, qdt_to_iso, set_now, show_error
from fieldapp.ui.forms.ui_measurement_dialog import Ui_MeasurementDialog

# The parameters teams type most; any other name may be typed.
COMMON_PARAMETERS = ["Cd", "Tl", "Sb", "As", "Pb", "Hg", "Cr(VI)", "Ni", "Cu", "Zn", "Mo", "Mn", "pH",
                     "NH3-N", "CN", "Petroleum", "Benzene", "Nitrobenzene", "Phenol", "F", "DO",
                     "Conductivity", "Turbidity", "Water temperature"]
COMMON_UNITS = ["mg/L", "µg/L", "ng/L", "pH", "°C", "µS/cm", "NTU", "mg/m³", "ppm", "%LEL", "mg/kg"]


class MeasurementDialog(QDialog):
    def __init__(self, session, point: dict, parent=None, last_parameter: str | None = None):
        super().__init__(parent)
        self.session, self.point = session, point
        self.result_row: dict | None = None
        self.ui = Ui_MeasurementDialog()
        self.ui.setupUi(self)
        ui = self.ui
        ui.parameterCombo.addItems(COMMON_PARAMETERS)
        ui.unitCombo.addItems(COMMON_UNITS)
        if last_parameter:
            ui.parameterCombo.setCurrentText(last_parameter)
        ui.sampleCombo.addItem(QCoreApplication.translate("MeasurementDialog", "(no sample: in-situ reading)"), None)
        for s in session.store.list_samples(point["uuid"]):
            ui.sampleCombo.addItem(s["sample_code"], s["uuid"])
        if ui.sampleCombo.count() > 1:
            ui.sampleCombo.setCurrentIndex(ui.sampleCombo.count() - 1)
        ui.parameterCombo.currentTextChanged.connect(self._unit_for)
        set_now(ui.measuredEdit)
        ui.buttonBox.accepted.connect(self.accept)
        EnterMovesOn(self, [ui.parameterCombo, ui.valueEdit, ui.unitCombo, ui.measuredEdit, ui.sampleCombo,
                            ui.methodEdit, ui.instrumentEdit])

    def _unit_for(self, name: str):
        unit = {"pH": "pH", "Water temperature": "°C", "Conductivity": "µS/cm", "Turbidity": "NTU"}.get(name)
        if unit:
            self.ui.unitCombo.setCurrentText(unit)

    def accept(self):
        ui = self.ui
        ident = self.session.store.identity
        uuid, args = self.point["uuid"], (ui.parameterCombo.currentText(), ui.valueEdit.text(), ui.unitCombo.currentText())
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
