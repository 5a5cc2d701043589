"""Units of measurement: normalise what users and instruments type to one unit per quantity.

The original value and unit are always kept beside the normalised ones (see measurements table).
Concentrations in water normalise to mg/L, in air to mg/m³ (or ppm for volume ratios, which cannot be
converted without the gas's molar mass), in soil/sediment to mg/kg.
"""
from __future__ import annotations

from dataclasses import dataclass

from fieldapp.core.errors import ValidationError


@dataclass(frozen=True)
class Unit:
    canonical: str
    factor: float  # multiply a value in this unit by factor to get the canonical unit
    quantity: str
    negative_ok: bool = False


_MU = ("µ", "μ", "u")  # micro sign, Greek mu, ASCII u


def _micro(prefix_spelling: str) -> list[str]:
    return [prefix_spelling.replace("µ", m) for m in _MU]


_TABLE: dict[str, Unit] = {}


def _add(spellings: list[str], unit: Unit) -> None:
    for s in spellings:
        _TABLE[s.lower()] = unit


_add(["mg/L", "mg/l", "mg·L-1", "mg/dm3"], Unit("mg/L", 1.0, "conc_water"))
_add(_micro("µg/L"), Unit("mg/L", 1e-3, "conc_water"))
_add(["ng/L"], Unit("mg/L", 1e-6, "conc_water"))
_add(["g/L"], Unit("mg/L", 1e3, "conc_water"))
_add(["mg/m3", "mg/m³", "mg/Nm3"], Unit("mg/m³", 1.0, "conc_air"))
_add(_micro("µg/m3") + _micro("µg/m³"), Unit("mg/m³", 1e-3, "conc_air"))
_add(["mg/kg"], Unit("mg/kg", 1.0, "conc_solid"))
_add(_micro("µg/kg"), Unit("mg/kg", 1e-3, "conc_solid"))
_add(["g/kg"], Unit("mg/kg", 1e3, "conc_solid"))
_add(["%lel", "% lel", "lel%"], Unit("%LEL", 1.0, "lel"))
_add(["%vol", "% vol", "vol%"], Unit("%vol", 1.0, "vol_fraction"))
_add(["pH", "ph", "pH units", "无量纲"], Unit("pH", 1.0, "ph"))
_add(["°C", "℃", "degC", "deg C", "C", "celsius"], Unit("°C", 1.0, "temperature", negative_ok=True))
_add(_micro("µS/cm"), Unit("µS/cm", 1.0, "conductivity"))
_add(["mS/cm"], Unit("µS/cm", 1e3, "conductivity"))
_add(["mV"], Unit("mV", 1.0, "potential", negative_ok=True))
_add(["NTU", "FNU"], Unit("NTU", 1.0, "turbidity"))
_add(["%"], Unit("%", 1.0, "percent"))
_add(["m"], Unit("m", 1.0, "length"))
_add(["m/s"], Unit("m/s", 1.0, "velocity"))
_add(["m3/s", "m³/s"], Unit("m³/s", 1.0, "flow"))

# ppm/ppb mean mass ratio in water (≈ mg/L, µg/L for dilute solutions) and mass ratio in soil,
# but VOLUME ratio in air (gas detectors), where they stay as they are.
_RATIO = {
    "ppm": {"water": Unit("mg/L", 1.0, "conc_water"), "air": Unit("ppm", 1.0, "vol_ratio"),
            "solid": Unit("mg/kg", 1.0, "conc_solid")},
    "ppb": {"water": Unit("mg/L", 1e-3, "conc_water"), "air": Unit("ppm", 1e-3, "vol_ratio"),
            "solid": Unit("mg/kg", 1e-3, "conc_solid")},
}

ACCEPTED = sorted({"mg/L", "µg/L", "ng/L", "g/L", "mg/m³", "µg/m³", "mg/kg", "µg/kg", "ppm", "ppb",
                   "%LEL", "%vol", "pH", "°C", "µS/cm", "mS/cm", "mV", "NTU", "%", "m", "m/s", "m³/s"})


def lookup(unit: str, media: str = "water") -> Unit:
    key = (unit or "").strip()
    if key.lower() in _RATIO:
        group = "air" if media == "air" else "solid" if media in ("soil", "sediment") else "water"
        return _RATIO[key.lower()][group]
    found = _TABLE.get(key.lower())
    if found is None:
        raise ValidationError(
            "unit", f"unknown unit '{unit}'; use one of: {', '.join(ACCEPTED)}"
        )
    return found


def normalise(value: float, unit: str, media: str = "water") -> tuple[float, str]:
    """Return (value in canonical unit, canonical unit)."""
    u = lookup(unit, media)
    return value * u.factor, u.canonical


def convert(value: float, unit: str, to_unit: str, media: str = "water") -> float:
    """Convert between two units of the same quantity (e.g. µg/L -> mg/L)."""
    a, b = lookup(unit, media), lookup(to_unit, media)
    if a.canonical != b.canonical:
        raise ValidationError("unit", f"cannot convert {unit} to {to_unit}")
    return value * a.factor / b.factor


def format_number(v: float | None, digits: int = 4) -> str:
    """Plain decimal for field use (0.00002 not 2e-05), `digits` significant figures."""
    if v is None:
        return ""
    if v == 0:
        return "0"
    text = f"{v:.{digits}g}"
    if "e" in text:
        import math

        decimals = max(0, digits - 1 - int(math.floor(math.log10(abs(v)))))
        text = f"{v:.{decimals}f}"
    return text
