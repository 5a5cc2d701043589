"""GeoPackage (OGC 12-128r, version 1.3) written with plain SQLite, one point table per layer.

No GDAL needed to write: the format is an SQLite file with three metadata tables
(gpkg_spatial_ref_sys, gpkg_contents, gpkg_geometry_columns), application_id 'GPKG' and geometry
blobs = a small GP header + ISO WKB. QGIS and ogrinfo read it.
"""
from __future__ import annotations

import sqlite3
import struct
from pathlib import Path

from fieldapp.core.timeutil import now_iso

from .tables import COLUMNS, LAYERS, ExportError

WGS84_WKT = ('GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],'
             'PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4326"]]')
_TYPES = {"lat": "DOUBLE", "lon": "DOUBLE", "value": "DOUBLE", "depth_m": "DOUBLE"}


def point_blob(lon: float, lat: float, srs_id: int = 4326) -> bytes:
    # header: magic 'GP', version 0, flags (bit0 = little endian, envelope bits 0 = none), srs_id
    header = b"GP" + bytes([0, 0b00000001]) + struct.pack("<i", srs_id)
    return header + struct.pack("<BIdd", 1, 1, lon, lat)


def write_gpkg(tables: dict, out) -> list[Path]:
    path = Path(out)
    if path.is_dir():
        path = path / "incident.gpkg"
    if path.suffix.lower() != ".gpkg":
        raise ExportError(f"--out {path}: a GeoPackage file name must end in .gpkg")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".gpkg.part")  # written aside and renamed: never a half file under the real name
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.execute("PRAGMA application_id = 1196444487")  # 'GPKG'
        con.execute("PRAGMA user_version = 10300")
        con.execute("CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, "
                    "organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, "
                    "definition TEXT NOT NULL, description TEXT)")
        con.executemany("INSERT INTO gpkg_spatial_ref_sys VALUES (?,?,?,?,?,?)", [
            ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", None),
            ("Undefined geographic SRS", 0, "NONE", 0, "undefined", None),
            ("WGS 84 geodetic", 4326, "EPSG", 4326, WGS84_WKT, "longitude/latitude WGS 84")])
        con.execute("CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, "
                    "identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL, "
                    "min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, "
                    "srs_id INTEGER REFERENCES gpkg_spatial_ref_sys(srs_id))")
        con.execute("CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, "
                    "geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, "
                    "m TINYINT NOT NULL, PRIMARY KEY (table_name, column_name))")
        stamp = now_iso()
        for name in LAYERS:
            cols = [c for c in COLUMNS[name]]
            defs = ", ".join(f'"{c}" {_TYPES.get(c, "TEXT")}' for c in cols)
            con.execute(f'CREATE TABLE "{name}" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POINT, {defs})')
            rows = tables[name]
            con.executemany(
                f'INSERT INTO "{name}" (geom, {", ".join(cols)}) VALUES (?, {", ".join("?" * len(cols))})',
                [[point_blob(r["lon"], r["lat"])] + [r[c] for c in cols] for r in rows])
            lons = [r["lon"] for r in rows] or [None]
            lats = [r["lat"] for r in rows] or [None]
            con.execute("INSERT INTO gpkg_contents VALUES (?, 'features', ?, '', ?, ?, ?, ?, ?, 4326)",
                        (name, name, stamp, min(lons) if rows else None, min(lats) if rows else None,
                         max(lons) if rows else None, max(lats) if rows else None))
            con.execute("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'POINT', 4326, 0, 0)", (name,))
        con.commit()
    finally:
        con.close()
    tmp.replace(path)
    return [path]
