"""First-run team identity (forms/identity_dialog.ui)."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog

from fieldapp.store import StoreError
from fieldapp.ui.common import EnterMovesOn, show_error
from fieldapp.ui.forms.ui_identity_dialog import Ui_IdentityDialog


class IdentityDialog(QDialog):
    """``identity``: the current one (or None on first run); ``save(unit, team, device, members)``
    stores it (the session's writer, or the store itself before the session exists)."""

    def __init__(self, identity, save, parent=None):
        super().__init__(parent)
        self.save = save
        self.ui = Ui_IdentityDialog()
        self.ui.setupUi(self)
        ident = identity
        if ident:
            self.ui.unitEdit.setText(ident.unit)
            self.ui.teamEdit.setText(ident.team)
            self.ui.membersEdit.setText(", ".join(ident.members))
            self.ui.deviceEdit.setText(ident.device)
        else:
            import socket

            self.ui.deviceEdit.setText(socket.gethostname())
        self.ui.buttonBox.accepted.connect(self.accept)
        EnterMovesOn(self, [self.ui.unitEdit, self.ui.teamEdit, self.ui.membersEdit, self.ui.deviceEdit])

    def accept(self):
        members = [m for m in self.ui.membersEdit.text().replace("，", ",").split(",")]
        try:
            self.save(self.ui.unitEdit.text(), self.ui.teamEdit.text(), self.ui.deviceEdit.text(), members)
        except StoreError as exc:
            show_error(self, exc)
            return
        super().accept()
