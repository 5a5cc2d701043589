"""What happens in a session, as plain dataclasses, and the bus that carries them (no Qt).

Publishers call ``bus.publish(event)`` on whatever thread they run on; listeners are called on
that same thread. The Qt layer (fieldapp/ui/events.py) subscribes once and re-emits everything
on the GUI thread, so widgets only ever see events there.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

# An event is a message: two publishes are two events, told apart by identity (no generated
# __eq__/__hash__: fewer functions compiled when this module loads, in the window's start).
event = dataclass(frozen=True, eq=False, match_args=False)


@event
class IncidentChanged:
    uuid: str | None


@event
class PointChanged:
    uuid: str | None


@event
class LanguageChanged:
    lang: str                      # "zh_CN" or "en" (the interface); Session.content_lang gives zh/en


@event
class IdentityChanged:
    team: str


@event
class RecordsChanged:
    """Rows written by one job: table -> uuids (None: too many to list, reload the table)."""

    changes: Mapping[str, frozenset | None]
    origin: str = ""               # what wrote them: "", "instruments", "import", "report"…

    def touches(self, *tables: str) -> bool:
        return any(t in self.changes for t in tables)

    def ids(self, table: str) -> frozenset | None:
        """The uuids changed in ``table``: empty if untouched, None if too many to list."""
        return self.changes[table] if table in self.changes else frozenset()


@event
class ReadingsArrived:
    """Records from instrument readers, before they are stored (the live table, trends)."""

    records: list


@event
class DeviceStatusChanged:
    status: object                 # fieldapp.instruments.DeviceStatus


@event
class SaveFailed:
    """Background data could not be written yet (e.g. disk full); it is kept and retried."""

    what: str
    message: str


@event
class BundleImported:
    receipt: object                # fieldapp.sync.Receipt


@event
class ReportIssued:
    report_no: str
    path: str


@event
class PollutantRequested:
    """Somebody asked to see a pollutant's page (a measurement row was activated)."""

    ident: str


@event
class ScenarioRequested:
    """Show a scenario checklist (a new incident of that kind, a first-hour step)."""

    scenario_id: str


@event
class QuickReportRequested:
    """Draft a report of this type now (the first-hour guide's report step: the report due,
    fieldapp.guide.steps.report_due)."""

    report_type: str = "quick"


@dataclass
class EventBus:
    """Type-keyed publish/subscribe; safe to publish from any thread."""

    _listeners: list[tuple[type, Callable]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def subscribe(self, event_type: type, callback: Callable[[object], None]) -> Callable[[], None]:
        """Call ``callback(event)`` for every published instance of ``event_type`` (``object``: all).
        Returns a function that unsubscribes."""
        entry = (event_type, callback)
        with self._lock:
            self._listeners.append(entry)

        def unsubscribe():
            with self._lock:
                if entry in self._listeners:
                    self._listeners.remove(entry)
        return unsubscribe

    def publish(self, event) -> None:
        with self._lock:
            listeners = [cb for t, cb in self._listeners if isinstance(event, t)]
        for cb in listeners:
            cb(event)
