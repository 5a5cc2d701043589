"""What a saved measurement means, said at once: the verdict for the status line and, when a
drinking-water point is over its limit, a banner with the toolkit's next actions.

The verdict is the one verdict (fieldapp.vocab.judge_row) against the point's standard; the
actions come from the toolkit (the pollutant's waterworks measure, the scenario's intake step) and
the reporting rule (Order No. 17 Art. 4: a drinking-water source affected puts the incident on the
II/I track).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from fieldapp.toolkit import load_toolkit
from fieldapp.vocab import judge_row, parameter_label, role_label, standard_for_point
from fieldapp.vocab.roles import affects_drinking_water


@dataclass
class Banner:
    title_zh: str
    title_en: str
    actions: list[tuple[str, str]] = field(default_factory=list)      # (zh, en) lines

    def title(self, lang: str = "zh") -> str:
        return self.title_en if lang.startswith("en") else self.title_zh

    def lines(self, lang: str = "zh") -> list[str]:
        return [en if lang.startswith("en") else zh for zh, en in self.actions]


@dataclass
class Feedback:
    verdict: object
    point: dict
    names: tuple[str, str]                # the parameter's label in zh, en
    banner: Banner | None

    def status_text(self, lang: str = "zh") -> str:
        if lang.startswith("en"):
            where = f"{self.point['code']} ({role_label(self.point['role'], 'en').lower()})"
            return f"Saved at {where}: {self.names[1]} — {self.verdict.words('en')}"
        where = f"{self.point['code']}（{role_label(self.point['role'])}）"
        return f"已保存 {where}：{self.names[0]} — {self.verdict.words('zh')}"


def _intake_step(scenario: dict | None) -> tuple[str, str] | None:
    for step in (scenario or {}).get("steps", []):
        if "intake" in step["id"]:
            return step["zh"], step["en"]
    return None


def _banner(verdict, point: dict, incident: dict, name_zh: str, name_en: str) -> Banner:
    tk = load_toolkit()
    p = verdict.parameter
    entry = tk.pollutant(p.toolkit_id) if p is not None and p.toolkit_id else None
    words_zh, words_en = verdict.words("zh"), verdict.words("en")
    role_zh, role_en = role_label(point["role"]), role_label(point["role"], "en").lower()
    banner = Banner(f"⚠ {point['code']}（{role_zh}）{name_zh}{words_zh}",
                    f"⚠ {name_en} at {point['code']} ({role_en}): {words_en}")
    banner.actions.append(("立即通知水厂，评估停止取水", "Warn the waterworks at once and decide on stopping intake"))
    step = _intake_step(tk.scenario(incident.get("scenario_id") or "") if incident.get("scenario_id") else None)
    if step:
        banner.actions.append(step)
    if entry:
        ww = entry["disposal"]["waterworks"]
        banner.actions.append((f"水厂应急处理：{ww['zh']}", f"Waterworks treatment: {ww['en']}"))
    banner.actions.append(("影响饮用水水源：级别确认前按重大（II级）及以上程序2小时内上报（《突发环境事件信息报告办法》第四条）",
                           "A drinking-water source is affected: report on the II/I track within 2 hours until the "
                           "level is confirmed (Order No. 17, Art. 4)"))
    return banner


def measurement_feedback(store, measurement: dict) -> Feedback:
    """Verdict and banner for a stored measurement row (keys as ``store.add_measurement`` returns)."""
    point = store.get("sampling_points", measurement["point_uuid"])
    incident = store.get("incidents", point["incident_uuid"])
    verdict = judge_row(measurement, standard_for_point(incident, point), point.get("media") or "water")
    name_zh = parameter_label(measurement.get("parameter_id"), measurement.get("parameter") or "", "zh")
    name_en = parameter_label(measurement.get("parameter_id"), measurement.get("parameter") or "", "en")
    banner = None
    if verdict.alarm and affects_drinking_water(point["role"]):
        banner = _banner(verdict, point, incident, name_zh, name_en)
    return Feedback(verdict, point, (name_zh, name_en), banner)
