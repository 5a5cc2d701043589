"""Device rows a technician can believe: connect / disconnect / reconnect, the same port refused,
errors on the row, never "connected" for a dead or wrong-profile reader, "no valid data", the
far-away GPS fix held back for confirmation, and a new device learned in the wizard."""
from __future__ import annotations

import copy
import os
import time
import tty

import pytest
from PySide6.QtCore import Qt

from fieldapp.instruments.parsers.nmea import nmea_checksum
from fieldapp.instruments.profiles import builtin_profile, profile_from_dict

from test_instruments_panel import start_sim, window  # noqa: F401 - the shared window fixture

pytestmark = [pytest.mark.qt]
CONNECTED = ("Connected", "已连接")


def stored_values(store, device):
    return store.conn.execute("SELECT count(*) FROM instrument_readings WHERE device = ?", (device,)).fetchone()[0]


def test_connect_disconnect_reconnect_and_the_same_port_twice(window, qtbot):  # noqa: F811
    win, panel, sims = window
    store = win.store
    _sim, port = start_sim(panel, sims, "wtw_multi", rate=20)
    name = panel.connect_device(port, "wtw_multi", "WTW-1")
    qtbot.waitUntil(lambda: panel.device_state(name) in CONNECTED and bool(panel.live_rows), timeout=10000)
    # the same port again, under another name: refused, with the reason, no second reader
    assert panel.connect_device(port, "rae_csv", "RAE-9") is None
    refused = panel.ui.resultLabel.text()
    assert "WTW-1" in refused and port in refused and list(panel.mgr.readers) == ["WTW-1"]
    # disconnect (nothing selected, one device): within a second no value arrives any more
    panel.ui.devicesTable.clearSelection()
    panel.ui.devicesTable.setCurrentCell(-1, -1)
    t0 = time.monotonic()
    qtbot.mouseClick(panel.ui.disconnectButton, Qt.LeftButton)
    assert not panel.live_rows                                  # its values left the live table at once
    qtbot.waitUntil(lambda: "WTW-1" not in panel.mgr.readers, timeout=1000)
    assert time.monotonic() - t0 < 1.0
    qtbot.waitUntil(lambda: panel.device_state(name) in ("Disconnected", "已断开"), timeout=2000)
    panel.sink.flush()
    before, seen = stored_values(store, name), panel.records_seen
    qtbot.wait(1000)
    panel.sink.flush()
    assert stored_values(store, name) == before and panel.records_seen == seen and not panel.live_rows
    # reconnect: the same row comes back green and values flow again
    assert panel.connect_device(port, "wtw_multi", "WTW-1") == "WTW-1"
    qtbot.waitUntil(lambda: panel.device_state(name) in CONNECTED and bool(panel.live_rows), timeout=10000)
    assert panel.ui.devicesTable.rowCount() == 1
    # the device table shows whole rows, several of them
    t = panel.ui.devicesTable
    assert t.viewport().height() >= 4 * t.rowHeight(0)


def test_a_reader_that_dies_shows_the_error_on_its_row_and_never_connected(window, qtbot):  # noqa: F811
    """An in-memory profile whose terminator bypassed the schema (as "\\r\\n" did before): the reader
    thread fails on it. The row must say so; it must never turn green."""
    win, panel, sims = window
    prof = copy.deepcopy(builtin_profile("wtw_multi"))
    prof.framing["terminator"] = "\r\n"
    panel.profiles[prof.name] = prof
    _sim, port = start_sim(panel, sims, "wtw_multi")
    name = panel.connect_device(port, "wtw_multi", "dead")
    qtbot.waitUntil(lambda: panel.device_state(name) in ("Error", "错误"), timeout=5000)
    assert "internal error" in panel.device_reason(name) and "terminator" in panel.device_reason(name)
    qtbot.wait(500)
    assert panel.device_state(name) in ("Error", "错误")
    row = panel.device_rows[name]
    assert panel.ui.devicesTable.item(row, 3).background().color().name() == "#f8c0c0"


def test_a_gps_on_the_wrong_profile_is_never_green(window, qtbot):  # noqa: F811
    win, panel, sims = window
    sim, port = start_sim(panel, sims, "gps_nmea", rate=10)
    name = panel.connect_device(port, "wtw_multi", "wrong")     # NMEA read with a water-meter profile
    qtbot.waitUntil(lambda: panel.device_state(name) in ("Error", "错误", "No valid data", "无有效数据"),
                    timeout=10000)
    seen = set()
    for _ in range(10):
        seen.add(panel.device_state(name))
        qtbot.wait(100)
    assert not seen & set(CONNECTED)


def test_a_silent_device_shows_no_valid_data(window, qtbot):  # noqa: F811
    win, panel, sims = window
    master, slave = os.openpty()
    port = os.ttyname(slave)
    tty.setraw(slave)
    os.close(slave)
    data = copy.deepcopy(builtin_profile("rae_csv").data)
    data["no_data_after"] = 1
    panel.profiles["rae_quick"] = profile_from_dict({**data, "name": "rae_quick"}, "rae_quick.yaml")
    try:
        name = panel.connect_device(port, "rae_quick", "silent")
        qtbot.waitUntil(lambda: panel.device_state(name) in ("No valid data", "无有效数据"), timeout=5000)
        assert "no valid data for 1 s" in panel.device_reason(name)
    finally:
        panel.disconnect_device(name)
        qtbot.waitUntil(lambda: name not in panel.mgr.readers, timeout=3000)
        os.close(master)


def test_a_broken_profile_file_is_listed_and_the_others_still_work(window, qtbot, tmp_path):  # noqa: F811
    from fieldapp.instruments.profiles import user_profile_dir

    win, panel, sims = window
    folder = user_profile_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "broken.yaml").write_text("name: broken\nframing: {type: line}\nrecord: {type: delimited, "
                                        "delimeter: ';'}\n", encoding="utf-8")
    panel.load_profiles()
    assert "broken.yaml: record.delimeter: unknown key; did you mean 'delimiter'?" in panel.ui.resultLabel.text()
    assert str(folder) in panel.folderLabel.text()
    assert panel.ui.profileCombo.findData("wtw_multi") >= 0
    bad = tmp_path / "cp.yaml"
    bad.write_bytes("name: x\nchannels: {Cond: {parameter: conductivity, unit: µS/cm}}\n".encode("cp1252"))
    assert panel.add_profile_file(str(bad)) is None
    assert "not UTF-8" in panel.ui.resultLabel.text()


def nmea(body: str) -> bytes:
    return f"${body}*{nmea_checksum(body):02X}\r\n".encode()


def test_a_far_away_gps_fix_needs_confirming_before_it_fills_the_point(window, qtbot):  # noqa: F811
    from fieldapp.ui.point_dialog import PointDialog

    win, panel, sims = window
    master, slave = os.openpty()
    port = os.ttyname(slave)
    tty.setraw(slave)
    os.close(slave)
    try:
        panel.connect_device(port, "gps_nmea", "GPS")
        qtbot.waitUntil(lambda: "GPS" in panel.mgr.readers and panel.mgr.readers["GPS"]._port is not None,
                        timeout=3000)
        os.write(master, nmea("GNGGA,031500.00,3954.2000,N,11623.4000,E,1,09,0.9,50.0,M,-3.1,M,,"))  # Beijing
        qtbot.waitUntil(lambda: win.session.gps_fix() is not None, timeout=5000)
        dlg = PointDialog(win.session, parent=win)
        qtbot.addWidget(dlg)
        dlg.show()
        qtbot.mouseClick(dlg.ui.gpsButton, Qt.LeftButton)
        assert dlg.confirmBox.isVisible() and dlg.ui.latEdit.text() == ""       # not filled yet
        assert "公里" in dlg.confirmLabel.text() or "km" in dlg.confirmLabel.text()
        assert dlg.grab().save("/tmp/point_far_fix.png")
        qtbot.mouseClick(dlg.confirmUseButton, Qt.LeftButton)
        assert abs(float(dlg.ui.latEdit.text()) - 39.903) < 0.001 and not dlg.confirmBox.isVisible()
        # a fix near the incident's point W-01 fills at once
        os.write(master, nmea("GNGGA,031501.00,3035.5680,N,11418.3300,E,1,09,0.9,23.4,M,-3.1,M,,"))
        qtbot.waitUntil(lambda: abs(win.session.gps_fix()[0] - 30.5928) < 1e-3, timeout=5000)
        dlg.ui.latEdit.clear()
        qtbot.mouseClick(dlg.ui.gpsButton, Qt.LeftButton)
        assert not dlg.confirmBox.isVisible() and abs(float(dlg.ui.latEdit.text()) - 30.5928) < 1e-3
        dlg.reject()
    finally:
        panel.disconnect_device("GPS")
        qtbot.waitUntil(lambda: "GPS" not in panel.mgr.readers, timeout=3000)
        os.close(master)


def test_learn_a_new_device_in_the_wizard(window, qtbot):  # noqa: F811
    from fieldapp.instruments.profiles import user_profile_dir

    win, panel, sims = window
    sim, port = start_sim(panel, sims, "wtw_multi", rate=10)       # the meter is fixed at 4800 baud
    dlg = panel.open_learn_dialog(port)
    dlg.seconds = 1.0
    qtbot.addWidget(dlg)
    dlg.ui.nameEdit.setText("field_wtw")
    qtbot.mouseClick(dlg.ui.listenButton, Qt.LeftButton)
    qtbot.waitUntil(lambda: dlg.proposal is not None, timeout=30000)
    assert dlg.capture.baudrate == 4800 and "Multi 3630" in dlg.ui.linesView.toPlainText()
    names = dlg.channel_parameters()
    assert "(do_sat)" in names["Oxi [%]"] and "(conductivity)" in names["Cond"]
    t = dlg.ui.channelsTable
    preview = {t.item(r, 0).text(): t.item(r, 3).text() for r in range(t.rowCount())}
    assert preview["Cond"].startswith("34") and "µS/cm" in preview["Cond"]
    assert dlg.ui.saveButton.isEnabled()
    dlg.resize(1000, 760)
    assert dlg.grab().save("/tmp/learn_dialog.png")
    qtbot.mouseClick(dlg.ui.saveButton, Qt.LeftButton)
    assert (user_profile_dir() / "field_wtw.yaml").exists()
    assert panel.ui.profileCombo.currentData() == "field_wtw"      # ready to connect
    dlg.close()
