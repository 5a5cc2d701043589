"""Sync bookkeeping: keys, trusted team keys, peers, imported bundles, record ancestry and versions.

* ``sync_trusted_keys``: the team keys this installation accepts bundles from (Ed25519 public keys).
* ``sync_peers``: per peer, the highest local change_seq already sent (incremental export).
* ``sync_imports``: one row per imported bundle (replays are recognised by ``bundle_id``).
* ``sync_ancestry``: for each synced record, the variants (version:device:updated_at) its current
  value descends from. A trigger fills it on every local edit, so an importer can tell a newer
  edit of the same line of history (fast-forward) from a concurrent edit (conflict).
* ``sync_record_versions``: variants that lost a conflict (kept, never dropped) with a review flag.

Also an index on ``change_seq`` for every synced table, so an incremental export reads only the
changed rows. Tables created by later migrations get the same objects from
``fieldapp.sync.schema.ensure_sync_objects`` (same SQL, IF NOT EXISTS).
"""
NUMBER = 5
NAME = "sync"

SYNC_COLS = ("uuid", "created_at", "updated_at", "created_by_team", "created_by_device",
             "updated_by_device", "version", "deleted", "change_seq")

STATEMENTS = [
    """CREATE TABLE sync_trusted_keys (
        public_key TEXT PRIMARY KEY NOT NULL,
        fingerprint TEXT NOT NULL UNIQUE,
        team TEXT NOT NULL DEFAULT '',
        device TEXT NOT NULL DEFAULT '',
        device_id TEXT NOT NULL DEFAULT '',
        label TEXT NOT NULL DEFAULT '',
        added_at TEXT NOT NULL,
        how TEXT NOT NULL DEFAULT 'file'
    )""",
    """CREATE TABLE sync_peers (
        peer TEXT PRIMARY KEY NOT NULL,
        last_sent_seq INTEGER NOT NULL DEFAULT 0,
        last_sent_at TEXT NOT NULL DEFAULT ''
    )""",
    """CREATE TABLE sync_imports (
        bundle_id TEXT PRIMARY KEY NOT NULL,
        manifest_sha256 TEXT NOT NULL,
        sender_team TEXT NOT NULL,
        sender_device_id TEXT NOT NULL,
        sender_key TEXT NOT NULL,
        from_seq INTEGER NOT NULL,
        to_seq INTEGER NOT NULL,
        imported_at TEXT NOT NULL,
        local_seq INTEGER NOT NULL,
        receipt TEXT NOT NULL
    )""",
    """CREATE TABLE sync_ancestry (
        table_name TEXT NOT NULL,
        uuid TEXT NOT NULL,
        variant TEXT NOT NULL,
        PRIMARY KEY (table_name, uuid, variant)
    ) WITHOUT ROWID""",
    """CREATE TABLE sync_record_versions (
        table_name TEXT NOT NULL,
        uuid TEXT NOT NULL,
        variant TEXT NOT NULL,
        version INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by_device TEXT NOT NULL,
        created_by_team TEXT NOT NULL,
        row_json TEXT NOT NULL,
        found_at TEXT NOT NULL,
        change_seq INTEGER NOT NULL,
        reviewed INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (table_name, uuid, variant)
    )""",
    "CREATE INDEX sync_record_versions_seq ON sync_record_versions(change_seq)",
    "CREATE INDEX sync_record_versions_review ON sync_record_versions(reviewed, table_name)",
]

NOT_SYNCED_PREFIXES = ("toolkit_", "sync_", "_fieldapp", "sqlite_", "idx_", "spatial", "geometry_",
                       "views_geometry", "virts_geometry", "vector_", "raster_", "data_licenses",
                       "ElementaryGeometries", "KNN", "SpatialIndex", "sql_statements_log", "SE_",
                       "rl2map", "wms_", "topologies", "networks", "stored_", "iso_", "ISO_")


def synced_tables(conn) -> list[str]:
    """Every table carrying all the sync columns, except toolkit/sync/SpatiaLite internals."""
    out = []
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"):
        if name.startswith(NOT_SYNCED_PREFIXES) or name == "meta":
            continue
        cols = {r[1] for r in conn.execute(f'PRAGMA table_info("{name}")')}
        if set(SYNC_COLS) <= cols:
            out.append(name)
    return out


def sync_object_sql(table: str) -> list[str]:
    """Index on change_seq plus the ancestry trigger for one synced table (idempotent SQL)."""
    return [
        f'CREATE INDEX IF NOT EXISTS "{table}_change_seq" ON "{table}"(change_seq)',
        # Remember the variant an edit replaced: that variant is an ancestor of the new value.
        (f'CREATE TRIGGER IF NOT EXISTS "{table}_sync_ancestry" AFTER UPDATE ON "{table}" '
        "WHEN OLD.version IS NOT NEW.version OR OLD.updated_by_device IS NOT NEW.updated_by_device "
        "OR OLD.updated_at IS NOT NEW.updated_at "
        f"BEGIN INSERT OR IGNORE INTO sync_ancestry(table_name, uuid, variant) VALUES ('{table}', OLD.uuid, "
        "OLD.version || ':' || OLD.updated_by_device || ':' || OLD.updated_at); END"),
    ]


def up(conn) -> None:
    for sql in STATEMENTS:
        conn.execute(sql)
    for table in synced_tables(conn):
        for sql in sync_object_sql(table):
            conn.execute(sql)
