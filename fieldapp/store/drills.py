"""Drills in the store: which records belong to an exercise, the filter that keeps them out of real
exports and sync bundles, the exercise mark, and deleting a drill as a whole.

A drill is an incident with ``is_drill = 1`` (migration 14). Every record of it is found through
its incident: directly (``incident_uuid``), through its sample (custody events) or its layer
(river lines and sites). Sync (fieldapp.sync.export), the exports and the map and report builders
call these hooks; none keeps its own idea of what a drill is.
"""
from __future__ import annotations

from .errors import ValidationError

DRILLS = "(SELECT uuid FROM incidents WHERE is_drill = 1)"
MARK = {"zh": "【演练】", "en": "[DRILL] "}
WATERMARK = {"zh": "演练  EXERCISE", "en": "DRILL — EXERCISE"}


# Reference data no incident owns: a plan imported during a drill is still the real plan.
SHARED_REFERENCE_TABLES = frozenset({"plans"})


def _columns(conn, table: str) -> set[str]:
    return {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')}


def not_drill_sql(conn, table: str) -> str:
    """An SQL condition on ``table``'s rows that is false for a drill's records ('' = nothing to
    exclude in that table). Used by sync export as ``WHERE … AND <condition>``."""
    cols = _columns(conn, table)
    if "is_drill" not in _columns(conn, "incidents"):
        return ""
    if table == "incidents":
        return "is_drill = 0"
    if table in SHARED_REFERENCE_TABLES:
        return "1 = 1"      # shared by every incident (a drill only picks them, in incident_plans)
    if "incident_uuid" in cols:
        return f"(incident_uuid IS NULL OR incident_uuid NOT IN {DRILLS})"
    if "sample_uuid" in cols:
        return f"sample_uuid NOT IN (SELECT uuid FROM samples WHERE incident_uuid IN {DRILLS})"
    if "layer_uuid" in cols:
        return f"layer_uuid NOT IN (SELECT uuid FROM map_layers WHERE incident_uuid IN {DRILLS})"
    return ""


def is_drill(store, incident_uuid: str) -> bool:
    row = store.conn.execute("SELECT is_drill FROM incidents WHERE uuid = ?", (incident_uuid,)).fetchone()
    return bool(row and row[0])


def exercise_mark(incident: dict | None, lang: str = "zh") -> str:
    """'【演练】' / '[DRILL] ' before a drill's title on screen, maps and PDFs; '' for a real incident."""
    if not incident or not incident.get("is_drill"):
        return ""
    return MARK["en" if lang.startswith("en") else "zh"]


def watermark_text(incident: dict | None) -> str:
    """The diagonal mark printed on every page of a drill's PDFs ('' for a real incident)."""
    return WATERMARK["zh"] if incident and incident.get("is_drill") else ""


def check_real(store, incident_uuid: str, include_drills: bool = False) -> None:
    """Refuse to export a drill as real data unless the user chose to include it."""
    if not include_drills and is_drill(store, incident_uuid):
        name = store.conn.execute("SELECT name FROM incidents WHERE uuid = ?", (incident_uuid,)).fetchone()[0]
        raise ValidationError("incident", code="drill_not_real", params={"value": name})


# Children before parents, so foreign keys hold at every step of the delete.
_DELETE_ORDER = ("custody_events", "instrument_readings", "instrument_raw", "measurements", "samples",
                 "attachments", "incident_facts", "incident_fact_values", "plume_scenarios", "report_archive",
                 "incident_log", "map_sites", "map_rivers", "map_layers", "sampling_points", "incidents")
_APPEND_ONLY = ("custody_events", "incident_log", "report_archive")


def delete_drill(store, incident_uuid: str) -> dict[str, int]:
    """Remove a drill and everything recorded in it, in one transaction; rows deleted per table.
    Only drills: a real incident is evidence and is never deleted (it is tombstoned instead).
    Append-only triggers are lifted for this delete alone and put back in the same transaction."""
    if not is_drill(store, incident_uuid):
        raise ValidationError("incident", "only a drill can be deleted as a whole", "只有演练可以整体删除")
    conn, counts = store.conn, {}
    with store.transaction():
        triggers = {name: sql for name, sql in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({})".format(
                ",".join(f"'{t}_no_delete'" for t in _APPEND_ONLY)))}
        for name in triggers:
            conn.execute(f'DROP TRIGGER "{name}"')
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            for table in _delete_order(conn, tables):
                if table not in tables:
                    continue
                where = _owned_by(conn, table)
                cur = conn.execute(f'DELETE FROM "{table}" WHERE {where}', {"inc": incident_uuid})
                counts[table] = cur.rowcount
                for book in ("sync_ancestry", "sync_record_versions"):    # sync's notes on those rows
                    if book in tables:
                        conn.execute(f'DELETE FROM {book} WHERE table_name = ? AND uuid NOT IN '
                                     f'(SELECT uuid FROM "{table}")', (table,))
        finally:
            for sql in triggers.values():
                conn.execute(sql)
        if store.get_meta("last_incident") == incident_uuid:
            conn.execute("DELETE FROM meta WHERE key = 'last_incident'")
    return counts


def _delete_order(conn, tables: set[str]) -> list[str]:
    """_DELETE_ORDER, with any other table that names an incident (a later migration's) before the
    points and the incident, so a drill's rows in it cannot outlive the drill."""
    order = [t for t in _DELETE_ORDER if t in tables]
    extra = sorted(t for t in tables - set(order) if "incident_uuid" in _columns(conn, t))
    at = order.index("sampling_points") if "sampling_points" in order else len(order) - 1
    return order[:at] + extra + order[at:]


def _owned_by(conn, table: str) -> str:
    cols = _columns(conn, table)
    if table == "incidents":
        return "uuid = :inc"
    if "incident_uuid" in cols:
        return "incident_uuid = :inc"
    if "sample_uuid" in cols:
        return "sample_uuid IN (SELECT uuid FROM samples WHERE incident_uuid = :inc)"
    if "layer_uuid" in cols:
        return "layer_uuid IN (SELECT uuid FROM map_layers WHERE incident_uuid = :inc)"
    raise ValidationError("incident", f"cannot tell which rows of {table} belong to a drill")
