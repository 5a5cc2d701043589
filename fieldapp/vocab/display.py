"""How a stored measurement or reading is shown: the same text in the table, the map popup, the
report and the CLI. Significant figures come from what was typed (value_orig); heavy metals below
0.001 mg/L read in µg/L."""
from __future__ import annotations

from .numbers import format_value
from .parameters import get_parameter, parameter_label
from .qualifiers import significant_digits
from .units import unit_key


def value_parts(row: dict, unit: str | None = None) -> tuple[str, str]:
    """(number text, unit) of a stored row (keys value, unit, qualifier, value_orig, parameter_id).

    ``unit=None``: a heavy metal below 0.001 mg/L reads in µg/L, anything else in its stored unit.
    ``unit='µg/L'`` or the stored unit: that unit for every row of a series (see series_unit), so the
    values of one table row never mix units."""
    p = get_parameter(row.get("parameter_id"))
    value, stored = row.get("value"), row.get("unit") or ""
    digits = significant_digits(row.get("value_orig") or row.get("value_text"))
    if digits and stored == "mg/m³" and unit_key(row.get("unit_orig")) in ("ppm", "ppb"):
        digits = max(digits, 3)      # a molar-mass conversion: the typed digits do not carry over
    qualifier = row.get("qualifier") or ""
    if unit == "µg/L" and stored == "mg/L":
        return format_value(None if value is None else value * 1000, "µg/L", digits=digits or 3,
                            qualifier=qualifier)
    trace = unit is None and bool(p and p.trace_metal)
    return format_value(value, stored, trace=trace, digits=digits or 3, qualifier=qualifier)


def series_unit(rows: list[dict]) -> str:
    """One display unit for a series: µg/L for a trace metal whose every value is below 0.001 mg/L,
    otherwise the stored unit (tables never mix units in one row)."""
    if not rows:
        return ""
    p = get_parameter(rows[0].get("parameter_id"))
    unit = rows[0].get("unit") or ""
    values = [r["value"] for r in rows if r.get("value") is not None]
    if p and p.trace_metal and unit == "mg/L" and values and max(values) < 0.001:
        return "µg/L"
    return unit


def value_text(row: dict) -> str:
    number, unit = value_parts(row)
    return number if number == "ND" or not unit or unit == "pH" else f"{number} {unit}"


def row_parameter_label(row: dict, lang: str = "zh") -> str:
    return parameter_label(row.get("parameter_id"), row.get("parameter") or "", lang)
