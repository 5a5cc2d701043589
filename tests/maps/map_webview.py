"""Render a map file in a real QWebEngineView with the network cut off, and ask the page questions.

Networking is made unavailable inside the page's profile: a URL request interceptor blocks every
request that is not file:, qrc: or data:, and records it (remote URLs are allowed past WebEngine's own
file:// restriction so that they reach the interceptor), so a test can prove the page neither
needed nor tried the network. Readiness is judged by polling JavaScript (what actually rendered),
never by loadFinished, which reports success on a blank page.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWebEngineCore import (QWebEnginePage, QWebEngineProfile, QWebEngineSettings,
                                     QWebEngineUrlRequestInterceptor)
from PySide6.QtWebEngineWidgets import QWebEngineView

LOCAL_SCHEMES = {"file", "qrc", "data", "blob", "about"}


class NoNetwork(QWebEngineUrlRequestInterceptor):
    def __init__(self):
        super().__init__()
        self.blocked: list[str] = []

    def interceptRequest(self, info):  # noqa: N802 (Qt override)
        url = info.requestUrl()
        if url.scheme() not in LOCAL_SCHEMES:
            self.blocked.append(url.toString())
            info.block(True)


class MapView:
    """A QWebEngineView on its own off-the-record profile with NoNetwork installed."""

    def __init__(self, qtbot, size=(1100, 800)):
        self.qtbot = qtbot
        self.profile = QWebEngineProfile()          # off-the-record: no state shared between tests
        self.guard = NoNetwork()
        self.profile.setUrlRequestInterceptor(self.guard)
        self.page = QWebEnginePage(self.profile)
        # Let file:// pages ask for remote URLs, so that any attempt reaches NoNetwork (and is recorded)
        # instead of being dropped silently by WebEngine's own default.
        self.page.settings().setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, True)
        self.view = QWebEngineView()
        self.view.setPage(self.page)
        self.view.resize(*size)
        qtbot.addWidget(self.view)
        self.view.show()
        self.console: list[str] = []
        self.page.javaScriptConsoleMessage = self._console  # type: ignore[method-assign]

    def _console(self, level, message, line, source):
        self.console.append(f"{source}:{line}: {message}")

    def js(self, script: str, timeout: int = 5000):
        """Run JavaScript in the page and return its (JSON-convertible) result."""
        box: dict = {}
        self.page.runJavaScript(script, 0, lambda r: box.setdefault("r", r))
        self.qtbot.waitUntil(lambda: "r" in box, timeout=timeout)
        return box["r"]

    def load(self, path: Path, timeout: int = 20000) -> None:
        """Load the map file and wait until its script reports it has drawn everything."""
        self.view.load(QUrl.fromLocalFile(str(Path(path).resolve())))

        def ready():
            box: dict = {}
            self.page.runJavaScript("!!(window.fieldapp && window.fieldapp.ready)", 0,
                                    lambda r: box.setdefault("r", r))
            self.qtbot.waitUntil(lambda: "r" in box, timeout=3000)
            return bool(box["r"])

        self.qtbot.waitUntil(ready, timeout=timeout)

    def close(self) -> None:
        self.view.setPage(None)
        self.page.deleteLater()
        self.view.close()
