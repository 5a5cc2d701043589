"""Coordinates of imported plans: what the source's CRS is, and how it becomes WGS 84 lon/lat.

* CGCS2000 (EPSG:4490) and WGS 84 (EPSG:4326) longitude/latitude are taken as they are: the two
  datums differ by centimetres, far below what a plan's positions carry.
* any other CRS PROJ understands (Gauss-Krüger zones of CGCS2000, UTM, Beijing 1954, Xi'an 1980…)
  is transformed to WGS 84 by PROJ (pyproj). When PROJ knows no accurate datum shift for it
  (Beijing 1954 without a grid), the layer says so in a warning: positions may be off by tens to
  ~100 m.
* a CRS PROJ cannot transform (a local engineering system, a broken .prj) is refused by name.
* GCJ-02 ("Mars coordinates"): positions copied from consumer web maps (Amap/Gaode, Tencent,
  Google's China tiles) are shifted by 100-700 m by that obfuscation. When the user says the source
  is such a map, they are converted back with prcoords' iterative inverse (~1 cm); the choice is
  recorded on the layer (``coord_conversion = 'gcj02'``). Outside China GCJ-02 adds no offset, so
  those positions are left alone.
"""
from __future__ import annotations

import threading
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from .errors import PlanImportError

# China incl. islands, with a margin: a point outside is probably a mistake when the incident is in China
CHINA_LON = (73.0, 135.5)
CHINA_LAT = (3.5, 53.7)
LONLAT_AS_IS = {4326, 4490, 4610, 4479}      # WGS 84, CGCS2000 (and its 3D/geocentric-based twins)


def in_china(lon, lat):
    lon = np.asarray(lon)
    lat = np.asarray(lat)
    return (lon >= CHINA_LON[0]) & (lon <= CHINA_LON[1]) & (lat >= CHINA_LAT[0]) & (lat <= CHINA_LAT[1])


@dataclass
class CoordPlan:
    """What will be done to a source's coordinates (shown in the preview, recorded on the layer)."""

    source_crs: str             # 'EPSG:4490', or the CRS name
    conversion: str             # 'none' | 'reprojected' | 'gcj02'
    geographic: bool            # lon/lat source (only those can be swapped or GCJ-02)
    transformer: object = None  # pyproj Transformer to WGS 84 lon/lat, or None
    warning: str = ""


def _crs(text: str, where: str):
    from pyproj import CRS
    from pyproj.exceptions import CRSError

    try:
        return CRS.from_user_input(text)
    except CRSError as exc:
        raise PlanImportError(f"{where}: the coordinate system cannot be read ({str(exc).splitlines()[0]})") from None


_PROJ_THREAD: ThreadPoolExecutor | None = None
_PROJ_LOCK = threading.Lock()


def on_proj_thread(fn, *args):
    """Run a PROJ call (CRS, Transformer) on one long-lived thread. pyproj keeps a PROJ context per
    thread, and it crashes (segfault) when a thread pool that recycles Python thread states -- Qt's
    QThreadPool, where the import preview runs -- calls it a second time in the same OS thread."""
    global _PROJ_THREAD
    with _PROJ_LOCK:
        if _PROJ_THREAD is None:
            _PROJ_THREAD = ThreadPoolExecutor(1, thread_name_prefix="fieldapp-proj")
    return _PROJ_THREAD.submit(fn, *args).result()


def plan_coords(crs_text: str | None, where: str, *, gcj02: bool = False) -> CoordPlan:
    """Decide how to bring coordinates in ``crs_text`` to WGS 84 lon/lat; refuse what cannot be."""
    return on_proj_thread(_plan_coords, crs_text, where, gcj02)


def _plan_coords(crs_text: str | None, where: str, gcj02: bool) -> CoordPlan:
    from pyproj import Transformer
    from pyproj.exceptions import ProjError

    if not crs_text:
        raise PlanImportError(
            f"{where}: the coordinate system is unknown (no .prj file or CRS in the file); give it "
            "(EPSG:4490 for CGCS2000 longitude/latitude, EPSG:4326 for WGS 84, or the projected CRS's EPSG code)")
    crs = _crs(crs_text, where)
    epsg = crs.to_epsg(min_confidence=70)
    name = f"EPSG:{epsg}" if epsg else crs.name
    if epsg in LONLAT_AS_IS:
        return CoordPlan(name, "gcj02" if gcj02 else "none", True)
    if crs.is_geographic and crs.ellipsoid is not None and crs.ellipsoid.name in ("WGS 84", "GRS 1980") \
            and crs.datum is not None and any(k in crs.datum.name for k in ("WGS", "2000", "China")):
        return CoordPlan(name, "gcj02" if gcj02 else "none", True)
    if gcj02 and not crs.is_geographic:
        raise PlanImportError(
            f"{where}: GCJ-02 applies to longitude/latitude copied from a web map, but this source is in a "
            f"projected system ({crs.name}); import it without the web-map option")
    if crs.is_engineering or not (crs.is_geographic or crs.is_projected):
        raise PlanImportError(f"{where}: the coordinate system '{crs.name}' is a local system that cannot be "
                              "converted to longitude/latitude; export the layer in CGCS2000 (EPSG:4490) first")
    try:
        tr = Transformer.from_crs(crs, 4326, always_xy=True)
        probe = tr.transform(*_probe_xy(crs), errcheck=True)
    except ProjError as exc:
        raise PlanImportError(f"{where}: PROJ cannot convert '{crs.name}' to WGS 84 "
                              f"({str(exc).splitlines()[0]})") from None
    if not all(np.isfinite(probe)):
        raise PlanImportError(f"{where}: PROJ cannot convert '{crs.name}' to WGS 84")
    warn = ""
    if "ballpark" in (tr.description or "").lower() or (tr.accuracy is not None and tr.accuracy < 0):
        warn = (f"no accurate datum shift from '{crs.name}' to WGS 84 is known to PROJ: positions may be "
                "off by tens of metres to ~100 m")
    return CoordPlan(name, "gcj02" if gcj02 else "reprojected", crs.is_geographic, tr, warn)


def _probe_xy(crs) -> tuple[float, float]:
    """A position inside the CRS's area of use, in its own axis order (x, y), to test the transform."""
    from pyproj import Transformer

    aou = crs.area_of_use
    lon, lat = ((aou.west + aou.east) / 2, (aou.south + aou.north) / 2) if aou else (110.0, 30.0)
    if crs.is_geographic:
        return lon, lat
    return Transformer.from_crs(4326, crs, always_xy=True).transform(lon, lat)


def to_lonlat(plan: CoordPlan, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Source coordinates (x = easting/longitude) -> WGS 84 lon/lat (before any GCJ-02 step)."""
    if plan.transformer is None:
        return np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    lon, lat = on_proj_thread(plan.transformer.transform, np.asarray(x, dtype=float), np.asarray(y, dtype=float))
    return np.asarray(lon), np.asarray(lat)


def gcj02_to_wgs84(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """GCJ-02 lon/lat -> WGS 84 (prcoords' iterative inverse); positions outside China unchanged."""
    import prcoords

    lon = np.array(lon, dtype=float)
    lat = np.array(lat, dtype=float)
    inside = np.flatnonzero(in_china(lon, lat) & np.isfinite(lon) & np.isfinite(lat))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for i in inside:
            w = prcoords.gcj_wgs_bored((lat[i], lon[i]), False)
            lat[i], lon[i] = w.lat, w.lon
    return lon, lat
