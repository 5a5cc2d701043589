"""From the app open on the demo incident, an initial report PDF exists after TWO user actions:
(1) click the Reports tab, (2) click "Generate PDF" (type defaults to the initial report)."""
from __future__ import annotations

import subprocess

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabBar

from fieldapp.core.tags import device_tag


def test_initial_report_in_two_actions(qtbot, demo_store, tmp_path):
    from fieldapp.ui.app import build_main_window, create_application

    store, inc = demo_store
    app, tr = create_application()
    win = build_main_window(store, tr, "zh_CN", make_demo=False)
    qtbot.addWidget(win)
    win.show()
    panel = win.report_panel
    tabs = win.ui.mainTabs
    idx = tabs.indexOf(panel)
    assert idx >= 0
    bar: QTabBar = tabs.tabBar()
    actions = 0
    qtbot.mouseClick(bar, Qt.LeftButton, pos=bar.tabRect(idx).center())
    actions += 1
    assert tabs.currentWidget() is panel
    # prefilled from the data: deadlines, level with reasons, narrative drafts
    assert "II" in panel.ui.levelLabel.text() and "Cd" in panel.ui.levelLabel.text()
    assert "超时" in panel.ui.deadlinesLabel.text()
    assert "尾矿库" in panel.ui.causeEdit.toPlainText()
    qtbot.mouseClick(panel.ui.generateButton, Qt.LeftButton)
    actions += 1
    pdf = panel.last_pdf
    assert pdf is not None and pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    assert actions == 2
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "突发环境事件信息初报" in text
    assert not panel.ui.previewLabel.pixmap().isNull()
    win.grab().save(str(tmp_path / "report_panel.png"))


def test_bad_fact_is_refused_with_field_name_and_issue_archives(qtbot, demo_store):
    from fieldapp.ui.app import build_main_window, create_application

    store, inc = demo_store
    app, tr = create_application()
    win = build_main_window(store, tr, "zh_CN", make_demo=False)
    qtbot.addWidget(win)
    panel = win.report_panel
    panel.ui.deathsEdit.setText("abc")
    qtbot.mouseClick(panel.ui.generateButton, Qt.LeftButton)
    assert "deaths" in panel.ui.statusLabel.text()
    panel.ui.deathsEdit.setText("0")
    panel.ui.poisonedEdit.setText("60")
    qtbot.mouseClick(panel.ui.issueButton, Qt.LeftButton)
    assert "重大（II级）" in panel.ui.levelLabel.text()
    n = store.conn.execute("SELECT COUNT(*) FROM report_archive").fetchone()[0]
    assert n == 1 and panel.last_pdf.name == f"DEMO-01-CB-{device_tag(store.identity.device_id)}-01.pdf"
