"""What the map page needs for one view of the plans an incident uses, and nothing more.

A national plan (200,000 sites, 2,365 river lines) never goes into the map's HTML file. The page
asks for each view it shows (bounds and zoom, through the Qt bridge); the answer is small:

* many sites in view -> clusters: counts per grid cell (cells ~56 px at that zoom, in the Mercator
  plane so they are square on screen), with the mix of kinds;
* few sites in view (<= POINT_LIMIT) or zoomed in -> the sites themselves, from the R*Tree;
* rivers crossing the view, simplified to the view's scale (Douglas-Peucker at ~1 px) and
  capped at RIVER_VERTEX_LIMIT vertices; the full line when zoomed in.

``PlanViews`` keeps, per incident, the sites' positions as arrays (one query) and the grids and
simplified lines made from them, rebuilt when the visible layers or the store's change_seq move.
Core code, no Qt: the map tab runs it on a worker thread with its own read connection.
"""
from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field

import numpy as np
import shapely

from .query import _in, _index_sql, visible_layers

POINT_LIMIT = 1500            # at most this many sites drawn one by one
CELL_PX = 56
RIVER_VERTEX_LIMIT = 60_000
KINDS = ("intake", "facility", "warehouse")


def _plan_layers(store, incident_uuid: str | None) -> list[str]:
    vis = visible_layers(store, incident_uuid)
    if not vis:
        return []
    return [r[0] for r in store.conn.execute(f"SELECT uuid FROM map_layers WHERE plan_uuid IS NOT NULL AND uuid IN "
                                             f"{_in(vis)}")]


def _merc_y(lat):
    return np.degrees(np.arcsinh(np.tan(np.radians(np.clip(lat, -85, 85)))))


@dataclass
class _Index:
    key: tuple
    layers: list[str]
    lon: np.ndarray
    lat: np.ndarray
    my: np.ndarray
    kind: np.ndarray                      # index into KINDS
    river_box: np.ndarray                 # (n, 4) west, south, east, north
    river_geom: np.ndarray                # shapely lines
    river_name: list[str]
    grids: dict = field(default_factory=dict)
    lines: dict = field(default_factory=dict)


class PlanViews:
    """Answers view requests for one store; thread-safe (one request at a time)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._index: dict[str | None, _Index] = {}

    def _build(self, store, incident_uuid) -> _Index | None:
        layers = _plan_layers(store, incident_uuid)
        # rebuilt when a site or river row changes, not on every write (the instrument sink writes 4x a second)
        seq = store.conn.execute("SELECT (SELECT MAX(change_seq) FROM map_sites), "
                                 "(SELECT MAX(change_seq) FROM map_rivers)").fetchone()
        key = (tuple(sorted(layers)), seq)
        got = self._index.get(incident_uuid)
        if got is not None and got.key == key:
            return got
        if not layers:
            self._index.pop(incident_uuid, None)
            return None
        rows = np.array(store.conn.execute(
            f"SELECT lon, lat, CASE kind WHEN 'intake' THEN 0 WHEN 'facility' THEN 1 ELSE 2 END FROM map_sites "
            f"WHERE deleted = 0 AND layer_uuid IN {_in(layers)}").fetchall(), dtype=float).reshape(-1, 3)
        rivers = store.conn.execute(
            f"SELECT name, AsBinary(geom) FROM map_rivers WHERE deleted = 0 AND layer_uuid IN {_in(layers)}").fetchall()
        geoms = shapely.from_wkb(np.array([r[1] for r in rivers], dtype=object)) if rivers else np.array([])
        idx = _Index(key, layers, rows[:, 0], rows[:, 1], _merc_y(rows[:, 1]), rows[:, 2].astype(np.int8),
                     shapely.bounds(geoms).reshape(-1, 4) if rivers else np.zeros((0, 4)), geoms,
                     [r[0] or "" for r in rivers])
        self._index[incident_uuid] = idx
        return idx

    def prepare_steps(self, store, incident_uuid: str | None):
        """Index, cluster grids for every zoom that shows clusters, rivers simplified for the
        country-wide zooms, so no view has to wait for them: one step per ``next()``, each under
        the lock, so a view asked for meanwhile is answered between two steps."""
        with self._lock:
            idx = self._build(store, incident_uuid)
        yield
        if idx is None:
            return
        for zoom in range(3, 9):          # the country and province views; closer ones cost little
            with self._lock:
                self._clusters(idx, zoom, 0.0, 0.0, 0.0, 0.0)
            yield
            with self._lock:
                self._rivers(store, idx, -180.0, -90.0, 180.0, 90.0, zoom, limit=None)
            yield

    def view(self, store, incident_uuid: str | None, west: float, south: float, east: float, north: float,
             zoom: int) -> dict:
        """The answer for one view, as plain data (JSON-able). A close view (few sites) comes
        straight from the R*Tree, without the index; only clusters need it."""
        zoom = int(max(0, min(20, zoom)))
        layers = _plan_layers(store, incident_uuid)
        if not layers:
            return {"mode": "none", "count": 0, "clusters": [], "points": [], "rivers": []}
        box = {"x0": west, "y0": south, "x1": east, "y1": north}
        few = self._points(store, layers, box, POINT_LIMIT + 1)
        if len(few) <= POINT_LIMIT or zoom >= 15:
            return {"mode": "points", "count": len(few), "zoom": zoom, "clusters": [], "points": few[:POINT_LIMIT],
                    "rivers": self._rivers_near(store, layers, box, zoom)}
        with self._lock:
            idx = self._build(store, incident_uuid)
            inside = (idx.lon >= west) & (idx.lon <= east) & (idx.lat >= south) & (idx.lat <= north)
            return {"mode": "clusters", "count": int(inside.sum()), "zoom": zoom, "points": [],
                    "clusters": self._clusters(idx, zoom, west, south, east, north),
                    "rivers": self._rivers(store, idx, west, south, east, north, zoom)}

    @staticmethod
    def _points(store, layers, box: dict, limit: int) -> list[list]:
        # driven by the R*Tree and streamed (CROSS JOIN keeps that order): "ROWID IN (…)" would first
        # collect every site in a country-wide box only to keep the first 1,501
        rows = store.conn.execute(
            f"SELECT s.uuid, s.name, s.kind, s.facility_type, s.lon, s.lat FROM idx_map_sites_geom i "
            f"CROSS JOIN map_sites s ON s.ROWID = i.pkid WHERE i.xmin <= :x1 AND i.xmax >= :x0 AND i.ymin <= :y1 "
            f"AND i.ymax >= :y0 AND s.deleted = 0 AND +s.layer_uuid IN {_in(layers)} LIMIT :limit",
            {**box, "limit": limit}).fetchall()
        return [[u, n or "", k, f or "", round(x, 6), round(y, 6)] for u, n, k, f, x, y in rows]

    @staticmethod
    def _rivers_near(store, layers, box: dict, zoom: int) -> list[list]:
        """The rivers crossing a close view, from the rivers' R*Tree, simplified to ~1 px."""
        rows = store.conn.execute(
            f"SELECT name, AsBinary(geom) FROM map_rivers WHERE {_index_sql('map_rivers')} AND deleted = 0 "
            f"AND +layer_uuid IN {_in(layers)}", box).fetchall()
        if not rows:
            return []
        geoms = shapely.from_wkb(np.array([r[1] for r in rows], dtype=object))
        if zoom < 13:
            geoms = shapely.simplify(geoms, 360.0 / (256 * 2 ** zoom))
        out, total = [], 0
        for (name, _w), g in zip(rows, geoms):
            line = np.round(shapely.get_coordinates(g)[:, ::-1], 5).tolist()
            total += len(line)
            if total > RIVER_VERTEX_LIMIT:
                break
            out.append([name or "", line])
        return out

    def _clusters(self, idx: _Index, zoom: int, west, south, east, north) -> list[list]:
        grid = idx.grids.get(zoom)
        if grid is None:
            cell = 360.0 / (256 * 2 ** zoom) * CELL_PX
            cx = np.floor(idx.lon / cell).astype(np.int64)
            cy = np.floor(idx.my / cell).astype(np.int64)
            keys = (cx << 32) + (cy & 0xFFFFFFFF)
            uniq, inv = np.unique(keys, return_inverse=True)
            n = np.bincount(inv)
            lon = np.bincount(inv, idx.lon) / n
            lat = np.bincount(inv, idx.lat) / n
            per = np.stack([np.bincount(inv, idx.kind == k, minlength=len(uniq)) for k in range(len(KINDS))], 1)
            grid = idx.grids[zoom] = (lon, lat, n, per.astype(np.int64))
        lon, lat, n, per = grid
        sel = np.flatnonzero((lon >= west) & (lon <= east) & (lat >= south) & (lat <= north))
        return [[round(float(lon[i]), 5), round(float(lat[i]), 5), int(n[i]), *map(int, per[i])] for i in sel]

    def _rivers(self, store, idx: _Index, west, south, east, north, zoom, limit=RIVER_VERTEX_LIMIT) -> list[list]:
        b = idx.river_box
        if not len(b):
            return []
        level = min(zoom, 13)
        sel = np.flatnonzero((b[:, 0] <= east) & (b[:, 2] >= west) & (b[:, 1] <= north) & (b[:, 3] >= south))
        need = [int(i) for i in sel if (int(i), level) not in idx.lines]
        if need:                           # simplified to ~1 px at this zoom, once per river and zoom
            tol = 360.0 / (256 * 2 ** level)
            geoms = idx.river_geom[need]
            xy, which = shapely.get_coordinates(shapely.simplify(geoms, tol) if level < 13 else geoms,
                                                return_index=True)
            cuts = np.flatnonzero(np.diff(which)) + 1
            starts = np.concatenate([[0], cuts]) if len(which) else np.zeros(0, dtype=int)
            for k, part in zip(which[starts], np.split(np.round(xy[:, ::-1], 5), cuts)):
                idx.lines[(need[int(k)], level)] = part.tolist()
            for i in need:
                idx.lines.setdefault((i, level), [])
        out, total = [], 0
        for i in sel:
            line = idx.lines[(int(i), level)]
            total += len(line)
            if limit is not None and total > limit:
                break
            out.append([idx.river_name[i], line])
        return out


def view_json(views: PlanViews, store, incident_uuid, bounds, zoom) -> str:
    """The answer as JSON text that can be handed to the page."""
    data = views.view(store, incident_uuid, *bounds, zoom)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


class PlanViewServer:
    """View answers for the map tab: its own read connection (opened on first use, any thread,
    one request at a time) and the per-incident indexes. ``close()`` when the map goes away."""

    def __init__(self, store_path):
        self.path = store_path
        self.views = PlanViews()
        self._lock = threading.Lock()
        self._reader = None
        self.prepared = threading.Event()     # set when the last warm() finished (benchmarks, tests)

    def warm(self, incident_uuid: str | None) -> None:
        """Build the incident's index and its cluster grids now, on a connection of its own (the
        map tab calls it while the page is being built, so close views are answered meanwhile
        and country-wide ones find their grids ready)."""
        from fieldapp.store.writer import open_reader

        self.prepared.clear()
        reader = open_reader(self.path)
        try:
            for _step in self.views.prepare_steps(reader, incident_uuid):
                pass
        finally:
            reader.close()
        self.prepared.set()

    def answer(self, incident_uuid: str | None, bounds, zoom: int) -> str:
        from fieldapp.store.writer import open_reader

        with self._lock:
            if self._reader is None:
                self._reader = open_reader(self.path)
            return view_json(self.views, self._reader, incident_uuid, bounds, zoom)

    def close(self) -> None:
        with self._lock:
            if self._reader is not None:
                self._reader.close()
                self._reader = None
