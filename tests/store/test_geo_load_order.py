"""The GDAL/PROJ/GEOS wheels keep their own libraries when a store (mod_spatialite, loaded with
RTLD_GLOBAL) is opened before they are imported, as the window does: it opens the store first and
imports pyogrio/pyproj/shapely only when a plan is imported or a map drawn.

Without the preload this very script segfaults (at the latest at exit, status -11), so the test
fails if the binding is lost; it also fails if opening the store imports the packages again (the
0.4 s the window's start no longer pays).
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import json, os, sys
from pathlib import Path
from fieldapp.store import open_store

folder = Path(sys.argv[1])
store = open_store(folder / "s.sqlite", create=True)
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("pyogrio", "pyproj", "shapely", "numpy"))
print("imported by opening:", heavy, flush=True)
(folder / "a.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"n": 1}, "geometry": {"type": "Point", "coordinates": [116.4, 39.9]}}]}))
import pyogrio.raw, pyproj, shapely
x, y = pyproj.Transformer.from_crs(4326, 3857, always_xy=True).transform(116.4, 39.9)
print("proj", round(x), round(y), flush=True)
meta, _, geometry, fields = pyogrio.raw.read(folder / "a.geojson")
print("gdal", len(geometry), list(meta["fields"]), flush=True)
print("geos", round(shapely.buffer(shapely.Point(0, 0), 1, quad_segs=64).area, 3), flush=True)
store.close()
"""


def test_geo_wheels_work_after_the_store_is_open(tmp_path):
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert proc.returncode == 0, (proc.returncode, proc.stdout, proc.stderr[-2000:])
    lines = proc.stdout.splitlines()
    if sys.platform.startswith("linux"):
        assert lines[0] == "imported by opening: []"
    assert lines[1:] == ["proj 12957589 4851421", "gdal 1 ['n']", "geos 3.141"]
