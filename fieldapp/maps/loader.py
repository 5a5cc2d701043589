"""Read an incident's map content from the store into a ``MapData`` (and build its HTML).

Point statuses and popup values come from ``fieldapp.maps.status`` (the one verdict), so every caller
(the map tab, `fieldapp map build`, reports) draws the same map.
"""
from __future__ import annotations

import json
from pathlib import Path

from fieldapp.photos import thumbnail_uris
from fieldapp.store.drills import exercise_mark
from fieldapp.maps import spatial
from fieldapp.maps.mapdata import MapData, RiverLine, SamplingPoint, Site
from fieldapp.maps.status import latest_values, point_statuses
from fieldapp.vocab import role_label

DISTANCE_POINT_LIMIT = 500     # per-point river distances cost one query each: skip them on huge incidents

LABELS = {
    "zh": {"from_source": "距污染源", "to_intake": "距下游取水口", "chainage": "河道里程", "river": "沿河",
           "straight": "直线", "upstream": "（上游）"},
    "en": {"from_source": "From source", "to_intake": "To downstream intake", "chainage": "River chainage",
           "river": "along river", "straight": "straight line", "upstream": " (upstream)"},
}


def _km(m: float) -> str:
    return f"{m / 1000:.2f} km"


def point_info(store, incident_uuid: str, p: dict, source: dict | None, t: dict,
               memo: dict | None = None) -> list[tuple[str, str]]:
    """``memo`` keeps the source's chainage between the points of one map (it is asked for each)."""
    info = []
    memo = {} if memo is None else memo
    here = spatial.chainage(store, p["lon"], p["lat"], incident_uuid)
    if here.method == "river":
        info.append((t["chainage"], f"{_km(here.chainage_m)} ({here.river_name})"))
    if source is not None and source["uuid"] != p["uuid"]:
        if "source" not in memo:
            memo["source"] = spatial.chainage(store, source["lon"], source["lat"], incident_uuid)
        d = spatial.distance_between(store, (source["lon"], source["lat"]), (p["lon"], p["lat"]), incident_uuid,
                                     chainages=(memo["source"], here))
        label = f"{_km(abs(d.distance_m))} {t[d.method]}"
        if d.method == "river" and d.distance_m < 0:
            label += t["upstream"]
        info.append((t["from_source"], label))
    intake = spatial.nearest_downstream_intake(store, p["lon"], p["lat"], incident_uuid, here=here)
    if intake is not None:
        info.append((t["to_intake"], f"{_km(intake.distance_m)} {t[intake.method]} · {intake.name}"))
    return info


def load_map_data(store, incident_uuid: str, *, lang: str = "zh", with_distances: bool = True) -> MapData:
    inc = store.get("incidents", incident_uuid)
    t = LABELS.get(lang, LABELS["zh"])
    pts = store.list_points(incident_uuid)
    latest = latest_values(store, inc, lang)
    statuses = point_statuses(store, inc)
    source = next((p for p in pts if p["role"] == "source"), None)
    do_dist = with_distances and len(pts) <= DISTANCE_POINT_LIMIT
    memo: dict = {}
    data = MapData(title=f"{exercise_mark(inc, lang)}{inc['code']} {inc['name']}", incident_uuid=incident_uuid,
                   is_demo=bool(inc.get("is_demo")),
                   source=(source["lon"], source["lat"]) if source else None)
    for p in pts:
        data.points.append(SamplingPoint(
            uuid=p["uuid"], code=p["code"], name=p["name"] or "", lon=p["lon"], lat=p["lat"], role=p["role"],
            role_text=role_label(p["role"], lang), status=statuses.get(p["uuid"], "none"),
            latest=latest.get(p["uuid"], []),
            info=point_info(store, incident_uuid, p, source, t, memo) if do_dist else [],
            photos=thumbnail_uris(store, p["uuid"]) if do_dist else []))
    # a plan's layers are not put into the page: it asks for them per view (fieldapp.plans.viewport)
    layer_sql = ("layer_uuid IN (SELECT uuid FROM map_layers WHERE deleted = 0 AND plan_uuid IS NULL AND "
                 "(incident_uuid IS NULL OR incident_uuid = ?))")
    data.plan_view = store.conn.execute("SELECT 1 FROM incident_plans WHERE incident_uuid = ? AND deleted = 0",
                                        (incident_uuid,)).fetchone() is not None
    for uuid, name, gj, attrs in store.conn.execute(
            f"SELECT uuid, name, AsGeoJSON(geom), attributes FROM map_rivers WHERE deleted = 0 AND {layer_sql}",
            (incident_uuid,)):
        coords = [tuple(c[:2]) for c in json.loads(gj)["coordinates"]] if gj else []
        data.rivers.append(RiverLine(uuid, name or "", coords, json.loads(attrs or "{}")))
    for uuid, kind, ftype, name, lon, lat, attrs in store.conn.execute(
            f"SELECT uuid, kind, facility_type, name, lon, lat, attributes FROM map_sites "
            f"WHERE deleted = 0 AND {layer_sql} ORDER BY kind, name", (incident_uuid,)):
        a = json.loads(attrs or "{}")
        stock = [(str(s.get("material", "")), str(s.get("quantity", "")), str(s.get("unit", "")))
                 for s in a.get("stock") or [] if isinstance(s, dict)]
        data.sites.append(Site(uuid, kind, name or "", lon, lat, ftype or "", a, stock))
    return data


def build_incident_map(store, incident_uuid: str, out_path: Path | str, *, statuses=None, lang: str = "zh",
                       basemap=None, view=None) -> Path:
    """Load the incident and write its map page: the one call the UI and the CLI make. ``statuses``
    overrides the core's point statuses (tests and benches only)."""
    from fieldapp.maps.builder import build_map_html
    from fieldapp.plume.overlay import map_overlays

    data = load_map_data(store, incident_uuid, lang=lang)
    return build_map_html(data, out_path, statuses=statuses, lang=lang, basemap=basemap, view=view,
                          overlays=map_overlays(store, incident_uuid, lang))
