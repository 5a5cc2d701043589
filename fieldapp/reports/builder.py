"""Build an initial / follow-up / final report PDF from ReportData (reportlab platypus, no Qt).

Missing facts never stop a report: each gap is printed in place as 【待补充：…】 and listed in a box
at the top, so a report can go out on time and be completed in the next one. Characters outside the
font are replaced visibly (fonts.Glyphs) and listed at the end.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field

from reportlab.platypus import KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table

from fieldapp.core.timeutil import to_local_display
from fieldapp.photos.report import photo_flowables
from fieldapp.store.drills import watermark_text
from fieldapp.vocab import parameter_label
from fieldapp.vocab.numbers import format_people
from fieldapp.vocab.roles import is_drinking_source

from . import REPORT_TYPES
from .charts import concentration_chart, key_parameters, key_sections
from .choices import water_source_text
from .fonts import Glyphs
from .layout import MARGIN, PAGE, numbered_canvas, styles, table_style
from .prefill import drafts
from .sitemap import draw_site_map
from .texts import LABELS, LEVEL_NAMES, SECTIONS, TITLES, gap_marker, t

TYPE_CODES = {"initial": "CB", "followup": "XB", "final": "JG"}
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
}


class ReportError(ValueError):
    """A report request that cannot be served (unknown type etc.); the message says which input."""


@dataclass
class BuiltReport:
    pdf: bytes
    report_type: str
    report_no: str
    lang: str
    gaps: list[str] = field(default_factory=list)
    replaced_chars: dict = field(default_factory=dict)
    pages: int = 0


class _Story:
    def __init__(self, data, report_type: str, lang: str):
        self.d, self.type, self.lang = data, report_type, lang
        self.g = Glyphs()
        self.s = styles()
        self.gaps: list[str] = []
        self.flow: list = []
        self.drafts = drafts(data, lang)

    # ---- helpers -------------------------------------------------------------------------
    def sec(self, key: str, level: str = "h1"):
        self.flow.append(Paragraph(self.g.para(t(SECTIONS, key, self.lang)), self.s[level]))

    def gap(self, key: str) -> str:
        name = t(FACT_NAMES, key, self.lang)
        if name not in self.gaps:
            self.gaps.append(name)
        return gap_marker(name, self.lang)

    def text(self, value: str, gap_key: str | None = None):
        if value and str(value).strip():
            self.flow.append(Paragraph(self.g.para(value), self.s["body"]))
        elif gap_key:
            self.flow.append(Paragraph(self.g.para(self.gap(gap_key)), self.s["gap"]))

    def fact(self, key: str) -> str:
        return (self.d.facts.get(key) or "").strip() or self.drafts.get(key, "")

    def field_line(self, label: str, value: str, gap_key: str):
        v = self.g.para(value) if value else f'<font color="#c00000">{self.g.para(self.gap(gap_key))}</font>'
        self.flow.append(Paragraph(f"<b>{self.g.para(label)}：</b>{v}", self.s["body"]))

    def cell(self, text) -> Paragraph:
        return Paragraph(self.g.para(text), self.s["cell"])

    # ---- sections ------------------------------------------------------------------------
    def header(self, report_no: str):
        inc, L = self.d.incident, self.lang
        self.flow.append(Paragraph(self.g.para(t(TITLES, self.type, L)), self.s["title"]))
        if inc.get("is_demo"):
            self.flow.append(Paragraph(self.g.para(t(LABELS, "demo", L)), self.s["sub"]))
        sub = (f"{t(LABELS, 'report_no', L)}：{report_no}　　{t(LABELS, 'generated', L)}："
               f"{to_local_display(self.d.generated_at)}")
        self.flow.append(Paragraph(self.g.para(sub), self.s["sub"]))
        self.flow.append(Paragraph(self.g.para(f"{t(LABELS, 'incident', L)}：{inc['name']}"), self.s["sub"]))
        self.gap_box_at = len(self.flow)

    def basic(self):
        inc, L = self.d.incident, self.lang
        self.sec("basic")
        self.field_line(t(SECTIONS, "time", L), to_local_display(inc["discovered_at"]), "place")
        self.field_line(t(SECTIONS, "place", L), inc.get("location", ""), "place")
        self.field_line(t(SECTIONS, "info_source", L), self.fact("info_source"), "info_source")
        self.field_line(t(SECTIONS, "cause", L), self.fact("cause"), "cause")

    def pollutants(self):
        self.sec("pollutants")
        self.text(self.fact("pollutant_quantity"), "pollutant_quantity")

    def monitoring(self, annex: bool):
        L = self.lang
        self.sec("monitoring")
        if not self.d.summary:
            self.text("", "monitoring")
            return
        head = [t(LABELS, k, L) for k in ("point", "parameter", "n", "n_exc", "latest", "peak", "unit_col",
                                          "limit", "multiple")]
        rows, extra = [head], []
        for i, s in enumerate(self.d.summary, 1):
            peak, latest, lim = s["peak"], s["latest"], s["limit_row"].verdict
            verdict = s["worst"].verdict          # the worst verdict of the series (pH: low or high)
            rows.append([self.cell(f"{s['point_code']} {s['point_name']}"),
                         self.cell(parameter_label(s["parameter_id"], s["parameter_text"], L)),
                         s["n"], s["n_exceeded"], latest.shown_in(s["unit"]), peak.shown_in(s["unit"]),
                         self.g.clean(s["unit"]), self.cell(lim.limit_text(L, s["unit"], with_unit=False)),
                         self.cell(verdict.words(L))])
            if s["n_exceeded"]:
                extra.append(("TEXTCOLOR", (8, i), (8, i), "#c00000"))
        self.flow.append(Table(rows, colWidths=[100, 62, 26, 26, 46, 46, 34, 52, 88], repeatRows=1,
                               style=table_style(extra)))
        self.standards_note()
        self.sec("charts", "h2")
        sections = key_sections(self.d)
        for param in key_parameters(self.d):
            chart = concentration_chart(self.d, param, sections, self.g, L)
            if chart is not None:
                self.flow.append(KeepTogether([chart, Spacer(1, 4)]))
        self.annex_wanted = annex

    def standards_note(self):
        """Which standards judged the table, said once under it (every verdict names its own too)."""
        L = self.lang
        used = list(dict.fromkeys(r.verdict.standard_text(L) for r in self.d.rows if r.verdict.standard_text(L)))
        if used:
            lead = "评价标准：" if L == "zh" else "Standards applied: "
            self.flow.append(Paragraph(self.g.para(lead + ("；".join(used) if L == "zh" else "; ".join(used))),
                                       self.s["small"]))

    def annex(self):
        L = self.lang
        self.flow.append(PageBreak())
        self.sec("annex")
        head = [t(LABELS, k, L) for k in ("point", "parameter", "time_col", "value", "unit_col", "limit",
                                          "status")]
        rows = [head]
        for r in self.d.rows:
            rows.append([self.g.clean(r.point_code), self.cell(parameter_label(r.parameter_id, r.parameter_text, L)),
                         to_local_display(r.measured_at), r.value_text, self.g.clean(r.unit),
                         self.cell(r.verdict.limit_text(L)), self.cell(r.verdict.words(L))])
        self.flow.append(Table(rows, colWidths=[46, 70, 78, 50, 36, 56, 134], repeatRows=1,
                               style=table_style()))

    def casualties(self):
        f, L = self.d.facts, self.lang
        self.sec("casualties")
        known = [k for k in ("deaths", "poisoned", "evacuated") if f.get(k) is not None]
        if not known:
            self.text("", "casualties")
            return
        parts = [f"{t(LABELS, k, L)} {format_people(f[k], L)}" for k in known]
        parts += [self.gap(k if k == "evacuated" else "casualties")
                  for k in ("deaths", "poisoned", "evacuated") if f.get(k) is None]
        self.text("；".join(parts) if L == "zh" else "; ".join(parts))

    def sensitive(self, with_map: bool):
        L, f = self.lang, self.d.facts
        self.sec("sensitive")
        intakes = [p for p in self.d.points if is_drinking_source(p["role"])]
        intakes += [s for s in self.d.sites if s["kind"] == "intake"]
        names = "、".join(dict.fromkeys(self.g.clean(x.get("name") or x.get("code")) for x in intakes))
        self.field_line(t(LABELS, "intakes", L), names, "water_source_interrupted" if not names else "place")
        exc = [p["code"] for p in self.d.points if p["status"] == "exceeded"]
        self.field_line(t(LABELS, "exceeding_points", L), "、".join(exc) or t(LABELS, "none_exceeding", L), "monitoring")
        ws_txt = water_source_text(f.get("water_source_interrupted"), L)
        self.field_line(t(LABELS, "water_source_interrupted", L), ws_txt, "water_source_interrupted")
        if with_map:
            title = Paragraph(self.g.para(t(SECTIONS, "map", L)), self.s["h2"])
            self.flow.append(KeepTogether([title, draw_site_map(self.d, self.g, L)]))

    def grading(self):
        g, L = self.d.grading, self.lang
        self.sec("grading")
        lv = t(LEVEL_NAMES, g.level, L) + (t(LABELS, "provisional", L) if g.provisional else "")
        self.field_line(t(LABELS, "level", L), lv, "casualties")
        for r in g.reasons:
            self.text(f"· {r.text(L)}")
        if g.escalate:
            self.text(t(LABELS, "escalate", L))
            for r in g.escalation_reasons:
                self.text(f"· {r.text(L)}")
        track = t(LEVEL_NAMES, g.report_track, L)
        self.field_line(t(LABELS, "track", L), f"{track}，{g.deadline_hours:g} h", "casualties")
        for dl in self.d.deadlines:
            self.text(f"· {dl.label(L)}：{to_local_display(dl.due.isoformat())}")
        self.flow.append(Paragraph(self.g.para(g.basis_text(L)), self.s["small"]))

    def timeline(self):
        L = self.lang
        self.sec("timeline", "h2")
        if not self.d.log:
            return
        rows = [[t(LABELS, "time_col", L), t(LABELS, "what", L), t(LABELS, "who", L)]]
        for e in self.d.log:
            rows.append([to_local_display(e["at"]), self.cell(e["text"]), self.cell(e["who"])])
        self.flow.append(Table(rows, colWidths=[80, 300, 90], repeatRows=1, style=table_style()))

    def sign(self):
        L = self.lang
        self.sec("sign")
        self.field_line(t(LABELS, "unit", L), self.fact("reporting_unit"), "reporting_unit")
        self.field_line(t(LABELS, "signatory", L), self.fact("signatory"), "signatory")
        self.field_line(t(LABELS, "contact", L), self.fact("contact"), "contact")

    def tail_notes(self):
        L = self.lang
        if self.g.missing:
            self.sec("glyphs", "h2")
            chars = " ".join(f"U+{ord(c):04X}" for c in self.g.missing)
            self.text(f"{t(LABELS, 'glyph_note', L)} {chars}")
        if self.gaps:
            box = t(SECTIONS, "gaps", L) + "：" + ("；".join(self.gaps) if L == "zh" else "; ".join(self.gaps))
            self.flow.insert(self.gap_box_at, Paragraph(self.g.para(box), self.s["box"]))


def build_report(data, report_type: str, lang: str = "zh", report_no: str = "") -> BuiltReport:
    if report_type not in REPORT_TYPES:
        raise ReportError(f"report type {report_type!r} is not one of {', '.join(REPORT_TYPES)}")
    if lang not in ("zh", "en"):
        raise ReportError(f"language {lang!r}: use zh or en")
    report_no = report_no or f"{data.incident['code']}-{TYPE_CODES[report_type]}-01"
    st = _Story(data, report_type, lang)
    st.header(report_no)
    st.basic()
    st.pollutants()
    st.monitoring(annex=report_type == "final")
    st.casualties()
    st.sensitive(with_map=True)
    st.grading()
    st.sec("trend")
    st.text(st.fact("trend"), "trend")
    st.sec("measures")
    st.text(st.fact("measures"), "measures")
    st.timeline()
    st.sec("next_steps")
    st.text(st.fact("next_steps"), "next_steps")
    if report_type == "followup":
        st.sec("progress")
        st.text(st.fact("process"), "process")
    if report_type == "final":
        for key in ("process", "results", "losses", "remaining"):
            st.sec(key)
            st.text(st.fact(key), key)
    if data.photos:
        st.flow += photo_flowables(data.photos, lang, st.s)
    st.sign()
    if report_type == "final":
        st.annex()
    st.tail_notes()
    buf = io.BytesIO()
    footer = st.g.clean(f"{report_no}  {data.incident['name']}")[:60]
    doc = SimpleDocTemplate(buf, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                            bottomMargin=MARGIN, title=t(TITLES, report_type, lang), author=data.unit_team)
    doc.build(st.flow, canvasmaker=numbered_canvas(footer, t(LABELS, "page", lang), watermark_text(data.incident)))
    return BuiltReport(buf.getvalue(), report_type, report_no, lang, st.gaps, dict(st.g.missing), doc.page)
