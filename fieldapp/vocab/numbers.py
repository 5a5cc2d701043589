"""Numbers for people: one formatter for every view, and exact text for exports.

- Display: plain decimals (0.00002, never 2e-05 or 3.44e+04), significant figures taken from what
  was typed (a value typed as "12" is shown with 2, "0.0120" with 3), 3 when unknown; trace metals
  below 0.001 mg/L are shown in µg/L in tables and charts (the store stays in mg/L).
- Exceedance multiples keep the Chinese convention (C − S) / S with enough significant figures never
  to round an exceedance to 0 ("超标0.002倍").
- Exports: the stored value as its shortest round-trip decimal (no float noise), plain notation.
- Money and head counts the way reports write them (500万元; 5,000,000 yuan).
"""
from __future__ import annotations

import math
from decimal import Decimal


def plain(value: float | None) -> str:
    """Shortest exact text for a stored float, without exponent: 5e-05 -> '0.00005', 34300.0 -> '34300'."""
    if value is None:
        return ""
    if not math.isfinite(value):
        return ""
    text = format(Decimal(repr(float(value))), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def sig(value: float, digits: int = 3) -> str:
    """``value`` to ``digits`` significant figures, plain decimal, trailing zeros kept only where
    they are significant (0.0120 stays 0.0120 with 3 digits; 12 stays 12)."""
    if value == 0:
        return "0"
    digits = max(1, digits)
    exponent = math.floor(math.log10(abs(value)))
    decimals = digits - 1 - exponent
    if decimals <= 0:
        rounded = round(value, decimals)
        return f"{rounded:.0f}"
    return f"{value:.{decimals}f}"


def format_value(value: float | None, unit: str, *, trace: bool = False, digits: int | None = None,
                 qualifier: str = "", shown: str | None = None) -> tuple[str, str]:
    """(number text, unit) for display. ``trace``: a heavy metal, shown in µg/L below 0.001 mg/L.
    ``shown='µg/L'`` puts a mg/L value in µg/L whatever its size (a table column with one unit)."""
    if qualifier == "ND":
        return "ND", shown or unit
    if value is None:
        return "—", shown or unit
    shown_unit = unit
    if shown == "µg/L" and unit == "mg/L":
        value, shown_unit = value * 1000, "µg/L"
    elif trace and unit == "mg/L" and 0 < abs(value) < 0.001 and shown is None:
        value, shown_unit = value * 1000, "µg/L"
    return f"{qualifier}{sig(value, digits or 3)}", shown_unit


def value_with_unit(value: float | None, unit: str, **kw) -> str:
    text, shown = format_value(value, unit, **kw)
    return text if text == "ND" or not shown or shown == "pH" else f"{text} {shown}"


def limit_number(value: float) -> str:
    """Limits as the standards print them: 0.00002, 0.005, 250 (no trailing zeros, no exponent)."""
    return plain(value)


def multiple_number(multiple: float) -> str:
    """(C − S) / S as text: two decimals from 1 up ('1.4', '2.89'), two significant figures below 1
    ('0.24', '0.002'): never '0' for a real exceedance."""
    if multiple >= 1:
        text = f"{multiple:.2f}"
    else:
        text = sig(multiple, 2)
    return text.rstrip("0").rstrip(".") if "." in text else text


def ratio_number(ratio: float, multiple: float | None = None) -> str:
    """C / S as text; over the limit it shows as many decimals as the multiple, so 1.002× never
    reads as 1×."""
    if multiple is None or multiple >= 1:
        return multiple_number(ratio) if ratio >= 1 else sig(ratio, 2)
    m = multiple_number(multiple)
    decimals = len(m.split(".")[1]) if "." in m else 0
    return f"{1 + multiple:.{decimals}f}"


def percent_over(multiple: float) -> str:
    pct = multiple * 100
    text = f"{pct:.0f}" if pct >= 10 else sig(pct, 2)
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_money(yuan: float | None, lang: str = "zh") -> str:
    """5000000 -> '500万元' / '5,000,000 yuan'; None -> ''."""
    if yuan is None:
        return ""
    if lang.startswith("en"):
        return f"{yuan:,.0f} yuan" if yuan == int(yuan) else f"{yuan:,.2f} yuan"
    if abs(yuan) >= 1e8:
        return f"{_trim(yuan / 1e8)}亿元"
    if abs(yuan) >= 1e4:
        return f"{_trim(yuan / 1e4)}万元"
    return f"{_trim(yuan)}元"


def format_people(n: int | float | None, lang: str = "zh") -> str:
    if n is None:
        return ""
    if lang.startswith("en"):
        return f"{int(n):,} " + ("person" if n == 1 else "people")
    return f"{_trim(n / 1e4)}万人" if n >= 1e5 else f"{int(n)}人"


def _trim(v: float) -> str:
    text = f"{v:.2f}".rstrip("0").rstrip(".")
    return text or "0"
