"""Issuing reports (Order No. 17 flow): the one-hour quick report, issue state and final-report facts.

* ``report_archive.report_type`` also allows 'quick' (快报: the one-page first notice under the
  one-hour rule). SQLite cannot change a CHECK in place, so the append-only table is rebuilt: copied
  row for row (the copy fires no UPDATE/DELETE trigger), then its indexes, its append-only triggers
  and its sync objects are made again.
* New archive columns: ``with_gaps`` (1 = issued after the explicit second confirmation, the PDF
  carries "含待补充项"), ``previous_no`` (the report a follow-up or final report builds on),
  ``snapshot`` (JSON: the facts and the level at issue time, so the next report can say what
  changed), ``file_name`` (the PDF written beside the store before the row).
* The final report's facts (response start and termination, social impact, damage assessment,
  restoration, lessons, accountability) need no column: since migration 10 every fact is its own
  record (``incident_fact_values``, one per key), so new keys are only new values of ``fact_key``.
* The report-number index stays NON-unique (migration 9: numbers are scoped by the issuing
  installation, and a unique index would stall sync between two teams).
"""
from . import execute_all
from .m005_sync import sync_object_sql

NUMBER = 12
NAME = "report_issue"

OLD_CHECK = "report_type IN ('initial', 'followup', 'final')"
NEW_CHECK = "report_type IN ('quick', 'initial', 'followup', 'final')"
ARCHIVE_COLUMNS = [
    "ALTER TABLE report_archive ADD COLUMN with_gaps INTEGER NOT NULL DEFAULT 0 CHECK (with_gaps IN (0, 1))",
    "ALTER TABLE report_archive ADD COLUMN previous_no TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE report_archive ADD COLUMN snapshot TEXT NOT NULL DEFAULT '{}'",
    "ALTER TABLE report_archive ADD COLUMN file_name TEXT NOT NULL DEFAULT ''",
]
ARCHIVE_OBJECTS = [
    "CREATE INDEX report_archive_incident ON report_archive(incident_uuid, issued_at)",
    "CREATE INDEX report_archive_no ON report_archive(incident_uuid, report_no)",
    "CREATE TRIGGER report_archive_no_update BEFORE UPDATE ON report_archive "
    "BEGIN SELECT RAISE(ABORT, 'report_archive is append-only'); END",
    "CREATE TRIGGER report_archive_no_delete BEFORE DELETE ON report_archive "
    "BEGIN SELECT RAISE(ABORT, 'report_archive is append-only'); END",
]


def _rebuild_archive(conn) -> None:
    (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'report_archive'").fetchone()
    if OLD_CHECK not in sql:
        raise RuntimeError("report_archive has an unexpected report_type check; not rebuilding it")
    new_sql = sql.replace(OLD_CHECK, NEW_CHECK).replace("CREATE TABLE report_archive", "CREATE TABLE report_archive_m12", 1)
    execute_all(conn, [
        new_sql,
        "INSERT INTO report_archive_m12 SELECT * FROM report_archive",
        "DROP TABLE report_archive",
        "ALTER TABLE report_archive_m12 RENAME TO report_archive",
        *ARCHIVE_OBJECTS,
        *sync_object_sql("report_archive"),
    ])


def up(conn) -> None:
    _rebuild_archive(conn)
    execute_all(conn, ARCHIVE_COLUMNS)
