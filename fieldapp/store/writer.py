"""One writer per store file: a thread that owns the read-write connection, and read connections.

The rule (docs/architecture.md): only the ``StoreWriter`` thread writes. Everyone else reads
through a connection of their own (``open_reader``: read-only, one per thread), so no reader ever
sees another thread's uncommitted rows and nobody waits on a Python lock around a shared
connection. Writes are functions ``fn(store)`` queued to the writer; it runs them in order and
reports what each one changed (table -> uuids, found through ``change_seq``, which every write
transaction bumps and every synced record carries).

* ``call(fn)``: run now and wait (a dialog's save: the result, or the error to show, is needed).
  Refused with ``WriterBusy`` while a long job (an import, an export, issuing a report) holds the
  writer, instead of freezing the window until it ends.
* ``submit(fn, long=...)``: queue and return a Future (the instrument sink, long jobs).
"""
from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future

from .errors import StoreError

MAX_IDS = 5000          # past this many changed rows of one table, a change lists no ids (None)


class WriterBusy(StoreError):
    """A long job holds the writer; the change was NOT saved and can be tried again afterwards."""


class WriterClosed(StoreError):
    """The store is closing (the app is quitting); nothing more is written."""


def open_reader(path, spatial: bool = True):
    """A read-only connection to the store file for one thread (WAL: reads never block the writer).
    ``spatial=False``: SpatiaLite loaded later by its ``load_spatial()`` (see Store)."""
    from .store import Store

    return Store(path, read_only=True, spatial=spatial)


def _current_seq(conn) -> int:
    row = conn.execute("SELECT value FROM meta WHERE key='change_seq'").fetchone()
    return int(row[0]) if row else 0


def changes_between(conn, tables: list[str], before: int, after: int) -> dict[str, frozenset | None]:
    """table -> uuids written by the transactions numbered (before, after]; None = more than MAX_IDS."""
    out: dict[str, frozenset | None] = {}
    if after <= before:
        return out
    for table in tables:
        ids = [r[0] for r in conn.execute(
            f'SELECT uuid FROM "{table}" WHERE change_seq > ? AND change_seq <= ? LIMIT ?',
            (before, after, MAX_IDS + 1))]
        if ids:
            out[table] = None if len(ids) > MAX_IDS else frozenset(ids)
    return out


class _Job:
    __slots__ = ("fn", "future", "long", "label", "notify")

    def __init__(self, fn, long: bool, label: str, notify: bool):
        self.fn, self.future, self.long, self.label, self.notify = fn, Future(), long, label, notify


class StoreWriter:
    """Owns ``store`` (an open read-write Store handed over by its opener) on one thread.

    ``on_changes(changes, label)`` is called on the writer thread after every queued job that
    changed something (not for ``call``: its caller gets the changes back and announces them).
    """

    def __init__(self, store, on_changes: Callable[[dict, str], None] | None = None):
        from .migrations.m005_sync import synced_tables

        self.store = store
        self.path = store.path
        self.on_changes = on_changes
        # tables whose rows carry change_seq: the synced ones, and kept conflict versions
        self._tables = synced_tables(store.conn) + ["sync_record_versions"]
        self._q: queue.Queue = queue.Queue()
        self._long_pending = 0
        self._lock = threading.Lock()
        self.busy_with = ""              # label of the long job running now
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="store-writer", daemon=True)
        self._thread.start()

    # -- API (any thread) -----------------------------------------------------------------------
    def submit(self, fn: Callable, *, long: bool = False, label: str = "", notify: bool = True) -> Future:
        job = _Job(fn, long, label, notify)
        with self._lock:
            if self._closed:
                raise WriterClosed("the store is closing; nothing more is saved")
            if long:
                self._long_pending += 1
            self._q.put(job)
        return job.future

    def call(self, fn: Callable, timeout: float | None = 60.0):
        """Run ``fn(store)`` on the writer and wait; returns (result, changes)."""
        if threading.current_thread() is self._thread:
            raise StoreError("the writer cannot wait for itself")
        with self._lock:
            busy = self.busy_with or ("a long job" if self._long_pending else "")
        if busy:
            raise WriterBusy(f"not saved: {busy} is in progress; try again when it has finished")
        job_future = self.submit(fn, notify=False)
        return job_future.result(timeout)

    @property
    def busy(self) -> bool:
        """A job is running or queued."""
        return self._q.unfinished_tasks > 0

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """Block until everything queued so far is written."""
        try:
            self.submit(lambda st: None, notify=False).result(timeout)
            return True
        except Exception:  # noqa: BLE001 - a closed or stuck writer: not idle
            return False

    def close(self, timeout: float = 60.0) -> bool:
        """Write out what is queued, stop the thread, close the connection. True when it stopped."""
        with self._lock:
            if self._closed:
                return not self._thread.is_alive()
            self._closed = True
            self._q.put(None)
        self._thread.join(timeout)
        stopped = not self._thread.is_alive()
        if stopped:
            self.store.close()
        return stopped

    # -- the thread ----------------------------------------------------------------------------
    def _run(self) -> None:
        while True:
            job = self._q.get()
            if job is None:
                self._q.task_done()
                return
            try:
                self._execute(job)
            finally:
                self._q.task_done()

    def _execute(self, job: _Job) -> None:
        if not job.future.set_running_or_notify_cancel():
            return
        conn = self.store.conn
        before = _current_seq(conn)
        if job.long:
            self.busy_with = job.label or "a long job"
        try:
            if not self.store.spatial:
                self.store.load_spatial()   # opened without it (the window's start): before any write
            result = job.fn(self.store)
        except BaseException as exc:  # noqa: BLE001 - handed to whoever waits on the future
            result, error = None, exc
        else:
            error = None
        finally:
            if job.long:
                with self._lock:
                    self._long_pending -= 1
                self.busy_with = ""
        changes = {}
        with contextlib.suppress(Exception):     # a closed/broken connection: no change list
            changes = changes_between(conn, self._tables, before, _current_seq(conn))
        if error is not None:
            job.future.set_exception(error)
        elif job.notify:
            job.future.set_result(result)
        else:
            job.future.set_result((result, changes))
        # a failed call() may still have committed part of its work: announce that too
        if changes and self.on_changes is not None and (job.notify or error is not None):
            with contextlib.suppress(Exception):
                self.on_changes(changes, job.label)
