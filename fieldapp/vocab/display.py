"""How a stored measurement or reading is shown: the same text in the table, the map popup, the
report and the CLI. Significant figures come from what was typed (value_orig); heavy metals below
0.001 mg/L read in µg/L."""
from __future__ import annotations

from .numbers import format_value
from .parameters import get_parameter, parameter_label
from .qualifiers import significant_digits
from .units import unit_key


def value_parts(row: dict, shown: str | None = None) -> tuple[str, str]:
    """(number text, unit) of a stored row (keys value, unit, qualifier, value_orig, parameter_id).
    ``shown``: the unit of a table column all of whose values share it (see ``column_unit``)."""
    p = get_parameter(row.get("parameter_id"))
    digits = significant_digits(row.get("value_orig") or row.get("value_text"))
    if digits and row.get("unit") == "mg/m³" and unit_key(row.get("unit_orig")) in ("ppm", "ppb"):
        digits = max(digits, 3)      # a molar-mass conversion: the typed digits do not carry over
    return format_value(row.get("value"), row.get("unit") or "", trace=bool(p and p.trace_metal),
                        digits=digits or 3, qualifier=row.get("qualifier") or "", shown=shown)


def column_unit(parameter_id: str | None, unit: str, values, limit_upper: float | None = None) -> str:
    """One unit for a column of a parameter's values: µg/L for a trace metal whose values and limit
    are all below 0.001 mg/L (Tl at 0.0001 mg/L reads 0.1 µg/L, never a cell of zeros), else the
    stored unit."""
    p = get_parameter(parameter_id)
    if not (p and p.trace_metal and unit == "mg/L"):
        return unit
    top = max([abs(v) for v in values if v is not None] + [limit_upper or 0])
    return "µg/L" if top < 0.001 else unit


def value_text(row: dict) -> str:
    number, unit = value_parts(row)
    return number if number == "ND" or not unit or unit == "pH" else f"{number} {unit}"


def row_parameter_label(row: dict, lang: str = "zh") -> str:
    return parameter_label(row.get("parameter_id"), row.get("parameter") or "", lang)
