"""The toolkit tab driven like a user: type to search, Enter, double-click a measurement, tick a
checklist step; against a real store file that is closed and reopened."""
import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QColor

from fieldapp.store import open_store
from fieldapp.toolkit import load_toolkit
from fieldapp.ui import toolkit_panel
from fieldapp.ui.app import build_main_window
from fieldapp.vocab.verdict import BACKGROUNDS, EXCEEDED_BACKGROUNDS

pytestmark = pytest.mark.qt


@pytest.fixture
def make_window(app, qtbot):
    """Main window with only the toolkit panel attached (the map's WebEngine is not needed here).
    Windows are deleted at teardown, before the store closes: a closed but live window would still
    be re-polished (slowly) by the next test's application font and style sheet."""
    made = []

    def make(store, lang="zh_CN"):
        win = build_main_window(store, app[1], lang, make_demo=False, panels=False)
        toolkit_panel.attach(win.session, win)
        made.append(win)
        win.resize(1280, 800)
        win.show()
        qtbot.waitExposed(win)
        return win, win.panels["toolkit"]

    yield make
    for win in made:
        win.close()
        win.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)


def _type(qtbot, edit, text):
    edit.setFocus()
    edit.clear()
    if text.isascii():
        qtbot.keyClicks(edit, text)   # one key at a time: the list follows every keystroke
    else:
        edit.insert(text)             # Chinese arrives from the input method as one commit


def _docs(panel):
    lst = panel.ui.resultsList
    return [lst.item(i).data(toolkit_panel.DOC_ROLE) for i in range(lst.count())]


def test_search_as_you_type_finds_thallium_and_enter_opens_its_limits(qtbot, store, make_window):
    win, panel = make_window(store)
    win.ui.mainTabs.setCurrentWidget(panel)
    tl = load_toolkit().pollutant("thallium")
    limit = f"{tl['limits']['gb3838']['source_area']:g}"
    for query in ("铊", "Tl", "thalium", "7440-28-0", "ta"):
        _type(qtbot, panel.ui.searchEdit, query)
        assert _docs(panel)[0] == "thallium", query
        assert panel.ui.leftTabs.currentWidget() is panel.ui.resultsTab
        panel.ui.detailBrowser.clear()
        qtbot.keyClick(panel.ui.searchEdit, Qt.Key_Return)
        page = panel.ui.detailBrowser.toPlainText()
        assert page.splitlines()[0].strip() == "铊", query
        assert "GB 3838-2002" in page and limit in page
        assert "可信度" in page and "汇编清单" in page   # confidence marks and the compiled-list notice
    # typing on narrows the list as you go; nonsense and hostile input return cleanly
    _type(qtbot, panel.ui.searchEdit, "xqzv")
    assert _docs(panel) == []
    qtbot.keyClick(panel.ui.searchEdit, Qt.Key_Return)   # nothing to open: no crash, page unchanged
    for query in ("'; DROP TABLE toolkit_fts;--", '"*" OR', "铊" * 5000):
        panel.ui.searchEdit.setText(query)
    panel.ui.searchEdit.clear()
    assert panel.ui.leftTabs.currentWidget() is panel.ui.browseTab
    _type(qtbot, panel.ui.searchEdit, "Cd")
    assert _docs(panel)[0] == "cadmium"
    qtbot.keyClick(panel.ui.searchEdit, Qt.Key_Down)   # into the list: the highlighted hit is shown
    assert win.focusWidget() is panel.ui.resultsList and panel.current_doc == "cadmium"
    qtbot.keyClick(panel.ui.resultsList, Qt.Key_Down)
    assert panel.current_doc == _docs(panel)[1]


def test_browse_lists_the_25_pollutants_by_category_with_the_compiled_notice(qtbot, store, make_window):
    win, panel = make_window(store)
    win.ui.mainTabs.setCurrentWidget(panel)
    tk = load_toolkit()
    tree = panel.ui.browseTree
    listed = {}
    for i in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(i)
        docs = [group.child(j).data(0, toolkit_panel.DOC_ROLE) for j in range(group.childCount())]
        listed[group.text(0)] = docs
    pollutant_docs = [d for docs in listed.values() for d in docs if ":" not in d]
    assert sorted(pollutant_docs) == sorted(e["id"] for e in tk.pollutants) and len(pollutant_docs) == 25
    for key, label in tk.meta["categories"].items():
        members = [e["id"] for e in tk.pollutants if e["category"] == key]
        assert listed[f"{label['zh']} ({len(members)})"] == members
    assert panel.ui.noticeLabel.text() == tk.meta["compiled_notice"]["zh"]
    assert "已确认" in panel.ui.legendLabel.text() and "不确定" in panel.ui.legendLabel.text()
    # choosing an organic pollutant in the tree shows its page
    nb = next(g.child(j) for g in (tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))
              for j in range(g.childCount()) if g.child(j).data(0, toolkit_panel.DOC_ROLE) == "nitrobenzene")
    tree.setCurrentItem(nb)
    assert panel.ui.detailBrowser.toPlainText().startswith("硝基苯")


def _point(store, incident, role="downstream", code="DN-01"):
    return store.add_point(incident["uuid"], 24.6, 108.4, code=code, name=code, role=role, media="water")


def test_measurement_rows_show_limit_multiple_and_colour(qtbot, store, incident, make_window):
    pt = _point(store, incident)
    store.add_measurement(pt["uuid"], "Cd", "12", "µg/L", measured_at="2026-11-01 10:00")      # 0.012 vs 0.005
    store.add_measurement(pt["uuid"], "Cd", "0.003", "mg/L", measured_at="2026-11-01 11:00")
    store.add_measurement(pt["uuid"], "Cd", "ND", "mg/L", measured_at="2026-11-01 12:00")
    store.add_measurement(pt["uuid"], "Cd", "<0.001", "mg/L", measured_at="2026-11-01 13:00")
    store.add_measurement(pt["uuid"], "pH", "4.8", "pH", measured_at="2026-11-01 14:00")
    store.add_measurement(pt["uuid"], "氯化苦", "30", "mg/L", measured_at="2026-11-01 15:00")
    win, panel = make_window(store)
    model = win.measurements_model
    rows = {r["value_orig"]: (i, r) for i, r in enumerate(model.rows)}

    def colour(key):
        return model.data(model.index(rows[key][0], 0), Qt.BackgroundRole)

    over = rows["12"][1]
    assert over["exceed_text"] == "超标1.4倍" and over["limit_text"] == "≤0.005 mg/L"
    assert colour("12") == QColor(EXCEEDED_BACKGROUNDS[0])
    assert "GB 3838-2002" in model.data(model.index(rows["12"][0], 0), Qt.ToolTipRole)
    assert rows["0.003"][1]["exceed_text"] == "达标" or rows["0.003"][1]["exceed_text"] == "within limit"
    assert colour("0.003") == QColor(BACKGROUNDS["within"])
    assert colour("ND") == QColor(BACKGROUNDS["not_detected"]) == colour("<0.001")
    assert not rows["ND"][1]["exceed_text"].startswith("超标")
    assert rows["4.8"][1]["limit_text"] == "6–9" and QColor(colour("4.8")).red() > QColor(colour("4.8")).green()
    # a parameter outside the toolkit is said to be unjudged, never left blank or green
    assert colour("30") == QColor(BACKGROUNDS["unknown_parameter"]) and rows["30"][1]["limit_text"] == ""
    assert rows["30"][1]["exceed_text"] == "未判定（不在工具包中）"
    assert rows["30"][1]["parameter_text"] == "氯化苦（不在工具包中）"
    # the same point made the drinking-water intake: antimony is judged on the source-area value
    win.session.write(lambda st: st.add_measurement(pt["uuid"], "Sb", "0.006", "mg/L",
                                                    measured_at="2026-11-01 16:00"))
    win.session.write(lambda st: st.update_point(pt["uuid"], role="water_intake"))
    sb = next(r for r in model.rows if r["parameter"] == "Sb")
    assert sb["exceed_text"] == "超标0.2倍" and "水源地" not in sb["limit_text"] and "(source area)" not in sb["limit_text"]
    # English: the multiple reads as a ratio and a percentage, and the table follows at once
    win.session.set_language("en")
    assert next(r for r in model.rows if r["value_orig"] == "12")["exceed_text"] == "2.4× the limit (140% over)"
    win.session.set_language("zh_CN")


def test_demo_rows_over_the_limit_are_red_with_the_multiple(qtbot, demo_store, make_window):
    store, inc = demo_store
    win, _ = make_window(store)
    tk = load_toolkit()
    checked = 0
    for pt in store.list_points(inc["uuid"]):
        if pt["role"] != "downstream":
            continue
        win.select_point(pt["uuid"])
        for i, r in enumerate(win.measurements_model.rows):
            if r["parameter"] != "Cd" or r["qualifier"]:
                continue
            limit = tk.pollutant("Cd")["limits"]["gb3838"]["classes"]["III"]   # the incident's class III
            bg = win.measurements_model.data(win.measurements_model.index(i, 0), Qt.BackgroundRole)
            if r["value"] > limit:
                m = (r["value"] - limit) / limit    # two decimals from 1 up, two significant figures below
                expected = (f"{m:.2f}" if m >= 1 else f"{m:.2g}").rstrip("0").rstrip(".")
                assert r["exceed_text"] == f"超标{expected}倍"
                assert bg.red() > 200 and bg.green() < 210 and bg.blue() < 210
                checked += 1
            else:
                assert bg == QColor(BACKGROUNDS["within"]) and not r["exceed_text"].startswith("超标")
        if checked >= 3:
            break
    assert checked >= 3


def test_double_click_or_enter_on_a_measurement_opens_its_pollutant(qtbot, store, incident, make_window):
    pt = _point(store, incident)
    store.add_measurement(pt["uuid"], "Cd", "0.02", "mg/L", measured_at="2026-11-01 10:00")
    store.add_measurement(pt["uuid"], "铅", "0.02", "mg/L", measured_at="2026-11-01 09:00")
    store.add_measurement(pt["uuid"], "COD", "40", "mg/L", measured_at="2026-11-01 08:00")
    win, panel = make_window(store)
    table = win.ui.measurementsTable
    row = next(i for i, r in enumerate(win.measurements_model.rows) if r["parameter"] == "Cd")
    rect = table.visualRect(win.measurements_model.index(row, 1))
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.LeftButton, pos=rect.center())
    assert win.ui.mainTabs.currentWidget() is panel
    assert panel.current_doc == "cadmium"
    assert panel.ui.detailBrowser.toPlainText().startswith("镉")
    # keyboard: back to the sampling tab, arrow to the lead row, Enter
    win.ui.mainTabs.setCurrentIndex(0)
    lead = next(i for i, r in enumerate(win.measurements_model.rows) if r["parameter"] == "铅")
    table.setFocus()
    table.setCurrentIndex(win.measurements_model.index(lead, 0))
    qtbot.keyClick(table, Qt.Key_Return)
    assert win.ui.mainTabs.currentWidget() is panel and panel.current_doc == "lead"
    # not in the toolkit: the tab opens with the name searched, nothing pretends to match
    cod = next(i for i, r in enumerate(win.measurements_model.rows) if r["parameter"] == "COD")
    win.ui.mainTabs.setCurrentIndex(0)
    table.setCurrentIndex(win.measurements_model.index(cod, 0))
    qtbot.keyClick(table, Qt.Key_Return)
    assert panel.ui.searchEdit.text() == "COD" and panel.current_doc == "lead"


def _checklist_log(store, incident):
    return [r for r in store.list_log(incident["uuid"]) if r["kind"] == "checklist"]


def _tick(qtbot, panel, row):
    lst = panel.ui.stepsList
    lst.setFocus()
    lst.setCurrentRow(row)
    before = lst.item(row).checkState()
    qtbot.keyClick(lst, Qt.Key_Space)   # the keyboard path: Space toggles the focused step
    assert lst.item(row).checkState() != before

    def redrawn():   # the list is rebuilt from the recorded ticks right after the signal
        item = lst.item(row)
        return item is not None and ("✓" in item.text()) == (item.checkState() == Qt.Checked)
    qtbot.waitUntil(redrawn)


def test_ticking_a_step_is_logged_and_restored_after_reopening(qtbot, store_path, make_window):
    store = open_store(store_path, create=True)
    store.set_identity("某县生态环境监测站", "应急一队", "laptop-01", ["张三"])
    incident = store.create_incident("尾矿库泄漏测试", "2026-11-01 08:00", code="T-02", kind="tailings_leak")
    tk = load_toolkit()
    sc = tk.scenario("tailings_pond_leak")
    win, panel = make_window(store)
    # the incident's kind proposes its scenario; the page is labelled as compiled from public practice
    assert panel.ui.pageStack.currentWidget() is panel.ui.checklistPage
    assert tk.scenario_meta["compiled_notice"]["zh"] in panel.ui.checklistNotice.text()
    assert panel.ui.stepsList.count() == len(sc["steps"])
    _tick(qtbot, panel, 1)
    qtbot.waitUntil(lambda: "✓" in panel.ui.stepsList.item(1).text())
    log = _checklist_log(win.store, incident)
    assert len(log) == 1 and log[0]["who"] == "应急一队 / laptop-01"
    assert sc["steps"][1]["zh"] in log[0]["text"] and "已完成" in log[0]["text"]
    # a structured entry: what was ticked, independent of the words and the language
    assert (log[0]["entry_kind"], log[0]["step_id"]) == ("step_done", f"tailings_pond_leak/{sc['steps'][1]['id']}")
    assert any(r["kind"] == "checklist" for r in win.log_model.rows)   # the log tab shows it at once
    _tick(qtbot, panel, 2)
    _tick(qtbot, panel, 2)     # untick: recorded too, not erased
    assert len(_checklist_log(win.store, incident)) == 3
    assert "取消勾选" in _checklist_log(win.store, incident)[-1]["text"]
    assert _checklist_log(win.store, incident)[-1]["entry_kind"] == "step_undone"
    win.close()
    store.close()

    store = open_store(store_path)   # reopen: the ticks come back from the log alone
    win, panel = make_window(store)
    panel.open_doc("scenario:tailings_pond_leak")
    states = [panel.ui.stepsList.item(i).checkState() for i in range(panel.ui.stepsList.count())]
    assert states[1] == Qt.Checked and states[0] == states[2] == Qt.Unchecked
    assert "应急一队 / laptop-01" in panel.ui.stepsList.item(1).text()
    assert panel.ui.progressLabel.text().count("1") >= 1
    # another team member ticks in English; the Chinese view still shows it as done
    win.session.set_language("en")
    _tick(qtbot, panel, 0)
    assert "done" in _checklist_log(win.store, incident)[-1]["text"]
    win.session.set_language("zh_CN")
    panel.open_doc("scenario:tailings_pond_leak")
    assert panel.ui.stepsList.item(0).checkState() == Qt.Checked
    win.close()
    store.close()


def test_language_change_redraws_page_and_table(qtbot, store, incident, make_window):
    pt = _point(store, incident)
    store.add_measurement(pt["uuid"], "Tl", "0.5", "µg/L", measured_at="2026-11-01 10:00")
    win, panel = make_window(store)
    win.ui.mainTabs.setCurrentWidget(panel)
    _type(qtbot, panel.ui.searchEdit, "Tl")
    qtbot.keyClick(panel.ui.searchEdit, Qt.Key_Return)
    assert panel.ui.detailBrowser.toPlainText().startswith("铊")
    win.language_requested.emit("en")
    qtbot.waitUntil(lambda: panel.lang == "en")
    assert panel.ui.detailBrowser.toPlainText().startswith("Thallium")
    assert panel.ui.resultsList.item(0).text().startswith("Thallium")
    assert panel.ui.noticeLabel.text() == load_toolkit().meta["compiled_notice"]["en"]
    assert [r["exceed_text"] for r in win.measurements_model.rows] == ["5× the limit (400% over)"]
    win.language_requested.emit("zh_CN")
    qtbot.waitUntil(lambda: panel.lang == "zh")
    assert panel.ui.detailBrowser.toPlainText().startswith("铊")
    assert [r["exceed_text"] for r in win.measurements_model.rows] == ["超标4倍"]


def test_read_only_store_searches_but_refuses_ticks_plainly(qtbot, store_path, make_window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    store = open_store(store_path, create=True)
    store.set_identity("某县生态环境监测站", "应急一队", "laptop-01")
    incident = store.create_incident("只读测试", "2026-11-01 08:00", code="T-03", kind="tailings_leak")
    store.close()
    ro = open_store(store_path, read_only=True)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text))
    _, panel = make_window(ro)
    _type(qtbot, panel.ui.searchEdit, "Tl")
    assert _docs(panel)[0] == "thallium"
    panel.open_doc("scenario:tailings_pond_leak")
    lst = panel.ui.stepsList
    lst.item(0).setCheckState(Qt.Checked)   # as a click on the box would
    qtbot.waitUntil(lambda: lst.item(0).checkState() == Qt.Unchecked)   # put back: nothing was recorded
    assert len(warnings) == 1 and "只读" in warnings[0], warnings     # in the interface language
    assert _checklist_log(ro, incident) == []
    ro.close()
