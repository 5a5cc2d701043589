"""The self-test's Qt checks (fieldapp/selftest.py): translations and font, offline map rendering.

The map check builds the demo incident's map page exactly as the Map tab does, loads it in a real
QWebEngineView whose profile blocks every request that is not local, and asks the page what it
drew: loadFinished alone says "ok" for a blank page, so the count of drawn points is the answer.
"""
from __future__ import annotations

import json
import time

from PySide6.QtCore import QCoreApplication, QEventLoop, QLocale, Qt, QTranslator, QUrl

LOCAL_SCHEMES = {"file", "qrc", "data", "blob", "about"}


def application():
    """The process's QApplication (made here, with WebEngine's shared GL contexts, when absent)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        QCoreApplication.setAttribute(Qt.AA_ShareOpenGLContexts)
        app = QApplication(["fieldapp-selftest"])
    return app


def wait_until(predicate, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.AllEvents, 50)
        if predicate():
            return True
        time.sleep(0.01)
    return predicate()


def check_interface(ctx) -> str:
    from fieldapp.selftest import require
    from fieldapp.ui.app import Translations, ensure_cjk_font, qt_translations_dir

    app = application()
    family = ensure_cjk_font(app)
    require(family, "no Chinese font for the interface")
    translations = Translations(app)
    translations.set_language("zh_CN")
    try:
        ours = QCoreApplication.translate("App", "Cannot open the store")
        require(ours != "Cannot open the store", "FieldApp's Chinese translation did not load")
        qt = QTranslator()
        require(qt.load(QLocale(QLocale.Chinese, QLocale.China), "qtbase", "_", qt_translations_dir()),
                f"Qt's own Chinese strings (qtbase_zh_CN.qm) not found in {qt_translations_dir()}")
        qt_context, qt_text = "QPlatformTheme", "Cancel"     # Qt's own string (not ours: lupdate skips it)
        cancel = qt.translate(qt_context, qt_text)
        require(cancel and cancel != "Cancel", "qtbase_zh_CN.qm has no Chinese for Cancel")
    finally:
        translations.set_language("en")
    return f"「{ours}」, file dialogs say 「{cancel}」, font {family}"


def check_window(ctx) -> str:
    """The main window on the self-test's store, with every capability panel attached as at a
    start: a panel that cannot load (a library missing from the bundle) fails here, not in the field."""
    import sys

    from fieldapp.selftest import require
    from fieldapp.store import open_store
    from fieldapp.ui.app import PANEL_MODULES, Translations, attach_panel, build_main_window

    app = application()
    errors: list[str] = []
    hook, sys.excepthook = sys.excepthook, lambda t, e, tb: errors.append(f"{t.__name__}: {e}")
    win = None
    try:
        win = build_main_window(open_store(ctx.store.path), Translations(app), "zh_CN", make_demo=False,
                                panels=False)
        win.show()
        for name in PANEL_MODULES:
            attach_panel(win, name)
            QCoreApplication.processEvents()
        wait_until(lambda: bool(errors), 1.0)       # let the panels' first tasks run
        tabs = win.ui.mainTabs.count()
        panels = sorted(win.panels)
    finally:
        if win is not None:
            win.close()                             # waits for the tasks, closes the session
        sys.excepthook = hook
        Translations(app).set_language("en")
    require(not errors, f"errors while the panels started: {'; '.join(errors[:3])}")
    require(len(panels) == len(PANEL_MODULES), f"only {len(panels)} of {len(PANEL_MODULES)} panels: {panels}")
    return f"{tabs} tabs: {', '.join(panels)}"


def check_map(ctx) -> str:
    from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile, QWebEngineUrlRequestInterceptor
    from PySide6.QtWebEngineWidgets import QWebEngineView

    from fieldapp.maps.demo_layers import add_demo_layers
    from fieldapp.maps.loader import build_incident_map
    from fieldapp.selftest import require

    class Guard(QWebEngineUrlRequestInterceptor):
        blocked: list = []

        def interceptRequest(self, info):  # noqa: N802 (Qt override)
            if info.requestUrl().scheme() not in LOCAL_SCHEMES:
                Guard.blocked.append(info.requestUrl().toString())
                info.block(True)

    application()
    add_demo_layers(ctx.store, ctx.incident["uuid"])
    path = build_incident_map(ctx.store, ctx.incident["uuid"], ctx.folder / "map.html", lang="zh")
    profile, guard = QWebEngineProfile(), Guard()
    profile.setUrlRequestInterceptor(guard)
    view = QWebEngineView()
    page = QWebEnginePage(profile)
    view.setPage(page)
    view.resize(900, 700)
    view.show()
    try:
        view.load(QUrl.fromLocalFile(str(path)))
        ready = wait_until(lambda: _js(page, "!!(window.fieldapp && window.fieldapp.ready)") is True, 30)
        require(ready, f"the map page never drew (blocked requests: {Guard.blocked[:3]})")
        counts = _js(page, "({points: document.querySelectorAll('path.fieldapp-point').length,"
                           " rivers: document.querySelectorAll('path.fieldapp-river').length,"
                           " leaflet: typeof L})")
        points = len(ctx.store.list_points(ctx.incident["uuid"]))
        require(counts and counts["points"] == points, f"drew {counts} for {points} points")
        require(not Guard.blocked, f"the page asked the network for {Guard.blocked[:3]}")
        return f"{counts['points']} points and {counts['rivers']} river line(s) drawn, no network request"
    finally:
        _dispose(view, page, profile)


def _dispose(view, page, profile) -> None:
    """Delete in the order WebEngine needs (page before its profile, both before the application):
    otherwise Chromium's teardown crashes the process at exit."""
    import shiboken6

    view.close()
    view.setPage(None)
    for obj in (page, view, profile):
        if shiboken6.isValid(obj):
            shiboken6.delete(obj)
    QCoreApplication.processEvents()


def _js(page, script: str, timeout_s: float = 5):
    """Run JavaScript and return its JSON result (PySide6 mishandles undefined: always a string)."""
    wrapped = ("(function () { try { var r = eval(%s); return r === undefined ? 'null' : JSON.stringify(r); }"
               " catch (e) { return JSON.stringify({'__error__': String(e)}); } })()" % json.dumps(script))
    box: dict = {}
    page.runJavaScript(wrapped, 0, lambda r: box.setdefault("r", r))
    wait_until(lambda: "r" in box, timeout_s)
    try:
        return json.loads(box["r"]) if "r" in box else None
    except (TypeError, ValueError):
        return None
