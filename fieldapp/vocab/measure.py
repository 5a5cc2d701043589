"""From what was typed or sent to what is stored: parameter, qualifier, canonical value and unit.

The same checks run for a typed measurement, an instrument reading turned into a measurement, a
lab import and an incoming sync record: a unit must fit the parameter and the point's medium (Cd in
m/s, pH in mg/L and mg/L at an air point are refused with a message naming both); a parameter that is
not usually measured in that medium gives a warning to confirm before saving.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from .errors import VocabError
from .parameters import Parameter, load_vocabulary
from .qualifiers import parse_reading
from .roles import MEDIA, medium_label
from .units import (
    ACCEPTED,
    AIR_CONDITIONS,
    CONC_CANONICAL,
    SUGGESTED,
    Unit,
    concentration_quantity,
    is_dimensionless,
    lookup,
    quantity_label,
    to_canonical,
)

_CONC = ("conc_water", "conc_air", "conc_solid")
_QUANTITY_UNIT = {"ph": "ph", "temperature": "temperature", "conductivity": "conductivity",
                  "potential": "potential", "turbidity": "turbidity", "percent": "percent",
                  "salinity": "salinity", "lel": "lel", "vol_fraction": "vol_fraction",
                  "velocity": "velocity", "flow": "flow", "count": "count_water"}


@dataclass(frozen=True)
class Warning_:
    code: str
    en: str
    zh: str

    def text(self, lang: str = "zh") -> str:
        return self.en if lang.startswith("en") else self.zh


@dataclass(frozen=True)
class Normalised:
    parameter: Parameter | None
    qualifier: str                # '', '<', '>', 'ND'
    value: float | None           # in ``unit``
    unit: str                     # canonical unit
    value_text: str               # as typed
    unit_text: str                # as typed
    note: str = ""                # how it was converted, when that is worth saying
    warnings: tuple = field(default_factory=tuple)


def _wanted_quantity(parameter: Parameter, medium: str) -> tuple[str, ...]:
    if parameter.quantity == "concentration":
        wanted = (concentration_quantity(medium),)
        return wanted + ("vol_ratio",) if medium == "air" else wanted
    return (_QUANTITY_UNIT[parameter.quantity],)


def _fit_error(parameter: Parameter | None, unit: Unit, unit_text: str, medium: str) -> VocabError | None:
    if parameter is None:
        wrong_medium = unit.quantity in _CONC and unit.quantity != concentration_quantity(medium)
        if unit.quantity == "vol_ratio" and medium != "air":
            wrong_medium = True
        if not wrong_medium:
            return None
        wanted = SUGGESTED[concentration_quantity(medium)]
        return VocabError(
            "unit", f"unit {unit_text} is a {quantity_label(unit.quantity, 'en')}, but this point is "
            f"{medium_label(medium, 'en').lower()}: use {wanted}",
            f"单位{unit_text}是{quantity_label(unit.quantity)}，而该点位是{medium_label(medium)}：请用 {wanted}")
    wanted = _wanted_quantity(parameter, medium)
    if unit.quantity in wanted:
        return None
    use = SUGGESTED.get(wanted[0], wanted[0])
    if parameter.quantity == "concentration" and unit.quantity in _CONC + ("vol_ratio",):
        return VocabError(
            "unit", f"unit {unit_text} is a {quantity_label(unit.quantity, 'en')}, but this point is "
            f"{medium_label(medium, 'en').lower()}: for {parameter.name('en')} here use {use}",
            f"单位{unit_text}是{quantity_label(unit.quantity)}，而该点位是{medium_label(medium)}："
            f"{parameter.name()}请用 {use}")
    return VocabError(
        "unit", f"unit {unit_text} ({quantity_label(unit.quantity, 'en')}) does not fit "
        f"{parameter.name('en')} ({quantity_label(wanted[0], 'en')}): use {use}",
        f"单位{unit_text}（{quantity_label(unit.quantity)}）与{parameter.name()}"
        f"（{quantity_label(wanted[0])}）不符：请用 {use}")


def _check_value(parameter: Parameter | None, unit: Unit, number: Decimal, text: str) -> None:
    if number < 0 and not unit.negative_ok:
        name = parameter.name("en") if parameter else "the value"
        raise VocabError("value", f"{name}: a value in {unit.symbol} cannot be negative ({text})",
                         f"{parameter.name() if parameter else '测值'}：{unit.symbol}的值不能为负（{text}）")
    if unit.quantity == "ph" and not 0 <= number <= 14:
        raise VocabError("value", f"pH {text} is outside 0–14", f"pH {text} 超出0–14范围")
    if unit.quantity in ("lel", "vol_fraction") and number > 100:
        raise VocabError("value", f"{text} {unit.symbol} is over 100", f"{text} {unit.symbol} 超过100")


def units_for(parameter: Parameter | None, medium: str = "water") -> list[str]:
    """Units that fit a parameter at a point of ``medium`` (all known units for an unknown one), the
    canonical unit first: what the measurement dialog offers."""
    out = []
    for symbol in ACCEPTED:
        try:
            unit = lookup(symbol, medium)
        except VocabError:
            continue
        if _fit_error(parameter, unit, symbol, medium) is None:
            out.append(symbol)
    if parameter is not None and parameter.quantity == "concentration":
        first = CONC_CANONICAL.get(medium, "mg/L")
        out.sort(key=lambda u: u != first)
    return out


def medium_warnings(parameter: Parameter | None, medium: str) -> tuple:
    if parameter is None or medium in parameter.media:
        return ()
    usual = ", ".join(medium_label(m, "en").lower() for m in parameter.media)
    usual_zh = "、".join(medium_label(m) for m in parameter.media)
    return (Warning_("medium", f"{parameter.name('en')} is measured in {usual}, but this point is "
                               f"{medium_label(medium, 'en').lower()}: check the point or the parameter",
                     f"{parameter.name()}通常在{usual_zh}中测定，而该点位是{medium_label(medium)}："
                     "请核对点位或项目"),)


@dataclass(frozen=True)
class _Spec:
    """Everything about a (parameter text, unit, medium) that does not depend on the value: resolved
    once and cached, so a bulk write pays the vocabulary lookups per spelling, not per row."""
    parameter: Parameter | None
    unit: Unit
    unit_text: str
    canonical: str
    factor: Decimal                 # value in the typed unit × factor = value in the canonical unit
    note: str
    warnings: tuple


@lru_cache(maxsize=4096)
def _spec(text: str, unit: str | None, medium: str, parameter_id: str | None) -> _Spec | VocabError:
    if medium not in MEDIA:
        return VocabError("medium", f"unknown medium {medium!r} (one of {', '.join(MEDIA)})", f"未知介质“{medium}”")
    vocab = load_vocabulary()
    parameter = vocab.get(parameter_id) if parameter_id else vocab.resolve(text, medium)
    unit_text = (unit or "").strip()
    try:
        if parameter is not None and parameter.quantity == "ph" and is_dimensionless(unit_text):
            unit_text, u = unit_text or "pH", lookup("pH", medium)
        else:
            u = lookup(unit_text, medium)
    except VocabError as exc:
        return exc
    problem = _fit_error(parameter, u, unit_text, medium)
    if problem is not None:
        return problem
    molar = parameter.molar_mass if parameter else None
    one, canonical = to_canonical(Decimal(1), u, molar)
    note = ""
    if u.quantity == "vol_ratio" and canonical == "mg/m³":
        note = f"{unit_text} → mg/m³ at {AIR_CONDITIONS[1]} (M = {molar} g/mol)"
    return _Spec(parameter, u, unit_text, canonical, one, note, medium_warnings(parameter, medium))


def normalise_measurement(text: str, value, unit: str | None, qualifier: str | None = None, *,
                          medium: str = "water", parameter: Parameter | None = None) -> Normalised:
    """Validate and normalise one value; raises VocabError (field + both languages) on bad input.
    ``parameter`` overrides resolving ``text`` (e.g. a parameter id chosen from a list)."""
    spec = _spec(text, unit, medium, parameter.id if parameter is not None else None)
    if isinstance(spec, VocabError):
        raise spec
    reading = parse_reading(value, qualifier)
    if reading.number is None:
        number = None
    else:
        _check_value(spec.parameter, spec.unit, reading.number, reading.text)
        number = float(reading.number * spec.factor)
    return Normalised(spec.parameter, reading.qualifier, number, spec.canonical, reading.text or str(value),
                      spec.unit_text, spec.note, spec.warnings)


def unit_fits(parameter: Parameter | None, unit_text: str, medium: str | None = None) -> bool:
    """True when ``unit_text`` is a known unit that fits ``parameter`` (in its usual medium, or
    ``medium``): what an instrument profile checks before taking a channel's mapping."""
    medium = medium or (parameter.media[0] if parameter is not None and parameter.media else "water")
    try:
        unit = lookup(unit_text, medium)
    except VocabError:
        return False
    return _fit_error(parameter, unit, unit_text, medium) is None


# A gas detector prints a bare "%" for % of the LEL or % by volume: which one follows from the gas.
_BARE_PERCENT = ("%LEL", "%vol")


def fitting_unit(parameter: Parameter | None, unit_text: str, medium: str | None = None) -> str:
    """The vocabulary's symbol for ``unit_text`` as a unit of ``parameter`` ('' when it does not fit);
    a bare '%' on a combustible-gas or oxygen channel reads as %LEL or %vol."""
    medium = medium or (parameter.media[0] if parameter is not None and parameter.media else "water")
    for candidate in (unit_text, *_BARE_PERCENT) if unit_text.strip() == "%" else (unit_text,):
        if unit_fits(parameter, candidate, medium):
            return lookup(candidate, medium).symbol
    return ""
