"""Issue a report: build it, number it, write the PDF, then archive it immutably with its SHA-256.

The archive is append-only (database triggers): an issued report is evidence of what was sent and
when. Report numbers count per incident, type AND issuing installation, and carry that
installation's tag (fieldapp.core.tags.device_tag): DEMO-01-CB-K7QF-01, DEMO-01-XB-K7QF-02. Two teams
issuing reports offline get different numbers, so both reports sync (a shared counter would give
both "CB-01" and, with a unique index, stall every later bundle between them). Listings show the
issuing team next to the number.

Issuing is one operation in this order, so an archive row never points at a report that is not on
disk: (1) build; if facts are missing, refuse with the list (``MissingFields``) unless the caller
confirmed a second time, in which case every page says "含待补充项"; (2) write the PDF beside the
store under a temporary name, fsync it, rename it to its number and fsync the folder; (3) insert the
archive row and the log entry in one transaction (the number re-checked inside it). If (3) fails
the file is removed again. ``produce`` is the one call the UI and the CLI make (drafts and issues).
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from fieldapp.core.tags import device_tag
from fieldapp.core.timeutil import now_iso

from .builder import TYPE_CODES, BuiltReport, ReportError, plan, render
from .files import report_file_name, report_folder
from .gather import gather


class MissingFields(ReportError):
    """Issuing refused: facts are missing. ``gaps`` names them in the report's language."""

    def __init__(self, gaps: list[str], gap_keys: list[str], lang: str):
        self.gaps, self.gap_keys, self.lang = list(gaps), list(gap_keys), lang
        sep = "；" if lang == "zh" else "; "
        lead = "尚有待补充事项，未签发：" if lang == "zh" else "not issued, facts still missing: "
        super().__init__(lead + sep.join(self.gaps))


@dataclass
class Produced:
    report: BuiltReport
    path: Path
    row: dict | None = None          # the archive row (without the PDF bytes) when issued


def next_report_no(store, incident: dict, report_type: str) -> str:
    device = store.require_identity().device_id
    n = store.conn.execute("SELECT COUNT(*) FROM report_archive WHERE incident_uuid = ? AND report_type = ? "
                           "AND created_by_device = ?", (incident["uuid"], report_type, device)).fetchone()[0]
    return f"{incident['code']}-{TYPE_CODES[report_type]}-{device_tag(device)}-{n + 1:02d}"


def shown_report_no(row: dict) -> str:
    """How a number is displayed everywhere: with the team that issued it."""
    return f"{row['report_no']} ({row.get('created_by_team') or row.get('issued_by') or '?'})"


def reports_folder(store) -> Path:
    """Where a store's PDFs go: ``reports/`` beside the store file (fieldapp.reports.files)."""
    return report_folder(store.path)


def make_report(store, incident: dict, report_type: str, lang: str = "zh") -> BuiltReport:
    """A draft (not archived, marked 草稿 on every page) carrying the number it would get if issued now."""
    return render(plan(gather(store, incident), report_type, lang, next_report_no(store, incident, report_type)))


def write_durably(path: Path, data: bytes, *, overwrite: bool) -> Path:
    """Write ``data`` to ``path`` via a temporary file, fsync it and its folder; never a half file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and not overwrite:
        raise ReportError(f"{path} already exists: an issued report is never overwritten")
    tmp = path.with_name(f".{path.name}.part")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    return path


def _snapshot(data) -> str:
    g = data.grading
    facts = {k: v for k, v in data.facts.items() if k != "uuid"}
    return json.dumps({"facts": facts, "level": g.level, "provisional": g.provisional,
                       "report_track": g.report_track}, ensure_ascii=False, sort_keys=True)


def issue_report(store, incident: dict, report_type: str, lang: str = "zh", *, confirm_gaps: bool = False,
                 folder: Path | None = None) -> tuple[BuiltReport, dict]:
    """Build, write and archive; raises MissingFields when facts are missing and not confirmed."""
    data = gather(store, incident)
    ident = store.require_identity()
    report_no = next_report_no(store, incident, report_type)
    story = plan(data, report_type, lang, report_no)
    if story.gaps and not confirm_gaps:
        raise MissingFields(story.gaps, story.gap_keys, lang)
    report = render(story, "issued_with_gaps" if story.gaps else "issued")
    target = write_durably(Path(folder or reports_folder(store)) / report_file_name(report_no, draft=False),
                           report.pdf, overwrite=False)
    try:
        with store.transaction():
            if next_report_no(store, incident, report_type) != report_no:
                raise ReportError(f"report number {report_no} was taken meanwhile: issue again")
            row = {**store.new_meta(), "incident_uuid": incident["uuid"], "report_type": report_type,
                   "report_no": report_no, "lang": lang, "level": data.grading.level,
                   "issued_at": now_iso(), "issued_by": f"{ident.team}",
                   "gaps": json.dumps(report.gaps, ensure_ascii=False), "with_gaps": int(bool(report.gaps)),
                   "previous_no": data.previous["report_no"] if data.previous else "",
                   "snapshot": _snapshot(data), "file_name": target.name,
                   "sha256": hashlib.sha256(report.pdf).hexdigest(), "size": len(report.pdf), "pdf": report.pdf}
            store._insert("report_archive", row)
            store._log_now(incident["uuid"], "report", f"issued {report_no} ({report_type}"
                           f"{', with missing items' if report.gaps else ''}), sha256 {row['sha256'][:12]}")
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return report, {k: v for k, v in row.items() if k != "pdf"}


def produce(store, incident: dict, report_type: str, lang: str = "zh", *, issue: bool = False,
            confirm_gaps: bool = False, folder: Path | None = None) -> Produced:
    """The one call behind "Generate" and "Issue" (UI and CLI; safe to run on a worker thread with
    its own store connection): a draft written as <no>-draft.pdf, or an issued report."""
    folder = Path(folder) if folder else reports_folder(store)
    if issue:
        report, row = issue_report(store, incident, report_type, lang, confirm_gaps=confirm_gaps, folder=folder)
        return Produced(report, folder / row["file_name"], row)
    report = make_report(store, incident, report_type, lang)
    return Produced(report, write_durably(folder / report_file_name(report.report_no, draft=True), report.pdf,
                                          overwrite=True))


def list_archive(store, incident_uuid: str) -> list[dict]:
    return list(store.db.query(
        "SELECT uuid, report_type, report_no, lang, level, issued_at, issued_by, created_by_team, sha256, size, "
        "gaps, with_gaps, previous_no, file_name FROM report_archive WHERE incident_uuid = ? "
        "ORDER BY issued_at, report_no", [incident_uuid]))


def verify(store, uuid: str) -> bool:
    """True if the archived bytes still hash to the stored SHA-256."""
    pdf, sha = store.conn.execute("SELECT pdf, sha256 FROM report_archive WHERE uuid = ?", (uuid,)).fetchone()
    return hashlib.sha256(pdf).hexdigest() == sha


__all__ = ["MissingFields", "Produced", "issue_report", "list_archive", "make_report",
           "next_report_no", "produce", "reports_folder", "shown_report_no", "verify", "write_durably"]
