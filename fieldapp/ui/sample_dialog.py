"""Add a sample at a point (forms/sample_dialog.ui)."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog

from fieldapp.store import StoreError
from fieldapp.ui import labels
from fieldapp.ui.common import EnterMovesOn, qdt_to_iso, set_now, show_error
from fieldapp.ui.forms.ui_sample_dialog import Ui_SampleDialog

CONTAINERS = ["500 mL PE", "1 L PE", "1 L brown glass", "40 mL VOA vial", "250 mL glass"]
PRESERVATIVES = ["HNO3 pH<2", "H2SO4 pH<2", "NaOH pH>12", "HCl pH<2", "4 °C, no preservative", "none"]


class SampleDialog(QDialog):
    def __init__(self, session, point: dict, parent=None):
        super().__init__(parent)
        self.session, self.point = session, point
        self.result_row: dict | None = None
        self.ui = Ui_SampleDialog()
        self.ui.setupUi(self)
        labels.fill_combo(self.ui.matrixCombo, labels.media(), point.get("media", "water"))
        self.ui.containerCombo.addItems(CONTAINERS)
        self.ui.preservativeCombo.addItems(PRESERVATIVES)
        set_now(self.ui.collectedEdit)
        ident = session.store.identity
        self.ui.collectedByEdit.setText(", ".join(ident.members) if ident and ident.members else "")
        self.ui.buttonBox.accepted.connect(self.accept)
        EnterMovesOn(self, [self.ui.codeEdit, self.ui.matrixCombo, self.ui.collectedEdit, self.ui.collectedByEdit,
                            self.ui.depthEdit, self.ui.containerCombo, self.ui.preservativeCombo])

    def accept(self):
        ui = self.ui
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
