"""The offline user guide (resources/help/<lang>/guide.md, Markdown with screenshots the test suite
makes), opened from Help > User guide and F1, in the interface language."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from fieldapp.core.resources import resource_path
from fieldapp.ui.labels import ui_lang

HELP_DIR = resource_path("help")


def guide_path(lang: str) -> Path:
    return HELP_DIR / ("en" if lang.startswith("en") else "zh") / "guide.md"


class HelpWindow(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("helpWindow")
        lay = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        lay.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.close)
        lay.addWidget(buttons)
        self.resize(900, 660)
        self.show_guide()

    def show_guide(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("HelpWindow", "FieldApp user guide"))
        path = guide_path(ui_lang())
        self.browser.setSearchPaths([str(path.parent)])
        self.browser.setSource(QUrl.fromLocalFile(str(path)))

    def changeEvent(self, event):  # noqa: N802
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.LanguageChange:
            self.show_guide()
        super().changeEvent(event)


def show_help(parent) -> HelpWindow:
    win = getattr(parent, "_help_window", None)
    if win is None:
        win = parent._help_window = HelpWindow(parent)
    win.show_guide()
    win.show()
    win.raise_()
    return win
