"""Open a plan source through GDAL (pyogrio): GeoPackage, Shapefile, GeoJSON, KML/KMZ, CSV, XLSX.

Reading only: no store. A source yields one ``SourceLayer`` per GDAL layer: its attribute columns
(numpy object/float arrays), its geometries as WKB in the file's own CRS, the CRS as GDAL reports
it, and the text encoding used. Tables without geometry (CSV, XLSX, a GeoPackage attribute table)
come back without WKB: points are made later from the lon/lat columns the user chose.

Checked here, before any row is looked at, each with its own message: the file's size, a
Shapefile's companions (.dbf holds the attributes, .prj the CRS; .shx is rebuilt by GDAL), and
the attribute encoding. A Shapefile's text is read as raw bytes (latin-1 is lossless) and decoded
here: by the user's choice, else its .cpg, else UTF-8 when every value is valid UTF-8, else
GB18030 (the superset of GBK that Chinese GIS software writes). A declared encoding the bytes do
not fit is refused with the field and record named, instead of storing mojibake.
"""
from __future__ import annotations

import codecs
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .errors import PlanImportError

MAX_BYTES = 1024 * 1024 * 1024    # 1 GiB: a national plan as GeoPackage is ~100 MB; a 2 GB file is a mistake
FORMATS = {".gpkg": "GPKG", ".shp": "ESRI Shapefile", ".geojson": "GeoJSON", ".json": "GeoJSON",
           ".kml": "KML", ".kmz": "KMZ", ".csv": "CSV", ".txt": "CSV", ".xlsx": "XLSX"}
TABLE_FORMATS = ("CSV", "XLSX")
JSON_CHECK_BYTES = 64 * 1024 * 1024
# Columns LIBKML adds to every placemark; they say nothing about a facility.
KML_NOISE = {"id", "timestamp", "begin", "end", "altitudeMode", "tessellate", "extrude", "visibility",
             "drawOrder", "icon", "snippet"}
ENCODINGS = {"utf-8": "UTF-8", "utf8": "UTF-8", "gbk": "GBK", "gb2312": "GBK", "cp936": "GBK", "936": "GBK",
             "gb18030": "GB18030", "big5": "BIG5", "latin1": "ISO-8859-1", "iso-8859-1": "ISO-8859-1"}


@dataclass
class SourceLayer:
    path: Path
    fmt: str                          # key of FORMATS' values
    name: str                         # GDAL layer name
    fields: list[str]
    columns: dict[str, np.ndarray]
    wkb: np.ndarray | None            # None: an attribute table
    crs: str | None                   # 'EPSG:4490', WKT, or None when the file says nothing
    encoding: str = "UTF-8"
    notes: list[str] = field(default_factory=list)
    _texts: dict = field(default_factory=dict, repr=False)

    def texts(self, column: str) -> list[str]:
        """The column's cells as text ('' for empty), converted once (rows are read many times)."""
        got = self._texts.get(column)
        if got is None:
            from .rows import text

            got = [v.strip() if isinstance(v, str) else text(v) for v in self.columns[column].tolist()]
            self._texts[column] = got
        return got

    @property
    def count(self) -> int:
        if self.wkb is not None:
            return len(self.wkb)
        return len(next(iter(self.columns.values()))) if self.columns else 0

    @property
    def is_table(self) -> bool:
        return self.wkb is None


def file_format(path: Path, fmt: str | None = None) -> str:
    if fmt:
        return fmt
    found = FORMATS.get(path.suffix.lower())
    if found is None:
        raise PlanImportError(f"{path.name}: unknown layer format (use .gpkg, .shp, .geojson, .kml, .kmz, "
                              ".csv or .xlsx)")
    return found


def check_file(path: Path, fmt: str, max_bytes: int = MAX_BYTES) -> None:
    if not path.is_file():
        raise PlanImportError(f"{path}: no such file")
    size = path.stat().st_size
    if fmt == "ESRI Shapefile":
        size += sum(p.stat().st_size for p in _companions(path).values() if p is not None)
    if size > max_bytes:
        raise PlanImportError(
            f"{path.name} is {size / 1048576:.1f} MB; layer files up to {max_bytes / 1048576:.0f} MB are "
            "accepted. Clip it to the incident area or split it by province first (e.g. ogr2ogr -spat or "
            "-where) and import the parts")
    if fmt == "ESRI Shapefile":
        comp = _companions(path)
        if comp["dbf"] is None:
            raise PlanImportError(
                f"{path.name}: the attribute file {path.stem}.dbf is missing (a Shapefile is several files: "
                ".shp, .shx, .dbf, .prj and often .cpg); copy all of them into one folder")


def _companions(path: Path) -> dict[str, Path | None]:
    out: dict[str, Path | None] = {}
    for ext in ("dbf", "prj", "cpg", "shx"):
        hits = [p for p in path.parent.glob(path.stem + ".*") if p.suffix.lower() == "." + ext]
        out[ext] = hits[0] if hits else None
    return out


def layer_names(path: Path, fmt: str) -> list[tuple[str, str | None]]:
    import pyogrio

    try:
        return [(str(n), None if t is None else str(t)) for n, t in pyogrio.list_layers(_gdal_path(path, fmt))]
    except Exception as exc:          # GDAL's own message says what is wrong with the file
        raise PlanImportError(f"{path.name}: {_gdal_message(exc)}") from None


def _gdal_path(path: Path, fmt: str) -> str:
    return f"/vsizip/{path}" if fmt == "KMZ" and not _has_libkml() else str(path)


def _has_libkml() -> bool:
    import pyogrio

    return "LIBKML" in pyogrio.list_drivers()


def _gdal_message(exc: Exception) -> str:
    text = str(exc).replace("\n", " ").strip()
    for noise in ("It might help to specify the correct driver explicitly by prefixing the file path "
                  "with '<DRIVER>:', e.g. 'CSV:path'.",):
        text = text.replace(noise, "")
    return text.strip(" ;") or type(exc).__name__


def normal_encoding(name: str | None) -> str | None:
    if not name:
        return None
    key = name.strip().lower()
    if key not in ENCODINGS:
        try:
            codecs.lookup(key)
        except LookupError:
            raise PlanImportError(f"unknown text encoding '{name}' (use UTF-8, GBK or GB18030)") from None
        return name.strip().upper()
    return ENCODINGS[key]


def read_layers(path: Path | str, *, fmt: str | None = None, layer: str | None = None,
                encoding: str | None = None, max_bytes: int = MAX_BYTES) -> list[SourceLayer]:
    """Every layer of the file (or the one named), read whole."""
    path = Path(path)
    fmt = file_format(path, fmt)
    check_file(path, fmt, max_bytes)
    encoding = normal_encoding(encoding)
    if fmt == "CSV":
        return [_read_csv(path, encoding)]
    if fmt == "GeoJSON":
        _check_json(path)
    names = layer_names(path, fmt)
    if layer is not None:
        if layer not in [n for n, _t in names]:
            raise PlanImportError(f"{path.name} has no layer '{layer}' (it has: {', '.join(n for n, _ in names)})")
        names = [(layer, None)]
    if not names:
        raise PlanImportError(f"{path.name}: the file holds no layer")
    return [_read_one(path, fmt, n, encoding) for n, _t in names]


def _read_one(path: Path, fmt: str, name: str, encoding: str | None) -> SourceLayer:
    import pyogrio.raw as raw

    import warnings

    shp = fmt == "ESRI Shapefile"
    try:
        with warnings.catch_warnings(record=True) as said:     # GDAL's own words about bad features
            warnings.simplefilter("always")
            meta, _fids, wkb, values = raw.read(_gdal_path(path, fmt), layer=name,
                                                encoding="ISO-8859-1" if shp else None)
    except UnicodeDecodeError as exc:
        raise PlanImportError(f"{path.name}, layer '{name}': text that is not valid {encoding or 'UTF-8'} "
                              f"({exc.reason}); choose the file's encoding (GBK, GB18030 or UTF-8)") from None
    except Exception as exc:
        raise PlanImportError(f"{path.name}, layer '{name}': {_gdal_message(exc)}") from None
    fields = [str(f) for f in meta["fields"]]
    cols = dict(zip(fields, values))
    used = meta.get("encoding") or "UTF-8"
    if shp:
        used, cols = _decode_shapefile_text(path, cols, encoding)
        fields = list(cols)
    if fmt in ("KML", "KMZ"):
        cols = {k: v for k, v in cols.items() if k not in KML_NOISE and _has_values(v)}
        fields = [f for f in fields if f in cols]
    has_geom = meta.get("geometry_type") not in (None, "None") and wkb is not None
    crs = meta.get("crs")
    if fmt in ("KML", "KMZ", "GeoJSON") and not crs:
        crs = "EPSG:4326"           # both formats are WGS 84 by definition
    notes = list(dict.fromkeys(str(w.message).split("(): ", 1)[-1] for w in said))[:3]
    return SourceLayer(path, fmt, name, fields, cols, wkb if has_geom else None, crs, used, notes)


def _check_json(path: Path) -> None:
    """GDAL's JSON parser accepts trailing commas and other slips that may hide a cut-off file;
    Python's says where the text stops being JSON (checked for files up to JSON_CHECK_BYTES)."""
    import json

    if path.stat().st_size > JSON_CHECK_BYTES:
        return
    try:
        text, _enc = decode_text(path.read_bytes(), path.name)
        json.loads(text)
    except json.JSONDecodeError as exc:
        raise PlanImportError(f"not valid GeoJSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None


def _has_values(col: np.ndarray) -> bool:
    return any(v not in (None, "") and v == v for v in col)


def _decode_shapefile_text(path: Path, cols: dict, chosen: str | None) -> tuple[str, dict]:
    """Raw DBF bytes (read as latin-1) -> text, in the chosen, declared or detected encoding."""
    cpg = _companions(path)["cpg"]
    declared = None
    if cpg is not None:
        declared = normal_encoding(cpg.read_text(encoding="ascii", errors="replace").strip() or None)
    text_cols = {k: v for k, v in cols.items() if v.dtype == object}
    raw_cols = {k: [s.encode("latin-1") if isinstance(s, str) else s for s in v] for k, v in text_cols.items()}

    def decoded(enc: str, why: str) -> dict:
        texts = _decode_all(path, raw_cols, enc, why)
        # field names are DBF bytes too
        return {_decode_name(k, enc): texts.get(k, v) for k, v in cols.items()}

    if chosen or declared:
        enc = chosen or declared
        return enc, decoded(enc, "you chose" if chosen else f"declared by {cpg.name}")
    for enc in ("UTF-8", "GB18030"):
        try:
            return enc, decoded(enc, "")
        except PlanImportError:
            continue
    raise PlanImportError(f"{path.name}: the attribute text is neither UTF-8 nor GBK/GB18030; choose its encoding")


def _decode_name(name: str, enc: str) -> str:
    try:
        return name.encode("latin-1").decode(enc)
    except (UnicodeEncodeError, UnicodeDecodeError):
        return name


def _decode_all(path: Path, raw_cols: dict, enc: str, why: str) -> dict:
    out = {}
    for name, vals in raw_cols.items():
        dec = np.empty(len(vals), dtype=object)
        for i, b in enumerate(vals):
            if not isinstance(b, bytes):
                dec[i] = b
                continue
            try:
                dec[i] = b.decode(enc)
            except UnicodeDecodeError:
                hint = _guess_encoding(b, enc)
                shown = next((n for n in (_decode_name(name, e) for e in (enc, "UTF-8", "GB18030")) if n != name), name)
                raise PlanImportError(
                    f"{path.name}: field '{shown}', record {i + 1} is not valid {enc} text ({why})"
                    + (f"; it reads as {hint}: choose that encoding" if hint else "; choose the file's encoding")
                ) from None
        out[name] = dec
    return out


def _guess_encoding(b: bytes, not_this: str) -> str | None:
    for enc in ("UTF-8", "GB18030"):
        if enc == not_this:
            continue
        try:
            b.decode(enc)
            return "GBK/GB18030" if enc == "GB18030" else enc
        except UnicodeDecodeError:
            continue
    return None


def decode_text(data: bytes, what: str, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding): the chosen one, else UTF-8 (with or without BOM), else GB18030."""
    tries = (encoding,) if encoding else ("utf-8-sig", "gb18030")
    for enc in tries:
        try:
            return data.decode(enc), ("UTF-8" if enc == "utf-8-sig" else normal_encoding(enc) or enc)
        except UnicodeDecodeError as exc:
            if encoding:
                line = data[:exc.start].count(b"\n") + 1
                raise PlanImportError(f"{what}: line {line} is not valid {encoding} text; choose the file's "
                                      "encoding (GBK, GB18030 or UTF-8)") from None
    raise PlanImportError(f"{what} is neither UTF-8 nor GB18030 text")


def _read_csv(path: Path, encoding: str | None) -> SourceLayer:
    """CSV through GDAL's CSV driver; non-UTF-8 text (Excel's Chinese CSVs) is recoded first."""
    import pyogrio.raw as raw

    text, used = decode_text(path.read_bytes(), path.name, encoding)
    if not text.strip():
        raise PlanImportError("the CSV file is empty")
    with tempfile.TemporaryDirectory(prefix="fieldapp-csv-") as tmp:
        copy = Path(tmp) / (path.stem + ".csv")
        copy.write_text(text.lstrip("\ufeff"), encoding="utf-8")
        try:
            meta, _f, _g, values = raw.read(str(copy), read_geometry=False)
        except Exception as exc:
            raise PlanImportError(f"{path.name}: {_gdal_message(exc)}") from None
    fields = [str(f) for f in meta["fields"]]
    return SourceLayer(path, "CSV", path.stem, fields, dict(zip(fields, values)), None, None, used)
