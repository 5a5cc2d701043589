"""The Plans tab as a user meets it: import a plan file through the preview, see a bad file's
problems with Import disabled, tick the plan for the incident, ask for the nearest lime; screenshot."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

pytestmark = [pytest.mark.qt]

# FIELDAPP_SCREENSHOTS=docs/screenshots refreshes the committed pictures; otherwise they go to tmp
SHOTS_ENV = "FIELDAPP_SCREENSHOTS"


@pytest.fixture
def plans_window(demo_store, qtbot):
    from fieldapp.ui import plans_panel
    from fieldapp.ui.app import build_main_window, create_application

    store, inc = demo_store
    _app, tr = create_application()
    win = build_main_window(store, tr, "zh_CN", make_demo=False, panels=False)
    panel = plans_panel.attach(win.session, win)
    qtbot.addWidget(win)
    win.resize(1300, 860)
    win.show()
    win.ui.mainTabs.setCurrentWidget(panel)
    yield win, panel, store, inc
    import shiboken6

    win.close()
    shiboken6.delete(win)       # now: the next test's language switch must not reach a half-gone window
    tr.set_language("en")


def test_import_preview_pick_and_ask_nearest_lime(plans_window, qtbot, tmp_path):
    from fieldapp.plans.fixture import make_fixture

    win, panel, store, inc = plans_window
    bad = tmp_path / "坏文件.geojson"
    bad.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"名称": "闸1", "类型": "水闸"}, "geometry": None},
        {"type": "Feature", "properties": {"名称": "闸2", "类型": "水闸"},
         "geometry": {"type": "Point", "coordinates": [24.6, 108.3]}}]}, ensure_ascii=False), encoding="utf-8")
    dlg = panel.open_import(str(bad))
    dlg.run_preview()
    qtbot.waitUntil(lambda: dlg.preview is not None, timeout=20000)
    assert not dlg.importButton.isEnabled()
    texts = [dlg.messages.item(i).text() for i in range(dlg.messages.count())]
    assert any("without geometry" in t for t in texts) and any("look swapped" in t for t in texts)
    dlg.reject()

    fx = make_fixture(tmp_path / "全国预案.gpkg", rivers=200, facilities=12_000, warehouses=600, items=6000)
    dlg = panel.open_import(str(fx.path))
    dlg.planEdit.setText("全国一河一策一图（生成）")
    dlg.run_preview()
    qtbot.waitUntil(lambda: dlg.preview is not None and dlg.previewButton.isEnabled(), timeout=30000)
    assert dlg.layerList.count() == 4 and dlg.importButton.isEnabled()
    dlg.layerList.setCurrentRow(1)
    assert dlg.sampleTable.rowCount() > 0
    with qtbot.waitSignal(dlg.imported, timeout=60000):
        dlg.run_import()
    qtbot.waitUntil(lambda: panel.plansTable.rowCount() == 1, timeout=10000)
    from PySide6.QtCore import Qt
    qtbot.waitUntil(lambda: panel.plansTable.item(0, 0).checkState() == Qt.Checked, timeout=10000)
    assert store.conn.execute("SELECT COUNT(*) FROM incident_plans WHERE incident_uuid = ? AND deleted = 0",
                              (inc["uuid"],)).fetchone()[0] == 1

    lon, lat = store.conn.execute("SELECT lon, lat FROM map_sites WHERE kind = 'facility' AND river_uuid IS NOT "
                                  "NULL AND source_id != '' ORDER BY rowid LIMIT 1 OFFSET 500").fetchone()
    panel.lonSpin.setValue(lon)
    panel.latSpin.setValue(lat)
    panel.materialCombo.setCurrentIndex(panel.materialCombo.findData("lime"))
    before = panel.answers
    panel.ask()
    qtbot.waitUntil(lambda: panel.answers > before, timeout=20000)
    assert panel.materialTable.rowCount() == 5
    dists = [float(panel.materialTable.item(r, 1).text().split()[0]) for r in range(5)]
    assert dists == sorted(dists)
    assert "石灰" in panel.materialTable.item(0, 2).text()
    assert "km" in panel.interceptTitle.text()
    qtbot.wait(200)
    shots = Path(os.environ.get(SHOTS_ENV) or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    assert win.grab().save(str(shots / "plans-nearest-material.png"))
