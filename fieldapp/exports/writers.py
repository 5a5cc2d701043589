"""CSV, GeoJSON and KML writers (GeoPackage lives in gpkg.py), one file or folder per export.

- CSV: UTF-8 *with* a BOM (without it Excel on Chinese Windows reads UTF-8 as GBK); one file per
  layer; numbers as exact decimals (no float noise), times local with their offset (as the PDFs
  print them); river lines as WKT.
- GeoJSON: one FeatureCollection per layer in a folder (the format holds one layer per file);
  the incident is a feature without geometry; times local with offset (RFC 3339).
- KML: one Folder per layer, a <Schema> per layer with typed fields and <SchemaData> on each
  placemark; the placemark name is the code (point code, sample code); points and measurements
  are styled by verdict status in the map's colours; measurements and samples carry a TimeStamp;
  rivers are LineStrings; incident metadata on the Document and as a placemark without geometry.
All writers write aside and rename, so a failed export never leaves a half file under its name.
"""
from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from xml.sax.saxutils import escape

from fieldapp.core.timeutil import to_local_iso
from fieldapp.maps.mapdata import SITE_COLOURS
from fieldapp.vocab import plain
from fieldapp.vocab.verdict import COLOURS

from .tables import LAYERS, ExportError, Layer


def _cell(value, kind: str):
    """One value as exported text/JSON: exact decimals, local times with offset, booleans as 1/0."""
    if value is None:
        return None
    if kind == "datetime":
        return to_local_iso(value)
    if kind == "real":
        return plain(value) if isinstance(value, float) else value
    if kind == "bool":
        return 1 if value else 0
    return value


def _dir(out) -> Path:
    p = Path(out)
    if p.exists() and not p.is_dir():
        raise ExportError(f"--out {p}: this export writes several files; give a folder, not a file")
    p.mkdir(parents=True, exist_ok=True)
    return p


def _replace(tmp: Path, path: Path) -> Path:
    os.replace(tmp, path)
    return path


def _wkt(geom) -> str:
    if geom is None:
        return ""
    if isinstance(geom, tuple):
        return f"POINT ({plain(geom[0])} {plain(geom[1])})"
    return "LINESTRING (" + ", ".join(f"{plain(x)} {plain(y)}" for x, y in geom) + ")"


def write_csv(layers: dict[str, Layer], out) -> list[Path]:
    d = _dir(out)
    paths = []
    for name in LAYERS:
        layer = layers[name]
        cols = [n for n, _ in layer.fields] + (["wkt"] if layer.geometry_type == "LineString" else [])
        path, tmp = d / f"{name}.csv", d / f".{name}.csv.part"
        with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(cols)
            for row, geom in zip(layer.rows, layer.geoms):
                vals = [_cell(row[n], k) for n, k in layer.fields]
                w.writerow(["" if v is None else v for v in vals]
                           + ([_wkt(geom)] if layer.geometry_type == "LineString" else []))
        paths.append(_replace(tmp, path))
    return paths


def _json_value(value, kind: str):
    if value is None:
        return None
    if kind == "datetime":
        return to_local_iso(value)
    if kind == "bool":
        return bool(value)
    return value


def _geojson_geometry(layer: Layer, geom):
    if geom is None:
        return None
    if layer.geometry_type == "LineString":
        return {"type": "LineString", "coordinates": [list(c) for c in geom]}
    return {"type": "Point", "coordinates": [geom[0], geom[1]]}


def write_geojson(layers: dict[str, Layer], out) -> list[Path]:
    d = _dir(out)
    paths = []
    for name in LAYERS:
        layer = layers[name]
        feats = [{"type": "Feature", "geometry": _geojson_geometry(layer, g),
                  "properties": {n: _json_value(r[n], k) for n, k in layer.fields}}
                 for r, g in zip(layer.rows, layer.geoms)]
        path, tmp = d / f"{name}.geojson", d / f".{name}.geojson.part"
        tmp.write_text(json.dumps({"type": "FeatureCollection", "name": name, "features": feats},
                                  ensure_ascii=False), encoding="utf-8")
        paths.append(_replace(tmp, path))
    return paths


# ---- KML ------------------------------------------------------------------------------------
_KML_TYPES = {"text": "string", "int": "int", "real": "double", "datetime": "string", "bool": "bool"}
_TIME_FIELD = {"measurements": "measured_at", "samples": "collected_at", "readings": "received_at"}


def _kml_colour(hex_rgb: str, alpha: str = "ff") -> str:
    """'#d7301f' -> 'ff1f30d7' (KML colours are aabbggrr)."""
    h = hex_rgb.lstrip("#")
    return f"{alpha}{h[4:6]}{h[2:4]}{h[0:2]}"


def _styles() -> list[str]:
    out = [f'<Style id="st-{k}"><IconStyle><color>{_kml_colour(c)}</color><scale>1.0</scale></IconStyle>'
           f'<LabelStyle><scale>0.8</scale></LabelStyle></Style>' for k, c in COLOURS.items()]
    out += [f'<Style id="site-{k}"><IconStyle><color>{_kml_colour(c)}</color></IconStyle></Style>'
            for k, c in SITE_COLOURS.items()]
    out.append('<Style id="river"><LineStyle><color>ffb87f2c</color><width>3</width></LineStyle></Style>')
    return out


def _schema(layer: Layer) -> str:
    fields = "".join(f'<SimpleField name="{n}" type="{_KML_TYPES[k]}"/>' for n, k in layer.fields)
    return f'<Schema name="{layer.name}" id="schema-{layer.name}">{fields}</Schema>'


def _placemark_name(layer: str, row: dict) -> str:
    if layer == "incident":
        return row["code"]
    if layer == "points":
        return row["code"]
    if layer == "samples":
        return row["sample_code"]
    if layer in ("measurements", "readings"):
        return f"{row.get('point_code') or '—'} {row.get('parameter_label') or row.get('parameter')}"
    return row.get("river_name") or row.get("site_name") or row["uuid"]


def _style_url(layer: str, row: dict) -> str:
    if layer == "points":
        return f"#st-{row['status'] or 'none'}"
    if layer == "measurements":
        return f"#st-{row['verdict']}"
    if layer == "sites":
        return f"#site-{row['kind']}" if row["kind"] in SITE_COLOURS else ""
    return "#river" if layer == "rivers" else ""


def _kml_geometry(layer: Layer, geom) -> str:
    if geom is None:
        return ""
    if layer.geometry_type == "LineString":
        return "<LineString><coordinates>" + " ".join(f"{x},{y}" for x, y in geom) + "</coordinates></LineString>"
    return f"<Point><coordinates>{geom[0]},{geom[1]}</coordinates></Point>"


def _kml_value(value, kind: str) -> str:
    v = _cell(value, kind)
    return "" if v is None else escape(str(v))


def _placemark(layer: Layer, row: dict, geom) -> str:
    data = "".join(f'<SimpleData name="{n}">{_kml_value(row[n], k)}</SimpleData>'
                   for n, k in layer.fields if row[n] is not None)
    style = _style_url(layer.name, row)
    when = row.get(_TIME_FIELD.get(layer.name, ""))
    stamp = f"<TimeStamp><when>{to_local_iso(when)}</when></TimeStamp>" if when else ""
    return (f"<Placemark><name>{escape(str(_placemark_name(layer.name, row)))}</name>{stamp}"
            + (f"<styleUrl>{style}</styleUrl>" if style else "")
            + f'<ExtendedData><SchemaData schemaUrl="#schema-{layer.name}">{data}</SchemaData></ExtendedData>'
            + _kml_geometry(layer, geom) + "</Placemark>")


def write_kml(layers: dict[str, Layer], out) -> list[Path]:
    path = Path(out)
    if path.is_dir():
        path = path / "incident.kml"
    if path.suffix.lower() != ".kml":
        raise ExportError(f"--out {path}: a KML file name must end in .kml")
    path.parent.mkdir(parents=True, exist_ok=True)
    inc = layers["incident"].rows[0]
    meta = "".join(f'<Data name="{n}"><value>{_kml_value(inc[n], k)}</value></Data>'
                   for n, k in layers["incident"].fields if inc[n] is not None)
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>',
             f"<name>{escape(inc['code'] + ' ' + inc['incident_name'])}</name>",
             f"<ExtendedData>{meta}</ExtendedData>", *_styles(), *(_schema(layers[n]) for n in LAYERS)]
    for name in LAYERS:
        layer = layers[name]
        parts.append(f"<Folder><name>{name}</name>")
        parts += [_placemark(layer, r, g) for r, g in zip(layer.rows, layer.geoms)]
        parts.append("</Folder>")
    parts.append("</Document></kml>\n")
    tmp = path.with_name(f".{path.name}.part")
    tmp.write_text("".join(parts), encoding="utf-8")
    return [_replace(tmp, path)]
