"""Optional local basemap: a folder of {z}/{x}/{y} tiles or an MBTiles file the user loads.

Online tile servers are unreachable in the field, and a file:// page cannot read inside an SQLite
file, so an MBTiles file is unpacked once into a cache folder of plain tiles next to the map HTML
(re-unpacked only when the MBTiles file changes). MBTiles stores rows in TMS order (y counted from
the south); the folder uses the XYZ order Leaflet expects.
"""
from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

RASTER_FORMATS = {"png", "jpg", "jpeg", "webp"}


class BasemapError(ValueError):
    """The basemap source cannot be used (names the file and the reason)."""


@dataclass
class Basemap:
    url_template: str        # file:///.../{z}/{x}/{y}.png
    min_zoom: int = 0
    max_zoom: int = 18
    attribution: str = "local tiles"
    name: str = "basemap"


def from_tile_folder(folder: Path, ext: str | None = None) -> Basemap:
    """A folder laid out as z/x/y.<ext>. The extension is detected from the first tile found."""
    folder = Path(folder)
    if not folder.is_dir():
        raise BasemapError(f"tile folder {folder} does not exist")
    zooms = sorted(int(p.name) for p in folder.iterdir() if p.is_dir() and p.name.isdigit())
    if not zooms:
        raise BasemapError(f"tile folder {folder} has no zoom-level folders (expected z/x/y.png)")
    if ext is None:
        first = next((t for t in (folder / str(zooms[0])).rglob("*.*")), None)
        if first is None:
            raise BasemapError(f"tile folder {folder} contains no tiles")
        ext = first.suffix.lstrip(".")
    if ext.lower() not in RASTER_FORMATS:
        raise BasemapError(f"tile format '{ext}' in {folder} is not a raster image (png/jpg/webp)")
    url = folder.resolve().as_uri() + "/{z}/{x}/{y}." + ext
    return Basemap(url, min_zoom=zooms[0], max_zoom=max(zooms[-1], zooms[0]), name=folder.name)


def from_mbtiles(path: Path, cache_root: Path) -> Basemap:
    """Unpack an MBTiles file into cache_root/<hash>/ (once) and describe it as a tile folder."""
    path = Path(path)
    if not path.is_file():
        raise BasemapError(f"MBTiles file {path} does not exist")
    st = path.stat()
    key = hashlib.sha1(f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()[:16]
    out = Path(cache_root) / f"mbtiles-{key}"
    done = out / ".complete"
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise BasemapError(f"{path} cannot be opened as MBTiles: {exc}") from exc
    try:
        try:
            meta = dict(con.execute("SELECT name, value FROM metadata").fetchall())
        except sqlite3.DatabaseError as exc:
            raise BasemapError(f"{path} is not an MBTiles file (no metadata table): {exc}") from exc
        fmt = (meta.get("format") or "png").lower()
        if fmt not in RASTER_FORMATS:
            raise BasemapError(f"{path} holds '{fmt}' tiles; only raster tiles (png/jpg/webp) can be shown")
        if not done.exists():
            for z, x, y_tms, data in con.execute(
                    "SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles"):
                y = (1 << z) - 1 - y_tms
                tile = out / str(z) / str(x) / f"{y}.{fmt}"
                tile.parent.mkdir(parents=True, exist_ok=True)
                tile.write_bytes(data)
            out.mkdir(parents=True, exist_ok=True)
            done.write_text("ok")
        zooms = con.execute("SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles").fetchone()
    finally:
        con.close()
    if zooms[0] is None:
        raise BasemapError(f"{path} contains no tiles")
    return Basemap(out.resolve().as_uri() + "/{z}/{x}/{y}." + fmt, min_zoom=int(zooms[0]),
                   max_zoom=int(zooms[1]), attribution=str(meta.get("attribution") or meta.get("name") or
                                                            "MBTiles"), name=str(meta.get("name") or path.stem))


def open_basemap(source: Path | str | None, cache_root: Path) -> Basemap | None:
    """Folder or .mbtiles file -> Basemap; None means the clean no-basemap look."""
    if source is None or source == "":
        return None
    p = Path(source)
    if p.is_dir():
        return from_tile_folder(p)
    return from_mbtiles(p, cache_root)
