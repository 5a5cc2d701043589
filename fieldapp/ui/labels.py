"""Display names of stored codes (roles, media, statuses…), translated through Qt.

Stored values stay English codes so data exchange never depends on the interface language.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


def roles() -> dict[str, str]:
    return {
        "upstream_control": QCoreApplication.translate("Labels", "Upstream control"),
        "source": QCoreApplication.translate("Labels", "Pollution source"),
        "downstream": QCoreApplication.translate("Labels", "Downstream section"),
        "water_intake": QCoreApplication.translate("Labels", "Drinking-water intake"),
        "background": QCoreApplication.translate("Labels", "Background"),
        "other": QCoreApplication.translate("Labels", "Other"),
    }


def media() -> dict[str, str]:
    return {
        "water": QCoreApplication.translate("Labels", "Water"),
        "air": QCoreApplication.translate("Labels", "Air"),
        "soil": QCoreApplication.translate("Labels", "Soil"),
        "sediment": QCoreApplication.translate("Labels", "Sediment"),
    }


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
    return {
        "tailings_leak": QCoreApplication.translate("Labels", "Tailings pond leak"),
        "tanker_accident": QCoreApplication.translate("Labels", "Road tanker accident"),
        "fire_water": QCoreApplication.translate("Labels", "Plant fire-water runoff"),
        "pipeline_oil": QCoreApplication.translate("Labels", "Pipeline oil leak"),
        "heavy_metal_discharge": QCoreApplication.translate("Labels", "Industrial heavy-metal discharge"),
        "other": QCoreApplication.translate("Labels", "Other"),
    }


def standards() -> dict[str, str]:
    return {
        "GB3838-I": QCoreApplication.translate("Labels", "GB 3838-2002 class I"),
        "GB3838-II": QCoreApplication.translate("Labels", "GB 3838-2002 class II"),
        "GB3838-III": QCoreApplication.translate("Labels", "GB 3838-2002 class III (default)"),
        "GB3838-IV": QCoreApplication.translate("Labels", "GB 3838-2002 class IV"),
        "GB3838-V": QCoreApplication.translate("Labels", "GB 3838-2002 class V"),
        "GB5749": QCoreApplication.translate("Labels", "GB 5749-2022 drinking water"),
    }


def fill_combo(combo, mapping: dict[str, str], current: str | None = None) -> None:
    """Fill a QComboBox with display names, keeping the stored code as item data."""
    combo.clear()
    for code, label in mapping.items():
        combo.addItem(label, code)
    if current is not None:
        i = combo.findData(current)
        if i >= 0:
            combo.setCurrentIndex(i)
