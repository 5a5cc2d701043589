"""New incident (forms/incident_dialog.ui)."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog

from fieldapp.store import StoreError
from fieldapp.ui import labels
from fieldapp.ui.common import EnterMovesOn, qdt_to_iso, set_now, show_error
from fieldapp.ui.forms.ui_incident_dialog import Ui_IncidentDialog
from fieldapp.vocab import DEFAULT_SOURCE_STANDARD


class IncidentDialog(QDialog):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.created: dict | None = None
        self.ui = Ui_IncidentDialog()
        self.ui.setupUi(self)
        labels.fill_combo(self.ui.kindCombo, labels.incident_kinds(), "other")
        labels.fill_combo(self.ui.standardCombo, labels.class_standards(), "GB3838-III")
        labels.fill_combo(self.ui.sourceStandardCombo, labels.source_standards(), DEFAULT_SOURCE_STANDARD)
        set_now(self.ui.discoveredEdit)
        self.ui.buttonBox.accepted.connect(self.accept)
        EnterMovesOn(self, [self.ui.nameEdit, self.ui.kindCombo, self.ui.locationEdit, self.ui.discoveredEdit,
                            self.ui.standardCombo, self.ui.sourceStandardCombo])

    def accept(self):
        try:
            ui = self.ui
            name, when = ui.nameEdit.text(), qdt_to_iso(ui.discoveredEdit.dateTime())
            fields = dict(kind=ui.kindCombo.currentData(), location=ui.locationEdit.text(),
                          standard=ui.standardCombo.currentData(),
                          source_standard=ui.sourceStandardCombo.currentData(),
                          description=ui.descriptionEdit.toPlainText())
            self.created = self.session.write(lambda st: st.create_incident(name, when, **fields))
        except StoreError as exc:
            show_error(self, exc)
            return
        super().accept()
