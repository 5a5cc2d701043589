"""The drill scorecard: time to the first report, checklist steps done and skipped, samples taken at
the right places, reporting deadlines met. Read from what the trainee recorded (the store), never
from what the UI was shown."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from fieldapp.maps import spatial
from fieldapp.store.facts import load_facts
from fieldapp.reports.grading import deadlines, grade
from fieldapp.toolkit import load_toolkit
from fieldapp.toolkit.checklist import checklist_state
from fieldapp.vocab import role_label

from .scenario import Scenario

FIRST_REPORT_MIN = 60          # the common local rule: report within 1 hour of discovery
INTAKE_NEAR_M = 500            # a sample "at the intake" is within this of the scenario's intake


@dataclass
class ScoreItem:
    key: str
    zh: str
    en: str
    value_zh: str
    value_en: str
    ok: bool | None            # None: not yet decidable
    points: int
    max_points: int

    def label(self, lang: str = "zh") -> str:
        return self.en if lang.startswith("en") else self.zh

    def value(self, lang: str = "zh") -> str:
        return self.value_en if lang.startswith("en") else self.value_zh


@dataclass
class Scorecard:
    incident: dict
    scenario: Scenario
    items: list[ScoreItem] = field(default_factory=list)
    done_steps: list[tuple[str, str]] = field(default_factory=list)      # (zh, en)
    skipped_steps: list[tuple[str, str]] = field(default_factory=list)
    first_report_min: float | None = None

    @property
    def points(self) -> int:
        return sum(i.points for i in self.items)

    @property
    def max_points(self) -> int:
        return sum(i.max_points for i in self.items)

    def item(self, key: str) -> ScoreItem:
        return next(i for i in self.items if i.key == key)


def _dt(iso: str) -> datetime:
    return datetime.fromisoformat(iso.replace("Z", "+00:00"))


def _first_report(store, inc: dict, log: list[dict], scenario_id: str) -> str | None:
    """When the first report went out: an issued report, or the checklist's report step ticked."""
    times = [r[0] for r in store.conn.execute(
        "SELECT issued_at FROM report_archive WHERE incident_uuid = ? AND deleted = 0", (inc["uuid"],))]
    times += [r["at"] for r in log if r.get("entry_kind") == "step_done" and r.get("step_id") == f"{scenario_id}/report"]
    return min(times) if times else None


def _report_item(card: Scorecard, store, inc, log) -> None:
    first = _first_report(store, inc, log, card.scenario["scenario"])
    if first is None:
        card.items.append(ScoreItem("first_report", "首报用时", "Time to first report", "尚未报告", "not reported yet",
                                    False, 0, 2))
        return
    minutes = (_dt(first) - _dt(inc["discovered_at"])).total_seconds() / 60
    card.first_report_min = minutes
    ok = minutes <= FIRST_REPORT_MIN
    card.items.append(ScoreItem("first_report", "首报用时", "Time to first report", f"{minutes:.0f} 分钟",
                                f"{minutes:.0f} min", ok, 2 if ok else 1, 2))


def _checklist_item(card: Scorecard, log) -> None:
    sc = load_toolkit().scenario(card.scenario["scenario"])
    ticks = checklist_state(log)
    for step in sc["steps"]:
        done = ticks.get((sc["id"], step["id"]), {}).get("done", False)
        (card.done_steps if done else card.skipped_steps).append((step["zh"], step["en"]))
    n, total = len(card.done_steps), len(sc["steps"])
    card.items.append(ScoreItem("checklist", "处置要点完成", "Checklist steps done", f"{n}/{total}（未做 {total - n}）",
                                f"{n} of {total} ({total - n} skipped)", n == total, n, total))


def _places_item(card: Scorecard, store, inc) -> None:
    """Each expected role sampled or measured; the intake's at the scenario's intake."""
    pts = store.list_points(inc["uuid"])
    sampled = {r[0] for r in store.conn.execute(
        "SELECT point_uuid FROM samples WHERE incident_uuid = ? AND deleted = 0 UNION "
        "SELECT point_uuid FROM measurements WHERE incident_uuid = ? AND deleted = 0", (inc["uuid"], inc["uuid"]))}
    intakes = [(lon, lat) for lon, lat in store.conn.execute(
        "SELECT lon, lat FROM map_sites WHERE kind = 'intake' AND deleted = 0 AND layer_uuid IN "
        "(SELECT uuid FROM map_layers WHERE incident_uuid = ?)", (inc["uuid"],))]
    good, missing = 0, []
    for role in card.scenario["expected_roles"]:
        at = [p for p in pts if p["role"] == role and p["uuid"] in sampled]
        if role == "water_intake" and intakes:
            at = [p for p in at if min(spatial.straight_m(store, (p["lon"], p["lat"]), i) for i in intakes) <= INTAKE_NEAR_M]
        if at:
            good += 1
        else:
            missing.append(role)
    total = len(card.scenario["expected_roles"])
    miss_zh = "；缺：" + "、".join(role_label(r) for r in missing) if missing else ""
    miss_en = "; missing: " + ", ".join(role_label(r, "en").lower() for r in missing) if missing else ""
    card.items.append(ScoreItem("places", "采样点位正确", "Samples at the right places", f"{good}/{total}{miss_zh}",
                                f"{good} of {total}{miss_en}", good == total, good, total))


def _deadline_item(card: Scorecard, store, inc, now: datetime) -> None:
    g = grade(load_facts(store, inc["uuid"]), has_intake=True,
              parameter_ids=[r[0] for r in store.conn.execute(
                  "SELECT DISTINCT parameter_id FROM measurements WHERE incident_uuid = ? AND parameter_id IS NOT NULL",
                  (inc["uuid"],))])
    initial = next(d for d in deadlines(inc["discovered_at"], g, now) if d.key == "initial")
    issued = [r[0] for r in store.conn.execute(
        "SELECT MIN(issued_at) FROM report_archive WHERE incident_uuid = ? AND report_type = 'initial'", (inc["uuid"],))
        if r[0]]
    if issued:
        ok = _dt(issued[0]) <= initial.due
        zh, en = ("按时" if ok else "超时"), ("met" if ok else "missed")
    else:
        ok = False if initial.overdue else None
        zh, en = ("已超时，未报" if initial.overdue else "尚未到期"), ("missed" if initial.overdue else "not due yet")
    card.items.append(ScoreItem("deadlines", f"初报时限（{g.deadline_hours:g} 小时）",
                                f"Initial report deadline ({g.deadline_hours:g} h)", zh, en, ok, 2 if ok else 0, 2))


def scorecard(store, incident_uuid: str, sc: Scenario, now: datetime | None = None) -> Scorecard:
    inc = store.get("incidents", incident_uuid)
    log = store.list_log(incident_uuid)
    card = Scorecard(inc, sc)
    _report_item(card, store, inc, log)
    _checklist_item(card, log)
    _places_item(card, store, inc)
    _deadline_item(card, store, inc, now or datetime.now(timezone.utc))
    return card
