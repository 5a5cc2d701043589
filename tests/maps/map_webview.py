"""Render a map file in a real QWebEngineView with the network cut off, and ask the page questions.

Networking is made unavailable inside the page's profile: a URL request interceptor blocks every
request that is not file:, qrc: or data:, and records it. (WebEngine also refuses remote URLs from
file:// pages by default; turning that default off, LocalContentCanAccessRemoteUrls, stops local
scripts loading in Qt 6.x, so it stays on.) ``resources()`` lists every URL the page fetched, from
the page's own performance log, so a test can prove the page used nothing but local files. Readiness is judged by polling JavaScript (what actually rendered),
never by loadFinished, which reports success on a blank page.
"""
from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile, QWebEngineUrlRequestInterceptor
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


class ConsolePage(QWebEnginePage):
    """Keeps the page's console messages: the first thing to read when a render test fails."""

    def __init__(self, profile):
        super().__init__(profile)
        self.console: list[str] = []

    def javaScriptConsoleMessage(self, level, message, line, source):  # noqa: N802 (Qt override)
        self.console.append(f"{source}:{line}: {message}")


class MapView:
    """A QWebEngineView on its own off-the-record profile with NoNetwork installed."""

    def __init__(self, qtbot, size=(1100, 800)):
        self.qtbot = qtbot
        self.profile = QWebEngineProfile()          # off-the-record: no state shared between tests
        self.guard = NoNetwork()
        self.profile.setUrlRequestInterceptor(self.guard)
        self.page = ConsolePage(self.profile)
        self.view = QWebEngineView()
        self.view.setPage(self.page)
        self.view.resize(*size)
        qtbot.addWidget(self.view)
        self.view.show()

    @property
    def console(self) -> list[str]:
        return self.page.console

    def js(self, script: str, timeout: int = 5000):
        """Run JavaScript in the page and return its result (JSON round trip).

        The page always answers with a JSON string: PySide6's runJavaScript callback mishandles
        undefined/non-serialisable results (a None refcount bug that can crash the process later)."""
        wrapped = ("(function () { try { var r = eval(%s); return r === undefined ? 'null' : JSON.stringify(r); }"
                   " catch (e) { return JSON.stringify({'__error__': String(e)}); } })()" % json.dumps(script))
        box: dict = {}
        self.page.runJavaScript(wrapped, 0, lambda r: box.setdefault("r", r))
        self.qtbot.waitUntil(lambda: "r" in box, timeout=timeout)
        try:
            return json.loads(box["r"])
        except TypeError:                    # circular structure etc. was caught above; be safe anyway
            return None

    def load(self, path: Path, timeout: int = 20000) -> None:
        """Load the map file and wait until its script reports it has drawn everything.

        loadFinished is awaited only so that the old document is gone (a reload would otherwise see
        the previous page's flag); whether the map rendered is judged by the page's own script."""
        with self.qtbot.waitSignal(self.view.loadFinished, timeout=timeout):
            self.view.load(QUrl.fromLocalFile(str(Path(path).resolve())))

        def ready():
            return self.js("!!(window.fieldapp && window.fieldapp.ready)", timeout=3000) is True

        try:
            self.qtbot.waitUntil(ready, timeout=timeout)
        except Exception as exc:
            raise AssertionError(f"map never became ready; console: {self.console}; "
                                 f"blocked requests: {self.guard.blocked}") from exc

    def resources(self) -> list[str]:
        """Every URL the page refers to for scripts, styles and images, plus what its performance log
        recorded (Chromium leaves file:// loads out of that log, hence both)."""
        return json.loads(self.js('''JSON.stringify(
            Array.from(document.querySelectorAll('script[src], img[src]')).map(function (e) { return e.src; })
            .concat(Array.from(document.querySelectorAll('link[href]')).map(function (e) { return e.href; }))
            .concat(performance.getEntriesByType('resource').map(function (e) { return e.name; })))'''))

    def close(self) -> None:
        """Page first, then its profile, both at once on this thread: a profile released while its
        page waits for a deferred delete makes WebEngine warn "Expect troubles" and can crash the
        process later, in some other test's event processing."""
        import shiboken6

        self.view.setPage(None)
        for obj in (self.page, self.profile):
            if shiboken6.isValid(obj):
                shiboken6.delete(obj)
        self.view.close()
