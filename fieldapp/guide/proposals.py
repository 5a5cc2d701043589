"""First sampling points proposed from the river line: where HJ 589-style emergency monitoring
puts them (an upstream control section, the source, downstream sections at increasing distance,
the intakes below the source), each with its chainage along the river.

The source is the incident's source point (the position given when the incident was created).
Positions come from fieldapp.maps.spatial (chainage and the spot at a chainage on the line), so the
map, the report and the guide measure distance along the river the same way. A proposal that would
duplicate an existing point (within SAME_PLACE_M) is left out.
"""
from __future__ import annotations

from dataclasses import dataclass

from fieldapp.maps import spatial
from fieldapp.vocab import role_label

UPSTREAM_M = 1_000                        # control section above the source
DOWNSTREAM_M = (1_000, 3_000, 5_000, 10_000)   # sections below the source
SAME_PLACE_M = 150


@dataclass
class Proposal:
    role: str
    code: str
    name_zh: str
    name_en: str
    lat: float
    lon: float
    chainage_m: float | None

    def name(self, lang: str = "zh") -> str:
        return self.name_en if lang.startswith("en") else self.name_zh

    def chainage_text(self, lang: str = "zh") -> str:
        if self.chainage_m is None:
            return ""
        return f"km {self.chainage_m / 1000:.1f}" if lang.startswith("en") else f"里程 {self.chainage_m / 1000:.1f} km"


@dataclass
class Proposals:
    items: list[Proposal]
    problem_zh: str = ""                  # why nothing (or less) could be proposed
    problem_en: str = ""

    def problem(self, lang: str = "zh") -> str:
        return self.problem_en if lang.startswith("en") else self.problem_zh


def _source(points: list[dict]) -> dict | None:
    return next((p for p in points if p["role"] == "source"), None)


def _taken(store, points, lon, lat) -> bool:
    return any(spatial.straight_m(store, (p["lon"], p["lat"]), (lon, lat)) < SAME_PLACE_M for p in points)


def propose_points(store, incident_uuid: str) -> Proposals:
    points = store.list_points(incident_uuid)
    src = _source(points)
    if src is None:
        return Proposals([], "先添加污染源点位：下游断面从它起算", "Add the source point first: sections are counted from it")
    here = spatial.chainage(store, src["lon"], src["lat"], incident_uuid)
    if here.method != "river":
        return Proposals([], "污染源附近没有河道线：请导入“一河一策一图”河道，或手工布点",
                         "No river line near the source: import the river plan, or place points by hand")
    codes: dict[str, int] = {}

    def code_for(role: str) -> str:
        base = store.next_point_code(incident_uuid, role)
        prefix, n = base.rsplit("-", 1)
        codes[role] = codes.get(role, int(n) - 1) + 1
        return f"{prefix}-{codes[role]:02d}"

    items: list[Proposal] = []

    def add(role: str, ch: float, zh: str, en: str, lonlat=None) -> None:
        spot = lonlat or spatial.point_at_chainage(store, here.river_uuid, ch)
        if spot is None or _taken(store, points, *spot) or any(
                spatial.straight_m(store, (p.lon, p.lat), spot) < SAME_PLACE_M for p in items):
            return
        items.append(Proposal(role, code_for(role), zh, en, round(spot[1], 6), round(spot[0], 6), ch))

    ch0 = here.chainage_m
    if not any(p["role"] == "upstream_control" for p in points):
        up = max(0.0, ch0 - UPSTREAM_M)
        add("upstream_control", up, f"污染源上游{(ch0 - up) / 1000:g} km对照断面",
            f"Control section {(ch0 - up) / 1000:g} km above the source")
    for d in DOWNSTREAM_M:
        add("downstream", ch0 + d, f"污染源下游{d / 1000:g} km断面", f"Section {d / 1000:g} km below the source")
    for intake in _intakes_below(store, incident_uuid, here):
        add("water_intake", intake["chainage_m"], intake["name"] or role_label("water_intake"),
            intake["name"] or role_label("water_intake", "en"), (intake["lon"], intake["lat"]))
    return Proposals(items)


def _intakes_below(store, incident_uuid: str, here) -> list[dict]:
    """Intake sites of the map on the source's river, below it, nearest first."""
    return [{"uuid": s.uuid, "name": s.name, "lon": s.lon, "lat": s.lat, "chainage_m": s.chainage_m}
            for s in spatial.sites_on_river(store, here.river_uuid, "intake", incident_uuid,
                                            from_chainage_m=here.chainage_m)]


def add_proposals(store, incident_uuid: str, chosen: list[Proposal]) -> list[dict]:
    """Write the chosen proposals as points, all or none (runs on the writer)."""
    with store.transaction():
        return [store.add_point(incident_uuid, p.lat, p.lon, code=p.code, name=p.name_zh, role=p.role,
                                media="water", coord_source="proposed") for p in chosen]
