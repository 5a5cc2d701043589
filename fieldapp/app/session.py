"""The Session: the open store, what the user is working on, and the events that announce changes.

One per open store (the window has one; tests make their own). It owns

* the store's single writer (``fieldapp.store.writer.StoreWriter``) and the GUI thread's read
  connection (``session.store``, read-only): every write goes through ``write``/``submit``, and the
  rows each write touched are published as ``RecordsChanged``, so nobody reloads by hand;
* the current incident, point and language, changed with ``set_*`` and announced as events;
* the instruments (``session.instruments``: readers, the sink, the GPS fix).

Threads that need to read get their own connection from ``open_reader()``. No Qt here: the Qt
layer adapts the bus (fieldapp/ui/events.py).
"""
from __future__ import annotations

import contextlib

from fieldapp.store import StoreReadOnly
from fieldapp.store.writer import StoreWriter, WriterClosed, open_reader

from .events import (EventBus, IdentityChanged, IncidentChanged, LanguageChanged, PointChanged,
                     RecordsChanged)



class Session:
    def __init__(self, store, lang: str = "zh_CN", spatial_later: bool = False):
        """``store``: an open Store. Read-write: handed to the writer thread (do not use it on
        this thread afterwards). Read-only: used as the reader, and every write is refused.
        ``spatial_later``: the reader is opened without SpatiaLite (and ``store`` may have been):
        ``load_spatial()`` loads it (the window's start, after its first paint)."""
        self.bus = EventBus()
        self.path = store.path
        self.read_only = bool(store.read_only)
        if self.read_only:
            self.writer = None
            self.store = store
        else:
            self.writer = StoreWriter(store, on_changes=self._changes_from_writer)
            self.store = open_reader(store.path, spatial=not spatial_later)
        self.lang = lang
        self.incident: dict | None = None
        self.point_uuid: str | None = None
        self._instruments = None
        self.closed = False

    # ---- writing ------------------------------------------------------------------------
    def write(self, fn, *, touches: tuple[str, ...] = (), origin: str = ""):
        """Run ``fn(writer_store)`` on the writer and wait; publish what it changed; return its result.
        ``touches`` names tables without change_seq the write changes (keys, meta)."""
        if self.writer is None:
            raise StoreReadOnly(code="store_read_only")
        result, changes = self.writer.call(fn)
        self._announce(changes, touches, origin)
        return result

    def submit(self, fn, *, long: bool = False, label: str = ""):
        """Queue ``fn(writer_store)``; a Future of its result. Its changes are published from the
        writer thread when it is done (the Qt adapter brings them to the GUI thread)."""
        if self.writer is None:
            raise StoreReadOnly(code="store_read_only")
        return self.writer.submit(fn, long=long, label=label)

    def write_target(self):
        """What a background writer (the instrument sink) hands its batches to."""
        if self.writer is None:
            raise StoreReadOnly(code="store_read_only")
        return self.writer

    def _changes_from_writer(self, changes: dict, label: str) -> None:
        self._announce(changes, (), label)

    def _announce(self, changes: dict, touches, origin: str) -> None:
        changes = dict(changes)
        for table in touches:
            changes.setdefault(table, None)
        if changes:
            self.bus.publish(RecordsChanged(changes, origin))

    def load_spatial(self) -> None:
        """SpatiaLite into the reader now, and into the writer's connection as its next job."""
        self.store.load_spatial()
        if self.writer is not None:
            self.writer.submit(lambda st: st.load_spatial(), notify=False)

    def open_reader(self):
        """A read-only connection for the calling thread; the caller closes it."""
        return open_reader(self.path)

    # ---- what the user works on ---------------------------------------------------------
    @property
    def incident_uuid(self) -> str | None:
        return self.incident["uuid"] if self.incident else None

    @property
    def content_lang(self) -> str:
        """The language of domain text (toolkit pages, reports, map legends): "zh" or "en"."""
        return "en" if self.lang == "en" else "zh"

    def set_incident(self, uuid: str | None) -> None:
        """Make ``uuid`` the current incident (remembered for the next start); the point is cleared."""
        self.incident = self.store.get("incidents", uuid) if uuid else None
        self.point_uuid = None
        if uuid and self.writer is not None and self.store.get_meta("last_incident") != uuid:
            with contextlib.suppress(Exception):      # remembering the last incident is a convenience:
                self.writer.submit(lambda st: st.set_meta("last_incident", uuid), label="last incident")
        self.bus.publish(IncidentChanged(uuid))

    def reload_incident(self) -> None:
        """Re-read the current incident's row after it was edited (no event: RecordsChanged said it)."""
        if self.incident:
            self.incident = self.store.get("incidents", self.incident["uuid"])

    def set_point(self, uuid: str | None) -> None:
        if uuid == self.point_uuid:
            return
        self.point_uuid = uuid
        self.bus.publish(PointChanged(uuid))

    def current_point(self) -> dict | None:
        if not self.point_uuid:
            return None
        try:
            return self.store.get("sampling_points", self.point_uuid)
        except Exception:  # noqa: BLE001 - deleted meanwhile (sync, undo): no current point
            return None

    def set_language(self, lang: str) -> None:
        if lang != self.lang:
            self.lang = lang
            self.bus.publish(LanguageChanged(lang))

    def set_identity(self, unit: str, team: str, device: str, members: list[str]) -> None:
        ident = self.write(lambda st: st.set_identity(unit, team, device, members), touches=("meta",))
        self.store.reload_identity()
        self.bus.publish(IdentityChanged(ident.team))

    # ---- instruments --------------------------------------------------------------------
    @property
    def instruments(self):
        if self._instruments is None:
            from .instruments import InstrumentHub

            self._instruments = InstrumentHub(self)
        return self._instruments

    def gps_fix(self):
        return self._instruments.gps_fix() if self._instruments is not None else None

    # ---- shutdown -----------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """Something is still to be written (a queued or running job)."""
        return self.writer is not None and self.writer.busy

    def close(self, timeout: float = 60.0) -> None:
        """Stop the readers and store what they sent, write out the queue, close every connection."""
        if self.closed:
            return
        self.closed = True
        if self._instruments is not None:
            self._instruments.stop()
        if self.writer is not None:
            self.writer.close(timeout)
        self.store.close()


__all__ = ["Session", "WriterClosed"]
