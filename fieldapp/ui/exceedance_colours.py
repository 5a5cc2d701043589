"""Exceedance annotation of measurement rows for the sampling tables (the main window's measurement table).

The judgement itself is the core's (fieldapp.toolkit.assess_measurement against the standard of the
point: incident default, or the point's role such as a drinking-water intake). This module only turns
the Assessment into the three keys the table shows: limit_text, exceed_text and exceed_colour.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from fieldapp.core.units import format_number
from fieldapp.toolkit import (
    MeasurementError,
    assess_measurement,
    format_multiple,
    load_toolkit,
    standard_for_point,
)
from fieldapp.ui import labels

# Light backgrounds: the table text stays black and readable, also on a dim laptop screen in the sun.
EXCEEDED = ("#f8c8c8", "#f2a6a6", "#e98585")   # over the limit; over by > 2 times; over by > 10 times
OK = "#d6efd6"
NOT_MEASURABLE = "#e4e4e4"                    # ND and <LOD: never an alarm
UNCERTAIN = "#fbe7b5"                         # LOD above the limit, ">x" below the limit


def _num(v: float) -> str:
    """Limits as the standards print them: 0.00002, not 2e-05 or 0.00002000."""
    text = format_number(v, 6)
    return text.rstrip("0").rstrip(".") if "." in text else text


def _exceeded_colour(ratio: float | None) -> str:
    if ratio is None:            # pH out of range
        return EXCEEDED[1]
    return EXCEEDED[2] if ratio > 11 else EXCEEDED[1] if ratio > 3 else EXCEEDED[0]


def _multiple_text(multiple: float, lang: str) -> str:
    """超标1.4倍 (the way Chinese reports state (C - L) / L); English: "1.4× over"."""
    if lang == "zh":
        return format_multiple(multiple, "zh")
    return f"{multiple:.2f}".rstrip("0").rstrip(".") + "× over"


class ExceedanceColours:
    """annotate(row, incident, point) adds limit_text, exceed_text, exceed_colour (and exceed_tip)."""

    def __init__(self, toolkit=None, lang: str = "zh"):
        self.toolkit = toolkit or load_toolkit()
        self.lang = lang  # "zh" or "en": set by the toolkit panel when the UI language changes

    def assessment(self, row: dict, incident: dict | None, point: dict | None):
        """The core Assessment, or None when the row cannot be judged (unknown unit, bad value)."""
        standard = standard_for_point(incident, point or {"role": row.get("point_role")})
        try:
            return assess_measurement(row, standard, self.toolkit)
        except MeasurementError:
            return None

    def annotate(self, row: dict, incident: dict | None, point: dict | None) -> dict:
        a = self.assessment(row, incident, point)
        row["limit_text"], row["exceed_text"], row["exceed_colour"], row["exceed_tip"] = "", "", None, ""
        if a is None:
            row["exceed_text"] = QCoreApplication.translate("Exceedance", "cannot judge: unit")
            return row
        if a.status == "unknown_parameter":
            return row  # not a toolkit pollutant (COD, turbidity…): nothing to say
        row["pollutant_id"] = a.pollutant_id
        lim = a.limit
        if lim is not None:
            row["limit_text"] = self._limit_text(lim)
            row["exceed_tip"] = self._tip(a)
        status = a.status
        if status == "exceeded":
            row["exceed_colour"] = _exceeded_colour(a.ratio)
            if a.direction:
                row["exceed_text"] = (QCoreApplication.translate("Exceedance", "out of range (low)")
                                      if a.direction == "low"
                                      else QCoreApplication.translate("Exceedance", "out of range (high)"))
            else:
                row["exceed_text"] = _multiple_text(a.multiple, self.lang)
        elif status == "ok":
            row["exceed_colour"] = OK
            row["exceed_text"] = QCoreApplication.translate("Exceedance", "within limit")
        elif status == "not_detected":
            row["exceed_colour"] = NOT_MEASURABLE
            row["exceed_text"] = QCoreApplication.translate("Exceedance", "not detected")
        elif status == "below_lod":
            if a.lod_above_limit:
                row["exceed_colour"] = UNCERTAIN
                row["exceed_text"] = QCoreApplication.translate("Exceedance", "<LOD, but LOD above limit")
            else:
                row["exceed_colour"] = NOT_MEASURABLE
                row["exceed_text"] = QCoreApplication.translate("Exceedance", "below LOD")
        elif status == "indeterminate":
            row["exceed_colour"] = UNCERTAIN
            row["exceed_text"] = QCoreApplication.translate("Exceedance", "cannot judge (\">\" reading)")
        elif status == "no_limit":
            row["limit_text"] = QCoreApplication.translate("Exceedance", "no limit")
        return row

    def _limit_text(self, lim) -> str:
        if lim.is_range:
            return f"{_num(lim.low)}–{_num(lim.high)}"
        text = f"≤{_num(lim.value)} mg/L"
        if lim.reference_only:  # GB 3838 Table 2/3 value, defined for drinking-water source areas
            text += QCoreApplication.translate("Exceedance", " (source area)")
        return text

    def _tip(self, a) -> str:
        lim = a.limit
        std = labels.standards().get(a.standard) or {
            "GB3838-source": QCoreApplication.translate("Exceedance", "GB 3838-2002 drinking-water source area")
        }.get(a.standard, a.standard)
        parts = [QCoreApplication.translate("Exceedance", "Standard: {0}").format(std)]
        if lim.source:
            parts.append(QCoreApplication.translate("Exceedance", "Source: {0}").format(lim.source))
        if lim.confidence:
            conf = {"confirmed": QCoreApplication.translate("Exceedance", "confirmed"),
                    "verify": QCoreApplication.translate("Exceedance", "standard value to verify"),
                    "uncertain": QCoreApplication.translate("Exceedance", "uncertain")}
            parts.append(QCoreApplication.translate("Exceedance", "Confidence: {0}").format(
                conf.get(lim.confidence, lim.confidence)))
        if lim.reference_only:
            parts.append(QCoreApplication.translate(
                "Exceedance", "GB 3838 gives this pollutant one value, defined for drinking-water source "
                "areas; it is applied here as a reference."))
        parts.append(QCoreApplication.translate("Exceedance", "Double-click to open the pollutant page."))
        return "\n".join(parts)
