"""Helpers for driving dialogs the code under test opens with exec()."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


def when_modal(fn, then=None) -> None:
    """Run fn(dialog) on the next modal dialog that opens; ``then`` on the one after it."""
    def poll():
        dlg = QApplication.activeModalWidget()
        if dlg is None:
            QTimer.singleShot(20, poll)
            return
        fn(dlg)
        if then:
            QTimer.singleShot(0, lambda: when_modal(then))
    QTimer.singleShot(0, poll)
