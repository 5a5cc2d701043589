"""The lead's facts and narratives for an incident (table ``incident_facts``, one live row each).

Numbers stay NULL until entered: "unknown" and "zero" are different facts in a report.
"""
from __future__ import annotations

from fieldapp.core.errors import ValidationError

NUMERIC = {"deaths": int, "poisoned": int, "evacuated": int, "economic_loss_yuan": float}
CHOICES = {"water_source_interrupted": ("none", "township", "county", "city"),
           "boundary_impact": ("none", "county", "city", "province", "national")}
FLAGS = ("sensitive_population",)
TEXTS = ("info_source", "cause", "pollutant_quantity", "trend", "measures", "next_steps", "process",
         "results", "losses", "remaining", "reporting_unit", "signatory", "contact",
         # final report (migration 12)
         "response_started_at", "response_ended_at", "social_impact", "damage_assessment", "restoration",
         "lessons", "accountability")
FIELDS = tuple(NUMERIC) + tuple(CHOICES) + FLAGS + TEXTS


_TRUE = {"1", "true", "yes", "y", "是", "有", "on"}
_FALSE = {"0", "false", "no", "n", "否", "无", "没有", "off"}


def parse_flag(key: str, value) -> int | None:
    """Yes/no facts typed as 1/0, true/false, yes/no, 是/否 (None or '' = not known yet). Anything
    else is refused: bool("0") is True in Python, and a report must not say "yes" for "0"."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or isinstance(value, int):
        return int(bool(value))
    text = str(value).strip().casefold()
    if text in _TRUE:
        return 1
    if text in _FALSE:
        return 0
    raise ValidationError(key, f"{key}: {value!r} is not yes/no (use 1/0, yes/no or 是/否)",
                          f"{key}：“{value}”不是“是/否”（请填 1/0、yes/no 或 是/否）")


def empty_facts() -> dict:
    return {**{k: None for k in NUMERIC}, **{k: None for k in CHOICES}, **{k: None for k in FLAGS},
            **{k: "" for k in TEXTS}}


def clean(changes: dict) -> dict:
    """Validate user input ('' -> unknown); raises ValidationError naming the field."""
    out = {}
    for key, value in changes.items():
        if key not in FIELDS:
            raise ValidationError(key, f"unknown fact {key!r}")
        if key in NUMERIC:
            if value is None or str(value).strip() == "":
                out[key] = None
                continue
            try:
                num = NUMERIC[key](str(value).replace(",", "").strip())
            except ValueError:
                raise ValidationError(key, f"{key}: {value!r} is not a whole number" if NUMERIC[key] is int
                                      else f"{key}: {value!r} is not a number") from None
            if num < 0:
                raise ValidationError(key, f"{key} cannot be negative ({value})")
            out[key] = num
        elif key in CHOICES:
            v = None if value in (None, "") else str(value)
            if v is not None and v not in CHOICES[key]:
                raise ValidationError(key, f"{key} '{v}' is not one of: {', '.join(CHOICES[key])}")
            out[key] = v
        elif key in FLAGS:
            out[key] = parse_flag(key, value)
        else:
            out[key] = "" if value is None else str(value)
    return out


def load_facts(store, incident_uuid: str) -> dict:
    rows = list(store.db.query("SELECT * FROM incident_facts WHERE incident_uuid = ? AND deleted = 0 "
                               "ORDER BY created_at LIMIT 1", [incident_uuid]))
    facts = empty_facts()
    if rows:
        facts.update({k: rows[0][k] for k in FIELDS})
        facts["uuid"] = rows[0]["uuid"]
    return facts


def save_facts(store, incident_uuid: str, **changes) -> dict:
    """Create or update the incident's facts in one transaction; returns the merged facts."""
    store.get("incidents", incident_uuid)
    values = clean(changes)
    current = load_facts(store, incident_uuid)
    with store.transaction():
        if "uuid" in current:
            if values:
                store._update("incident_facts", current["uuid"], values)
        else:
            row = {**store.new_meta(), "incident_uuid": incident_uuid, **empty_facts(), **values}
            store._insert("incident_facts", row)
    return load_facts(store, incident_uuid)
