"""Entries that may be right but usually are not: they need an explicit confirmation that names
the problem (the store refuses what is impossible; this is for what is implausible).

* a time before the incident was discovered;
* a position outside China, or one that fits China only with latitude and longitude swapped;
* a position outside the incident area: further than its radius (incident.area_radius_m, default
  DEFAULT_AREA_M) from the source point, or from the other points when there is no source yet.

Each problem is (message code, params) from fieldapp.core.messages; ``text`` renders one.
"""
from __future__ import annotations

from fieldapp.core.coords import china_problem
from fieldapp.core.messages import render
from fieldapp.core.timeutil import parse_time, to_local_display
from fieldapp.maps import spatial

DEFAULT_AREA_M = 30_000.0



def text(problem: tuple[str, dict], lang: str = "zh") -> str:
    return render(problem[0], problem[1], lang)


def time_problems(incident: dict, when: str, field: str = "measured_at") -> list[tuple[str, dict]]:
    iso = parse_time(when, field, allow_future=True)
    if incident and iso < incident["discovered_at"]:
        return [("before_incident", {"field": field, "value": to_local_display(iso),
                                     "discovered": to_local_display(incident["discovered_at"])})]
    return []


def area_radius_m(incident: dict) -> float:
    return float(incident.get("area_radius_m") or DEFAULT_AREA_M)


def position_problems(store, incident: dict, lat: float, lon: float,
                      exclude_uuid: str | None = None) -> list[tuple[str, dict]]:
    out = []
    china = china_problem(lat, lon)
    if china:
        out.append(china)
        return out                      # the distance to the source says nothing more then
    points = [p for p in store.list_points(incident["uuid"]) if p["uuid"] != exclude_uuid]
    ref = next((p for p in points if p["role"] == "source"), None)
    refs = [ref] if ref else points
    if not refs:
        return out
    radius = area_radius_m(incident)
    nearest = min(refs, key=lambda p: spatial.straight_m(store, (p["lon"], p["lat"]), (lon, lat)))
    d = spatial.straight_m(store, (nearest["lon"], nearest["lat"]), (lon, lat))
    if d > radius:
        out.append(("outside_area", {"km": f"{d / 1000:.0f}", "radius": f"{radius / 1000:g}",
                                     "ref": nearest["code"]}))
    return out
