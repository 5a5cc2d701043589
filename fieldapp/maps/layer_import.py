"""Import a layer file into the store: one layer row plus its river lines and sites, all or nothing.

Checks run before anything is written; the writes run in ONE store transaction, so a bad file or a
failure half-way leaves no layer behind. Suspicious coordinates (outside China, or that look like
lat/lon swapped) give warnings, not refusals: the user may be working near a border, and the file
is theirs. Coordinates impossible on Earth are refused with the feature named.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from fieldapp.maps import vocab
from fieldapp.maps.layer_formats import Feature, LayerImportError, read_features

MAX_BYTES = 50 * 1024 * 1024      # a river's emergency layers are kilobytes to a few MB
# China incl. islands, with a margin: a point outside is probably a mistake when the incident is in China
CHINA_LON = (73.0, 135.5)
CHINA_LAT = (3.5, 53.7)
LAYER_KINDS = ("river", "intake", "facility", "warehouse", "mixed")


@dataclass
class ImportResult:
    layer_uuid: str
    name: str
    rivers: int
    sites: int
    warnings: list[str] = field(default_factory=list)


def in_china(lon: float, lat: float) -> bool:
    return CHINA_LON[0] <= lon <= CHINA_LON[1] and CHINA_LAT[0] <= lat <= CHINA_LAT[1]


def parse_stock(value) -> list[dict]:
    """Stock as a list of {material, quantity, unit, key} from a JSON list or text like '石灰:50t; PAC 20 t'."""
    if value in (None, ""):
        return []
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            pass
    items: list[dict] = []
    if isinstance(value, list):
        for it in value:
            if isinstance(it, dict):
                mat = str(it.get("material") or it.get("name") or it.get("物资") or "").strip()
                items.append({"material": mat, "quantity": str(it.get("quantity", it.get("数量", ""))).strip(),
                              "unit": str(it.get("unit", it.get("单位", ""))).strip()})
            else:
                items += parse_stock(str(it))
    else:
        for part in re.split(r"[;；、|\n]+", str(value)):
            part = part.strip()
            if not part:
                continue
            m = re.match(r"^(.*?)[\s:：=]*([0-9][0-9.,]*)\s*([^\d\s].*)?$", part)
            if m and m.group(1).strip():
                items.append({"material": m.group(1).strip(" :："), "quantity": m.group(2),
                              "unit": (m.group(3) or "").strip()})
            else:
                items.append({"material": part, "quantity": "", "unit": ""})
    for it in items:
        it["key"] = vocab.material_key(it["material"]) or ""
    return [it for it in items if it["material"]]


def _prop(props: dict, *names: str) -> str:
    low = {str(k).strip().lower(): v for k, v in props.items()}
    for n in names:
        v = low.get(n)
        if v not in (None, ""):
            return str(v).strip()
    return ""


def _check_coord(lon: float, lat: float, where: str, warnings: list[str],
                 swapped_hits: list[str]) -> tuple[float, float]:
    """The position to store. A pair impossible as (lon, lat) but inside China as (lat, lon) is read
    swapped (it cannot be stored as given, and that is the only sensible reading) and reported."""
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        if in_china(lat, lon):
            swapped_hits.append(where)
            return lat, lon
        raise LayerImportError(f"{where}: ({lon}, {lat}) is not a longitude/latitude pair")
    if not in_china(lon, lat):
        warnings.append(f"{where}: ({lon:.5f}, {lat:.5f}) is outside China; check the coordinates")
    return lon, lat


def _classify(f: Feature, layer_kind: str | None, where: str) -> tuple[str, str]:
    """(kind, facility_type) for a point feature."""
    kind_text = _prop(f.props, "kind", "category", "类别", "类型", "type")
    type_text = _prop(f.props, "facility_type", "type", "类型", "设施类型")
    name = _prop(f.props, "name", "名称")
    kind = (layer_kind if layer_kind in ("intake", "facility", "warehouse") else None) \
        or vocab.site_kind(kind_text) or vocab.site_kind(type_text) or vocab.site_kind(name)
    if kind is None:
        raise LayerImportError(
            f"{where}: cannot tell whether '{name or kind_text}' is an intake, a facility or a warehouse; "
            "add a 'kind' property or import the file as one layer kind")
    ftype = ""
    if kind == "facility":
        ftype = vocab.facility_type(type_text) or vocab.facility_type(name) or "other"
    return kind, ftype


def plan_rows(features: list[Feature], layer_kind: str | None, swap_xy: bool = False):
    """Validate and turn features into (rivers, sites, warnings) ready to insert. Raises on bad input."""
    warnings: list[str] = []
    swapped: list[str] = []
    rivers: list[dict] = []
    sites: list[dict] = []
    no_geom = [f.index for f in features if f.geom_type is None]
    if not features or len(no_geom) == len(features):
        raise LayerImportError("the file has no geometry: no feature has coordinates")
    if no_geom:
        warnings.append(f"{len(no_geom)} feature(s) without geometry skipped (first: #{no_geom[0]})")
    for f in features:
        if f.geom_type is None:
            continue
        where = f"feature {f.index}" + (f" ('{_prop(f.props, 'name', '名称')}')" if _prop(f.props, "name", "名称")
                                        else "")
        if f.note:
            warnings.append(f"{where}: {f.note}")
        if f.geom_type == "LineString":
            pts = [(y, x) if swap_xy else (x, y) for x, y in f.coords]
            if len(pts) < 2:
                raise LayerImportError(f"{where}: a line needs at least 2 positions, it has {len(pts)}")
            pts = [_check_coord(lon, lat, where, warnings, swapped) for lon, lat in pts]
            if layer_kind not in (None, "river", "mixed"):
                raise LayerImportError(f"{where}: a line in a '{layer_kind}' layer (only rivers are lines)")
            rivers.append({"name": _prop(f.props, "name", "名称", "河流", "river"), "coords": pts,
                           "attributes": f.props})
        else:
            lon, lat = (f.coords[1], f.coords[0]) if swap_xy else f.coords
            lon, lat = _check_coord(lon, lat, where, warnings, swapped)
            kind, ftype = _classify(f, layer_kind, where)
            stock = parse_stock(f.props.get("stock") or _prop(f.props, "stock", "库存", "物资", "materials"))
            attrs = {k: v for k, v in f.props.items() if k not in ("stock",)}
            if stock:
                attrs["stock"] = [{k: v for k, v in s.items() if k != "key"} for s in stock]
            sites.append({"kind": kind, "facility_type": ftype, "name": _prop(f.props, "name", "名称"),
                          "lon": lon, "lat": lat, "materials": vocab.materials_column(s["key"] for s in stock),
                          "attributes": attrs})
    if swapped:
        warnings.insert(0, f"{len(swapped)} position(s) were written as (lat, lon) and were read swapped "
                           f"(first: {swapped[0]}); if the whole file is (lat, lon) ordered, use swap_xy")
    return rivers, sites, warnings


def write_layer(store, name: str, kind: str, rivers: list[dict], sites: list[dict], *,
                incident_uuid: str | None = None, source_file: str = "", source_format: str = "",
                warnings: list[str] | None = None) -> str:
    """Insert a layer and its features in one transaction; returns the layer uuid."""
    if kind not in LAYER_KINDS:
        raise LayerImportError(f"layer kind '{kind}' must be one of {', '.join(LAYER_KINDS)}")
    with store.transaction():
        layer = {**store.new_meta(), "incident_uuid": incident_uuid, "name": name, "kind": kind,
                 "source_file": source_file, "source_format": source_format,
                 "feature_count": len(rivers) + len(sites),
                 "warnings": json.dumps(warnings or [], ensure_ascii=False)}
        store.conn.execute(f"INSERT INTO map_layers ({', '.join(layer)}) VALUES ({', '.join('?' * len(layer))})",
                           list(layer.values()))
        for r in rivers:
            meta = store.new_meta()
            wkt = "LINESTRING(" + ", ".join(f"{x!r} {y!r}" for x, y in r["coords"]) + ")"
            row = {**meta, "layer_uuid": layer["uuid"], "name": r["name"],
                   "attributes": json.dumps(r.get("attributes") or {}, ensure_ascii=False, default=str)}
            store.conn.execute(
                f"INSERT INTO map_rivers ({', '.join(row)}, geom) VALUES ({', '.join('?' * len(row))}, "
                "GeomFromText(?, 4326))", [*row.values(), wkt])
        for s in sites:
            row = {**store.new_meta(), "layer_uuid": layer["uuid"], "kind": s["kind"],
                   "facility_type": s.get("facility_type", ""), "name": s["name"], "lon": s["lon"],
                   "lat": s["lat"], "materials": s.get("materials", ""),
                   "attributes": json.dumps(s.get("attributes") or {}, ensure_ascii=False, default=str)}
            store.conn.execute(
                f"INSERT INTO map_sites ({', '.join(row)}, geom) VALUES ({', '.join('?' * len(row))}, "
                "MakePoint(?, ?, 4326))", [*row.values(), s["lon"], s["lat"]])
    return layer["uuid"]


def import_layer(store, path: Path | str, *, kind: str | None = None, name: str | None = None,
                 incident_uuid: str | None = None, fmt: str | None = None, swap_xy: bool = False,
                 max_bytes: int = MAX_BYTES) -> ImportResult:
    """Import a GeoJSON/KML/CSV file as one layer. Raises LayerImportError; stores nothing on error.

    kind: 'river' | 'intake' | 'facility' | 'warehouse' to force every point's kind, or None/'mixed'
    to read it from each feature's properties (kind/type/类型/name).
    """
    path = Path(path)
    if not path.is_file():
        raise LayerImportError(f"{path}: no such file")
    size = path.stat().st_size
    if size > max_bytes:
        raise LayerImportError(
            f"{path.name} is {size / 1048576:.1f} MB; layer files up to {max_bytes / 1048576:.0f} MB are "
            "accepted. Clip it to the incident area first (e.g. ogr2ogr -spat) and import the result")
    if kind is not None and kind not in LAYER_KINDS:
        raise LayerImportError(f"layer kind '{kind}' must be one of {', '.join(LAYER_KINDS)}")
    try:
        fmt, features = read_features(path, path.read_bytes(), fmt)
        rivers, sites, warnings = plan_rows(features, kind, swap_xy)
    except LayerImportError as exc:
        raise LayerImportError(f"{exc}; nothing was imported") from None
    if kind is None:
        kinds = {"river"} if rivers else set()
        kinds |= {s["kind"] for s in sites}
        kind = kinds.pop() if len(kinds) == 1 else "mixed"
    layer_name = name or path.stem
    uuid = write_layer(store, layer_name, kind, rivers, sites, incident_uuid=incident_uuid,
                       source_file=path.name, source_format=fmt, warnings=warnings)
    return ImportResult(uuid, layer_name, len(rivers), len(sites), warnings)
