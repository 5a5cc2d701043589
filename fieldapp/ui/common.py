"""Small Qt helpers shared by the controllers: keyboard-first entry, errors, time conversion."""
from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import QDateTime, QEvent, QObject, Qt
from PySide6.QtWidgets import (QAbstractButton, QComboBox, QDialog, QLineEdit, QMessageBox, QPlainTextEdit,
                               QWidget)

from fieldapp.store import StoreError


class EnterMovesOn(QObject):
    """Enter/Return moves to the next field; on the last field it accepts the dialog.

    Field work is typed with cold hands and no mouse: Enter is the key people reach for.
    """

    def __init__(self, dialog: QDialog, fields: list[QWidget]):
        super().__init__(dialog)
        self.dialog = dialog
        self.fields = fields
        for f in fields:
            f.installEventFilter(self)
            if isinstance(f, QComboBox) and f.isEditable():
                f.lineEdit().installEventFilter(self)

    def eventFilter(self, obj, event):  # noqa: N802 (Qt naming)
        if event.type() == QEvent.KeyPress and event.key() in (Qt.Key_Return, Qt.Key_Enter):
            if isinstance(obj, QPlainTextEdit) and not event.modifiers() & Qt.ControlModifier:
                return False
            if isinstance(obj, QAbstractButton):
                return False
            if isinstance(obj, QComboBox) and obj.view().isVisible():
                return False
            owner = obj.parent() if isinstance(obj, QLineEdit) and isinstance(obj.parent(), QComboBox) else obj
            visible = [f for f in self.fields if f.isVisibleTo(self.dialog) and f.isEnabled()]
            if owner in visible and owner is not visible[-1]:
                visible[visible.index(owner) + 1].setFocus(Qt.TabFocusReason)
            else:
                self.dialog.accept()
            return True
        return False


def show_error(parent: QWidget | None, exc: Exception, title: str | None = None) -> None:
    """A plain-words error box. Store errors carry a user-facing message already."""
    from PySide6.QtCore import QCoreApplication

    from fieldapp.ui.labels import ui_lang

    if isinstance(exc, StoreError):
        # Vocabulary checks give their message in both languages (ValidationError.zh).
        text = getattr(exc, "zh", None) if ui_lang() == "zh" else None
        text = text or str(exc)
    else:
        text = f"{type(exc).__name__}: {exc}"
    QMessageBox.warning(parent, title or QCoreApplication.translate("Common", "Not saved"), text)


def qdt_to_iso(qdt: QDateTime) -> str:
    """QDateTime (local) -> the stored ISO UTC text."""
    from fieldapp.core.timeutil import to_iso

    dt = datetime.fromtimestamp(qdt.toSecsSinceEpoch(), tz=timezone.utc)
    return to_iso(dt)


def iso_to_qdt(iso: str) -> QDateTime:
    dt = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    return QDateTime.fromSecsSinceEpoch(int(dt.timestamp()))


def set_now(edit) -> None:
    edit.setDateTime(QDateTime.currentDateTime())
