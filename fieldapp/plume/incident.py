"""Bind a forecast to an incident in the store: the river line, chainages, sections, limits, data.

* The release point (the incident's source point unless another is given) is snapped to the
  nearest river line of the incident; more than RELEASE_SNAP_M away it is "not on the river".
* Sections are the incident's sampling points (every role but the source) and the drinking-water
  intakes of its map layers, snapped to the same line; an intake site and an intake sampling point
  within SAME_PLACE_M of each other are one section.
* Observations are the parameter's measurements (by the parameter id stored with each one)
  at sections below the release, taken after it began (the sample's collection time, not the
  lab's measuring time). "<LOD" counts as half the LOD, ND as zero;
  the background is the mean at the upstream control points.

The stored ``inputs`` (see records.py) hold reach starts as distances below the release, because
that is what a user knows ("the tributary joins 7.5 km down"); here they become chainages.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from fieldapp.maps import spatial

from . import limits
from .errors import PlumeError
from .fit import Observation
from .scenario import Release, Scenario, Section, decay_from_per_day

RELEASE_SNAP_M = 500.0
FAR_RIVER_M = 100_000.0   # how far to look for a river line only to say how far off the release is
SECTION_SNAP_M = 500.0
SAME_PLACE_M = 300.0
NOT_SECTIONS = ("source",)


@dataclass
class Bound:
    scenario: Scenario
    skipped: list[str] = field(default_factory=list)     # point codes too far from the river
    point_distance: dict = field(default_factory=dict)   # point uuid -> distance below the release


def _release_position(store, incident: dict, rel: dict) -> tuple[float, float, str]:
    if rel.get("point_uuid"):
        p = store.get("sampling_points", rel["point_uuid"])
        return p["lon"], p["lat"], p["code"]
    if rel.get("lon") not in (None, "") and rel.get("lat") not in (None, ""):
        return float(rel["lon"]), float(rel["lat"]), ""
    src = next((p for p in store.list_points(incident["uuid"]) if p["role"] == "source"), None)
    if src is None:
        raise PlumeError("no_release_point", "release", "where did the release happen? Add the source as a "
                         "sampling point (role: source) or give its coordinates")
    return src["lon"], src["lat"], src["code"]


def snap_release(store, incident: dict, rel: dict) -> spatial.Chainage:
    lon, lat, code = _release_position(store, incident, rel)
    ch = spatial.chainage(store, lon, lat, incident["uuid"], snap_m=RELEASE_SNAP_M)
    if ch.method != "river":
        # the river search looks only within the snap distance; look wider to say how far off it is
        off = ch.offset_m if ch.offset_m is not None else spatial.chainage(
            store, lon, lat, incident["uuid"], snap_m=FAR_RIVER_M).offset_m
        if off is None:
            raise PlumeError("no_river", "release", f"this incident has no river line within {FAR_RIVER_M / 1000:g} km "
                             "of the release: import the river (map layers) so distances can be measured along it")
        raise PlumeError("off_river", "release", f"the release point {code} is {off / 1000:.2f} km from the "
                         f"nearest river line (more than {RELEASE_SNAP_M:g} m): it is not on the river. Check its "
                         "coordinates, or import the river it drains into", offset_m=off, point=code)
    return ch


def _sections(store, incident: dict, river_uuid: str, pid: str) -> tuple[list[Section], list[str]]:
    out, skipped = [], []
    for p in store.list_points(incident["uuid"]):
        if p["role"] in NOT_SECTIONS:
            continue
        ch = spatial.chainage(store, p["lon"], p["lat"], incident["uuid"], SECTION_SNAP_M, river_uuid=river_uuid)
        if ch.method != "river":
            skipped.append(p["code"])
            continue
        kind = "intake" if p["role"] == "water_intake" else "section"
        lim, std = limits.section_limit(pid, incident, p["role"])
        out.append(Section(p["code"], p["name"] or p["code"], kind, ch.chainage_m, lim, std, p["uuid"], ch.offset_m))
    taken = [s.chainage_m for s in out if s.kind == "intake"]
    for site in spatial.sites_on_river(store, river_uuid, "intake", incident["uuid"], SECTION_SNAP_M):
        if any(abs(site.chainage_m - c) <= SAME_PLACE_M for c in taken):
            continue
        lim, std = limits.section_limit(pid, incident, "water_intake")
        out.append(Section("", site.name or "intake", "intake", site.chainage_m, lim, std, None, site.offset_m))
        taken.append(site.chainage_m)
    return sorted(out, key=lambda s: s.chainage_m), skipped


def _release(inputs: dict, chainage_m: float) -> Release:
    rel = inputs.get("release") or {}
    return Release(kind=rel.get("kind", "instantaneous"), start=rel.get("start") or "", chainage_m=chainage_m,
                   mass_g=rel.get("mass_g"), load_g_s=rel.get("load_g_s"), duration_s=rel.get("duration_s"))


def bind(store, incident: dict, inputs: dict, with_sections: bool = True) -> Bound:
    """The forecastable Scenario for ``inputs`` on this incident's river (``with_sections=False``: the
    river model alone, e.g. for the map overlay, without snapping every point)."""
    pid = limits.parameter_id(inputs.get("parameter", ""))
    if pid is None:
        raise PlumeError("unknown_parameter", "parameter", f"unknown parameter {inputs.get('parameter')!r}: use a "
                         "toolkit name or symbol, e.g. Cd, 镉, thallium", value=inputs.get("parameter"))
    ch = snap_release(store, incident, inputs.get("release") or {})
    reaches = []
    for i, r in enumerate(inputs.get("reaches") or []):
        spec = {k: v for k, v in r.items() if k != "from_m"}
        spec["start_m"] = ch.chainage_m + (float(r.get("from_m") or 0.0) if i else 0.0)
        reaches.append(spec)
    sections, skipped = _sections(store, incident, ch.river_uuid, pid) if with_sections else ([], [])
    sc = Scenario(pid, inputs.get("parameter", pid), _release(inputs, ch.chainage_m), reaches,
                  decay_from_per_day(inputs.get("decay_per_day")), inputs.get("method") or "seo_cheong",
                  inputs.get("dispersion_m2_s"), inputs.get("slope"), sections, None, ch.river_uuid, ch.river_name)
    dist = {s.point_uuid: s.chainage_m - ch.chainage_m for s in sections if s.point_uuid}
    return Bound(sc, skipped, dist)


def _seconds(iso: str, start: datetime) -> float:
    return (datetime.fromisoformat(iso.replace("Z", "+00:00")) - start).total_seconds()


def _measurements(store, incident_uuid: str) -> list[dict]:
    """Live measurements with the time the water was TAKEN: the sample's collection time when there is
    a sample (a lab result may come hours later), else the measurement's own time (field readings)."""
    return list(store.db.query(
        "SELECT m.parameter, m.parameter_id, m.value, m.unit, m.qualifier, m.point_uuid, p.code AS point_code, "
        "COALESCE(s.collected_at, m.measured_at) AS taken_at FROM measurements m "
        "JOIN sampling_points p ON p.uuid = m.point_uuid AND p.deleted = 0 "
        "LEFT JOIN samples s ON s.uuid = m.sample_uuid AND s.deleted = 0 "
        "WHERE m.incident_uuid = ? AND m.deleted = 0 ORDER BY taken_at", [incident_uuid]))


def observations(store, incident: dict, bound: Bound) -> tuple[list[Observation], float, dict]:
    """(observations below the release after it began, background mg/L, counts of what was left out)."""
    from .forecast import parse_start

    sc = bound.scenario
    start = parse_start(sc.release.start)
    roles = {p["uuid"]: p for p in store.list_points(incident["uuid"])}
    obs, upstream, left = [], [], {"before_release": 0, "not_below_release": 0, "not_mg_l": 0}
    for m in _measurements(store, incident["uuid"]):
        if m["parameter_id"] != sc.parameter_id:      # the id resolved when the value was written
            continue
        if m["unit"] != "mg/L":
            left["not_mg_l"] += 1
            continue
        value = 0.0 if m["qualifier"] == "ND" or m["value"] is None else float(m["value"])
        value = value / 2 if m["qualifier"] == "<" else value
        point = roles.get(m["point_uuid"], {})
        if point.get("role") == "upstream_control":
            upstream.append(value)
            continue
        x = bound.point_distance.get(m["point_uuid"])
        if x is None or x <= 0:
            left["not_below_release"] += 1
            continue
        t = _seconds(m["taken_at"], start)
        if t <= 0:
            left["before_release"] += 1
            continue
        obs.append(Observation(x, t, value, m["point_code"], m["taken_at"]))
    background = sum(upstream) / len(upstream) if upstream else 0.0
    return sorted(obs, key=lambda o: (o.distance_m, o.t_s)), background, left
