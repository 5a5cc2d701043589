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
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

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
        except Exception as exc:  # noqa: BLE001 - reported to the GUI, never raised into Qt's thread
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=4)}")
        else:
            self.signals.done.emit(result)


def run_in_thread(fn: Callable[[], object], on_done: Callable[[object], None] | None = None,
                  on_error: Callable[[str], None] | None = None, owner: QObject | None = None) -> _Job:
    """Start ``fn`` on a worker thread; ``on_done(result)`` / ``on_error(text)`` run on the GUI thread,
    unless ``owner`` (the widget that asked) has been deleted meanwhile."""
    import shiboken6

    job = _Job(fn)
    _RUNNING.add(job)

    def finish(cb, value):
        _RUNNING.discard(job)
        if cb is not None and (owner is None or shiboken6.isValid(owner)):
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


class StallProbe(QObject):
    """Measures how late a 5 ms QTimer fires on the GUI event loop: the longest time the window
    could not react. ``start()`` / ``stop() -> max lateness in ms`` (the bench's stall_probe hook).
    Both may be called from any thread; the timer itself lives on the GUI thread."""

    _start = Signal()
    _stop = Signal()

    def __init__(self, period_ms: int = 5, parent=None):
        super().__init__(parent)
        import threading

        from PySide6.QtCore import QElapsedTimer, QTimer

        self.period_ms = period_ms
        self.max_late_ms = 0.0
        self.worst_at_ms = 0.0         # when the worst stall ended, ms after start()
        self.ticks = 0
        self._clock = QElapsedTimer()
        self._last = None
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.PreciseTimer)
        self._timer.setInterval(period_ms)
        self._timer.timeout.connect(self._tick)
        self._stopped = threading.Event()
        self._start.connect(self._do_start)
        self._stop.connect(self._do_stop)

    def _tick(self):
        now = self._clock.nsecsElapsed() / 1e6
        if self._last is not None:
            late = now - self._last - self.period_ms
            if late > self.max_late_ms:
                self.max_late_ms, self.worst_at_ms = late, now
        self._last = now
        self.ticks += 1

    def _do_start(self):
        self.max_late_ms, self.worst_at_ms, self.ticks, self._last = 0.0, 0.0, 0, None
        self._stopped.clear()
        self._clock.start()
        self._timer.start()

    def _do_stop(self):
        self._timer.stop()
        self._stopped.set()

    def start(self) -> None:
        self._start.emit()

    def stop(self, timeout: float = 10.0) -> float:
        self._stop.emit()
        from PySide6.QtCore import QThread

        if QThread.currentThread() is not self.thread():
            self._stopped.wait(timeout)
        return self.max_late_ms
