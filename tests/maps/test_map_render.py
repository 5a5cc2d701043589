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
            out[p["uuid"]] = "ok"
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
        legend: !!document.querySelector('.fieldapp-legend'),
        layers: document.querySelectorAll('.leaflet-control-layers-overlays label').length,
        scale: (document.querySelector('.leaflet-control-scale-line') || {}).textContent || ''
    })""")
    c = json.loads(counts)
    assert c["points"] == len(points) == 19
    assert c["exceeded"] == sum(1 for s in statuses.values() if s == "exceeded")
    assert c["nodata"] == 1
    assert c["rivers"] == 1 and c["riverPathLen"] > 300     # a long drawn line, not an empty path
    assert c["icons"] == n_sites + 1                        # sites + the pollution-source mark
    assert c["legend"] and c["layers"] == 5
    assert "km" in c["scale"] or " m" in c["scale"]
    assert mapview.guard.blocked == []                      # never even tried the network

    # wait for the labels to settle, then keep a picture of the demo map for people to look at
    qtbot.wait(300)
    img = mapview.view.grab()
    assert img.save("/tmp/map_demo.png")
    assert img.width() > 500


def test_cdn_assets_would_give_a_blank_page(tmp_path, mapview, qtbot, monkeypatch):
    """The same check fails on folium's default CDN page: proves the render test can fail."""
    monkeypatch.setattr(builder.assets, "asset_urls", lambda: (
        [("leaflet", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js")],
        [("leaflet_css", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css")]))
    data = MapData(points=[SamplingPoint("u1", "P-01", "p", 108.3, 24.7, status="ok")])
    out = builder.build_map_html(data, tmp_path / "cdn.html")
    with qtbot.waitSignal(mapview.view.loadFinished, timeout=20000) as sig:
        mapview.view.load(__import__("PySide6.QtCore", fromlist=["QUrl"]).QUrl.fromLocalFile(str(out)))
    assert sig.args == [True]                                # loadFinished says "success"...
    assert mapview.js("typeof L") == "undefined"             # ...on a page with no Leaflet
    assert mapview.js("document.querySelectorAll('path.fieldapp-point').length") == 0
    assert any("cdn.jsdelivr.net" in u for u in mapview.guard.blocked)


def test_user_text_is_shown_as_text_and_runs_nothing(tmp_path, mapview):
    data = MapData(title=XSS, points=[
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


def test_thousands_of_points_draw_on_a_canvas(tmp_path, mapview):
    rng = random.Random(5)
    pts = [SamplingPoint(f"u{i}", f"P{i}", "", 108.3 + rng.random() * 0.2, 24.55 + rng.random() * 0.15,
                         status=rng.choice(["ok", "exceeded", "not_detected", None])) for i in range(2000)]
    out = builder.build_map_html(MapData(points=pts), tmp_path / "big.html")
    mapview.load(out, timeout=30000)
    stats = json.loads(mapview.js("JSON.stringify(fieldapp.stats())"))
    assert stats["canvas"] and stats["points"] == 2000
    assert mapview.js("document.querySelectorAll('path.fieldapp-point').length") == 0
    # read the canvas under 40 markers: each pixel must carry its marker's status colour
    res = json.loads(mapview.js("""(function () {
        var cv = document.querySelector('.leaflet-overlay-pane canvas');
        var ctx = cv.getContext('2d'), r = cv.getBoundingClientRect(), sx = cv.width / r.width;
        var out = [], ids = Object.keys(fieldapp.markers).slice(0, 400);
        ids.forEach(function (id) {
          var m = fieldapp.markers[id], p = fieldapp.map.latLngToContainerPoint(m.getLatLng());
          var mp = fieldapp.map.getContainer().getBoundingClientRect();
          var x = Math.round((p.x + mp.left - r.left) * sx), y = Math.round((p.y + mp.top - r.top) * sx);
          if (x < 0 || y < 0 || x >= cv.width || y >= cv.height) return;
          var d = ctx.getImageData(x, y, 1, 1).data;
          out.push([m.options.fillColor, d[0], d[1], d[2], d[3]]);
        });
        return JSON.stringify(out);
    })()"""))
    assert len(res) > 100
    def rgb(h):
        return tuple(int(h[i:i + 2], 16) for i in (1, 3, 5))
    # markers overlap, so the topmost may be another one's colour: most must match exactly-ish
    good = sum(1 for col, r, g, b, a in res if a > 200 and max(abs(x - y) for x, y in zip(rgb(col), (r, g, b))) < 40)
    assert good > 0.6 * len(res)
    assert all(a > 200 for *_, a in res)                  # something was drawn under every marker


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
        SamplingPoint("a", "A", "", 108.30, 24.70, status="ok"),
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
    center = json.loads(mapview.js("JSON.stringify(fieldapp.getView())"))
    assert center["lat"] == pytest.approx(24.60, abs=1e-4) and center["lng"] == pytest.approx(108.40, abs=1e-4)
    assert mapview.js("fieldappPanTo('nope')") is False
    mapview.js("fieldapp.markers['b'].fire('click')")
    qtbot.waitUntil(lambda: bridge.selected == ["b"], timeout=5000)

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
    assert dn3.latest and {r[0] for r in dn3.latest} >= {"Cd", "pH"}
