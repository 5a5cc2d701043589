"""Core schema: incidents, sampling points, samples, custody, measurements, attachments, log.

Every record carries the sync columns (SYNC_COLUMNS): a UUID primary key, created/updated times,
who wrote it (team and device), a version that goes up on every edit, a soft-delete tombstone and
the local change sequence number incremental sync bundles select on.
"""
from . import execute_all

NUMBER = 1
NAME = "core"

SYNC_COLUMNS = """
    uuid TEXT PRIMARY KEY NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    created_by_team TEXT NOT NULL,
    created_by_device TEXT NOT NULL,
    updated_by_device TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    change_seq INTEGER NOT NULL DEFAULT 0
"""

# Append-only tables refuse UPDATE and DELETE at the database level, not just in the API.
APPEND_ONLY = ("custody_events", "incident_log")

STATEMENTS = [
    """CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    f"""CREATE TABLE incidents ({SYNC_COLUMNS},
        code TEXT NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT '',
        description TEXT NOT NULL DEFAULT '',
        location TEXT NOT NULL DEFAULT '',
        discovered_at TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
        standard TEXT NOT NULL DEFAULT 'GB3838-III',
        is_demo INTEGER NOT NULL DEFAULT 0
    )""",
    f"""CREATE TABLE sampling_points ({SYNC_COLUMNS},
        incident_uuid TEXT NOT NULL REFERENCES incidents(uuid),
        code TEXT NOT NULL,
        name TEXT NOT NULL DEFAULT '',
        media TEXT NOT NULL CHECK (media IN ('water', 'air', 'soil', 'sediment')),
        role TEXT NOT NULL DEFAULT 'other',
        description TEXT NOT NULL DEFAULT '',
        lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
        lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
        coord_source TEXT NOT NULL DEFAULT 'typed'
    )""",
    "SELECT AddGeometryColumn('sampling_points', 'geom', 4326, 'POINT', 'XY', 1)",
    "SELECT CreateSpatialIndex('sampling_points', 'geom')",
    "CREATE INDEX sampling_points_incident ON sampling_points(incident_uuid, code)",
    f"""CREATE TABLE samples ({SYNC_COLUMNS},
        incident_uuid TEXT NOT NULL REFERENCES incidents(uuid),
        point_uuid TEXT NOT NULL REFERENCES sampling_points(uuid),
        sample_code TEXT NOT NULL,
        matrix TEXT NOT NULL DEFAULT 'water',
        collected_at TEXT NOT NULL,
        collected_by TEXT NOT NULL DEFAULT '',
        depth_m REAL CHECK (depth_m IS NULL OR depth_m >= 0),
        container TEXT NOT NULL DEFAULT '',
        preservative TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'collected'
    )""",
    "CREATE INDEX samples_point ON samples(point_uuid)",
    "CREATE INDEX samples_code ON samples(incident_uuid, sample_code)",
    f"""CREATE TABLE custody_events ({SYNC_COLUMNS},
        sample_uuid TEXT NOT NULL REFERENCES samples(uuid),
        from_party TEXT NOT NULL,
        to_party TEXT NOT NULL,
        at TEXT NOT NULL,
        place TEXT NOT NULL DEFAULT '',
        condition TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX custody_sample ON custody_events(sample_uuid, at)",
    f"""CREATE TABLE measurements ({SYNC_COLUMNS},
        incident_uuid TEXT NOT NULL REFERENCES incidents(uuid),
        point_uuid TEXT NOT NULL REFERENCES sampling_points(uuid),
        sample_uuid TEXT REFERENCES samples(uuid),
        parameter TEXT NOT NULL,
        value REAL,
        unit TEXT NOT NULL,
        value_orig TEXT NOT NULL,
        unit_orig TEXT NOT NULL,
        qualifier TEXT NOT NULL DEFAULT '' CHECK (qualifier IN ('', '<', '>', 'ND')),
        method TEXT NOT NULL DEFAULT '',
        instrument TEXT NOT NULL DEFAULT '',
        measured_at TEXT NOT NULL,
        entered_by TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'instrument')),
        CHECK (value IS NOT NULL OR qualifier = 'ND')
    )""",
    "CREATE INDEX measurements_point ON measurements(point_uuid, measured_at)",
    "CREATE INDEX measurements_incident ON measurements(incident_uuid, parameter)",
    f"""CREATE TABLE attachments ({SYNC_COLUMNS},
        incident_uuid TEXT NOT NULL REFERENCES incidents(uuid),
        owner_table TEXT NOT NULL,
        owner_uuid TEXT NOT NULL,
        filename TEXT NOT NULL,
        mime TEXT NOT NULL DEFAULT 'application/octet-stream',
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        caption TEXT NOT NULL DEFAULT '',
        data BLOB NOT NULL
    )""",
    "CREATE INDEX attachments_owner ON attachments(owner_table, owner_uuid)",
    f"""CREATE TABLE incident_log ({SYNC_COLUMNS},
        incident_uuid TEXT NOT NULL REFERENCES incidents(uuid),
        at TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('action', 'decision', 'observation', 'report', 'system', 'checklist')),
        text TEXT NOT NULL,
        who TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX incident_log_at ON incident_log(incident_uuid, at)",
]


def up(conn) -> None:
    execute_all(conn, STATEMENTS)
    for table in APPEND_ONLY:
        conn.execute(
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
        )
        conn.execute(
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
        )
