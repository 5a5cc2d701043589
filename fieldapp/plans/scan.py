"""The same answers without any index: the baseline the benches measure against, and the reference
the tests compare the indexed answers with. Not used by the app.

* downstream intakes: every river line is measured against the point (no R*Tree), then every site
  row is read (NOT INDEXED) and filtered to the rivers below.
* nearest warehouses with a material: every item row is scanned for the material, every
  warehouse's distance computed on the ellipsoid, sorted.
"""
from __future__ import annotations

import shapely

from . import network
from .answers import material_or_error
from .query import Hit, Located, visible_layers


def locate_scan(store, lon: float, lat: float, layers: list[str], snap_m: float = network.SNAP_M) -> Located | None:
    lay = set(layers)
    rows = [(u, n, wkb) for u, n, layer, wkb in store.conn.execute(
        "SELECT uuid, name, layer_uuid, AsBinary(geom) FROM map_rivers NOT INDEXED WHERE deleted = 0")
        if layer in lay]
    if not rows:
        return None
    geoms = [network.river_geom(shapely.get_coordinates(shapely.from_wkb(wkb))) for _u, _n, wkb in rows]
    i, ch, off = network.nearest_of(geoms, lon, lat)
    return Located(rows[i][0], rows[i][1] or "", ch, off) if off <= snap_m else None


def downstream_scan(store, lon: float, lat: float, *, kinds=("intake",), incident_uuid=None,
                    limit: int = 10) -> list[Hit] | None:
    layers = visible_layers(store, incident_uuid)
    here = locate_scan(store, lon, lat, layers)
    if here is None:
        return None
    rivers = {u: (n, length, down, join) for u, n, length, down, join in store.conn.execute(
        "SELECT uuid, name, length_m, downstream_uuid, join_chainage_m FROM map_rivers NOT INDEXED WHERE deleted = 0")}
    offset, start, river, path = 0.0, here.chainage_m, here.river_uuid, {}
    while river in rivers and river not in path:
        path[river] = (offset, start)
        name, length, down, join = rivers[river]
        offset += (length or 0.0) - start
        river, start = down, join or 0.0
    lay = set(layers)
    hits = []
    for uuid, name, kind, ftype, x, y, r, ch, layer, deleted in store.conn.execute(
            "SELECT uuid, name, kind, facility_type, lon, lat, river_uuid, chainage_m, layer_uuid, deleted "
            "FROM map_sites NOT INDEXED"):
        if deleted or layer not in lay or kind not in kinds or r not in path:
            continue
        before, s = path[r]
        if ch >= s:
            hits.append(Hit(uuid, name or "", before + ch - s, "river", kind, ftype or "", x, y, rivers[r][0], ch))
    hits.sort(key=lambda h: h.distance_m)
    return hits[:limit]


def nearest_materials_scan(store, material: str, lon: float, lat: float, *, limit: int = 5,
                           incident_uuid=None) -> list[Hit]:
    key = material_or_error(material)
    lay = visible_layers(store, incident_uuid)
    rows = store.conn.execute(
        "SELECT uuid, name, lon, lat, layer_uuid, ST_Distance(geom, MakePoint(?, ?, 4326), 1) FROM map_sites "
        "NOT INDEXED WHERE kind = 'warehouse' AND deleted = 0 AND uuid IN (SELECT site_uuid FROM plan_items "
        "NOT INDEXED WHERE material_key = ? AND deleted = 0)", (lon, lat, key)).fetchall()
    lay_set = set(lay)
    found = sorted((r for r in rows if r[4] in lay_set), key=lambda r: r[5])[:limit]
    return [Hit(u, n or "", float(d), "straight", "warehouse", "", x, y) for u, n, x, y, _l, d in found]
