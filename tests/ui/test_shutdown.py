"""Quitting the app in the middle of work: a bundle import, 50 Hz instrument recording.

File > Quit while the writer is importing or devices stream must not raise, abort or lose
anything: the import finishes whole (the window waits, with a "Saving…" notice), every record the
app took in from a reader is a stored row, and no thread is left running (tests/conftest.py's
no_dangling_threads checks the last part after every test).
"""
from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QTimer

from fieldapp.instruments.simulator import DeviceSimulator
from fieldapp.store import open_store
from fieldapp.sync import keys
from fieldapp.ui import workers

pytestmark = pytest.mark.qt


def _window(store, lang="zh_CN"):
    from fieldapp.ui.app import build_main_window, create_application

    _app, tr = create_application()
    win = build_main_window(store, tr, lang, make_demo=False, panels=False)
    win.resize(1280, 800)
    win.show()
    return win


def _team_bundle(demo_store, group, tmp_path, extra=6000):
    """The demo plus `extra` measurements, exported for the group: an import with many batches."""
    from fieldapp.sync import export_bundle

    team, inc = demo_store
    pts = [team.get("sampling_points", p["uuid"]) for p in team.list_points(inc["uuid"])]
    team.add_measurements([team.prepare_measurement(pts[k % len(pts)], "Cd", f"{0.001 + k % 7 * 0.001:.3f}",
                                                    "mg/L", measured_at=f"2026-11-27T{k % 24:02d}:{k % 60:02d}:00Z")
                           for k in range(extra)])
    keys.trust(group, keys.public_hex(team), team=team.identity.team, device=team.identity.device,
               device_id=team.identity.device_id)
    export_bundle(team, tmp_path / "team.fabundle")
    n = team.conn.execute("SELECT COUNT(*) FROM measurements").fetchone()[0]
    return tmp_path / "team.fabundle", n


def test_quit_during_a_bundle_import_finishes_it_whole(qtbot, demo_store, tmp_path):
    from fieldapp.ui import sync_panel

    group = open_store(tmp_path / "group.sqlite", create=True)
    group.set_identity("生态环境部工作组", "部工作组", "group-laptop")
    bundle, n_measurements = _team_bundle(demo_store, group, tmp_path)
    group_path = group.path
    win = _window(group)
    qtbot.addWidget(win)
    panel = sync_panel.attach(win.session, win)
    at_quit = {}

    def quit_now(*_):
        if at_quit:
            return
        at_quit["running"] = [t.label for t in workers.RUNNING]
        at_quit["writer"] = win.session.writer.busy_with
        QTimer.singleShot(0, win.ui.actionQuit.trigger)        # File > Quit, as a user would
    panel.ui.progressBar.valueChanged.connect(quit_now)         # the import has started, mid-way
    panel.import_from(bundle)
    qtbot.waitUntil(lambda: win.session.closed, timeout=60000)
    assert at_quit["running"] == ["import"] and at_quit["writer"] == "import"
    assert not workers.RUNNING
    # reopened: the whole bundle is in, the store is sound
    st = open_store(group_path)
    try:
        assert st.conn.execute("SELECT COUNT(*) FROM sync_imports").fetchone()[0] == 1
        assert st.conn.execute("SELECT COUNT(*) FROM measurements").fetchone()[0] == n_measurements
        assert st.check()["integrity"] == "ok"
    finally:
        st.close()


def test_quit_during_50_hz_recording_keeps_every_reading(qtbot, store, tmp_path):
    from fieldapp.ui import instruments_panel

    inc = store.create_incident("化工厂泄漏 test spill", code="T-01")
    store.add_point(inc["uuid"], 30.59, 114.30, code="W-01", media="water")
    path = store.path
    win = _window(store)
    qtbot.addWidget(win)
    panel = instruments_panel.attach(win.session, win)
    sims = []
    try:
        for name in ("wtw_multi", "ysi_exo"):
            prof = panel.profiles[name]
            if prof.poll:
                prof = panel.profiles[name] = dataclasses.replace(prof, poll={**prof.poll, "interval": 0.02})
            sim = DeviceSimulator(prof, rate_hz=50, seed=len(sims) + 3)
            sims.append(sim)
            panel.connect_device(sim.start(), name, name.upper())
        qtbot.waitUntil(lambda: panel.records_seen > 100, timeout=20000)
        sink = panel.sink
        seen_before = panel.records_seen
        win.ui.actionQuit.trigger()                               # the devices are still talking
        assert win.session.closed and panel.records_seen >= seen_before
        accepted = sink.accepted
        assert sink.stats.failures == 0 and accepted > 50
    finally:
        for sim in sims:
            sim.stop()
    st = open_store(path)
    try:
        stored = st.conn.execute("SELECT COUNT(*) FROM instrument_raw WHERE device IN ('WTW_MULTI', 'YSI_EXO')"
                                 ).fetchone()[0]
        readings = st.conn.execute("SELECT COUNT(*) FROM instrument_readings").fetchone()[0]
    finally:
        st.close()
    assert stored == accepted            # every record the app took in is a row: nothing lost at quit
    assert readings > accepted           # and their readings with them (several channels per record)
