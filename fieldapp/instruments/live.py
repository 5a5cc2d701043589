"""The latest value per device and channel, and the latest good GPS fix (thread-safe).

Keyed by channel, not parameter: a record with two "Oxi" groups (mg/l and %) or three "Temp"
groups gives distinct live values ("Oxi", "Oxi [%]", "Temp #2"), never one overwriting another.

This is what the panel shows and what "record current values" turns into measurements.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass

from .records import Fix, RawRecord, Reading


@dataclass
class LiveValue:
    device: str
    profile: str
    reading: Reading
    received_at: str
    device_time: str | None
    raw_uuid: str


class LiveValues:
    def __init__(self):
        self._lock = threading.Lock()
        self._values: dict[tuple[str, str], LiveValue] = {}
        self.fix: Fix | None = None
        self.fix_at: str = ""

    def update(self, records: list[RawRecord]) -> None:
        with self._lock:
            for rec in records:
                if rec.fix is not None:
                    self.fix, self.fix_at = rec.fix, rec.received_at
                for r in rec.readings:
                    self._values[(rec.device, r.channel)] = LiveValue(
                        rec.device, rec.profile, r, rec.received_at, rec.device_time, rec.uuid)

    def current(self, device: str | None = None) -> list[LiveValue]:
        with self._lock:
            return [v for (dev, _c), v in sorted(self._values.items()) if device is None or dev == device]

    def forget(self, device: str) -> None:
        """Drop a disconnected device's values: they are no longer "current"."""
        with self._lock:
            for key in [k for k in self._values if k[0] == device]:
                del self._values[key]
