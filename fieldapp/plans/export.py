"""A plan out of the store, with its provenance: a GeoPackage that GIS software reads (via GDAL).

Layers: rivers (lines), sites (points with kind, type, river and chainage), items (attribute
table), and provenance (one row per imported layer: source file and format, the source's CRS,
the coordinate conversion applied (none / reprojected / gcj02), text encoding, who imported it and
when, the field mapping used). The same facts are in the dataset metadata. Written aside and
renamed, so a half file never carries the real name.

Plans also travel in sync bundles like any synced table (plans, map_layers with the same
provenance columns, map_rivers, map_sites, plan_items, incident_plans); ``provenance`` is what the
bundle's manifest lists about them (fieldapp.sync.export calls it).
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import shapely

from .errors import PlanImportError

PROVENANCE_COLS = ("name", "kind", "source_file", "source_format", "source_crs", "coord_conversion",
                   "source_encoding", "imported_by", "created_at", "feature_count", "mapping")


def provenance(conn) -> list[dict]:
    """Every live plan with its layers' provenance (for bundle manifests and exports)."""
    out = []
    for uuid, name, region, created_at, team in conn.execute(
            "SELECT uuid, name, region, created_at, created_by_team FROM plans WHERE deleted = 0 ORDER BY name"):
        layers = [dict(zip(PROVENANCE_COLS, r)) for r in conn.execute(
            f"SELECT {', '.join(PROVENANCE_COLS)} FROM map_layers WHERE plan_uuid = ? AND deleted = 0 "
            "ORDER BY created_at", (uuid,))]
        out.append({"uuid": uuid, "name": name, "region": region, "created_at": created_at,
                    "created_by_team": team, "layers": layers})
    return out


def _obj(values) -> np.ndarray:
    return np.array(["" if v is None else v for v in values], dtype=object)


def export_plan(store, plan_uuid: str, out: Path | str) -> Path:
    import pyogrio.raw as raw

    out = Path(out)
    if out.suffix.lower() != ".gpkg":
        raise PlanImportError(f"--out {out}: a GeoPackage file name must end in .gpkg")
    prov = next((p for p in provenance(store.conn) if p["uuid"] == plan_uuid), None)
    if prov is None:
        raise PlanImportError(f"no plan {plan_uuid}")
    tmp = out.with_name(f".{out.stem}.part.gpkg")     # GDAL wants the .gpkg extension even on the temp file
    tmp.unlink(missing_ok=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    meta = {"fieldapp_plan": prov["name"], "fieldapp_plan_uuid": plan_uuid,
            "fieldapp_provenance": json.dumps(prov, ensure_ascii=False)}
    layers = "(SELECT uuid FROM map_layers WHERE plan_uuid = ? AND deleted = 0)"
    rows = store.conn.execute(f"SELECT uuid, name, source_id, length_m, downstream_uuid, AsBinary(geom) FROM map_rivers "
                              f"WHERE deleted = 0 AND layer_uuid IN {layers}", (plan_uuid,)).fetchall()
    if rows:
        cols = list(zip(*rows))
        raw.write(str(tmp), np.array(cols[5], dtype=object), [_obj(cols[0]), _obj(cols[1]), _obj(cols[2]),
                                                              np.array(cols[3], dtype=float), _obj(cols[4])],
                  ["uuid", "name", "source_id", "length_m", "downstream_uuid"], layer="rivers", driver="GPKG",
                  geometry_type="LineString", crs="EPSG:4326", dataset_metadata=meta)
    names = ("uuid", "kind", "facility_type", "name", "source_id", "river_uuid", "chainage_m", "attributes")
    rows = store.conn.execute(f"SELECT {', '.join(names)}, lon, lat FROM map_sites WHERE deleted = 0 AND "
                              f"layer_uuid IN {layers}", (plan_uuid,)).fetchall()
    if rows:
        cols = list(zip(*rows))
        data = [_obj(c) if n != "chainage_m" else np.array([np.nan if v is None else v for v in c], dtype=float)
                for n, c in zip(names, cols[:len(names)])]
        raw.write(str(tmp), shapely.to_wkb(shapely.points(np.array(cols[-2], float), np.array(cols[-1], float))),
                  data, list(names), layer="sites", driver="GPKG", geometry_type="Point", crs="EPSG:4326",
                  dataset_metadata=meta if not tmp.exists() else None)
    inames = ("site_uuid", "material_key", "material", "quantity_text", "unit", "quantity_t", "contact")
    rows = store.conn.execute(f"SELECT {', '.join(inames)} FROM plan_items WHERE deleted = 0 AND layer_uuid IN "
                              f"{layers}", (plan_uuid,)).fetchall()
    if rows:
        cols = list(zip(*rows))
        data = [_obj(c) if n != "quantity_t" else np.array([np.nan if v is None else v for v in c], dtype=float)
                for n, c in zip(inames, cols)]
        raw.write(str(tmp), None, data, list(inames), layer="items", driver="GPKG")
    pcols = list(PROVENANCE_COLS)
    raw.write(str(tmp), None, [_obj(str(layer[c]) for layer in prov["layers"]) for c in pcols], pcols,
              layer="provenance", driver="GPKG")
    tmp.replace(out)
    return out
