"""The incident as the first-hour guide sees it: one read of the store, no judgement yet."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from fieldapp.store.facts import load_facts
from fieldapp.reports.grading import Deadline, Grading, deadlines, grade
from fieldapp.toolkit import load_toolkit
from fieldapp.toolkit.checklist import checklist_state
from fieldapp.vocab.roles import affects_drinking_water


@dataclass
class GuideState:
    incident: dict
    scenario: dict | None                        # the toolkit scenario (checklist) of the incident
    points: list[dict]
    roles: dict[str, int]                        # role -> number of points
    measured: dict[str, set]                     # role -> parameter ids measured there
    samples: int
    reports: set                                 # report types issued
    ticks: dict                                  # (scenario, step) -> latest tick row
    logged: set                                  # guide step ids already logged
    grading: Grading
    deadlines: list[Deadline]
    river: bool                                  # a river line is on the incident's map
    intake_sites: int                            # intakes on the map (plans)
    now: datetime = field(default_factory=lambda: datetime.now(timezone.utc))

    @property
    def scenario_id(self) -> str:
        return self.scenario["id"] if self.scenario else ""

    def pollutants(self) -> list[str]:
        """What to measure: the pollutant named at creation, else the scenario's typical ones."""
        from fieldapp.vocab.parameters import parameter_for_pollutant

        known = self.incident.get("pollutant_id") or ""
        if known:
            return [known]
        ids = [parameter_for_pollutant(t) for t in (self.scenario.get("pollutants") or [])] if self.scenario else []
        return [p.id for p in ids if p is not None]

    def checklist_ticked(self, step_id: str | None = None) -> bool:
        sc = self.scenario_id
        return any(k[0] == sc and v["done"] and (step_id is None or k[1] == step_id) for k, v in self.ticks.items())


def _count(store, sql: str, args) -> int:
    return int(store.conn.execute(sql, args).fetchone()[0])


def read_state(store, incident_uuid: str, now: datetime | None = None) -> GuideState:
    inc = store.get("incidents", incident_uuid)
    tk = load_toolkit()
    scenario = tk.scenario(inc.get("scenario_id") or "") if inc.get("scenario_id") else None
    points = store.list_points(incident_uuid)
    roles: dict[str, int] = {}
    for p in points:
        roles[p["role"]] = roles.get(p["role"], 0) + 1
    measured: dict[str, set] = {}
    for role, pid, typed in store.conn.execute(
            "SELECT DISTINCT p.role, m.parameter_id, m.parameter FROM measurements m JOIN sampling_points p "
            "ON p.uuid = m.point_uuid WHERE m.incident_uuid = ? AND m.deleted = 0 AND p.deleted = 0",
            (incident_uuid,)):
        measured.setdefault(role, set()).add(pid or typed)
    log = store.list_log(incident_uuid)
    logged = {r["step_id"].split("/", 1)[1] for r in log
              if r.get("entry_kind") == "guide_step" and (r.get("step_id") or "").startswith("guide/")}
    reports = {r[0] for r in store.conn.execute(
        "SELECT DISTINCT report_type FROM report_archive WHERE incident_uuid = ? AND deleted = 0", (incident_uuid,))}
    ids = [pid for pids in measured.values() for pid in pids]
    layer = ("layer_uuid IN (SELECT uuid FROM map_layers WHERE deleted = 0 AND (incident_uuid IS NULL "
             "OR incident_uuid = ?))")
    intake_sites = _count(store, f"SELECT COUNT(*) FROM map_sites WHERE deleted = 0 AND kind = 'intake' AND {layer}",
                          (incident_uuid,))
    g = grade(load_facts(store, incident_uuid), parameter_ids=ids,
              has_intake=any(affects_drinking_water(p["role"]) for p in points) or intake_sites > 0)
    now = now or datetime.now(timezone.utc)
    return GuideState(
        incident=inc, scenario=scenario, points=points, roles=roles, measured=measured,
        samples=_count(store, "SELECT COUNT(*) FROM samples WHERE incident_uuid = ? AND deleted = 0", (incident_uuid,)),
        reports=reports, ticks=checklist_state(log), logged=logged, grading=g,
        deadlines=deadlines(inc["discovered_at"], g, now),
        river=_count(store, f"SELECT COUNT(*) FROM map_rivers WHERE deleted = 0 AND {layer}", (incident_uuid,)) > 0,
        intake_sites=intake_sites, now=now)
