"""Reading the shape of unknown records: delimiter, decimal comma, column kinds, repeated groups,
clock format. Pure functions over decoded text lines; ``learn`` turns the result into a profile.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from fieldapp.vocab import UnitError, lookup_unit, resolve_id

from .values import ValueRules, parse_value

DELIMITER_CHOICES = (";", ",", "\t", "|")
# Clock layouts meters print, as strftime; the learn flow writes them back as users write them.
CLOCK_FORMATS = ("%d.%m.%Y %H:%M:%S", "%d.%m.%y %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M:%S",
                 "%Y-%m-%dT%H:%M:%S", "%m/%d/%y %H:%M:%S", "%d/%m/%y %H:%M:%S", "%m/%d/%Y %H:%M:%S",
                 "%d/%m/%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%Y-%m-%d %H:%M", "%m/%d/%y %H:%M", "%d/%m/%y %H:%M")
_USER_STYLE = {"%d": "dd", "%m": "mm", "%Y": "yyyy", "%y": "yy", "%H": "hh", "%M": "mm", "%S": "ss"}
_COMMA_NUMBER = re.compile(r"^[+-]?\d+,\d+$")


def user_style(strf: str) -> str:
    """``%d.%m.%Y %H:%M:%S`` -> ``dd.mm.yyyy hh:mm:ss`` (what a technician reads in the manual)."""
    return re.sub(r"%[dmYyHMS]", lambda m: _USER_STYLE[m.group(0)], strf)


def pick_delimiter(lines: list[str]) -> str | None:
    """The delimiter that splits most lines into the same number (>= 3) of fields."""
    best, best_score = None, 0.0
    for d in DELIMITER_CHOICES:
        counts = Counter(line.count(d) for line in lines)
        common, n = counts.most_common(1)[0]
        if common < 2:
            continue
        score = n / len(lines) + common / 1000
        if score > best_score:
            best, best_score = d, score
    return best


def is_unit(token: str) -> bool:
    if not token.strip() or token.strip().replace(".", "", 1).isdigit():
        return False
    try:
        lookup_unit(token, "water")
        return True
    except UnitError:
        return False


def is_value(token: str, rules: ValueRules) -> bool:
    return parse_value(token, "x", "", rules).flag in ("", "over", "under", "missing", "error") and \
        token.strip() not in ("",)


def clock_format(tokens: list[str]) -> str | None:
    """The first clock layout every token fits, day-first or month-first told apart by values > 12."""
    fits = []
    for fmt in CLOCK_FORMATS:
        try:
            for t in tokens:
                datetime.strptime(t.strip(), fmt)
        except ValueError:
            continue
        fits.append(fmt)
    return fits[0] if fits else None


@dataclass
class Column:
    index: int
    kind: str            # empty, clock, value, unit, label, text
    tokens: list[str]
    clock: str | None = None


def classify(rows: list[list[str]], rules: ValueRules) -> list[Column]:
    n = max(len(r) for r in rows)
    cols = []
    for i in range(n):
        tokens = [r[i] for r in rows if i < len(r)]
        stripped = [t.strip() for t in tokens]
        clock = clock_format(stripped) if all(stripped) else None
        if not any(stripped):
            kind = "empty"
        elif clock:
            kind = "clock"
        elif all(is_value(t, rules) for t in stripped) and any(parse_value(t, "x", "", rules).value is not None
                                                               for t in stripped):
            kind = "value"
        elif all(is_unit(t) for t in stripped):
            kind = "unit"
        elif all(resolve_id(t) for t in stripped):
            kind = "label"
        else:
            kind = "text"
        cols.append(Column(i, kind, tokens, clock))
    return cols


def uses_decimal_comma(lines: list[str], delimiter: str | None) -> bool:
    if delimiter == ",":
        return False
    parts = [p.strip() for line in lines for p in (line.split(delimiter) if delimiter else line.split())]
    return sum(1 for p in parts if _COMMA_NUMBER.match(p)) >= max(1, len(lines) // 2)


@dataclass
class GroupShape:
    start: int
    size: int
    count: int
    value: int
    unit: int | None
    label: int | None

    @property
    def end(self) -> int:
        return self.start + self.size * self.count


def _tag(kind: str) -> bool:
    return kind in ("unit", "label", "text")


def _fits(kinds: list[str], at: int, size: int) -> int | None:
    """Position of the value inside a group of ``size`` starting at ``at``, if it looks like one."""
    chunk = kinds[at: at + size]
    if len(chunk) < size or chunk.count("value") != 1:
        return None
    if not all(k == "value" or _tag(k) for k in chunk) or not any(k in ("unit", "label") for k in chunk):
        return None
    return chunk.index("value")


def find_groups(cols: list[Column]) -> GroupShape | None:
    """The longest run of repeating (value, unit[, label]) groups."""
    kinds = [c.kind for c in cols]
    best: GroupShape | None = None
    for size in (3, 2):
        for start in range(len(kinds)):
            vpos = _fits(kinds, start, size)
            if vpos is None:
                continue
            count, at = 0, start
            while _fits(kinds, at, size) == vpos:
                count, at = count + 1, at + size
            if count < 2:
                continue
            shape = _roles(cols, start, size, count, vpos)
            if best is None or _rank(shape, kinds) > _rank(best, kinds):
                best = shape
    return best


def _rank(g: "GroupShape", kinds: list[str]) -> tuple:
    """Most columns covered; then fewest free-text columns inside the groups (a sample ID is not a
    label); then value-first groups (value, unit), as meters print them."""
    inside = kinds[g.start: g.end]
    return g.count * g.size, -inside.count("text"), g.value == 0


def _roles(cols: list[Column], start: int, size: int, count: int, vpos: int) -> GroupShape:
    """Which of the non-value positions holds the unit and which the label."""
    others = [p for p in range(size) if p != vpos]
    unit_like = [p for p in others
                 if all(cols[start + g * size + p].kind == "unit" for g in range(count))]
    unit = unit_like[0] if unit_like else None
    rest = [p for p in others if p != unit]
    label = rest[0] if rest else None
    return GroupShape(start, size, count, vpos, unit, label)


_HEADER_UNIT = re.compile(r"^\s*(?P<name>[^(\[]+?)\s*[(\[](?P<unit>[^)\]]+)[)\]]\s*$")


def header_name(token: str) -> tuple[str, str]:
    """``VOC(ppm)`` -> ('VOC', 'ppm'); ``Temp [°C]`` -> ('Temp', '°C'); ``pH`` -> ('pH', '')."""
    m = _HEADER_UNIT.match(token)
    return (m.group("name").strip(), m.group("unit").strip()) if m else (token.strip(), "")
