"""The sampling UI driven like a user would: keyboard first, real store, restart in the middle."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from fieldapp.store import open_store
from fieldapp.ui.app import build_main_window
from ui_helpers import when_modal

pytestmark = pytest.mark.qt


def _when_modal(qtbot, fn):
    when_modal(fn)


def _type_and_enter(qtbot, widget, text):
    """Type like a user, then press Enter. QTest can only synthesise ASCII keys, so Chinese text
    (entered through an input method in real life) is inserted as one commit instead."""
    widget.setFocus()
    if hasattr(widget, "selectAll"):
        widget.selectAll()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        widget.insert(text)
    qtbot.keyClick(widget, Qt.Key_Return)


def test_first_run_asks_identity_once_and_opens_demo(app, qtbot, store_path):
    _, translations = app
    st = open_store(store_path, create=True)

    def fill(dlg):
        ui = dlg.ui
        for w, text in ((ui.unitEdit, "某县生态环境局"), (ui.teamEdit, "应急一队"), (ui.membersEdit, "张三，李四"),
                        (ui.deviceEdit, "laptop-07")):
            _type_and_enter(qtbot, w, text)   # Enter moves on; on the last field it accepts
    _when_modal(qtbot, fill)
    win = build_main_window(st, translations, "zh_CN", panels=False)
    qtbot.addWidget(win)
    assert st.identity.team == "应急一队" and st.identity.members == ["张三", "李四"]
    assert "【演示】" in win.ui.incidentCombo.currentText()
    assert win.points_model.rowCount() == 19
    assert win.ui.addPointButton.text().startswith("添加点位")  # Chinese by default
    win.close()
    st.close()
    # second start: no identity question, same incident
    st = open_store(store_path)
    win = build_main_window(st, translations, "zh_CN", panels=False)
    qtbot.addWidget(win)
    assert win.incident["code"] == "DEMO-01"
    st.close()


def test_type_point_in_dms_add_sample_and_measurement_then_restart(app, qtbot, store, store_path):
    _, translations = app
    win = build_main_window(store, translations, "en", make_demo=False, panels=False)
    qtbot.addWidget(win)
    win.show()
    assert win.incident is None and win.points_model.rowCount() == 0

    def new_incident(dlg):     # File > New incident: name typed, then Enter through to the end
        _type_and_enter(qtbot, dlg.ui.nameEdit, "清水河苯胺泄漏")
        dlg.ui.locationEdit.setText("某县清水河")
        dlg.accept()
    _when_modal(qtbot, new_incident)
    win.ui.actionNewIncident.trigger()
    inc = win.incident
    assert inc["name"] == "清水河苯胺泄漏" and inc["standard"] == "GB3838-III"
    assert win.store.list_incidents()[0]["uuid"] == inc["uuid"]
    assert win.ui.incidentCombo.currentData() == inc["uuid"]       # the list followed the new incident

    from fieldapp.ui.point_dialog import PointDialog
    dlg = PointDialog(win.session, parent=win)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    ui = dlg.ui
    ui.roleCombo.setCurrentIndex(ui.roleCombo.findData("downstream"))
    assert ui.codeEdit.placeholderText() == "DN-01"
    _type_and_enter(qtbot, ui.nameEdit, "桥下 below the bridge")
    assert dlg.focusWidget() is ui.mediaCombo      # Enter moved on
    ui.latEdit.setFocus()
    qtbot.keyClicks(ui.latEdit, "24 39 04.5 N")   # DMS as typed on a keyboard with no degree key
    qtbot.keyClick(ui.latEdit, Qt.Key_Return)
    assert dlg.focusWidget() is ui.lonEdit
    qtbot.keyClicks(ui.lonEdit, "108 19 48 E")
    assert "✓ 24.651250, 108.330000" in ui.coordPreview.text()
    qtbot.keyClick(ui.lonEdit, Qt.Key_Return)
    qtbot.keyClick(ui.descriptionEdit, Qt.Key_Return)   # last field: accepts
    assert dlg.result() == QDialog.Accepted
    point = dlg.result_row
    assert point["code"] == "DN-01" and point["lat"] == pytest.approx(24.65125)
    # the write announced itself: the table shows the point without anyone reloading it
    assert win.points_model.rowCount() == 1 and win.current_point()["code"] == "DN-01"

    from fieldapp.ui.sample_dialog import SampleDialog
    sd = SampleDialog(win.session, win.store.get("sampling_points", point["uuid"]), win)
    qtbot.addWidget(sd)
    sd.ui.depthEdit.setText("0.5")
    sd.accept()
    assert sd.result_row["sample_code"].startswith("DN-01-")

    from fieldapp.ui.measurement_dialog import MeasurementDialog
    md = MeasurementDialog(win.session, win.store.get("sampling_points", point["uuid"]), win)
    qtbot.addWidget(md)
    md.show()
    md.ui.parameterCombo.setCurrentText("Cd")
    _type_and_enter(qtbot, md.ui.valueEdit, "12.5")
    md.ui.unitCombo.setCurrentText("µg/L")
    md.accept()
    assert md.result_row["value"] == pytest.approx(0.0125)
    assert win.samples_model.rowCount() == 1
    m = win.measurements_model
    assert m.rowCount() == 1
    texts = [m.data(m.index(0, c)) for c in range(m.columnCount())]
    assert "0.0125" in texts and "mg/L" in texts and "12.5 µg/L" in texts
    win.close()
    store.close()

    st2 = open_store(store_path)
    win2 = build_main_window(st2, translations, "en", make_demo=False, panels=False)
    qtbot.addWidget(win2)
    assert win2.incident["uuid"] == inc["uuid"]
    assert win2.points_model.rows[0]["code"] == "DN-01"
    assert win2.measurements_model.rowCount() == 1 and win2.samples_model.rowCount() == 1
    st2.close()


def test_bad_coordinates_keep_the_dialog_open_with_a_message(app, qtbot, session, incident, monkeypatch):
    from fieldapp.ui.point_dialog import PointDialog
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    # (replaces the autouse guard that fails on unexpected boxes: this one is expected)
    session.set_incident(incident["uuid"])
    dlg = PointDialog(session)
    qtbot.addWidget(dlg)
    dlg.ui.latEdit.setText("108.3")
    dlg.ui.lonEdit.setText("24.6")
    assert "⚠" in dlg.ui.coordPreview.text()
    dlg.accept()
    assert shown and "is the longitude" in shown[0]     # not "swapped": one axis alone cannot tell
    assert dlg.result() != QDialog.Accepted
    assert session.store.list_points(incident["uuid"]) == []


def test_undo_last_edit_and_delete_with_confirmation(app, qtbot, store, incident, monkeypatch):
    _, translations = app
    p = store.add_point(incident["uuid"], 24.5, 108.3, code="DN-01", name="old name")
    win = build_main_window(store, translations, "en", make_demo=False, panels=False)
    qtbot.addWidget(win)
    win.select_point(p["uuid"])

    def edit(dlg):
        dlg.ui.nameEdit.setText("new name")
        dlg.accept()
    _when_modal(qtbot, edit)
    win.edit_point()
    assert win.store.get("sampling_points", p["uuid"])["name"] == "new name"
    assert win.points_model.rows[0]["name"] == "new name"
    assert win.ui.actionUndo.isEnabled()
    win.ui.actionUndo.trigger()
    assert win.store.get("sampling_points", p["uuid"])["name"] == "old name"
    assert win.points_model.rows[0]["name"] == "old name"

    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a: asked.append(a[2]) or QMessageBox.Yes)
    win.select_point(p["uuid"])
    win.delete_point()
    assert asked and "DN-01" in asked[0]
    assert win.store.list_points(incident["uuid"]) == [] and win.points_model.rowCount() == 0
    win.undo()
    assert [x["code"] for x in win.store.list_points(incident["uuid"])] == ["DN-01"]
    assert win.points_model.rowCount() == 1


def test_language_switch_retranslates_live(app, qtbot, store, incident):
    _, translations = app
    win = build_main_window(store, translations, "zh_CN", make_demo=False, panels=False)
    qtbot.addWidget(win)
    assert win.ui.addPointButton.text() == "添加点位(&A)"
    assert win.points_model.headerData(0, Qt.Horizontal) == "编号"
    win.ui.actionEnglish.trigger()
    QApplication.processEvents()
    assert win.ui.addPointButton.text() == "&Add point"
    assert win.points_model.headerData(0, Qt.Horizontal) == "Code"
    assert win.ui.actionEnglish.isChecked() and not win.ui.actionChinese.isChecked()


def test_main_window_screenshot_in_chinese(app, qtbot, demo_store, tmp_path):
    """Renders the demo in Chinese; the PNG is kept for a person to look at (see docs/screenshots)."""
    _, translations = app
    store, _ = demo_store
    win = build_main_window(store, translations, "zh_CN", panels=False)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    QApplication.processEvents()
    img = win.grab().toImage()
    assert img.width() >= 1280 and not img.isNull()
    out = tmp_path / "main_zh.png"      # the test's own folder: never a fixed /tmp path
    assert img.save(str(out)) and out.stat().st_size > 20_000
