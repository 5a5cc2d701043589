"""Import a layer file into the store for one incident (or shared): `fieldapp layers import`.

The file is read through GDAL and checked by the plan pipeline (fieldapp.plans: source -> mapping
-> prepare), so a layer and a national plan meet the same validation and messages; the difference
is only where the rows go: a layer belongs to an incident (or is shared), a plan is picked by
incidents. Checks run before anything is written; the writes run in ONE store transaction.

``write_layer`` is the writer for layers made by code (the demo's, tests'): plain dicts of rivers
and sites, located on the network like imported ones.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from fieldapp.plans import write as W
from fieldapp.plans.errors import PlanImportError as LayerImportError
from fieldapp.plans.source import MAX_BYTES

LAYER_KINDS = ("river", "intake", "facility", "warehouse", "mixed")

__all__ = ["LAYER_KINDS", "MAX_BYTES", "ImportResult", "LayerImportError", "import_layer", "write_layer"]


@dataclass
class ImportResult:
    layer_uuid: str
    name: str
    rivers: int
    sites: int
    warnings: list[str] = field(default_factory=list)


def _site_columns(sites: list[dict]) -> dict:
    cols: dict = {k: [] for k in ("kind", "facility_type", "name", "materials", "attributes", "source_id", "stock")}
    for s in sites:
        attrs = dict(s.get("attributes") or {})
        cols["kind"].append(s["kind"])
        cols["facility_type"].append(s.get("facility_type", ""))
        cols["name"].append(s.get("name", ""))
        cols["materials"].append(s.get("materials", ""))
        cols["attributes"].append(json.dumps(attrs, ensure_ascii=False, default=str))
        cols["source_id"].append(s.get("source_id", ""))
        cols["stock"].append([dict(x) for x in attrs.get("stock") or [] if isinstance(x, dict)])
    cols["lon"] = np.array([float(s["lon"]) for s in sites], dtype=float)
    cols["lat"] = np.array([float(s["lat"]) for s in sites], dtype=float)
    return cols


def write_layer(store, name: str, kind: str, rivers: list[dict], sites: list[dict], *,
                incident_uuid: str | None = None, source_file: str = "", source_format: str = "",
                warnings: list[str] | None = None, plan_uuid: str | None = None, **provenance) -> str:
    """Insert a layer and its features in one transaction (rivers, then sites located on them, then
    the warehouses' stock as items); returns the layer uuid."""
    if kind not in LAYER_KINDS:
        raise LayerImportError(f"layer kind '{kind}' must be one of {', '.join(LAYER_KINDS)}")
    with store.transaction():
        layer = W.insert_layer(store, name=name, kind=kind, plan_uuid=plan_uuid,
                               incident_uuid=None if plan_uuid else incident_uuid, source_file=source_file,
                               source_format=source_format, feature_count=len(rivers) + len(sites),
                               warnings=warnings or [], **provenance)
        W.insert_rivers(store, layer, rivers)
        scope_inc = None if plan_uuid else incident_uuid
        uuids, geoms = W.scope_rivers(store, plan_uuid, scope_inc)
        if rivers:
            W.update_confluences(store, uuids, geoms)
            W.resnap_sites(store, plan_uuid, scope_inc, uuids, geoms)
        cols = _site_columns(sites)
        site_uuids = W.insert_sites(store, layer, cols, uuids, geoms)
        W.insert_items(store, layer, W.stock_items(site_uuids, cols["stock"]))
    return layer


def import_layer(store, path: Path | str, *, kind: str | None = None, name: str | None = None,
                 incident_uuid: str | None = None, fmt: str | None = None, swap_xy: bool = False,
                 max_bytes: int = MAX_BYTES, encoding: str | None = None, crs: str | None = None,
                 gcj02: bool = False, skip_empty: bool = False) -> ImportResult:
    """Import a GeoPackage/Shapefile/GeoJSON/KML/KMZ/CSV/XLSX file as one layer. Raises
    LayerImportError; stores nothing on error.

    kind: 'river' | 'intake' | 'facility' | 'warehouse' to force every point's kind, or None/'mixed'
    to read it from each feature's properties (kind/type/类型/name).
    """
    from fieldapp.plans.mapping import guess_mapping
    from fieldapp.plans.prepare import Options, prepare
    from fieldapp.plans.source import read_layers

    path = Path(path)
    if kind is not None and kind not in LAYER_KINDS:
        raise LayerImportError(f"layer kind '{kind}' must be one of {', '.join(LAYER_KINDS)}")
    opts = Options(crs=crs, gcj02=gcj02, swap_xy=swap_xy, skip_empty=skip_empty)
    try:
        preps = []
        for src in read_layers(path, fmt=fmt, encoding=encoding, max_bytes=max_bytes):
            p = prepare(src, guess_mapping(src.fields, "auto" if kind in (None, "mixed") else kind), opts)
            p.raise_problems()
            preps.append(p)
    except LayerImportError as exc:
        raise LayerImportError(f"{exc}; nothing was imported") from None
    rivers = [r for p in preps for r in p.rivers]
    sites = [s for p in preps for s in _site_dicts(p)]
    warnings = [w for p in preps for w in p.warnings]
    if kind is None:
        kinds = ({"river"} if rivers else set()) | {s["kind"] for s in sites}
        kind = kinds.pop() if len(kinds) == 1 else "mixed"
    layer_name = name or path.stem
    first = preps[0]
    uuid = write_layer(store, layer_name, kind, rivers, sites, incident_uuid=incident_uuid, source_file=path.name,
                       source_format=first.source.fmt, warnings=warnings,
                       source_crs=first.coord.source_crs if first.coord else "",
                       coord_conversion=first.coord.conversion if first.coord else "none",
                       source_encoding=first.source.encoding, mapping=first.mapping.to_json())
    return ImportResult(uuid, layer_name, len(rivers), len(sites), warnings)


def _site_dicts(p) -> list[dict]:
    s = p.sites
    out = []
    for i in range(len(s.get("lon", ()))):
        attrs = json.loads(s["attributes"][i])
        out.append({"kind": s["kind"][i], "facility_type": s["facility_type"][i], "name": s["name"][i],
                    "lon": float(s["lon"][i]), "lat": float(s["lat"][i]), "materials": s["materials"][i],
                    "source_id": s["source_id"][i], "attributes": attrs})
    return out
