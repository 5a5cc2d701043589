"""The domain vocabulary: the one definition of parameters, units, qualifiers, point roles, media,
standards, verdicts and number formatting. Every other module (store, GUI, CLI, map, reports,
exports, sync, instruments) imports these; none keeps a table of its own.
"""
from .errors import VocabError
from .measure import Normalised, fitting_unit, medium_warnings, normalise_measurement, unit_fits
from .numbers import format_money, format_people, format_value, plain, value_with_unit
from .parameters import (
    Parameter,
    get_parameter,
    load_vocabulary,
    parameter_label,
    parameter_short,
    resolve_id,
)
from .qualifiers import QUALIFIERS, parse_reading
from .roles import MEDIA, ROLE_CODES, ROLES, medium_label, role_label
from .standards import (
    DEFAULT_SOURCE_STANDARD,
    DEFAULT_STANDARD,
    STANDARDS,
    Limit,
    check_standard,
    standard_for_point,
    standard_label,
)
from .units import UnitError, lookup as lookup_unit
from .verdict import COLOURS, RANK, STATUS_WORDS, VERDICTS, Verdict, judge, judge_canonical, judge_row, worst

__all__ = [
    "COLOURS", "DEFAULT_SOURCE_STANDARD", "DEFAULT_STANDARD", "Limit", "MEDIA", "Normalised", "Parameter",
    "QUALIFIERS", "RANK", "ROLES", "ROLE_CODES", "STANDARDS", "STATUS_WORDS", "UnitError", "VERDICTS",
    "Verdict", "VocabError", "check_standard", "format_money", "format_people", "format_value",
    "get_parameter", "judge", "judge_canonical", "judge_row", "load_vocabulary", "lookup_unit",
    "medium_label", "medium_warnings", "normalise_measurement", "parameter_label", "parameter_short", "unit_fits",
    "fitting_unit",
    "parse_reading", "plain", "resolve_id", "role_label", "standard_for_point", "standard_label",
    "value_with_unit", "worst",
]
