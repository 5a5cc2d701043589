"""Small Qt helpers shared by the controllers: keyboard-first entry, errors, time conversion."""
from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import QDateTime, QEvent, QObject, Qt
from PySide6.QtWidgets import (QAbstractButton, QComboBox, QDialog, QLineEdit, QMessageBox, QPlainTextEdit,
                               QWidget)



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

    QMessageBox.warning(parent, title or QCoreApplication.translate("Common", "Not saved"), error_text(exc))


def error_text(exc: Exception) -> str:
    """An error in the interface language: coded core errors render their own words; anything else
    is named plainly, never by its Python class."""
    from PySide6.QtCore import QCoreApplication

    from fieldapp.ui.labels import ui_lang

    if hasattr(exc, "text"):
        return exc.text(ui_lang())
    return QCoreApplication.translate("Common", "Something went wrong: {0}").format(exc)


def confirm_problems(parent: QWidget | None, problems: list) -> bool:
    """Ask once about implausible input (fieldapp.guide.plausibility / core message codes), naming
    each problem; True when there is none or the user says to save anyway. No is the default."""
    from PySide6.QtCore import QCoreApplication

    from fieldapp.core.messages import render
    from fieldapp.ui.labels import ui_lang

    if not problems:
        return True
    lines = "\n".join("• " + render(code, params, ui_lang()) for code, params in problems)
    box = QMessageBox(QMessageBox.Warning, QCoreApplication.translate("Common", "Please check"),
                      lines + "\n\n" + QCoreApplication.translate("Common", "Save it anyway?"),
                      QMessageBox.Yes | QMessageBox.No, parent)
    box.setDefaultButton(QMessageBox.No)
    box.setObjectName("confirmProblems")
    return box.exec() == QMessageBox.Yes


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


def point_title(point: dict, lang: str) -> str:
    """'DN-03 下游5 km断面（下游断面）' / 'DN-03 … (downstream section)': which point a form acts on."""
    from fieldapp.vocab import role_label

    role = role_label(point.get("role"), lang)
    name = f" {point['name']}" if point.get("name") else ""
    return f"{point['code']}{name} ({role.lower()})" if lang == "en" else f"{point['code']}{name}（{role}）"


def append_row(dialog: QDialog, label: QWidget, field: QWidget) -> None:
    """Add a row at the end of a dialog's grid form, keeping its button box last."""
    grid = dialog.ui.formLayout
    box = dialog.ui.buttonBox
    grid.removeWidget(box)
    row = grid.rowCount()
    grid.addWidget(label, row, 0)
    grid.addWidget(field, row, 1)
    grid.addWidget(box, row + 1, 0, 1, 2)
