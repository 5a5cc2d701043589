"""River-network geometry: where points fall along river lines (chainage), for one point or 200,000.

Rivers are digitised upstream -> downstream, in WGS 84 longitude/latitude. Chainage is the
distance along the line from its upstream end, measured on the WGS 84 ellipsoid (geodesic length
of every segment, PROJ's geodesic through pyproj.Geod).

The foot of a point on a line (the nearest spot) is found in the Mercator plane: Mercator is
conformal, so a perpendicular there is a perpendicular on the ground at any latitude (plain
degrees would skew it by ~10 % at 25°N). The chainage of the foot is then the ellipsoidal length
up to the segment it falls on plus the geodesic from that segment's first vertex to the foot, so
a river 1,000 km long accumulates no projection error. The same code serves bulk imports (all
sites of a plan at once, vectorised with shapely's STRtree) and single queries (spatial.chainage),
so a site's stored chainage and a point's chainage asked later always agree.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from pyproj import Geod

GEOD = Geod(ellps="WGS84")
EARTH_R = 6_378_137.0
SNAP_M = 2_000          # a site further than this from every river line is "off the network"
JOIN_M = 200            # a river whose last vertex is this close to another line flows into it


def to_mercator(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    lat = np.clip(lat, -85.0, 85.0)
    return np.radians(lon) * EARTH_R, np.arcsinh(np.tan(np.radians(lat))) * EARTH_R


def from_mercator(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return np.degrees(x / EARTH_R), np.degrees(np.arctan(np.sinh(y / EARTH_R)))


@dataclass
class RiverGeom:
    """One river line ready for locating points: vertices, Mercator line, cumulative lengths."""

    coords: np.ndarray          # (n, 2) lon, lat
    line: shapely.LineString    # in the Mercator plane
    cum_merc: np.ndarray        # Mercator distance along the line at each vertex
    cum_m: np.ndarray           # ellipsoidal chainage (m) at each vertex

    @property
    def length_m(self) -> float:
        return float(self.cum_m[-1])


def river_geom(coords) -> RiverGeom:
    c = np.asarray(coords, dtype=float)[:, :2]
    x, y = to_mercator(c[:, 0], c[:, 1])
    seg_merc = np.hypot(np.diff(x), np.diff(y))
    _az1, _az2, seg_m = GEOD.inv(c[:-1, 0], c[:-1, 1], c[1:, 0], c[1:, 1])
    return RiverGeom(c, shapely.linestrings(np.column_stack([x, y])),
                     np.concatenate([[0.0], np.cumsum(seg_merc)]),
                     np.concatenate([[0.0], np.cumsum(np.abs(seg_m))]))


def _feet(river: RiverGeom, px: np.ndarray, py: np.ndarray):
    """Chainage (m) and offset (m) of Mercator points on one river."""
    pts = shapely.points(px, py)
    along = shapely.line_locate_point(river.line, pts)
    foot = shapely.line_interpolate_point(river.line, along)
    fx, fy = from_mercator(shapely.get_x(foot), shapely.get_y(foot))
    seg = np.clip(np.searchsorted(river.cum_merc, along, side="right") - 1, 0, len(river.coords) - 2)
    v = river.coords[seg]
    _a, _b, part = GEOD.inv(v[:, 0], v[:, 1], fx, fy)
    plon, plat = from_mercator(px, py)
    _a, _b, off = GEOD.inv(plon, plat, fx, fy)
    return river.cum_m[seg] + np.abs(part), np.abs(off)


def locate_on(river: RiverGeom, lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """(chainage_m, offset_m) arrays of lon/lat points on the given river."""
    lon = np.atleast_1d(np.asarray(lon, dtype=float))
    lat = np.atleast_1d(np.asarray(lat, dtype=float))
    px, py = to_mercator(lon, lat)
    return _feet(river, px, py)


def snap(rivers: list[RiverGeom], lon, lat, snap_m: float = SNAP_M):
    """For every point: index of the nearest river (-1 when none within snap_m), chainage, offset.

    The STRtree works in Mercator metres, which exaggerate distances by 1/cos(lat); the search
    radius is widened by that factor and the true (ellipsoidal) offset is checked afterwards.
    """
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    n = len(lon)
    idx = np.full(n, -1, dtype=np.int64)
    ch = np.full(n, np.nan)
    off = np.full(n, np.nan)
    if not rivers or n == 0:
        return idx, ch, off
    px, py = to_mercator(lon, lat)
    tree = shapely.STRtree([r.line for r in rivers])
    widen = 1.0 / np.cos(np.radians(np.clip(np.abs(lat), 0, 80)))
    pts = shapely.points(px, py)
    found = tree.query_nearest(pts, max_distance=float(snap_m * widen.max() * 1.01), all_matches=False)
    p_i, r_i = found
    order = np.argsort(r_i, kind="stable")
    p_i, r_i = p_i[order], r_i[order]
    bounds = np.flatnonzero(np.diff(r_i)) + 1
    for pi, ri in zip(np.split(p_i, bounds), np.split(r_i, bounds)):
        if len(pi) == 0:
            continue
        c, o = _feet(rivers[int(ri[0])], px[pi], py[pi])
        ok = o <= snap_m
        idx[pi[ok]] = ri[0]
        ch[pi[ok]] = c[ok]
        off[pi[ok]] = o[ok]
    return idx, ch, off


def confluences(rivers: list[RiverGeom], join_m: float = JOIN_M) -> list[tuple[int, float] | None]:
    """For each river: (index of the river its downstream end flows into, chainage there) or None."""
    out: list[tuple[int, float] | None] = [None] * len(rivers)
    if len(rivers) < 2:
        return out
    ends = np.array([r.coords[-1] for r in rivers])
    px, py = to_mercator(ends[:, 0], ends[:, 1])
    tree = shapely.STRtree([r.line for r in rivers])
    widen = 1.0 / np.cos(np.radians(np.clip(np.abs(ends[:, 1]), 0, 80)))
    cand = tree.query(shapely.buffer(shapely.points(px, py), join_m * widen * 1.01))
    best: dict[int, tuple[float, int, float]] = {}
    for ei, ri in zip(*cand):
        if ei == ri:
            continue
        c, o = _feet(rivers[int(ri)], px[ei:ei + 1], py[ei:ei + 1])
        # the end must meet the other line, not be its own continuation's start
        if o[0] <= join_m and (ei not in best or o[0] < best[ei][0]):
            best[int(ei)] = (float(o[0]), int(ri), float(c[0]))
    for ei, (_o, ri, c) in best.items():
        out[ei] = (ri, c)
    return out
