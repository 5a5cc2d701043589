"""Where report PDFs are saved and what they are called (the Reports tab; the CLI's default name).

Next to the store file, in ``reports/``, named by the report number, so a lead finds them without
a file dialog in the way; a draft (not archived) carries ``-draft``.
"""
from __future__ import annotations

from pathlib import Path

REPORTS_FOLDER = "reports"


def report_file_name(report_no: str, draft: bool) -> str:
    return f"{report_no}{'-draft' if draft else ''}.pdf"


def report_folder(store_path) -> Path:
    return Path(store_path).parent / REPORTS_FOLDER
