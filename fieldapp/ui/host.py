"""What a panel may ask of the window that hosts it: the whole API, nothing else.

A panel is built as ``attach(session, host)`` (see docs/architecture.md, "Where do I add a panel"):
it reads and writes through the session, listens to ``host.events`` (the session's events on the
GUI thread) and asks the host for a tab, a status-bar place, a shortcut or a message. The host
keeps tab titles translated (``title`` is called again after a language switch).
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget


class PanelHost:
    """Mixin for the main window (it provides ``ui.mainTabs``, ``statusBar()`` and ``events``)."""

    def __init__(self):
        self._tab_titles: list[tuple[QWidget, Callable[[], str]]] = []
        self.panels: dict[str, QWidget] = {}
        self.close_hooks: list[Callable[[], None]] = []

    def add_tab(self, panel: QWidget, title: Callable[[], str], name: str = "") -> None:
        """Show ``panel`` as a main tab titled ``title()``; ``name`` files it in ``host.panels``."""
        self.ui.mainTabs.addTab(panel, title())
        self._tab_titles.append((panel, title))
        if name:
            self.panels[name] = panel

    def show_tab(self, panel: QWidget) -> None:
        self.ui.mainTabs.setCurrentWidget(panel)

    def retitle_tabs(self) -> None:
        tabs = self.ui.mainTabs
        for panel, title in self._tab_titles:
            i = tabs.indexOf(panel)
            if i >= 0:
                tabs.setTabText(i, title())

    def add_status_widget(self, widget: QWidget) -> None:
        """A permanent place on the right of the status bar (e.g. the GPS fix)."""
        self.statusBar().addPermanentWidget(widget)

    def add_shortcut(self, keys: QKeySequence | int, callback: Callable[[], None]) -> QShortcut:
        """A window-wide shortcut (e.g. F9 records the live values)."""
        return QShortcut(QKeySequence(keys), self, callback)

    def add_close_hook(self, callback: Callable[[], None]) -> None:
        """Called once when the window closes, after running work has finished and before the
        store closes: stop timers, release web pages, remove temporary files."""
        self.close_hooks.append(callback)

    def add_header_widget(self, widget: QWidget) -> None:
        """A place under the incident bar, above the tabs, always visible (the first-hour strip)."""
        layout = self.ui.centralLayout
        layout.insertWidget(layout.indexOf(self.ui.mainTabs), widget)

    def request_measurement(self) -> None:  # pragma: no cover - the window's
        """Open the measurement form for the session's current point."""
        raise NotImplementedError

    def request_sample(self) -> None:  # pragma: no cover - the window's
        """Open the sample form for the session's current point."""
        raise NotImplementedError

    def show_message(self, text: str, msecs: int = 8000) -> None:
        self.statusBar().showMessage(text, msecs)

    def request_new_point(self, lat: float, lon: float) -> None:  # pragma: no cover - the window's
        raise NotImplementedError
