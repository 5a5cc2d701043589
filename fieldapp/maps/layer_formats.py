"""Read layer files (GeoJSON, KML, CSV with lon/lat columns) into plain features.

Parsing only: no store access. Every error names the file position (line, feature number or
placemark) so the user can fix the file. Geometries come out as ('Point', (lon, lat)) or
('LineString', [(lon, lat), ...]); polygons are reduced to their centroid (a reservoir or pond
drawn as an area is still one site) and flagged by the caller as a warning.
"""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path


class LayerImportError(ValueError):
    """The file cannot be imported; the message says where and why. Nothing was stored."""


@dataclass
class Feature:
    index: int                       # 1-based position in the file (feature / placemark / CSV line)
    geom_type: str | None            # 'Point' | 'LineString' | None (no geometry)
    coords: object = None            # (lon, lat) or [(lon, lat), ...]
    props: dict = field(default_factory=dict)
    note: str = ""                   # e.g. "polygon reduced to its centroid"


def _num(v, where: str) -> float:
    try:
        f = float(v)
    except (TypeError, ValueError):
        raise LayerImportError(f"{where}: coordinate {v!r} is not a number") from None
    if f != f or f in (float("inf"), float("-inf")):
        raise LayerImportError(f"{where}: coordinate {v!r} is not a finite number")
    return f


def _pos(c, where: str) -> tuple[float, float]:
    if not isinstance(c, (list, tuple)) or len(c) < 2:
        raise LayerImportError(f"{where}: a position must be [lon, lat], got {json.dumps(c)[:60]}")
    return _num(c[0], where), _num(c[1], where)


def _centroid(ring: list[tuple[float, float]]) -> tuple[float, float]:
    pts = ring[:-1] if len(ring) > 1 and ring[0] == ring[-1] else ring
    return sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)


def _geojson_geometry(g, where: str) -> list[tuple[str, object, str]]:
    """One GeoJSON geometry -> list of (type, coords, note); multi-geometries give several parts."""
    if g is None:
        return []
    if not isinstance(g, dict) or "type" not in g:
        raise LayerImportError(f"{where}: geometry must be an object with a 'type'")
    t, c = g["type"], g.get("coordinates")
    try:
        if t == "Point":
            return [("Point", _pos(c, where), "")]
        if t == "MultiPoint":
            return [("Point", _pos(p, where), "") for p in c]
        if t == "LineString":
            return [("LineString", [_pos(p, where) for p in c], "")]
        if t == "MultiLineString":
            return [("LineString", [_pos(p, where) for p in part], "") for part in c]
        if t == "Polygon":
            return [("Point", _centroid([_pos(p, where) for p in c[0]]), "polygon reduced to its centroid")]
        if t == "MultiPolygon":
            return [("Point", _centroid([_pos(p, where) for p in poly[0]]), "polygon reduced to its centroid")
                    for poly in c]
        if t == "GeometryCollection":
            out = []
            for sub in g.get("geometries") or []:
                out += _geojson_geometry(sub, where)
            return out
    except (TypeError, IndexError, ZeroDivisionError):
        raise LayerImportError(f"{where}: {t} coordinates are malformed") from None
    raise LayerImportError(f"{where}: geometry type '{t}' is not supported")


def read_geojson(text: str) -> list[Feature]:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LayerImportError(f"not valid GeoJSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    if not isinstance(doc, dict) or "type" not in doc:
        raise LayerImportError("not GeoJSON: the top level must be an object with a 'type'")
    if doc["type"] == "FeatureCollection":
        feats = doc.get("features")
        if not isinstance(feats, list):
            raise LayerImportError("FeatureCollection has no 'features' list")
    elif doc["type"] == "Feature":
        feats = [doc]
    else:
        feats = [{"type": "Feature", "geometry": doc, "properties": {}}]
    out: list[Feature] = []
    for i, f in enumerate(feats, 1):
        where = f"feature {i}"
        if not isinstance(f, dict):
            raise LayerImportError(f"{where}: not an object")
        props = f.get("properties") or {}
        if not isinstance(props, dict):
            raise LayerImportError(f"{where}: 'properties' must be an object")
        parts = _geojson_geometry(f.get("geometry"), where)
        if not parts:
            out.append(Feature(i, None, None, props))
        for t, c, note in parts:
            out.append(Feature(i, t, c, props, note))
    return out


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _kml_coords(text: str, where: str) -> list[tuple[float, float]]:
    pts = []
    for tok in (text or "").split():
        parts = tok.split(",")
        if len(parts) < 2:
            raise LayerImportError(f"{where}: KML coordinate '{tok}' must be lon,lat[,alt]")
        pts.append((_num(parts[0], where), _num(parts[1], where)))
    return pts


def read_kml(data: bytes) -> list[Feature]:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        line, col = exc.position
        raise LayerImportError(f"not valid KML/XML: {exc.msg if hasattr(exc, 'msg') else exc} "
                               f"(line {line}, column {col})") from None
    if _local(root.tag) != "kml":
        raise LayerImportError(f"not KML: the root element is <{_local(root.tag)}>, expected <kml>")
    out: list[Feature] = []
    for i, pm in enumerate((e for e in root.iter() if _local(e.tag) == "Placemark"), 1):
        props: dict = {}
        geoms: list[tuple[str, object, str]] = []
        name = None
        for el in pm.iter():
            tag = _local(el.tag)
            if tag == "name" and name is None:
                name = (el.text or "").strip()
            elif tag == "description":
                props.setdefault("description", (el.text or "").strip())
            elif tag == "Data":
                val = next((c.text for c in el if _local(c.tag) == "value"), "")
                props[el.get("name", "")] = (val or "").strip()
            elif tag == "SimpleData":
                props[el.get("name", "")] = (el.text or "").strip()
        label = f"placemark {i}" + (f" ('{name}')" if name else "")
        for el in pm.iter():
            tag = _local(el.tag)
            coords_el = next((c for c in el if _local(c.tag) == "coordinates"), None)
            if tag == "Point" and coords_el is not None:
                pts = _kml_coords(coords_el.text, label)
                if not pts:
                    raise LayerImportError(f"{label}: Point has no coordinates")
                geoms.append(("Point", pts[0], ""))
            elif tag == "LineString" and coords_el is not None:
                geoms.append(("LineString", _kml_coords(coords_el.text, label), ""))
            elif tag == "outerBoundaryIs":
                ring_el = next((c for c in el.iter() if _local(c.tag) == "coordinates"), None)
                ring = _kml_coords(ring_el.text if ring_el is not None else "", label)
                if ring:
                    geoms.append(("Point", _centroid(ring), "polygon reduced to its centroid"))
        if name:
            props.setdefault("name", name)
        if not geoms:
            out.append(Feature(i, None, None, props))
        for t, c, note in geoms:
            out.append(Feature(i, t, c, props, note))
    return out


LON_NAMES = ("lon", "lng", "long", "longitude", "x", "经度", "东经")
LAT_NAMES = ("lat", "latitude", "y", "纬度", "北纬")


def read_csv(text: str) -> list[Feature]:
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        header = next(reader)
    except StopIteration:
        raise LayerImportError("the CSV file is empty") from None
    cols = [h.strip().lower() for h in header]
    lon_i = next((i for i, h in enumerate(cols) if h in LON_NAMES), None)
    lat_i = next((i for i, h in enumerate(cols) if h in LAT_NAMES), None)
    if lon_i is None or lat_i is None:
        raise LayerImportError(
            f"CSV line 1: no {'longitude' if lon_i is None else 'latitude'} column "
            f"(expected one of {', '.join(LON_NAMES if lon_i is None else LAT_NAMES)}; found {', '.join(header)})")
    out: list[Feature] = []
    for row in reader:
        line = reader.line_num
        if not any(c.strip() for c in row):
            continue
        props = {header[i].strip(): v.strip() for i, v in enumerate(row) if i < len(header)
                 and i not in (lon_i, lat_i)}
        lon_s = row[lon_i].strip() if lon_i < len(row) else ""
        lat_s = row[lat_i].strip() if lat_i < len(row) else ""
        if not lon_s and not lat_s:
            out.append(Feature(line, None, None, props))
            continue
        where = f"CSV line {line}"
        out.append(Feature(line, "Point", (_num(lon_s, f"{where}, column '{header[lon_i]}'"),
                                           _num(lat_s, f"{where}, column '{header[lat_i]}'")), props))
    return out


def decode_text(data: bytes, what: str) -> str:
    """UTF-8 (with or without BOM), else GB18030 (Chinese spreadsheets save CSV in it)."""
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise LayerImportError(f"{what} is neither UTF-8 nor GB18030 text")


FORMATS = {".geojson": "geojson", ".json": "geojson", ".kml": "kml", ".csv": "csv", ".txt": "csv"}


def read_features(path: Path, data: bytes, fmt: str | None = None) -> tuple[str, list[Feature]]:
    fmt = fmt or FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise LayerImportError(f"{Path(path).name}: unknown layer format (use .geojson, .kml or .csv)")
    if fmt == "geojson":
        return fmt, read_geojson(decode_text(data, Path(path).name))
    if fmt == "kml":
        return fmt, read_kml(data)
    return fmt, read_csv(decode_text(data, Path(path).name))
