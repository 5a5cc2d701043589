"""What the server holds: for `fieldapp server status` and `server incidents`."""
from __future__ import annotations

from fieldapp.sync.schema import ordered_tables

from . import migrations


def server_status(db) -> dict:
    ident = db.require_identity()
    records = []
    for table in ordered_tables(db.schema):
        for team, n in db.execute(f'SELECT created_by_team, COUNT(*) FROM "{table}" WHERE deleted = 0 '
                                  "GROUP BY 1 ORDER BY 1").fetchall():
            records.append({"team": team, "table": table, "records": n})
    one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
    return {"team": ident.team, "device": ident.device, "schema": max(migrations.applied(db.conn)),
            "change_seq": db.committed_seq(), "imports": one("SELECT COUNT(*) FROM sync_imports"),
            "conflicts": one("SELECT COUNT(*) FROM sync_record_versions WHERE reviewed = 0"),
            "trusted": one("SELECT COUNT(*) FROM sync_trusted_keys"), "records": records}


def incidents(db) -> list[dict]:
    return db.query(
        "SELECT i.code, i.name, i.uuid, "
        f"(SELECT {db.text_agg('created_by_team', ',', distinct=True)} FROM sampling_points p "
        "WHERE p.incident_uuid = i.uuid AND p.deleted = 0) AS teams, "
        "(SELECT COUNT(*) FROM sampling_points p WHERE p.incident_uuid = i.uuid AND p.deleted = 0) AS points, "
        "(SELECT COUNT(*) FROM measurements m WHERE m.incident_uuid = i.uuid AND m.deleted = 0) AS measurements, "
        "(SELECT COUNT(*) FROM server_verdicts v WHERE v.incident_uuid = i.uuid AND v.status = 'exceeded') "
        "AS exceeded FROM incidents i WHERE i.deleted = 0 ORDER BY i.discovered_at, i.code")
