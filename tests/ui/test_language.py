"""Chinese everywhere, English complete: switch to each language, open every tab, dialog and menu,
and fail on any string in the other language or any raw identifier (tests/ui/langcheck.py).
Also: the window fits a 1366×768 laptop, accelerators are unique per window, Qt's own dialogs speak
the interface language, and core errors reach a dialog in it."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox

from fieldapp.drills.run import create_drill
from fieldapp.drills.scenario import scenario
from fieldapp.ui.app import build_main_window

from langcheck import identifiers, menu_strings, problems, table_cells, widget_strings

pytestmark = [pytest.mark.qt, pytest.mark.slow]

DATA_WIDGETS = {"incidentCombo", "portCombo", "peerCombo", "encryptCombo", "scenarioBrowser", "detailBrowser",
                "resultsList", "browseTree", "liveTable", "devicesTable", "identityLabel", "codeLabel",
                "incidentInfo", "pointLabel", "statusLabel", "previewLabel", "resultLabel", "mapView",
                "keysTable", "teamsTable", "conflictsTable", "importsTable", "summaryLabel",
                "shipmentCombo"}   # hand-over time · recipient as typed · sample count
# model columns the app renders from codes (role, media, verdict …); the others hold what people typed
RENDERED = {"pointsTable": [2, 3], "measurementsTable": [1, 4, 5], "samplesTable": [4], "logTable": [1]}


DATA: set[str] = set()        # names people typed (points, incidents): filled per test from the store


def _check(strings, lang, ids) -> list[str]:
    return [p for where, text in strings for p in problems(text, lang, ids, where, DATA)]


def _dialog_strings(open_dialog, lang, ids) -> list[str]:
    """Open a modal dialog through ``open_dialog()``, read it, close it."""
    found: list[str] = []

    def poll():
        dlg = QApplication.activeModalWidget()
        if dlg is None:
            QTimer.singleShot(20, poll)
            return
        found.extend(_check(widget_strings(dlg, DATA_WIDGETS) + [("title", dlg.windowTitle())], lang, ids))
        found.append(f"SIZE {dlg.width()}x{dlg.height()}")
        dlg.reject()
    QTimer.singleShot(0, poll)
    open_dialog()
    return found


@pytest.fixture
def windows(app, qtbot, demo_store):
    made = []

    def make(lang):
        store, inc = demo_store
        win = build_main_window(store, app[1], lang, make_demo=False)
        qtbot.addWidget(win)
        win.resize(1366, 740)
        win.show()
        qtbot.waitExposed(win)
        made.append(win)
        return win
    yield make


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_every_tab_dialog_and_menu_speaks_one_language(windows, qtbot, lang, tmp_path):
    win = windows(lang)
    short = "en" if lang == "en" else "zh"
    ids = identifiers()
    DATA.clear()
    DATA.update(r[0] for r in win.store.conn.execute(
        "SELECT name FROM sampling_points WHERE name != '' UNION SELECT name FROM incidents"))
    issues: list[str] = []
    issues += _check(menu_strings(win.menuBar()), short, ids)
    tabs = win.ui.mainTabs
    for i in range(tabs.count()):
        tabs.setCurrentIndex(i)
        qtbot.wait(150)
        issues += _check(widget_strings(tabs.widget(i), DATA_WIDGETS) + [("tab", tabs.tabText(i))], short, ids)
    issues += _check(widget_strings(win.panels["guide"]), short, ids)
    for view, cols in RENDERED.items():
        issues += _check(table_cells(getattr(win.ui, view), cols), short, ids)
    for sub in range(win.ui.detailTabs.count()):
        win.ui.detailTabs.setCurrentIndex(sub)
        issues += _check(widget_strings(win.ui.detailTabs.widget(sub), DATA_WIDGETS), short, ids)
    # every dialog of the window
    tabs.setCurrentIndex(0)
    sizes = []
    for opener in (win.new_incident, win.add_point, win.edit_point, win.add_measurement, win.add_sample,
                   win.propose_points, win.edit_identity,
                   lambda: __import__("fieldapp.ui.drill_ui", fromlist=["x"]).start_drill(win)):
        found = _dialog_strings(opener, short, ids)
        sizes += [f for f in found if f.startswith("SIZE")]
        issues += [f for f in found if not f.startswith("SIZE")]
    for size in sizes:          # dialogs fit the laptop screen with their buttons
        w, h = map(int, size.split()[1].split("x"))
        assert w <= 1366 and h <= 720, size
    # Qt's own dialogs (file picker, message box buttons) in the interface language
    fd = QFileDialog(win, "x")
    fd.setOption(QFileDialog.DontUseNativeDialog)
    fd.show()
    qt_words = [t for _, t in widget_strings(fd)]
    fd.close()
    joined = " ".join(qt_words)
    if short == "zh":
        assert "查看" in joined and "Look in" not in joined, joined      # qtbase_zh_CN is loaded
    else:
        assert "Look in" in joined
    box = QMessageBox(QMessageBox.Question, "x", "x", QMessageBox.Yes | QMessageBox.No, win)
    yes = box.button(QMessageBox.Yes).text()
    assert ("是" in yes) if short == "zh" else ("Yes" in yes)
    # the help window and a drill's scorecard
    help_win = win.show_help()
    issues += _check(widget_strings(help_win) + [("help", help_win.windowTitle())], short, ids)
    text = help_win.browser.toPlainText()
    assert ("首小时" in text) if short == "zh" else ("first hour" in text and not any("\u4e00" <= c <= "\u9fff" for c in text))
    help_win.close()
    drill = win.session.write(lambda st: create_drill(st, scenario("tanker_phenol")))
    win.session.set_incident(drill["uuid"])
    qtbot.wait(100)
    issues += _check(widget_strings(win.panels["guide"]), short, ids)
    card = win.show_scorecard()
    issues += _check(widget_strings(card) + [("scorecard", card.windowTitle())]
                     + [("scorecard", card.table.item(r, c).text()) for r in range(card.table.rowCount())
                        for c in range(card.table.columnCount()) if card.table.item(r, c)], short, ids)
    card.close()
    assert not issues, "\n".join(issues)


def switch(win, qtbot, lang):
    """The Language menu: Qt retranslates, the session re-renders content."""
    win.language_requested.emit(lang)
    qtbot.wait(100)


def test_the_window_fits_a_1366x768_laptop_in_both_languages(windows, qtbot):
    win = windows("zh_CN")
    for lang in ("zh_CN", "en"):
        switch(win, qtbot, lang)
        hint = win.minimumSizeHint()
        assert hint.width() <= 1366 and hint.height() <= 720, (lang, hint)


def test_accelerators_are_unique_in_every_window_and_dialog(windows, qtbot):
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QAbstractButton, QLabel

    win = windows("zh_CN")
    for lang in ("zh_CN", "en"):
        switch(win, qtbot, lang)
        tabs = win.ui.mainTabs
        clashes = []
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            qtbot.wait(50)
            seen: dict[str, str] = {}
            menus = [a.text() for a in win.menuBar().actions()]
            scope = [w for w in win.findChildren(QAbstractButton) + win.findChildren(QLabel) if w.isVisible()]
            texts = menus + [w.text() for w in scope]
            for text in texts:
                key = QKeySequence.mnemonic(text).toString()
                if key:
                    if key in seen and seen[key] != text:
                        clashes.append(f"{lang} tab {tabs.tabText(i)}: {key} for {seen[key]!r} and {text!r}")
                    seen[key] = text
        assert not clashes, "\n".join(clashes)


def test_enter_in_the_log_field_adds_to_the_log_not_edit_point(windows, qtbot, monkeypatch):
    win = windows("en")
    opened = []
    monkeypatch.setattr(win, "edit_point", lambda: opened.append("edit"))
    win.ui.detailTabs.setCurrentWidget(win.ui.logTab)
    before = len(win.log_model.rows)
    win.ui.logEdit.setFocus()
    qtbot.keyClicks(win.ui.logEdit, "water turns yellow at the bridge")
    qtbot.keyClick(win.ui.logEdit, Qt.Key_Return)
    assert not opened and len(win.log_model.rows) == before + 1


def test_a_core_error_reaches_the_dialog_in_the_interface_language(windows, qtbot, monkeypatch):
    from fieldapp.ui.point_dialog import PointDialog

    win = windows("zh_CN")
    for lang, expected in (("zh_CN", "纬度124超出"), ("en", "latitude 124 is outside")):
        switch(win, qtbot, lang)
        shown = []
        monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, shown=shown: shown.append(text))
        dlg = PointDialog(win.session, parent=win)
        dlg.ui.latEdit.setText("124")
        dlg.ui.lonEdit.setText("24.6")
        dlg.accept()
        assert shown and expected in shown[0] and "swapped" not in shown[0], shown
        dlg.close()
    buttons = QDialogButtonBox(QDialogButtonBox.Ok)
    assert buttons.button(QDialogButtonBox.Ok).text()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_raw_identifier_in_report_pdfs(demo_store, lang):
    import re
    import subprocess

    from fieldapp.reports.archive import make_report

    store, inc = demo_store
    ids = identifiers()
    for kind in ("initial", "followup", "final"):
        pdf = make_report(store, inc, kind, lang).pdf
        text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
        raw = {w for w in re.findall(r"[A-Za-z][A-Za-z0-9_]*", text) if w in ids and ("_" in w or lang == "zh")}
        assert not raw, (kind, sorted(raw))
