"""Verdict columns of the measurement table: the core's verdict (fieldapp.vocab.judge_row against the
point's standard and medium) turned into the texts and background the table shows.

Nothing is judged here: words, colours and the standard's name all come from the vocabulary, so the
table says exactly what the map, the reports and `fieldapp toolkit assess` say.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from fieldapp.ui.labels import ui_lang

# The vocabulary's parameters, units and the toolkit data are imported on the first row judged
# (after the window's first paint), not with the window.


class ExceedanceColours:
    """annotate(row, incident, point) adds parameter_text, value_text, unit_text, limit_text,
    exceed_text, exceed_colour and exceed_tip to a measurement row, in ``lang`` ('zh'/'en', the
    session's content language; the interface language when not given)."""

    def __init__(self, lang: str | None = None):
        self.lang = lang

    def verdict(self, row: dict, incident: dict | None, point: dict | None):
        from fieldapp.vocab import judge_row, standard_for_point

        point = point or {"role": row.get("point_role"), "media": "water"}
        return judge_row(row, standard_for_point(incident, point), point.get("media") or "water")

    def annotate(self, row: dict, incident: dict | None, point: dict | None) -> dict:
        from fieldapp.vocab.display import row_parameter_label, value_parts

        lang = self.lang or ui_lang()
        v = self.verdict(row, incident, point)
        number, unit = value_parts(row)
        row["parameter_text"] = row_parameter_label(row, lang)
        row["value_text"], row["unit_text"] = number, unit
        row["limit_text"] = v.limit_text(lang, unit if unit == "µg/L" else None)
        row["exceed_text"] = v.words(lang)
        row["exceed_colour"] = v.background
        row["exceed_tip"] = self._tip(v, lang)
        row["verdict_status"] = v.status
        return row

    def _tip(self, v, lang: str) -> str:
        from fieldapp.toolkit.detail import CONFIDENCE_LABEL

        en = lang == "en"
        parts = [v.explanation(lang)]
        lim = v.limit
        if lim is not None and lim.source:
            parts.append(("Source: " if en else "来源：") + lim.source)
        if lim is not None and lim.confidence in CONFIDENCE_LABEL[lang]:
            parts.append(("Confidence: " if en else "可信度：") + CONFIDENCE_LABEL[lang][lim.confidence])
        if v.parameter is not None and v.parameter.toolkit_id:
            parts.append(QCoreApplication.translate("Exceedance", "Double-click to open the pollutant page."))
        return "\n".join(parts)
