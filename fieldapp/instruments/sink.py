"""Writing instrument records to the store without stalling anyone.

Reader threads call ``InstrumentSink.submit`` (cheap: a queue put). A writer thread collects
records and writes them every ``flush_rows`` records or ``flush_ms`` milliseconds, whichever comes
first, in ONE transaction per flush with one executemany per table: a 10 Hz stream from nine
devices costs a few small transactions a second, not ninety. A failed flush keeps its batch and
retries, so a full disk loses nothing that arrived before it was freed.

In the app the sink does not write itself: it hands each batch to the store's single writer
(``fieldapp.store.writer.StoreWriter``) and waits for the commit, so the GUI's own connection never
sees half-written batches. Given a plain Store (the headless ``fieldapp record``) it writes through
that store on its own thread, which is then the store's only user.
"""
from __future__ import annotations

import queue
import threading
import time
from dataclasses import dataclass, field

from fieldapp.core.ids import new_uuid
from fieldapp.vocab import resolve_id

from .records import KIND_BLANK, KIND_PROMPT, RawRecord

_SKIP_KINDS = (KIND_BLANK, KIND_PROMPT)   # terminators and prompts: accounted for, not worth a row
_META = ("uuid", "created_at", "updated_at", "created_by_team", "created_by_device",
         "updated_by_device", "version", "deleted", "change_seq")
RAW_COLS = _META + ("incident_uuid", "port", "device", "profile", "kind", "received_at", "device_time",
                    "raw", "parse_status", "reason")
READING_COLS = _META + ("incident_uuid", "point_uuid", "raw_uuid", "device", "parameter", "parameter_id",
                        "value", "unit", "qualifier", "flag", "value_text", "received_at", "device_time",
                        "unit_orig", "channel")
RAW_SQL = f"INSERT INTO instrument_raw ({', '.join(RAW_COLS)}) VALUES ({', '.join('?' * len(RAW_COLS))})"
READING_SQL = (f"INSERT INTO instrument_readings ({', '.join(READING_COLS)}) "
               f"VALUES ({', '.join('?' * len(READING_COLS))})")


def build_rows(meta: dict, items) -> tuple[list[tuple], list[tuple]]:
    """Row tuples for (record, incident_uuid, point_uuid) items; meta from store.new_meta()."""
    base = tuple(meta[c] for c in _META[1:])
    raw_rows, reading_rows = [], []
    for rec, incident, point in items:
        if rec.kind in _SKIP_KINDS:
            continue
        raw_rows.append((rec.uuid, *base, incident, rec.port, rec.device, rec.profile, rec.kind,
                         rec.received_at, rec.device_time, rec.raw, rec.status, rec.reason))
        for r in rec.readings:
            pid = None if r.flag == "unmapped" else resolve_id(r.parameter)   # unmapped: no identity
            reading_rows.append((new_uuid(), *base, incident, point, rec.uuid, rec.device,
                                 r.parameter, pid, r.value, r.unit, r.qualifier, r.flag, r.text,
                                 rec.received_at, rec.device_time, r.unit_orig, r.channel))
    return raw_rows, reading_rows


def write_rows(store, raw_rows: list[tuple], reading_rows: list[tuple]) -> None:
    store.conn.executemany(RAW_SQL, raw_rows)
    if reading_rows:
        store.conn.executemany(READING_SQL, reading_rows)


def write_records(store, items) -> tuple[int, int]:
    """Write (record, incident_uuid, point_uuid) items in one transaction; returns (raw, readings)."""
    with store.transaction():
        raw_rows, reading_rows = build_rows(store.new_meta(), items)
        write_rows(store, raw_rows, reading_rows)
    return len(raw_rows), len(reading_rows)


@dataclass
class SinkStats:
    raw_rows: int = 0
    reading_rows: int = 0
    flushes: int = 0
    max_flush_ms: float = 0.0
    failures: int = 0
    last_error: str = ""
    pending: int = 0
    flush_ms: list[float] = field(default_factory=list)


class InstrumentSink:
    """``target``: a StoreWriter (hand batches over) or a Store this sink alone writes to."""

    def __init__(self, target, incident_uuid: str | None = None, point_uuid: str | None = None,
                 flush_rows: int = 500, flush_ms: float = 250.0, on_error=None):
        self.target = target
        self.incident_uuid = incident_uuid
        self.point_uuid = point_uuid
        self.flush_rows = flush_rows
        self.flush_ms = flush_ms
        self.on_error = on_error
        self.stats = SinkStats()
        self.accepted = 0       # records taken in by submit() that become rows: what the app acknowledged
        self._count_lock = threading.Lock()
        self._q: queue.SimpleQueue = queue.SimpleQueue()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="instrument-sink", daemon=True)
        self._thread.start()

    def set_context(self, incident_uuid: str | None, point_uuid: str | None) -> None:
        """Records submitted from now on link to this incident and sampling point."""
        self.incident_uuid, self.point_uuid = incident_uuid, point_uuid

    def submit(self, records: list[RawRecord]) -> None:
        inc, pt = self.incident_uuid, self.point_uuid
        self._q.put([(r, inc, pt) for r in records])
        n = sum(1 for r in records if r.kind not in _SKIP_KINDS)
        with self._count_lock:           # several reader threads submit at once
            self.accepted += n

    __call__ = submit      # usable directly as ConnectionManager(on_records=sink)

    def flush(self, timeout: float = 10.0) -> bool:
        """Block until everything submitted so far is written (tests, shutdown)."""
        done = threading.Event()
        self._q.put(done)
        return done.wait(timeout)

    def close(self, timeout: float = 10.0) -> None:
        self.flush(timeout)
        self._stop.set()
        self._q.put(None)
        self._thread.join(timeout)

    def _run(self) -> None:
        pending: list = []
        waiters: list[threading.Event] = []
        deadline = None
        while True:
            timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
            try:
                item = self._q.get(timeout=timeout)
            except queue.Empty:
                item = ()
            if item is None and self._stop.is_set():
                self._write(pending)
                return
            if isinstance(item, threading.Event):
                waiters.append(item)
            elif item:
                pending.extend(item)
                if deadline is None:
                    deadline = time.monotonic() + self.flush_ms / 1000.0
            due = deadline is not None and time.monotonic() >= deadline
            if pending and (due or len(pending) >= self.flush_rows or waiters):
                pending = self._write(pending)
                deadline = time.monotonic() + self.flush_ms / 1000.0 if pending else None
            elif not pending:
                deadline = None
            if not pending:
                for w in waiters:
                    w.set()
                waiters.clear()
            self.stats.pending = len(pending)

    def _commit(self, pending: list) -> tuple[int, int]:
        if hasattr(self.target, "submit"):          # the store's writer thread commits it
            return self.target.submit(lambda st: write_records(st, pending), label="instruments").result()
        return write_records(self.target, pending)

    def _write(self, pending: list) -> list:
        if not pending:
            return pending
        t0 = time.perf_counter()
        try:
            n_raw, n_read = self._commit(pending)
        except Exception as exc:      # keep the batch; report; retry at the next flush
            self.stats.failures += 1
            self.stats.last_error = str(exc)
            if self.on_error:
                self.on_error(exc)
            time.sleep(min(1.0, self.flush_ms / 1000.0))
            return pending
        ms = (time.perf_counter() - t0) * 1000
        self.stats.raw_rows += n_raw
        self.stats.reading_rows += n_read
        self.stats.flushes += 1
        self.stats.max_flush_ms = max(self.stats.max_flush_ms, ms)
        return []
