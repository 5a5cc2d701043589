"""Units: every spelling people and instruments use, what quantity each measures, and conversion to
the one canonical unit per quantity and medium (water mg/L, air mg/m³, soil and sediment mg/kg).

This is the only unit table in FieldApp. Conversions use Decimal factors so that 12 µg/L is stored as
exactly 0.012 mg/L (no float noise such as 2.2329999999999998e-05 reaching an export).

ppm and ppb are ratios whose meaning depends on the medium: by mass in water (≈ mg/L, µg/L for
dilute solutions) and in soil (mg/kg), by VOLUME in air (gas detectors). Air volume ratios become
mg/m³ with the gas's molar mass at 25 °C and 101.325 kPa (molar volume 24.45 L/mol):
mg/m³ = ppm × M / 24.45. Without a molar mass they stay ppm and are never compared with a limit.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from .errors import VocabError

MOLAR_VOLUME_L = Decimal("24.45")  # L/mol at 25 °C, 101.325 kPa
AIR_CONDITIONS = ("25 ℃、101.325 kPa", "25 °C, 101.325 kPa")

# Canonical concentration unit of each medium.
CONC_CANONICAL = {"water": "mg/L", "air": "mg/m³", "soil": "mg/kg", "sediment": "mg/kg"}
_CONC_QUANTITY = {"water": "conc_water", "air": "conc_air", "soil": "conc_solid", "sediment": "conc_solid"}


class UnitError(VocabError):
    """A unit that is unknown or does not fit. The message says what to type instead."""

    def __init__(self, message: str, zh: str = ""):
        super().__init__("unit", message, zh)


@dataclass(frozen=True)
class Unit:
    symbol: str        # how it is shown ("µg/L")
    quantity: str      # conc_water, conc_air, conc_solid, vol_ratio, ph, temperature, conductivity, ...
    canonical: str     # the canonical unit of that quantity
    factor: Decimal    # value in this unit × factor = value in the canonical unit
    negative_ok: bool = False


# quantity -> (canonical symbol, zh name, en name)
QUANTITIES = {
    "conc_water": ("mg/L", "水中浓度", "concentration in water"),
    "conc_air": ("mg/m³", "空气中浓度", "concentration in air"),
    "conc_solid": ("mg/kg", "土壤/底泥含量", "content in soil or sediment"),
    "vol_ratio": ("ppm", "体积比浓度", "volume ratio"),
    "ph": ("pH", "无量纲", "dimensionless"),
    "temperature": ("°C", "温度", "temperature"),
    "conductivity": ("µS/cm", "电导率", "conductivity"),
    "potential": ("mV", "电位", "potential"),
    "turbidity": ("NTU", "浊度", "turbidity"),
    "percent": ("%", "百分比", "percentage"),
    "lel": ("%LEL", "爆炸下限百分比", "% of the lower explosive limit"),
    "vol_fraction": ("%vol", "体积分数", "volume fraction"),
    "salinity": ("PSU", "盐度", "salinity"),
    "length": ("m", "长度", "length"),
    "velocity": ("m/s", "流速", "velocity"),
    "flow": ("m³/s", "流量", "flow"),
    "count_water": ("个/L", "个数浓度", "count per litre"),
}

_TABLE: dict[str, Unit] = {}
_MICRO = ("µ", "μ", "u", "微")


def _d(text: str) -> Decimal:
    return Decimal(text)


def _add(spellings, symbol: str, quantity: str, factor: str = "1", negative_ok: bool = False) -> None:
    unit = Unit(symbol, quantity, QUANTITIES[quantity][0], _d(factor), negative_ok)
    for s in spellings:
        _TABLE[unit_key(s)] = unit


def unit_key(text: str | None) -> str:
    """Comparison key: NFKC (³ -> 3, full-width -> ASCII), micro signs unified, case and blanks
    dropped, a trailing basis such as "(as N)" / "（以N计）" removed."""
    t = unicodedata.normalize("NFKC", text or "").casefold()
    t = t.replace("μ", "u").replace("µ", "u")
    t = re.sub(r"[(（][^)）]*[)）]\s*$", "", t)
    return "".join(t.split())


_add(["mg/L", "mg·L-1", "mg L-1", "mg/dm3", "毫克/升"], "mg/L", "conc_water")
_add([m + "g/L" for m in _MICRO] + ["微克/升", "ppb(w/v)"], "µg/L", "conc_water", "0.001")
_add(["ng/L", "纳克/升"], "ng/L", "conc_water", "0.000001")
_add(["g/L", "克/升"], "g/L", "conc_water", "1000")
_add(["mg/m3", "mg/Nm3", "毫克/立方米"], "mg/m³", "conc_air")
_add([m + "g/m3" for m in _MICRO] + ["微克/立方米"], "µg/m³", "conc_air", "0.001")
_add(["mg/kg", "毫克/千克"], "mg/kg", "conc_solid")
_add([m + "g/kg" for m in _MICRO], "µg/kg", "conc_solid", "0.001")
_add(["g/kg"], "g/kg", "conc_solid", "1000")
_add(["%LEL", "LEL%", "%LFL"], "%LEL", "lel")
_add(["%vol", "vol%", "%v/v"], "%vol", "vol_fraction")
_add(["pH", "pH units", "无量纲", "dimensionless", "ph单位"], "pH", "ph")
_add(["°C", "℃", "degC", "deg C", "C", "celsius", "摄氏度"], "°C", "temperature", negative_ok=True)
_add([m + "S/cm" for m in _MICRO], "µS/cm", "conductivity")
_add(["mS/cm"], "mS/cm", "conductivity", "1000")
_add(["mS/m"], "mS/m", "conductivity", "10")
_add(["S/m"], "S/m", "conductivity", "10000")
_add(["mV"], "mV", "potential", negative_ok=True)
_add(["NTU", "FNU", "FTU"], "NTU", "turbidity")
_add(["%", "% sat", "%sat", "%饱和度"], "%", "percent")
_add(["PSU", "‰", "ppt", "PSS"], "PSU", "salinity")
_add(["m", "米"], "m", "length")
_add(["m/s", "米/秒"], "m/s", "velocity")
_add(["m3/s", "立方米/秒"], "m³/s", "flow")
_add(["个/L", "MPN/L", "CFU/L"], "个/L", "count_water")

# Spellings whose meaning depends on the medium: water/soil -> mass ratio, air -> volume ratio.
_BY_MEDIUM = {
    "ppm": {"water": ("mg/L", "conc_water", "1"), "soil": ("mg/kg", "conc_solid", "1"),
            "air": ("ppm", "vol_ratio", "1")},
    "ppb": {"water": ("µg/L", "conc_water", "0.001"), "soil": ("µg/kg", "conc_solid", "0.001"),
            "air": ("ppb", "vol_ratio", "0.001")},
    "g/m3": {"water": ("g/m³", "conc_water", "1"), "soil": ("g/m³", "conc_water", "1"),
             "air": ("g/m³", "conc_air", "1000")},
}
_NO_UNIT = {"", "-", "—", "none", "无", "n/a"}

# What users are offered and told to type (UI combo, CLI help, error messages).
ACCEPTED = ("mg/L", "µg/L", "ng/L", "g/L", "mg/m³", "µg/m³", "ppm", "ppb", "mg/kg", "µg/kg", "pH", "°C",
            "µS/cm", "mS/cm", "mV", "NTU", "%", "%LEL", "%vol", "PSU", "m", "m/s", "m³/s")
SUGGESTED = {"conc_water": "mg/L, µg/L", "conc_air": "mg/m³, µg/m³, ppm", "conc_solid": "mg/kg",
             "ph": "pH", "temperature": "°C", "conductivity": "µS/cm, mS/cm", "potential": "mV",
             "turbidity": "NTU", "percent": "%", "lel": "%LEL", "vol_fraction": "%vol", "salinity": "PSU"}


def _solid(medium: str) -> str:
    return "soil" if medium in ("soil", "sediment") else medium


def lookup(unit: str | None, medium: str = "water") -> Unit:
    """The Unit for a spelling in a medium; unknown spellings raise UnitError naming what to type."""
    key = unit_key(unit)
    if key in _BY_MEDIUM:
        symbol, quantity, factor = _BY_MEDIUM[key][_solid(medium) if medium in CONC_CANONICAL else "water"]
        return Unit(symbol, quantity, QUANTITIES[quantity][0], _d(factor))
    if key in _NO_UNIT:
        raise UnitError("a unit is required (e.g. mg/L, µg/L, pH)", "请填写单位（如 mg/L、µg/L、pH）")
    found = _TABLE.get(key)
    if found is None:
        raise UnitError(f"unknown unit '{unit}'; use one of: {', '.join(ACCEPTED)}",
                        f"无法识别的单位“{unit}”；可用：{'、'.join(ACCEPTED)}")
    return found


def is_dimensionless(unit: str | None) -> bool:
    """True for the blank/'-' unit a pH meter or a lab sheet gives for pH."""
    return unit_key(unit) in _NO_UNIT


def canonical_concentration(medium: str) -> str:
    return CONC_CANONICAL.get(medium, "mg/L")


def concentration_quantity(medium: str) -> str:
    return _CONC_QUANTITY.get(medium, "conc_water")


def to_canonical(value: Decimal, unit: Unit, molar_mass: float | None = None) -> tuple[Decimal, str]:
    """(value, unit) in the canonical unit; air volume ratios become mg/m³ when M is known."""
    v = value * unit.factor
    if unit.quantity == "vol_ratio" and molar_mass:
        return v * Decimal(repr(molar_mass)) / MOLAR_VOLUME_L, "mg/m³"
    return v, unit.canonical


def quantity_label(quantity: str, lang: str = "zh") -> str:
    entry = QUANTITIES.get(quantity)
    if not entry:
        return quantity
    return entry[2] if lang.startswith("en") else entry[1]
