"""The domain vocabulary: the one definition of parameters, units, qualifiers, point roles, media,
standards, verdicts and number formatting. Every other module (store, GUI, CLI, map, reports,
exports, sync, instruments) imports these; none keeps a table of its own.

The names below are loaded from their submodule when first used (PEP 562 ``__getattr__``), so
``from fieldapp.vocab.roles import ROLE_CODES`` does not load the parameters, the toolkit data and
the unit tables (~30 ms the window's first paint does not wait for); ``from fieldapp.vocab import
judge_row`` works as before.
"""
from __future__ import annotations

import importlib

# public name -> (submodule, name there)
_EXPORTS = {
    "VocabError": ("errors", "VocabError"),
    **{n: ("measure", n) for n in ("Normalised", "fitting_unit", "medium_warnings", "normalise_measurement",
                                   "unit_fits")},
    **{n: ("numbers", n) for n in ("format_money", "format_people", "format_value", "plain", "value_with_unit")},
    **{n: ("parameters", n) for n in ("Parameter", "get_parameter", "load_vocabulary", "parameter_label",
                                      "parameter_short", "resolve_id")},
    **{n: ("qualifiers", n) for n in ("QUALIFIERS", "parse_reading")},
    **{n: ("roles", n) for n in ("MEDIA", "ROLE_CODES", "ROLES", "medium_label", "role_label")},
    **{n: ("standards", n) for n in ("DEFAULT_SOURCE_STANDARD", "DEFAULT_STANDARD", "STANDARDS", "Limit",
                                     "check_standard", "standard_for_point", "standard_label")},
    "UnitError": ("units", "UnitError"),
    "lookup_unit": ("units", "lookup"),
    **{n: ("verdict", n) for n in ("COLOURS", "RANK", "STATUS_WORDS", "VERDICTS", "Verdict", "judge",
                                   "judge_canonical", "judge_row", "worst")},
}

__all__ = [
    "COLOURS", "DEFAULT_SOURCE_STANDARD", "DEFAULT_STANDARD", "Limit", "MEDIA", "Normalised",
    "Parameter", "QUALIFIERS", "RANK", "ROLES", "ROLE_CODES", "STANDARDS", "STATUS_WORDS",
    "UnitError", "VERDICTS", "Verdict", "VocabError", "check_standard", "fitting_unit",
    "format_money", "format_people", "format_value", "get_parameter", "judge", "judge_canonical",
    "judge_row", "load_vocabulary", "lookup_unit", "medium_label", "medium_warnings",
    "normalise_measurement", "parameter_label", "parameter_short", "parse_reading", "plain",
    "resolve_id", "role_label", "standard_for_point", "standard_label", "unit_fits",
    "value_with_unit", "worst",
]  # the names of _EXPORTS (tests/vocab/test_lazy_packages.py)


def __getattr__(name: str):
    try:
        module, attr = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'fieldapp.vocab' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(f"{__name__}.{module}"), attr)
    globals()[name] = value          # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
