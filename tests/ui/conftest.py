"""UI tests: a message box must never block a headless run. Unexpected ones fail the test."""
import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QMessageBox


@pytest.fixture(autouse=True)
def delete_windows_after_test():
    """Closed windows otherwise live on and get re-styled by every later test (slow, and order-dependent)."""
    yield
    app = QApplication.instance()
    if app is None:
        return
    for w in app.topLevelWidgets():
        w.close()
        w.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    app.processEvents()


@pytest.fixture(autouse=True)
def no_blocking_message_boxes(monkeypatch):
    shown = []

    def unexpected(kind):
        def box(parent, title, text, *a, **k):
            shown.append((kind, title, text))
            raise AssertionError(f"unexpected {kind} message box: {title}: {text}")
        return box
    for kind in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, unexpected(kind))
    return shown
