"""A source layer + a field mapping -> validated rows ready to store, or the problems that stop it.

No store access (the same prepared rows can go to SpatiaLite or, later, PostGIS). Every check runs
over the whole layer before anything is written, and each kind of problem gets one message with
its count and the first places it occurs, in the file's own terms (feature N, CSV line N, row N).
Problems refuse the import; warnings (positions outside China, polygons reduced to their
centroid, a datum shift PROJ only knows roughly) do not.

Geometry handling (shapely, vectorised): points stay points, multi-points give one site per part,
polygons become their centroid (a pond drawn as an area is one site), multi-lines are merged into
one river line where the parts join. Lines in a site layer, points in a river layer, and
collections mixing both are "mixed geometry types" and refused, unless the layer kind is 'auto',
where lines are rivers and points are sites.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

import numpy as np
import shapely

from . import coords as C
from .errors import PlanImportError
from .mapping import FieldMapping
from fieldapp.maps.vocab import tonnes_per

from .rows import attributes, classify, parse_stock, quantity, text
from .source import SourceLayer

EXAMPLES = 3                 # places named per problem


@dataclass
class Options:
    crs: str | None = None           # the user's CRS when the file has none (or a wrong one)
    gcj02: bool = False              # the source is a consumer web map: convert GCJ-02 -> WGS 84
    swap_xy: bool = False            # the source stores (lat, lon)
    skip_empty: bool = False         # drop features without geometry instead of refusing


@dataclass
class Prepared:
    """One layer's rows, in WGS 84, ready for the writer."""

    source: SourceLayer
    mapping: FieldMapping
    kind: str                                       # river | intake | facility | warehouse | mixed | items
    coord: C.CoordPlan | None
    rivers: list[dict] = field(default_factory=list)      # name, source_id, coords (n, 2), attributes
    sites: dict = field(default_factory=dict)             # columns: kind, facility_type, name, ... lon, lat
    items: list[dict] = field(default_factory=list)       # warehouse (source id), material, ...
    warnings: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def site_count(self) -> int:
        return len(self.sites.get("lon", ()))

    def raise_problems(self) -> None:
        if self.problems:
            raise PlanImportError("; ".join(self.problems))


def place(src: SourceLayer, i: int) -> str:
    """How the user finds row i in their file."""
    if src.fmt == "CSV":
        return f"CSV line {i + 2}"
    if src.fmt == "XLSX":
        return f"row {i + 2}"
    if src.fmt in ("KML", "KMZ"):
        return f"placemark {i + 1}"
    return f"feature {i + 1}"


def _named(src: SourceLayer, mapping: FieldMapping, i: int) -> str:
    col = mapping.column("name")
    name = text(src.columns[col][i]) if col and col in src.columns else ""
    return place(src, i) + (f" ('{name}')" if name else "")


def _problem(out: list, what: str, rows, src: SourceLayer, mapping: FieldMapping, fix: str = "") -> None:
    rows = list(rows)
    if not rows:
        return
    first = ", ".join(_named(src, mapping, int(i)) for i in rows[:EXAMPLES])
    more = f" and {len(rows) - EXAMPLES} more" if len(rows) > EXAMPLES else ""
    out.append(f"{what}: {first}{more}" + (f"; {fix}" if fix else ""))


def prepare(src: SourceLayer, mapping: FieldMapping, opts: Options | None = None) -> Prepared:
    opts = opts or Options()
    kind = mapping.layer_kind if mapping.layer_kind != "auto" else "mixed"
    if src.is_table and kind != "items" and not (mapping.column("lon") and mapping.column("lat")):
        from .mapping import FIELD_WORDS

        axis = "lon" if not mapping.column("lon") else "lat"
        head = "CSV line 1" if src.fmt == "CSV" else f"{src.path.name}, layer '{src.name}'"
        raise PlanImportError(
            f"{head}: no {'longitude' if axis == 'lon' else 'latitude'} column (choose it, or name it one of "
            f"{', '.join(FIELD_WORDS[axis])}; found {', '.join(src.fields)})")
    out = Prepared(src, mapping, kind, None)
    if kind == "items":
        _items(out)
        return out
    where = f"{src.path.name}" + (f", layer '{src.name}'" if src.fmt in ("GPKG", "XLSX") else "")
    crs = opts.crs or (src.crs if not src.is_table else "EPSG:4326")
    out.coord = C.plan_coords(crs, where, gcj02=opts.gcj02)
    if out.coord.warning:
        out.warnings.append(out.coord.warning)
    if src.is_table:
        geoms = _table_points(out, opts)
    else:
        geoms = shapely.from_wkb(src.wkb, on_invalid="ignore")
    _geometries(out, geoms, opts)
    _duplicates(out)
    return out


def _table_points(out: Prepared, opts: Options):
    """Points from the lon/lat columns of a table (decimal or DMS text)."""
    from fieldapp.core.coords import parse_angle
    from fieldapp.core.errors import ValidationError

    src, m = out.source, out.mapping
    xs, ys = src.columns[m.column("lon")], src.columns[m.column("lat")]
    n = len(xs)
    x = np.full(n, np.nan)
    y = np.full(n, np.nan)
    bad: list[tuple[int, str, object]] = []
    for i in range(n):
        for arr, col, raw, axis in ((x, m.column("lon"), xs[i], "lon"), (y, m.column("lat"), ys[i], "lat")):
            if isinstance(raw, (float, int, np.floating, np.integer)):
                arr[i] = float(raw)
                continue
            s = text(raw)
            if not s:
                continue
            try:
                arr[i] = float(s)
            except ValueError:
                try:
                    arr[i] = parse_angle(s, axis)
                except ValidationError:
                    bad.append((i, col, raw))
    if bad:
        i, col, raw = bad[0]
        more = f" (and {len(bad) - 1} more cell(s))" if len(bad) > 1 else ""
        raise PlanImportError(f"{place(src, i)}, column '{col}': coordinate {raw!r} is not a number{more}")
    pts = np.empty(n, dtype=object)
    ok = np.isfinite(x) & np.isfinite(y)
    pts[ok] = shapely.points(x[ok], y[ok])
    pts[~ok] = None
    return pts


def _lonlat(out: Prepared, x: np.ndarray, y: np.ndarray, rows: np.ndarray, opts: Options):
    """Source x/y -> WGS 84 lon/lat, checking swaps, impossible values and China."""
    src, m = out.source, out.mapping
    if opts.swap_xy:
        x, y = y, x
    lon, lat = C.to_lonlat(out.coord, x, y)
    if out.coord.geographic:
        impossible = ~((np.abs(lon) <= 180) & (np.abs(lat) <= 90))
        swapped = (impossible | ~C.in_china(lon, lat)) & C.in_china(lat, lon)
        if swapped.any():
            cols = f" (columns '{m.column('lon')}' and '{m.column('lat')}')" if src.is_table else ""
            allsw = "every position" if swapped.all() else f"{int(swapped.sum())} position(s)"
            _problem(out.problems, f"longitude and latitude look swapped{cols}: {allsw} would be in China "
                     "read the other way round", np.unique(rows[swapped]), src, m,
                     "if the file is (lat, lon) ordered, import it with 'swap lon/lat'" if not opts.swap_xy
                     else "you chose 'swap lon/lat': import without it")
            impossible &= ~swapped
        _problem(out.problems, "not a longitude/latitude pair", np.unique(rows[impossible]), src, m,
                 "check the coordinates")
    bad = ~(np.isfinite(lon) & np.isfinite(lat))
    _problem(out.problems, "coordinates that cannot be converted to WGS 84", np.unique(rows[bad]), src, m)
    if out.coord.conversion == "gcj02":
        lon, lat = C.gcj02_to_wgs84(lon, lat)
    outside = np.isfinite(lon) & np.isfinite(lat) & ~C.in_china(lon, lat)
    if outside.any():
        first = ", ".join(f"{_named(src, m, int(r))} ({lon[k]:.5f}, {lat[k]:.5f})"
                          for k, r in list(zip(np.flatnonzero(outside), rows[outside]))[:EXAMPLES])
        out.warnings.append(f"{int(outside.sum())} position(s) outside China: {first}; check the coordinates")
    return lon, lat


def _geometries(out: Prepared, geoms: np.ndarray, opts: Options) -> None:
    src, m = out.source, out.mapping
    n = len(geoms)
    missing = np.array([g is None for g in geoms], dtype=bool) if n else np.zeros(0, bool)
    present = np.flatnonzero(~missing)
    empty = np.zeros(n, dtype=bool)
    if len(present):
        empty[present] = shapely.is_empty(geoms[present])
    nogeom = np.flatnonzero(missing | empty)
    gdal = f" (GDAL: {'; '.join(src.notes)})" if src.notes else ""
    if n == 0 or len(nogeom) == n:
        raise PlanImportError(f"the file has no geometry: no feature has coordinates{gdal}")
    if len(nogeom) and not opts.skip_empty:
        _problem(out.problems, f"{len(nogeom)} feature(s) without geometry (null or empty){gdal}", nogeom, src, m,
                 "give them coordinates, or import with 'skip features without geometry'")
    elif len(nogeom):
        out.warnings.append(f"{len(nogeom)} feature(s) without geometry skipped (first: {_named(src, m, nogeom[0])})")
    keep = np.flatnonzero(~(missing | empty))
    g = geoms[keep]
    tid = shapely.get_type_id(g)
    coll = tid == 7
    if coll.any():
        parts_t = [set(shapely.get_type_id(shapely.get_parts(c)).tolist()) for c in g[coll]]
        mixed_c = [bool(t & {0, 3, 4, 6}) and bool(t & {1, 2, 5}) for t in parts_t]
        _problem(out.problems, "mixed geometry types inside one feature (points and lines)",
                 keep[coll][np.array(mixed_c, dtype=bool)], src, m, "split the feature")
    pointlike = np.isin(tid, (0, 3, 4, 6)) | (coll & ~_line_collections(g, coll))
    linelike = np.isin(tid, (1, 2, 5)) | (coll & _line_collections(g, coll))
    if out.kind == "river" and pointlike.any():
        _problem(out.problems, f"mixed geometry types: {int(pointlike.sum())} point/area feature(s) in a river "
                 "layer (rivers are lines)", keep[pointlike], src, m, "import them as a site layer")
    if out.kind in ("intake", "facility", "warehouse") and linelike.any():
        _problem(out.problems, f"mixed geometry types: {int(linelike.sum())} line feature(s) in a "
                 f"{out.kind} layer (a site is one point)", keep[linelike], src, m,
                 "convert them to points (e.g. their centroid) or import them as a river layer")
    if np.isin(tid, (3, 6)).any():
        out.warnings.append(f"{int(np.isin(tid, (3, 6)).sum())} area feature(s) reduced to their centroid")
    _rivers(out, g[linelike], keep[linelike], opts)
    _sites(out, g[pointlike], keep[pointlike], opts)


def _line_collections(g, coll) -> np.ndarray:
    res = np.zeros(len(g), dtype=bool)
    for k in np.flatnonzero(coll):
        t = set(shapely.get_type_id(shapely.get_parts(g[k])).tolist())
        res[k] = bool(t) and t <= {1, 2, 5}
    return res


def _rivers(out: Prepared, g, rows, opts: Options) -> None:
    src, m = out.source, out.mapping
    short = []
    for geom, r in zip(g, rows):
        merged = shapely.line_merge(geom) if shapely.get_type_id(geom) in (5, 7) else geom
        parts = shapely.get_parts(merged) if shapely.get_type_id(merged) in (5, 7) else [merged]
        for part in parts:
            xy = shapely.get_coordinates(part)
            if len(xy) < 2:
                short.append(r)
                continue
            lon, lat = _lonlat(out, xy[:, 0], xy[:, 1], np.full(len(xy), r), opts)
            out.rivers.append({"name": _col(src, m, "name", r) or _col(src, m, "river", r),
                               "source_id": _col(src, m, "id", r), "coords": np.column_stack([lon, lat]),
                               "attributes": attributes(src, _mapped(m), r)})
    _problem(out.problems, "a line needs at least 2 positions", short, src, m)


def _col(src: SourceLayer, m: FieldMapping, app_field: str, i: int) -> str:
    col = m.column(app_field)
    return src.texts(col)[i] if col and col in src.columns else ""


def _mapped(m: FieldMapping) -> set:
    return {c for k, c in m.fields.items() if c and k not in ("kind", "type")}


def _sites(out: Prepared, g, rows, opts: Options) -> None:
    src, m = out.source, out.mapping
    if len(g) == 0:
        out.sites = {"lon": np.zeros(0)}
        return
    tid = shapely.get_type_id(g)
    if (tid == 0).all():                                  # plain points: the usual, and the big, case
        pts = g
    else:
        g = np.where(np.isin(tid, (3, 6)), shapely.centroid(g), g)
        parts, part_rows = shapely.get_parts(g, return_index=True)
        pts = shapely.centroid(parts)                     # a part of a collection may be an area
        rows = rows[part_rows]
    xy = shapely.get_coordinates(pts)
    lon, lat = _lonlat(out, xy[:, 0], xy[:, 1], rows, opts)
    forced = out.kind if out.kind in ("intake", "facility", "warehouse") else None
    cols = _site_rows(src, m, forced, rows.tolist())
    unknown = cols.pop("unknown")
    _problem(out.problems, "cannot tell whether these are an intake, a facility or a warehouse",
             sorted(set(unknown)), src, m,
             "add a 'kind' property, map a kind/type column, or import the file as one layer kind")
    out.sites = {**cols, "lon": lon, "lat": lat, "row": rows}


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def _texts_of(src: SourceLayer, m: FieldMapping, app_field: str, n: int) -> list[str]:
    col = m.column(app_field)
    return src.texts(col) if col and col in src.columns else [""] * n


def _site_rows(src: SourceLayer, m: FieldMapping, forced: str | None, rows: list[int]) -> dict:
    """Kind, type, name, id, materials, attributes JSON and stock of each site row (the hot loop of
    a 200,000-point import: columns are read as text once, kind/type words decided once each)."""
    n = src.count
    names, kinds_w, types_w = (_texts_of(src, m, f, n) for f in ("name", "kind", "type"))
    contacts, ids = _texts_of(src, m, "contact", n), _texts_of(src, m, "id", n)
    extra = [(f, src.texts(f)) for f in src.fields if f not in _mapped(m)]
    stock_col = m.column("stock")
    memo: dict = {}
    cols: dict = {k: [] for k in ("kind", "facility_type", "name", "source_id", "materials", "attributes", "stock",
                                  "unknown")}
    for r in rows:
        name, words = names[r], (kinds_w[r], types_w[r])
        got = memo.get(words)
        if got is None:
            got = classify(forced, words[0], words[1], "", m.values)
            if got[0] is None or got == ("facility", "other"):
                got = classify(forced, words[0], words[1], name, m.values)     # the name may say it
            else:
                memo[words] = got               # decided by the kind/type words alone: same for every row
        kind, ftype = got
        if kind is None:
            cols["unknown"].append(r)
            kind = ""
        attrs = {f: t[r] for f, t in extra if t[r]}
        if contacts[r]:
            attrs["contact"] = contacts[r]
        stock = parse_stock(src.columns[stock_col][r]) if stock_col and kind == "warehouse" else []
        if stock:
            attrs["stock"] = [{k: v for k, v in it.items() if k != "key"} for it in stock]
        cols["kind"].append(kind)
        cols["facility_type"].append(ftype)
        cols["name"].append(name)
        cols["source_id"].append(ids[r])
        cols["materials"].append(_materials(stock) if stock else "")
        cols["attributes"].append(_ENCODE(attrs) if attrs else "{}")
        cols["stock"].append(stock)
    return cols


def _materials(stock: list[dict]) -> str:
    from fieldapp.maps.vocab import materials_column

    return materials_column(s["key"] for s in stock)


def _duplicates(out: Prepared) -> None:
    m = out.mapping
    ids = [r["source_id"] for r in out.rivers] + list(out.sites.get("source_id", []))
    rows = [None] * len(out.rivers) + list(out.sites.get("row", []))
    seen: dict[str, int] = {}
    dup = []
    for sid, r in zip(ids, rows):
        if not sid:
            continue
        if sid in seen and r != seen[sid]:
            dup.append((sid, r))
        seen.setdefault(sid, r)
    if dup:
        shown = ", ".join(f"'{sid}'" for sid, _r in dup[:EXAMPLES])
        out.problems.append(f"duplicate ids in column '{m.column('id')}': {shown}"
                            + (f" and {len(dup) - EXAMPLES} more" if len(dup) > EXAMPLES else "")
                            + "; every feature needs its own id (or map no id column)")


def _items(out: Prepared) -> None:
    src, m = out.source, out.mapping
    for need in ("warehouse", "material"):
        if not m.column(need):
            raise PlanImportError(f"{src.path.name}, layer '{src.name}': an items table needs a "
                                  f"'{need}' column (found {', '.join(src.fields)})")
    n = src.count
    whs, mats, qs, units, contacts = (_texts_of(src, m, f, n) for f in ("warehouse", "material", "quantity", "unit",
                                                                       "contact"))
    extra = [(f, src.texts(f)) for f in src.fields if f not in _mapped(m)]
    qcols = src.columns.get(m.column("quantity") or "")
    numeric = qcols is not None and qcols.dtype.kind == "f"
    empty = []
    for r in range(n):
        if not whs[r] or not mats[r]:
            empty.append(r)
            continue
        if numeric:
            q = float(qcols[r]) if qcols[r] == qcols[r] else None
            f = tonnes_per(units[r])
            q_t = q * f if q is not None and f is not None else None
        else:
            q, q_t = quantity(qs[r], units[r])
        out.items.append({"warehouse": whs[r], "material": mats[r], "quantity": q, "quantity_text": qs[r],
                          "unit": units[r], "quantity_t": q_t, "contact": contacts[r],
                          "attributes": {f: t[r] for f, t in extra if t[r]}, "row": r})
    _problem(out.problems, "item rows without a warehouse id or a material", empty, src, m)
