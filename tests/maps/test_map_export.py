"""The exported map page opened as someone else would: the file alone, copied to another folder, in
a QtWebEngine view that may not read any other local file and has no network. It must draw every
point in its verdict colour, the legend must show every symbol the map draws, popups speak the
user's language, the source mark sits above the site icons, an intake's pin leaves its sampling
point visible, and no two code labels overlap."""
from __future__ import annotations

import json
import shutil

import pytest

pytest.importorskip("PySide6.QtWebEngineWidgets")

from PySide6.QtWebEngineCore import QWebEngineSettings  # noqa: E402

from fieldapp.cli import main  # noqa: E402
from fieldapp.maps.status import point_statuses  # noqa: E402
from fieldapp.vocab.verdict import COLOURS  # noqa: E402

from map_webview import MapView  # noqa: E402

pytestmark = [pytest.mark.qt, pytest.mark.webengine]


@pytest.fixture
def isolated_view(qtbot):
    mv = MapView(qtbot)
    settings = mv.page.settings()
    # a file page that may read no other local file: anything outside the map file itself fails
    settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, False)
    yield mv
    mv.close()


def _hex(rgb: str) -> str:
    """'rgb(215, 48, 31)' -> '#d7301f'."""
    nums = [int(x) for x in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]]
    return "#" + "".join(f"{n:02x}" for n in nums)


def test_exported_map_works_alone_from_another_folder(demo_store, tmp_path, isolated_view):
    store, inc = demo_store
    built = tmp_path / "app" / "map.html"
    assert main(["map", "build", "--out", str(built), "--store", str(store.path)]) == 0
    elsewhere = tmp_path / "sent-by-usb" / "事件地图.html"
    elsewhere.parent.mkdir()
    shutil.copyfile(built, elsewhere)
    shutil.rmtree(built.parent)                       # nothing left where it was built
    mv = isolated_view
    mv.load(elsewhere)
    got = json.loads(mv.js("""JSON.stringify(Array.from(document.querySelectorAll('path.fieldapp-point')).map(
        function (p) { return [p.getAttribute('class'), getComputedStyle(p).fill]; }))"""))
    statuses = point_statuses(store, inc)
    points = store.list_points(inc["uuid"])
    assert len(got) == len(points) == 19
    want = sorted(COLOURS[statuses.get(p["uuid"], "none")] for p in points)
    assert sorted(_hex(fill) for _cls, fill in got) == want
    assert mv.guard.blocked == [] and not [c for c in mv.console if "Not allowed" in c or "ERR_" in c]

    legend = mv.js("document.querySelector('.fieldapp-legend').textContent")
    for word in ("超标", "达标", "污染源", "饮用水取水口", "应急物资库", "河流"):
        assert word in legend, word
    drawn_kinds = set(mv.js("Array.from(document.querySelectorAll('.leaflet-marker-pane .fieldapp-site'))"
                            ".map(function (e) { return e.className.match(/fieldapp-site-(\\w+)/)[1]; })"))
    legend_kinds = set(mv.js("Array.from(document.querySelectorAll('.fieldapp-legend .fieldapp-site'))"
                             ".map(function (e) { return (e.className.match(/fieldapp-site-(\\w+)/) || [0, 'source'])[1]; })"))
    assert drawn_kinds <= legend_kinds and "source" in legend_kinds

    wi = next(p for p in points if p["code"] == "WI-01")
    assert mv.js(f"fieldappPanTo('{wi['uuid']}')") is True
    popup = mv.js("document.querySelector('.leaflet-popup-content').textContent")
    assert "饮用水取水口" in popup and "water_intake" not in popup

    z = mv.js("""JSON.stringify({src: +getComputedStyle(document.querySelector('.leaflet-fieldappSource-pane')).zIndex,
                                 sites: +getComputedStyle(document.querySelector('.leaflet-marker-pane')).zIndex})""")
    z = json.loads(z)
    assert z["src"] > z["sites"]


def test_labels_do_not_overlap_and_intake_point_stays_visible(demo_store, tmp_path, isolated_view):
    store, inc = demo_store
    out = tmp_path / "m.html"
    assert main(["map", "build", "--out", str(out), "--store", str(store.path)]) == 0
    mv = isolated_view
    mv.load(out)
    overlaps = mv.js("""(function () {
        var els = Array.from(document.querySelectorAll('.leaflet-tooltip.fieldapp-label'))
            .filter(function (e) { return e.style.visibility !== 'hidden'; });
        var r = els.map(function (e) { return e.getBoundingClientRect(); }), n = 0;
        for (var i = 0; i < r.length; i++) for (var j = i + 1; j < r.length; j++)
            if (r[i].left < r[j].right && r[i].right > r[j].left && r[i].top < r[j].bottom && r[i].bottom > r[j].top) n++;
        return {overlaps: n, shown: els.length, hidden: window.fieldapp.hiddenLabels};
    })()""")
    assert overlaps["overlaps"] == 0 and overlaps["shown"] + overlaps["hidden"] == 19
    # the WI-01 circle's centre is not under the intake pin (the pin stands above its location)
    covered = mv.js("""(function () {
        var wi = Array.from(document.querySelectorAll('path.fieldapp-point')).filter(function (p) {
            return window.fieldapp.markers && true; });
        var pins = Array.from(document.querySelectorAll('.fieldapp-site-intake')).map(function (e) {
            return e.getBoundingClientRect(); });
        var hit = 0;
        Object.keys(window.fieldapp.points).forEach(function (u) {
            var p = window.fieldapp.points[u]; if (!p.wi) return;
            var c = window.fieldapp.map.latLngToContainerPoint([p.y, p.x]);
            var box = window.fieldapp.map.getContainer().getBoundingClientRect();
            var el = document.elementFromPoint(box.left + c.x, box.top + c.y);
            if (el && el.closest && el.closest('.fieldapp-site')) hit++;
        });
        return {hit: hit, pins: pins.length};
    })()""")
    assert covered["pins"] >= 1 and covered["hit"] == 0
    mv.view.grab().save(str(tmp_path / "map.png"))
