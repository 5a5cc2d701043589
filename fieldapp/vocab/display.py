"""How a stored measurement or reading is shown: the same text in the table, the map popup, the
report and the CLI. Significant figures come from what was typed (value_orig); heavy metals below
0.001 mg/L read in µg/L."""
from __future__ import annotations

from .numbers import format_value
from .parameters import get_parameter, parameter_label
from .qualifiers import significant_digits


def value_parts(row: dict) -> tuple[str, str]:
    """(number text, unit) of a stored row (keys value, unit, qualifier, value_orig, parameter_id)."""
    p = get_parameter(row.get("parameter_id"))
    digits = significant_digits(row.get("value_orig") or row.get("value_text"))
    return format_value(row.get("value"), row.get("unit") or "", trace=bool(p and p.trace_metal),
                        digits=digits or 3, qualifier=row.get("qualifier") or "")


def value_text(row: dict) -> str:
    number, unit = value_parts(row)
    return number if number == "ND" or not unit or unit == "pH" else f"{number} {unit}"


def row_parameter_label(row: dict, lang: str = "zh") -> str:
    return parameter_label(row.get("parameter_id"), row.get("parameter") or "", lang)
