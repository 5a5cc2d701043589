"""Issue a report: build it, number it, and archive the exact PDF bytes with their SHA-256.

The archive is append-only (database triggers): an issued report is evidence of what was sent and
when. Report numbers count per incident, type AND issuing installation, and carry that
installation's tag (fieldapp.core.tags.device_tag): DEMO-01-CB-K7QF-01, DEMO-01-XB-K7QF-02. Two teams
issuing reports offline get different numbers, so both reports sync (a shared counter would give
both "CB-01" and, with a unique index, stall every later bundle between them). Listings show the
issuing team next to the number.
"""
from __future__ import annotations

import hashlib
import json

from fieldapp.core.tags import device_tag
from fieldapp.core.timeutil import now_iso

from .builder import TYPE_CODES, BuiltReport, build_report
from .gather import gather


def next_report_no(store, incident: dict, report_type: str) -> str:
    device = store.require_identity().device_id
    n = store.conn.execute("SELECT COUNT(*) FROM report_archive WHERE incident_uuid = ? AND report_type = ? "
                           "AND created_by_device = ?", (incident["uuid"], report_type, device)).fetchone()[0]
    return f"{incident['code']}-{TYPE_CODES[report_type]}-{device_tag(device)}-{n + 1:02d}"


def shown_report_no(row: dict) -> str:
    """How a number is displayed everywhere: with the team that issued it."""
    return f"{row['report_no']} ({row.get('created_by_team') or row.get('issued_by') or '?'})"


def make_report(store, incident: dict, report_type: str, lang: str = "zh") -> BuiltReport:
    """A draft (not archived) carrying the number it would get if issued now."""
    return build_report(gather(store, incident), report_type, lang, next_report_no(store, incident, report_type))


def issue_report(store, incident: dict, report_type: str, lang: str = "zh") -> tuple[BuiltReport, dict]:
    """Build and archive in one transaction; returns the report and its archive row (without the blob)."""
    data = gather(store, incident)
    ident = store.require_identity()
    with store.transaction():
        report = build_report(data, report_type, lang, next_report_no(store, incident, report_type))
        row = {**store.new_meta(), "incident_uuid": incident["uuid"], "report_type": report_type,
               "report_no": report.report_no, "lang": lang, "level": data.grading.level,
               "issued_at": now_iso(), "issued_by": f"{ident.team}",
               "gaps": json.dumps(report.gaps, ensure_ascii=False),
               "sha256": hashlib.sha256(report.pdf).hexdigest(), "size": len(report.pdf), "pdf": report.pdf}
        store._insert("report_archive", row)
        store._log_now(incident["uuid"], "report", f"issued {report.report_no} ({report_type}), "
                       f"sha256 {row['sha256'][:12]}")
    return report, {k: v for k, v in row.items() if k != "pdf"}


def list_archive(store, incident_uuid: str) -> list[dict]:
    return list(store.db.query(
        "SELECT uuid, report_type, report_no, lang, level, issued_at, issued_by, created_by_team, sha256, size, "
        "gaps FROM report_archive WHERE incident_uuid = ? ORDER BY issued_at, report_no", [incident_uuid]))


def verify(store, uuid: str) -> bool:
    """True if the archived bytes still hash to the stored SHA-256."""
    pdf, sha = store.conn.execute("SELECT pdf, sha256 FROM report_archive WHERE uuid = ?", (uuid,)).fetchone()
    return hashlib.sha256(pdf).hexdigest() == sha
