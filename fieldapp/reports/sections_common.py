"""Sections every report type shares (Order No. 17 Art. 13 items), as functions of a Story."""
from __future__ import annotations

from reportlab.platypus import CondPageBreak, KeepTogether, Spacer, Table
from reportlab.platypus.flowables import HRFlowable

from fieldapp.vocab.incidents import incident_kind_label
from fieldapp.vocab.numbers import format_money, format_people
from fieldapp.vocab.roles import is_drinking_source

from .charts import concentration_chart, key_parameters, key_sections
from .fonts import FONT_NAME
from .layout import FRAME_WIDTH, RED, table_style
from .sitemap import draw_site_map
from .tables import exceeded_parameters, monitoring_blocks
from .choices import water_source_text
from .texts import BOUNDARY, LABELS, LEVEL_NAMES, SECTIONS, TITLES, join, t
from .trend import trend_lines


def masthead(st, report_no: str) -> None:
    """GB/T 9704 版头: the issuing unit in red, report number left and signatory right, a red rule."""
    L = st.lang
    unit = st.fact("reporting_unit") or st.d.unit_team
    st.add(unit or st.gap("reporting_unit"), "masthead")
    signatory = (st.d.facts.get("signatory") or "").strip()
    left = st.p(f"{st.label('report_no')}{'：' if L == 'zh' else ': '}{report_no}", "body")
    right_text = f"{st.label('signatory')}{'：' if L == 'zh' else ': '}"
    right = st.ts.raw(st.ts.markup(right_text) + (st.ts.markup(signatory) if signatory else
                      f'<font color="#c00000">{st.ts.markup(st.gap("signatory"))}</font>'), "body")
    right.style = st.s["body"].clone("right", alignment=2)
    st.flow.append(Table([[left, right]], colWidths=[FRAME_WIDTH * 0.55, FRAME_WIDTH * 0.45],
                         style=[("FONT", (0, 0), (-1, -1), FONT_NAME, 9), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    st.flow.append(HRFlowable(width="100%", thickness=1.6, color=RED, spaceBefore=2, spaceAfter=8))
    st.add(t(TITLES, st.type, L), "title")
    if st.d.incident.get("is_demo"):
        st.add(st.label("demo"), "sub")
    st.add(f"{st.label('incident')}{'：' if L == 'zh' else ': '}{st.d.incident['name']}", "sub")
    st.box_at = len(st.flow)


def basic(st) -> None:
    inc = st.d.incident
    st.sec("basic")
    st.field("time", st.time(inc["discovered_at"]))
    st.field("place", inc.get("location", ""), "place")
    if inc.get("kind"):
        st.field("kind", incident_kind_label(inc["kind"], st.lang))
    st.field("info_source", st.fact("info_source"), "info_source")
    st.field("cause", st.fact("cause"), "cause")


def pollutants(st) -> None:
    st.sec("pollutants")
    found = exceeded_parameters(st.d.summary, st.lang)
    if found:
        st.field("pollutants_found", found)
    st.field("pollutant_quantity", (st.d.facts.get("pollutant_quantity") or "").strip(), "pollutant_quantity")


def monitoring(st, only: set | None = None) -> None:
    """Tables by parameter id; ``only`` limits them to (point code, key) series (a follow-up's new data)."""
    st.flow.append(CondPageBreak(140))      # the heading starts a page unless its first table block fits
    st.sec("monitoring")
    summary = st.d.summary if only is None else [s for s in st.d.summary if (s["point_code"], s["key"]) in only]
    if not st.d.summary:
        st.add(st.gap("monitoring"), "gap")
        return
    st.flow.extend(monitoring_blocks(st, summary))
    charts(st)


def charts(st) -> None:
    sections = key_sections(st.d)
    drawn = [c for c in (concentration_chart(st.d, p, sections, st.g, st.lang) for p in key_parameters(st.d))
             if c is not None]
    for i, chart in enumerate(drawn):
        head = [st.p(t(SECTIONS, "charts", st.lang), "h2")] if i == 0 else []
        st.flow.append(KeepTogether(head + [chart, Spacer(1, 4)]))


def casualties(st, key: str = "casualties") -> None:
    f, L = st.d.facts, st.lang
    st.sec(key)
    parts, other = [], f.get("disputed") or {}
    for k in ("deaths", "poisoned", "evacuated"):
        if f.get(k) is not None:
            # a value two teams entered differently is printed with the other one, never hidden
            note = st.label("disputed").format("、".join(map(str, other[k]))) if other.get(k) else ""
            parts.append(f"{st.label(k)} {format_people(f[k], L) if f[k] else st.label('people_none')}{note}")
        else:
            parts.append(f"{st.label(k)} {st.gap('evacuated' if k == 'evacuated' else 'casualties')}")
    st.add(st.semi(parts), "body")


def sensitive(st, with_map: bool = True) -> None:
    L, f = st.lang, st.d.facts
    st.sec("sensitive")
    intakes = [p.get("name") or p.get("code") for p in st.d.points if is_drinking_source(p["role"])]
    intakes += [s["name"] for s in st.d.sites if s["kind"] == "intake"]
    st.field_line(st.label("intakes"), join(list(dict.fromkeys(intakes)), L), None)
    exc = [p["code"] for p in st.d.points if p["status"] == "exceeded"]
    st.field_line(st.label("exceeding_points"), join(exc, L) if exc else st.label("none_exceeding"))
    ws = f.get("water_source_interrupted")
    st.field_line(st.label("water_source_interrupted"), water_source_text(ws, L), "water_source_interrupted")
    bi = f.get("boundary_impact")
    st.field("boundary_impact", t(BOUNDARY, bi, L) if bi else "", "boundary_impact")
    if with_map:
        title = st.p(t(SECTIONS, "map", L), "h2")
        drawing, unplaced = draw_site_map(st.d, st.g, L)
        block = [title, drawing]
        if unplaced:   # never drop a label silently
            block.append(st.p(("图中未能标注（位置重叠）：" if L == "zh" else "Not labelled (no room): ")
                              + join(unplaced, L), "small"))
        st.flow.append(KeepTogether(block))


def grading(st, final: bool = False) -> None:
    g, L = st.d.grading, st.lang
    st.sec("grading_final" if final else "grading")
    lv = t(LEVEL_NAMES, g.level, L)
    if not final and g.provisional:
        lv += st.label("provisional")
    st.field_line(st.label("level_final" if final else "level"), lv)
    st.bullets(r.text(L) for r in g.reasons)
    if g.escalate and not final:
        st.add(st.label("escalate"))
        st.bullets(r.text(L) for r in g.escalation_reasons)
    if not final:
        track = t(LEVEL_NAMES, g.report_track, L)
        st.field_line(t(LABELS, "track", L), f"{track}{'，' if L == 'zh' else ', '}{g.deadline_hours:g} h")
        st.bullets(f"{dl.label(L)}{'：' if L == 'zh' else ': '}{st.time(dl.due.isoformat())}" for dl in st.d.deadlines)
    loss = st.d.facts.get("economic_loss_yuan")
    if loss is not None:
        st.field("economic_loss_yuan", format_money(loss, L))
    st.add(g.basis_text(L), "small")


def trend(st) -> None:
    st.sec("trend")
    narrative = (st.d.facts.get("trend") or "").strip()
    if narrative:
        st.text(narrative)
    st.add(t(SECTIONS, "trend_data", st.lang), "h2")
    st.bullets(trend_lines(st.d, st.lang))


def measures(st, since: str = "") -> None:
    st.sec("measures")
    text = (st.d.facts.get("measures") or "").strip()
    if text:
        st.text(text)
    acts = [e for e in st.d.log if e["kind"] in ("action", "decision") and e["at"] > since]
    if acts:
        st.bullets(f"{st.time(e['at'])} {e['text']}" for e in acts)
    if not text and not acts:
        st.add(st.gap("measures"), "gap")


def timeline(st, since: str = "") -> None:
    entries = [e for e in st.d.log if e["at"] > since]
    if not entries:
        return
    st.sec("timeline", "h2")
    rows = [[st.cell(st.label(k), "head") for k in ("time_col", "what", "who")]]
    rows += [[st.cell(st.time(e["at"])), st.cell(e["text"]), st.cell(e["who"])] for e in entries]
    st.flow.append(Table(rows, colWidths=[88, 274, 80.2], repeatRows=1, style=table_style()))


def next_steps(st) -> None:
    st.sec("next_steps")
    st.text(st.fact("next_steps"), "next_steps")


def sign(st) -> None:
    """The sign-off block, kept with the end of the text (never orphaned on a page of its own)."""
    before = len(st.flow)
    st.sec("sign", "h2")
    st.field_line(st.label("unit"), st.fact("reporting_unit"), "reporting_unit")
    st.field_line(st.label("signatory"), (st.d.facts.get("signatory") or "").strip(), "signatory")
    st.field_line(st.label("contact"), (st.d.facts.get("contact") or "").strip(), "contact")
    st.field("reported_at", st.time(st.d.generated_at))
    block = st.flow[before:]
    del st.flow[before:]
    st.flow.append(KeepTogether(block))


def tail_notes(st) -> None:
    L = st.lang
    if st.g.missing:
        st.add(t(SECTIONS, "glyphs", L), "h2")
        chars = " ".join(f"U+{ord(c):04X}" for c in st.g.missing)
        st.add(f"{st.label('glyph_note')} {chars}")
