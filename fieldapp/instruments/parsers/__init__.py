"""Record parsers: one framed line/frame (bytes) -> Parsed (status, reason, readings, times, fix).

Parsers never raise on device data: anything they cannot use comes back with status 'error' and
a reason that says what was wrong, so it is stored and visible instead of crashing a reader.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..records import STATUS_ERROR, STATUS_OK, STATUS_PARTIAL, Fix, Reading


@dataclass
class Parsed:
    status: str
    reason: str = ""
    readings: list[Reading] = field(default_factory=list)
    device_time: str | None = None
    fix: Fix | None = None


def error(reason: str) -> Parsed:
    return Parsed(STATUS_ERROR, reason)


def finish(readings: list[Reading], device_time: str | None = None, notes: list[str] | None = None,
           info: list[str] | None = None) -> Parsed:
    """OK when every value is usable, partial (with the flagged tokens named) otherwise.

    ``notes`` are problems (they make the record partial); ``info`` is worth keeping in the
    reason (a unit converted, a clock token that did not fit) without spoiling a good record."""
    notes = list(notes or [])
    for r in readings:
        if r.flag:
            notes.append(f"{r.channel}={r.text!r} ({r.flag})")
    reason = "; ".join(notes + list(info or []))
    if not readings:
        return Parsed(STATUS_ERROR, reason or "no values in the record", [], device_time)
    return Parsed(STATUS_PARTIAL if notes else STATUS_OK, reason, readings, device_time)


class BaseParser:
    def __init__(self, profile):
        self.profile = profile

    def note_command(self, command: str) -> None:
        """Told about every command the reader sends (request/response devices)."""

    def parse(self, payload: bytes) -> Parsed:   # pragma: no cover - abstract
        raise NotImplementedError

    def decode(self, payload: bytes) -> tuple[str | None, Parsed | None]:
        enc = self.profile.encoding
        try:
            return payload.decode(enc), None
        except UnicodeDecodeError as exc:
            return None, error(f"byte 0x{payload[exc.start]:02X} at position {exc.start} is not valid "
                               f"{enc} text (garbage, or wrong baud rate?)")


def make_parser(profile) -> BaseParser:
    kind = profile.record["type"]
    if kind == "nmea":
        from .nmea import NmeaParser
        return NmeaParser(profile)
    if kind == "binary":
        from .binary import BinaryParser
        return BinaryParser(profile)
    from . import text
    return {"delimited": text.DelimitedParser, "regex": text.RegexParser,
            "ordered_by_header": text.OrderedByHeaderParser}[kind](profile)


__all__ = ["Parsed", "BaseParser", "make_parser", "finish", "error", "STATUS_OK"]
