"""The lead's facts and narratives for an incident: one synced record per fact key per incident
(table ``incident_fact_values``, migration 10).

Every installation gives the record for (incident, key) the same UUID (``fact_uuid``), so when two
teams enter ``deaths`` offline their entries are two versions of ONE record: the merge keeps one as
the current value (the same on every replica) and the other as a conflict version for review,
instead of two live rows of which the report silently used the older.
Numbers stay NULL until entered: "unknown" and "zero" are different facts in a report.
"""
from __future__ import annotations

import json
import uuid as uuidlib

from fieldapp.core.errors import ValidationError

NUMERIC = {"deaths": int, "poisoned": int, "evacuated": int, "economic_loss_yuan": float}
CHOICES = {"water_source_interrupted": ("none", "township", "county", "city"),
           "boundary_impact": ("none", "county", "city", "province", "national")}
FLAGS = ("sensitive_population",)
TEXTS = ("info_source", "cause", "pollutant_quantity", "trend", "measures", "next_steps", "process",
         "results", "losses", "remaining", "reporting_unit", "signatory", "contact",
         # final report
         "response_started_at", "response_ended_at", "social_impact", "damage_assessment", "restoration",
         "lessons", "accountability")
FIELDS = tuple(NUMERIC) + tuple(CHOICES) + FLAGS + TEXTS
TABLE = "incident_fact_values"
# uuid5 namespace of fact records (fixed forever: changing it would split every fact in two)
FACT_NAMESPACE = uuidlib.UUID("6f2c1f4e-6b1a-5d3e-9c11-8a7d2e0b4f15")


def fact_uuid(incident_uuid: str, key: str) -> str:
    return str(uuidlib.uuid5(FACT_NAMESPACE, f"{incident_uuid}/{key}"))


_TRUE = {"1", "true", "yes", "y", "是", "有", "on"}
_FALSE = {"0", "false", "no", "n", "否", "无", "没有", "off"}


def parse_flag(key: str, value) -> int | None:
    """Yes/no facts typed as 1/0, true/false, yes/no, 是/否 (None or '' = not known yet). Anything
    else is refused: bool("0") is True in Python, and a report must not say "yes" for "0"."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (bool, int)):
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


def _clean_one(key: str, value):
    if key not in FIELDS:
        raise ValidationError(key, f"unknown fact {key!r}")
    if key in NUMERIC:
        if value is None or str(value).strip() == "":
            return None
        try:
            num = NUMERIC[key](str(value).replace(",", "").strip())
        except ValueError:
            raise ValidationError(key, f"{key}: {value!r} is not a whole number" if NUMERIC[key] is int
                                  else f"{key}: {value!r} is not a number") from None
        if num != num or num in (float("inf"), float("-inf")):
            raise ValidationError(key, f"{key}: {value!r} is not a finite number")
        if num < 0:
            raise ValidationError(key, f"{key} cannot be negative ({value})")
        return num
    if key in CHOICES:
        v = None if value in (None, "") else str(value)
        if v is not None and v not in CHOICES[key]:
            raise ValidationError(key, f"{key} '{v}' is not one of: {', '.join(CHOICES[key])}")
        return v
    if key in FLAGS:
        return parse_flag(key, value)
    return "" if value is None else str(value)


def clean(changes: dict) -> dict:
    """Validate user input ('' -> unknown); raises ValidationError naming the field."""
    return {key: _clean_one(key, value) for key, value in changes.items()}


def to_text(key: str, value) -> str | None:
    """The stored form of a cleaned value (NULL = not known)."""
    if value is None or value == "":
        return None
    if key in NUMERIC:
        return str(value) if NUMERIC[key] is int else repr(float(value))
    return str(value)


def from_text(key: str, text: str | None):
    return empty_facts()[key] if text is None else _clean_one(key, text)


def check_fact_row(row: dict) -> None:
    """A synced fact record must be one the app itself would write (same key rules, same UUID)."""
    key = row.get("fact_key")
    if key not in FIELDS:
        raise ValidationError("fact_key", f"fact_key {key!r} is not a known fact")
    if row.get("uuid") != fact_uuid(row.get("incident_uuid", ""), key):
        raise ValidationError("uuid", f"the id of the {key} fact is not the one every FieldApp gives it")
    text = row.get("value")
    if text is not None and to_text(key, _clean_one(key, text)) != text:
        raise ValidationError("value", f"{key} value {text!r} is not in the stored form")


def load_facts(store, incident_uuid: str) -> dict:
    """All facts of the incident (unknown ones as None / ''), with ``disputed``: key -> other values
    kept from concurrent entries that are waiting for review."""
    facts = empty_facts()
    for key, text in store.conn.execute(
            f"SELECT fact_key, value FROM {TABLE} WHERE incident_uuid = ? AND deleted = 0", (incident_uuid,)):
        if key in FIELDS:
            facts[key] = from_text(key, text)
    facts["disputed"] = disputed(store, incident_uuid)
    return facts


def disputed(store, incident_uuid: str) -> dict:
    out: dict[str, list] = {}
    for (row_json,) in store.conn.execute(
            "SELECT v.row_json FROM sync_record_versions v JOIN incident_fact_values f ON f.uuid = v.uuid "
            "WHERE v.table_name = ? AND v.reviewed = 0 AND f.incident_uuid = ? ORDER BY v.variant",
            (TABLE, incident_uuid)):
        kept = json.loads(row_json)
        key = kept.get("fact_key")
        if key in FIELDS:
            out.setdefault(key, []).append(from_text(key, kept.get("value")))
    return out


def save_facts(store, incident_uuid: str, **changes) -> dict:
    """Create or update the incident's facts in one transaction (one record per changed key)."""
    store.get("incidents", incident_uuid)
    values = clean(changes)
    with store.transaction():
        for key, value in values.items():
            text, uuid = to_text(key, value), fact_uuid(incident_uuid, key)
            held = store.conn.execute(f"SELECT value FROM {TABLE} WHERE uuid = ?", (uuid,)).fetchone()
            if held is None:
                if text is not None:
                    store._insert(TABLE, {**store.new_meta(uuid), "incident_uuid": incident_uuid,
                                          "fact_key": key, "value": text})
            elif held[0] != text:
                store._update(TABLE, uuid, {"value": text})
    return load_facts(store, incident_uuid)
