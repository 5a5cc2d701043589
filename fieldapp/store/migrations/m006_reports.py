"""Situation reports: issued reports (immutable archive) and the incident facts grading relies on.

* ``report_archive``: one row per ISSUED report (初报/续报/处理结果报告) with the exact PDF bytes and
  their SHA-256. Append-only at the database level: what was sent to the authorities never changes;
  a correction is a new, later report. Carries the sync columns so sync bundles include it.
* ``incident_facts``: the facts the lead enters for grading and the report (deaths, poisonings,
  evacuations, loss, interrupted drinking-water sources, narratives). One live row per incident,
  edited in place (version bumps) like any synced record. NULL = "not known yet", which the report
  marks as a gap, while 0 is a confirmed zero.
"""
from .m001_core import SYNC_COLUMNS

NUMBER = 6
NAME = "reports"

STATEMENTS = [
    f"""CREATE TABLE report_archive ({SYNC_COLUMNS},
        incident_uuid TEXT NOT NULL REFERENCES incidents(uuid),
        report_type TEXT NOT NULL CHECK (report_type IN ('initial', 'followup', 'final')),
        report_no TEXT NOT NULL,
        lang TEXT NOT NULL DEFAULT 'zh',
        level TEXT NOT NULL DEFAULT '',
        issued_at TEXT NOT NULL,
        issued_by TEXT NOT NULL DEFAULT '',
        gaps TEXT NOT NULL DEFAULT '[]',
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        size INTEGER NOT NULL,
        pdf BLOB NOT NULL
    )""",
    "CREATE INDEX report_archive_incident ON report_archive(incident_uuid, issued_at)",
    "CREATE UNIQUE INDEX report_archive_no ON report_archive(incident_uuid, report_no)",
    f"""CREATE TABLE incident_facts ({SYNC_COLUMNS},
        incident_uuid TEXT NOT NULL REFERENCES incidents(uuid),
        deaths INTEGER CHECK (deaths IS NULL OR deaths >= 0),
        poisoned INTEGER CHECK (poisoned IS NULL OR poisoned >= 0),
        evacuated INTEGER CHECK (evacuated IS NULL OR evacuated >= 0),
        economic_loss_yuan REAL CHECK (economic_loss_yuan IS NULL OR economic_loss_yuan >= 0),
        water_source_interrupted TEXT CHECK (water_source_interrupted IS NULL OR
            water_source_interrupted IN ('none', 'township', 'county', 'city')),
        boundary_impact TEXT CHECK (boundary_impact IS NULL OR
            boundary_impact IN ('none', 'county', 'city', 'province', 'national')),
        sensitive_population INTEGER CHECK (sensitive_population IS NULL OR sensitive_population IN (0, 1)),
        info_source TEXT NOT NULL DEFAULT '',
        cause TEXT NOT NULL DEFAULT '',
        pollutant_quantity TEXT NOT NULL DEFAULT '',
        trend TEXT NOT NULL DEFAULT '',
        measures TEXT NOT NULL DEFAULT '',
        next_steps TEXT NOT NULL DEFAULT '',
        process TEXT NOT NULL DEFAULT '',
        results TEXT NOT NULL DEFAULT '',
        losses TEXT NOT NULL DEFAULT '',
        remaining TEXT NOT NULL DEFAULT '',
        reporting_unit TEXT NOT NULL DEFAULT '',
        signatory TEXT NOT NULL DEFAULT '',
        contact TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX incident_facts_incident ON incident_facts(incident_uuid)",
    # The archive never changes: no UPDATE, no DELETE (a withdrawn report is superseded by a new one).
    "CREATE TRIGGER report_archive_no_update BEFORE UPDATE ON report_archive "
    "BEGIN SELECT RAISE(ABORT, 'report_archive is append-only'); END",
    "CREATE TRIGGER report_archive_no_delete BEFORE DELETE ON report_archive "
    "BEGIN SELECT RAISE(ABORT, 'report_archive is append-only'); END",
]


def up(conn) -> None:
    for sql in STATEMENTS:
        conn.execute(sql)
