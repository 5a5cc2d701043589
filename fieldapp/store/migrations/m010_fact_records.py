"""Incident facts as versioned records: one synced record per (incident, fact key).

``incident_facts`` held one row per incident and team; after a merge two live rows existed and the
report used the older one. ``incident_fact_values`` holds one record per fact with a UUID every
installation derives the same way (fieldapp.store.facts.fact_uuid), so concurrent entries are
versions of one record and merge like any other: a current value, the other kept for review.

The old rows are converted here: per fact, the newest entry (version, updated_at, device) becomes
the record, and entries with a different value are kept in ``sync_record_versions``, exactly as a
merge would have kept them. Then ``incident_facts`` is dropped.
"""
import json

from .m001_core import SYNC_COLUMNS

NUMBER = 10
NAME = "fact_records"
META = ("uuid", "created_at", "updated_at", "created_by_team", "created_by_device", "updated_by_device",
        "version", "deleted")


def up(conn) -> None:
    from fieldapp.core.timeutil import now_iso
    from fieldapp.store.migrations.m005_sync import sync_object_sql

    conn.execute(f"""CREATE TABLE incident_fact_values ({SYNC_COLUMNS},
        incident_uuid TEXT NOT NULL REFERENCES incidents(uuid),
        fact_key TEXT NOT NULL,
        value TEXT
    )""")
    conn.execute("CREATE INDEX incident_fact_values_incident ON incident_fact_values(incident_uuid, fact_key)")
    for sql in sync_object_sql("incident_fact_values"):
        conn.execute(sql)
    old = {r[1] for r in conn.execute("PRAGMA table_info(incident_facts)")}
    if old:
        row = conn.execute("SELECT value FROM meta WHERE key = 'change_seq'").fetchone()
        seq = int(row[0]) + 1 if row else 1
        conn.execute("INSERT INTO meta(key, value) VALUES ('change_seq', ?) ON CONFLICT(key) DO UPDATE "
                     "SET value = excluded.value", (str(seq),))
        _convert(conn, seq, now_iso())
    conn.execute("DROP TABLE IF EXISTS incident_facts")


def _convert(conn, seq: int, now: str) -> None:
    from fieldapp.store.facts import FIELDS, clean, fact_uuid, to_text

    cols = [r[1] for r in conn.execute("PRAGMA table_info(incident_facts)")]
    rows = [dict(zip(cols, r)) for r in conn.execute("SELECT * FROM incident_facts WHERE deleted = 0")]
    rows.sort(key=lambda r: (int(r["version"]), str(r["updated_at"]), str(r["updated_by_device"])), reverse=True)
    for inc in sorted({r["incident_uuid"] for r in rows}):
        for key in FIELDS:
            entries = []
            for r in rows:
                if r["incident_uuid"] == inc:
                    try:
                        text = to_text(key, clean({key: r[key]})[key])
                    except Exception:  # noqa: BLE001  (an unreadable old value is dropped, not fatal)
                        text = None
                    if text is not None:
                        entries.append((r, text))
            if not entries:
                continue
            uuid = fact_uuid(inc, key)
            (win, text), others = entries[0], entries[1:]
            record = {**{m: win[m] for m in META}, "uuid": uuid, "incident_uuid": inc, "fact_key": key,
                      "value": text, "deleted": 0}
            conn.execute(f"INSERT INTO incident_fact_values ({', '.join(record)}, change_seq) VALUES "
                         f"({', '.join('?' * len(record))}, ?)", [*record.values(), seq])
            for r, other in others:
                if other == text:
                    continue
                kept = {**{m: r[m] for m in META}, "uuid": uuid, "incident_uuid": inc, "fact_key": key,
                        "value": other, "deleted": 0}
                variant = f"{kept['version']}:{kept['updated_by_device']}:{kept['updated_at']}"
                conn.execute(
                    "INSERT OR IGNORE INTO sync_record_versions(table_name, uuid, variant, version, updated_at, "
                    "updated_by_device, created_by_team, row_json, found_at, change_seq) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    ("incident_fact_values", uuid, variant, kept["version"], kept["updated_at"],
                     kept["updated_by_device"], kept["created_by_team"],
                     json.dumps(kept, ensure_ascii=False, sort_keys=True), now, seq))
