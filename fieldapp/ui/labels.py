"""Display names of stored codes. Domain words (roles, media, standards) come from the vocabulary in
the UI language; UI-only codes (sample status, log kinds…) are translated through Qt.

Stored values stay English codes so data exchange never depends on the interface language.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from fieldapp.vocab import MEDIA, ROLE_CODES, STANDARDS, medium_label, role_label, standard_label
from fieldapp.vocab.standards import CLASS_STANDARDS, SOURCE_STANDARDS
from fieldapp.vocab.incidents import KIND_CODES, incident_kind_label


def _t(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


_LANG = ["zh"]


def set_ui_lang(lang: str) -> None:
    """Called when the interface language changes (fieldapp.ui.app.Translations)."""
    _LANG[0] = "en" if lang.startswith("en") else "zh"


def ui_lang() -> str:
    """'zh' or 'en': the language domain words (roles, media, verdicts, parameters) are shown in."""
    return _LANG[0]


def roles() -> dict[str, str]:
    """Role code -> name, from the vocabulary (the same words as the map, reports and CLI)."""
    return {code: role_label(code, ui_lang()) for code in ROLE_CODES}


def media() -> dict[str, str]:
    return {code: medium_label(code, ui_lang()) for code in MEDIA}


def sample_status() -> dict[str, str]:
    return {
        "collected": QCoreApplication.translate("Labels", "Collected"),
        "in_transit": QCoreApplication.translate("Labels", "In transit"),
        "received": QCoreApplication.translate("Labels", "Received by lab"),
        "analysed": QCoreApplication.translate("Labels", "Analysed"),
        "disposed": QCoreApplication.translate("Labels", "Disposed"),
    }


def log_kinds() -> dict[str, str]:
    return {
        "observation": QCoreApplication.translate("Labels", "Observation"),
        "action": QCoreApplication.translate("Labels", "Action"),
        "decision": QCoreApplication.translate("Labels", "Decision"),
        "report": QCoreApplication.translate("Labels", "Report"),
        "system": QCoreApplication.translate("Labels", "System"),
        "checklist": QCoreApplication.translate("Labels", "Checklist"),
    }


def incident_kinds() -> dict[str, str]:
    """Incident kind code -> label, from the vocabulary (reports and exports print the same words)."""
    return {code: incident_kind_label(code, ui_lang()) for code in KIND_CODES}


def standards() -> dict[str, str]:
    """Standard id -> label, from the vocabulary."""
    return {std: standard_label(std, ui_lang()) for std in STANDARDS}


def class_standards() -> dict[str, str]:
    """The surface-water classes an incident is judged against at ordinary sections."""
    return {std: standard_label(std, ui_lang()) for std in CLASS_STANDARDS}


def source_standards() -> dict[str, str]:
    """What drinking-water intakes are judged against (the stricter class II is the default)."""
    return {std: standard_label(std, ui_lang()) for std in SOURCE_STANDARDS}


def fill_combo(combo, mapping: dict[str, str], current: str | None = None) -> None:
    """Fill a QComboBox with display names, keeping the stored code as item data."""
    combo.clear()
    for code, label in mapping.items():
        combo.addItem(label, code)
    if current is not None:
        i = combo.findData(current)
        if i >= 0:
            combo.setCurrentIndex(i)
