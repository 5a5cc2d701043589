"""A tab page whose content is built the first time the page is shown (or asked for): its module
and widgets are not part of the window's start."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget


class LazyTab(QWidget):
    def __init__(self, tabs: QTabWidget, title: Callable[[], str], build: Callable[[QWidget], QWidget]):
        """Adds itself to ``tabs`` titled ``title()`` (again when the language changes, with the
        content's ``retranslate()``); ``build(parent)`` makes the content when needed."""
        super().__init__()
        self._tabs, self._title, self._build = tabs, title, build
        self.content: QWidget | None = None
        tabs.addTab(self, title())
        tabs.currentChanged.connect(lambda i: self.get() if tabs.widget(i) is self else None)

    def changeEvent(self, event):  # noqa: N802 (Qt override)
        if event.type() == QEvent.LanguageChange:
            self._tabs.setTabText(self._tabs.indexOf(self), self._title())
            if self.content is not None and hasattr(self.content, "retranslate"):
                self.content.retranslate()
        super().changeEvent(event)

    def get(self) -> QWidget:
        """The content, built now if it was not yet."""
        if self.content is None:
            self.content = self._build(self)
            layout = QVBoxLayout(self)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(self.content)
        return self.content
