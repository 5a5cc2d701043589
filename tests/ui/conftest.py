"""UI tests: a message box must never block a headless run. Unexpected ones fail the test."""
import pytest
from PySide6.QtWidgets import QMessageBox


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
