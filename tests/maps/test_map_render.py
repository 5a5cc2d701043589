"""The incident map rendered in a real QtWebEngine view with networking unavailable.

Every check asks the page what it drew (SVG paths, icons, canvas pixels) through runJavaScript.
"""
from __future__ import annotations

import json
import random

import pytest

pytest.importorskip("PySide6.QtWebEngineWidgets")

from PySide6.QtCore import QObject, QPoint, Qt, Slot  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWebChannel import QWebChannel  # noqa: E402

from fieldapp.maps import builder  # noqa: E402
from fieldapp.maps.demo_layers import add_demo_layers  # noqa: E402
from fieldapp.maps.loader import build_incident_map, load_map_data  # noqa: E402
from fieldapp.maps.mapdata import MapData, SamplingPoint, Site  # noqa: E402

from map_webview import MapView  # noqa: E402  (helper beside this file)

pytestmark = [pytest.mark.qt, pytest.mark.webengine]

XSS = '<img src=x onerror="window.pwned=1">'
SSTI = "{{ 7*7 }}{% if true %}T{% endif %}"      # folium lexes scripts as Jinja: must stay literal


@pytest.fixture
def mapview(qtbot):
    mv = MapView(qtbot)
    yield mv
    mv.close()


def _demo_statuses(points):
    """Exceeded where the plume is (the first downstream sections), else ok / not detected / no data."""
    out = {}
    for p in points:
        if p["code"].startswith("DN-0"):
            out[p["uuid"]] = "exceeded"
        elif p["code"] in ("UP-01", "WI-01"):
            out[p["uuid"]] = "within"
        elif p["code"] == "DN-16":
            out[p["uuid"]] = None
        else:
            out[p["uuid"]] = "not_detected"
    return out


def test_demo_map_renders_offline_and_counts_match(demo_store, tmp_path, mapview, qtbot):
    store, inc = demo_store
    add_demo_layers(store, inc["uuid"])
    points = store.list_points(inc["uuid"])
    statuses = _demo_statuses(points)
    n_sites = store.conn.execute("SELECT COUNT(*) FROM map_sites").fetchone()[0]
    out = build_incident_map(store, inc["uuid"], tmp_path / "demo.html", statuses=statuses)

    mapview.load(out)
    counts = mapview.js("""JSON.stringify({
        points: document.querySelectorAll('.leaflet-overlay-pane path.fieldapp-point').length,
        exceeded: document.querySelectorAll('path.fieldapp-st-exceeded').length,
        nodata: document.querySelectorAll('path.fieldapp-st-none').length,
        rivers: document.querySelectorAll('.leaflet-overlay-pane path.fieldapp-river').length,
        riverPathLen: (document.querySelector('path.fieldapp-river') || {getTotalLength: () => 0}).getTotalLength(),
        icons: document.querySelectorAll('.leaflet-marker-pane .fieldapp-site').length,
        source: document.querySelectorAll('.leaflet-fieldappSource-pane .fieldapp-source').length,
        legend: !!document.querySelector('.fieldapp-legend'),
        layers: document.querySelectorAll('.leaflet-control-layers-overlays label').length,
        scale: (document.querySelector('.leaflet-control-scale-line') || {}).textContent || ''
    })""")
    c = json.loads(counts)
    assert c["points"] == len(points) == 19
    assert c["exceeded"] == sum(1 for s in statuses.values() if s == "exceeded")
    assert c["nodata"] == 1
    assert c["rivers"] == 1 and c["riverPathLen"] > 300     # a long drawn line, not an empty path
    assert c["icons"] == n_sites and c["source"] == 1       # sites, and the source mark in its own pane
    assert c["legend"] and c["layers"] == 5
    assert "km" in c["scale"] or " m" in c["scale"]
    assert mapview.guard.blocked == []
    fetched = mapview.resources()
    assert all(u.startswith(("file:", "data:", "qrc:")) for u in fetched), fetched   # nothing remote
    assert not any(u.endswith("/leaflet.js") for u in fetched)                       # Leaflet is inlined

    # wait for the labels to settle, then keep a picture of the demo map for people to look at
    qtbot.wait(300)
    img = mapview.view.grab()
    assert img.save(str(tmp_path / "map_demo.png"))
    assert img.width() > 500


def test_cdn_assets_would_give_a_blank_page(tmp_path, mapview, qtbot, monkeypatch):
    """The same check fails on folium's default CDN page: proves the render test can fail."""
    monkeypatch.setattr(builder.assets, "page_assets", lambda: (
        '<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css"/>'
        '<script src="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"></script>'))
    data = MapData(points=[SamplingPoint("u1", "P-01", "p", 108.3, 24.7, status="within")])
    out = builder.build_map_html(data, tmp_path / "cdn.html")
    with qtbot.waitSignal(mapview.view.loadFinished, timeout=20000) as sig:
        mapview.view.load(__import__("PySide6.QtCore", fromlist=["QUrl"]).QUrl.fromLocalFile(str(out)))
    assert sig.args == [True]                                # loadFinished says "success"...
    assert mapview.js("typeof L") == "undefined"             # ...on a page with no Leaflet
    assert mapview.js("document.querySelectorAll('path.fieldapp-point').length") == 0   # no SVG per point
    assert mapview.js("document.querySelector('script[src]').src").startswith("https://cdn.")


def test_user_text_is_shown_as_text_and_runs_nothing(tmp_path, mapview):
    data = MapData(title=XSS, points=[
        SamplingPoint("p-ssti", SSTI, SSTI, 108.32, 24.71, status="within"),
        SamplingPoint("p-xss", XSS, XSS, 108.30, 24.70, role=XSS, status="exceeded",
                      latest=[(XSS, "<b>1</b>", XSS, "2026-11-01")], info=[(XSS, XSS)])],
        sites=[Site("s-xss", "warehouse", XSS, 108.31, 24.69, stock=[(XSS, "5", "t")],
                    attributes={XSS: XSS})])
    out = builder.build_map_html(data, tmp_path / "xss.html")
    raw = out.read_text(encoding="utf-8")
    assert "<img src=x" not in raw
    mapview.load(out)
    assert mapview.js("fieldappPanTo('p-xss')") is True
    text = mapview.js("document.querySelector('.leaflet-popup-content').textContent")
    assert XSS in text
    assert mapview.js("document.querySelectorAll('.leaflet-popup-content img, .fieldapp-title img').length") == 0
    assert mapview.js("fieldapp.panTo('s-xss')") is True
    assert XSS in mapview.js("document.querySelector('.leaflet-popup-content').textContent")
    assert XSS in mapview.js("document.querySelector('.fieldapp-title').textContent")
    assert mapview.js("document.querySelectorAll('img[src=x]').length") == 0
    assert mapview.js("typeof window.pwned") == "undefined"
    assert mapview.js("fieldappPanTo('p-ssti')") is True
    assert SSTI in mapview.js("Array.from(document.querySelectorAll('.leaflet-popup-content')).pop().textContent")


def test_thousands_of_points_draw_on_a_canvas(tmp_path, qtbot):
    # a 50 x 40 grid, spaced so that markers do not overlap in a large view: every marker's centre
    # pixel on the canvas must then carry exactly its own status colour
    rng = random.Random(5)
    pts = [SamplingPoint(f"u{i}", f"P{i}", "", 108.3 + (i % 50) * 0.004, 24.55 + (i // 50) * 0.004,
                         status=rng.choice(["within", "exceeded", "not_detected", "none"])) for i in range(2000)]
    out = builder.build_map_html(MapData(points=pts), tmp_path / "big.html")
    mapview = MapView(qtbot, size=(1900, 1400))
    mapview.load(out, timeout=30000)
    qtbot.waitUntil(lambda: mapview.js("fieldapp.stats().points") == 2000, timeout=5000)   # painted
    assert mapview.js("fieldapp.stats().canvas") is True
    assert mapview.js("document.querySelectorAll('path.fieldapp-point').length") == 0   # no SVG per point
    qtbot.wait(300)        # Leaflet paints the canvas on the next animation frame
    # read the canvas under every marker: each pixel must carry its marker's status colour
    res = json.loads(mapview.js("""(function () {
        var cv = document.querySelector('canvas.fieldapp-fastpoints');
        var ctx = cv.getContext('2d'), r = cv.getBoundingClientRect(), sx = cv.width / r.width;
        var mp = fieldapp.map.getContainer().getBoundingClientRect(), out = [];
        Object.keys(fieldapp.points).forEach(function (id) {
          var p = fieldapp.points[id], c = fieldapp.map.latLngToContainerPoint([p.y, p.x]);
          var x = Math.round((c.x + mp.left - r.left) * sx), y = Math.round((c.y + mp.top - r.top) * sx);
          if (x < 0 || y < 0 || x >= cv.width || y >= cv.height) return;
          var d = ctx.getImageData(x, y, 1, 1).data;
          out.push([fieldapp.colors[p.s], d[0], d[1], d[2], d[3]]);
        });
        return JSON.stringify(out);
    })()"""))
    # a real click on a painted point opens its popup and is not taken as a new-point click
    p = json.loads(mapview.js("JSON.stringify((function () { var p = fieldapp.points['u777'];"
                              " var c = fieldapp.map.latLngToContainerPoint([p.y, p.x]); return [c.x, c.y]; })())"))
    target = mapview.view.focusProxy() or mapview.view
    QTest.mouseClick(target, Qt.LeftButton, Qt.NoModifier, QPoint(round(p[0]), round(p[1])))
    qtbot.waitUntil(lambda: "P777" in (mapview.js(
        "(document.querySelector('.leaflet-popup-content') || {}).textContent || ''") or ""), timeout=5000)
    assert mapview.js("fieldapp.lastClick === undefined") is True
    mapview.close()
    assert len(res) > 1900                                 # nearly all markers inside the view

    def rgb(h):
        return tuple(int(h[i:i + 2], 16) for i in (1, 3, 5))

    good = sum(1 for col, r, g, b, a in res if a > 200 and max(abs(x - y) for x, y in zip(rgb(col), (r, g, b))) < 12)
    assert good >= 0.99 * len(res)


class Bridge(QObject):
    def __init__(self):
        super().__init__()
        self.clicks: list[tuple[float, float]] = []
        self.selected: list[str] = []

    @Slot(float, float)
    def mapClicked(self, lat, lon):  # noqa: N802 (JS-facing name)
        self.clicks.append((lat, lon))

    @Slot(str)
    def pointSelected(self, uuid):  # noqa: N802
        self.selected.append(uuid)


def test_click_pan_and_view_survive_reload(tmp_path, mapview, qtbot):
    bridge = Bridge()
    channel = QWebChannel(mapview.page)
    channel.registerObject("fieldapp", bridge)
    mapview.page.setWebChannel(channel)
    data = MapData(incident_uuid="inc-view", points=[
        SamplingPoint("a", "A", "", 108.30, 24.70, status="within"),
        SamplingPoint("b", "B", "", 108.40, 24.60, status="exceeded")])
    out = builder.build_map_html(data, tmp_path / "view.html")
    mapview.load(out)
    qtbot.waitUntil(lambda: mapview.js("!!fieldapp.bridgeReady"), timeout=10000)

    # a real mouse click on an empty spot of the map reaches Qt with that spot's coordinates
    target = mapview.view.focusProxy() or mapview.view
    expected = json.loads(mapview.js(
        "JSON.stringify(fieldapp.map.containerPointToLatLng([300, 500]))"))
    QTest.mouseClick(target, Qt.LeftButton, Qt.NoModifier, QPoint(300, 500))
    qtbot.waitUntil(lambda: len(bridge.clicks) == 1, timeout=5000)
    lat, lon = bridge.clicks[0]
    assert lat == pytest.approx(expected["lat"], abs=1e-3) and lon == pytest.approx(expected["lng"], abs=1e-3)

    # the table selects B: the map pans to it; a click on B's marker tells the table
    assert mapview.js("fieldappPanTo('b')") is True
    seen = json.loads(mapview.js("""JSON.stringify({
        inView: fieldapp.map.getBounds().pad(-0.1).contains([24.60, 108.40]),
        zoom: fieldapp.map.getZoom(),
        popup: (document.querySelector('.leaflet-popup-content') || {}).textContent || ''})"""))
    assert seen["inView"] and seen["zoom"] >= 14 and seen["popup"].startswith("B")
    assert mapview.js("fieldappPanTo('nope')") is False
    mapview.js("fieldapp.map.closePopup()")
    xy = json.loads(mapview.js("JSON.stringify(fieldapp.map.latLngToContainerPoint([24.60, 108.40]))"))
    QTest.mouseClick(target, Qt.LeftButton, Qt.NoModifier, QPoint(round(xy["x"]), round(xy["y"])))
    qtbot.waitUntil(lambda: bridge.selected == ["b"], timeout=5000)
    assert len(bridge.clicks) == 1                      # a click on a marker is not a new-point click

    # reload (data changed): the remembered view comes back instead of the fit-to-all view
    mapview.js("fieldapp.map.setView([24.65, 108.35], 15, {animate: false})")
    builder.build_map_html(data, out)
    mapview.load(out)
    v = json.loads(mapview.js("JSON.stringify(fieldapp.getView())"))
    assert v["zoom"] == 15 and v["lat"] == pytest.approx(24.65, abs=1e-4)
    # an explicit view passed by the Qt side wins
    builder.build_map_html(data, out, view=(24.61, 108.39, 13))
    mapview.load(out)
    v = json.loads(mapview.js("JSON.stringify(fieldapp.getView())"))
    assert v["zoom"] == 13 and v["lng"] == pytest.approx(108.39, abs=1e-4)


def test_loaded_demo_data_has_distances_in_popups(demo_store):
    store, inc = demo_store
    add_demo_layers(store, inc["uuid"])
    data = load_map_data(store, inc["uuid"])
    dn3 = next(p for p in data.points if p.code == "DN-03")
    labels = dict(dn3.info)
    assert "沿河" in labels["距污染源"] and "县自来水厂取水口" in labels["距下游取水口"]
    assert dn3.latest and {r[0] for r in dn3.latest} >= {"镉（Cd）", "pH"}


def test_local_basemap_tiles_render_offline(tmp_path, mapview, qtbot):
    import math

    from fieldapp.maps.basemap import from_tile_folder
    from tile_png import png

    lat, lon, z = 24.65, 108.40, 12
    n = 2 ** z
    cx = int((lon + 180) / 360 * n)
    cy = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    for x in range(cx - 3, cx + 4):
        for y in range(cy - 3, cy + 4):
            (tmp_path / "tiles" / str(z) / str(x)).mkdir(parents=True, exist_ok=True)
            (tmp_path / "tiles" / str(z) / str(x) / f"{y}.png").write_bytes(png((90, 160, 90), 256))
    out = builder.build_map_html(MapData(points=[SamplingPoint("a", "A", "", lon, lat, status="within")]),
                                 tmp_path / "tiles.html", basemap=from_tile_folder(tmp_path / "tiles"),
                                 view=(lat, lon, z))
    mapview.load(out)
    qtbot.waitUntil(lambda: mapview.js("document.querySelectorAll('img.leaflet-tile-loaded').length") >= 4,
                    timeout=10000)
    srcs = mapview.js("Array.from(document.querySelectorAll('img.leaflet-tile-loaded')).map(i => i.src)")
    assert all(s.startswith("file://") and "/tiles/12/" in s for s in srcs)
    assert mapview.guard.blocked == []
