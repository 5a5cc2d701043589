"""The session's instruments: reader threads, the sink that stores what they send, the GPS fix.

Readers (one thread per device) deliver records here. Each batch goes to the InstrumentSink,
which hands it to the store's writer (stored rows never wait for a window), and is published as
``ReadingsArrived`` for the live display. Readings link to the session's current incident and
point, followed through its events. ``stop()`` joins the readers and flushes the sink: what a
reader delivered before stop() is stored when it returns.
"""
from __future__ import annotations

import time

from fieldapp.instruments import ConnectionManager, InstrumentSink, record_current_values
from fieldapp.instruments.gps_check import GpsPosition

from .events import DeviceStatusChanged, IncidentChanged, PointChanged, ReadingsArrived, SaveFailed

FIX_FRESH_S = 30.0            # an older GPS fix is not offered as "the current position"


class InstrumentHub:
    def __init__(self, session):
        self.session = session
        self.mgr = ConnectionManager(on_records=self._deliver, on_status=self._status)
        self.sink: InstrumentSink | None = None
        self._fix_seen: float | None = None       # monotonic time of the last fix received
        # Ports that are not hardware: a drill's simulated instruments (fieldapp.drills.sim), offered
        # in the port list with their profile: dicts of port, profile, label.
        self.virtual_ports: list[dict] = []
        session.bus.subscribe(IncidentChanged, self._context_changed)
        session.bus.subscribe(PointChanged, self._context_changed)

    # -- devices ---------------------------------------------------------------------------
    def connect(self, cfg):
        """Start a reader for DeviceConfig ``cfg`` (its name must be free)."""
        self._ensure_sink()
        return self.mgr.add(cfg)

    def disconnect(self, device: str) -> None:
        """Blocks up to a read timeout (joins the reader): call it off the GUI thread."""
        self.mgr.remove(device)

    def _ensure_sink(self) -> None:
        if self.sink is None:
            inc, pt = self.session.incident_uuid, self.session.point_uuid
            self.sink = InstrumentSink(self.session.write_target(), inc, pt, flush_ms=250,
                                       on_error=self._sink_failed)

    def _context_changed(self, _event=None) -> None:
        if self.sink is not None:
            self.sink.set_context(self.session.incident_uuid, self.session.point_uuid)

    # -- reader threads ----------------------------------------------------------------------
    def _deliver(self, records) -> None:
        """Reader thread: store first (independent of any window), then tell the listeners."""
        if any(r.fix is not None for r in records):
            self._fix_seen = time.monotonic()
        if self.sink is not None:
            self.sink.submit(records)
        self.session.bus.publish(ReadingsArrived(records))

    def _status(self, status) -> None:
        self.session.bus.publish(DeviceStatusChanged(status))

    def _sink_failed(self, exc) -> None:
        self.session.bus.publish(SaveFailed("instrument readings", str(exc)))

    # -- answers -----------------------------------------------------------------------------
    def gps_fix(self) -> GpsPosition | None:
        """(lat, lon, datum) of a fresh GPS fix, or None: what the point form's "use GPS position" asks."""
        fix = self.mgr.live.fix
        if fix is None or self._fix_seen is None or time.monotonic() - self._fix_seen > FIX_FRESH_S:
            return None
        return GpsPosition(fix.lat, fix.lon, fix.datum)

    def record_current(self, point_uuid: str):
        """Queue "record current values" as measurements of a point; a Future of RecordResult."""
        values = self.mgr.live.current()
        return self.session.submit(lambda st: record_current_values(st, values, point_uuid),
                                   label="record values")

    # -- shutdown ----------------------------------------------------------------------------
    def stop_readers(self) -> None:
        """No more input: every reader stops (delivering its last partial line) and is joined."""
        self.mgr.stop_all()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop every reader, then hand everything they delivered to the writer and wait for it."""
        self.stop_readers()
        if self.sink is not None:
            self.sink.close(timeout)
            self.sink = None

    @property
    def running(self) -> bool:
        return bool(self.mgr.readers) or self.sink is not None
