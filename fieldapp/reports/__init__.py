"""Situation reports (快报 / 初报 / 续报 / 处理结果报告) as PDFs, incident grading and reporting deadlines.

Core only (no Qt): ``grading`` (levels I–IV from the facts, the Order 17 escalation rule, deadlines),
facts (the lead's facts and narratives: fieldapp.store.facts, one record per fact), ``gather`` (everything a
report shows, read from the store), ``builder`` (reportlab PDF), ``archive`` (issue = archive
immutably with SHA-256), ``cli`` (`fieldapp report ...` and `fieldapp export ...`).
"""
REPORT_TYPES = ("quick", "initial", "followup", "final")


def next_report_type(issued) -> str:
    """The report due next given the types already issued: the one-hour quick report, then the
    initial report, then follow-ups (the report tab preselects it; the first-hour guide drafts it)."""
    issued = set(issued)
    return "quick" if not issued else "initial" if "initial" not in issued else "followup"
