"""Reading what was typed or sent as a value: a number, a bound ("<0.001", ">10"), a non-detect.

The store keeps the qualifier as one of QUALIFIERS: '' (a measured value), '<' (below the stated
bound: for a concentration the detection limit), '>' (above the stated bound: over range) or 'ND'
(not detected, no number). Chinese lab reports also write "0.001L" for "below the detection limit
0.001"; "未检出", "n.d." and "<LOD" are common too.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .errors import VocabError

QUALIFIERS = ("", "<", ">", "ND")
QUALIFIER_WORDS = {"": ("实测值", "measured"), "<": ("小于（检出限）", "below (detection limit)"),
                   ">": ("大于（超量程）", "above (over range)"), "ND": ("未检出", "not detected")}

_ND_WORDS = {"nd", "n.d.", "n.d", "未检出", "notdetected", "nondetect", "none detected", "bdl"}
_BELOW = {"<", "<=", "≤", "<lod", "<dl", "<mdl", "l"}
_ABOVE = {">", ">=", "≥"}
_PLAIN = re.compile(r"\d+(?:\.\d+)?\Z")
_NUMBER = re.compile(r"^([<>]=?|≤|≥)?\s*([+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:e[+-]?\d+)?)\s*(l)?$")


class ValueTextError(VocabError):
    """The value could not be read; ``field`` says which input ('value' or 'qualifier')."""


@dataclass(frozen=True)
class Reading:
    qualifier: str            # '', '<', '>', 'ND'
    number: Decimal | None    # None only for ND
    text: str                 # as typed, trimmed


def parse_qualifier(text: str | None) -> str:
    q = (text or "").strip().casefold()
    if q in ("", "="):
        return ""
    if q in _BELOW:
        return "<"
    if q in _ABOVE:
        return ">"
    if q in _ND_WORDS:
        return "ND"
    raise ValueTextError("qualifier", f"qualifier '{text}' must be <, > or ND",
                         f"限定符“{text}”只能是 <、> 或 ND")


def parse_reading(value, qualifier: str | None = None) -> Reading:
    """'0.012' -> ('', 0.012); '<0.001' and '0.001L' -> ('<', 0.001); 'ND' -> ('ND', None).

    A separate ``qualifier`` ('<', '>', 'ND', '<LOD' …) applies to a plain number. Decimal commas
    ("0,012") are read as decimal points. Numbers stay Decimal so the typed digits are kept exactly."""
    if not qualifier and type(value) is str and _PLAIN.match(value):
        return Reading("", Decimal(value), value)       # the common case, ~10x cheaper
    qual = parse_qualifier(qualifier)
    if isinstance(value, bool):
        raise ValueTextError("value", f"not a number: {value!r}", f"不是数字：{value!r}")
    if isinstance(value, (int, float)):
        text = repr(value)
        number = _decimal(text, text)
    else:
        text = unicodedata.normalize("NFKC", str(value if value is not None else "")).strip()
        folded = text.casefold()
        if not text:
            if qual == "ND":
                return Reading("ND", None, "")
            raise ValueTextError("value", "a value is required (type ND for not detected)",
                                 "请填写测值（未检出请填 ND）")
        if folded in _ND_WORDS:
            return Reading("ND", None, text)
        m = _NUMBER.match(folded)
        if not m:
            raise ValueTextError("value", f"value '{value}' is not a number (examples: 0.012, <0.001, ND)",
                                 f"测值“{value}”不是数字（例如 0.012、<0.001、ND）")
        sign, digits, trailing_l = m.groups()
        number = _decimal(digits.replace(",", "."), text)
        if sign in ("<", "<=", "≤") or trailing_l:
            qual = "<"
        elif sign in (">", ">=", "≥"):
            qual = ">"
    if qual == "ND":
        return Reading("ND", None, text)
    return Reading(qual, number, text)


def _decimal(digits: str, original: str) -> Decimal:
    try:
        d = Decimal(digits)
    except InvalidOperation:
        raise ValueTextError("value", f"value '{original}' is not a number", f"测值“{original}”不是数字") from None
    if not d.is_finite():
        raise ValueTextError("value", f"value '{original}' is not a finite number",
                             f"测值“{original}”不是有限数值")
    return d


def significant_digits(text: str | None) -> int | None:
    """How many significant figures the typed number carries ('0.0120' -> 3, '12' -> 2), or None."""
    m = re.search(r"(\d+(?:[.,]\d*)?|[.,]\d+)(?:e[+-]?\d+)?", (text or "").casefold())
    if not m:
        return None
    digits = m.group(1).replace(",", ".").replace(".", "").lstrip("0")
    return max(1, len(digits)) if digits else 1
