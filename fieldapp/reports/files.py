"""Where report PDFs are saved and what they are called (the Reports tab; the CLI's default name).

Next to the store file, in ``reports/``, named by the report number, so a lead finds them without
a file dialog in the way; a draft (not archived) carries ``-draft``. The other papers of an
incident (sample labels, custody forms, a drill's scorecard) are named here too.
"""
from __future__ import annotations

from pathlib import Path

REPORTS_FOLDER = "reports"


def report_file_name(report_no: str, draft: bool) -> str:
    return f"{report_no}{'-draft' if draft else ''}.pdf"


def report_folder(store_path) -> Path:
    return Path(store_path).parent / REPORTS_FOLDER


def labels_file_name(incident_code: str) -> str:
    return f"{incident_code}-labels.pdf"


def custody_file_name(incident_code: str, shipment: int) -> str:
    """``shipment`` counts from 1, as the CLI's --shipment and the tab's list show it."""
    return f"{incident_code}-custody-{shipment}.pdf"


def scorecard_file_name(incident_code: str) -> str:
    return f"{incident_code}-scorecard.pdf"
