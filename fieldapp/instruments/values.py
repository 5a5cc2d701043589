"""Turning a device's value token into a Reading without ever dropping it, in the right unit.

Meters print placeholders instead of numbers: ``----`` (no reading yet), ``OVER`` / ``OFL``
(over range), ``UFL`` (under range), ``<0.01`` (below detection), ``ERR``. These become readings
with a qualifier or a flag and value None (or the bound, for ``<``/``>``), so the record of what
the device said is kept. A profile may add its own over/under tokens and read decimal commas.

Units: the unit the device sends always wins. It is looked up in the one vocabulary
(``fieldapp.vocab.units``) and the value converted exactly (Decimal factors) into the canonical
unit, so an auto-ranged ``34.3 mS/cm`` is stored as 34300 µS/cm with ``unit_orig`` 'mS/cm'. The
profile's unit is what it expects: it is used only when the device sends none.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from fieldapp.vocab import UnitError, lookup_unit, parse_reading

from .records import Reading

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_COMMA_NUMBER = re.compile(r"^[+-]?\d+,\d+([eE][+-]?\d+)?$")
OVER_WORDS = frozenset({"over", "or", "+over", "ovr", "hi", "high", "ofl", "overflow", "over range",
                        "overrange", "o-r", "+ofl"})
UNDER_WORDS = frozenset({"under", "ur", "-over", "lo", "low", "ufl", "underflow", "under range",
                         "underrange", "-ofl"})
_FLAG_WORDS = {"err": "error", "error": "error", "e": "error", "fault": "error", "nan": "error",
               "n/a": "missing", "na": "missing", "": "missing"}


@dataclass(frozen=True)
class ValueRules:
    """How a profile's devices write numbers: decimal comma, extra over/under-range words."""

    decimal_comma: bool = False
    over: frozenset = field(default_factory=frozenset)
    under: frozenset = field(default_factory=frozenset)

    @classmethod
    def from_record(cls, rec: dict) -> "ValueRules":
        return cls(bool(rec.get("decimal_comma", False)),
                   frozenset(t.strip().lower() for t in rec.get("over_range", [])),
                   frozenset(t.strip().lower() for t in rec.get("under_range", [])))


PLAIN = ValueRules()


def parse_value(token: str, parameter: str, unit: str, rules: ValueRules = PLAIN) -> Reading:
    """Classify one token; never raises. ``unit`` is set as given (see ``apply_unit``)."""
    text = token.strip()
    low = text.lower()
    number = text
    if rules.decimal_comma and _COMMA_NUMBER.match(text):
        number = text.replace(",", ".")
    if _NUMBER.match(number):
        value = float(number)
        if math.isfinite(value):
            return Reading(parameter, value, unit, text=text)
        return Reading(parameter, None, unit, flag="over", text=text)
    bound_text = number if number[:1] in "<>" else ""
    if bound_text and rules.decimal_comma:
        bound_text = bound_text[0] + bound_text[1:].replace(",", ".")
    if bound_text and _NUMBER.match(bound_text[1:].strip()):
        # A bound: the one qualifier parser of the vocabulary reads it, as it does for typed values.
        bound = parse_reading(bound_text)
        return Reading(parameter, float(bound.number), unit, qualifier=bound.qualifier, text=text)
    if low in OVER_WORDS or low in rules.over:
        return Reading(parameter, None, unit, flag="over", text=text)
    if low in UNDER_WORDS or low in rules.under:
        return Reading(parameter, None, unit, flag="under", text=text)
    if low in _FLAG_WORDS:
        return Reading(parameter, None, unit, flag=_FLAG_WORDS[low], text=text)
    if set(text) <= set("-*?. "):
        # '----', '--.-', '****': the display shows dashes when no value is available.
        return Reading(parameter, None, unit, flag="missing", text=text)
    return Reading(parameter, None, unit, flag="invalid", text=text)


def apply_unit(reading: Reading, sent: str, expected: str = "", medium: str = "water") -> str:
    """Put ``reading`` into the canonical unit of what the device sent (or, if it sent none, of
    ``expected``). Returns a note when the unit is unknown to the vocabulary ('' otherwise)."""
    sent = (sent or "").strip()
    reading.unit_orig = sent
    use = sent or (expected or "").strip()
    if not use:
        reading.unit = ""
        return ""
    unit = _unit(use, medium)
    if unit is None:
        reading.unit = use
        return f"{reading.channel}: unit {use!r} is not one FieldApp knows; value kept as sent"
    if reading.value is not None and unit.factor != 1:
        reading.value = float(Decimal(repr(reading.value)) * unit.factor)
    reading.unit = unit.canonical
    return ""


@lru_cache(maxsize=4096)
def _unit(text: str, medium: str):
    """The vocabulary's Unit for a spelling, or None (cached: this runs for every value of every line)."""
    try:
        return lookup_unit(text, medium)
    except UnitError:
        return None


def float_reading(value: float, parameter: str, unit: str) -> Reading:
    """A reading from a binary float: NaN means a sensor error, infinities over/under range."""
    if math.isnan(value):
        return Reading(parameter, None, unit, flag="error", text="nan")
    if math.isinf(value):
        return Reading(parameter, None, unit, flag="over" if value > 0 else "under", text=repr(value))
    return Reading(parameter, float(value), unit, text=repr(value))
