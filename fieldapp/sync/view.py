"""The working group's consolidated picture: every team's records with where they came from."""
from __future__ import annotations

from .schema import ordered_tables


def teams(store) -> dict[str, dict]:
    """device_id -> {team, device, code} from trusted keys, imports and our own identity."""
    from . import keys

    out = {}
    for k in keys.trusted_keys(store):
        if k["device_id"]:
            out[k["device_id"]] = {"team": k["team"], "device": k["device"], "code": k["code"]}
    ident = store.identity
    if ident:
        out[ident.device_id] = {"team": ident.team, "device": ident.device, "code": keys.read_aloud(keys.public_hex(store))}
    return out


def consolidated(store, incident_uuid: str | None = None, tables: list[str] | None = None) -> dict:
    """{team: {table: [rows]}} of live records, each with a ``provenance`` dict.

    Provenance: the team and device that created the record, the device of the last edit, how many
    conflict versions wait for review, and which imported bundle last brought it (if any).
    """
    conn = store.conn
    who = teams(store)
    pending = {(t, u): n for t, u, n in conn.execute(
        "SELECT table_name, uuid, COUNT(*) FROM sync_record_versions WHERE reviewed = 0 GROUP BY 1, 2")}
    imports = {seq: team for seq, team in conn.execute("SELECT local_seq, sender_team FROM sync_imports")}
    out: dict[str, dict] = {}
    for table in tables or ordered_tables(conn):
        if table.startswith(("instrument_", "attachments", "report_archive")) and tables is None:
            continue  # bulky or binary: counted by summary(), listed only when asked for
        cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")') if r[1] != "geom"]
        where, args = "WHERE deleted = 0", []
        if incident_uuid and "incident_uuid" in cols:
            where, args = where + " AND incident_uuid = ?", [incident_uuid]
        elif incident_uuid and table == "incidents":
            where, args = where + " AND uuid = ?", [incident_uuid]
        for row in store.db.query(f'SELECT {", ".join(cols)} FROM "{table}" {where}', args):
            row["provenance"] = {
                "team": row["created_by_team"],
                "created_by": who.get(row["created_by_device"], {}).get("device", row["created_by_device"][:8]),
                "last_edit_by": who.get(row["updated_by_device"], {}).get("device", row["updated_by_device"][:8]),
                "imported_from": imports.get(row["change_seq"], ""),
                "conflict_versions": pending.get((table, row["uuid"]), 0),
            }
            out.setdefault(row["created_by_team"], {}).setdefault(table, []).append(row)
    return out


def summary(store) -> list[dict]:
    """Record counts per team and table (all synced tables, tombstones excluded)."""
    rows = []
    for table in ordered_tables(store.conn):
        for team, n in store.conn.execute(
                f'SELECT created_by_team, COUNT(*) FROM "{table}" WHERE deleted = 0 GROUP BY 1 ORDER BY 1'):
            rows.append({"team": team, "table": table, "records": n})
    return rows


def conflicts(store, include_reviewed: bool = False) -> list[dict]:
    """The review list: records whose concurrent edits were kept as versions."""
    from .backend import as_backend

    where = "" if include_reviewed else "WHERE v.reviewed = 0"
    return list(as_backend(store).query(
        "SELECT v.table_name, v.uuid, v.variant, v.version, v.updated_at, v.updated_by_device, "
        f"v.created_by_team, v.row_json, v.found_at, v.reviewed FROM sync_record_versions v {where} "
        "ORDER BY v.found_at DESC, v.table_name, v.uuid"))


def mark_reviewed(store, table: str, uuid: str, variant: str) -> None:
    from .backend import as_backend

    db = as_backend(store)
    with db.transaction():
        db.execute("UPDATE sync_record_versions SET reviewed = 1 WHERE table_name = ? AND uuid = ? "
                           "AND variant = ?", (table, uuid, variant))
