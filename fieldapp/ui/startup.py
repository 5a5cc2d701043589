"""The window's start: one instance per store, the window first, the heavy panels after it shows.

Order, and why:
1. Qt application (WebEngine's shared GL contexts set first, since QtWebEngine is imported only
   when the map panel loads), crash reports routed to a message box (ui/crash_dialog.py).
2. The store's instance lock (fieldapp.store.instance). Taken: go on. Held by another window: ask it
   to come to the front (ui/single_instance.py), say so, exit with status 3, store untouched.
3. Open the store WITHOUT SpatiaLite (unless a migration is due), build and show the main window
   (the incident, its log: plain columns; nothing is written on the way).
4. After the first paint: listen for a second start (QtNetwork), load SpatiaLite into the reader
   and the writer (~45 ms with the geo libraries), then fill the points table (river order needs
   numpy, PROJ and GEOS; the first point's measurements the vocabulary and toolkit data, ~0.3 s
   together): its title says so until then.
5. Attach the capability panels one per event-loop turn (toolkit, map, instruments, sync,
   reports, plume): their imports (folium, reportlab, QtWebEngine, pypinyin, numpy/scipy) and
   their first work (the toolkit index, the map page) happen after the window is on screen.

``FIELDAPP_TRACE_STARTUP=1`` prints ``fieldapp-startup: <step>`` lines on stderr as the steps
finish (fieldapp/app/starttrace.py; bench/bench_startup.py times them from outside).
"""
from __future__ import annotations

import importlib
import os
import signal
import sys
from pathlib import Path

from fieldapp import settings as settings_mod
from fieldapp.app import crashlog
from fieldapp.app.starttrace import trace
from fieldapp.store.instance import AlreadyOpen, InstanceLock
from fieldapp.store import StoreError, default_store_path, open_store
from fieldapp.store.connection import find_spatialite

# The Qt-free modules the window needs before its first paint, imported BEFORE PySide6: once
# PySide6 is loaded, its import hook reads the source of every module imported after it (its
# __feature__ check), which cost ~90 ms for these. Only the order matters (they are used where
# they are used); tests/ui/test_startup.py checks that none of the app's Qt-free modules loaded
# by the first paint comes after PySide6.
CORE_BEFORE_QT = ("fieldapp.app.session", "fieldapp.app.events", "fieldapp.core.timeutil", "fieldapp.core.gcpause",
                  "fieldapp.guide.logtext", "fieldapp.reports.label_code", "fieldapp.server.copy_note",
                  "fieldapp.store.migrations.m005_sync", "fieldapp.vocab.incidents", "fieldapp.vocab.roles",
                  "fieldapp.vocab.standards", "fieldapp.store.oslock", "getpass")
for _name in CORE_BEFORE_QT:
    importlib.import_module(_name)

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer  # noqa: E402 (after the above)
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from fieldapp.ui.app import PANEL_MODULES, apply_style, attach_panel, build_main_window, create_application  # noqa: E402

EXIT_ALREADY_OPEN = 3
AFTER_PAINT_LATEST_MS = 10_000    # a window never painted (minimized) still finishes its start


class FirstPaint(QObject):
    """Calls ``done`` once, when ``widget`` has been painted for the first time."""

    def __init__(self, widget, done):
        super().__init__(widget)
        self.done = done
        widget.installEventFilter(self)

    def eventFilter(self, obj, event):  # noqa: N802 (Qt override)
        if event.type() == QEvent.Paint and self.done is not None:
            done, self.done = self.done, None
            QTimer.singleShot(0, done)       # after this paint has reached the screen
        return False


def run(store_path=None, lang: str | None = None, read_only: bool = False) -> int:
    """``read_only``: open ``store_path`` without writing (a server incident's copy: no demo, no edits)."""
    QCoreApplication.setAttribute(Qt.AA_ShareOpenGLContexts)
    app, translations = create_application()
    trace("qt-app")
    from fieldapp.ui.crash_dialog import install as install_crash_reports

    install_crash_reports(app)
    s = settings_mod.load()
    lang = lang or s.language or "zh_CN"
    apply_style(app, s.font_point_size)
    # first run: no store named anywhere, so the default location may be created
    first_run = not (store_path or s.store_path or os.environ.get("FIELDAPP_STORE")) and not read_only
    path = Path(store_path or s.store_path or default_store_path())
    if first_run:
        path.parent.mkdir(parents=True, exist_ok=True)
    lock = InstanceLock(path)
    try:
        lock.acquire()
    except AlreadyOpen as exc:
        return already_open(exc, lock.channel, translations, lang)
    except StoreError as exc:
        return cannot_open(exc, translations, lang)
    try:
        return _run_locked(app, translations, lang, path, first_run, lock, read_only)
    finally:
        lock.release()


def _run_locked(app, translations, lang: str, path: Path, first_run: bool, lock, read_only: bool = False) -> int:
    try:
        find_spatialite()       # loaded after the first paint; a missing one is said now, in words
        store = open_store(path, create=first_run, read_only=read_only, spatial=False)
    except StoreError as exc:
        return cannot_open(exc, translations, lang)
    trace("store-open")
    crashlog.set_team(store.identity)
    crashlog.note(f"opened store {path.name}" + (" (recovered after an unclean exit)" if lock.recovered else ""))
    win = build_main_window(store, translations, lang, make_demo=not read_only, panels=False,
                            points_after_paint=True)
    if win is None:
        return 0
    trace("window-built")
    crashlog.set_team(win.session.store.identity)
    _note_actions(win)
    win.resize(1280, 800)
    once = _once(lambda: after_first_paint(win, lock, translations, lang))
    FirstPaint(win, lambda: (trace("first-window"), QTimer.singleShot(0, once)))
    QTimer.singleShot(AFTER_PAINT_LATEST_MS, once)     # a window that is not painted (started minimized)
    win.show()
    if lock.recovered:
        trace(f"recovered {lock.recovered.pid}")
        win.show_message(QCoreApplication.translate(
            "App", "FieldApp did not close properly last time (stopped, or the power went off). Everything "
                   "that was saved is in the store."), 15000)
    _quit_on_signals(win)
    app.aboutToQuit.connect(lambda: win.close() if not win.session.closed else None)
    rc = app.exec()
    win.session.close()        # normally done by the window's close (waits for work to finish)
    return 2 if getattr(win, "start_failed", False) else rc


def _once(fn):
    done = []

    def call():
        if not done:
            done.append(True)
            fn()
    return call


def after_first_paint(win, lock=None, translations=None, lang: str = "zh_CN") -> None:
    """Listen for a second start (QtNetwork loads here, ~40 ms the first paint does not wait for;
    a second start meanwhile keeps knocking, ui/single_instance.py), load SpatiaLite, then the
    points (the window's main content), then the panels one by one. Runs at the latest
    AFTER_PAINT_LATEST_MS after the window was shown, painted or not."""
    from fieldapp.core.gcpause import freeze_startup_heap

    freeze_startup_heap()      # collection back on; later ones skip the start-up heap (no 80 ms pauses)
    if win.session.closed:
        return
    if lock is not None:
        from fieldapp.ui.single_instance import ActivationServer

        win.activation = ActivationServer(lock.channel, win, on_raised=lambda: trace("raised"))
    try:
        win.session.load_spatial()   # river order and the panels' spatial queries need it from here
    except StoreError as exc:        # there, but it does not load: say so and close, nothing written
        win.start_failed = True
        if translations is not None:
            cannot_open(exc, translations, lang)
        win.close()
        return
    win.show_points_now()
    trace("points-shown")
    QTimer.singleShot(0, lambda: attach_gradually(win))


def attach_gradually(win, modules=PANEL_MODULES) -> None:
    """Attach the panels one per event-loop turn, so the window repaints and answers in between."""
    pending = list(modules)

    def next_panel():
        if win.session.closed or not pending:
            return
        modname = pending.pop(0)
        attach_panel(win, modname)
        crashlog.note(f"panel {modname.rsplit('.', 1)[-1]} attached")
        if pending:
            QTimer.singleShot(0, next_panel)
        else:
            trace("panels-attached")
            _reopen_last_tab(win)
    next_panel()


def _reopen_last_tab(win) -> None:
    """Open the tab that was open when the window last closed, then remember each change."""
    last = settings_mod.load().last_tab
    if last in win.panels:
        win.show_tab(win.panels[last])
    names = {id(panel): name for name, panel in win.panels.items()}

    def remember(i: int) -> None:
        s = settings_mod.load()
        s.last_tab = names.get(id(win.ui.mainTabs.widget(i)), "")
        settings_mod.save(s)
    win.ui.mainTabs.currentChanged.connect(remember)
    map_panel = win.panels.get("map")
    if map_panel is not None and os.environ.get("FIELDAPP_TRACE_STARTUP"):
        _trace_when(lambda: getattr(map_panel, "ready", False), "map-shown", win)


def _trace_when(predicate, step: str, owner) -> None:
    timer = QTimer(owner, interval=50)

    def poll():
        if predicate():
            timer.stop()
            trace(step)
    timer.timeout.connect(poll)
    timer.start()


def _note_actions(win) -> None:
    """The crash report's "last actions": menu actions, tab changes and session events by name."""
    from PySide6.QtGui import QAction

    for action in win.findChildren(QAction):
        if action.objectName():
            action.triggered.connect(lambda *_, n=action.objectName(): crashlog.note(f"menu {n}"))
    tabs = win.ui.mainTabs
    tabs.currentChanged.connect(lambda i: crashlog.note(f"tab {tabs.widget(i).objectName() or i}"))
    win.session.bus.subscribe(object, lambda e: crashlog.note(event_text(e)))


def event_text(event) -> str:
    """An event's name and the tables it names; never record contents."""
    changes = getattr(event, "changes", None)
    tables = f" {','.join(sorted(changes))}" if isinstance(changes, dict) else ""
    return f"{type(event).__name__}{tables}"


def _quit_on_signals(win) -> None:
    """Ctrl+C in a terminal, or a TERM from the system's shutdown: close the window properly
    (everything written, the lock released). A timer lets Python see the signal during app.exec()."""
    def close(*_):
        QTimer.singleShot(0, win.close)
    for name in ("SIGINT", "SIGTERM"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), close)
    win.signal_timer = QTimer(win, interval=250, timeout=lambda: None)
    win.signal_timer.start()


def already_open(exc: AlreadyOpen, channel: str, translations, lang: str) -> int:
    """Another window has the store: bring it to the front and say so; the store is not touched."""
    from fieldapp.ui.single_instance import ask_to_raise

    raised = ask_to_raise(channel)
    if raised is not None:
        print(f"fieldapp: {exc} That window (process {raised}) was brought to the front.", file=sys.stderr)
        return EXIT_ALREADY_OPEN
    print(f"fieldapp: {exc} It did not answer; if it is hung, close it in the task manager.", file=sys.stderr)
    translations.set_language(lang)
    holder = exc.holder
    QMessageBox.warning(None, QCoreApplication.translate("App", "FieldApp is already open"),
                        QCoreApplication.translate(
                            "App", "FieldApp is already open on this store (process {0} on {1}, since {2}) and "
                            "did not answer. Only one window may work on a store at a time. Switch to that "
                            "window, or if it is hung, close it and start FieldApp again.").format(
                            holder.pid if holder else "?", holder.host if holder else "?",
                            holder.since() if holder else "?"))
    return EXIT_ALREADY_OPEN


def cannot_open(exc: StoreError, translations, lang: str) -> int:
    translations.set_language(lang)
    print(f"fieldapp: error: {' '.join(str(exc).splitlines())}", file=sys.stderr)
    if QApplication.instance() is not None:
        QMessageBox.critical(None, QCoreApplication.translate("App", "Cannot open the store"), str(exc))
    return 2
