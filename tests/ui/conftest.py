"""UI tests: a message box must never block a headless run. Unexpected ones fail the test."""
import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from fieldapp.ui.app import apply_style, create_application


@pytest.fixture
def app(qapp):
    """The application as FieldApp sets it up (CJK font, style); back to English source text after,
    so no Chinese translator leaks into the next test."""
    app, translations = create_application()
    apply_style(app, 13)
    yield app, translations
    translations.set_language("en")


@pytest.fixture
def session(store):
    """A session on the test's store (its writer owns ``store`` from here on), closed after."""
    from fieldapp.app.session import Session

    s = Session(store, "en")
    yield s
    s.close()


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
