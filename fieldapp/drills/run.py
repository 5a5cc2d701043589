"""Running a drill: the exercise incident made from a scenario file, its clock and its injects.

A drill incident is an ordinary incident with ``is_drill = 1`` and the scenario's id: the same
guide, checklist, forms and reports work on it, marked as an exercise everywhere. Its river line
and intake come with the scenario (an incident layer), its source point is where the briefing says
the release is; what the trainee does next is what the scorecard reads.
"""
from __future__ import annotations

from datetime import datetime, timezone

from fieldapp.core.timeutil import now_iso
from fieldapp.maps import spatial
from fieldapp.maps.layer_import import write_layer

from .scenario import Scenario

LAYER_TAG = "drill-scenario"


def _dt(iso: str) -> datetime:
    return datetime.fromisoformat(iso.replace("Z", "+00:00"))


def _next_code(store) -> str:
    n = store.conn.execute("SELECT COUNT(*) FROM incidents WHERE is_drill = 1").fetchone()[0] + 1
    return f"DRILL-{n:02d}"


def create_drill(store, sc: Scenario, started_at: str | None = None) -> dict:
    """The drill incident with its river, intake and source point, in one transaction."""
    when = started_at or now_iso()
    with store.transaction():
        inc = store.create_incident(sc.name("zh"), when, code=_next_code(store), kind=sc["kind"],
                                    scenario_id=sc["scenario"], is_drill=True, drill_scenario=sc.id,
                                    description=sc.briefing("zh"))
        river = [{"name": sc["river"]["name"]["zh"], "coords": [tuple(c) for c in sc["river"]["coords"]],
                  "attributes": {"说明": "演练数据"}}]
        write_layer(store, sc["river"]["name"]["zh"], "river", river, [], incident_uuid=inc["uuid"],
                    source_file=LAYER_TAG, source_format="drill")
        river_uuid = store.conn.execute(
            "SELECT r.uuid FROM map_rivers r JOIN map_layers l ON l.uuid = r.layer_uuid WHERE l.incident_uuid = ?",
            (inc["uuid"],)).fetchone()[0]
        intakes = []
        for item in sc["intakes"]:
            lon, lat = spatial.point_at_chainage(store, river_uuid, float(item["chainage_m"]))
            intakes.append({"kind": "intake", "name": item["name"]["zh"], "lon": lon, "lat": lat,
                            "attributes": {"说明": "演练数据"}})
        write_layer(store, "取水口（演练）", "intake", [], intakes, incident_uuid=inc["uuid"],
                    source_file=LAYER_TAG, source_format="drill")
        lon, lat = spatial.point_at_chainage(store, river_uuid, float(sc["source_chainage_m"]))
        store.add_point(inc["uuid"], lat, lon, code="SRC-01", role="source", name="泄漏点（演练）",
                        coord_source="drill")
        store.log(inc["uuid"], "system", "演练开始：" + sc.briefing("zh"), entry_kind="drill",
                  entry_args={"zh": "开始。" + sc.briefing("zh"), "en": "started. " + sc.briefing("en")})
    return store.get("incidents", inc["uuid"])


def drill_seconds(incident: dict, sc: Scenario, now: datetime | None = None) -> float:
    """Scenario time since the release began (the drill starts at the incident's discovery)."""
    now = now or datetime.now(timezone.utc)
    return max(0.0, (now - _dt(incident["discovered_at"])).total_seconds() * sc.time_scale)


def delivered_injects(store, incident_uuid: str) -> set[int]:
    return {int(r[0].split("/", 1)[1]) for r in store.conn.execute(
        "SELECT step_id FROM incident_log WHERE incident_uuid = ? AND entry_kind = 'inject'", (incident_uuid,))
        if r[0] and "/" in r[0]}


def due_injects(store, incident: dict, sc: Scenario, now: datetime | None = None) -> list[tuple[int, dict]]:
    """Injects whose time has come and that were not delivered yet, in order. ``at_min`` is the
    trainee's time (wall minutes since the drill began), not the river's accelerated clock."""
    now = now or datetime.now(timezone.utc)
    minutes = (now - _dt(incident["discovered_at"])).total_seconds() / 60.0
    done = delivered_injects(store, incident["uuid"])
    return [(i, inj) for i, inj in enumerate(sc["injects"]) if inj["at_min"] <= minutes and i not in done]


def deliver_inject(store, incident_uuid: str, index: int, inject: dict) -> dict:
    """Log an inject (a structured entry, shown in the reader's language)."""
    return store.log(incident_uuid, "observation", "演练情况通报：" + inject["zh"], entry_kind="inject",
                     step_id=f"inject/{index}", entry_args={"zh": inject["zh"], "en": inject["en"]})
