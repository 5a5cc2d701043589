"""Read an incident's map content from the store into a ``MapData`` (and build its HTML).

Exceedance is not computed here: the caller passes the worst status per point (the toolkit computes
it, possibly in parallel), as a dict point_uuid -> 'ok'|'exceeded'|'not_detected'|None or a callable.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

from fieldapp.maps import spatial
from fieldapp.maps.mapdata import MapData, RiverLine, SamplingPoint, Site

DISTANCE_POINT_LIMIT = 500     # per-point river distances cost one query each: skip them on huge incidents

LABELS = {
    "zh": {"from_source": "距污染源", "to_intake": "距下游取水口", "chainage": "河道里程", "river": "沿河",
           "straight": "直线", "upstream": "（上游）"},
    "en": {"from_source": "From source", "to_intake": "To downstream intake", "chainage": "River chainage",
           "river": "along river", "straight": "straight line", "upstream": " (upstream)"},
}


def _fmt_value(value, qualifier: str) -> str:
    if qualifier == "ND":
        return "ND"
    text = "" if value is None else _plain(value)
    return f"{qualifier}{text}" if qualifier in ("<", ">") else text


def _plain(v: float) -> str:
    """4 significant digits without exponent notation: 2.097e-05 -> 0.00002097 (field staff read decimals)."""
    if v == 0:
        return "0"
    digits = max(0, 3 - math.floor(math.log10(abs(v))))
    return f"{v:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{v:.0f}"


def _km(m: float) -> str:
    return f"{m / 1000:.2f} km"


def latest_values(store, incident_uuid: str) -> dict[str, list[tuple[str, str, str, str]]]:
    """point_uuid -> [(parameter, value text, unit, measured_at)], the newest value per parameter."""
    rows = store.conn.execute(
        """SELECT m.point_uuid, m.parameter, m.value, m.unit, m.qualifier, m.measured_at
           FROM measurements m
           JOIN (SELECT point_uuid, parameter, MAX(measured_at) AS t FROM measurements
                 WHERE incident_uuid = ? AND deleted = 0 GROUP BY point_uuid, parameter) last
             ON last.point_uuid = m.point_uuid AND last.parameter = m.parameter AND last.t = m.measured_at
           WHERE m.incident_uuid = ? AND m.deleted = 0
           ORDER BY m.point_uuid, m.parameter""", (incident_uuid, incident_uuid)).fetchall()
    out: dict[str, list] = {}
    seen: set[tuple[str, str]] = set()
    for pu, par, val, unit, qual, when in rows:
        if (pu, par) in seen:       # two readings with the same timestamp: keep one
            continue
        seen.add((pu, par))
        out.setdefault(pu, []).append((par, _fmt_value(val, qual), unit, when[:16].replace("T", " ")))
    return out


def point_info(store, incident_uuid: str, p: dict, source: dict | None, t: dict) -> list[tuple[str, str]]:
    info = []
    here = spatial.chainage(store, p["lon"], p["lat"], incident_uuid)
    if here.method == "river":
        info.append((t["chainage"], f"{_km(here.chainage_m)} ({here.river_name})"))
    if source is not None and source["uuid"] != p["uuid"]:
        d = spatial.distance_between(store, (source["lon"], source["lat"]), (p["lon"], p["lat"]), incident_uuid)
        label = f"{_km(abs(d.distance_m))} {t[d.method]}"
        if d.method == "river" and d.distance_m < 0:
            label += t["upstream"]
        info.append((t["from_source"], label))
    intake = spatial.nearest_downstream_intake(store, p["lon"], p["lat"], incident_uuid)
    if intake is not None:
        info.append((t["to_intake"], f"{_km(intake.distance_m)} {t[intake.method]} · {intake.name}"))
    return info


def load_map_data(store, incident_uuid: str, *, lang: str = "zh", with_distances: bool = True) -> MapData:
    inc = store.get("incidents", incident_uuid)
    t = LABELS.get(lang, LABELS["zh"])
    pts = store.list_points(incident_uuid)
    latest = latest_values(store, incident_uuid)
    source = next((p for p in pts if p["role"] == "source"), None)
    do_dist = with_distances and len(pts) <= DISTANCE_POINT_LIMIT
    data = MapData(title=f"{inc['code']} {inc['name']}", incident_uuid=incident_uuid,
                   is_demo=bool(inc.get("is_demo")),
                   source=(source["lon"], source["lat"]) if source else None)
    for p in pts:
        data.points.append(SamplingPoint(
            uuid=p["uuid"], code=p["code"], name=p["name"] or "", lon=p["lon"], lat=p["lat"], role=p["role"],
            latest=latest.get(p["uuid"], []),
            info=point_info(store, incident_uuid, p, source, t) if do_dist else []))
    layer_sql = ("layer_uuid IN (SELECT uuid FROM map_layers WHERE deleted = 0 AND "
                 "(incident_uuid IS NULL OR incident_uuid = ?))")
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
    """Load the incident and write its map page: the one call the UI and the CLI make."""
    from fieldapp.maps.builder import build_map_html
    from fieldapp.plume.overlay import map_overlays

    data = load_map_data(store, incident_uuid, lang=lang)
    return build_map_html(data, out_path, statuses=statuses, lang=lang, basemap=basemap, view=view,
                          overlays=map_overlays(store, incident_uuid, lang))
