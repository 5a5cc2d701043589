"""Turning a device's value token into a Reading without ever dropping it.

Meters print placeholders instead of numbers: ``----`` (no reading yet), ``OVER`` / ``OR``
(over range), ``<0.01`` (below detection), ``ERR``. These become readings with a qualifier or a
flag and value None (or the bound, for ``<``/``>``), so the record of what the device said is kept.
"""
from __future__ import annotations

import math
import re

from fieldapp.vocab import parse_reading

from .records import Reading

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_FLAG_WORDS = {
    "over": "over", "or": "over", "+over": "over", "ovr": "over", "hi": "over", "high": "over",
    "under": "under", "ur": "under", "-over": "under", "lo": "under", "low": "under",
    "err": "error", "error": "error", "e": "error", "fault": "error", "nan": "error",
    "n/a": "missing", "na": "missing", "": "missing",
}


def parse_value(token: str, parameter: str, unit: str) -> Reading:
    """Classify one token; never raises."""
    text = token.strip()
    low = text.lower()
    if _NUMBER.match(text):
        value = float(text)
        if math.isfinite(value):
            return Reading(parameter, value, unit, text=text)
        return Reading(parameter, None, unit, flag="over", text=text)
    if text[:1] in "<>" and _NUMBER.match(text[1:].strip()):
        # A bound: the one qualifier parser of the vocabulary reads it, as it does for typed values.
        bound = parse_reading(text)
        return Reading(parameter, float(bound.number), unit, qualifier=bound.qualifier, text=text)
    if low in _FLAG_WORDS:
        return Reading(parameter, None, unit, flag=_FLAG_WORDS[low], text=text)
    if set(text) <= set("-*?. "):
        # '----', '--.-', '****': the display shows dashes when no value is available.
        return Reading(parameter, None, unit, flag="missing", text=text)
    return Reading(parameter, None, unit, flag="invalid", text=text)


def float_reading(value: float, parameter: str, unit: str) -> Reading:
    """A reading from a binary float: NaN means a sensor error, infinities over/under range."""
    if math.isnan(value):
        return Reading(parameter, None, unit, flag="error", text="nan")
    if math.isinf(value):
        return Reading(parameter, None, unit, flag="over" if value > 0 else "under", text=repr(value))
    return Reading(parameter, float(value), unit, text=repr(value))
