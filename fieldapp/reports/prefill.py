"""Draft narrative text from the data, so the lead edits a draft instead of starting blank.

Only what the data support is drafted (place, cause from the incident description, measures from the
action log, a trend from the latest readings at key sections); everything else stays empty and the
report marks it as a gap.
"""
from __future__ import annotations

from fieldapp.core.timeutil import to_local_display

from fieldapp.vocab import parameter_label, role_label


def draft_measures(data, lang: str = "zh") -> str:
    acts = [e for e in data.log if e["kind"] in ("action", "decision")]
    return "\n".join(f"{to_local_display(e['at'])}  {e['text']}" for e in acts)


def draft_trend(data, lang: str = "zh") -> str:
    lines = []
    for s in data.summary:
        if s["role"] not in ("water_intake", "source") and s["n_exceeded"] == 0:
            continue
        latest, peak = s["latest"], s["peak"]
        if latest.verdict.limit is not None and latest.verdict.limit.is_range:
            continue  # a range (pH), not a plume: the table shows it
        if peak.value_mg is None or s["n_exceeded"] == 0 and s["role"] != "water_intake":
            continue
        role = role_label(s["role"], lang)
        name = parameter_label(s["parameter_id"], s["parameter_text"], lang)
        state = latest.status
        if lang == "zh":
            now = "已低于限值" if state == "within" else ("仍超标" if state == "exceeded" else "")
            lines.append(f"{s['point_code']}（{role}）{name}：峰值 {peak.shown_in(s['unit'])} {s['unit']}，"
                         f"最新 {latest.shown_in(s['unit'])} {s['unit']}{('，' + now) if now else ''}")
        else:
            now = "now below the limit" if state == "within" else ("still over the limit" if state == "exceeded" else "")
            lines.append(f"{s['point_code']} ({role}) {name}: peak {peak.shown_in(s['unit'])} {s['unit']}, "
                         f"latest {latest.shown_in(s['unit'])} {s['unit']}{(', ' + now) if now else ''}")
    return "\n".join(lines[:20])


def draft_pollutants(data, lang: str = "zh") -> str:
    exc = list(dict.fromkeys(parameter_label(s["parameter_id"], s["parameter_text"], lang)
                             for s in data.summary if s["n_exceeded"]))
    if not exc:
        return ""
    return ("超标污染物：" + "、".join(exc)) if lang == "zh" else ("Pollutants over the limit: " + ", ".join(exc))


def drafts(data, lang: str = "zh") -> dict:
    """Field -> draft text (used when the stored fact is empty)."""
    inc = data.incident
    return {"cause": inc.get("description", ""), "measures": draft_measures(data, lang),
            "trend": draft_trend(data, lang), "pollutant_quantity": draft_pollutants(data, lang),
            "info_source": next((e["text"] for e in data.log if e["kind"] == "observation"), ""),
            "reporting_unit": data.unit_team}
