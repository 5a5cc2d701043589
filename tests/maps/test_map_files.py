"""The map page as a file (no Qt): local assets only, escaping, basemaps, asset fetching, CLI."""
from __future__ import annotations

import re
import sqlite3
import subprocess
import sys

import pytest

from fieldapp.maps import assets, builder
from fieldapp.maps.basemap import BasemapError, from_mbtiles, from_tile_folder, open_basemap
from fieldapp.maps.mapdata import MapData, SamplingPoint, Site
from tile_png import png  # helper beside this file


def test_page_is_self_contained(tmp_path):
    """Leaflet is inlined: no file, folder or server is referenced, so the page works when sent."""
    data = MapData(title="t", points=[SamplingPoint("a", "A", "", 108.3, 24.7, status="within")],
                   sites=[Site("s", "intake", "I", 108.31, 24.7)])
    html = builder.build_map_html(data, tmp_path / "m.html").read_text(encoding="utf-8")
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert all(u.startswith("#") or u == "https://leafletjs.com" for u in urls), urls   # only Leaflet's credit link
    assert "file://" not in html and str(assets.vendor_dir()) not in html and "<script src" not in html
    css_urls = re.findall(r"url\(([^)]*)\)", html)
    assert css_urls and all(u.startswith(("data:", "#default#VML")) for u in css_urls), css_urls
    assert not re.search(r"<(?:script|link|img)[^>]+(?:src|href)=", html)
    assert "jquery" not in html.lower() and "bootstrap" not in html.lower()
    assert "L.map" in html and "url(data:image/png;base64," in html


def test_missing_assets_give_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(assets, "vendor_dir", lambda: tmp_path / "nowhere")
    with pytest.raises(assets.AssetsMissing, match="run scripts/setup.sh"):
        builder.build_map_html(MapData(), tmp_path / "m.html")


def test_ensure_offline_assets_is_idempotent(tmp_path, monkeypatch):
    monkeypatch.setattr(assets, "LEAFLET_DIR", tmp_path / "leaflet")
    assert assets.ensure_offline_assets() == len(assets.FILES)
    assert assets.ensure_offline_assets() == 0
    (tmp_path / "leaflet" / "leaflet.css").unlink()
    assert assets.ensure_offline_assets() == 1
    assert (tmp_path / "leaflet" / "leaflet.js").read_bytes().startswith(b"/* @preserve")


def test_escaping_covers_html_and_template_syntax():
    assert builder.esc('<a href="x">{{ 1 }}</a>&\'') == \
        "&lt;a href=&quot;x&quot;&gt;&#123;&#123; 1 &#125;&#125;&lt;/a&gt;&amp;&#x27;"
    assert "</script>" not in builder.script_json({"n": "</script><script>alert(1)</script>"})


def _mbtiles(path, fmt="png"):
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
    con.execute("CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)")
    con.executemany("INSERT INTO metadata VALUES (?, ?)", [("name", "测试底图"), ("format", fmt),
                                                           ("attribution", "<b>local</b>")])
    # z=2, x=1, TMS row 2 -> XYZ y = 2^2 - 1 - 2 = 1
    con.execute("INSERT INTO tiles VALUES (2, 1, 2, ?)", (png(),))
    con.execute("INSERT INTO tiles VALUES (3, 5, 4, ?)", (png((0, 0, 200)),))
    con.commit()
    con.close()


def test_mbtiles_are_unpacked_once_in_xyz_order(tmp_path):
    mb = tmp_path / "base.mbtiles"
    _mbtiles(mb)
    bm = from_mbtiles(mb, tmp_path / "cache")
    assert (bm.min_zoom, bm.max_zoom, bm.name) == (2, 3, "测试底图")
    root = next((tmp_path / "cache").iterdir())
    assert (root / "2" / "1" / "1.png").read_bytes() == png()
    assert (root / "3" / "5" / "3.png").exists()                  # 2^3 - 1 - 4
    assert bm.url_template == root.resolve().as_uri() + "/{z}/{x}/{y}.png"
    mtime = (root / "2" / "1" / "1.png").stat().st_mtime_ns
    from_mbtiles(mb, tmp_path / "cache")
    assert (root / "2" / "1" / "1.png").stat().st_mtime_ns == mtime   # not unpacked again


def test_bad_basemaps_are_named(tmp_path):
    (tmp_path / "not.mbtiles").write_text("hello")
    with pytest.raises(BasemapError, match="not.mbtiles"):
        from_mbtiles(tmp_path / "not.mbtiles", tmp_path / "c")
    _mbtiles(tmp_path / "vec.mbtiles", fmt="pbf")
    with pytest.raises(BasemapError, match="only raster"):
        from_mbtiles(tmp_path / "vec.mbtiles", tmp_path / "c")
    (tmp_path / "emptydir").mkdir()
    with pytest.raises(BasemapError, match="no zoom-level folders"):
        from_tile_folder(tmp_path / "emptydir")
    assert open_basemap(None, tmp_path) is None


def test_tile_folder_basemap_is_in_the_page(tmp_path):
    (tmp_path / "tiles" / "5" / "3").mkdir(parents=True)
    (tmp_path / "tiles" / "5" / "3" / "7.png").write_bytes(png())
    bm = from_tile_folder(tmp_path / "tiles")
    html = builder.build_map_html(MapData(), tmp_path / "m.html", basemap=bm).read_text(encoding="utf-8")
    assert (tmp_path / "tiles").resolve().as_uri() + "/{z}/{x}/{y}.png" in html


def test_cli_import_and_queries(tmp_path):
    db = tmp_path / "cli.sqlite"

    def run(*args, ok=True):
        res = subprocess.run([sys.executable, "-m", "fieldapp", "--store", str(db), *args],
                             capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
        assert (res.returncode == 0) == ok, res.stderr
        return res

    run("--create", "demo")  # a new store: made only when asked for
    assert "4 demo layer(s)" in run("map", "demo-layers").stdout
    out = run("spatial", "point", "DN-03").stdout
    assert "距污染源" in out and "沿河" in out
    assert "县生态环境局应急物资库" in run("spatial", "warehouses", "--material", "石灰", "--point", "SRC-01").stdout
    bad = tmp_path / "bad.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    err = run("layers", "import", str(bad), ok=False).stderr
    assert "not valid GeoJSON" in err and "nothing was imported" in err and err.count("\n") == 1
    html = tmp_path / "m.html"
    run("map", "build", "--out", str(html))
    assert html.stat().st_size > 10_000
