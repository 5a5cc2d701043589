"""Draft text from the data, so the lead edits a draft instead of starting blank.

Only what the data support is drafted: the cause from the incident description, the information
source from the first observation, the reporting unit from the team's identity. Everything else
stays empty and the report marks it as a gap. Measures, pollutants found and the trend need no
draft: the report prints the logged actions, the exceeding parameters and every series itself.
"""
from __future__ import annotations


def drafts(data, lang: str = "zh") -> dict:
    """Field -> draft text (used when the stored fact is empty)."""
    inc = data.incident
    return {"cause": inc.get("description", ""),
            "info_source": next((e["text"] for e in data.log if e["kind"] == "observation"), ""),
            "reporting_unit": data.unit_team}
