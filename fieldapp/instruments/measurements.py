"""Record current values: the latest readings become measurements of a sampling point.

Goes through the store's own validation (units, pH range, negative concentrations) so an
instrument value is held to the same rules as a typed one. The value is handed over as the device
sent it, with the unit the device sent, so the measurement's ``value_orig``/``unit_orig`` are the
device's and the conversion is the vocabulary's (34.3 mS/cm -> 34300 µS/cm, unit_orig 'mS/cm').
Values that cannot be a measurement (OVER, ERR, GPS coordinates, electrode diagnostics, a second
probe's copy of a parameter already taken, unmapped channels) are returned as skipped with the
reason, never silently lost, and the rest is written in one transaction.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from fieldapp.vocab import get_parameter

from .live import LiveValue

NOT_MEASUREMENTS = {"latitude", "longitude", "altitude", "hdop", "satellites", "fix_quality", "speed"}


@dataclass
class RecordResult:
    written: list[dict] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)   # (device:channel, reason)


def _why_not(lv: LiveValue, taken: dict) -> str:
    r = lv.reading
    if r.parameter in NOT_MEASUREMENTS:
        return "position data, not a measurement"
    if r.flag == "unmapped":
        return f"channel {r.channel!r} is not mapped to a parameter in profile {lv.profile}"
    if r.value is None:
        return f"device sent {r.text!r} ({r.flag}), not a value"
    p = get_parameter(r.parameter)
    if p is not None and p.category == "diagnostic":
        return f"{p.name('en')} is an instrument diagnostic, not a measurement"
    first = taken.get((lv.device, r.parameter))
    if first is not None and first != r.channel:
        return f"{r.parameter} already taken from channel {first!r} of the same device"
    return ""


def _device_value(lv: LiveValue) -> tuple[object, str]:
    """What the device sent, for the store to normalise: its token and unit when it sent a unit."""
    r = lv.reading
    if r.unit_orig and r.text:
        return r.text.strip().lstrip("<>").strip(), r.unit_orig
    return r.value, r.unit


def record_current_values(store, values: list[LiveValue], point_uuid: str) -> RecordResult:
    from fieldapp.store.errors import ValidationError

    point = store.get("sampling_points", point_uuid)
    result = RecordResult()
    prepared = []
    taken: dict = {}
    for lv in values:
        r = lv.reading
        label = f"{lv.device}:{r.channel}"
        why = _why_not(lv, taken)
        if why:
            result.skipped.append((label, why))
            continue
        value, unit = _device_value(lv)
        try:
            prepared.append(store.prepare_measurement(
                point, r.parameter, value, unit, qualifier=r.qualifier,
                measured_at=lv.received_at, instrument=f"{lv.device} ({lv.profile})", source="instrument"))
        except ValidationError as exc:
            result.skipped.append((label, str(exc)))
            continue
        taken[(lv.device, r.parameter)] = r.channel
    if prepared:
        result.written = store.add_measurements(prepared)
    return result
