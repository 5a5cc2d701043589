"""The SpatiaLite writer for prepared layers: one store transaction per import, all or nothing.

Also the network bookkeeping every writer of rivers and sites goes through (plan imports, the old
``layers import``, the demo layers): river lengths and confluences, and each site's river,
chainage and offset. The *scope* of that network is the plan (all layers with its plan_uuid), or,
for layers without a plan, the layers of the same incident (or the shared ones). When rivers are
added to a scope that already has sites, those sites are located again; that derived update does
not bump their version (every copy of the store computes the same values from the same lines).
"""
from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field

import numpy as np
import shapely

from fieldapp.core.ids import new_uuid, new_uuids

from . import network
from .errors import ImportCancelled, PlanImportError
from .mapping import fingerprint, save_mapping
from .prepare import Prepared, place

BATCH = 20_000
SYNC = ("uuid", "created_at", "updated_at", "created_by_team", "created_by_device", "updated_by_device",
        "version", "deleted", "change_seq")
SITE_COLS = ("layer_uuid", "kind", "facility_type", "name", "lon", "lat", "materials", "attributes",
             "source_id", "river_uuid", "chainage_m", "offset_m")
ITEM_COLS = ("layer_uuid", "site_uuid", "material_key", "material", "quantity", "quantity_text", "unit",
             "quantity_t", "contact", "attributes")


@dataclass
class Written:
    plan_uuid: str | None
    layers: list[dict] = field(default_factory=list)      # uuid, name, kind, rivers, sites, items, warnings


def _meta(store) -> tuple:
    m = store.new_meta()
    return tuple(m[c] for c in SYNC[1:])


def _scope_sql(plan_uuid: str | None, incident_uuid: str | None) -> tuple[str, tuple]:
    if plan_uuid:
        return "SELECT uuid FROM map_layers WHERE deleted = 0 AND plan_uuid = ?", (plan_uuid,)
    return "SELECT uuid FROM map_layers WHERE deleted = 0 AND plan_uuid IS NULL AND incident_uuid IS ?", \
        (incident_uuid,)


def ensure_plan(store, plan_uuid: str | None, name: str | None, region: str = "") -> str:
    """An existing plan's uuid (checked), or a new plan named ``name``."""
    if plan_uuid:
        if not store.conn.execute("SELECT 1 FROM plans WHERE uuid = ? AND deleted = 0", (plan_uuid,)).fetchone():
            raise PlanImportError(f"no plan {plan_uuid}")
        return plan_uuid
    row = store.conn.execute("SELECT uuid FROM plans WHERE name = ? AND deleted = 0", (name,)).fetchone()
    if row:
        return row[0]
    meta = store.new_meta()
    store.conn.execute(f"INSERT INTO plans ({', '.join(SYNC)}, name, region) VALUES "
                       f"({', '.join('?' * len(SYNC))}, ?, ?)", [meta[c] for c in SYNC] + [name, region])
    return meta["uuid"]


def insert_layer(store, *, name: str, kind: str, plan_uuid=None, incident_uuid=None, source_file="",
                 source_format="", feature_count=0, warnings=(), source_crs="", coord_conversion="none",
                 source_encoding="", mapping="{}") -> str:
    ident = store.require_identity()
    row = {**store.new_meta(), "incident_uuid": incident_uuid, "plan_uuid": plan_uuid, "name": name, "kind": kind,
           "source_file": source_file, "source_format": source_format, "feature_count": feature_count,
           "warnings": json.dumps(list(warnings), ensure_ascii=False), "source_crs": source_crs,
           "coord_conversion": coord_conversion, "source_encoding": source_encoding,
           "imported_by": f"{ident.unit} {ident.team}".strip(), "mapping": mapping}
    store.conn.execute(f"INSERT INTO map_layers ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                       list(row.values()))
    return row["uuid"]


def insert_rivers(store, layer_uuid: str, rivers: list[dict]) -> list[str]:
    meta = _meta(store)
    rows, out = [], []
    geoms = network.river_geoms([r["coords"] for r in rivers])
    for r, g in zip(rivers, geoms):
        u = new_uuid()
        out.append(u)
        rows.append((u, *meta, layer_uuid, r.get("name") or "", r.get("source_id") or "",
                     json.dumps(r.get("attributes") or {}, ensure_ascii=False, default=str),
                     g.length_m, shapely.to_wkb(shapely.linestrings(g.coords))))
    store.conn.executemany(
        f"INSERT INTO map_rivers ({', '.join(SYNC)}, layer_uuid, name, source_id, attributes, length_m, geom) "
        f"VALUES ({', '.join('?' * len(SYNC))}, ?, ?, ?, ?, ?, GeomFromWKB(?, 4326))", rows)
    return out


def scope_rivers(store, plan_uuid, incident_uuid) -> tuple[list[str], list[network.RiverGeom]]:
    sql, args = _scope_sql(plan_uuid, incident_uuid)
    rows = store.conn.execute(
        f"SELECT uuid, AsBinary(geom) FROM map_rivers WHERE deleted = 0 AND layer_uuid IN ({sql})", args).fetchall()
    geoms = shapely.from_wkb(np.array([r[1] for r in rows], dtype=object)) if rows else []
    uuids, lines = [], []
    for (u, _wkb), g in zip(rows, geoms):
        xy = shapely.get_coordinates(g)
        if len(xy) >= 2:
            uuids.append(u)
            lines.append(xy)
    return uuids, network.river_geoms(lines)


def update_confluences(store, uuids: list[str], geoms: list) -> None:
    joins = network.confluences(geoms)
    store.conn.executemany(
        "UPDATE map_rivers SET downstream_uuid = ?, join_chainage_m = ? WHERE uuid = ?",
        [(uuids[j[0]] if j else None, j[1] if j else None, u) for u, j in zip(uuids, joins)])


def resnap_sites(store, plan_uuid, incident_uuid, uuids, geoms, progress=None) -> None:
    """Locate every site of the scope on the scope's rivers again (after rivers were added)."""
    sql, args = _scope_sql(plan_uuid, incident_uuid)
    rows = store.conn.execute(f"SELECT uuid, lon, lat FROM map_sites WHERE layer_uuid IN ({sql})", args).fetchall()
    if not rows:
        return
    su = [r[0] for r in rows]
    idx, ch, off = network.snap(geoms, [r[1] for r in rows], [r[2] for r in rows])
    store.conn.executemany("UPDATE map_sites SET river_uuid = ?, chainage_m = ?, offset_m = ? WHERE uuid = ?",
                           [(uuids[i] if i >= 0 else None, None if i < 0 else float(c), None if i < 0 else float(o),
                             u) for u, i, c, o in zip(su, idx.tolist(), ch.tolist(), off.tolist())])


BULK_MIN = 5_000
CACHE_KB_PER_ROW = 1.0          # page cache for a big import: ~1 KB a row keeps the indexes in memory


@contextlib.contextmanager
def big_cache(store, rows: int):
    """A larger page cache for the import's transaction (SQLite's default is 2 MB: a 200,000-row
    import then rereads its own index pages from the OS for every row); set back afterwards."""
    if rows < BULK_MIN:
        yield
        return
    old = store.conn.execute("PRAGMA cache_size").fetchone()[0]
    store.conn.execute(f"PRAGMA cache_size = {-int(min(rows * CACHE_KB_PER_ROW, 1_048_576))}")
    try:
        yield
    finally:
        store.conn.execute(f"PRAGMA cache_size = {old}")
# SpatiaLite's per-row triggers on a geometry table: type/SRID check, R*Tree entry, last-insert time.
_ROW_TRIGGERS = ("ggi_{t}_geom", "gii_{t}_geom", "tmi_{t}_geom")


@contextlib.contextmanager
def bulk_geometry_load(store, table: str, n: int):
    """Large inserts without SpatiaLite's per-row triggers (~100 µs a row, 20 s for 200,000 sites).

    Inside the caller's transaction: the three insert triggers are dropped, the rows inserted, the
    R*Tree filled in one INSERT … SELECT over the new rows, the triggers put back as they were.
    A failure rolls all of it back, triggers included (DDL is transactional in SQLite). The
    skipped type/SRID check is kept by construction: the writers only insert MakePoint(…, 4326).
    """
    if n < BULK_MIN:
        yield
        return
    names = [t.format(t=table) for t in _ROW_TRIGGERS]
    saved = store.conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({', '.join('?' * len(names))})",
        names).fetchall()

    before = store.conn.execute(f'SELECT COALESCE(MAX(ROWID), 0) FROM "{table}"').fetchone()[0]
    for name, _sql in saved:
        store.conn.execute(f'DROP TRIGGER "{name}"')
    with bulk_indexes(store, table, n):
        yield
    # sites are points made from their lon/lat columns: the box is the point (no blob to parse)
    store.conn.execute(f'INSERT INTO "idx_{table}_geom" (pkid, xmin, xmax, ymin, ymax) SELECT ROWID, lon, lon, lat, lat '
                       f'FROM "{table}" WHERE ROWID > ? AND geom IS NOT NULL', (before,))
    store.conn.execute("UPDATE geometry_columns_time SET last_insert = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
                       "WHERE lower(f_table_name) = lower(?) AND lower(f_geometry_column) = 'geom'", (table,))
    for _name, sql in saved:
        store.conn.execute(sql)


@contextlib.contextmanager
def bulk_indexes(store, table: str, n: int):
    """Drop the table's secondary indexes while ``n`` rows go in, make them again after (inside the
    caller's transaction): one sort beats 200,000 scattered B-tree inserts. Only when the new rows
    are at least as many as the old ones; otherwise rebuilding costs more than it saves."""
    have = store.conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
    if n < BULK_MIN or n < have:
        yield
        return
    indexes = store.conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                                 "AND sql IS NOT NULL", (table,)).fetchall()
    for name, _sql in indexes:
        store.conn.execute(f'DROP INDEX "{name}"')
    yield
    for _name, sql in indexes:
        store.conn.execute(sql)


def insert_sites(store, layer_uuid: str, sites: dict, uuids, geoms, *, progress=None, cancelled=None,
                 seg=None) -> list[str]:
    """Insert a column dict of sites (lon, lat arrays; kind, name… lists), located on the network."""
    n = len(sites.get("lon", ()))
    if n == 0:
        return []
    idx, ch, off = network.snap(geoms, sites["lon"], sites["lat"], seg=seg)
    meta = _meta(store)
    out = new_uuids(n)
    lon, lat = np.asarray(sites["lon"], dtype=float).tolist(), np.asarray(sites["lat"], dtype=float).tolist()
    ridx, chl, offl = idx.tolist(), ch.tolist(), off.tolist()
    get = lambda k, default: sites.get(k) or [default] * n   # noqa: E731
    kinds, ftypes, names = get("kind", ""), get("facility_type", ""), get("name", "")
    mats, attrs, sids = get("materials", ""), get("attributes", "{}"), get("source_id", "")
    sql = (f"INSERT INTO map_sites ({', '.join(SYNC)}, {', '.join(SITE_COLS)}, geom) VALUES "
           f"({', '.join('?' * (len(SYNC) + len(SITE_COLS)))}, MakePoint(?, ?, 4326))")
    with bulk_geometry_load(store, "map_sites", n):
        _insert_batches(store, sql, n, out, meta, layer_uuid, (kinds, ftypes, names, lon, lat, mats, attrs, sids),
                        (uuids, ridx, chl, offl), progress, cancelled)
    return out


def _insert_batches(store, sql, n, out, meta, layer_uuid, cols, located, progress, cancelled) -> None:
    kinds, ftypes, names, lon, lat, mats, attrs, sids = cols
    uuids, ridx, chl, offl = located
    for start in range(0, n, BATCH):
        rows = []
        for i in range(start, min(n, start + BATCH)):
            r = ridx[i]
            a = attrs[i]
            rows.append((out[i], *meta, layer_uuid, kinds[i], ftypes[i], names[i], lon[i], lat[i], mats[i],
                         a if isinstance(a, str) else json.dumps(a, ensure_ascii=False, default=str), sids[i],
                         uuids[r] if r >= 0 else None, chl[i] if r >= 0 else None, offl[i] if r >= 0 else None,
                         lon[i], lat[i]))
        store.conn.executemany(sql, rows)
        if progress:
            progress(min(n, start + BATCH), n)
        if cancelled and cancelled():
            raise ImportCancelled("import cancelled; nothing was imported")


def insert_items(store, layer_uuid: str, items: list[dict]) -> int:
    """items: dicts with site_uuid, material, quantity…; the material key comes from the vocabulary."""
    from .rows import material_key, quantity

    meta = _meta(store)
    rows = []
    ids = iter(new_uuids(len(items)))
    for it in items:
        q, q_t = it.get("quantity"), it.get("quantity_t")
        if q is None and it.get("quantity_text"):
            q, q_t = quantity(it["quantity_text"], it.get("unit", ""))
        rows.append((next(ids), *meta, layer_uuid, it["site_uuid"], material_key(it["material"]) or "",
                     it["material"], q, it.get("quantity_text", ""), it.get("unit", ""), q_t, it.get("contact", ""),
                     json.dumps(it["attributes"], ensure_ascii=False, default=str) if it.get("attributes") else "{}"))
    with bulk_indexes(store, "plan_items", len(rows)):
        store.conn.executemany(f"INSERT INTO plan_items ({', '.join(SYNC)}, {', '.join(ITEM_COLS)}) VALUES "
                               f"({', '.join('?' * (len(SYNC) + len(ITEM_COLS)))})", rows)
    return len(rows)


def stock_items(site_uuids: list[str], stocks: list[list[dict]], contacts: list[str] | None = None) -> list[dict]:
    """Item rows from warehouses' stock lists ('石灰:50t; PAC 20 t')."""
    out = []
    for i, (u, stock) in enumerate(zip(site_uuids, stocks)):
        for s in stock or []:
            out.append({"site_uuid": u, "material": s["material"], "quantity_text": str(s.get("quantity", "")),
                        "unit": str(s.get("unit", "")), "contact": (contacts[i] if contacts else "") or ""})
    return out


def _resolve_items(store, prep: Prepared, plan_uuid, incident_uuid, new_warehouses: dict) -> list[dict]:
    sql, args = _scope_sql(plan_uuid, incident_uuid)
    known = dict(store.conn.execute(
        f"SELECT source_id, uuid FROM map_sites WHERE kind = 'warehouse' AND deleted = 0 AND source_id != '' "
        f"AND layer_uuid IN ({sql})", args))
    known.update(new_warehouses)
    missing = [it for it in prep.items if it["warehouse"] not in known]
    if missing:
        shown = ", ".join(f"{place(prep.source, it['row'])} ('{it['warehouse']}')" for it in missing[:3])
        raise PlanImportError(
            f"{prep.source.path.name}, layer '{prep.source.name}': {len(missing)} item row(s) name a warehouse id "
            f"that is not in the plan: {shown}; import the warehouses first (or in the same run)")
    return [{**it, "site_uuid": known[it["warehouse"]]} for it in prep.items]


def write_prepared(store, prepared: list[Prepared], *, plan_uuid: str | None = None, plan_name: str | None = None,
                   incident_uuid: str | None = None, layer_names: dict | None = None, source_key: str | None = None,
                   progress=None, cancelled=None) -> Written:
    """Store prepared layers in ONE transaction: rivers first (the network), then sites, then items."""
    for p in prepared:
        p.raise_problems()
    rows = sum(p.site_count + len(p.items) for p in prepared)
    with big_cache(store, rows), store.transaction():
        if plan_uuid or plan_name:
            plan_uuid = ensure_plan(store, plan_uuid, plan_name)
            incident_uuid = None
        res = Written(plan_uuid)
        layer_of = {}
        for p in prepared:
            src = p.source
            layer_of[id(p)] = insert_layer(
                store, name=(layer_names or {}).get(src.name) or (src.path.stem if len(prepared) == 1 else src.name),
                kind="mixed" if p.kind == "items" else p.kind, plan_uuid=plan_uuid, incident_uuid=incident_uuid,
                source_file=src.path.name, source_format=src.fmt,
                feature_count=len(p.rivers) + p.site_count + len(p.items), warnings=p.warnings,
                source_crs=p.coord.source_crs if p.coord else "", coord_conversion=p.coord.conversion if p.coord else "none",
                source_encoding=src.encoding, mapping=p.mapping.to_json())
            insert_rivers(store, layer_of[id(p)], p.rivers)
        had_rivers = any(p.rivers for p in prepared)
        uuids, geoms = scope_rivers(store, plan_uuid, incident_uuid)
        if had_rivers:
            update_confluences(store, uuids, geoms)
            resnap_sites(store, plan_uuid, incident_uuid, uuids, geoms)
        new_wh: dict[str, str] = {}
        seg = network.segments(geoms) if geoms else None
        for p in prepared:
            lu = layer_of[id(p)]
            site_uuids = insert_sites(store, lu, p.sites, uuids, geoms, progress=progress, cancelled=cancelled,
                                      seg=seg)
            for u, k, sid in zip(site_uuids, p.sites.get("kind", []), p.sites.get("source_id", [])):
                if k == "warehouse" and sid:
                    new_wh[sid] = u
            n_items = insert_items(store, lu, stock_items(site_uuids, p.sites.get("stock", [])))
            res.layers.append({"uuid": lu, "name": p.source.name, "kind": p.kind, "rivers": len(p.rivers),
                               "sites": len(site_uuids), "items": n_items, "warnings": p.warnings})
        for p, info in zip(prepared, res.layers):
            if p.kind == "items":
                info["items"] = insert_items(store, layer_of[id(p)],
                                             _resolve_items(store, p, plan_uuid, incident_uuid, new_wh))
            save_mapping(store, source_key and f"{source_key}|{p.source.name}",
                         fingerprint(p.source.fields, p.source.fmt), p.mapping)
        if cancelled and cancelled():
            raise ImportCancelled("import cancelled; nothing was imported")
    return res
