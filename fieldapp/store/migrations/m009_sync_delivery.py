"""Delivery tracking and no natural key that can refuse a merge.

* ``sync_peers`` counts the bundles written to each peer (``sent_count``: the bundle's serial
  number, so a receiver can say "bundle 3 from 应急一队 is missing").
* ``sync_imports`` remembers the serial and peer name of every imported bundle.
* ``sync_acks``: what each other installation told us (in its bundles' manifests) it holds of OUR
  changes; ``bundle export --resend`` starts there.
* ``report_archive``: the UNIQUE (incident, report_no) index goes. Report numbers are now scoped by
  the issuing installation (fieldapp.reports.archive), and two teams' reports must both sync; a
  clash of numbers is reported in the import receipt instead of refusing the bundle forever.
"""
NUMBER = 9
NAME = "sync_delivery"

STATEMENTS = [
    "ALTER TABLE sync_peers ADD COLUMN sent_count INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE sync_imports ADD COLUMN serial INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE sync_imports ADD COLUMN peer TEXT NOT NULL DEFAULT ''",
    "CREATE INDEX sync_imports_sender ON sync_imports(sender_device_id, from_seq)",
    """CREATE TABLE sync_acks (
        device_id TEXT PRIMARY KEY NOT NULL,
        team TEXT NOT NULL DEFAULT '',
        holds_seq INTEGER NOT NULL,
        bundle_id TEXT NOT NULL,
        reported_at TEXT NOT NULL
    )""",
    "DROP INDEX IF EXISTS report_archive_no",
    "CREATE INDEX report_archive_no ON report_archive(incident_uuid, report_no)",
]


def up(conn) -> None:
    for sql in STATEMENTS:
        conn.execute(sql)
