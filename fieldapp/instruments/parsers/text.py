"""Text records: delimited (Orion GETMEAS, WTW, RAE CSV), regex (user devices), ordered by a
header line (YSI ``para`` then ``data``).
"""
from __future__ import annotations

import re

from ..records import STATUS_IGNORED, Reading
from ..values import parse_value
from . import BaseParser, Parsed, error, finish, parse_device_time

_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")   # tab is allowed


class _TextParser(BaseParser):
    def __init__(self, profile):
        super().__init__(profile)
        rec = profile.record
        self.skip = [re.compile(p) for p in rec.get("skip", [])]
        self.time_spec = rec.get("device_time") or {}
        self.min_fields = int(rec.get("min_fields", 1))

    def _pre(self, payload: bytes) -> tuple[str | None, Parsed | None]:
        text, bad = self.decode(payload)
        if bad:
            return None, bad
        text = text.strip()
        for rx in self.skip:
            if rx.search(text):
                return None, Parsed(STATUS_IGNORED, f"line matches skip pattern {rx.pattern!r}")
        if _CONTROL.search(text):
            return None, error("line holds control characters (garbage or wrong baud rate?)")
        return text, None

    def _reading(self, label: str, token: str, device_unit: str, notes: list[str]) -> Reading:
        channel = self.profile.channel(label)
        if channel is None:
            notes.append(f"channel {label!r} not in the profile's channels")
            return parse_value(token, label.strip(), device_unit.strip())
        return parse_value(token, channel["parameter"], channel["unit"] or device_unit.strip())


class DelimitedParser(_TextParser):
    def __init__(self, profile):
        super().__init__(profile)
        rec = profile.record
        self.delimiter = rec.get("delimiter", ",")
        self.fields = rec.get("fields", [])
        self.groups = rec.get("groups")

    def parse(self, payload: bytes) -> Parsed:
        text, done = self._pre(payload)
        if done:
            return done
        parts = [p.strip() for p in text.split(self.delimiter)]
        while parts and parts[-1] == "" and len(parts) > self.min_fields:
            parts.pop()          # WTW and others end records with a trailing delimiter
        if len(parts) < self.min_fields:
            return error(f"expected at least {self.min_fields} fields separated by {self.delimiter!r}, "
                         f"got {len(parts)}")
        device_time = None
        if "field" in self.time_spec and self.time_spec["field"] < len(parts):
            device_time = parse_device_time(parts[self.time_spec["field"]], self.time_spec.get("format"))
        notes: list[str] = []
        readings = []
        for spec in self.fields:
            idx = spec["index"]
            token = parts[idx] if idx < len(parts) else ""
            unit_idx = spec.get("unit_index", len(parts))
            unit = parts[unit_idx] if unit_idx < len(parts) else ""
            if "label" in spec:
                readings.append(self._reading(spec["label"], token, unit, notes))
            else:
                readings.append(parse_value(token, spec.get("parameter", f"field_{idx}"),
                                            spec.get("unit", unit)))
        if self.groups:
            g = self.groups
            size = g.get("size", 2)
            i = g.get("start", 0)
            while i + g.get("value", 0) < len(parts):
                chunk = parts[i: i + size]
                if len(chunk) < size:
                    notes.append(f"incomplete value group at field {i}: {chunk!r}")
                    break
                unit = chunk[g["unit"]] if "unit" in g else ""
                label = chunk[g["label"]] if "label" in g else unit
                readings.append(self._reading(label, chunk[g.get("value", 0)], unit, notes))
                i += size
        return finish(readings, device_time, notes)


class RegexParser(_TextParser):
    def __init__(self, profile):
        super().__init__(profile)
        self.pattern = re.compile(profile.record["pattern"])
        self.fields = profile.record.get("fields", {})

    def parse(self, payload: bytes) -> Parsed:
        text, done = self._pre(payload)
        if done:
            return done
        m = self.pattern.search(text)
        if m is None:
            return error(f"line does not match the profile pattern {self.pattern.pattern!r}")
        groups = m.groupdict()
        device_time = None
        if "group" in self.time_spec and groups.get(self.time_spec["group"]):
            device_time = parse_device_time(groups[self.time_spec["group"]], self.time_spec.get("format"))
        notes: list[str] = []
        readings = [self._reading(str(label), groups.get(name) or "", "", notes)
                    for name, label in self.fields.items()]
        return finish(readings, device_time, notes)


class OrderedByHeaderParser(_TextParser):
    """Values whose order is set by a header line, e.g. YSI: ``para`` -> codes, ``data`` -> values."""

    def __init__(self, profile):
        super().__init__(profile)
        rec = profile.record
        self.header_command = rec.get("header_command", "para")
        self.delimiter = rec.get("delimiter") or None     # None: any whitespace
        self.codes: list[str] | None = None
        self._expect_header = False

    def note_command(self, command: str) -> None:
        if command.strip() == self.header_command:
            self._expect_header = True

    def parse(self, payload: bytes) -> Parsed:
        text, done = self._pre(payload)
        if done:
            return done
        tokens = text.split(self.delimiter)
        looks_like_header = bool(tokens) and all(t.isdigit() for t in tokens)
        if looks_like_header and (self._expect_header or self.codes is None):
            self._expect_header = False
            self.codes = tokens
            return Parsed(STATUS_IGNORED, f"parameter list: {' '.join(tokens)}")
        if self.codes is None:
            return error(f"data line before the parameter list (send {self.header_command!r} first)")
        if len(tokens) != len(self.codes):
            return error(f"data line has {len(tokens)} values, the parameter list has {len(self.codes)}")
        notes: list[str] = []
        readings = [self._reading(code, tok, "", notes) for code, tok in zip(self.codes, tokens)]
        return finish(readings, None, notes)
