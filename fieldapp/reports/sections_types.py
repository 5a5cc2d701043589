"""Sections particular to one report type: the one-hour quick report, the follow-up's citation and
changes, the final report's response, totals, impact, damage, lessons and accountability."""
from __future__ import annotations

from datetime import datetime

from reportlab.platypus import Spacer, Table

from fieldapp.vocab import standard_label
from fieldapp.vocab.incidents import incident_kind_label
from fieldapp.vocab.numbers import format_money
from fieldapp.vocab.roles import ROLES

from . import sections_common as common
from .changes import change_lines, changes_since
from .layout import table_style
from .tables import exceeded_parameters
from .texts import FIELDS, LABELS, SECTIONS, TITLES, t

QUICK_MEASURES = 6     # the quick report is one page: the first actions only, the rest in the initial report


# ---- quick report (快报) ---------------------------------------------------------------------
def quick_body(st) -> None:
    """One page for the one-hour rule: what is known in the first minutes, as a form."""
    d, L = st.d, st.lang
    inc = d.incident
    local = next((dl for dl in d.deadlines if dl.key == "local"), None)
    found = exceeded_parameters(d.summary, L)
    if found:   # the standard that judged them, named
        std = standard_label(inc.get("standard") or "GB3838-III", L)
        found += f"（按{std}评价）" if L == "zh" else f" (judged against {std})"
    sensitive = [p.get("name") or p["code"] for p in d.points if p["role"] in ROLES and
                 (ROLES[p["role"]].drinking_source or ROLES[p["role"]].drinking_water)]
    sensitive += [s["name"] for s in d.sites if s["kind"] == "intake"]
    acts = [e for e in d.log if e["kind"] in ("action", "decision")]
    shown = [f"{st.time(e['at'])[5:]} {e['text']}" for e in acts[:QUICK_MEASURES]]
    if len(acts) > QUICK_MEASURES:
        shown.append(f"……另有{len(acts) - QUICK_MEASURES}项，见初报" if L == "zh"
                     else f"... {len(acts) - QUICK_MEASURES} more, see the initial report")
    known = (d.facts.get("pollutant_quantity") or "").strip()
    rows = [
        ("time", st.time(inc["discovered_at"]), None),
        ("place", inc.get("location", ""), "place"),
        ("kind", incident_kind_label(inc.get("kind"), L) or inc.get("description", "")[:60], None),
        ("info_source", st.fact("info_source"), "info_source"),
        ("pollutants_found", st.semi([x for x in (found, known) if x]) or st.label("none_yet"), None),
        ("sensitive_short", st.semi(list(dict.fromkeys(sensitive))), None),
        ("measures", "\n".join(shown), "measures"),
        ("contact", (d.facts.get("contact") or "").strip(), "contact"),
        ("deadline", f"{st.time(local.due.isoformat())}（{local.label(L)}）" if local and L == "zh"
         else f"{st.time(local.due.isoformat())} ({local.label(L)})" if local else "", None),
    ]
    table = [[st.cell(_quick_label(st, key), "qhead"), _quick_value(st, value, gap)] for key, value, gap in rows]
    pad = [("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
           ("BACKGROUND", (0, 0), (0, -1), "#e8edf3")]
    st.flow.append(Table(table, colWidths=[110, 332.2], style=table_style(pad, head_rows=0)))
    if d.grading.escalate:
        st.flow.append(Spacer(1, 6))
        st.add(st.label("escalate") + st.semi([r.text(L) for r in d.grading.escalation_reasons]), "body")
    st.flow.append(Spacer(1, 10))


def _quick_label(st, key: str) -> str:
    if key in FIELDS:
        return t(FIELDS, key, st.lang)
    if key in SECTIONS:
        return t(SECTIONS, key, st.lang)
    return st.label(key)


def _quick_value(st, value: str, gap: str | None):
    if value:
        return st.cell(value, "qcell")
    if gap:
        return st.cell(st.gap(gap), "qgap")
    return st.cell("—", "qcell")


def quick_sign(st) -> None:
    st.field_line(st.label("unit"), st.fact("reporting_unit"), "reporting_unit")
    st.field_line(st.label("signatory"), (st.d.facts.get("signatory") or "").strip(), "signatory")
    st.field("reported_at", st.time(st.d.generated_at))


# ---- follow-up (续报) ------------------------------------------------------------------------
def citation(st) -> None:
    """'本报告为 X（初报，…签发）的续报。' — or a gap when nothing was issued before."""
    prev, L = st.d.previous, st.lang
    if prev is None:
        st.field("previous", "", "previous")
        st.changes = None
        return
    kind = t(TITLES, prev["report_type"], L)
    when = st.time(prev["issued_at"])
    text = (f"本报告为{prev['report_no']}（{kind}，{when}签发）的{'续报' if st.type == 'followup' else '处理结果报告'}。"
            if L == "zh" else f"This report follows {prev['report_no']} ({kind}, issued {when}).")
    st.add(text, "body")
    st.changes = changes_since(st.d, prev)


def changes(st) -> None:
    if getattr(st, "changes", None) is None:
        return
    st.sec("changes")
    st.bullets(change_lines(st.changes, st.lang))


def _unchanged(st, section: str) -> bool:
    ch = getattr(st, "changes", None)
    if ch is None or not ch.unchanged(section):
        return False
    st.sec(section)
    st.add(t(LABELS, "unchanged", st.lang).format(no=ch.previous_no), "body")
    return True


def followup_basic(st) -> None:
    if not _unchanged(st, "basic"):
        common.basic(st)


def followup_pollutants(st) -> None:
    if not _unchanged(st, "pollutants"):
        common.pollutants(st)


def followup_casualties(st) -> None:
    if not _unchanged(st, "casualties"):
        common.casualties(st)


def followup_monitoring(st) -> None:
    ch = getattr(st, "changes", None)
    if ch is None:
        common.monitoring(st)
        return
    common.monitoring(st, only=ch.series_with_new_data)
    rest = len(st.d.summary) - len(ch.series_with_new_data)
    if rest:
        st.add(f"其余{rest}个监测系列自{ch.previous_no}以来无新数据，见该报告。" if st.lang == "zh"
               else f"The other {rest} series have no new data since {ch.previous_no}; see that report.", "small")


def followup_measures(st) -> None:
    ch = getattr(st, "changes", None)
    common.measures(st, since=ch.previous_at if ch else "")


def followup_timeline(st) -> None:
    ch = getattr(st, "changes", None)
    common.timeline(st, since=ch.previous_at if ch else "")


def progress(st) -> None:
    st.sec("progress")
    st.text(st.fact("process"), "process")


# ---- final (处理结果报告) ----------------------------------------------------------------------
def _duration(start: str, end: str, lang: str) -> str:
    try:
        a = datetime.fromisoformat(start.replace("Z", "+00:00").replace(" ", "T"))
        b = datetime.fromisoformat(end.replace("Z", "+00:00").replace(" ", "T"))
    except ValueError:
        return ""
    hours = (b - a).total_seconds() / 3600
    return f"约{hours:.0f}小时" if lang == "zh" else f"about {hours:.0f} h"


def response(st) -> None:
    st.sec("response")
    started = st.fact("response_started_at") or next(
        (st.time(e["at"]) for e in st.d.log if e["kind"] == "decision"), "")
    ended = st.fact("response_ended_at")
    st.field("response_started_at", started, "response_started_at")
    st.field("response_ended_at", ended, "response_ended_at")
    if started and ended:
        st.field("duration", _duration(started, ended, st.lang))
    st.text(st.fact("process"), "process")


def results(st) -> None:
    st.sec("results")
    st.text(st.fact("results"), "results")


def totals(st) -> None:
    d, L = st.d, st.lang
    tot = d.totals
    st.sec("totals")
    span = f"{st.time(tot['first'])} – {st.time(tot['last'])}" if tot.get("first") else ""
    if L == "zh":
        line = (f"共布设监测点位{len(d.points)}个，采集样品{tot['samples']}个，获得监测数据{tot['measurements']}个"
                f"（其中超标{tot['exceeded']}个），仪器读数{tot['readings']}条；监测时段{span}。")
    else:
        line = (f"Sampling points: {len(d.points)}; samples: {tot['samples']}; values: {tot['measurements']} "
                f"({tot['exceeded']} over the limit); instrument readings: {tot['readings']}; period: {span}.")
    st.add(line, "prose")


def social(st) -> None:
    common.casualties(st, "social")
    st.field("social_impact", st.fact("social_impact"), "social_impact")


def losses(st) -> None:
    st.sec("losses")
    loss = st.d.facts.get("economic_loss_yuan")
    st.field("economic_loss_yuan", format_money(loss, st.lang) if loss is not None else "", "economic_loss_yuan")
    st.text(st.fact("losses"), "losses")


def damage(st) -> None:
    st.sec("damage")
    st.field("damage_assessment", st.fact("damage_assessment"), "damage_assessment")
    st.field("restoration", st.fact("restoration"), "restoration")


def narrative(key: str):
    def section(st) -> None:
        st.sec(key)
        st.text(st.fact(key), key)
    section.__name__ = f"narrative_{key}"
    return section
