"""The trend section's account of every monitored series, as plain text lines (no reportlab).

Drinking-water intakes and other sensitive points come first, one line per series; every other
point is grouped by role and parameter, naming each point code under the state it is in (still over
the limit, back within it, never over, cannot be judged). Intakes from the map layers that have no
sampling point are named too. Nothing is dropped: the lines account for every series.
"""
from __future__ import annotations

from fieldapp.core.timeutil import to_local_display
from fieldapp.vocab import parameter_label, role_label
from fieldapp.vocab.display import column_unit
from fieldapp.vocab.roles import ROLES, is_drinking_source, is_sensitive
from fieldapp.vocab.verdict import STATUS_WORDS

from .gather import outside
from .texts import join, semi

_WITHIN = ("within", "not_detected")


def _when(iso: str) -> str:
    return to_local_display(iso)[5:]          # 'MM-DD HH:MM': the year is on the title page


def _val(row, unit: str | None = None) -> str:
    """The value with its unit; ``unit`` puts every value of a sentence in the same unit."""
    shown = unit or row.unit
    text = row.shown_in(unit) if unit else row.value_text
    return f"{text} {shown}".strip() if shown not in ("", "pH") else text


def _first_rank(s: dict) -> int:
    role = ROLES.get(s["role"])
    if role and (role.drinking_source or role.drinking_water):
        return 0
    return 1 if is_sensitive(s["role"]) else 2


def series_line(s: dict, lang: str) -> str:
    """One sentence for one series: count, exceedances, peak (or range), latest and its verdict."""
    zh = lang == "zh"
    name = parameter_label(s["parameter_id"], s["parameter_text"], lang)
    role = role_label(s["role"], lang)
    where = s["point_name"] if role in s["point_name"] else (f"{s['point_name']}（{role}）" if zh
                                                           else f"{s['point_name']} ({role})")
    head = f"{s['point_code']} {where} {name}" if zh else f"{s['point_code']} {where}, {name}"
    latest, peak, low, v = s["latest"], s["peak"], s["low"], s["verdict"]
    unit = column_unit(s["parameter_id"], s["unit"], [r.value_mg for r in s["rows"]])
    parts = [f"共{s['n']}次" if zh else f"{s['n']} values"]
    parts.append((f"超标{s['n_exceeded']}次" if zh else f"{s['n_exceeded']} over the limit") if s["n_exceeded"]
                 else ("均未超标" if zh else "none over the limit") if s["status"] in _WITHIN
                 else v.words(lang))
    lim = s["limit_row"].verdict.limit
    if lim is not None and lim.is_range and low is not None:
        parts.append((f"范围{low.value_text}–{peak.value_text}" if zh else f"range {low.value_text}-{peak.value_text}"))
    elif peak.value_mg is not None:
        extra = f"，{peak.verdict.words(lang)}" if zh and peak.status == "exceeded" else \
            f", {peak.verdict.words(lang)}" if peak.status == "exceeded" else ""
        parts.append(f"峰值{_val(peak, unit)}（{_when(peak.measured_at)}{extra}）" if zh
                     else f"peak {_val(peak, unit)} ({_when(peak.measured_at)}{extra})")
    parts.append(f"最新{_val(latest, unit)}（{_when(latest.measured_at)}），{latest.verdict.words(lang)}" if zh
                 else f"latest {_val(latest, unit)} ({_when(latest.measured_at)}), {latest.verdict.words(lang)}")
    return head + ("：" if zh else ": ") + ("，" if zh else ", ").join(parts) + ("。" if zh else ".")


def _state(s: dict) -> str:
    if s["n_exceeded"]:
        return "still" if s["latest"].status == "exceeded" else "back"
    return "never" if s["status"] in _WITHIN else s["status"]


def group_line(role: str, series: list[dict], lang: str) -> str:
    """All series of one parameter at the points of one role, each point code named once."""
    zh = lang == "zh"
    first = series[0]
    name = parameter_label(first["parameter_id"], first["parameter_text"], lang)
    by: dict[str, list[str]] = {}
    for s in series:
        by.setdefault(_state(s), []).append(s["point_code"])
    words = {"still": ("最新仍超标", "latest still over the limit"),
             "back": ("曾超标、最新已在限值内", "over the limit earlier, latest within"),
             "never": ("未超标", "never over the limit")}
    parts = []
    for state in ("still", "back", "never", *sorted(k for k in by if k not in words)):
        if state in by:
            label = words[state] if state in words else STATUS_WORDS.get(state, (state, state))
            label = label[0] if zh else label[1]
            codes = join(by[state], lang)
            parts.append(f"{label}{len(by[state])}个（{codes}）" if zh else f"{label}: {len(by[state])} ({codes})")
    exceeded = [s for s in series if s["n_exceeded"]]
    if exceeded:   # the worst exceedance: the highest ratio, or the lowest pH below 6
        top = max(exceeded, key=lambda s: outside(s["extreme"]))
        row = top["extreme"]
        unit = column_unit(top["parameter_id"], top["unit"], [r.value_mg for r in top["rows"]])
        parts.append(f"超标最重 {top['point_code']} {_val(row, unit)}（{_when(row.measured_at)}，{row.verdict.words(lang)}）"
                     if zh else f"worst {top['point_code']} {_val(row, unit)} ({_when(row.measured_at)}, "
                                f"{row.verdict.words(lang)})")
    head = f"{role_label(role, lang)}（{len(series)}个）{name}" if zh else \
        f"{role_label(role, lang)} ({len(series)}), {name}"
    return head + ("：" if zh else ": ") + semi(parts, lang) + ("。" if zh else ".")


def _unmonitored_intakes(data, lang: str) -> list[str]:
    monitored = {p["name"] for p in data.points if is_drinking_source(p["role"])}
    out = []
    for s in data.sites:
        if s["kind"] == "intake" and s["name"] not in monitored:
            out.append(f"{s['name']}（饮用水取水口，图层）：未设监测点位，尚无监测数据。" if lang == "zh" else
                       f"{s['name']} (drinking-water intake, map layer): no sampling point, no data yet.")
    return out


def trend_lines(data, lang: str = "zh") -> list[str]:
    """Every series accounted for: sensitive points one by one, then the rest grouped."""
    first = sorted((s for s in data.summary if _first_rank(s) < 2), key=_first_rank)
    lines = [series_line(s, lang) for s in first]
    lines += _unmonitored_intakes(data, lang)
    groups: dict = {}
    for s in data.summary:
        if _first_rank(s) == 2:
            groups.setdefault((s["role"], s["key"], s["medium"]), []).append(s)
    ordered = sorted(groups.items(), key=lambda kv: (not any(s["n_exceeded"] for s in kv[1]),
                                                     list(ROLES).index(kv[0][0]) if kv[0][0] in ROLES else 99))
    lines += [group_line(role, series, lang) for (role, _k, _m), series in ordered]
    if not lines:
        lines.append("暂无监测数据。" if lang == "zh" else "No monitoring data yet.")
    return lines
