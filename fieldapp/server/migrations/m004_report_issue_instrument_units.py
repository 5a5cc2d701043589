"""Store migrations 12 (issuing reports) and 13 (instrument units) on the server.

* ``report_archive.report_type`` also allows 'quick' (快报); new columns ``with_gaps``,
  ``previous_no``, ``snapshot``, ``file_name`` (fieldapp/store/migrations/m012_report_issue.py);
* ``instrument_readings.unit_orig`` (the unit the device sent) and ``channel`` (its label for the
  value) (m013_instrument_units.py). Rows already on the server get what the store migration gives
  its own old rows: their unit and their parameter. The archive's append-only trigger is not
  touched: adding a column with a default rewrites no row through UPDATE.
"""
from .m001_records import T

NUMBER = 4
NAME = "report_issue_instrument_units"

STATEMENTS = [
    "ALTER TABLE report_archive DROP CONSTRAINT report_archive_report_type_check",
    "ALTER TABLE report_archive ADD CONSTRAINT report_archive_report_type_check "
    "CHECK (report_type IN ('quick', 'initial', 'followup', 'final'))",
    "ALTER TABLE report_archive ADD COLUMN with_gaps bigint NOT NULL DEFAULT 0 CHECK (with_gaps IN (0, 1))",
    f"ALTER TABLE report_archive ADD COLUMN previous_no {T} NOT NULL DEFAULT ''",
    f"ALTER TABLE report_archive ADD COLUMN snapshot {T} NOT NULL DEFAULT '{{}}'",
    f"ALTER TABLE report_archive ADD COLUMN file_name {T} NOT NULL DEFAULT ''",
    f"ALTER TABLE instrument_readings ADD COLUMN unit_orig {T} NOT NULL DEFAULT ''",
    f"ALTER TABLE instrument_readings ADD COLUMN channel {T} NOT NULL DEFAULT ''",
    # like the store migration: old rows keep their unit as sent and their parameter as the channel
    # (the readings table has the ancestry trigger only, which ignores edits that keep the variant)
    "UPDATE instrument_readings SET unit_orig = unit, channel = parameter",
]


def up(cur) -> None:
    for sql in STATEMENTS:
        cur.execute(sql)
