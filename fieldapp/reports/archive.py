"""Issue a report: build it, number it, and archive the exact PDF bytes with their SHA-256.

The archive is append-only (database triggers): an issued report is evidence of what was sent and
when. Report numbers count per incident and type: DEMO-01-CB-01, DEMO-01-XB-02, ...
"""
from __future__ import annotations

import hashlib
import json

from fieldapp.core.timeutil import now_iso

from .builder import TYPE_CODES, BuiltReport, build_report
from .gather import gather


def next_report_no(store, incident: dict, report_type: str) -> str:
    n = store.conn.execute("SELECT COUNT(*) FROM report_archive WHERE incident_uuid = ? AND report_type = ?",
                           (incident["uuid"], report_type)).fetchone()[0]
    return f"{incident['code']}-{TYPE_CODES[report_type]}-{n + 1:02d}"


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
        "SELECT uuid, report_type, report_no, lang, level, issued_at, issued_by, sha256, size, gaps "
        "FROM report_archive WHERE incident_uuid = ? ORDER BY issued_at", [incident_uuid]))


def verify(store, uuid: str) -> bool:
    """True if the archived bytes still hash to the stored SHA-256."""
    pdf, sha = store.conn.execute("SELECT pdf, sha256 FROM report_archive WHERE uuid = ?", (uuid,)).fetchone()
    return hashlib.sha256(pdf).hexdigest() == sha
