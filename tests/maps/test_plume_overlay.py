"""The predicted plume front on the incident map: built from the saved forecast, drawn by QtWebEngine."""
from __future__ import annotations

import json

import pytest

pytest.importorskip("PySide6.QtWebEngineWidgets")

from fieldapp.maps.loader import build_incident_map  # noqa: E402
from fieldapp.plume import overlay, records  # noqa: E402

from map_webview import MapView  # noqa: E402  (helper beside this file)

pytestmark = [pytest.mark.qt, pytest.mark.webengine]


def test_front_layer_follows_the_forecast(demo_store):
    store, inc = demo_store
    saved = records.load(store, inc["uuid"])
    start = saved["inputs"]["release"]["start"]
    early = overlay.front_layer(store, inc, start)
    assert early["features"] == [] and early["properties"]["front_chainage_m"] is None   # t = 0: nothing yet
    layer = overlay.front_layer(store, inc, saved["map_time"], lang="en")
    p = layer["properties"]
    # 14 h at 0.4 m/s is 20 km, plus the spread ahead: the front 20-30 km below the outfall (at 2 km)
    assert 22_000 < p["front_chainage_m"] < 32_000 and p["peak_mg_l"] > p["limit_mg_l"] == 0.005
    classes = [f["properties"]["class"] for f in layer["features"]]
    assert "over" in classes and classes[-1] == "front" and p["over_limit_m"] > 5_000
    line = next(f for f in layer["features"] if f["properties"]["class"] == "over")["geometry"]["coordinates"]
    assert all(108.2 < lon < 108.6 and 24.5 < lat < 24.75 for lon, lat in line)


def test_incident_map_draws_the_front_offline(demo_store, tmp_path, qtbot):
    store, inc = demo_store
    out = build_incident_map(store, inc["uuid"], tmp_path / "plume.html", lang="en")
    mv = MapView(qtbot)
    try:
        mv.load(out)
        got = json.loads(mv.js("""JSON.stringify({stats: fieldapp.stats(),
            paths: document.querySelectorAll('path.fieldapp-overlay').length,
            red: Array.from(document.querySelectorAll('path.fieldapp-overlay'))
                      .filter(p => p.getAttribute('stroke') === '#d7301f').length})"""))
        assert got["stats"]["overlays"] == 1 and got["paths"] >= 2 and got["red"] >= 1
        assert mv.guard.blocked == []
        qtbot.wait(300)
        assert mv.view.grab().save("/tmp/map_plume_front.png")
    finally:
        mv.close()
