"""Quitting without losing anything: the order in which a window's session is wound down.

1. stop the instrument readers (no new input; each delivers its last partial line);
2. let running tasks finish (an import, an export, a report), keeping the event loop turning and
   a "Saving…" notice up so the window does not look frozen;
3. the panels' close hooks (timers, web pages, temporary files);
4. the sink hands its last batch to the writer, the writer writes out its queue, every
   connection closes (``Session.close``).
No QThread or reader thread is left running, so Qt never aborts with "QThread destroyed while
running" and every reading the app took in is in the store.
"""
from __future__ import annotations

import contextlib

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel

from fieldapp.ui import workers


def _notice(win, what: list[str]) -> QLabel:
    text = QCoreApplication.translate("Shutdown", "Saving… finishing: {0}").format(", ".join(what)) if what else \
        QCoreApplication.translate("Shutdown", "Saving…")
    label = QLabel(text, win, Qt.Tool | Qt.FramelessWindowHint)
    label.setObjectName("savingNotice")
    label.setStyleSheet("QLabel { background: #fff4d6; border: 2px solid #e8d49a; padding: 16px; font-size: 15pt; }")
    label.adjustSize()
    label.move(win.geometry().center() - label.rect().center())
    label.show()
    QCoreApplication.processEvents()
    return label


def close_session(win, timeout_ms: int = 120_000) -> None:
    session = win.session
    hub = session._instruments
    if hub is not None:
        hub.stop_readers()
    busy = workers.busy_labels()
    notice = _notice(win, busy) if workers.RUNNING or session.busy else None
    win.saving_notice = notice
    workers.wait_for_tasks(timeout_ms)
    for hook in list(win.close_hooks):
        with contextlib.suppress(Exception):   # one panel's cleanup must not stop the others'
            hook()
    win.close_hooks.clear()
    win.events.detach()
    session.close()
    if notice is not None:
        notice.close()
        notice.deleteLater()
