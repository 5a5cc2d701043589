"""The one way to run long work from the window: tasks with progress, cancel and a plain error.

``start_task(work, ...)`` runs ``work(progress, cancelled)`` on Qt's thread pool; the work reads
through its own connection (``session.open_reader()``). ``start_write_task(session, work, ...)``
runs ``work(store, progress, cancelled)`` on the store's writer thread, for jobs that write
(imports, exports, issuing a report). Both give a ``Task``: ``progress(done, total)``, ``done(result)``
and ``failed(message)`` arrive on the GUI thread as signals; ``cancel()`` sets the flag the work
checks between batches. An error becomes one line a user can read (the traceback is kept on
``task.traceback`` for a developer), never an exception in Qt's threads.

Every task is listed in ``RUNNING`` until it has reported (a Python QRunnable collected while its
signals are queued is a classic PySide crash) and shutdown waits for them (``wait_for_tasks``).
"""
from __future__ import annotations

import threading
import traceback
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal

from fieldapp.store import StoreError

RUNNING: set = set()


def error_text(exc: BaseException) -> str:
    """What the user reads: the store's own message, or the error's first line with its kind."""
    if isinstance(exc, StoreError):
        return str(exc)
    first = (str(exc).splitlines() or [""])[0]
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


class Task(QObject):
    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(str)

    def __init__(self, label: str = "", owner: QObject | None = None):
        super().__init__()
        self.label = label
        self.owner = owner
        self.cancel_flag = threading.Event()
        self.finished = False
        self.traceback = ""
        RUNNING.add(self)

    def cancel(self) -> None:
        self.cancel_flag.set()

    def _report(self, exc: BaseException | None, result=None) -> None:
        """Any thread: queue the outcome to the GUI thread."""
        if exc is None:
            self.done.emit(result)
        else:
            self.traceback = "".join(traceback.format_exception(exc, limit=6))
            self.failed.emit(error_text(exc))

    def connect_callbacks(self, on_done, on_error, on_progress) -> None:
        import shiboken6

        def alive():
            return self.owner is None or shiboken6.isValid(self.owner)

        def finish(cb, value):
            self.finished = True
            RUNNING.discard(self)
            if cb is not None and alive():
                cb(value)

        self.done.connect(lambda r: finish(on_done, r), Qt.QueuedConnection)
        self.failed.connect(lambda e: finish(on_error, e), Qt.QueuedConnection)
        if on_progress is not None:
            self.progress.connect(lambda d, t: on_progress(d, t) if alive() else None, Qt.QueuedConnection)


class _Runnable(QRunnable):
    def __init__(self, task: Task, work):
        super().__init__()
        self.setAutoDelete(False)          # Python owns it (the task keeps it until it reported)
        self.task, self.work = task, work

    def run(self):  # a pool thread
        try:
            result = self.work(lambda d, t: self.task.progress.emit(d, t), self.task.cancel_flag.is_set)
        except BaseException as exc:  # noqa: BLE001 - reported to the GUI, never raised into Qt's thread
            self.task._report(exc)
        else:
            self.task._report(None, result)


def start_task(work: Callable, on_done=None, on_error=None, on_progress=None, *,
               owner: QObject | None = None, label: str = "") -> Task:
    """Run ``work(progress, cancelled)`` on the pool; callbacks on the GUI thread (skipped once
    ``owner`` is deleted)."""
    task = Task(label, owner)
    task.connect_callbacks(on_done, on_error, on_progress)
    task._runnable = _Runnable(task, work)
    QThreadPool.globalInstance().start(task._runnable)
    return task


def start_write_task(session, work: Callable, on_done=None, on_error=None, on_progress=None, *,
                     owner: QObject | None = None, label: str = "", long: bool = True) -> Task:
    """Run ``work(store, progress, cancelled)`` on the store's writer thread."""
    task = Task(label, owner)
    task.connect_callbacks(on_done, on_error, on_progress)

    def job(store):
        return work(store, lambda d, t: task.progress.emit(d, t), task.cancel_flag.is_set)
    try:
        future = session.submit(job, long=long, label=label)
    except StoreError as exc:
        task._report(exc)
        return task
    future.add_done_callback(lambda f: task._report(f.exception(), None if f.exception() else f.result()))
    return task


def when_done(future, on_done=None, on_error=None, *, owner: QObject | None = None, label: str = "") -> Task:
    """A writer Future (e.g. from the instrument hub) as a Task: its outcome on the GUI thread."""
    task = Task(label, owner)
    task.connect_callbacks(on_done, on_error, None)
    future.add_done_callback(lambda f: task._report(f.exception(), None if f.exception() else f.result()))
    return task


def wait_for_tasks(msecs: int = 60000, cancel: bool = False) -> bool:
    """Keep the event loop turning until every task has reported (shutdown, tests).
    ``cancel``: ask them to stop first (imports roll back whole)."""
    if cancel:
        for task in list(RUNNING):
            task.cancel()
    clock = QElapsedTimer()
    clock.start()
    while RUNNING and clock.elapsed() < msecs:
        QThreadPool.globalInstance().waitForDone(20)
        QCoreApplication.processEvents(QEventLoop.AllEvents, 20)
    return not RUNNING


def busy_labels() -> list[str]:
    """What is still running, in words (the "saving…" notice at quit)."""
    return sorted({t.label for t in RUNNING if t.label})


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
