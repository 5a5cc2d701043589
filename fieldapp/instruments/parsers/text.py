"""Text records: delimited (Orion GETMEAS, WTW, RAE CSV, heavy-metal analyzer), regex (user
devices), ordered by a header line (YSI ``para`` then ``data``).

Labels become parameters through ``ChannelMapper`` (profile channels, then the vocabulary); the
device's clock through ``timefmt`` (format as users write it, device time zone, stored as UTC).
"""
from __future__ import annotations

import re

from ..channels import ChannelMapper
from ..records import STATUS_IGNORED, Reading
from ..timefmt import device_time, parse_timezone, to_strftime
from ..values import ValueRules
from . import BaseParser, Parsed, error, finish

_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")   # tab is allowed


class _TextParser(BaseParser):
    def __init__(self, profile):
        super().__init__(profile)
        rec = profile.record
        self.skip = [re.compile(p) for p in rec.get("skip", [])]
        self.time_spec = rec.get("device_time") or {}
        self.time_format = to_strftime(self.time_spec["format"]) if self.time_spec.get("format") else None
        self.tz = parse_timezone(self.time_spec.get("timezone"))
        self.min_fields = int(rec.get("min_fields", 1))
        self.mapper = ChannelMapper(profile, ValueRules.from_record(rec))

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

    def _clock(self, token: str | None, info: list[str]) -> str | None:
        if token is None:
            return None
        when, problem = device_time(token, self.time_format, self.tz)
        if problem:
            info.append(problem)
        return when


def _at(parts: list[str], index: int) -> str:
    try:
        return parts[index]
    except IndexError:
        return ""


class DelimitedParser(_TextParser):
    def __init__(self, profile):
        super().__init__(profile)
        rec = profile.record
        self.delimiter = rec.get("delimiter", ",")
        self.fields = rec.get("fields", [])
        self.groups = rec.get("groups")
        self.stop = re.compile(self.groups["stop"]) if self.groups and self.groups.get("stop") else None

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
        notes: list[str] = []
        info: list[str] = []
        seen: dict = {}
        when = None
        if "field" in self.time_spec and -len(parts) <= self.time_spec["field"] < len(parts):
            when = self._clock(parts[self.time_spec["field"]], info)
        readings = [self._field(spec, parts, seen, notes, info) for spec in self.fields]
        if self.groups:
            readings += self._groups(parts, seen, notes, info)
        return finish(readings, when, notes, info)

    def _field(self, spec: dict, parts: list[str], seen: dict, notes: list, info: list) -> Reading:
        token = _at(parts, spec["index"])
        unit = _at(parts, spec["unit_index"]) if spec.get("unit_index") is not None else ""
        if spec.get("label"):
            return self.mapper.reading(spec["label"], token, unit, seen, notes, info)
        return self.mapper.fixed(spec["parameter"], token, unit, spec.get("unit", ""),
                                 spec.get("name", ""), notes, info)

    def _groups(self, parts: list[str], seen: dict, notes: list, info: list) -> list[Reading]:
        g = self.groups
        size, start = g.get("size", 2), g.get("start", 0)
        end = g.get("end")
        stop_at = len(parts) if end is None else (end if end >= 0 else len(parts) + end)
        limit = g.get("max")
        out: list[Reading] = []
        i = start
        while i + g.get("value", 0) < stop_at and (limit is None or len(out) < limit):
            chunk = parts[i: i + size]
            if self.stop and self.stop.search(chunk[g.get("value", 0)]):
                break
            if len(chunk) < size or i + size > stop_at:
                notes.append(f"incomplete value group at field {i}: {chunk!r}")
                break
            unit = chunk[g["unit"]] if g.get("unit") is not None else ""
            label = chunk[g["label"]] if g.get("label") is not None else unit
            out.append(self.mapper.reading(label, chunk[g.get("value", 0)], unit, seen, notes, info))
            i += size
        return out


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
        notes: list[str] = []
        info: list[str] = []
        when = None
        if "group" in self.time_spec and groups.get(self.time_spec["group"]):
            when = self._clock(groups[self.time_spec["group"]], info)
        seen: dict = {}
        readings = [self.mapper.reading(str(label), groups.get(name) or "", groups.get(f"{name}_unit") or "",
                                        seen, notes, info)
                    for name, label in self.fields.items()]
        return finish(readings, when, notes, info)


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
        info: list[str] = []
        seen: dict = {}
        readings = [self.mapper.reading(code, tok, "", seen, notes, info)
                    for code, tok in zip(self.codes, tokens)]
        return finish(readings, None, notes, info)
