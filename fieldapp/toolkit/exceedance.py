"""Exceedance of a measurement against the applicable standard (pure functions, no database, no Qt).

Chinese monitoring reports state exceedance as a multiple (C - L) / L ("超标1.4倍" for 0.012 mg/L
against 0.005). Non-detects and "<LOD" never raise an alarm. pH is judged against a range.
Units are converted to mg/L before any comparison.

Standards (``STANDARDS``):
  GB3838-I .. GB3838-V  surface water class. Table 1 items use the class value. Table 2/3 items only have
                        one value, defined for drinking-water source areas: it is still applied (so a
                        thallium plume is never shown "ok" for want of a class value) but the Limit says
                        ``reference_only=True`` and the UI labels it as a source-area value.
  GB3838-source         centralized drinking-water source area (取水口 etc.): Table 2/3 single values, and
                        for Table 1 items the class III value (the minimum class for source protection
                        zones; also the intake-shutdown trigger used in practice, e.g. phenol 0.005).
  GB5749                drinking water (finished water / tap).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from .data import Toolkit, load_toolkit

GB3838_CLASS_STANDARDS = tuple(f"GB3838-{c}" for c in ("I", "II", "III", "IV", "V"))
STANDARDS = GB3838_CLASS_STANDARDS + ("GB3838-source", "GB5749")
DEFAULT_STANDARD = "GB3838-III"
SOURCE_AREA_CLASS = "III"
STATUSES = ("ok", "exceeded", "not_detected", "below_lod", "indeterminate", "no_limit", "unknown_parameter")

# Sampling-point roles that change the applicable standard. Anything else keeps the incident default.
ROLE_STANDARD = {
    "water_intake": "GB3838-source",
    "drinking_water_source": "GB3838-source",
    "intake": "GB3838-source",
    "取水口": "GB3838-source",
    "水源地": "GB3838-source",
    "finished_water": "GB5749",
    "tap_water": "GB5749",
    "waterworks_outlet": "GB5749",
    "出厂水": "GB5749",
    "末梢水": "GB5749",
}

# Unit -> (numerator, denominator) factor to mg/L. Fractions, so 12 µg/L becomes exactly 12/1000.
_UNITS = {
    "mg/l": (1, 1),
    "ppm": (1, 1),
    "g/m3": (1, 1),
    "mg/dm3": (1, 1),
    "毫克/升": (1, 1),
    "ug/l": (1, 1000),
    "ppb": (1, 1000),
    "mg/m3": (1, 1000),
    "微克/升": (1, 1000),
    "ng/l": (1, 1_000_000),
    "纳克/升": (1, 1_000_000),
    "g/l": (1000, 1),
    "克/升": (1000, 1),
}
_PH_UNITS = {"", "-", "ph", "无量纲", "dimensionless", "none", "phunits", "ph单位"}
_BELOW = {"<", "<=", "≤", "<lod", "<dl", "<mdl", "<rl", "l", "bdl", "lod", "低于检出限"}
_NOT_DETECTED = {"nd", "n.d.", "未检出", "notdetected", "none detected"}
_ABOVE = {">", ">=", "≥"}
_READING = re.compile(r"^(<=|>=|<|>|≤|≥)?\s*([0-9]*\.?[0-9]+(?:e[+-]?\d+)?)\s*(l)?$")


class MeasurementError(ValueError):
    """A value/unit/qualifier/standard that cannot be assessed; ``field`` names which input."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field


@dataclass(frozen=True)
class Limit:
    standard: str
    value: float | None  # upper limit in mg/L (None for a pH range)
    low: float | None = None  # pH range
    high: float | None = None
    basis: str = "class"  # class | source_area | drinking_water | reference | ph_range
    reference_only: bool = False  # GB 3838 Table 2/3 source-area value used outside a source area
    table: str = ""
    source: str = ""
    confidence: str = ""

    @property
    def is_range(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class Assessment:
    parameter: str
    pollutant_id: str | None
    standard: str
    status: str
    value: float | None = None  # mg/L (or pH units) after conversion; the LOD for "<" readings
    qualifier: str = ""  # "", "below_lod", "not_detected", "above"
    limit: Limit | None = None
    multiple: float | None = None  # (C - L) / L when exceeded, else None
    ratio: float | None = None  # C / L, for colour grading
    direction: str | None = None  # pH: "low" / "high"
    lod_above_limit: bool = False  # "<LOD" reading whose LOD is above the limit: compliance unknown

    @property
    def alarm(self) -> bool:
        return self.status == "exceeded"


def normalize_unit(unit: str | None) -> str:
    text = unicodedata.normalize("NFKC", unit or "").casefold().replace("μ", "u").replace("µ", "u")
    text = re.sub(r"[(（].*?[)）]", "", text)  # "mg/L (as N)", "mg/L（以N计）"
    return "".join(text.split())


def to_mg_per_l(value: float, unit: str | None) -> float:
    """Convert a concentration to mg/L; unknown units raise MeasurementError (never guessed)."""
    key = normalize_unit(unit)
    if key not in _UNITS:
        raise MeasurementError("unit", f"unknown concentration unit {unit!r} (use mg/L, µg/L, ng/L, g/L)")
    num, den = _UNITS[key]
    return value * num / den


def parse_reading(value, qualifier: str | None = None) -> tuple[str, float | None]:
    """(qualifier, number) from a value and an optional qualifier.

    Accepts "<0.001", "0.001L" (Chinese report notation for below the detection limit 0.001), "ND",
    "未检出", 0.02, or (0.001, "<")."""
    qual = (qualifier or "").strip().casefold()
    if qual in ("", "="):
        qual = ""
    elif qual in _BELOW:
        qual = "below_lod"
    elif qual in _NOT_DETECTED:
        qual = "not_detected"
    elif qual in _ABOVE:
        qual = "above"
    else:
        raise MeasurementError("qualifier", f"unknown qualifier {qualifier!r}")
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip().casefold()
        if text in _NOT_DETECTED:
            return "not_detected", None
        m = _READING.match(text)
        if not m:
            raise MeasurementError("value", f"cannot read a number from {value!r}")
        sign, number, trailing_l = m.groups()
        if sign in ("<", "<=", "≤") or trailing_l:
            qual = "below_lod"
        elif sign in (">", ">=", "≥"):
            qual = "above"
        value = float(number)
    if value is None:
        if qual == "not_detected":
            return qual, None
        raise MeasurementError("value", "a number is required unless the qualifier is ND")
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise MeasurementError("value", f"not a finite number: {value!r}")
    if value < 0:
        raise MeasurementError("value", f"a measured value cannot be negative: {value!r}")
    return qual, float(value)


def check_standard(standard: str) -> str:
    if standard not in STANDARDS:
        raise MeasurementError("standard", f"unknown standard {standard!r}; choose one of {STANDARDS}")
    return standard


def choose_standard(incident_default: str | None, point_role: str | None = None) -> str:
    """Standard for one sampling point: its role wins (intake -> source area, tap -> GB 5749), otherwise
    the incident's own choice, otherwise GB 3838 class III."""
    role_std = ROLE_STANDARD.get((point_role or "").strip().casefold()) or ROLE_STANDARD.get(point_role or "")
    return check_standard(role_std or incident_default or DEFAULT_STANDARD)


def limit_for(entry: dict, standard: str) -> Limit | None:
    """The limit of one toolkit entry under ``standard`` (None if that standard sets none)."""
    check_standard(standard)
    if standard == "GB5749":
        lim = entry["limits"].get("gb5749")
        if not lim:
            return None
        common = dict(
            standard=standard, table=lim["table"], source=lim["source"], confidence=lim["confidence"]
        )
        if "range" in lim:
            return Limit(value=None, low=lim["range"][0], high=lim["range"][1], basis="ph_range", **common)
        basis = "reference" if lim["table"] == "annex_a" else "drinking_water"
        return Limit(value=float(lim["value"]), basis=basis, **common)
    lim = entry["limits"]["gb3838"]
    common = dict(standard=standard, table=lim["table"], source=lim["source"], confidence=lim["confidence"])
    if "range" in lim:
        return Limit(value=None, low=lim["range"][0], high=lim["range"][1], basis="ph_range", **common)
    if "source_area" in lim:
        return Limit(
            value=float(lim["source_area"]),
            basis="source_area",
            reference_only=standard != "GB3838-source",
            **common,
        )
    cls = SOURCE_AREA_CLASS if standard == "GB3838-source" else standard.split("-", 1)[1]
    return Limit(value=float(lim["classes"][cls]), basis="class", **common)


def assess(
    parameter: str,
    value,
    unit: str | None,
    qualifier: str | None = None,
    standard: str = DEFAULT_STANDARD,
    toolkit: Toolkit | None = None,
) -> Assessment:
    """Assess one measurement. ``parameter`` may be any name, synonym, CAS or formula of a toolkit entry."""
    check_standard(standard)
    toolkit = toolkit or load_toolkit()
    entry = toolkit.resolve(parameter or "")
    qual, number = parse_reading(value, qualifier)
    base = dict(parameter=parameter, standard=standard, qualifier=qual)
    if entry is None:
        return Assessment(pollutant_id=None, status="unknown_parameter", value=number, **base)
    limit = limit_for(entry, standard)
    is_ph = limit is not None and limit.is_range
    if number is not None:
        if is_ph:
            if normalize_unit(unit) not in _PH_UNITS:
                raise MeasurementError("unit", f"pH is dimensionless; got unit {unit!r}")
            if number > 14:
                raise MeasurementError("value", f"pH must be between 0 and 14, got {number}")
        else:
            number = to_mg_per_l(number, unit)
    base.update(pollutant_id=entry["id"], value=number, limit=limit)
    if qual == "not_detected":
        return Assessment(status="not_detected", **base)
    if limit is None:
        return Assessment(status="no_limit", **base)
    if qual == "below_lod":
        # "<LOD" is not a measurement: never an alarm, but flag LODs too high to show compliance.
        above = (not is_ph) and number > limit.value
        return Assessment(status="below_lod", lod_above_limit=above, **base)
    if is_ph:
        direction = "low" if number < limit.low else "high" if number > limit.high else None
        return Assessment(status="exceeded" if direction else "ok", direction=direction, **base)
    ratio = number / limit.value
    exceeded = number > limit.value * (1 + 1e-12)  # tolerance: 0.005 converted from 5 µg/L is not over
    if qual == "above" and not exceeded:
        return Assessment(status="indeterminate", ratio=ratio, **base)
    return Assessment(
        status="exceeded" if exceeded else "ok",
        ratio=ratio,
        multiple=(number - limit.value) / limit.value if exceeded else None,
        **base,
    )


def format_multiple(multiple: float | None, lang: str = "zh") -> str:
    """ "超标1.4倍" / "1.4 times over the limit", two decimals at most, as reports write it."""
    if multiple is None:
        return ""
    text = f"{multiple:.2f}".rstrip("0").rstrip(".")
    return f"超标{text}倍" if lang == "zh" else f"{text} times over the limit"


def assess_measurement(measurement: dict, standard: str, toolkit: Toolkit | None = None) -> Assessment:
    """Assess a stored measurement row (keys parameter, value, unit, qualifier as in the store's
    ``measurements`` table: qualifier '', '<', '>' or 'ND'; value NULL for ND)."""
    return assess(
        measurement["parameter"],
        measurement.get("value"),
        measurement.get("unit"),
        measurement.get("qualifier") or None,
        standard,
        toolkit,
    )


def standard_for_point(incident: dict | None, point: dict | None) -> str:
    """Standard for a sampling point row, from the incident row's ``standard`` and the point's ``role``."""
    return choose_standard((incident or {}).get("standard"), (point or {}).get("role"))
