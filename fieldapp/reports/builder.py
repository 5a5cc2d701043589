"""Build a quick / initial / follow-up / final report PDF from ReportData (reportlab, no Qt).

Each type is a list of section functions (``PLANS``), run in order on one Story; other features add
sections through ``register_section`` (e.g. a forecast after the trend of a follow-up) without
editing the plans. Building is two steps: ``plan`` runs the sections (cheap: it only collects
flowables and the gaps), ``render`` lays the pages out with the issue state printed on every page:
a draft says "草稿（未签发）", a report issued with gaps says "含待补充项" (only after the explicit
second confirmation, see archive.issue_report).
"""
from __future__ import annotations

import io
import time
from dataclasses import dataclass, field
from typing import Callable

from reportlab.platypus import SimpleDocTemplate

from fieldapp.store.drills import watermark_text

from . import REPORT_TYPES
from . import sections_common as c
from . import sections_types as x
from .layout import BOTTOM, LEFT, PAGE, RIGHT, TOP, numbered_canvas
from .story import Story
from .texts import LABELS, SECTIONS, TITLES, t

TYPE_CODES = {"quick": "KB", "initial": "CB", "followup": "XB", "final": "JG"}
STATES = ("draft", "issued", "issued_with_gaps")

PLANS: dict[str, list[tuple[str, Callable]]] = {
    "quick": [("body", x.quick_body), ("sign", x.quick_sign)],
    "initial": [("basic", c.basic), ("pollutants", c.pollutants), ("monitoring", c.monitoring),
                ("casualties", c.casualties), ("sensitive", c.sensitive), ("grading", c.grading),
                ("trend", c.trend), ("measures", c.measures), ("timeline", c.timeline),
                ("next_steps", c.next_steps), ("sign", c.sign)],
    "followup": [("citation", x.citation), ("changes", x.changes), ("basic", x.followup_basic),
                 ("pollutants", x.followup_pollutants), ("monitoring", x.followup_monitoring),
                 ("casualties", x.followup_casualties), ("sensitive", c.sensitive), ("grading", c.grading),
                 ("trend", c.trend), ("progress", x.progress), ("measures", x.followup_measures),
                 ("timeline", x.followup_timeline), ("next_steps", c.next_steps), ("sign", c.sign)],
    "final": [("citation", x.citation), ("basic", c.basic), ("response", x.response), ("results", x.results),
              ("totals", x.totals), ("monitoring", c.monitoring), ("trend", c.trend),
              ("sensitive", c.sensitive), ("grading", lambda st: c.grading(st, final=True)),
              ("social", x.social), ("losses", x.losses), ("damage", x.damage),
              ("remaining", x.narrative("remaining")), ("lessons", x.narrative("lessons")),
              ("accountability", x.narrative("accountability")), ("sign", c.sign),
              ("annex", lambda st: annex(st))],
}
_EXTRA: dict[str, list[tuple[str, str, Callable]]] = {}


def register_section(report_type: str, name: str, fn: Callable, after: str = "trend") -> None:
    """Add ``fn(story)`` to a report type after the section named ``after`` (end if absent)."""
    if report_type not in PLANS:
        raise ReportError(f"report type {report_type!r} is not one of {', '.join(REPORT_TYPES)}")
    _EXTRA.setdefault(report_type, [])
    _EXTRA[report_type] = [e for e in _EXTRA[report_type] if e[0] != name] + [(name, after, fn)]


def plan_of(report_type: str) -> list[tuple[str, Callable]]:
    steps = list(PLANS[report_type])
    for name, after, fn in _EXTRA.get(report_type, []):
        at = next((i + 1 for i, (n, _) in enumerate(steps) if n == after), len(steps))
        steps.insert(at, (name, fn))
    return steps


class ReportError(ValueError):
    """A report request that cannot be served (unknown type etc.); the message says which input."""


@dataclass
class BuiltReport:
    pdf: bytes
    report_type: str
    report_no: str
    lang: str
    gaps: list[str] = field(default_factory=list)
    gap_keys: list[str] = field(default_factory=list)
    replaced_chars: dict = field(default_factory=dict)
    pages: int = 0
    state: str = "draft"


ANNEX_WIDTHS = (46, 70, 84, 50, 36, 56, 100.2)


def annex(st) -> None:
    """Every measurement, one row each. A data listing in one sans face: cells that fit are plain
    strings (a Paragraph per cell made a 5,000-row annex spend most of its time wrapping text)."""
    from reportlab.platypus import PageBreak, Table

    from fieldapp.vocab import parameter_label

    from .layout import table_style
    from .tables import bare_limit

    st.flow.append(PageBreak())
    st.add(t(SECTIONS, "annex", st.lang), "h1")
    rows = [[st.cell(st.label(k), "head") for k in ("point", "parameter", "time_col", "value", "unit_col",
                                                  "limit", "status")]]
    for r in st.d.rows:
        texts = (r.point_code, parameter_label(r.parameter_id, r.parameter_text, st.lang), st.time(r.measured_at),
                 r.value_text, r.unit, bare_limit(r.verdict.limit_text(st.lang, r.unit), r.unit), r.verdict.words(st.lang))
        rows.append([st.fit(text, w) for text, w in zip(texts, ANNEX_WIDTHS)])
    st.flow.append(Table(rows, colWidths=list(ANNEX_WIDTHS), repeatRows=1, style=table_style()))


def check_request(report_type: str, lang: str) -> None:
    if report_type not in REPORT_TYPES:
        raise ReportError(f"report type {report_type!r} is not one of {', '.join(REPORT_TYPES)}")
    if lang not in ("zh", "en"):
        raise ReportError(f"language {lang!r}: use zh or en")


def plan(data, report_type: str, lang: str = "zh", report_no: str = "") -> Story:
    """Run the sections: the story with its flowables and the facts still missing (``gaps``)."""
    check_request(report_type, lang)
    st = Story(data, report_type, lang)
    st.report_no = report_no or f"{data.incident['code']}-{TYPE_CODES[report_type]}-01"
    c.masthead(st, st.report_no)
    for _name, fn in plan_of(report_type):
        fn(st)
    c.tail_notes(st)
    return st


def _notices(st, state: str) -> None:
    """The first-page notices: the issue state and the list of missing facts."""
    L, notes = st.lang, []
    if state == "issued_with_gaps":
        notes.append(st.p(t(LABELS, "with_gaps", L), "mark"))
        notes.append(st.p(t(LABELS, "with_gaps_note", L), "small"))
    elif state == "draft":
        notes.append(st.p(t(LABELS, "draft", L), "sub"))
    if st.gaps:
        sep = "：" if L == "zh" else ": "
        notes.append(st.p(t(SECTIONS, "gaps", L) + sep + st.semi(st.gaps), "box"))
    tz = time.strftime("%z")
    tz_text = ("北京时间（UTC+08:00）" if tz == "+0800" else f"本机时间（UTC{tz[:3]}:{tz[3:]}）") if L == "zh" \
        else f"local time (UTC{tz[:3]}:{tz[3:]})"
    notes.append(st.p(t(LABELS, "times_local", L).format(tz=tz_text), "sub"))
    st.flow[st.box_at:st.box_at] = notes


def render(st, state: str = "draft") -> BuiltReport:
    if state not in STATES:
        raise ReportError(f"state {state!r} is not one of {', '.join(STATES)}")
    if state == "issued" and st.gaps:
        raise ReportError("a report with missing facts can only be issued with the confirmation mark")
    _notices(st, state)
    if st.type == "quick":   # one page for the one-hour rule: shrink rather than spill over
        from reportlab.platypus import KeepInFrame

        st.flow = [KeepInFrame(PAGE[0] - LEFT - RIGHT - 12, PAGE[1] - TOP - BOTTOM - 12, st.flow, mode="shrink")]
    mark = {"draft": t(LABELS, "draft", st.lang), "issued_with_gaps": t(LABELS, "with_gaps", st.lang),
            "issued": ""}[state]
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=PAGE, leftMargin=LEFT, rightMargin=RIGHT, topMargin=TOP,
                            bottomMargin=BOTTOM, title=f"{t(TITLES, st.type, st.lang)} {st.report_no}",
                            author=st.d.unit_team, subject=st.d.incident["name"])
    doc.build(st.flow, canvasmaker=numbered_canvas(st.report_no, t(LABELS, "page", st.lang), mark,
                                                   watermark=watermark_text(st.d.incident)))
    return BuiltReport(buf.getvalue(), st.type, st.report_no, st.lang, list(st.gaps), list(st.gap_keys),
                       dict(st.g.missing), doc.page, state)


def build_report(data, report_type: str, lang: str = "zh", report_no: str = "", state: str = "draft") -> BuiltReport:
    return render(plan(data, report_type, lang, report_no), state)


def _register_built_in_extras() -> None:
    """Sections other features add through the public hook: the plume forecast in follow-ups, the
    photos chosen for reports before the sign-off (not in the one-page quick report)."""
    from fieldapp.photos.report import add_photos

    from .forecast_section import add_forecast

    register_section("followup", "forecast", add_forecast, after="trend")
    for report_type, after in (("initial", "next_steps"), ("followup", "next_steps"), ("final", "accountability")):
        register_section(report_type, "photos", add_photos, after=after)


_register_built_in_extras()
