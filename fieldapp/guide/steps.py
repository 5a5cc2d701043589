"""The first-hour steps: done, to do or overdue, decided from the incident's state.

Each step names the action that does it (the window maps it to a dialog or a tab), so the strip
says what to do and a click or a key does it. A step counts as done from the data (a point of that
role exists, a report was issued), never because somebody clicked it: a sync import or another
device doing it counts too. ``log_entries`` gives the structured log entries (entry_kind
'guide_step', step_id 'guide/<step>') for steps newly done, written once each.
"""
from __future__ import annotations

from dataclasses import dataclass

from fieldapp.reports import next_report_type
from fieldapp.reports.grading import format_remaining
from fieldapp.vocab import get_parameter, role_label

from .state import GuideState

ACTIONS = ("open_checklist", "propose_points", "add_measurement", "add_sample", "quick_report")
FIRST_ROLES = ("upstream_control", "source", "downstream")
STEP_TITLES = {"checklist": ("处置要点清单", "Checklist"), "points": ("首批采样点位", "First points"),
               "measure": ("污染源和下游监测", "Source and downstream"), "intake": ("取水口监测", "Intake"),
               "samples": ("实验室样品", "Lab samples"), "initial_report": ("初报", "Initial report")}


@dataclass(frozen=True)
class Step:
    id: str
    status: str            # 'done' | 'todo' | 'overdue'
    zh: str
    en: str
    detail_zh: str
    detail_en: str
    action: str            # one of ACTIONS
    role: str = ""         # the point role the action is for (add_measurement at an intake)
    short: tuple[str, str] = ()   # (zh, en) button title when not STEP_TITLES' (the quick report)

    def title(self, lang: str = "zh") -> str:
        zh, en = self.short or STEP_TITLES[self.id]
        return en if lang.startswith("en") else zh

    def text(self, lang: str = "zh") -> str:
        return self.en if lang.startswith("en") else self.zh

    def detail(self, lang: str = "zh") -> str:
        return self.detail_en if lang.startswith("en") else self.detail_zh

    @property
    def done(self) -> bool:
        return self.status == "done"


def _names(ids, lang: str) -> str:
    names = [(p.name(lang) if p else pid) for pid in ids for p in [get_parameter(pid)]]
    return ("、" if lang == "zh" else ", ").join(names[:6])


def _checklist(s: GuideState) -> Step | None:
    if not s.scenario:
        return None
    name = s.scenario["name"]
    done = s.checklist_ticked()
    return Step("checklist", "done" if done else "todo", f"打开“{name['zh']}”处置要点并逐项勾选",
                f"Open the '{name['en']}' checklist and tick what is done",
                "勾选记入事件日志（谁、何时）", "ticks go into the incident log (who, when)", "open_checklist")


def _points(s: GuideState) -> Step:
    wanted = list(FIRST_ROLES) + (["water_intake"] if s.intake_sites else [])
    missing = [r for r in wanted if not s.roles.get(r)]
    zh_missing = "、".join(role_label(r) for r in missing)
    en_missing = ", ".join(role_label(r, "en").lower() for r in missing)
    how_zh = "按河道里程建议点位" if s.river else "尚无河道线：请导入“一河一策一图”或手工布点"
    how_en = "proposed from the river line by chainage" if s.river else \
        "no river line yet: import the river plan or place points by hand"
    return Step("points", "todo" if missing else "done", "布设首批采样点位：对照、污染源、下游断面、取水口",
                "Set the first sampling points: upstream control, source, downstream sections, intakes",
                (f"还缺：{zh_missing}；" if missing else "") + how_zh,
                (f"missing: {en_missing}; " if missing else "") + how_en, "propose_points")


def _measure(s: GuideState) -> Step:
    pollutants = s.pollutants()
    done = bool(s.measured.get("source") or s.measured.get("downstream"))
    what_zh = _names(pollutants, "zh") or "特征污染物"
    what_en = _names(pollutants, "en") or "the characteristic pollutants"
    return Step("measure", "done" if done else "todo", f"在污染源和下游断面测定{what_zh}",
                f"Measure {what_en} at the source and the downstream sections",
                "现场快速检测方法见工具包；超标时立即提示", "field methods are in the toolkit; an exceedance is flagged at once",
                "add_measurement", "downstream")


def _intake(s: GuideState) -> Step | None:
    if not (s.roles.get("water_intake") or s.intake_sites):
        return None
    done = bool(s.measured.get("water_intake"))
    return Step("intake", "done" if done else "todo", "在下游饮用水取水口加密监测",
                "Monitor the downstream drinking-water intake closely",
                "取水口超标时按工具包建议通知水厂、评估停止取水",
                "over the limit at the intake: warn the waterworks and decide on stopping intake (toolkit)",
                "add_measurement", "water_intake")


def _samples(s: GuideState) -> Step:
    return Step("samples", "done" if s.samples else "todo", "采集实验室样品（容器、保存剂按项目自动建议）",
                "Take samples for the laboratory (container and preservative suggested per parameter)",
                "样品编号和交接记录形成证据链", "sample codes and hand-overs make the chain of custody", "add_sample")


def report_due(s: GuideState) -> str:
    """The report the report step drafts: the one-hour quick report until the local authority has
    been told (a report issued, or the checklist's report step ticked: reported by phone), then the
    type the archive says is next (fieldapp.reports.next_report_type, as the report tab preselects)."""
    if not s.reports and s.checklist_ticked("report"):
        return "initial"
    return next_report_type(s.reports)


def _report(s: GuideState) -> Step:
    due = report_due(s)
    key = "local" if due == "quick" else "initial"
    deadline = next((d for d in s.deadlines if d.key == key), None)
    done = "initial" in s.reports
    status = "done" if done else ("overdue" if deadline and deadline.overdue else "todo")
    track = s.grading.report_track
    left_zh = format_remaining(deadline.remaining, "zh") if deadline else ""
    left_en = format_remaining(deadline.remaining, "en") if deadline else ""
    if due == "quick":
        return Step("initial_report", status, f"一小时快报（报当地政府/生态环境部门）：{left_zh}",
                    f"One-hour quick report (to the local authority): {left_en}",
                    f"先报快报，缺项标注“待补充”；随后按{track}级程序报初报（{s.grading.deadline_hours:g}小时内）",
                    f"the quick report goes out first, missing facts marked; then the initial report "
                    f"(level {track} procedure, within {s.grading.deadline_hours:g} h)", "quick_report",
                    short=("快报", "Quick report"))
    return Step("initial_report", status, f"初报（按{track}级程序，{s.grading.deadline_hours:g}小时内）：{left_zh}",
                f"Initial report (level {track} procedure, within {s.grading.deadline_hours:g} h): {left_en}",
                "快速生成初报草稿，缺项标注“待补充”后按时报出",
                "a quick draft marks missing facts so it can go out on time", "quick_report")


def next_steps(state: GuideState) -> list[Step]:
    """The first-hour steps in the order to do them."""
    steps = [_checklist(state), _points(state), _measure(state), _intake(state), _samples(state), _report(state)]
    return [s for s in steps if s is not None]


def first_open(steps: list[Step]) -> Step | None:
    return next((s for s in steps if not s.done), None)


def log_entries(state: GuideState, steps: list[Step], lang: str = "zh") -> list[dict]:
    """``store.log`` keyword arguments for steps done but not logged yet (one entry per step, ever)."""
    out = []
    for step in steps:
        if step.done and step.id not in state.logged:
            title = STEP_TITLES[step.id][1 if lang.startswith("en") else 0]
            text = f"first-hour step done: {title}" if lang.startswith("en") else f"首小时指引完成：{title}"
            out.append({"kind": "action", "text": text,
                        "entry_kind": "guide_step", "step_id": f"guide/{step.id}",
                        "entry_args": {"step": step.id}})
    return out


@dataclass(frozen=True)
class Countdown:
    """The header's reporting countdown: the next deadline not yet met."""
    label_zh: str
    label_en: str
    remaining_zh: str
    remaining_en: str
    overdue: bool
    met: bool

    def text(self, lang: str = "zh") -> str:
        if lang.startswith("en"):
            return f"{self.label_en}: {self.remaining_en}"
        return f"{self.label_zh}：{self.remaining_zh}"


def countdown(state: GuideState) -> Countdown:
    """The local 1-hour report until the checklist's report step is ticked or a report issued, then
    the initial report until it is issued; after that, the follow-up is due 'at any time'."""
    local_met = state.checklist_ticked("report") or bool(state.reports)
    for d in state.deadlines:
        if d.key == "local" and not local_met or d.key == "initial" and "initial" not in state.reports:
            zh, en = ("报告当地政府/生态环境部门（一小时快报）",
                      "Report to the local authority (one-hour quick report)") if d.key == "local" else (
                f"初报（{state.grading.report_track}级程序）", f"Initial report (level {state.grading.report_track})")
            return Countdown(zh, en, format_remaining(d.remaining, "zh"), format_remaining(d.remaining, "en"),
                             d.overdue, False)
    return Countdown("初报已报出", "Initial report issued", "续报随时报送", "follow-up reports as facts develop",
                     False, True)
