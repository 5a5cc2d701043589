"""The user guide's screenshots, made by the test suite so they never go stale: the first-hour strip,
the exceedance banner and the drill scorecard in both languages, then the help window itself showing
its pictures, F1 opening it.

A run writes the pictures to its temporary folder (a test run leaves the checkout as it was);
``FIELDAPP_SCREENSHOTS=docs/screenshots`` refreshes the committed ones: the guide's pictures in
resources/help/img/ and the help window in docs/screenshots/help_<lang>.png."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument

from fieldapp.drills.run import create_drill
from fieldapp.drills.scenario import scenario
from fieldapp.guide.proposals import add_proposals, propose_points
from fieldapp.maps.demo_layers import DEMO_RIVER, river_point
from fieldapp.maps.layer_import import write_layer
from fieldapp.store.drills import delete_drill
from fieldapp.ui.app import PANEL_MODULES, attach_panels, build_main_window
from fieldapp.ui.help_window import HELP_DIR

pytestmark = [pytest.mark.qt, pytest.mark.slow]
IMG = HELP_DIR / "img"
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _plan(store):
    with store.transaction():
        write_layer(store, "某河干流", "river", [{"name": "某河", "coords": list(DEMO_RIVER)}], [],
                    source_file="plan", source_format="test")
        lon, lat = river_point(12_000, -30)
        write_layer(store, "取水口", "intake", [], [{"kind": "intake", "name": "县水厂取水口", "lon": lon, "lat": lat}],
                    source_file="plan", source_format="test")


def _save(widget, path: Path, rect: QRect | None = None, width: int = 860) -> Path:
    """A grab of ``widget`` (or part of it), at most ``width`` px wide: the help window's width."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pix = widget.grab(rect) if rect is not None else widget.grab()
    if pix.width() > width:
        pix = pix.scaledToWidth(width, Qt.SmoothTransformation)
    assert not pix.isNull() and pix.save(str(path))
    return path


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_help_screenshots_and_window(app, qtbot, store, lang, tmp_path):
    short = "en" if lang == "en" else "zh"
    refresh = bool(os.environ.get("FIELDAPP_SCREENSHOTS"))
    img_dir, shots = (IMG, SHOTS) if refresh else (tmp_path / "img", tmp_path)
    _plan(store)
    win = build_main_window(store, app[1], lang, make_demo=False, panels=False)
    attach_panels(win, [m for m in PANEL_MODULES if m != "fieldapp.ui.map_panel"])   # no map in these pictures
    qtbot.addWidget(win)
    win.resize(1366, 740)
    win.show()
    qtbot.waitExposed(win)
    session, guide = win.session, win.panels["guide"]
    lon, lat = river_point(3_000)

    def start(st):
        inc = st.create_incident("某县苯酚槽罐车侧翻" if short == "zh" else "Phenol tanker overturned",
                                 kind="tanker_accident")
        st.add_point(inc["uuid"], lat, lon, code="SRC-01", role="source", name="泄漏点")
        add_proposals(st, inc["uuid"], propose_points(st, inc["uuid"]).items)
        return inc
    inc = session.write(start)
    with qtbot.waitSignal(guide.refreshed, timeout=5000):
        session.set_incident(inc["uuid"])
    top = guide.mapTo(win, guide.rect().bottomRight()).y() + 4
    strip = _save(win, img_dir / f"first_hour_{short}.png", QRect(0, 0, win.width(), top))
    intake = next(p for p in session.store.list_points(inc["uuid"]) if p["role"] == "water_intake")
    with qtbot.waitSignal(guide.banner_shown, timeout=5000):
        session.write(lambda st: st.add_measurement(intake["uuid"], "挥发酚", "0.031", "mg/L"))
    qtbot.waitUntil(guide.banner.isVisible, timeout=3000)
    qtbot.wait(100)
    top = guide.mapTo(win, guide.rect().bottomRight()).y() + 4
    banner = _save(win, img_dir / f"banner_{short}.png", QRect(0, 0, win.width(), top))
    assert ("超标" in guide.banner.title.text()) if short == "zh" else ("limit" in guide.banner.title.text())

    drill = session.write(lambda st: create_drill(st, scenario("tailings_cd")))
    session.set_incident(drill["uuid"])
    card = win.show_scorecard()
    qtbot.waitExposed(card)
    score = _save(card, img_dir / f"scorecard_{short}.png")
    card.close()
    session.write(lambda st: delete_drill(st, drill["uuid"]))

    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=3000)
    qtbot.keyClick(win, Qt.Key_F1)                          # F1 opens the guide
    help_win = win._help_window
    qtbot.waitExposed(help_win)
    html = help_win.browser.toHtml()
    for img in (strip, banner, score):                      # the guide shows these pictures
        assert img.stat().st_size > 5000 and f"../img/{img.name}" in html and (IMG / img.name).is_file()
        data = help_win.browser.loadResource(QTextDocument.ResourceType.ImageResource, QUrl(f"../img/{img.name}"))
        assert data is not None and not QImage.fromData(data).isNull() if not isinstance(data, QImage) \
            else not data.isNull()
    assert help_win.browser.source().toLocalFile().endswith(f"{short}/guide.md")
    _save(help_win, shots / f"help_{short}.png", width=2000)
    help_win.close()
