"""Situation reports (快报 / 初报 / 续报 / 处理结果报告) as PDFs, incident grading and reporting deadlines.

Core only (no Qt): ``grading`` (levels I–IV from the facts, the Order 17 escalation rule, deadlines),
``facts`` (the lead's facts and narratives, stored in ``incident_facts``), ``gather`` (everything a
report shows, read from the store), ``builder`` (reportlab PDF), ``archive`` (issue = archive
immutably with SHA-256), ``cli`` (`fieldapp report ...` and `fieldapp export ...`).
"""
REPORT_TYPES = ("quick", "initial", "followup", "final")
