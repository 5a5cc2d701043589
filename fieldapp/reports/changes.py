"""What changed since the previous issued report (what a follow-up report states first).

The previous report is the incident's last archived report; its snapshot (facts and level at issue
time, see migration 12) and its issue time are compared with the data now: new exceedances (series
that first exceeded after it), new peaks (a higher value after it), sections now within the limit
(exceeding at the last value before it, within at the latest), measures logged since, the level
and the facts that changed. Plain data; the builder words it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from fieldapp.vocab import parameter_label

from .texts import LEVEL_NAMES, join, t

FACT_GROUPS = {   # section -> facts whose change makes it worth printing again in full
    "basic": ("info_source", "cause"),
    "pollutants": ("pollutant_quantity",),
    "casualties": ("deaths", "poisoned", "evacuated"),
    "sensitive": ("water_source_interrupted", "boundary_impact", "sensitive_population"),
}
_WITHIN = ("within", "not_detected")


@dataclass
class Changes:
    previous_no: str
    previous_type: str
    previous_at: str
    new_rows: int = 0
    new_exceedances: list = field(default_factory=list)   # series dicts
    new_peaks: list = field(default_factory=list)
    now_within: list = field(default_factory=list)
    still_exceeded: list = field(default_factory=list)
    measures: list = field(default_factory=list)          # log entries since
    level_before: str = ""
    level_now: str = ""
    facts_changed: list = field(default_factory=list)     # fact keys
    series_with_new_data: set = field(default_factory=set)  # (point_code, key)

    def unchanged(self, section: str) -> bool:
        return not set(FACT_GROUPS.get(section, ())) & set(self.facts_changed)


def _max(rows) -> float:
    vals = [r.value_mg for r in rows if r.value_mg is not None and r.verdict.qualifier not in ("<", "ND")]
    return max(vals) if vals else float("-inf")


def _series_change(ch: Changes, s: dict, since: str) -> None:
    before = [r for r in s["rows"] if r.measured_at <= since]
    after = [r for r in s["rows"] if r.measured_at > since]
    if after:
        ch.new_rows += len(after)
        ch.series_with_new_data.add((s["point_code"], s["key"]))
    if not after:
        if before and before[-1].status == "exceeded":
            ch.still_exceeded.append(s)
        return
    exceeded_before = any(r.status == "exceeded" for r in before)
    if not exceeded_before and any(r.status == "exceeded" for r in after):
        ch.new_exceedances.append(s)
    elif exceeded_before and any(r.status == "exceeded" for r in after) and _max(after) > _max(before):
        ch.new_peaks.append(s)
    if before and before[-1].status == "exceeded" and after[-1].status in _WITHIN:
        ch.now_within.append(s)
    elif after[-1].status == "exceeded":
        ch.still_exceeded.append(s)


def _facts_changed(before: dict, now: dict) -> list[str]:
    keys = sorted(set(before) | set(now))
    return [k for k in keys if k != "uuid" and (before.get(k) or None) != (now.get(k) or None)]


def changes_since(data, previous: dict) -> Changes:
    since = previous["issued_at"]
    snap = previous.get("snapshot") or {}
    ch = Changes(previous["report_no"], previous["report_type"], since,
                 level_before=snap.get("level") or previous.get("level") or "", level_now=data.grading.level)
    for s in data.summary:
        _series_change(ch, s, since)
    ch.measures = [e for e in data.log if e["kind"] in ("action", "decision") and e["at"] > since]
    if "facts" in snap:
        ch.facts_changed = _facts_changed(snap["facts"], {k: v for k, v in data.facts.items() if k != "uuid"})
    return ch


def _names(series: list[dict], lang: str) -> str:
    return join([f"{s['point_code']} {parameter_label(s['parameter_id'], s['parameter_text'], lang)}"
                 for s in series], lang)


def change_lines(ch: Changes, lang: str = "zh") -> list[str]:
    zh = lang == "zh"
    out = []
    if not ch.new_rows:
        out.append("自上次报告以来无新的监测数据。" if zh else "No new monitoring data since the previous report.")
    else:
        out.append(f"自上次报告以来新增监测数据{ch.new_rows}个。" if zh else f"{ch.new_rows} new values since then.")
    for items, zh_w, en_w in ((ch.new_exceedances, "新出现超标", "New exceedances"),
                              (ch.new_peaks, "出现新的峰值", "New peaks"),
                              (ch.now_within, "已回落至限值以内", "Now within the limit"),
                              (ch.still_exceeded, "仍超标", "Still over the limit")):
        if items:
            out.append(f"{zh_w}（{len(items)}个）：{_names(items, lang)}。" if zh
                       else f"{en_w} ({len(items)}): {_names(items, lang)}.")
    if ch.level_before and ch.level_before != ch.level_now:
        out.append(f"事件级别由{t(LEVEL_NAMES, ch.level_before, lang)}调整为{t(LEVEL_NAMES, ch.level_now, lang)}。" if zh
                   else f"Level changed from {t(LEVEL_NAMES, ch.level_before, lang)} to "
                        f"{t(LEVEL_NAMES, ch.level_now, lang)}.")
    else:
        out.append(f"事件级别未变（{t(LEVEL_NAMES, ch.level_now, lang)}）。" if zh
                   else f"Level unchanged ({t(LEVEL_NAMES, ch.level_now, lang)}).")
    out.append(f"期间新记录处置措施{len(ch.measures)}项。" if zh else f"{len(ch.measures)} measures logged since.")
    return out
