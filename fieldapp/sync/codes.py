"""Codes stay unique after a merge: two teams' points both called DN-18 are not left ambiguous.

Rule (the same on every replica, so replicas converge without a conflict): among live records of a
table sharing a code in one scope, the earliest (created_at, then uuid) keeps it; every later one
gets the suffix of the installation that created it (``DN-18-K7QF``, fieldapp.core.tags). The
rename is an edit made by "the merge rule": version + 1, ``updated_by_device`` = the nil UUID,
``updated_at`` unchanged, so two replicas renaming the same record make the identical edit. Each
rename is written to the incident log with an id derived from it (the same row everywhere) and
listed in the receipt.

Issued reports are append-only and their numbers printed in the PDF: a clash there (possible only
for numbers issued before numbers carried the installation's tag) is reported, never rewritten.
"""
from __future__ import annotations

import uuid as uuidlib

from fieldapp.core.tags import device_tag

from .backend import as_backend

MERGE_RULE_DEVICE = "00000000-0000-0000-0000-000000000000"
RENAME_NAMESPACE = uuidlib.UUID("0c7e9a52-3d41-5b8f-a2c6-91e4d7f03b28")
UNIQUE_CODES = (("incidents", "code", None, "incident"), ("sampling_points", "code", "incident_uuid", "point"),
                ("samples", "sample_code", "incident_uuid", "sample"))


def make_codes_unique(store, seq: int, rc) -> None:
    conn = as_backend(store)
    for table, col, scope, what in UNIQUE_CODES:
        group = f"{scope}, {col}" if scope else col
        clashes = conn.execute(f'SELECT {group} FROM "{table}" WHERE deleted = 0 GROUP BY {group} '
                               "HAVING COUNT(*) > 1").fetchall()
        for clash in clashes:
            where = f"{scope} = ? AND {col} = ?" if scope else f"{col} = ?"
            rows = conn.execute(f'SELECT uuid, created_by_device, created_by_team, updated_at FROM "{table}" '
                                f"WHERE deleted = 0 AND {where} ORDER BY created_at, uuid", tuple(clash)).fetchall()
            for uuid, device, team, updated_at in rows[1:]:
                _rename(conn, table, col, scope, what, clash, (uuid, device, team, updated_at), seq, rc)


def _rename(conn, table, col, scope, what, clash, rec, seq, rc) -> None:
    uuid, device, team, updated_at = rec
    code = clash[-1]
    new = f"{code}-{device_tag(device)}"
    taken = f"{scope} = ? AND {col} = ?" if scope else f"{col} = ?"
    while conn.execute(f'SELECT 1 FROM "{table}" WHERE deleted = 0 AND {taken}', (*clash[:-1], new)).fetchone():
        new = f"{new}-{device_tag(uuid)}"
    conn.execute(f'UPDATE "{table}" SET {col} = ?, version = version + 1, updated_by_device = ?, change_seq = ? '
                 "WHERE uuid = ?", (new, MERGE_RULE_DEVICE, seq, uuid))
    incident = clash[0] if scope else uuid
    text = (f"{what} {code} ({team}, {uuid[:8]}) renamed {new}: the code was already used in this incident "
            "(merge rule)")
    log_uuid = str(uuidlib.uuid5(RENAME_NAMESPACE, f"{table}/{uuid}/{new}"))
    conn.execute(
        "INSERT INTO incident_log(uuid, created_at, updated_at, created_by_team, created_by_device, "
        "updated_by_device, version, deleted, change_seq, incident_uuid, at, kind, text, who) "
        "VALUES (?, ?, ?, 'FieldApp', ?, ?, 1, 0, ?, ?, ?, 'system', ?, 'FieldApp') ON CONFLICT DO NOTHING",
        (log_uuid, updated_at, updated_at, MERGE_RULE_DEVICE, MERGE_RULE_DEVICE, seq, incident, updated_at, text))
    rc.add("renamed", table, uuid, f"{code} -> {new} (the code was already used)")


def note_report_number_clashes(store, seq: int, rc) -> None:
    db = as_backend(store)
    rows = db.execute(
        f"SELECT report_no, COUNT(*), {db.text_agg('created_by_team', ',', distinct=True)} FROM report_archive "
        "GROUP BY incident_uuid, report_no HAVING COUNT(*) > 1 AND MAX(change_seq) = ?", (seq,)).fetchall()
    for no, n, teams in rows:
        extra = f"{n} issued reports carry the number {no} ({teams}): all are kept, tell them apart by team and time"
        rc.note = f"{rc.note}; {extra}" if rc.note else extra
