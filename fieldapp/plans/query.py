"""Spatial answers at national scale, from SpatiaLite indexes and the precomputed river network.

* ``locate``: where a point falls along the nearest visible river line: candidate lines from the
  R*Tree (a box of snap_m around the point), then the same chainage code the import used
  (network.locate_on), so a site's stored chainage and a point's chainage agree.
* ``downstream`` / ``upstream``: sites along the network by distance along the rivers: a range
  scan of (river_uuid, kind, chainage_m) per river, following ``downstream_uuid`` at confluences
  (downstream) or the tributaries that join above the point (upstream).
* ``nearest_materials``: warehouses holding a material (any synonym), nearest first, by a growing
  R*Tree box around the point (so the 5 nearest of 7,600 cost a few dozen distance computations),
  or every one within a radius; ranked by distance or by quantity (tonnes when the unit is a mass).
* ``can_intercept``: the facilities that can hold or divert a plume (vocab.INTERCEPT_TYPES) between
  the point and the first drinking-water intake downstream: what the first-hour steps ask.

Which layers count: an incident sees its own layers, shared layers without a plan, and the
layers of the plans it picked (``incident_plans``); without an incident, every live layer.
"""
from __future__ import annotations

import heapq
import math
from collections import OrderedDict
from dataclasses import dataclass, field

import shapely

from . import network

M_PER_DEG_LAT = 111_320.0
FIRST_BOX_M = 20_000            # nearest searches start with a 20 km box and grow x3
MAX_BOX_M = 6_000_000
SITE_BATCH = 500


def visible_layers_sql() -> str:
    """SQL selecting the uuids of the layers an incident (:inc, may be NULL) sees."""
    return ("SELECT uuid FROM map_layers WHERE deleted = 0 AND ("
            "(plan_uuid IS NULL AND (:inc IS NULL OR incident_uuid IS NULL OR incident_uuid = :inc)) OR "
            "(plan_uuid IS NOT NULL AND (:inc IS NULL OR plan_uuid IN (SELECT plan_uuid FROM incident_plans "
            "WHERE deleted = 0 AND incident_uuid = :inc))))")


def visible_layers(store, incident_uuid: str | None) -> list[str]:
    return [r[0] for r in store.conn.execute(visible_layers_sql(), {"inc": incident_uuid})]


def _in(values) -> str:
    """An SQL list literal of uuids. Callers write ``+layer_uuid IN …`` when another index (the
    R*Tree, the river index) must drive the query: a bare IN makes SQLite scan a whole plan's layer."""
    return "(" + ",".join("'" + v.replace("'", "''") + "'" for v in values) + ")"


@dataclass
class Located:
    river_uuid: str
    river_name: str
    chainage_m: float
    offset_m: float


@dataclass
class Hit:
    """A site found by a query: distance along the rivers (or straight), and what it is."""

    uuid: str
    name: str
    distance_m: float
    method: str                      # 'river' | 'straight'
    kind: str = ""
    facility_type: str = ""
    lon: float = 0.0
    lat: float = 0.0
    river: str = ""
    chainage_m: float | None = None
    extra: dict = field(default_factory=dict)


_GEOMS: OrderedDict = OrderedDict()     # (uuid, version) -> RiverGeom; rivers rarely change
_GEOM_CACHE = 512


def river_geom(store, uuid: str, version: int):
    key = (uuid, version)
    g = _GEOMS.get(key)
    if g is None:
        (wkb,) = store.conn.execute("SELECT AsBinary(geom) FROM map_rivers WHERE uuid = ?", (uuid,)).fetchone()
        g = network.river_geom(shapely.get_coordinates(shapely.from_wkb(wkb)))
        _GEOMS[key] = g
        if len(_GEOMS) > _GEOM_CACHE:
            _GEOMS.popitem(last=False)
    else:
        _GEOMS.move_to_end(key)
    return g


def box_deg(lat: float, radius_m: float) -> tuple[float, float]:
    dlat = radius_m / M_PER_DEG_LAT * 1.05
    dlon = dlat / max(0.05, math.cos(math.radians(min(89.0, abs(lat) + dlat))))
    return dlon, dlat


def _index_sql(table: str) -> str:
    """Rows whose bounding box meets the box :x0 :y0 :x1 :y1, straight from SpatiaLite's R*Tree table
    (idx_<table>_geom): the SpatialIndex virtual table answers the same ~20x slower."""
    return (f"ROWID IN (SELECT pkid FROM \"idx_{table}_geom\" WHERE xmin <= :x1 AND xmax >= :x0 "
            "AND ymin <= :y1 AND ymax >= :y0)")


def _box(lon, lat, radius_m) -> dict:
    dlon, dlat = box_deg(lat, radius_m)
    return {"x0": lon - dlon, "y0": lat - dlat, "x1": lon + dlon, "y1": lat + dlat}


def locate(store, lon: float, lat: float, incident_uuid: str | None = None, snap_m: float = network.SNAP_M,
           river_uuid: str | None = None, layers: list[str] | None = None) -> tuple[Located | None, float | None]:
    """(the spot on the nearest visible river within snap_m or None, offset to the nearest line seen)."""
    layers = visible_layers(store, incident_uuid) if layers is None else layers
    if not layers:
        return None, None
    if river_uuid:
        rows = store.conn.execute("SELECT uuid, name, version FROM map_rivers WHERE uuid = ? AND deleted = 0",
                                  (river_uuid,)).fetchall()
    else:
        rows = store.conn.execute(
            f"SELECT uuid, name, version FROM map_rivers WHERE {_index_sql('map_rivers')} AND deleted = 0 "
            f"AND +layer_uuid IN {_in(layers)}", _box(lon, lat, snap_m)).fetchall()
    if not rows:
        return None, None
    i, ch, off = network.nearest_of([river_geom(store, u, v) for u, _n, v in rows], lon, lat)
    best = Located(rows[i][0], rows[i][1] or "", ch, off)
    return (best if best.offset_m <= snap_m else None), best.offset_m


def _river(store, uuid: str) -> tuple:
    return store.conn.execute("SELECT name, length_m, downstream_uuid, join_chainage_m FROM map_rivers "
                              "WHERE uuid = ? AND deleted = 0", (uuid,)).fetchone()


def _sites_on(store, river: str, kinds, layers, lo: float, hi: float, desc: bool, limit: int):
    return store.conn.execute(
        f"SELECT uuid, name, kind, facility_type, lon, lat, chainage_m FROM map_sites "
        f"WHERE river_uuid = ? AND kind IN {_in(kinds)} AND chainage_m >= ? AND chainage_m <= ? AND deleted = 0 "
        f"AND +layer_uuid IN {_in(layers)} ORDER BY chainage_m {'DESC' if desc else ''} LIMIT ?",
        (river, lo, hi, limit)).fetchall()


def _hit(row, dist: float, river: str) -> Hit:
    uuid, name, kind, ftype, lon, lat, ch = row
    return Hit(uuid, name or "", dist, "river", kind, ftype or "", lon, lat, river, ch)


def walk_downstream(store, here: Located, kinds, layers, max_m: float | None = None):
    """Sites of the given kinds below ``here``, in order of distance along the rivers (a generator)."""
    river, start, before, seen = here.river_uuid, here.chainage_m, 0.0, set()
    while river and river not in seen:
        seen.add(river)
        info = _river(store, river)
        if info is None:
            return
        name, length, down, join = info
        lo = start
        while True:
            rows = _sites_on(store, river, kinds, layers, lo, math.inf, False, SITE_BATCH)
            for row in rows:
                d = before + row[6] - start
                if max_m is not None and d > max_m:
                    return
                yield _hit(row, d, name or "")
            if len(rows) < SITE_BATCH:
                break
            lo = rows[-1][6] + 1e-9
        before += (length or 0.0) - start
        river, start = down, (join or 0.0)


def downstream(store, lon: float, lat: float, *, kinds=("intake",), incident_uuid: str | None = None,
               limit: int = 10, max_m: float | None = None, snap_m: float = network.SNAP_M) -> list[Hit] | None:
    """Sites of ``kinds`` downstream along the network, nearest first; None when (lon, lat) is not
    on a river (no river line within snap_m)."""
    layers = visible_layers(store, incident_uuid)
    here, _off = locate(store, lon, lat, incident_uuid, snap_m, layers=layers)
    if here is None:
        return None
    out = []
    for hit in walk_downstream(store, here, kinds, layers, max_m):
        out.append(hit)
        if len(out) >= limit:
            break
    return out


def upstream(store, lon: float, lat: float, *, kinds=("facility",), incident_uuid: str | None = None,
             limit: int = 10, max_m: float | None = None, snap_m: float = network.SNAP_M) -> list[Hit] | None:
    """Sites upstream along the river and every tributary joining above the point, nearest first."""
    layers = visible_layers(store, incident_uuid)
    here, _off = locate(store, lon, lat, incident_uuid, snap_m, layers=layers)
    if here is None:
        return None
    found: list[Hit] = []
    queue = [(0.0, here.river_uuid, here.chainage_m)]     # (distance at entry, river, chainage entered at)
    seen = set()
    while queue:
        entry, river, at = heapq.heappop(queue)
        bound = found[limit - 1].distance_m if len(found) >= limit else (max_m if max_m is not None else math.inf)
        if entry > bound or river in seen:
            continue
        seen.add(river)
        info = _river(store, river)
        if info is None:
            continue
        for row in _sites_on(store, river, kinds, layers, -math.inf, at, True, limit):
            found.append(_hit(row, entry + at - row[6], info[0] or ""))
        found.sort(key=lambda h: h.distance_m)
        for trib, join, length in store.conn.execute(
                f"SELECT uuid, join_chainage_m, length_m FROM map_rivers WHERE downstream_uuid = ? "
                f"AND join_chainage_m <= ? AND deleted = 0 AND +layer_uuid IN {_in(layers)}", (river, at)):
            heapq.heappush(queue, (entry + at - join, trib, length or 0.0))
    if max_m is not None:
        found = [h for h in found if h.distance_m <= max_m]
    return found[:limit]
