"""Spatial answers for the incident, computed from SpatiaLite indexes.

* chainage: distance along the river line from its upstream end (rivers are digitised upstream ->
  downstream), measured on the ellipsoid; the foot of the point is found in the (conformal)
  Mercator plane. One implementation, fieldapp.plans.network, serves this and the import that
  stores every site's chainage, so the two always agree (fieldapp.plans.query.locate).
* where no river line is near, distances are straight lines on the ellipsoid, and every result
  says which kind it is (``method`` = 'river' or 'straight').
* radius searches go through the SpatialIndex virtual table first, then PtDistWithin(..., 1).
* downstream intakes follow the river network (confluences), from the stored chainages.

Layers belong to an incident, are shared (incident_uuid NULL), or belong to a plan the incident
picked (fieldapp.plans.query.visible_layers_sql); queries without an incident see every live layer.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from fieldapp.plans import SNAP_M   # beyond it from every river line: straight-line answers

M_PER_DEG_LAT = 111_320.0


@dataclass
class Chainage:
    chainage_m: float | None    # along the river from its upstream end; None when method == 'straight'
    offset_m: float | None      # distance from the point to the river line
    river_uuid: str | None
    river_name: str
    method: str                 # 'river' | 'straight'


@dataclass
class Distance:
    uuid: str
    name: str
    distance_m: float
    method: str                 # 'river' (along the river) | 'straight'
    extra: dict | None = None


def _layer_filter(alias: str) -> str:
    from fieldapp.plans.query import visible_layers_sql

    return f"{alias}.deleted = 0 AND {alias}.layer_uuid IN ({visible_layers_sql()})"


def chainage(store, lon: float, lat: float, incident_uuid: str | None = None,
             snap_m: float = SNAP_M, river_uuid: str | None = None) -> Chainage:
    """Where (lon, lat) falls along the nearest river line (or the given one)."""
    from fieldapp.plans.query import locate

    here, off = locate(store, lon, lat, incident_uuid, snap_m, river_uuid)
    if here is not None:
        return Chainage(here.chainage_m, here.offset_m, here.river_uuid, here.river_name, "river")
    return Chainage(None, off, None, "", "straight")


def river_length_m(store, river_uuid: str) -> float:
    """Length of a river line on the ellipsoid (m)."""
    row = store.conn.execute("SELECT ST_Length(geom, 1) FROM map_rivers WHERE uuid = ?", (river_uuid,)).fetchone()
    return float(row[0]) if row and row[0] is not None else 0.0


def point_at_chainage(store, river_uuid: str, chainage_m: float) -> tuple[float, float] | None:
    """(lon, lat) of the spot ``chainage_m`` along a river line, measured as ``chainage`` measures
    (so chainage() of the result gives chainage_m back within a metre); None past either end."""
    total = river_length_m(store, river_uuid)
    if total <= 0 or not 0 <= chainage_m <= total:
        return None
    row = store.conn.execute("SELECT Y(StartPoint(geom)) FROM map_rivers WHERE uuid = ?", (river_uuid,)).fetchone()
    k = max(0.05, math.cos(math.radians(row[0])))
    sql = ("SELECT CASE WHEN :f <= 0 THEN 0.0 ELSE ST_Length(ScaleCoords(Line_Substring(ScaleCoords(geom, :k, 1), "
           "0.0, :f), 1.0 / :k, 1), 1) END FROM map_rivers WHERE uuid = :r")
    lo, hi = 0.0, 1.0
    for _ in range(40):              # bisection: the length up to a fraction grows with the fraction
        mid = (lo + hi) / 2
        length = store.conn.execute(sql, {"f": mid, "k": k, "r": river_uuid}).fetchone()[0] or 0.0
        lo, hi = (mid, hi) if length < chainage_m else (lo, mid)
    x, y = store.conn.execute(
        "SELECT X(p), Y(p) FROM (SELECT ScaleCoords(Line_Interpolate_Point(ScaleCoords(geom, :k, 1), :f), "
        "1.0 / :k, 1) AS p FROM map_rivers WHERE uuid = :r)", {"f": (lo + hi) / 2, "k": k, "r": river_uuid}).fetchone()
    return float(x), float(y)


def straight_m(store, a: tuple[float, float], b: tuple[float, float]) -> float:
    """Ellipsoidal distance in metres between two (lon, lat) positions."""
    return float(store.conn.execute(
        "SELECT ST_Distance(MakePoint(?, ?, 4326), MakePoint(?, ?, 4326), 1)", (*a, *b)).fetchone()[0])


def distance_between(store, a: tuple[float, float], b: tuple[float, float],
                     incident_uuid: str | None = None, chainages: tuple | None = None) -> Distance:
    """From a to b: along the river when both lie on the same river line (signed: + when b is downstream
    of a), else straight. ``extra`` holds both chainages. ``chainages``: (ca, cb) already known."""
    ca, cb = chainages or (chainage(store, *a, incident_uuid), chainage(store, *b, incident_uuid))
    if ca.method == cb.method == "river" and ca.river_uuid == cb.river_uuid:
        return Distance(ca.river_uuid, ca.river_name, cb.chainage_m - ca.chainage_m, "river",
                        {"from_chainage_m": ca.chainage_m, "to_chainage_m": cb.chainage_m})
    return Distance("", "", straight_m(store, a, b), "straight")


def _bbox_deg(lat: float, radius_m: float) -> tuple[float, float]:
    dlat = radius_m / M_PER_DEG_LAT * 1.05
    dlon = dlat / max(0.05, math.cos(math.radians(min(89.0, abs(lat) + dlat))))
    return dlon, dlat


def points_within(store, lon: float, lat: float, radius_m: float, *, table: str = "sampling_points",
                  incident_uuid: str | None = None, kind: str | None = None) -> list[Distance]:
    """Live points of ``table`` ('sampling_points' or 'map_sites') within radius_m, nearest first."""
    if table not in ("sampling_points", "map_sites"):
        raise ValueError(f"points_within: unknown table {table}")
    dlon, dlat = _bbox_deg(lat, radius_m)
    params = {"lon": lon, "lat": lat, "r": radius_m, "inc": incident_uuid, "kind": kind,
              "x0": lon - dlon, "y0": lat - dlat, "x1": lon + dlon, "y1": lat + dlat}
    conds = ["t.deleted = 0"]
    if table == "sampling_points" and incident_uuid:
        conds.append("t.incident_uuid = :inc")
    if table == "map_sites":
        conds.append(_layer_filter("t"))
        if kind:
            conds.append("t.kind = :kind")
    rows = store.conn.execute(
        f"""SELECT t.uuid, COALESCE(NULLIF(t.name, ''), {'t.code' if table == 'sampling_points' else "''"}),
                   ST_Distance(t.geom, MakePoint(:lon, :lat, 4326), 1) AS d
            FROM {table} t
            WHERE t.ROWID IN (SELECT ROWID FROM SpatialIndex WHERE f_table_name = '{table}'
                              AND f_geometry_column = 'geom' AND search_frame = BuildMbr(:x0, :y0, :x1, :y1, 4326))
              AND PtDistWithin(t.geom, MakePoint(:lon, :lat, 4326), :r, 1)
              AND {' AND '.join(conds)}
            ORDER BY d""", params).fetchall()
    return [Distance(u, n or "", float(d), "straight") for u, n, d in rows]


@dataclass
class RiverSite:
    uuid: str
    name: str
    lon: float
    lat: float
    chainage_m: float
    offset_m: float


def sites_on_river(store, river_uuid: str, kind: str, incident_uuid: str | None,
                   max_offset_m: float = SNAP_M, from_chainage_m: float | None = None) -> list[RiverSite]:
    """The sites of ``kind`` the incident sees on this river, within ``max_offset_m`` of its line (and
    at or below ``from_chainage_m`` when given), in river order, from the chainages stored when the
    sites or rivers were imported (the same network code as ``chainage``)."""
    rows = store.conn.execute(
        f"SELECT t.uuid, t.name, t.lon, t.lat, t.chainage_m, t.offset_m FROM map_sites t WHERE {_layer_filter('t')} "
        "AND t.kind = :kind AND t.river_uuid = :river AND t.chainage_m IS NOT NULL AND t.offset_m <= :off "
        "AND t.chainage_m >= :lo ORDER BY t.chainage_m",
        {"inc": incident_uuid, "kind": kind, "river": river_uuid, "off": max_offset_m,
         "lo": -math.inf if from_chainage_m is None else from_chainage_m})
    return [RiverSite(u, n or "", lo, la, c, o) for u, n, lo, la, c, o in rows]


def _distance(hit, extra: dict | None = None) -> Distance:
    return Distance(hit.uuid, hit.name, hit.distance_m, hit.method, extra)


def nearest_downstream_intake(store, lon: float, lat: float, incident_uuid: str | None = None,
                              snap_m: float = SNAP_M, here: Chainage | None = None) -> Distance | None:
    """The first drinking-water intake below (lon, lat) along the river network, with the distance
    along the rivers. Without a river line to follow: the nearest intake in a straight line within 100 km (method
    'straight', its direction unknown). None when there is no intake at all."""
    from fieldapp.plans.answers import nearest_straight
    from fieldapp.plans.query import Located, downstream, visible_layers, walk_downstream

    if here is None:                       # ``here``: the point's chainage, when the caller has it
        got = downstream(store, lon, lat, kinds=("intake",), incident_uuid=incident_uuid, limit=1, snap_m=snap_m)
    elif here.method == "river":
        walk = walk_downstream(store, Located(here.river_uuid, here.river_name, here.chainage_m, here.offset_m),
                               ("intake",), visible_layers(store, incident_uuid))
        got = [h for h, _ in zip(walk, range(1))]
    else:
        got = None
    if got is not None:
        return _distance(got[0], {"river": got[0].river, "intake_chainage_m": got[0].chainage_m}) if got else None
    near = nearest_straight(store, lon, lat, "intake", incident_uuid)
    return _distance(near[0]) if near else None


def warehouses_with(store, material: str, lon: float, lat: float, radius_m: float | None = None,
                    incident_uuid: str | None = None, limit: int | None = None) -> list[Distance]:
    """Warehouses stocking ``material`` (any synonym: 'lime', '石灰', 'PAC', '聚合硫酸铁', '活性炭' ...),
    nearest first, within radius_m and/or the ``limit`` nearest. ``extra['stock']`` lists the
    matching stock rows (material, quantity, unit, tonnes, contact)."""
    from fieldapp.plans.answers import nearest_materials

    hits = nearest_materials(store, material, lon, lat, radius_m=radius_m, limit=limit, incident_uuid=incident_uuid)
    return [_distance(h, h.extra) for h in hits]
