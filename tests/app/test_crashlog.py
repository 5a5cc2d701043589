"""Crash reports: what they hold and leave out, and that neither the command line nor the window
shows a traceback to the user; both say where the report is."""
from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

from fieldapp.app import crashlog
from fieldapp.store import Identity


@pytest.fixture
def fresh_log(tmp_path, monkeypatch):
    monkeypatch.setenv("FIELDAPP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(crashlog, "_actions", type(crashlog._actions)(maxlen=crashlog.MAX_ACTIONS))
    monkeypatch.setattr(crashlog, "_team", "")
    monkeypatch.setattr(crashlog, "_on_crash", None)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    return tmp_path / "data" / "logs"


def fail_deep(text: str):
    raise ValueError(text)


def test_report_has_traceback_versions_actions_and_only_the_team(fresh_log, monkeypatch):
    monkeypatch.setenv("HOME", str(fresh_log.parent.parent))
    crashlog.set_team(Identity("某县生态环境监测站", "应急一队", "laptop-01", ["张三", "李四"], "dev-1"))
    crashlog.note("menu actionNewPoint")
    for _ in range(50):
        crashlog.note("ReadingsArrived")          # a stream is one line, counted
    try:
        fail_deep(f"cannot parse {Path.home() / 'notes.txt'}")
    except ValueError as exc:
        path = crashlog.handle(type(exc), exc, exc.__traceback__, "thread store-writer")
    text = path.read_text(encoding="utf-8")
    assert path.parent == fresh_log and path.name.startswith("crash-")
    assert "where: thread store-writer" in text
    assert "Traceback (most recent call last)" in text and "fail_deep" in text and "ValueError" in text
    assert "FieldApp " in text and "Python " in text and "System " in text
    assert "team: 某县生态环境监测站 / 应急一队 / laptop-01" in text
    assert "张三" not in text and "李四" not in text                 # member names stay out
    assert str(Path.home()) not in text and "~/notes.txt" in text    # the home folder as ~
    assert "menu actionNewPoint" in text and "ReadingsArrived  (x50)" in text


def test_command_line_error_is_one_line_with_the_report_path(fresh_log, monkeypatch, capsys, store_path):
    from fieldapp import __main__ as entry
    from fieldapp import cli

    monkeypatch.setattr(cli, "cmd_check", lambda args: fail_deep("a bug in a command"))
    rc = entry.main(["--store", str(store_path), "check"])
    err = capsys.readouterr().err.strip().splitlines()
    assert rc == 2 and len(err) == 1, err
    assert err[0].startswith("fieldapp: error: unexpected problem (ValueError: a bug in a command)")
    (report,) = fresh_log.glob("crash-*.log")
    assert str(report) in err[0] and "where: command line" in report.read_text(encoding="utf-8")


def test_thread_crash_is_reported(fresh_log):
    told = []
    crashlog.install(on_crash=lambda path, summary: told.append((path, summary)))
    t = threading.Thread(target=fail_deep, args=("worker broke",), name="instrument-WTW")
    t.start()
    t.join()
    (path, summary), = told
    assert summary == "ValueError: worker broke" and "where: thread instrument-WTW" in path.read_text()


@pytest.mark.qt
@pytest.mark.qt_no_exception_capture
def test_window_slot_crash_shows_where_the_report_is(fresh_log, qtbot, qapp):
    """An exception in a slot (a real Qt callback) becomes a report and a message box naming it;
    the event loop, and so the window, goes on."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from fieldapp.ui.crash_dialog import install

    notifier = install(qapp)
    seen = []

    def read_and_close_box():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.accept()
        else:
            QTimer.singleShot(50, read_and_close_box)
    QTimer.singleShot(0, lambda: fail_deep("a slot failed"))
    QTimer.singleShot(20, read_and_close_box)
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    (report,) = fresh_log.glob("crash-*.log")
    assert notifier.shown == [str(report)]
    assert str(report) in seen[0] and "ValueError: a slot failed" in seen[0]
    ticks = []
    QTimer.singleShot(0, lambda: ticks.append(1))
    qtbot.waitUntil(lambda: bool(ticks), timeout=2000)                   # the loop still runs
