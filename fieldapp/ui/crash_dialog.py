"""Telling the user about a crash report (fieldapp.app.crashlog) from whichever thread failed.

The report is written on the failing thread; the message box must open on the GUI thread, so the
path travels through a queued Qt signal. The window keeps running: what was saved stays saved,
and the user is told where the report is so the IT officer can be sent it.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox

from fieldapp.app import crashlog


class CrashNotifier(QObject):
    crashed = Signal(str, str)           # report path, one-line summary

    def __init__(self, parent=None):
        super().__init__(parent)
        self.shown: list[str] = []       # report paths the user was told about
        self._open = False
        self.crashed.connect(self._tell)  # queued when emitted from another thread

    def _tell(self, path: str, summary: str) -> None:
        self.shown.append(path)
        if self._open:                   # one box at a time; later reports are in the same folder
            return
        self._open = True
        try:
            box = QMessageBox(QMessageBox.Critical, QCoreApplication.translate("App", "Unexpected error"),
                              message(path, summary))
            box.setTextInteractionFlags(Qt.TextSelectableByMouse)   # the path can be copied
            box.exec()
        finally:
            self._open = False


def message(path: str, summary: str) -> str:
    return QCoreApplication.translate(
        "App", "FieldApp hit an unexpected error ({0}).\n\nWhat was saved before is safe. A report for your "
        "IT officer was written to:\n{1}\n\nYou can keep working; if something looks wrong, close FieldApp "
        "and start it again.").format(summary, path)


def install(app) -> CrashNotifier:
    """Route every uncaught exception to a report and a message box; returns the notifier."""
    notifier = CrashNotifier(app)
    crashlog.install(on_crash=lambda path, summary: notifier.crashed.emit(str(path), summary))
    return notifier
