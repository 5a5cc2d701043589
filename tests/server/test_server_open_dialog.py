"""File > Open a server incident (read-only), as an analyst uses it: a wrong address is refused in
Chinese in the dialog; the right one lists the server's incidents with both teams; opening one
pulls a read-only copy and starts a window of its own on it (a real process, checked running)."""
from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from server_helpers import trust_laptops
from sync_helpers import make_laptop

pytestmark = [pytest.mark.qt]


@pytest.fixture
def two_team_incident(server, tmp_path):
    from fieldapp.server.importer import import_bundles
    from fieldapp.sync import export_bundle

    a = make_laptop(tmp_path / "a.sqlite", "应急一队", "laptop-a")
    b = make_laptop(tmp_path / "b.sqlite", "应急二队", "laptop-b")
    inc = a.create_incident("尾矿库泄漏", "2026-11-01 08:00", code="T-01")
    export_bundle(a, tmp_path / "a0.fab")
    trust_laptops(b, a)
    from fieldapp.sync import import_bundle

    import_bundle(b, tmp_path / "a0.fab")
    a.add_point(inc["uuid"], 24.65, 108.20, role="source", code="SRC-01")
    b.add_point(inc["uuid"], 24.55, 108.31, role="downstream", code="DN-07")
    export_bundle(a, tmp_path / "a.fab")
    export_bundle(b, tmp_path / "b.fab")
    trust_laptops(server, a, b)
    import_bundles(server, [tmp_path / "a.fab", tmp_path / "b.fab"])
    yield inc
    a.close()
    b.close()


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[1][0] not in "ZX"
    except OSError:
        return False


def test_open_server_incident_from_the_window(server_url, two_team_incident, qtbot, tmp_path, monkeypatch):
    from fieldapp.store import open_store
    from fieldapp.ui.app import create_application
    from fieldapp.ui.server_dialog import ServerIncidentDialog

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    _app, tr = create_application()
    tr.set_language("zh_CN")
    dialog = ServerIncidentDialog(None, "zh_CN")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "打开服务器上的事件（只读）"
    dialog.address.setText(server_url.replace("/wg_", "/missing_"))
    dialog.connect_button.click()
    qtbot.waitUntil(lambda: "无法连接服务器" in dialog.message.text(), timeout=15000)
    assert dialog.table.rowCount() == 0

    dialog.address.setText(server_url)
    dialog.connect_button.click()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=15000)
    cells = [dialog.table.item(0, c).text() for c in range(dialog.table.columnCount())]
    assert cells[0] == "T-01" and set(cells[2].split("、")) == {"应急一队", "应急二队"} and cells[3] == "2"
    assert "1 个事件" in dialog.message.text()
    dialog.table.selectRow(0)
    assert dialog.open_button.isEnabled()
    shots = Path(os.environ.get("FIELDAPP_SCREENSHOTS") or tmp_path)   # docs/screenshots refreshes the picture
    dialog.grab().save(str(shots / "server_open_zh.png"))
    dialog.open_button.click()
    qtbot.waitUntil(lambda: dialog.started_pid is not None or "无法" in dialog.message.text(), timeout=30000)
    pid = dialog.started_pid
    assert pid, dialog.message.text()
    try:
        cmd = open(f"/proc/{pid}/cmdline", "rb").read().split(b"\0")
        assert b"--read-only" in cmd and b"gui" in cmd
        copy = cmd[cmd.index(b"--store") + 1].decode()
        assert copy.startswith(str(tmp_path / "cache"))
        assert not os.access(copy, os.W_OK) or os.geteuid() == 0   # 0444 (root may write anyway)
        with open_store(copy, read_only=True) as st:
            assert {p["code"] for p in st.list_points(two_team_incident["uuid"])} == {"SRC-01", "DN-07"}
        time.sleep(4)
        assert _alive(pid), "the read-only window's process ended at once"
    finally:
        if _alive(pid):
            os.kill(pid, signal.SIGTERM)
    from fieldapp import settings

    assert settings.load().server == server_url   # remembered for next time
    tr.set_language("en")
