"""The GIS desks' views, read by an independent client: `ogrinfo` on the PostgreSQL connection lists
them as Point / LineString layers in EPSG:4326 with the right counts; the verdicts they carry are
the app's own (the map's point statuses, judge_row per measurement)."""
from __future__ import annotations

import re
import shutil
import subprocess
from urllib.parse import parse_qs, urlparse

import pytest
from server_helpers import trust_laptops
from sync_helpers import make_laptop

from fieldapp.demo import create_demo_incident
from fieldapp.maps.status import latest_values, point_statuses
from fieldapp.sync import export_bundle
from fieldapp.server.importer import import_one

pytestmark = pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="gdal-bin (ogrinfo) is not installed")


@pytest.fixture
def demo_on_server(server, tmp_path):
    st = make_laptop(tmp_path / "demo.sqlite", "演示队", "demo-laptop")
    inc = create_demo_incident(st)
    export_bundle(st, tmp_path / "demo.fab")
    trust_laptops(server, st)
    import_one(server, tmp_path / "demo.fab")
    yield st, inc
    st.close()


def pg_source(url: str) -> str:
    u = urlparse(url)
    q = parse_qs(u.query)
    return f"PG:host={q['host'][0]} port={q['port'][0]} dbname={u.path.lstrip('/')} user={u.username}"


def ogrinfo(url: str, *args: str) -> str:
    return subprocess.run(["ogrinfo", "-ro", pg_source(url), *args], capture_output=True, text=True, check=True,
                          timeout=60).stdout


def layer_summary(url: str, layer: str) -> dict:
    out = ogrinfo(url, "-so", layer)
    return {"geometry": re.search(r"^Geometry: (.+)$", out, re.M).group(1),
            "count": int(re.search(r"^Feature Count: (\d+)$", out, re.M).group(1)),
            "epsg_4326": 'ID["EPSG",4326]' in out or "EPSG:4326" in out or 'AUTHORITY["EPSG","4326"]' in out}


def test_ogrinfo_lists_the_views_with_types_srs_and_counts(server_url, demo_on_server):
    st, inc = demo_on_server
    listing = ogrinfo(server_url)
    for layer, kind in (("gis.points", "Point"), ("gis.measurements", "Point"), ("gis.rivers", "Line String"),
                        ("gis.facilities", "Point")):
        assert f"{layer} ({kind})" in listing, listing
    expected = {
        "gis.points": st.conn.execute("SELECT COUNT(*) FROM sampling_points WHERE deleted = 0").fetchone()[0],
        "gis.measurements": st.conn.execute("SELECT COUNT(*) FROM measurements WHERE deleted = 0").fetchone()[0],
        "gis.rivers": st.conn.execute("SELECT COUNT(*) FROM map_rivers WHERE deleted = 0").fetchone()[0],
        "gis.facilities": st.conn.execute("SELECT COUNT(*) FROM map_sites WHERE deleted = 0").fetchone()[0],
    }
    assert all(expected.values()), expected
    for layer, n in expected.items():
        s = layer_summary(server_url, layer)
        assert s["count"] == n, (layer, s)
        assert s["epsg_4326"], layer
        assert s["geometry"] == ("Line String" if layer == "gis.rivers" else "Point")


def test_view_verdicts_are_the_maps(server, demo_on_server):
    st, inc = demo_on_server
    on_map = point_statuses(st, inc)
    rows = server.query("SELECT uuid, status, status_zh, latest_zh FROM gis.points WHERE incident_code = ?",
                        (inc["code"],))
    assert {r["uuid"]: r["status"] for r in rows if r["status"] != "none"} == on_map
    assert "exceeded" in on_map.values()
    over = next(r for r in rows if r["status"] == "exceeded")
    assert over["status_zh"] == "超标"
    newest = latest_values(st, inc, "zh")[over["uuid"]]   # the map popup's lines, in the same words
    assert over["latest_zh"] == "; ".join(f"{a} {b} {c} ({d})" for a, b, c, d in newest)
    n = server.execute("SELECT COUNT(*) FROM gis.measurements WHERE status = 'exceeded'").fetchone()[0]
    assert n > 0
