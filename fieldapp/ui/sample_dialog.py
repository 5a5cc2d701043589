"""Add a sample at a point (forms/sample_dialog.ui). Container, preservative and holding time are
proposed from the parameter the sample is for (the toolkit's methods.sampling): benzene gets VOA
vials with HCl, cadmium a PE bottle with HNO₃. Any text may still be typed."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QDialog, QLabel

from fieldapp.guide.plausibility import time_problems
from fieldapp.guide.sampling import sample_defaults
from fieldapp.store import StoreError
from fieldapp.ui import labels
from fieldapp.ui.common import (EnterMovesOn, append_row, confirm_problems, point_title, qdt_to_iso, set_now,
                                show_error)
from fieldapp.ui.forms.ui_sample_dialog import Ui_SampleDialog
from fieldapp.vocab.parameters import common_parameters, get_parameter


class SampleDialog(QDialog):
    def __init__(self, session, point: dict, parent=None, parameter_id: str | None = None):
        super().__init__(parent)
        self.session, self.point = session, point
        self.result_row: dict | None = None
        self.ui = Ui_SampleDialog()
        self.ui.setupUi(self)
        ui, lang = self.ui, labels.ui_lang()
        self.setWindowTitle(QCoreApplication.translate("SampleDialog", "Sample at {0}").format(point_title(point, lang)))
        labels.fill_combo(ui.matrixCombo, labels.media(), point.get("media", "water"))
        self.parameterCombo = QComboBox()
        self.parameterCombo.addItem(QCoreApplication.translate("SampleDialog", "(several / not chosen)"), "")
        for p in common_parameters(point.get("media") or "water"):
            if p.toolkit_id:
                self.parameterCombo.addItem(p.label(lang), p.id)
        self.parameterLabel = QLabel(QCoreApplication.translate("SampleDialog", "&For parameter:"))
        self.parameterLabel.setBuddy(self.parameterCombo)
        append_row(self, self.parameterLabel, self.parameterCombo)
        self.holdingLabel = QLabel()
        self.holdingLabel.setWordWrap(True)
        append_row(self, QLabel(), self.holdingLabel)
        ui.containerCombo.setEditable(True)
        ui.preservativeCombo.setEditable(True)
        self.parameterCombo.currentIndexChanged.connect(self._defaults)
        incident = session.store.get("incidents", point["incident_uuid"])
        wanted = parameter_id or incident.get("pollutant_id") or ""
        self.parameterCombo.setCurrentIndex(max(0, self.parameterCombo.findData(wanted)))
        self._defaults()
        set_now(ui.collectedEdit)
        ident = session.store.identity
        ui.collectedByEdit.setText(", ".join(ident.members) if ident and ident.members else "")
        ui.buttonBox.accepted.connect(self.accept)
        EnterMovesOn(self, [self.parameterCombo, ui.codeEdit, ui.matrixCombo, ui.collectedEdit, ui.collectedByEdit,
                            ui.depthEdit, ui.containerCombo, ui.preservativeCombo])
        self.parameterCombo.setFocus()

    def _defaults(self, *_):
        """The toolkit's container, preservative and holding time for the chosen parameter."""
        ui, lang = self.ui, labels.ui_lang()
        d = sample_defaults(self.parameterCombo.currentData(), lang)
        for combo in (ui.containerCombo, ui.preservativeCombo):
            combo.clear()
        if d is None:
            self.holdingLabel.setText(QCoreApplication.translate(
                "SampleDialog", "Choose the parameter to get the container and preservative from the toolkit."))
            return
        ui.containerCombo.addItem(d.container)
        ui.preservativeCombo.addItem(d.preservative)
        p = get_parameter(d.parameter_id)
        self.holdingLabel.setText(QCoreApplication.translate("SampleDialog", "{0}: {1} (source: {2})").format(
            p.name(lang), d.summary, d.source))

    def accept(self):
        ui = self.ui
        incident = self.session.store.get("incidents", self.point["incident_uuid"])
        if not confirm_problems(self, time_problems(incident, qdt_to_iso(ui.collectedEdit.dateTime()), "collected_at")):
            ui.collectedEdit.setFocus()
            return
        try:
            fields = dict(
                sample_code=ui.codeEdit.text().strip(), matrix=ui.matrixCombo.currentData(),
                collected_at=qdt_to_iso(ui.collectedEdit.dateTime()), collected_by=ui.collectedByEdit.text(),
                depth_m=ui.depthEdit.text().strip() or None, container=ui.containerCombo.currentText(),
                preservative=ui.preservativeCombo.currentText())
            uuid = self.point["uuid"]
            self.result_row = self.session.write(lambda st: st.add_sample(uuid, **fields))
        except StoreError as exc:
            show_error(self, exc)
            return
        super().accept()
