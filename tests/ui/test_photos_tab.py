"""The Photos tab beside a point: attach by file, EXIF shown, the photo's position offered for the
point, chosen for reports."""
from __future__ import annotations

import pytest

from fieldapp.photos import report_photos

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "photos"))
from photo_files import jpeg_with_exif  # noqa: E402


@pytest.mark.qt
def test_the_photos_tab_attaches_and_offers_the_photo_position(app, qtbot, store, incident, tmp_path):
    from fieldapp.ui.app import build_main_window

    store.add_point(incident["uuid"], 24.60, 108.30, code="DN-01", role="downstream")
    win = build_main_window(store, app[1], "zh_CN", make_demo=False, panels=False)
    qtbot.addWidget(win)
    win.session.set_incident(incident["uuid"])
    assert win._photos is None                   # built when first shown, not with the window
    tabs = win.ui.detailTabs
    tabs.setCurrentIndex(next(i for i in range(tabs.count()) if tabs.tabText(i) == "照片"))
    assert win._photos is not None and win._photos.isVisibleTo(win)
    tab = win.photos_tab
    assert tab.point["code"] == "DN-01" and tab.list.count() == 0
    rows = tab.attach([str(jpeg_with_exif(tmp_path / "b.jpg"))])
    assert len(rows) == 1 and tab.list.count() == 1
    assert "2026-11-29" in tab.info.text() and "24.65123" in tab.info.text()
    assert tab.use_position.isEnabled()
    tab.use_position.click()
    moved = win.store.get("sampling_points", tab.point["uuid"])
    assert moved["lat"] == pytest.approx(24.651234, abs=1e-5) and moved["coord_source"] == "photo"
    tab.in_report.setChecked(True)
    assert report_photos(win.store, incident["uuid"])
