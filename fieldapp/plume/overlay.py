"""The predicted plume on the map at a chosen time, as GeoJSON for a Leaflet layer.

The concentration along the river at that time (forecast.profile) is cut into stretches by how it
compares with the limit (over / over half / trace) and each stretch is drawn along the incident's
river line; a point marks the leading edge (the front: FRONT_FRACTION of the highest
concentration). Everything is plain data; the map builder draws it (fieldapp.maps.builder,
``overlays``).
"""
from __future__ import annotations

import json
from datetime import datetime

import numpy as np

from fieldapp.core.timeutil import to_local_display
from fieldapp.vocab.numbers import limit_number, sig

from . import records
from .errors import PlumeError
from .forecast import FRONT_FRACTION, parse_start
from .incident import bind
from .scenario import Model

CLASSES = (("over", 1.0, "#d7301f"), ("half", 0.5, "#fc8d59"), ("trace", 0.0, "#fee08b"))
TEXT = {"zh": {"front": "污染团前锋", "over": "超标", "half": "超过限值一半", "trace": "低于限值一半",
               "title": "{p} 预测浓度 {t}", "peak": "最高 {c} mg/L（限值 {l}）", "no_limit": "无限值"},
        "en": {"front": "Plume front", "over": "over the limit", "half": "over half the limit",
               "trace": "under half the limit", "title": "{p} predicted {t}", "peak": "highest {c} mg/L (limit {l})",
               "no_limit": "no limit"}}


def _river_line(store, river_uuid: str) -> tuple[list, np.ndarray]:
    """(lon, lat) vertices and the chainage of each, measured on the ellipsoid like spatial.chainage."""
    gj = store.conn.execute("SELECT AsGeoJSON(geom) FROM map_rivers WHERE uuid = ?", (river_uuid,)).fetchone()[0]
    coords = [tuple(c[:2]) for c in json.loads(gj)["coordinates"]]
    lengths = [store.conn.execute("SELECT ST_Length(MakeLine(MakePoint(?, ?, 4326), MakePoint(?, ?, 4326)), 1)",
                                  (*a, *b)).fetchone()[0] for a, b in zip(coords, coords[1:])]
    return coords, np.concatenate([[0.0], np.cumsum(lengths)])


def _along(coords, cum: np.ndarray, chainage: np.ndarray) -> list[list[float]]:
    lon = np.interp(chainage, cum, [c[0] for c in coords])
    lat = np.interp(chainage, cum, [c[1] for c in coords])
    return [[round(a, 6), round(b, 6)] for a, b in zip(lon, lat)]


def _class(ratio: float) -> tuple[str, str]:
    return next((name, colour) for name, lo, colour in CLASSES if ratio >= lo)


def front_layer(store, incident: dict, at_iso: str, parameter: str | None = None, lang: str = "zh",
                n: int = 300) -> dict | None:
    """GeoJSON FeatureCollection of the predicted plume at ``at_iso`` (None: no saved scenario)."""
    saved = records.load(store, incident["uuid"], parameter)
    if saved is None:
        return None
    bound = bind(store, incident, saved["inputs"], with_sections=False)
    sc = bound.scenario.with_factors(saved["fit"].factors if saved["fit"] else None)
    model = Model(sc)
    t = (datetime.fromisoformat(at_iso.replace("Z", "+00:00")) - parse_start(sc.release.start)).total_seconds()
    coords, cum = _river_line(store, sc.river_uuid)
    far = float(cum[-1]) - sc.release.chainage_m
    x = np.linspace(0.0, max(far, 1.0), n)
    c = model.concentration(x, np.full_like(x, t)) if t > 0 else np.zeros_like(x)
    from .limits import section_limit

    limit, _std = section_limit(sc.parameter_id, incident, "downstream")
    txt = TEXT.get(lang, TEXT["zh"])
    peak = float(c.max()) if c.size else 0.0
    features, ch = [], x + sc.release.chainage_m
    visible = c >= max(FRONT_FRACTION * peak, 1e-12)
    ratio = c / limit if limit else np.where(visible, 0.0, -1.0)
    i = 0
    while i < n:
        if not visible[i]:
            i += 1
            continue
        name, colour = _class(float(ratio[i]))
        j = i
        while j + 1 < n and visible[j + 1] and _class(float(ratio[j + 1]))[0] == name:
            j += 1
        seg = ch[i:min(j + 2, n)]
        features.append({"type": "Feature", "geometry": {"type": "LineString", "coordinates": _along(coords, cum, seg)},
                         "properties": {"class": name, "color": colour, "label": txt[name],
                                        "max_mg_l": float(c[i:j + 1].max())}})
        i = j + 1
    front_m = float(ch[visible].max()) if visible.any() else None
    if front_m is not None:
        features.append({"type": "Feature", "geometry": {"type": "Point",
                                                          "coordinates": _along(coords, cum, np.array([front_m]))[0]},
                         "properties": {"class": "front", "color": "#000000", "label": txt["front"]}})
    title = txt["title"].format(p=sc.parameter, t=to_local_display(at_iso))
    peak_txt = txt["peak"].format(c=sig(peak, 4), l=limit_number(limit) if limit else txt["no_limit"])
    return {"type": "FeatureCollection", "features": features,
            "properties": {"name": title, "summary": peak_txt, "at": at_iso, "parameter": sc.parameter,
                           "front_chainage_m": front_m, "peak_mg_l": peak, "limit_mg_l": limit,
                           "over_limit_m": float(np.sum(np.diff(ch)[:n - 1][(ratio[:-1] >= 1) & visible[:-1]]))
                           if limit else None}}


def map_overlays(store, incident_uuid: str, lang: str = "zh") -> list[dict]:
    """The overlays the incident map shows: the saved scenario's front at its chosen map time. A
    forecast that cannot be computed leaves the map as it is (the forecast panel says why)."""
    row = store.conn.execute("SELECT parameter FROM plume_scenarios WHERE incident_uuid = ? AND deleted = 0 "
                             "AND map_time IS NOT NULL ORDER BY updated_at DESC LIMIT 1", (incident_uuid,)).fetchone()
    if row is None:
        return []
    saved = records.load(store, incident_uuid, row[0])
    try:
        layer = front_layer(store, store.get("incidents", incident_uuid), saved["map_time"], row[0], lang)
    except PlumeError:
        return []
    return [layer] if layer else []
