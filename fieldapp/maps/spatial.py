"""Spatial answers for the incident, computed by SpatiaLite.

* chainage: distance along the river line from its upstream end (rivers are digitised upstream ->
  downstream). The point is projected onto the line in a locally equal-scaled plane (longitudes
  multiplied by cos(lat): plain degrees would skew the projection by ~10 % at 25°N), then the
  length of the line up to that spot is measured on the ellipsoid (ST_Length(..., 1)).
* where no river line is near, distances are straight lines on the ellipsoid, and every result
  says which kind it is (``method`` = 'river' or 'straight').
* radius searches go through the SpatialIndex virtual table first, then PtDistWithin(..., 1).

Layers belong to an incident or are shared (incident_uuid NULL); queries for an incident see both,
queries without one see every live layer.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

SNAP_M = 2_000          # a point further than this from every river line gets straight-line answers
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
    return (f"{alias}.deleted = 0 AND {alias}.layer_uuid IN (SELECT uuid FROM map_layers WHERE deleted = 0 "
            "AND (:inc IS NULL OR incident_uuid IS NULL OR incident_uuid = :inc))")


def chainage(store, lon: float, lat: float, incident_uuid: str | None = None,
             snap_m: float = SNAP_M, river_uuid: str | None = None) -> Chainage:
    """Where (lon, lat) falls along the nearest river line (or the given one)."""
    k = max(0.05, math.cos(math.radians(lat)))
    where = _layer_filter("r") + (" AND r.uuid = :river" if river_uuid else "")
    rows = store.conn.execute(
        f"""SELECT uuid, name, f, ST_Distance(MakePoint(:lon, :lat, 4326),
                      ScaleCoords(Line_Interpolate_Point(sg, f), 1.0 / :k, 1), 1) AS off,
                   CASE WHEN f <= 0 THEN 0.0
                        ELSE ST_Length(ScaleCoords(Line_Substring(sg, 0.0, f), 1.0 / :k, 1), 1) END AS ch
            FROM (SELECT r.uuid, r.name, ScaleCoords(r.geom, :k, 1) AS sg,
                         Line_Locate_Point(ScaleCoords(r.geom, :k, 1),
                                           ScaleCoords(MakePoint(:lon, :lat, 4326), :k, 1)) AS f
                  FROM map_rivers r WHERE {where})
            ORDER BY off""",
        {"lon": lon, "lat": lat, "k": k, "inc": incident_uuid, "river": river_uuid}).fetchall()
    if rows and rows[0][3] is not None and rows[0][3] <= snap_m:
        uuid, name, _f, off, ch = rows[0]
        return Chainage(float(ch or 0.0), float(off), uuid, name or "", "river")
    return Chainage(None, float(rows[0][3]) if rows and rows[0][3] is not None else None, None, "", "straight")


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
                     incident_uuid: str | None = None) -> Distance:
    """From a to b: along the river when both lie on the same river line (signed: + when b is downstream
    of a), else straight. ``extra`` holds both chainages."""
    ca = chainage(store, *a, incident_uuid)
    cb = chainage(store, *b, incident_uuid)
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


def _sites(store, kind: str, incident_uuid: str | None, extra_where: str = "", params: dict | None = None):
    return store.conn.execute(
        f"SELECT t.uuid, t.name, t.lon, t.lat, t.attributes FROM map_sites t WHERE {_layer_filter('t')} "
        f"AND t.kind = :kind {extra_where}", {"inc": incident_uuid, "kind": kind, **(params or {})}).fetchall()


def nearest_downstream_intake(store, lon: float, lat: float, incident_uuid: str | None = None,
                              snap_m: float = SNAP_M) -> Distance | None:
    """The first drinking-water intake below (lon, lat) along its river, with the distance along the
    river. Without a river line to follow: the nearest intake in a straight line (method 'straight',
    its direction unknown). None when there is no intake at all."""
    intakes = _sites(store, "intake", incident_uuid)
    if not intakes:
        return None
    here = chainage(store, lon, lat, incident_uuid, snap_m)
    if here.method == "river":
        best = None
        for uuid, name, ilon, ilat, _attrs in intakes:
            ci = chainage(store, ilon, ilat, incident_uuid, snap_m, river_uuid=here.river_uuid)
            if ci.method == "river" and ci.chainage_m >= here.chainage_m:
                d = ci.chainage_m - here.chainage_m
                if best is None or d < best.distance_m:
                    best = Distance(uuid, name, d, "river", {"river": here.river_name,
                                                              "intake_chainage_m": ci.chainage_m})
        return best
    dists = [Distance(u, n, straight_m(store, (lon, lat), (x, y)), "straight") for u, n, x, y, _ in intakes]
    return min(dists, key=lambda d: d.distance_m)


def warehouses_with(store, material: str, lon: float, lat: float, radius_m: float | None = None,
                    incident_uuid: str | None = None) -> list[Distance]:
    """Warehouses stocking ``material`` (any synonym: 'lime', '石灰', 'PAC', '聚合硫酸铁', '活性炭' ...),
    nearest first, optionally within radius_m. ``extra['stock']`` lists the matching stock rows."""
    import json

    from fieldapp.maps.vocab import material_key

    key = material_key(material)
    if key is None:
        raise ValueError(f"unknown material '{material}' (try lime/石灰, PAC/聚合氯化铝, PFS/聚合硫酸铁, 活性炭)")
    rows = _sites(store, "warehouse", incident_uuid, "AND t.materials LIKE :pat", {"pat": f"%,{key},%"})
    out = []
    for uuid, name, x, y, attrs in rows:
        d = straight_m(store, (lon, lat), (x, y))
        if radius_m is not None and d > radius_m:
            continue
        stock = [s for s in (json.loads(attrs or "{}").get("stock") or [])
                 if material_key(str(s.get("material", ""))) == key]
        out.append(Distance(uuid, name, d, "straight", {"stock": stock, "material": key}))
    return sorted(out, key=lambda d: d.distance_m)
