"""The Sync tab end to end: export from one laptop's window, import into another's, through the panel."""
from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from fieldapp.store import open_store
from fieldapp.sync import keys


@pytest.fixture
def two_windows(qtbot, demo_store, tmp_path):
    from fieldapp.ui.app import build_main_window, create_application

    team_store, inc = demo_store
    group = open_store(tmp_path / "group.sqlite", create=True)
    group.set_identity("生态环境部工作组", "部工作组", "group-laptop")
    keys.trust(group, keys.public_hex(team_store), team=team_store.identity.team,
               device=team_store.identity.device, device_id=team_store.identity.device_id)
    keys.trust(team_store, keys.public_hex(group), team="部工作组", device="group-laptop",
               device_id=group.identity.device_id)
    _app, tr = create_application()
    w1 = build_main_window(team_store, tr, "zh_CN", make_demo=False)
    w2 = build_main_window(group, tr, "zh_CN", make_demo=False)
    for w in (w1, w2):
        qtbot.addWidget(w)
        w.resize(1280, 860)
        w.show()
    yield w1, w2, inc
    group.close()


def test_export_then_import_through_the_panel(qtbot, two_windows, tmp_path, monkeypatch):
    w1, w2, inc = two_windows
    p1, p2 = w1.panels["sync"], w2.panels["sync"]
    assert keys.read_aloud(keys.public_hex(w1.store)) in p1.ui.codeLabel.text()
    assert p2.ui.keysTable.rowCount() == 1  # the team's key, with its code
    assert p2.ui.keysTable.item(0, 0).text() == keys.read_aloud(keys.public_hex(w1.store))

    bundle = tmp_path / "team.fabundle"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(bundle), ""))
    p1.ui.peerCombo.setCurrentText("部工作组")
    p1.ui.encryptCheck.setChecked(True)  # sealed to the group's key
    with qtbot.waitSignal(p1.job_done, timeout=20000) as sig:
        qtbot.mouseClick(p1.ui.exportButton, Qt.LeftButton)
    assert sig.args == ["export"], p1.ui.statusLabel.text()
    assert bundle.stat().st_size > 1000

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bundle), ""))
    progress = []
    p2.ui.progressBar.valueChanged.connect(progress.append)
    with qtbot.waitSignal(p2.job_done, timeout=30000) as sig:
        qtbot.mouseClick(p2.ui.importButton, Qt.LeftButton)
    assert sig.args == ["import"], p2.ui.receiptText.toPlainText()
    n_points = len(w1.store.list_points(inc["uuid"]))
    assert len(w2.store.list_points(inc["uuid"])) == n_points > 0
    assert "sampling_points: added" in p2.ui.receiptText.toPlainText()
    assert progress and max(progress) == p2.ui.progressBar.maximum()
    teams = {p2.ui.teamsTable.item(r, 0).text() for r in range(p2.ui.teamsTable.rowCount())}
    assert w1.store.identity.team in teams

    # the same bundle again: reported, nothing changes
    with qtbot.waitSignal(p2.job_done, timeout=20000):
        qtbot.mouseClick(p2.ui.importButton, Qt.LeftButton)
    assert p2.last_receipt.status == "already imported"
    p2.grab().save(str(tmp_path / "sync_panel.png"))


def test_conflict_shows_in_review_list_and_refusal_in_status(qtbot, two_windows, tmp_path):
    w1, w2, inc = two_windows
    p2 = w2.panels["sync"]
    from fieldapp.sync import export_bundle, import_bundle

    w1.session.write(lambda st: export_bundle(st, tmp_path / "seed.fab"))
    w2.session.write(lambda st: import_bundle(st, tmp_path / "seed.fab"))
    pt = w1.store.list_points(inc["uuid"])[0]
    w1.session.write(lambda st: st.update_point(pt["uuid"], name="队伍修改"))
    w2.session.write(lambda st: st.update_point(pt["uuid"], name="工作组修改"))
    w1.session.write(lambda st: export_bundle(st, tmp_path / "edit.fab"))
    with qtbot.waitSignal(p2.job_done, timeout=20000):
        p2.import_from(tmp_path / "edit.fab")
    assert p2.ui.conflictTable.rowCount() == 1
    assert p2.ui.conflictTable.item(0, 1).text() == pt["uuid"][:8]
    assert "name: 队伍修改 → 工作组修改" in p2.ui.conflictTable.item(0, 5).text()   # kept → current
    p2.ui.conflictTable.selectRow(0)
    qtbot.mouseClick(p2.ui.reviewedButton, Qt.LeftButton)
    assert p2.ui.conflictTable.rowCount() == 0

    bad = tmp_path / "bad.fab"
    bad.write_bytes((tmp_path / "edit.fab").read_bytes()[:-5])
    with qtbot.waitSignal(p2.job_done, timeout=20000) as sig:
        p2.import_from(bad)
    assert sig.args == ["failed"]
    assert "truncated" in p2.ui.statusLabel.text()
    assert p2.ui.importButton.isEnabled() and not p2.ui.cancelButton.isEnabled()


def test_cancel_rolls_the_import_back(qtbot, two_windows, tmp_path):
    w1, w2, _inc = two_windows
    from fieldapp.sync import export_bundle

    w1.session.write(lambda st: export_bundle(st, tmp_path / "all.fab"))
    before = w2.store.conn.execute("SELECT COUNT(*) FROM measurements").fetchone()[0]
    p2 = w2.panels["sync"]
    with qtbot.waitSignal(p2.job_done, timeout=20000) as sig:
        p2.import_from(tmp_path / "all.fab")
        qtbot.mouseClick(p2.ui.cancelButton, Qt.LeftButton)  # the worker checks between batches
    assert sig.args == ["failed"]
    assert "cancelled" in p2.ui.statusLabel.text()
    assert w2.store.conn.execute("SELECT COUNT(*) FROM measurements").fetchone()[0] == before
    assert w2.store.conn.execute("SELECT COUNT(*) FROM sync_imports").fetchone()[0] == 0
