"""Running slow work off the GUI thread and getting the answer back on it.

``run_in_thread(fn, on_done, on_error)`` runs ``fn()`` on Qt's global thread pool; the result (or
the exception text) comes back through a queued signal, so the callbacks run on the GUI thread.
``ThreadBridge`` is the other direction: plain Python threads (instrument readers) call its
``emit_*`` methods, and the GUI receives Qt signals.

Every job keeps a reference to itself until it has reported: a Python QRunnable wrapper that is
collected while its signals are still queued is a classic PySide crash.
"""
from __future__ import annotations

import traceback
from typing import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

_RUNNING: set = set()


class _JobSignals(QObject):
    done = Signal(object)
    failed = Signal(str)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], object]):
        super().__init__()
        self.setAutoDelete(False)          # Python owns it (kept in _RUNNING until it reported)
        self.fn = fn
        self.signals = _JobSignals()

    def run(self):  # runs on a pool thread
        try:
            result = self.fn()
        except Exception as exc:   # reported, never raised into Qt's thread
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=4)}")
        else:
            self.signals.done.emit(result)


def run_in_thread(fn: Callable[[], object], on_done: Callable[[object], None] | None = None,
                  on_error: Callable[[str], None] | None = None) -> _Job:
    """Start ``fn`` on a worker thread; ``on_done(result)`` / ``on_error(text)`` run on the GUI thread."""
    job = _Job(fn)
    _RUNNING.add(job)

    def finish(cb, value):
        _RUNNING.discard(job)
        if cb is not None:
            cb(value)

    job.signals.done.connect(lambda r: finish(on_done, r))
    job.signals.failed.connect(lambda e: finish(on_error, e))
    QThreadPool.globalInstance().start(job)
    return job


def wait_for_workers(msecs: int = 10000) -> bool:
    """Block until pool jobs are finished (shutdown, tests)."""
    return QThreadPool.globalInstance().waitForDone(msecs)


class ThreadBridge(QObject):
    """Reader threads call ``records``/``status``; the GUI thread gets ``records_arrived``/``status_changed``.

    Signals emitted from a non-Qt thread to a QObject living in the GUI thread are queued, so the
    slots run in the GUI event loop and never touch widgets from a reader thread.
    """

    records_arrived = Signal(object)     # list[RawRecord]
    status_changed = Signal(object)      # DeviceStatus

    def records(self, records) -> None:
        self.records_arrived.emit(records)

    def status(self, status) -> None:
        self.status_changed.emit(status)
