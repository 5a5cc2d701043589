"""File > Open a server incident (read-only): the working group's consolidated data in a window.

The analyst types the server's address once (remembered in the settings, never a password: libpq
reads those from ~/.pgpass), sees the incidents the server holds with their teams and counts, and
opens one. The incident is pulled into a read-only copy (fieldapp.server.snapshot: the sync
protocol end to end) on a worker thread, then opened in a window of its own process, so the
window the user came from keeps its own store. Errors are shown in the dialog in the interface
language; nothing is written anywhere but the copy.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QProcess, Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout)

from fieldapp.store import StoreError
from fieldapp.ui.common import error_text
from fieldapp.ui.workers import start_task


COLUMNS = ("code", "name", "teams", "points", "measurements", "exceeded")


def _caught(work):
    """Run ``work`` on the worker; a refusal comes back as a value, so the dialog can show it in the
    interface language (the task's own error text is the English line)."""
    def run(progress, cancelled):
        try:
            return True, work()
        except StoreError as exc:
            return False, exc
    return run


class ServerIncidentDialog(QDialog):
    def __init__(self, parent=None, lang: str = "zh_CN"):
        super().__init__(parent)
        import os

        from fieldapp import settings as settings_mod

        self.lang = lang
        self.started_pid: int | None = None   # the read-only window's process, once opened
        self.setWindowTitle(QCoreApplication.translate("ServerDialog", "Open a server incident (read-only)"))
        self.resize(760, 420)
        self.address = QLineEdit(settings_mod.load().server or os.environ.get("FIELDAPP_SERVER", ""))
        self.address.setPlaceholderText(QCoreApplication.translate("ServerDialog", "postgresql://analyst@wg-server/fieldapp, or a service name"))
        self.connect_button = QPushButton(QCoreApplication.translate("ServerDialog", "&List incidents"))
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([QCoreApplication.translate("ServerDialog", "Code"), QCoreApplication.translate("ServerDialog", "Name"), QCoreApplication.translate("ServerDialog", "Teams"), QCoreApplication.translate("ServerDialog", "Points"),
                                              QCoreApplication.translate("ServerDialog", "Measurements"), QCoreApplication.translate("ServerDialog", "Exceeded")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.message = QLabel(QCoreApplication.translate("ServerDialog", "Type the working group's server address, then list its incidents. The incident "
                                  "opens as a read-only copy in a new window: nothing on the server or in your "
                                  "own store can be changed from it."))
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.open_button = self.buttons.addButton(QCoreApplication.translate("ServerDialog", "&Open read-only"), QDialogButtonBox.AcceptRole)
        self.open_button.setEnabled(False)
        self._layout()
        self.connect_button.clicked.connect(self.list_incidents)
        self.address.returnPressed.connect(self.list_incidents)
        self.table.itemSelectionChanged.connect(
            lambda: self.open_button.setEnabled(bool(self.table.selectedItems())))
        self.table.doubleClicked.connect(lambda *_: self.open_selected())
        self.buttons.accepted.connect(self.open_selected)
        self.buttons.rejected.connect(self.reject)

    def _layout(self) -> None:
        row = QHBoxLayout()
        row.addWidget(QLabel(QCoreApplication.translate("ServerDialog", "Server:")))
        row.addWidget(self.address, 1)
        row.addWidget(self.connect_button)
        box = QVBoxLayout(self)
        box.addLayout(row)
        box.addWidget(self.table, 1)
        box.addWidget(self.message)
        box.addWidget(self.buttons)

    def _busy(self, text: str) -> None:
        self.message.setText(text)
        for w in (self.connect_button, self.open_button):
            w.setEnabled(False)

    def _refused(self, exc) -> None:
        self.message.setText(error_text(exc))
        self.connect_button.setEnabled(True)
        self.open_button.setEnabled(bool(self.table.selectedItems()))

    def list_incidents(self) -> None:
        from fieldapp.server.snapshot import server_incidents

        target = self.address.text().strip()
        self._busy(QCoreApplication.translate("ServerDialog", "Connecting to the server…"))
        start_task(_caught(lambda: server_incidents(target)), self._listed, self._failed, owner=self,
                   label="server incidents")

    def _failed(self, text: str) -> None:
        self.message.setText(text)
        self.connect_button.setEnabled(True)

    def _listed(self, outcome) -> None:
        ok, value = outcome
        if not ok:
            self._refused(value)
            return
        from fieldapp import settings as settings_mod

        s = settings_mod.load()
        s.server = self.address.text().strip()
        settings_mod.save(s)
        self.table.setRowCount(len(value))
        for r, inc in enumerate(value):
            for c, key in enumerate(COLUMNS):
                text = "" if inc[key] is None else str(inc[key])
                if key == "teams" and self.lang != "en":
                    text = text.replace(",", "、")   # a Chinese list of names
                item = QTableWidgetItem(text)
                item.setData(Qt.UserRole, inc["uuid"])
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.connect_button.setEnabled(True)
        self.message.setText(QCoreApplication.translate("ServerDialog", "{0} incident(s) on the server. Pick one and open it read-only.").format(len(value))
                             if value else QCoreApplication.translate("ServerDialog", "The server holds no incident yet."))

    def open_selected(self) -> None:
        from fieldapp.server.snapshot import pull_from

        items = self.table.selectedItems()
        if not items:
            return
        uuid, code = items[0].data(Qt.UserRole), self.table.item(items[0].row(), 0).text()
        target = self.address.text().strip()
        self._busy(QCoreApplication.translate("ServerDialog", "Copying incident {0} from the server…").format(code))
        start_task(_caught(lambda: pull_from(target, uuid)), self._pulled, self._failed, owner=self,
                   label="server pull")

    def _pulled(self, outcome) -> None:
        ok, value = outcome
        if not ok:
            self._refused(value)
            return
        from fieldapp.gui_launch import read_only_window_command

        cmd = read_only_window_command(value, self.lang)
        started, pid = QProcess.startDetached(cmd[0], cmd[1:])
        if not started:
            self.message.setText(QCoreApplication.translate("ServerDialog", "The read-only window could not be started. The copy is at {0}: open it "
                                     "with fieldapp --store FILE gui --read-only").format(value))
            self.connect_button.setEnabled(True)
            return
        self.started_pid = pid
        self.accept()


def open_server_incident(parent, lang: str) -> ServerIncidentDialog:
    dialog = ServerIncidentDialog(parent, lang)
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    dialog.open()
    return dialog
