"""Incident level (I–IV) from the facts, the escalation rule, and reporting deadlines.

Thresholds come from a data file (resources/reports/grading_2014.json: the 2014 national plan's
table) because a newer national plan may replace it (dossier §4.4): swap the file, not the code.
The level is the highest one any criterion reaches (the plan's "any one of" rule). Facts that are
not known yet (None) never raise the level, but are listed so the report says the level is provisional.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from fieldapp.core.resources import resource_path
from fieldapp.vocab import get_parameter
from fieldapp.vocab.numbers import format_money, format_people

RESOURCE = resource_path("reports", "grading_2014.json")
LEVELS = ("I", "II", "III", "IV")
_RANK = {lv: i for i, lv in enumerate(LEVELS)}  # lower index = more serious


class GradingDataError(ValueError):
    """The thresholds file is missing or malformed; the message names the key."""


def load_thresholds(path: str | Path | None = None) -> dict:
    p = Path(path) if path else RESOURCE
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise GradingDataError(f"{p}: cannot read grading thresholds ({exc})") from None
    for key in ("numeric", "categorical", "deadline_hours", "escalation", "level_names", "plan", "plan_en"):
        if key not in data:
            raise GradingDataError(f"{p}: missing key {key!r}")
    for name, spec in data["numeric"].items():
        mins = spec.get("min", {})
        vals = [mins[lv] for lv in ("I", "II", "III") if lv in mins]
        if vals != sorted(vals, reverse=True):
            raise GradingDataError(f"{p}: numeric.{name}.min must decrease from I to III")
    return data


@dataclass
class Reason:
    level: str
    zh: str
    en: str

    def text(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en


@dataclass
class Grading:
    level: str                      # computed level from the facts entered
    reasons: list[Reason]           # the criteria that set the level (or why it is IV)
    unknown: list[str]              # fact keys not entered yet -> level is provisional
    escalate: bool                  # Order 17 Art. 4: report on the I/II track until confirmed
    escalation_reasons: list[Reason] = field(default_factory=list)
    report_track: str = "IV"        # level whose procedure/deadline applies
    deadline_hours: float = 4
    plan: str = ""
    plan_en: str = ""
    may_be_superseded: bool = False

    @property
    def provisional(self) -> bool:
        return bool(self.unknown)

    def basis_text(self, lang: str = "zh") -> str:
        """The grading basis, with the warning that a newer national plan may supersede it: shown
        wherever a grade is shown (report, report tab, CLI)."""
        if lang.startswith("en"):
            text = f"Grading basis: {self.plan_en or self.plan}"
            return text + (" (a newer national plan may supersede it: check before relying on the level)"
                           if self.may_be_superseded else "")
        text = f"分级依据：{self.plan}"
        return text + ("（该预案可能已被新的国家预案替代，定级前请核对现行预案）" if self.may_be_superseded else "")


def escalating_parameters(parameter_ids) -> list:
    """Parameters that put an incident on the I/II track under Order No. 17 Art. 4 (heavy metals and
    metalloids, by the vocabulary's category, whatever they were called when typed)."""
    found = {pid: get_parameter(pid) for pid in parameter_ids if pid}
    return sorted((p for p in found.values() if p is not None and p.escalates), key=lambda p: p.id)


def _amount(key: str, value, lang: str) -> str:
    if key == "economic_loss_yuan":
        return format_money(value, lang)
    if key in ("deaths", "poisoned", "evacuated"):
        return format_people(value, lang)
    return f"{value:g}"


def grade(facts: dict, *, parameter_ids=(), has_intake: bool = False, table: dict | None = None) -> Grading:
    """Level, reasons and reporting track for the facts (keys as in ``incident_facts``) and the
    parameter ids measured (vocabulary ids: escalation is decided by category, not by spelling)."""
    t = table or load_thresholds()
    names = t["level_names"]
    hits: list[Reason] = []
    unknown: list[str] = []
    for key, spec in t["numeric"].items():
        value = facts.get(key)
        if value is None:
            unknown.append(key)
            continue
        for lv in ("I", "II", "III"):
            if lv in spec["min"] and value >= spec["min"][lv]:
                lab, threshold = spec["label"], spec["min"][lv]
                hits.append(Reason(lv, f"{lab[0]} {_amount(key, value, 'zh')} ≥ {_amount(key, threshold, 'zh')}"
                                       f"（{names[lv][0]}）",
                                   f"{lab[1]} {_amount(key, value, 'en')} ≥ {_amount(key, threshold, 'en')} "
                                   f"({names[lv][1]})"))
                break
    for key, spec in t["categorical"].items():
        value = facts.get(key)
        if value is None:
            unknown.append(key)
            continue
        if value in spec["values"]:
            lv, zh, en = spec["values"][value]
            hits.append(Reason(lv, f"{spec['label'][0]}：{zh}（{names[lv][0]}）",
                               f"{spec['label'][1]}: {en} ({names[lv][1]})"))
    if hits:
        level = min((h.level for h in hits), key=_RANK.__getitem__)
        reasons = sorted(hits, key=lambda r: _RANK[r.level])
    else:
        level = "IV"
        reasons = [Reason("IV", "各项指标均未达到较大（III级）标准", "no criterion reaches level III")]
    esc: list[Reason] = []
    metals = escalating_parameters(parameter_ids)
    if metals:
        esc.append(Reason("II", f"涉及重金属或类金属污染（{'、'.join(p.name('zh') for p in metals)}）",
                          f"heavy-metal or metalloid pollution ({', '.join(p.name('en') for p in metals)})"))
    if has_intake or facts.get("water_source_interrupted") not in (None, "none"):
        esc.append(Reason("II", "影响或可能影响饮用水水源地", "affects or may affect a drinking-water source"))
    if facts.get("sensitive_population"):
        esc.append(Reason("II", "涉及居民聚居区、学校、医院等敏感区域和人群",
                          "involves residential areas, schools, hospitals or other sensitive people"))
    if facts.get("boundary_impact") in ("province", "national"):
        esc.append(Reason("II", "可能产生跨省或跨国影响", "may have cross-provincial or cross-border impact"))
    escalate = bool(esc) and _RANK[level] > _RANK["II"]
    track = "II" if escalate else level
    return Grading(level=level, reasons=reasons, unknown=unknown, escalate=escalate,
                   escalation_reasons=esc, report_track=track,
                   deadline_hours=float(t["deadline_hours"][track]), plan=t["plan"], plan_en=t["plan_en"],
                   may_be_superseded=bool(t.get("may_be_superseded")))


@dataclass
class Deadline:
    key: str
    zh: str
    en: str
    due: datetime
    remaining: timedelta

    @property
    def overdue(self) -> bool:
        return self.remaining.total_seconds() < 0

    def label(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en


def _dt(iso: str) -> datetime:
    return datetime.fromisoformat(iso.replace("Z", "+00:00"))


def format_remaining(td: timedelta, lang: str = "zh") -> str:
    s = int(td.total_seconds())
    sign, s = ("-" if s < 0 else ""), abs(s)
    h, m = s // 3600, s % 3600 // 60
    if lang == "zh":
        return f"已超时 {h}小时{m:02d}分" if sign else f"剩余 {h}小时{m:02d}分"
    return f"overdue by {h} h {m:02d} min" if sign else f"{h} h {m:02d} min left"


def deadlines(discovered_at: str, grading: Grading, now: datetime | None = None,
              table: dict | None = None) -> list[Deadline]:
    """Reporting deadlines counted from discovery, with the time left (negative = overdue)."""
    t = table or load_thresholds()
    start = _dt(discovered_at)
    now = now or datetime.now(timezone.utc)
    local_h = float(t.get("local_deadline_hours", 1))
    track = grading.report_track
    upward = "省级生态环境部门及生态环境部" if _RANK[track] <= _RANK["II"] else "上一级生态环境部门"
    upward_en = ("provincial bureau and the Ministry" if _RANK[track] <= _RANK["II"]
                 else "next-higher environmental bureau")
    items = [
        ("local", f"事发单位向当地政府/生态环境部门报告（地方常见要求 {local_h:g} 小时）",
         f"responsible unit reports to the local authority (common local rule, {local_h:g} h)", local_h),
        ("initial", f"初报：报本级政府和{upward}（{grading.deadline_hours:g} 小时，按{track}级程序）",
         f"initial report to the same-level government and the {upward_en} "
         f"({grading.deadline_hours:g} h, level {track} procedure)", grading.deadline_hours),
    ]
    if _RANK[track] <= _RANK["II"]:
        items.append(("province", "省级生态环境部门核报生态环境部（接报后 1 小时内）",
                      "provincial bureau verifies and reports to the Ministry (1 h after receipt)",
                      grading.deadline_hours + 1))
    return [Deadline(k, zh, en, start + timedelta(hours=h), start + timedelta(hours=h) - now)
            for k, zh, en, h in items]
