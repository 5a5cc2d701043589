"""The questions a team asks of a plan: nearest material, nearest site, what can intercept.

Plain core functions (no Qt): the map tab, `fieldapp plan …` and the first-hour steps call these.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from fieldapp.maps import vocab

from . import network
from .query import (FIRST_BOX_M, MAX_BOX_M, Hit, Located, _box, _in, _index_sql, locate, visible_layers,
                    walk_downstream)

ORDERS = ("distance", "quantity")


def material_or_error(material: str) -> str:
    key = vocab.material_key(material)
    if key is None:
        raise ValueError(f"unknown material '{material}' (try lime/石灰, PAC/聚合氯化铝, PFS/聚合硫酸铁, 活性炭)")
    return key


def _warehouse_rows(store, key: str, layers, lon, lat, radius_m):
    """Warehouses holding the material in the box around the point, from the warehouses' own R*Tree
    (migration 17: facilities outnumber them 26 to 1 in the sites' one), with their ellipsoidal
    distance (pyproj's geodesic over the few candidates; SpatiaLite's ST_Distance(…, 1) costs ~50 µs
    a row)."""
    import numpy as np

    rows = store.conn.execute(
        f"""SELECT s.uuid, s.name, s.lon, s.lat, s.attributes FROM map_sites s
            WHERE s.ROWID IN (SELECT id FROM map_warehouse_rtree WHERE min_x <= :x1 AND max_x >= :x0
                              AND min_y <= :y1 AND max_y >= :y0)
              AND s.kind = 'warehouse' AND s.deleted = 0
              AND +s.layer_uuid IN {_in(layers)}
              AND EXISTS (SELECT 1 FROM plan_items i WHERE i.material_key = :key AND i.site_uuid = s.uuid
                          AND i.deleted = 0)""",
        {"key": key, **_box(lon, lat, radius_m)}).fetchall()
    if not rows:
        return []
    xy = np.array([(r[2], r[3]) for r in rows], dtype=float)
    _a, _b, d = network.GEOD.inv(np.full(len(rows), lon), np.full(len(rows), lat), xy[:, 0], xy[:, 1])
    return [(u, n, x, y, float(dist), attrs) for (u, n, x, y, attrs), dist in zip(rows, np.atleast_1d(d))]


def _contact(attributes: str | None) -> str:
    import json

    try:
        return str(json.loads(attributes or "{}").get("contact") or "")
    except ValueError:
        return ""


def _stock(store, key: str, uuids: list[str]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    if not uuids:
        return out
    for site, mat, q, qt, unit, q_t, contact in store.conn.execute(
            f"SELECT site_uuid, material, quantity, quantity_text, unit, quantity_t, contact FROM plan_items "
            f"WHERE material_key = ? AND deleted = 0 AND site_uuid IN {_in(uuids)} ORDER BY rowid", (key,)):
        out.setdefault(site, []).append({"material": mat, "quantity": qt, "unit": unit, "quantity_value": q,
                                         "quantity_t": q_t, "contact": contact})
    return out


def nearest_materials(store, material: str, lon: float, lat: float, *, radius_m: float | None = None,
                      limit: int | None = 5, incident_uuid: str | None = None, order: str = "distance") -> list[Hit]:
    """Warehouses holding ``material`` (lime / 石灰 / 生石灰 …), nearest first (or most tonnes first
    with order='quantity'), within radius_m or the ``limit`` nearest. Straight-line distances on the
    ellipsoid; ``extra``: stock rows of that material, total tonnes, contact."""
    key = material_or_error(material)
    if order not in ORDERS:
        raise ValueError(f"order must be one of {', '.join(ORDERS)}")
    layers = visible_layers(store, incident_uuid)
    if not layers:
        return []
    box = radius_m if radius_m is not None else FIRST_BOX_M
    while True:
        rows = [r for r in _warehouse_rows(store, key, layers, lon, lat, box) if r[4] <= box]
        if radius_m is not None or (limit is not None and len(rows) >= limit) or box >= MAX_BOX_M:
            break
        box *= 3
    rows.sort(key=lambda r: r[4])
    if limit is not None and order == "distance":
        rows = rows[:limit]
    stock = _stock(store, key, [r[0] for r in rows])
    hits = []
    for uuid, name, x, y, d, attrs in rows:
        items = stock.get(uuid, [])
        tonnes = [it["quantity_t"] for it in items if it["quantity_t"] is not None]
        contact = next((it["contact"] for it in items if it["contact"]), "") or _contact(attrs)
        hits.append(Hit(uuid, name or "", float(d), "straight", "warehouse", "", x, y,
                        extra={"stock": items, "material": key, "tonnes": sum(tonnes) if tonnes else None,
                               "contact": contact}))
    if order == "quantity":
        hits.sort(key=lambda h: (-(h.extra["tonnes"] or 0.0), h.distance_m))
    return hits[:limit] if limit is not None else hits


STRAIGHT_MAX_M = 100_000     # off the rivers, a straight-line answer further than this helps nobody


def nearest_straight(store, lon: float, lat: float, kind: str, incident_uuid: str | None = None,
                     limit: int = 1, max_m: float = STRAIGHT_MAX_M) -> list[Hit]:
    """The nearest sites of one kind in a straight line within max_m (for points off every river)."""
    layers = visible_layers(store, incident_uuid)
    if not layers:
        return []
    box = FIRST_BOX_M
    while True:
        rows = store.conn.execute(
            f"SELECT uuid, name, kind, facility_type, lon, lat, ST_Distance(geom, MakePoint(:lon, :lat, 4326), 1) "
            f"FROM map_sites WHERE {_index_sql('map_sites')} AND kind = :kind AND deleted = 0 "
            f"AND +layer_uuid IN {_in(layers)}", {"lon": lon, "lat": lat, "kind": kind, **_box(lon, lat, box)}
        ).fetchall()
        rows = [r for r in rows if r[6] <= box]
        if len(rows) >= limit or box >= max_m:
            break
        box = min(box * 3, max_m)
    rows.sort(key=lambda r: r[6])
    return [Hit(u, n or "", float(d), "straight", k, f or "", x, y) for u, n, k, f, x, y, d in rows[:limit]]


@dataclass
class Intercept:
    """What can hold the plume before it reaches drinking water, seen from one point."""

    located: Located | None          # None: the point is not on a river line
    first_intake: Hit | None         # the first intake downstream (None: none on the network below)
    facilities: list[Hit] = field(default_factory=list)   # interceptable facilities before it, nearest first
    offset_m: float | None = None    # distance to the nearest river line looked at


def can_intercept(store, lon: float, lat: float, incident_uuid: str | None = None, *,
                  max_m: float | None = None, limit: int = 20, snap_m: float = network.SNAP_M) -> Intercept:
    """Dams, gates, temporary dams, ponds, reservoirs and ditches between (lon, lat) and the first
    drinking-water intake downstream along the network (all of them down to max_m when there is no
    intake below)."""
    layers = visible_layers(store, incident_uuid)
    here, off = locate(store, lon, lat, incident_uuid, snap_m, layers=layers)
    res = Intercept(here, None, [], off)
    if here is None:
        return res
    for hit in walk_downstream(store, here, ("intake", "facility"), layers, max_m):
        if hit.kind == "intake":
            res.first_intake = hit
            break
        if hit.facility_type in vocab.INTERCEPT_TYPES and len(res.facilities) < limit:
            res.facilities.append(hit)
    return res
