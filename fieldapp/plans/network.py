"""River-network geometry: where points fall along river lines (chainage), for one point or 200,000.

Rivers are digitised upstream -> downstream, in WGS 84 longitude/latitude. Chainage is the
distance along the line from its upstream end, measured on the WGS 84 ellipsoid (the geodesic
length of every segment, PROJ's geodesic through pyproj.Geod).

The foot of a point on a line (the nearest spot) is found in the Mercator plane: Mercator is
conformal, so a perpendicular there is a perpendicular on the ground at any latitude (plain
degrees would skew it by ~10 % at 25°N). The chainage of the foot is the ellipsoidal length up
to the segment it falls on plus the geodesic from that segment's first vertex to the foot, so a
river 1,000 km long accumulates no projection error.

One projection routine (``_project``: point onto segments) serves single queries (``locate_on``:
one river's segments) and bulk imports (``snap``: every segment of a plan in one STRtree, so the
nearest-segment search stays cheap however long the rivers are), so a site's stored chainage and
the chainage of a point asked later always agree.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from pyproj import Geod

from fieldapp.plans import SNAP_M   # also read as network.SNAP_M

GEOD = Geod(ellps="WGS84")
EARTH_R = 6_378_137.0
JOIN_M = 200            # a river whose last vertex is this close to another line flows into it


def to_mercator(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    lat = np.clip(np.asarray(lat, dtype=float), -85.0, 85.0)
    return np.radians(np.asarray(lon, dtype=float)) * EARTH_R, np.arcsinh(np.tan(np.radians(lat))) * EARTH_R


def from_mercator(x, y) -> tuple[np.ndarray, np.ndarray]:
    return np.degrees(np.asarray(x) / EARTH_R), np.degrees(np.arctan(np.sinh(np.asarray(y) / EARTH_R)))


@dataclass
class RiverGeom:
    """One river line ready for locating points: vertices (lon/lat and Mercator), chainage per vertex."""

    coords: np.ndarray          # (n, 2) lon, lat
    mx: np.ndarray              # Mercator x of the vertices
    my: np.ndarray
    cum_m: np.ndarray           # ellipsoidal chainage (m) at each vertex

    @property
    def length_m(self) -> float:
        return float(self.cum_m[-1])


def river_geom(coords) -> RiverGeom:
    c = np.asarray(coords, dtype=float)[:, :2]
    mx, my = to_mercator(c[:, 0], c[:, 1])
    _az1, _az2, seg_m = GEOD.inv(c[:-1, 0], c[:-1, 1], c[1:, 0], c[1:, 1])
    return RiverGeom(c, mx, my, np.concatenate([[0.0], np.cumsum(np.abs(np.atleast_1d(seg_m)))]))


def river_geoms(lines: list) -> list[RiverGeom]:
    """river_geom for many lines with one geodesic call (2,365 separate calls cost ~1 s)."""
    cs = [np.asarray(c, dtype=float)[:, :2] for c in lines]
    if not cs:
        return []
    allc = np.concatenate(cs)
    ends = np.cumsum([len(c) for c in cs])
    _a, _b, seg = GEOD.inv(allc[:-1, 0], allc[:-1, 1], allc[1:, 0], allc[1:, 1])
    seg = np.abs(np.atleast_1d(seg))
    mx, my = to_mercator(allc[:, 0], allc[:, 1])
    out, start = [], 0
    for c, end in zip(cs, ends):
        s = seg[start:end - 1]
        out.append(RiverGeom(c, mx[start:end], my[start:end], np.concatenate([[0.0], np.cumsum(s)])))
        start = end
    return out


def _project(ax, ay, bx, by, px, py):
    """Foot of P on segment AB (Mercator): (fraction t in [0, 1], squared distance)."""
    dx, dy = bx - ax, by - ay
    den = dx * dx + dy * dy
    t = np.where(den > 0, ((px - ax) * dx + (py - ay) * dy) / np.where(den > 0, den, 1.0), 0.0)
    t = np.clip(t, 0.0, 1.0)
    fx, fy = ax + t * dx, ay + t * dy
    return t, (px - fx) ** 2 + (py - fy) ** 2


def _chainage(ax, ay, bx, by, vlon, vlat, base, t, lon, lat):
    """Chainage and offset (m) of points whose foot is at fraction t of segment A->B (Mercator),
    the segment starting at vertex (vlon, vlat) at chainage ``base``."""
    flon, flat = from_mercator(ax + t * (bx - ax), ay + t * (by - ay))
    _a, _b, part = GEOD.inv(vlon, vlat, flon, flat)
    _a, _b, off = GEOD.inv(lon, lat, flon, flat)
    return base + np.abs(part), np.abs(off)


def locate_on(river: RiverGeom, lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """(chainage_m, offset_m) arrays of lon/lat points on one river (nearest segment of it)."""
    lon = np.atleast_1d(np.asarray(lon, dtype=float))
    lat = np.atleast_1d(np.asarray(lat, dtype=float))
    px, py = to_mercator(lon, lat)
    t, d2 = _project(river.mx[:-1][None, :], river.my[:-1][None, :], river.mx[1:][None, :], river.my[1:][None, :],
                     px[:, None], py[:, None])
    si = np.argmin(d2, axis=1)
    tt = t[np.arange(len(lon)), si]
    return _chainage(river.mx[si], river.my[si], river.mx[si + 1], river.my[si + 1], river.coords[si, 0],
                     river.coords[si, 1], river.cum_m[si], tt, lon, lat)


def nearest_of(rivers: list[RiverGeom], lon: float, lat: float) -> tuple[int, float, float]:
    """(index of the river nearest to one point, its chainage there, the offset): the nearest
    segment is found in the Mercator plane over all of them, the geodesics measured once."""
    px, py = to_mercator(np.array([lon]), np.array([lat]))
    best = (-1, -1, 0.0, np.inf)                  # river, segment, t, squared distance
    for i, r in enumerate(rivers):
        t, d2 = _project(r.mx[:-1], r.my[:-1], r.mx[1:], r.my[1:], px[0], py[0])
        s = int(np.argmin(d2))
        if d2[s] < best[3]:
            best = (i, s, float(t[s]), float(d2[s]))
    i, s, t, _d2 = best
    if i < 0:
        return -1, float("nan"), float("nan")
    r = rivers[i]
    ch, off = _chainage(r.mx[s], r.my[s], r.mx[s + 1], r.my[s + 1], r.coords[s, 0], r.coords[s, 1], r.cum_m[s], t,
                        lon, lat)
    return i, float(ch), float(off)


@dataclass
class Segments:
    """Every segment of a set of rivers, in one STRtree."""

    river: np.ndarray           # river index of each segment
    index: np.ndarray           # segment number within its river
    ax: np.ndarray
    ay: np.ndarray
    bx: np.ndarray
    by: np.ndarray
    vlon: np.ndarray            # lon/lat and chainage of each segment's first vertex
    vlat: np.ndarray
    base: np.ndarray
    tree: shapely.STRtree

    def chainage(self, s, t, lon, lat):
        return _chainage(self.ax[s], self.ay[s], self.bx[s], self.by[s], self.vlon[s], self.vlat[s], self.base[s],
                         t, lon, lat)


def segments(rivers: list[RiverGeom]) -> Segments:
    ri = np.concatenate([np.full(len(r.mx) - 1, i) for i, r in enumerate(rivers)])
    si = np.concatenate([np.arange(len(r.mx) - 1) for r in rivers])
    ax = np.concatenate([r.mx[:-1] for r in rivers])
    ay = np.concatenate([r.my[:-1] for r in rivers])
    bx = np.concatenate([r.mx[1:] for r in rivers])
    by = np.concatenate([r.my[1:] for r in rivers])
    lines = shapely.linestrings(np.stack([np.column_stack([ax, ay]), np.column_stack([bx, by])], axis=1))
    return Segments(ri, si, ax, ay, bx, by, np.concatenate([r.coords[:-1, 0] for r in rivers]),
                    np.concatenate([r.coords[:-1, 1] for r in rivers]), np.concatenate([r.cum_m[:-1] for r in rivers]),
                    shapely.STRtree(lines))


def _nearest(seg: Segments, px, py, lat, radius_m: float, exclude_river=None):
    """Per point: the nearest segment within radius_m (Mercator metres widened by 1/cos(lat)); -1 if none."""
    n = len(px)
    best = np.full(n, -1, dtype=np.int64)
    if n == 0:
        return best, np.zeros(n)
    widen = 1.0 / np.cos(np.radians(np.clip(np.abs(lat), 0, 85)))
    boxes = shapely.box(px - radius_m * widen, py - radius_m * widen, px + radius_m * widen, py + radius_m * widen)
    p_i, s_i = seg.tree.query(boxes)
    if exclude_river is not None:
        keep = seg.river[s_i] != exclude_river[p_i]
        p_i, s_i = p_i[keep], s_i[keep]
    t, d2 = _project(seg.ax[s_i], seg.ay[s_i], seg.bx[s_i], seg.by[s_i], px[p_i], py[p_i])
    order = np.lexsort((d2, p_i))
    p_i, s_i, t = p_i[order], s_i[order], t[order]
    first = np.ones(len(p_i), dtype=bool)
    first[1:] = p_i[1:] != p_i[:-1]
    best[p_i[first]] = s_i[first]
    tt = np.zeros(n)
    tt[p_i[first]] = t[first]
    return best, tt


def snap(rivers: list[RiverGeom], lon, lat, snap_m: float = SNAP_M, seg: Segments | None = None):
    """For every point: index of the nearest river (-1 when none within snap_m), chainage, offset."""
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    n = len(lon)
    idx = np.full(n, -1, dtype=np.int64)
    ch = np.full(n, np.nan)
    off = np.full(n, np.nan)
    if not rivers or n == 0:
        return idx, ch, off
    seg = seg or segments(rivers)
    px, py = to_mercator(lon, lat)
    best, t = _nearest(seg, px, py, lat, snap_m)
    hit = np.flatnonzero(best >= 0)
    c, o = seg.chainage(best[hit], t[hit], lon[hit], lat[hit])
    ok = o <= snap_m
    idx[hit[ok]] = seg.river[best[hit[ok]]]
    ch[hit[ok]], off[hit[ok]] = c[ok], o[ok]
    return idx, ch, off


def confluences(rivers: list[RiverGeom], join_m: float = JOIN_M,
                seg: Segments | None = None) -> list[tuple[int, float] | None]:
    """For each river: (index of the river its downstream end flows into, chainage there) or None."""
    out: list[tuple[int, float] | None] = [None] * len(rivers)
    if len(rivers) < 2:
        return out
    seg = seg or segments(rivers)
    ends = np.array([r.coords[-1] for r in rivers])
    px, py = to_mercator(ends[:, 0], ends[:, 1])
    best, t = _nearest(seg, px, py, ends[:, 1], join_m, exclude_river=np.arange(len(rivers)))
    hit = np.flatnonzero(best >= 0)
    c, o = seg.chainage(best[hit], t[hit], ends[hit, 0], ends[hit, 1])
    for k, e in enumerate(hit):
        if o[k] <= join_m:
            out[int(e)] = (int(seg.river[best[e]]), float(c[k]))
    return out
