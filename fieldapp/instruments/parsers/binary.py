"""Fixed binary frames (Otis-style gas detectors): value, gas code, status bits, device clock.

The framer has already checked start byte, length and checksum; this only decodes fields at the
offsets the profile gives, so a device with another layout needs only a new profile.
"""
from __future__ import annotations

import struct
from datetime import datetime, timezone

from fieldapp.vocab import resolve_id

from ..channels import medium_of
from ..records import Reading
from ..values import apply_unit, float_reading
from . import BaseParser, Parsed, error, finish


class BinaryParser(BaseParser):
    def __init__(self, profile):
        super().__init__(profile)
        rec = profile.record
        self.value = rec["value"]
        self.code = rec.get("code")
        self.flags = rec.get("flags")
        self.time = rec.get("device_time")

    @staticmethod
    def _field(frame: bytes, spec: dict):
        return struct.unpack_from(spec.get("type", "B"), frame, spec["offset"])[0]

    def parse(self, payload: bytes) -> Parsed:
        try:
            raw_value = self._field(payload, self.value)
            code = self._field(payload, self.code) if self.code else "value"
            device_time = None
            if self.time:
                secs = self._field(payload, self.time)
                device_time = datetime.fromtimestamp(secs, timezone.utc).isoformat().replace("+00:00", "Z")
        except (struct.error, OverflowError, OSError, ValueError) as exc:
            return error(f"frame too short or malformed for the profile layout: {exc}")
        notes = []
        channel = self.profile.channel(code)
        if channel is None:
            parameter, unit = f"code_{code}", ""
            notes.append(f"gas code {code} not in the profile's channels")
        else:
            parameter, unit = resolve_id(channel["parameter"]) or channel["parameter"], channel.get("unit", "")
        reading: Reading = float_reading(float(raw_value), parameter, unit)
        note = apply_unit(reading, "", unit, medium_of(parameter))
        if note:
            notes.append(note)
        if self.flags:
            bits = self._field(payload, self.flags)
            for bit, flag in sorted(self.flags["bits"].items()):
                if bits & (1 << int(bit)):
                    if not reading.flag:
                        reading.flag = str(flag)
                    notes.append(f"status bit {bit} set ({flag})")
        return finish([reading], device_time, notes)
