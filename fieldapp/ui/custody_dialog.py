"""Hand a sample over: one append-only chain-of-custody event (forms/custody_dialog.ui)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog

from fieldapp.store import StoreError
from fieldapp.ui import labels
from fieldapp.ui.common import EnterMovesOn, qdt_to_iso, set_now, show_error
from fieldapp.ui.forms.ui_custody_dialog import Ui_CustodyDialog


class CustodyDialog(QDialog):
    def __init__(self, session, sample: dict, parent=None):
        super().__init__(parent)
        self.session, self.sample = session, sample
        self.result_row: dict | None = None
        self.ui = Ui_CustodyDialog()
        self.ui.setupUi(self)
        self.setWindowTitle(QCoreApplication.translate("CustodyDialog", "Hand over sample {0}").format(sample["sample_code"]))
        history = session.store.list_custody(sample["uuid"])
        self.ui.fromEdit.setText(history[-1]["to_party"] if history else sample.get("collected_by", ""))
        next_status = {"collected": "in_transit", "in_transit": "received"}.get(sample["status"], sample["status"])
        labels.fill_combo(self.ui.statusCombo, labels.sample_status(), next_status)
        set_now(self.ui.atEdit)
        self.ui.buttonBox.accepted.connect(self.accept)
        EnterMovesOn(self, [self.ui.fromEdit, self.ui.toEdit, self.ui.atEdit, self.ui.placeEdit,
                            self.ui.conditionEdit, self.ui.statusCombo])

    def accept(self):
        ui = self.ui
        try:
            uuid, who_from, who_to = self.sample["uuid"], ui.fromEdit.text(), ui.toEdit.text()
            fields = dict(at=qdt_to_iso(ui.atEdit.dateTime()), place=ui.placeEdit.text(),
                          condition=ui.conditionEdit.text(), new_status=ui.statusCombo.currentData())
            self.result_row = self.session.write(lambda st: st.add_custody_event(uuid, who_from, who_to, **fields))
        except StoreError as exc:
            show_error(self, exc)
            return
        super().accept()
