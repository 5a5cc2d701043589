"""The running story of one report: numbered headings, "label: value" lines, gap markers.

Missing facts never stop a report from being drafted: each gap is printed in place as
【待补充：…】 and collected in ``gaps``; issuing then lists them and asks for a second confirmation
(``archive.issue_report``). Sections (``sections_*.py``) append flowables through these helpers.
"""
from __future__ import annotations

from reportlab.platypus import Paragraph

from fieldapp.core.timeutil import to_local_display

from .layout import Typeset
from .prefill import drafts
from .texts import FIELDS, LABELS, SECTIONS, colon, gap_marker, heading_number, semi, t

FACT_NAMES = {  # what a gap marker calls a missing fact
    "info_source": ("信息来源", "information source"), "cause": ("事件起因和性质", "cause and nature"),
    "pollutant_quantity": ("污染物数量", "pollutant quantities"), "trend": ("发展趋势", "trend"),
    "measures": ("已采取措施", "measures taken"), "next_steps": ("下一步工作建议", "next steps"),
    "process": ("处置过程", "handling process"), "results": ("处置结果", "results"),
    "losses": ("危害与损失", "harm and losses"), "remaining": ("遗留问题", "remaining problems"),
    "reporting_unit": ("报告单位", "reporting unit"), "signatory": ("签发人", "signatory"),
    "contact": ("联系人及联系方式", "contact"), "casualties": ("伤亡情况", "casualties"),
    "place": ("发生地点", "place"), "monitoring": ("监测数据", "monitoring data"),
    "economic_loss_yuan": ("直接经济损失", "direct economic loss"),
    "water_source_interrupted": ("饮用水水源取水是否中断", "drinking-water intake interrupted?"),
    "evacuated": ("疏散转移人数", "people evacuated"),
    "boundary_impact": ("跨界影响", "cross-boundary impact"),
    "previous": ("前次报告编号", "previous report number"),
    "response_started_at": ("应急响应启动时间", "response start"),
    "response_ended_at": ("应急响应终止时间", "response termination"),
    "social_impact": ("社会影响", "social impact"), "damage_assessment": ("损害评估", "damage assessment"),
    "restoration": ("生态环境修复", "restoration"), "lessons": ("经验教训", "lessons learned"),
    "accountability": ("责任追究", "accountability"),
}


class Story:
    def __init__(self, data, report_type: str, lang: str):
        self.d, self.type, self.lang = data, report_type, lang
        self.ts = Typeset(lang)
        self.g = self.ts.g
        self.s = self.ts.s
        self.gaps: list[str] = []
        self.gap_keys: list[str] = []
        self.flow: list = []
        self.drafts = drafts(data, lang)
        self.n_heading = 0
        self.box_at = 0          # where the first-page notices go (after the title block)
        self._fits: dict = {}

    # ---- text helpers --------------------------------------------------------------------
    def p(self, text, key: str = "body") -> Paragraph:
        return self.ts.para(text, key)

    def add(self, text, key: str = "body") -> None:
        self.flow.append(self.p(text, key))

    def sec(self, key: str, level: str = "h1") -> None:
        title = t(SECTIONS, key, self.lang)
        if level == "h1":
            self.n_heading += 1
            title = heading_number(self.n_heading, self.lang) + title
        self.flow.append(self.p(title, level))

    def gap(self, key: str) -> str:
        name = t(FACT_NAMES, key, self.lang)
        if name not in self.gaps:
            self.gaps.append(name)
            self.gap_keys.append(key)
        return gap_marker(name, self.lang)

    def fact(self, key: str) -> str:
        return (self.d.facts.get(key) or "").strip() or self.drafts.get(key, "")

    def text(self, value: str, gap_key: str | None = None, key: str = "prose") -> None:
        """A narrative paragraph per line of ``value``, or the gap marker when it is empty."""
        if value and str(value).strip():
            for line in str(value).strip().split("\n"):
                if line.strip():
                    self.add(line.strip(), key)
        elif gap_key:
            self.add(self.gap(gap_key), "gap")

    def field_line(self, label: str, value: str, gap_key: str | None = None) -> None:
        """'<b>label：</b>value', the value in red as a gap marker when empty."""
        lead = f"<b>{self.ts.markup(label + colon(self.lang))}</b>"
        if value:
            body = self.ts.markup(value)
        elif gap_key:
            body = f'<font color="#c00000">{self.ts.markup(self.gap(gap_key))}</font>'
        else:
            body = self.ts.markup("—")
        self.flow.append(self.ts.raw(lead + body))

    def field(self, key: str, value: str, gap_key: str | None = None) -> None:
        self.field_line(t(FIELDS, key, self.lang), value, gap_key)

    def bullets(self, lines) -> None:
        for line in lines:
            self.add(("· " if self.lang != "zh" else "· ") + line, "body")

    def time(self, iso: str) -> str:
        return to_local_display(iso) if iso else ""

    def cell(self, text, key: str = "cell") -> Paragraph:
        return self.p("" if text is None else text, key)

    def fit(self, text, width: float):
        """A table cell in the table's own face (FONT_NAME, 9 pt): the plain string when it fits on
        one line, else a wrapping paragraph in the same face."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        from .fonts import FONT_NAME

        key = (text, width)
        fits = self._fits.get(key)
        if fits is None:      # codes, units, limits and verdicts repeat thousands of times
            s = self.g.clean("" if text is None else text)
            fits = self._fits[key] = (s, stringWidth(s, FONT_NAME, 9) <= width - 7)
        s, ok = fits
        return s if ok else Paragraph(self.g.para(s), self.s["acell"])

    def label(self, key: str) -> str:
        return t(LABELS, key, self.lang)

    def semi(self, items) -> str:
        return semi(items, self.lang)
