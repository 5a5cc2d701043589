"""Record current values: the latest readings become measurements of a sampling point.

Goes through the store's own validation (units, pH range, negative concentrations) so an
instrument value is held to the same rules as a typed one; values that cannot be a measurement
(OVER, ERR, GPS coordinates, units the store does not know) are returned as skipped with the
reason, never silently lost, and the rest is written in one transaction.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .live import LiveValue

NOT_MEASUREMENTS = {"latitude", "longitude", "altitude", "hdop", "satellites", "fix_quality", "speed"}


@dataclass
class RecordResult:
    written: list[dict] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)   # (device:parameter, reason)


def record_current_values(store, values: list[LiveValue], point_uuid: str) -> RecordResult:
    from fieldapp.store.errors import ValidationError

    point = store.get("sampling_points", point_uuid)
    result = RecordResult()
    prepared = []
    for lv in values:
        r = lv.reading
        label = f"{lv.device}:{r.parameter}"
        if r.parameter in NOT_MEASUREMENTS:
            result.skipped.append((label, "position data, not a measurement"))
            continue
        if r.value is None:
            result.skipped.append((label, f"device sent {r.text!r} ({r.flag}), not a value"))
            continue
        try:
            prepared.append(store.prepare_measurement(
                point, r.parameter, r.value, r.unit, qualifier=r.qualifier,
                measured_at=lv.received_at, instrument=f"{lv.device} ({lv.profile})", source="instrument"))
        except ValidationError as exc:
            result.skipped.append((label, str(exc)))
    if prepared:
        result.written = store.add_measurements(prepared)
    return result
