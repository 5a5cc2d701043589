"""Answers a lead chooses from in the report facts, in order, with their words in both languages.

The report form (Reports tab) offers these and the PDF prints them: one list, so the form and the
report never disagree. Values are the stored codes of ``facts.CHOICES``.
"""
from __future__ import annotations

from fieldapp.store.facts import CHOICES

# Was a drinking-water source cut off, and which level of source (MEE Order No. 17 grading)?
# None = not known yet (a fact not entered is not "no").
WATER_SOURCE_TEXT = {
    None: ("尚不清楚", "not known yet"),
    "none": ("否", "no"),
    "township": ("是（乡镇）", "yes (township)"),
    "county": ("是（县级城市）", "yes (county-level city)"),
    "city": ("是（设区的市）", "yes (districted city)"),
}
WATER_SOURCE_LEVELS = (None, *CHOICES["water_source_interrupted"])


def water_source_choices(lang: str = "zh") -> list[tuple[str | None, str]]:
    """[(stored value, words)] in the order a form offers them."""
    i = 0 if lang == "zh" else 1
    return [(v, WATER_SOURCE_TEXT[v][i]) for v in WATER_SOURCE_LEVELS]


def water_source_text(value: str | None, lang: str = "zh") -> str:
    """Words for a stored value; '' when it is not known yet (the report marks the gap)."""
    return "" if value is None else WATER_SOURCE_TEXT[value][0 if lang == "zh" else 1]
