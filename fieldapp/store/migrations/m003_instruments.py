"""Instrument data: every raw line/frame received, and the readings parsed from it.

``instrument_raw`` keeps the bytes exactly as received (BLOB), when the laptop received them and
what the instrument's own clock said (clocks drift: both are kept), and the parse status with its
reason, so a quarantined chunk or a rejected GPS fix can be explained later.
``instrument_readings`` holds one row per value, linked to the incident and (when one was
selected) the sampling point; non-numeric values keep value NULL with a flag, never dropped.
"""
from .m001_core import SYNC_COLUMNS

NUMBER = 3
NAME = "instruments"

PARSE_STATUSES = "('ok', 'partial', 'ignored', 'rejected', 'error', 'quarantined')"

STATEMENTS = [
    f"""CREATE TABLE instrument_raw ({SYNC_COLUMNS},
        incident_uuid TEXT REFERENCES incidents(uuid),
        port TEXT NOT NULL DEFAULT '',
        device TEXT NOT NULL,
        profile TEXT NOT NULL,
        kind TEXT NOT NULL,
        received_at TEXT NOT NULL,
        device_time TEXT,
        raw BLOB NOT NULL,
        parse_status TEXT NOT NULL CHECK (parse_status IN {PARSE_STATUSES}),
        reason TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX instrument_raw_device ON instrument_raw(device, received_at)",
    "CREATE INDEX instrument_raw_problems ON instrument_raw(parse_status, received_at) "
    "WHERE parse_status IN ('error', 'quarantined', 'rejected')",
    f"""CREATE TABLE instrument_readings ({SYNC_COLUMNS},
        incident_uuid TEXT REFERENCES incidents(uuid),
        point_uuid TEXT REFERENCES sampling_points(uuid),
        raw_uuid TEXT NOT NULL REFERENCES instrument_raw(uuid),
        device TEXT NOT NULL,
        parameter TEXT NOT NULL,
        value REAL,
        unit TEXT NOT NULL DEFAULT '',
        qualifier TEXT NOT NULL DEFAULT '' CHECK (qualifier IN ('', '<', '>')),
        flag TEXT NOT NULL DEFAULT '',
        value_text TEXT NOT NULL DEFAULT '',
        received_at TEXT NOT NULL,
        device_time TEXT,
        CHECK (value IS NOT NULL OR flag != '')
    )""",
    "CREATE INDEX instrument_readings_point ON instrument_readings(point_uuid, parameter, received_at)",
    "CREATE INDEX instrument_readings_incident ON instrument_readings(incident_uuid, received_at)",
    "CREATE INDEX instrument_readings_raw ON instrument_readings(raw_uuid)",
]


def up(conn) -> None:
    for sql in STATEMENTS:
        conn.execute(sql)
