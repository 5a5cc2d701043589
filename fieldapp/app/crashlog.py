"""Crash reports: what an IT officer needs to fix a failure, written to the user's data folder.

``install(on_crash)`` sets ``sys.excepthook`` and ``threading.excepthook``; an exception nobody
caught (a slot in the window, a worker thread, a command) is written to
``<data folder>/logs/crash-YYYYMMDD-HHMMSS-PID.log`` with the traceback, the versions (FieldApp,
Python, Qt, SQLite, SpatiaLite when loaded, the operating system), how this copy runs (source,
installed, frozen) and the last actions (``note()``: event and menu names, never their contents).

Personal data: the report names the team identity (unit, team, device) and nothing else of
the user's: no member names, no record contents, the home folder written as ``~``. ``on_crash(path,
summary)`` is then told where the file is, so the window (or the command line) can say so.
"""
from __future__ import annotations

import os
import sys
import threading
import time
import traceback
from collections import deque
from pathlib import Path

MAX_ACTIONS = 40
_actions: deque = deque(maxlen=MAX_ACTIONS)   # (time, text, repeats)
_actions_lock = threading.Lock()
_team = ""
_on_crash = None
_writing = threading.local()


def note(action: str) -> None:
    """Remember a step the user or the app took ("menu: actionNewPoint", "RecordsChanged points").
    Repeats of the same step are counted, not stored again (a 10 Hz instrument stream is one line)."""
    with _actions_lock:
        if _actions and _actions[-1][1] == action:
            t, text, n = _actions[-1]
            _actions[-1] = (time.time(), text, n + 1)
        else:
            _actions.append((time.time(), action, 1))


def set_team(identity) -> None:
    """The team identity named in reports (an ``Identity`` or None); member names are left out."""
    global _team
    _team = "" if identity is None else f"{identity.unit} / {identity.team} / {identity.device}"


def _versions() -> list[str]:
    import platform                      # only when a report is written (not on every start)

    from fieldapp.core.resources import where

    try:
        from importlib.metadata import version

        app = version("fieldapp")
    except Exception:
        app = "unknown"
    lines = [f"FieldApp {app} ({where() if _safe(where) else 'resources missing'})",
             f"Python {platform.python_version()} ({sys.executable})",
             f"System {platform.platform()}"]
    qt = sys.modules.get("PySide6.QtCore")
    if qt is not None:
        lines.append(f"PySide6 {getattr(sys.modules.get('PySide6'), '__version__', '?')}, Qt {qt.qVersion()}")
    sqlean = sys.modules.get("sqlean")
    if sqlean is not None:
        lines.append(f"SQLite {getattr(sqlean, 'sqlite_version', '?')} (sqlean)")
    return lines


def _safe(fn) -> bool:
    try:
        fn()
        return True
    except Exception:
        return False


def _redact(text: str) -> str:
    home = str(Path.home())
    return text.replace(home, "~") if len(home) > 1 else text


def report_text(exc_type, exc, tb, where: str) -> str:
    with _actions_lock:
        actions = list(_actions)
    lines = ["FieldApp crash report", f"time: {time.strftime('%Y-%m-%d %H:%M:%S %z')}", f"where: {where}",
             *_versions(), f"team: {_team or '(not set)'}", "", "last actions (oldest first):"]
    for t, text, n in actions or [(time.time(), "(none recorded)", 1)]:
        lines.append(f"  {time.strftime('%H:%M:%S', time.localtime(t))}  {text}" + (f"  (x{n})" if n > 1 else ""))
    lines += ["", "traceback:", "".join(traceback.format_exception(exc_type, exc, tb)).rstrip()]
    return _redact("\n".join(lines)) + "\n"


def write_report(exc_type, exc, tb, where: str) -> Path:
    """Write one crash report and return its path (the data folder is created when missing)."""
    from fieldapp.core.userdirs import log_dir

    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"crash-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
    path.write_text(report_text(exc_type, exc, tb, where), encoding="utf-8")
    return path


def summary(exc) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:200]}" if text else type(exc).__name__


def handle(exc_type, exc, tb, where: str) -> Path | None:
    """Write the report and tell ``on_crash``; never raises (a failing handler must not hide the
    first failure, so it falls back to printing the traceback on stderr)."""
    if getattr(_writing, "busy", False):
        return None
    _writing.busy = True
    try:
        path = write_report(exc_type, exc, tb, where)
    except Exception:
        traceback.print_exception(exc_type, exc, tb)
        path = None
    finally:
        _writing.busy = False
    if path is not None and _on_crash is not None:
        try:
            _on_crash(path, summary(exc))
        except Exception:
            traceback.print_exc()
    return path


def install(on_crash=None) -> None:
    """Route uncaught exceptions of every thread here; ``on_crash(path, summary)`` is told of each."""
    global _on_crash
    _on_crash = on_crash

    def main_hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            return sys.__excepthook__(exc_type, exc, tb)
        handle(exc_type, exc, tb, "main thread")

    def thread_hook(args):
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "?"
        handle(args.exc_type, args.exc_value, args.exc_traceback, f"thread {name}")

    sys.excepthook = main_hook
    threading.excepthook = thread_hook
