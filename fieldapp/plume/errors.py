"""The one error the plume package raises for input it cannot forecast from.

``code`` says which problem it is (the panel translates by code, the CLI prints ``message``);
``field`` names the input to fix; ``params`` carries the numbers the message mentions.
"""
from __future__ import annotations

from fieldapp.core.errors import ValidationError


class PlumeError(ValidationError):
    """A forecast or fit that cannot be made from the given input; the message says what to change."""

    def __init__(self, code: str, field: str, message: str, **params):
        super().__init__(field, message)
        self.code = code
        self.params = params


def positive(field: str, value, what: str, unit: str) -> float:
    """``value`` as a finite number > 0, or a PlumeError naming the input."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise PlumeError("not_a_number", field, f"{what}: {value!r} is not a number ({unit})",
                         what=what, value=value) from None
    if v != v or v in (float("inf"), float("-inf")):
        raise PlumeError("not_a_number", field, f"{what}: {value!r} is not a finite number ({unit})",
                         what=what, value=value)
    if v <= 0:
        raise PlumeError("not_positive", field, f"{what} must be greater than zero, got {v:g} {unit}",
                         what=what, value=v, unit=unit)
    return v


def non_negative(field: str, value, what: str, unit: str) -> float:
    """``value`` as a finite number >= 0 (a decay rate, an inflow), or a PlumeError."""
    if value in (None, ""):
        return 0.0
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise PlumeError("not_a_number", field, f"{what}: {value!r} is not a number ({unit})",
                         what=what, value=value) from None
    if v != v or v in (float("inf"), float("-inf")) or v < 0:
        raise PlumeError("negative", field, f"{what} cannot be negative or infinite, got {value} {unit}",
                         what=what, value=value, unit=unit)
    return v
