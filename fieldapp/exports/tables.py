"""The exported layers as typed rows with geometry: one reading of the store for every format.

Layers: ``incident`` (metadata, one row, no geometry), ``points``, ``samples``, ``measurements``,
``readings`` (instrument readings; located at their point when they have one), ``rivers`` (lines)
and ``sites`` (intakes, facilities, warehouses). Each field has a type (text, int, real, bool,
datetime) so GeoPackage and KML get real numbers and times, and words beside codes (role, medium,
verdict) come from the vocabulary in the export's language. No field is called ``name``: KML
readers take a field of that name as the placemark name, and the placemark name is the code.
Times are kept as stored (UTC); each writer prints them its way (CSV and KML: local with offset).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from fieldapp.core.timeutil import now_iso
from fieldapp.vocab import judge_row, medium_label, parameter_label, role_label, standard_for_point, standard_label
from fieldapp.vocab.display import value_text
from fieldapp.vocab.incidents import incident_kind_label
from fieldapp.vocab.verdict import STATUS_WORDS

LAYERS = ("incident", "points", "samples", "measurements", "readings", "rivers", "sites")
_T, _I, _R, _D, _B = "text", "int", "real", "datetime", "bool"
FIELDS = {
    "incident": [("uuid", _T), ("code", _T), ("incident_name", _T), ("kind", _T), ("kind_label", _T),
                 ("location", _T), ("description", _T), ("discovered_at", _D), ("status", _T), ("standard", _T),
                 ("standard_label", _T), ("is_demo", _B), ("is_drill", _B), ("exported_at", _D), ("exported_by_team", _T),
                 ("exported_by_device", _T)],
    "points": [("uuid", _T), ("code", _T), ("point_name", _T), ("role", _T), ("role_label", _T), ("media", _T),
               ("media_label", _T), ("standard", _T), ("status", _T), ("status_label", _T), ("description", _T),
               ("lat", _R), ("lon", _R), ("coord_source", _T), ("created_at", _D), ("updated_at", _D),
               ("created_by_team", _T)],
    "samples": [("uuid", _T), ("sample_code", _T), ("point_code", _T), ("matrix", _T), ("collected_at", _D),
                ("collected_by", _T), ("depth_m", _R), ("container", _T), ("preservative", _T), ("status", _T),
                ("lat", _R), ("lon", _R)],
    "measurements": [("uuid", _T), ("point_code", _T), ("sample_code", _T), ("parameter", _T),
                     ("parameter_id", _T), ("parameter_label", _T), ("value", _R), ("unit", _T),
                     ("qualifier", _T), ("value_orig", _T), ("unit_orig", _T), ("value_shown", _T),
                     ("verdict", _T), ("verdict_label", _T), ("limit", _T), ("judged_by", _T), ("method", _T),
                     ("instrument", _T), ("measured_at", _D), ("entered_by", _T), ("source", _T), ("lat", _R),
                     ("lon", _R)],
    "readings": [("uuid", _T), ("point_code", _T), ("device", _T), ("parameter", _T), ("parameter_id", _T),
                 ("value", _R), ("unit", _T), ("qualifier", _T), ("flag", _T), ("value_text", _T),
                 ("received_at", _D), ("device_time", _D), ("lat", _R), ("lon", _R)],
    "rivers": [("uuid", _T), ("river_name", _T), ("attributes", _T), ("vertices", _I)],
    "sites": [("uuid", _T), ("kind", _T), ("facility_type", _T), ("site_name", _T), ("materials", _T),
              ("attributes", _T), ("lat", _R), ("lon", _R)],
}
GEOMETRY = {"incident": None, "points": "Point", "samples": "Point", "measurements": "Point",
            "readings": "Point", "rivers": "LineString", "sites": "Point"}
COLUMNS = {k: [n for n, _ in v] for k, v in FIELDS.items()}   # kept for callers that want names only


class ExportError(ValueError):
    """An export that cannot be written (bad target, unknown format); the message names it."""


@dataclass
class Layer:
    name: str
    geometry_type: str | None
    fields: list[tuple[str, str]]
    rows: list[dict] = field(default_factory=list)
    geoms: list = field(default_factory=list)    # (lon, lat), [(lon, lat), ...] or None per row


def _layer(name: str, rows: list[dict], geoms: list) -> Layer:
    cols = COLUMNS[name]
    return Layer(name, GEOMETRY[name], FIELDS[name], [{c: r.get(c) for c in cols} for r in rows], geoms)


def _incident(store, inc: dict, lang: str) -> Layer:
    ident = store.identity
    row = {**inc, "incident_name": inc["name"], "kind_label": incident_kind_label(inc.get("kind"), lang),
           "standard_label": standard_label(inc["standard"], lang), "is_demo": bool(inc.get("is_demo")),
           "is_drill": bool(inc.get("is_drill")),
           "exported_at": now_iso(), "exported_by_team": ident.team if ident else "",
           "exported_by_device": ident.device if ident else ""}
    return _layer("incident", [row], [None])


def _points(store, inc: dict, statuses: dict, lang: str) -> Layer:
    pts = list(store.db.query("SELECT * FROM sampling_points WHERE incident_uuid = ? AND deleted = 0 ORDER BY code",
                              [inc["uuid"]]))
    for p in pts:
        st = statuses.get(p["uuid"], "none")
        p.update(point_name=p["name"], role_label=role_label(p["role"], lang), media_label=medium_label(p["media"], lang),
                 standard=standard_for_point(inc, p), status=st, status_label=_status_words(st, lang))
    return _layer("points", pts, [(p["lon"], p["lat"]) for p in pts])


def _status_words(status: str, lang: str) -> str:
    return STATUS_WORDS.get(status, (status, status))[1 if lang.startswith("en") else 0]


def _measurements(store, inc: dict, lang: str) -> Layer:
    meas = list(store.db.query(
        "SELECT m.*, p.code AS point_code, p.lat, p.lon, p.media, p.role, p.standard AS point_standard, "
        "s.sample_code FROM measurements m JOIN sampling_points p ON p.uuid = m.point_uuid "
        "LEFT JOIN samples s ON s.uuid = m.sample_uuid WHERE m.incident_uuid = ? AND m.deleted = 0 "
        "ORDER BY m.measured_at, p.code, m.parameter", [inc["uuid"]]))
    cache = {}
    for m in meas:
        std = standard_for_point(inc, {"role": m["role"], "standard": m["point_standard"]})
        key = (m["parameter_id"], m["parameter"], m["value"], m["unit"], m["qualifier"], std, m["media"])
        v = cache.get(key) or cache.setdefault(key, judge_row(m, std, m["media"]))
        m.update(parameter_label=parameter_label(m["parameter_id"], m["parameter"], lang), value_shown=value_text(m),
                 verdict=v.status, verdict_label=v.words(lang), limit=v.limit_text(lang), judged_by=v.standard_text(lang))
    return _layer("measurements", meas, [(m["lon"], m["lat"]) for m in meas])


def _samples(store, inc: dict) -> Layer:
    rows = list(store.db.query("SELECT s.*, p.code AS point_code, p.lat, p.lon FROM samples s JOIN sampling_points p "
                               "ON p.uuid = s.point_uuid WHERE s.incident_uuid = ? AND s.deleted = 0 "
                               "ORDER BY s.collected_at, s.sample_code", [inc["uuid"]]))
    return _layer("samples", rows, [(r["lon"], r["lat"]) for r in rows])


def _readings(store, inc: dict) -> Layer:
    rows = list(store.db.query(
        "SELECT r.*, p.code AS point_code, p.lat, p.lon FROM instrument_readings r LEFT JOIN sampling_points p "
        "ON p.uuid = r.point_uuid WHERE r.incident_uuid = ? AND r.deleted = 0 ORDER BY r.received_at",
        [inc["uuid"]]))
    return _layer("readings", rows, [(r["lon"], r["lat"]) if r["lon"] is not None else None for r in rows])


def _map_layers(store, incident_uuid: str) -> tuple[Layer, Layer]:
    flt = ("layer_uuid IN (SELECT uuid FROM map_layers WHERE deleted = 0 "
           "AND (incident_uuid IS NULL OR incident_uuid = ?))")
    rivers, lines = [], []
    for uuid, name, attrs, gj in store.conn.execute(
            f"SELECT uuid, name, attributes, AsGeoJSON(geom) FROM map_rivers WHERE deleted = 0 AND {flt}",
            (incident_uuid,)):
        coords = [tuple(c[:2]) for c in json.loads(gj)["coordinates"]] if gj else []
        rivers.append({"uuid": uuid, "river_name": name, "attributes": attrs or "{}", "vertices": len(coords)})
        lines.append(coords or None)
    sites = list(store.db.query(f"SELECT * FROM map_sites WHERE deleted = 0 AND {flt} ORDER BY kind, name",
                                [incident_uuid]))
    for s in sites:
        s["site_name"] = s["name"]
        s["attributes"] = s["attributes"] or "{}"
    return _layer("rivers", rivers, lines), _layer("sites", sites, [(s["lon"], s["lat"]) for s in sites])


def export_layers(store, incident_uuid: str, lang: str = "zh", include_drills: bool = False) -> dict[str, Layer]:
    """A drill is refused unless ``include_drills`` (fieldapp.store.drills.check_real)."""
    from fieldapp.maps.status import point_statuses   # the map's status: one answer in every output
    from fieldapp.store.drills import check_real

    check_real(store, incident_uuid, include_drills)
    inc = store.get("incidents", incident_uuid)
    statuses = point_statuses(store, inc)
    meas = _measurements(store, inc, lang)
    rivers, sites = _map_layers(store, incident_uuid)
    return {"incident": _incident(store, inc, lang), "points": _points(store, inc, statuses, lang),
            "samples": _samples(store, inc), "measurements": meas, "readings": _readings(store, inc),
            "rivers": rivers, "sites": sites}
