"""GeoPackage 1.3 (OGC 12-128r) written with plain SQLite: one table per layer with typed columns
(REAL, INTEGER, BOOLEAN, DATETIME, TEXT), the incident's metadata as an attributes table, and on
every geometry layer the R-tree spatial index extension (gpkg_extensions row, ``rtree_<t>_geom``
virtual table filled here, and the spec's maintenance triggers so GDAL/QGIS keep it right on edits).

Why not GDAL in-process: pyogrio's bundled GDAL crashes (SIGSEGV) when it writes while the app's
SpatiaLite connection is open in the same process, which it always is in the app. The format is
SQLite; the structure below is the one GDAL itself writes, and ogrinfo (an independent reader)
checks it in the tests (HasSpatialIndex = 1, field types).

The rtree triggers call ST_IsEmpty/ST_MinX…, functions a GeoPackage reader provides: rows are
inserted before the triggers exist, and the index is filled from the coordinates directly.
Written aside (``.part``) and renamed, so a failed export never leaves a half file.
"""
from __future__ import annotations

import sqlite3
import struct
from pathlib import Path

from fieldapp.core.timeutil import now_iso

from .tables import LAYERS, ExportError, Layer

WGS84_WKT = ('GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],'
             'AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",'
             '0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],'
             'AUTHORITY["EPSG","4326"]]')
SQL_TYPES = {"text": "TEXT", "int": "INTEGER", "real": "REAL", "bool": "BOOLEAN", "datetime": "DATETIME"}
GEOM_TYPES = {"Point": "POINT", "LineString": "LINESTRING"}
RTREE_EXT = ("gpkg_rtree_index", "http://www.geopackage.org/spec120/#extension_rtree", "write-only")
META = [
    "CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, "
    "organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, "
    "description TEXT)",
    "CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT "
    "UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT "
    "(strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER, "
    "CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))",
    "CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name "
    "TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, CONSTRAINT pk_geom_cols "
    "PRIMARY KEY (table_name, column_name), CONSTRAINT uk_gc_table_name UNIQUE (table_name), CONSTRAINT fk_gc_tn "
    "FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name), CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) "
    "REFERENCES gpkg_spatial_ref_sys (srs_id))",
    "CREATE TABLE gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, definition "
    "TEXT NOT NULL, scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))",
]
_BOX = 'ST_MinX(NEW."geom"), ST_MaxX(NEW."geom"), ST_MinY(NEW."geom"), ST_MaxY(NEW."geom")'
_HAS = 'NEW."geom" NOTNULL AND NOT ST_IsEmpty(NEW."geom")'
_NONE = 'NEW."geom" ISNULL OR ST_IsEmpty(NEW."geom")'


def _rtree_triggers(t: str) -> list[str]:
    r = f'"rtree_{t}_geom"'
    return [
        f'CREATE TRIGGER "rtree_{t}_geom_insert" AFTER INSERT ON "{t}" WHEN ({_HAS}) BEGIN '
        f'INSERT OR REPLACE INTO {r} VALUES (NEW."fid", {_BOX}); END',
        f'CREATE TRIGGER "rtree_{t}_geom_update1" AFTER UPDATE OF "geom" ON "{t}" WHEN OLD."fid" = NEW."fid" AND '
        f'({_HAS}) BEGIN INSERT OR REPLACE INTO {r} VALUES (NEW."fid", {_BOX}); END',
        f'CREATE TRIGGER "rtree_{t}_geom_update2" AFTER UPDATE OF "geom" ON "{t}" WHEN OLD."fid" = NEW."fid" AND '
        f'({_NONE}) BEGIN DELETE FROM {r} WHERE id = OLD."fid"; END',
        f'CREATE TRIGGER "rtree_{t}_geom_update3" AFTER UPDATE ON "{t}" WHEN OLD."fid" != NEW."fid" AND ({_HAS}) '
        f'BEGIN DELETE FROM {r} WHERE id = OLD."fid"; INSERT OR REPLACE INTO {r} VALUES (NEW."fid", {_BOX}); END',
        f'CREATE TRIGGER "rtree_{t}_geom_update4" AFTER UPDATE ON "{t}" WHEN OLD."fid" != NEW."fid" AND ({_NONE}) '
        f'BEGIN DELETE FROM {r} WHERE id IN (OLD."fid", NEW."fid"); END',
        f'CREATE TRIGGER "rtree_{t}_geom_delete" AFTER DELETE ON "{t}" WHEN OLD."geom" NOT NULL BEGIN '
        f'DELETE FROM {r} WHERE id = OLD."fid"; END',
    ]


def _bbox(geom) -> tuple[float, float, float, float]:
    pts = [geom] if isinstance(geom, tuple) else geom
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return min(xs), max(xs), min(ys), max(ys)


def geometry_blob(geom, srs_id: int = 4326) -> bytes | None:
    """GeoPackage binary: 'GP' header (little endian; an xy envelope for lines) + ISO WKB."""
    if geom is None:
        return None
    if isinstance(geom, tuple):
        return b"GP\x00\x01" + struct.pack("<i", srs_id) + struct.pack("<BIdd", 1, 1, float(geom[0]), float(geom[1]))
    minx, maxx, miny, maxy = _bbox(geom)
    body = struct.pack("<BII", 1, 2, len(geom)) + b"".join(struct.pack("<dd", float(x), float(y)) for x, y in geom)
    return b"GP\x00\x03" + struct.pack("<i", srs_id) + struct.pack("<dddd", minx, maxx, miny, maxy) + body


def _value(value, kind: str):
    if value is None:
        return None
    if kind == "bool":
        return 1 if value else 0
    return value     # times stay as stored: ISO 8601 UTC with 'Z', the GeoPackage DATETIME form


def _write_layer(con, layer: Layer, stamp: str) -> None:
    t, spatial = layer.name, layer.geometry_type is not None
    cols = ", ".join(f'"{n}" {SQL_TYPES[k]}' for n, k in layer.fields)
    con.execute(f'CREATE TABLE "{t}" ("fid" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, '
                + (f'"geom" {GEOM_TYPES[layer.geometry_type]}, ' if spatial else "") + f"{cols})")
    quoted = ['"geom"'] * spatial + [f'"{n}"' for n, _ in layer.fields]
    insert = f'INSERT INTO "{t}" ({", ".join(quoted)}) VALUES ({", ".join("?" * len(quoted))})'
    con.executemany(insert, [([geometry_blob(g)] if spatial else []) + [_value(r[n], k) for n, k in layer.fields]
                             for r, g in zip(layer.rows, layer.geoms)])
    boxes = [_bbox(g) for g in layer.geoms if g is not None]
    extent = (min(b[0] for b in boxes), min(b[2] for b in boxes), max(b[1] for b in boxes),
              max(b[3] for b in boxes)) if boxes else (None,) * 4
    con.execute("INSERT INTO gpkg_contents VALUES (?, ?, ?, '', ?, ?, ?, ?, ?, ?)",
                (t, "features" if spatial else "attributes", t, stamp, *extent, 4326 if spatial else 0))
    if not spatial:
        return
    con.execute("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, 4326, 0, 0)", (t, GEOM_TYPES[layer.geometry_type]))
    con.execute(f'CREATE VIRTUAL TABLE "rtree_{t}_geom" USING rtree(id, minx, maxx, miny, maxy)')
    fids = [r[0] for r in con.execute(f'SELECT fid FROM "{t}" ORDER BY fid')]
    con.executemany(f'INSERT INTO "rtree_{t}_geom" VALUES (?, ?, ?, ?, ?)',
                    [(fid, *_bbox(g)) for fid, g in zip(fids, layer.geoms) if g is not None])
    con.execute("INSERT INTO gpkg_extensions VALUES (?, 'geom', ?, ?, ?)", (t, *RTREE_EXT))
    for sql in _rtree_triggers(t):
        con.execute(sql)


def write_gpkg(layers: dict[str, Layer], out) -> list[Path]:
    path = Path(out)
    if path.is_dir():
        path = path / "incident.gpkg"
    if path.suffix.lower() != ".gpkg":
        raise ExportError(f"--out {path}: a GeoPackage file name must end in .gpkg")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.part")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.execute("PRAGMA application_id = 1196444487")  # 'GPKG'
        con.execute("PRAGMA user_version = 10300")
        for sql in META:
            con.execute(sql)
        con.executemany("INSERT INTO gpkg_spatial_ref_sys VALUES (?,?,?,?,?,?)", [
            ("Undefined Cartesian SRS", -1, "NONE", -1, "undefined", "undefined Cartesian coordinate reference system"),
            ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system"),
            ("WGS 84 geodetic", 4326, "EPSG", 4326, WGS84_WKT, "longitude/latitude coordinates on the WGS 84 spheroid")])
        stamp = now_iso()
        for name in LAYERS:
            _write_layer(con, layers[name], stamp)
        con.commit()
    except BaseException:
        con.close()
        tmp.unlink(missing_ok=True)
        raise
    con.close()
    tmp.replace(path)
    return [path]
