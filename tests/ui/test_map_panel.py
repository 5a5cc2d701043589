"""The Map tab in a real main window: the demo incident rendered by QtWebEngine with no network,
counted through JavaScript; the QWebChannel link both ways; refresh keeping the view."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

pytest.importorskip("PySide6.QtWebEngineWidgets")

pytestmark = [pytest.mark.qt, pytest.mark.webengine]

COUNT_JS = """({
    points: document.querySelectorAll('.leaflet-overlay-pane path.fieldapp-point').length,
    exceeded: document.querySelectorAll('path.fieldapp-st-exceeded').length,
    ok: document.querySelectorAll('path.fieldapp-st-within').length,
    rivers: document.querySelectorAll('.leaflet-overlay-pane path.fieldapp-river').length,
    riverLen: (document.querySelector('path.fieldapp-river') || {getTotalLength: () => 0}).getTotalLength(),
    sites: document.querySelectorAll('.leaflet-marker-pane .fieldapp-site').length,
    source: document.querySelectorAll('.leaflet-fieldappSource-pane .fieldapp-source').length,
    bridge: !!fieldapp.bridgeReady
})"""


def js(panel, qtbot, script, timeout=8000):
    box = {}
    panel._js(script, lambda r: box.setdefault("r", r))
    qtbot.waitUntil(lambda: "r" in box, timeout=timeout)
    return box["r"]


@pytest.fixture
def map_window(demo_store, qtbot):
    from fieldapp.ui.app import build_main_window, create_application

    store, inc = demo_store
    # the demo plume has passed by "now": a fresh field reading of 0.05 mg/L Cd (10x the class III
    # limit) at DN-03 must turn that point red, through the toolkit's exceedance assessment
    dn3 = next(p for p in store.list_points(inc["uuid"]) if p["code"] == "DN-03")
    store.add_measurement(dn3["uuid"], "Cd", "0.05", "mg/L")
    from fieldapp.ui import map_panel

    _app, tr = create_application()
    win = build_main_window(store, tr, "zh_CN", make_demo=False, panels=False)
    panel = map_panel.attach(win.session, win)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    win.ui.mainTabs.setCurrentWidget(panel)          # the web view is made when the tab is shown
    # the product's own guard (map_panel._BlockRemote) is what keeps the page offline here
    assert isinstance(panel.guard, map_panel._BlockRemote)
    qtbot.waitUntil(lambda: panel.ready, timeout=40000)
    yield win, panel, store, inc, tr
    panel.shutdown()
    import shiboken6

    win.close()
    shiboken6.delete(win)       # now: the next test's language switch must not reach a half-gone window
    tr.set_language("en")       # remove this test's translators from the shared application


def test_demo_incident_map_renders_offline_with_its_layers(map_window, qtbot, tmp_path):
    win, panel, store, inc, _ = map_window
    points = store.list_points(inc["uuid"])
    # the demo incident got its layers from the panel (river, intake, facilities, warehouses)
    n_sites = store.conn.execute("SELECT count(*) FROM map_sites s JOIN map_layers l ON l.uuid = s.layer_uuid "
                                 "WHERE l.incident_uuid = ?", (inc["uuid"],)).fetchone()[0]
    assert n_sites >= 4
    qtbot.waitUntil(lambda: js(panel, qtbot, "fieldapp.bridgeReady === true") is True, timeout=10000)
    c = js(panel, qtbot, COUNT_JS)
    assert c["points"] == len(points)
    assert c["rivers"] == 1 and c["riverLen"] > 300
    assert c["sites"] == n_sites and c["source"] == 1       # + the pollution-source mark, in its own pane
    # colours come from the core verdict: the demo plume exceeds Cd limits somewhere
    from fieldapp.maps.status import point_statuses
    statuses = point_statuses(win.store, inc)
    dn3 = next(p for p in points if p["code"] == "DN-03")
    assert statuses[dn3["uuid"]] == "exceeded"
    assert c["exceeded"] == sum(1 for s in statuses.values() if s == "exceeded") >= 1
    assert c["ok"] == sum(1 for s in statuses.values() if s == "within") >= 1
    up = next(p for p in points if p["code"] == "UP-01")   # the control above the source stays clean
    assert statuses[up["uuid"]] == "within"
    assert js(panel, qtbot, "fieldapp.points[{!r}].s".format(dn3["uuid"])) == "exceeded"
    assert panel.guard.blocked == []
    qtbot.wait(300)       # labels settle before the picture
    assert win.grab().save(str(tmp_path / "map_panel.png"))


def test_the_panels_guard_blocks_every_remote_request(map_window, qtbot):
    """A page asking for a tile server is refused by the panel's own interceptor (and it says so)."""
    from PySide6.QtCore import QUrl

    _win, panel, *_ = map_window
    # (a file:// page may not even ask for remote subresources; a navigation does reach the
    # interceptor.) A reserved name: if the guard failed, nothing could be reached anyway.
    url = "https://tiles.example.invalid/5/26/13.png"
    panel.view.load(QUrl(url))
    qtbot.waitUntil(lambda: url in panel.guard.blocked, timeout=8000)
    assert all(not u.startswith(("file:", "data:")) for u in panel.guard.blocked)


STATUS_RE = re.compile(r'\{"u":"([0-9a-f-]{36})".*?"s":(null|"[a-z_]+")')


def test_cli_map_build_draws_the_same_statuses_as_the_map_tab(map_window, qtbot, tmp_path):
    """`fieldapp map build` on the same store: every point has the colour the app shows it in."""
    win, panel, store, inc, _ = map_window
    shown = js(panel, qtbot, "Object.fromEntries(Object.values(fieldapp.points).map(p => [p.u, p.s]))")
    out = tmp_path / "cli-map.html"
    run = subprocess.run([sys.executable, "-m", "fieldapp", "map", "build", "--store", str(win.session.path),
                          "--incident", inc["code"], "--out", str(out)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    built = {u: json.loads(s) for u, s in STATUS_RE.findall(out.read_text(encoding="utf-8"))}
    assert built == shown and len(built) == len(win.store.list_points(inc["uuid"]))
    assert sum(1 for s in built.values() if s == "exceeded") >= 1      # not every point grey


def test_map_click_starts_a_new_point_there(map_window, qtbot, monkeypatch):
    win, panel, _store, _inc, _ = map_window
    calls = []
    monkeypatch.setattr(win, "add_point", lambda lat_lon=None: calls.append(lat_lon))
    qtbot.waitUntil(lambda: js(panel, qtbot, "fieldapp.bridgeReady === true") is True, timeout=10000)
    # a Leaflet click event at a known spot goes through the page's own handler and the channel
    js(panel, qtbot, "fieldapp.map.fire('click', {latlng: L.latLng(24.6612, 108.3745), "
                     "containerPoint: fieldapp.map.latLngToContainerPoint([24.6612, 108.3745])}) && true")
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=8000)
    lat, lon = calls[0]
    assert lat == pytest.approx(24.6612, abs=1e-6) and lon == pytest.approx(108.3745, abs=1e-6)


def test_marker_click_selects_the_point_in_the_table(map_window, qtbot):
    win, panel, store, inc, _ = map_window
    target = next(p for p in store.list_points(inc["uuid"]) if p["code"] == "DN-05")
    qtbot.waitUntil(lambda: js(panel, qtbot, "fieldapp.bridgeReady === true") is True, timeout=10000)
    js(panel, qtbot, f"fieldapp.markers['{target['uuid']}'].fire('click', {{}}, true) && true")
    qtbot.waitUntil(lambda: (win.current_point() or {}).get("uuid") == target["uuid"], timeout=8000)


def test_table_selection_pans_the_map_and_answers_distances(map_window, qtbot):
    win, panel, store, inc, _ = map_window
    target = next(p for p in store.list_points(inc["uuid"]) if p["code"] == "DN-10")
    win.select_point(target["uuid"])

    def centred():
        c = js(panel, qtbot, "fieldapp.map.getCenter()")
        return abs(c["lat"] - target["lat"]) < 1e-4 and abs(c["lng"] - target["lon"]) < 1e-4

    qtbot.waitUntil(centred, timeout=8000)
    assert js(panel, qtbot, "fieldapp.map.getZoom()") >= 14
    # the side list: distance from the source along the river, the intake downstream, warehouses
    tree = panel.ui.answersTree

    def answers():
        return {tree.topLevelItem(i).text(0): tree.topLevelItem(i).text(1) for i in range(tree.topLevelItemCount())}

    qtbot.waitUntil(lambda: any("km" in v for v in answers().values()), timeout=8000)
    texts = " | ".join(f"{k}: {v}" for k, v in answers().items())
    assert "县自来水厂取水口" in texts
    lime = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount()) if "lime" in tree.topLevelItem(i).text(0))
    assert lime.childCount() >= 1 and "km" in lime.child(0).text(1)


def test_refresh_on_data_change_keeps_the_view(map_window, qtbot):
    win, panel, store, inc, _ = map_window
    js(panel, qtbot, "fieldapp.map.setView([24.64, 108.41], 13, {animate: false}) && true")
    before = panel.builds
    # a write through the session is all it takes: the map rebuilds from its RecordsChanged event
    # (and the selection stays where it was: no pan)
    p = win.session.write(lambda st: st.add_point(inc["uuid"], 24.612, 108.447, code="NEW-01", role="downstream"))
    qtbot.waitUntil(lambda: panel.builds > before and panel.ready, timeout=30000)
    # the new page has the new point, and opened where the user was, not at the fit-to-all view
    assert js(panel, qtbot, f"!!fieldapp.points[{p['uuid']!r}]") is True
    v = js(panel, qtbot, "fieldapp.getView()")
    assert v["zoom"] == 13
    assert v["lat"] == pytest.approx(24.64, abs=1e-4) and v["lng"] == pytest.approx(108.41, abs=1e-4)
