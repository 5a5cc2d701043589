"""The Map tab with a large plan picked: the page holds only what each view needs (clusters far out,
sites close in, rivers simplified), answered through the Qt bridge on a worker; plus a screenshot."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_map_panel import js

pytest.importorskip("PySide6.QtWebEngineWidgets")

pytestmark = [pytest.mark.qt, pytest.mark.webengine]

# FIELDAPP_SCREENSHOTS=docs/screenshots refreshes the committed pictures; otherwise they go to tmp
SHOTS_ENV = "FIELDAPP_SCREENSHOTS"


@pytest.fixture
def plan_window(demo_store, qtbot, tmp_path):
    from fieldapp.plans.fixture import make_fixture
    from fieldapp.plans.importer import import_plan, pick_plan
    from fieldapp.ui import map_panel
    from fieldapp.ui.app import build_main_window, create_application

    store, inc = demo_store
    fx = make_fixture(tmp_path / "plan.gpkg", rivers=300, facilities=25_000, warehouses=900, items=5000)
    res = import_plan(store, fx.path, plan_name="全国一河一策一图（生成）")
    pick_plan(store, inc["uuid"], res.plan_uuid)
    _app, tr = create_application()
    win = build_main_window(store, tr, "zh_CN", make_demo=False, panels=False)
    panel = map_panel.attach(win.session, win)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    win.ui.mainTabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.ready, timeout=40000)
    qtbot.waitUntil(lambda: js(panel, qtbot, "fieldapp.planStats ? fieldapp.planStats.answers : 0") >= 1,
                    timeout=20000)
    yield win, panel, store, inc
    panel.shutdown()
    import shiboken6

    win.close()
    shiboken6.delete(win)
    tr.set_language("en")


def _view(panel, qtbot, lat, lon, zoom):
    before = js(panel, qtbot, "fieldapp.planStats.answers")
    js(panel, qtbot, f"fieldapp.map.setView([{lat}, {lon}], {zoom}, {{animate: false}}) && true")
    qtbot.waitUntil(lambda: js(panel, qtbot, "fieldapp.planStats.answers") > before, timeout=15000)
    return js(panel, qtbot, "fieldapp.planStats")


def test_the_plan_is_served_per_view_never_put_into_the_page(plan_window, qtbot):
    win, panel, store, inc = plan_window
    html = panel.map_path.read_text(encoding="utf-8")
    some = [r[0] for r in store.conn.execute("SELECT s.name FROM map_sites s JOIN map_layers l ON l.uuid = s.layer_uuid "
                                             "WHERE l.plan_uuid IS NOT NULL LIMIT 50")]
    assert not any(name in html for name in some)
    assert '"planView":true' in html and len(html) < 2_000_000
    lon, lat = store.conn.execute("SELECT AVG(lon), AVG(lat) FROM map_sites WHERE kind = 'facility'").fetchone()
    far = _view(panel, qtbot, lat, lon, 5)
    assert far["mode"] == "clusters" and 10 < far["clusters"] < 2000 and far["rivers"] > 10
    b = js(panel, qtbot, "(function (b) { return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; })"
                         "(fieldapp.map.getBounds())")
    in_view = store.conn.execute(
        "SELECT COUNT(*) FROM map_sites s JOIN map_layers l ON l.uuid = s.layer_uuid WHERE l.plan_uuid IS NOT NULL "
        "AND s.lon BETWEEN ? AND ? AND s.lat BETWEEN ? AND ?", (b[0], b[2], b[1], b[3])).fetchone()[0]
    assert far["count"] == in_view > 20_000               # most of the plan is in that view, as clusters
    drawn = js(panel, qtbot, "document.querySelectorAll('.fieldapp-cluster').length")
    assert drawn > 10
    x, y = store.conn.execute("SELECT s.lon, s.lat FROM map_sites s JOIN map_layers l ON l.uuid = s.layer_uuid "
                              "WHERE l.plan_uuid IS NOT NULL AND s.kind = 'intake' LIMIT 1").fetchone()
    near = _view(panel, qtbot, y, x, 13)
    assert near["mode"] == "points" and 1 <= near["points"] <= 1500
    # what a user sees: a click on a drawn site opens its popup
    qtbot.wait(300)
    assert panel.guard.blocked == []


def test_screenshot_of_the_map_with_a_large_plan(plan_window, qtbot, tmp_path):
    win, panel, store, inc = plan_window
    lon, lat = store.conn.execute("SELECT AVG(lon), AVG(lat) FROM map_sites WHERE kind = 'facility'").fetchone()
    stats = _view(panel, qtbot, lat, lon, 6)
    assert stats["mode"] == "clusters"
    qtbot.wait(500)
    shots = Path(os.environ.get(SHOTS_ENV) or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    assert win.grab().save(str(shots / "map-large-plan.png"))
    drawn = js(panel, qtbot, "document.querySelectorAll('.fieldapp-cluster').length")
    assert 10 < drawn <= stats["clusters"]              # a count label on every cluster of more than one site
