"""The desktop app on a server incident: the consolidated data of two teams in the same window,
panels and map, read-only (every write refused with the reason), marked as a server copy."""
from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWebEngineWidgets")

from server_helpers import trust_laptops  # noqa: E402
from sync_helpers import make_laptop  # noqa: E402

pytestmark = [pytest.mark.qt, pytest.mark.webengine]


@pytest.fixture
def server_copy(server, tmp_path):
    from fieldapp.demo import create_demo_incident
    from fieldapp.server.importer import import_bundles
    from fieldapp.server.snapshot import open_copy, pull_incident
    from fieldapp.sync import export_bundle, import_bundle, keys

    a = make_laptop(tmp_path / "a.sqlite", "应急一队", "laptop-a")
    b = make_laptop(tmp_path / "b.sqlite", "应急二队", "laptop-b")
    keys.trust(b, keys.public_hex(a))
    inc = create_demo_incident(a)
    export_bundle(a, tmp_path / "a.fab")
    import_bundle(b, tmp_path / "a.fab")
    extra = b.add_point(inc["uuid"], 24.70, 108.31, role="downstream", code="DN-B1", name="二队加密断面")
    b.add_measurement(extra["uuid"], "Cd", "0.02", "mg/L")
    export_bundle(b, tmp_path / "b.fab")
    trust_laptops(server, a, b)
    import_bundles(server, [tmp_path / "a.fab", tmp_path / "b.fab"])
    copy = open_copy(pull_incident(server, inc["code"], tmp_path / "copies", source="service=wg"))
    yield copy, inc
    for s in (a, b):
        s.close()


def test_server_incident_opens_read_only_with_panels_and_map(server_copy, qtbot, tmp_path):
    from fieldapp.store import StoreReadOnly
    from fieldapp.ui.app import build_main_window, create_application

    store, inc = server_copy
    _app, tr = create_application()
    win = build_main_window(store, tr, "zh_CN", make_demo=False)
    try:
        win.resize(1400, 900)
        win.show()
        assert win.session.read_only
        assert "服务器副本（只读）" in win.windowTitle()
        assert "只读副本" in win.ui.incidentInfo.text() and "部工作组" in win.ui.incidentInfo.text()
        codes = {p["code"] for p in store.list_points(inc["uuid"])}
        assert "DN-B1" in codes and "SRC-01" in codes  # both teams' points
        tabs = [win.ui.mainTabs.tabText(i) for i in range(win.ui.mainTabs.count())]
        assert len(tabs) >= 6, tabs  # sampling, custody, log + the capability panels (map, reports…)
        with pytest.raises(StoreReadOnly):
            win.session.write(lambda st: st.add_point(inc["uuid"], 24.6, 108.2))
        from fieldapp.ui import map_panel

        panel = next(w for w in (win.ui.mainTabs.widget(i) for i in range(win.ui.mainTabs.count()))
                     if isinstance(w, map_panel.MapPanel))
        win.ui.mainTabs.setCurrentWidget(panel)
        qtbot.waitUntil(lambda: panel.ready, timeout=40000)
        box = {}
        panel._js("document.querySelectorAll('.leaflet-overlay-pane path.fieldapp-point').length",
                  lambda r: box.setdefault("n", r))
        qtbot.waitUntil(lambda: "n" in box, timeout=8000)
        assert box["n"] == len(codes)  # every consolidated point drawn, the second team's too
        win.grab().save(str(tmp_path / "server_copy.png"))
        assert (tmp_path / "server_copy.png").stat().st_size > 10_000
    finally:
        import shiboken6

        win.close()
        shiboken6.delete(win)   # before the language goes back: no retranslation of a closed session
        tr.set_language("en")
