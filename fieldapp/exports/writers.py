"""CSV, GeoJSON and KML writers (GeoPackage lives in gpkg.py).

CSV is UTF-8 *with* a BOM: without it Excel on Chinese Windows reads UTF-8 as GBK and shows mojibake.
GeoJSON cannot hold several layers in one file, so it writes one file per table into a folder.
KML puts each table in its own Folder (GDAL's KML driver reads each Folder as a layer).
"""
from __future__ import annotations

import csv
import json
from pathlib import Path
from xml.sax.saxutils import escape

from fieldapp.vocab import plain

from .tables import COLUMNS, LAYERS, ExportError


def _csv_row(row: dict) -> dict:
    """Floats as their exact shortest decimal (0.00002233, never 2.233e-05 or float noise)."""
    return {k: plain(v) if isinstance(v, float) else v for k, v in row.items()}


def _dir(out) -> Path:
    p = Path(out)
    if p.exists() and not p.is_dir():
        raise ExportError(f"--out {p}: this export writes several files; give a folder, not a file")
    p.mkdir(parents=True, exist_ok=True)
    return p


def write_csv(tables: dict, out) -> list[Path]:
    d = _dir(out)
    paths = []
    for name in LAYERS:
        path = d / f"{name}.csv"
        with open(path, "w", encoding="utf-8-sig", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=COLUMNS[name])
            w.writeheader()
            w.writerows(_csv_row(r) for r in tables[name])
        paths.append(path)
    return paths


def _feature(row: dict) -> dict:
    props = {k: v for k, v in row.items() if k not in ("lat", "lon")}
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
            "properties": props}


def write_geojson(tables: dict, out) -> list[Path]:
    d = _dir(out)
    paths = []
    for name in LAYERS:
        path = d / f"{name}.geojson"
        fc = {"type": "FeatureCollection", "name": name, "features": [_feature(r) for r in tables[name]]}
        path.write_text(json.dumps(fc, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


def write_kml(tables: dict, out, title: str = "FieldApp") -> list[Path]:
    path = Path(out)
    if path.is_dir():
        path = path / "incident.kml"
    path.parent.mkdir(parents=True, exist_ok=True)
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>',
             f"<name>{escape(title)}</name>"]
    for name in LAYERS:
        parts.append(f"<Folder><name>{name}</name>")
        for r in tables[name]:
            label = r.get("code") or r.get("sample_code") or f"{r.get('point_code')} {r.get('parameter')}"
            data = "".join(f'<Data name="{escape(k)}"><value>{escape("" if v is None else str(v))}</value></Data>'
                           for k, v in r.items() if k not in ("lat", "lon"))
            parts.append(f"<Placemark><name>{escape(str(label))}</name><ExtendedData>{data}</ExtendedData>"
                         f"<Point><coordinates>{r['lon']},{r['lat']}</coordinates></Point></Placemark>")
        parts.append("</Folder>")
    parts.append("</Document></kml>\n")
    path.write_text("".join(parts), encoding="utf-8")
    return [path]
