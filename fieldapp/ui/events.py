"""Session events as Qt signals on the GUI thread (Electrum's QtEventListener shape).

The session's bus calls listeners on the thread that published (the writer, a reader thread, the
GUI). ``QtEvents`` subscribes once and re-emits every event through one Qt signal: emitted on the
GUI thread it is delivered at once, from any other thread it is queued, so a slot always runs on
the GUI thread and never sees data before the write that announced it has committed.

    session_events.on(RecordsChanged, self._records_changed, owner=self)

``owner``: a QObject whose deletion ends the subscription (a closed panel gets nothing more).
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal


class QtEvents(QObject):
    event = Signal(object)

    def __init__(self, bus, parent: QObject | None = None):
        super().__init__(parent)
        self._slots: list[tuple[type, Callable, QObject | None]] = []
        self.event.connect(self._dispatch)          # auto: direct on the GUI thread, else queued
        self._unsubscribe = bus.subscribe(object, self._from_any_thread)
        self.destroyed.connect(lambda *_: self._unsubscribe())

    def _from_any_thread(self, event) -> None:
        import shiboken6

        if shiboken6.isValid(self):
            self.event.emit(event)

    def on(self, event_type: type, slot: Callable, owner: QObject | None = None) -> None:
        self._slots.append((event_type, slot, owner))

    def detach(self) -> None:
        """Stop delivering (the window is closing)."""
        self._unsubscribe()
        self._slots.clear()

    def _dispatch(self, event) -> None:
        import shiboken6

        for entry in list(self._slots):
            event_type, slot, owner = entry
            if owner is not None and not shiboken6.isValid(owner):
                if entry in self._slots:
                    self._slots.remove(entry)
                continue
            if isinstance(event, event_type):
                slot(event)
