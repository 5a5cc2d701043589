"""The latest value per device and parameter, and the latest good GPS fix (thread-safe).

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
                    self._values[(rec.device, r.parameter)] = LiveValue(
                        rec.device, rec.profile, r, rec.received_at, rec.device_time, rec.uuid)

    def current(self, device: str | None = None) -> list[LiveValue]:
        with self._lock:
            return [v for (dev, _p), v in sorted(self._values.items()) if device is None or dev == device]
