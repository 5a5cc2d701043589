"""Detail pages (structured, HTML, text), checklist log text, and the `fieldapp toolkit` CLI."""

from __future__ import annotations

import pytest

from fieldapp.toolkit import cli as toolkit_cli
from fieldapp.toolkit.data import load_from_documents
from fieldapp.toolkit.detail import checklist_log_text, detail_page, render_html, render_text


def test_pollutant_page_sections_and_marks(toolkit):
    page = detail_page("铊", "zh", toolkit)
    assert page.doc_id == "thallium" and page.title == "铊"
    assert [s.key for s in page.sections] == [
        "identity",
        "limits",
        "methods",
        "disposal",
        "hazards",
        "incidents",
    ]
    limits = next(s for s in page.sections if s.key == "limits")
    assert any(
        "地表水源地" in r.label and r.value == "0.0001" and r.confidence == "verify" for r in limits.rows
    )
    assert "汇编" in page.notice
    text = render_text(page)
    assert "7440-28-0" in text and "贺江" in text and "待核实" in text and "已确认" in text


def test_class_values_shown_for_table1_item(toolkit):
    text = render_text(detail_page("cadmium", "en", toolkit))
    assert "Class III 0.005" in text and "Class V 0.01" in text and "COMPILED" in text


def test_html_is_escaped(docs):
    e = next(x for x in docs[0]["pollutants"] if x["id"] == "phenol")
    e["hazards"]["en"] = "<script>alert(1)</script> & <b>bold</b>"
    tk = load_from_documents(*docs)
    html = render_html(detail_page("phenol", "en", tk))
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp;" in html
    assert html.startswith("<html>") and "</html>" in html


def test_scenario_page_and_checklist_log(toolkit):
    page = detail_page("scenario:road_tanker_accident", "zh", toolkit)
    steps = next(s for s in page.sections if s.key == "steps")
    assert len(steps.rows) >= 5 and steps.rows[0].label.startswith("☐")
    assert "公开实践" in page.notice
    text = checklist_log_text("road_tanker_accident", "block_drains", True, "zh", toolkit)
    assert "第3步" in text and "已完成" in text
    assert "unticked" in checklist_log_text("road_tanker_accident", "report", False, "en", toolkit)
    with pytest.raises(ValueError, match="no step"):
        checklist_log_text("road_tanker_accident", "nope", True, "zh", toolkit)


def test_unknown_page_is_none(toolkit):
    assert detail_page("unobtainium", "zh", toolkit) is None


def _run(argv, capsys):
    rc = toolkit_cli.main(argv)
    out = capsys.readouterr()
    return rc, out.out, out.err


def test_cli_search_and_show(capsys):
    rc, out, _ = _run(["toolkit", "search", "thalium", "--lang", "en"], capsys)
    assert rc == 0 and out.splitlines()[0].split()[1] == "Thallium"
    rc, out, _ = _run(["toolkit", "show", "Cd"], capsys)
    assert rc == 0 and out.startswith("镉") and "GB 3838-2002" in out
    rc, out, _ = _run(["toolkit", "show", "benzene", "--html"], capsys)
    assert rc == 0 and "<h2>苯</h2>" in out
    rc, out, err = _run(["toolkit", "show", "unobtainium"], capsys)
    assert rc == 2 and "no toolkit entry" in err
    rc, out, _ = _run(["toolkit", "search", "'; DROP TABLE x;--"], capsys)
    assert rc in (0, 1)


def test_cli_assess(capsys):
    rc, out, _ = _run(["toolkit", "assess", "Sb", "12", "ug/L", "--standard", "GB3838-source"], capsys)
    assert rc == 3 and "超标1.4倍" in out
    rc, out, err = _run(["toolkit", "assess", "Cd", "1", "furlongs"], capsys)
    assert rc == 2 and "furlongs" in err and "无法识别的单位" in err and len(err.strip().splitlines()) == 1
    rc, out, err = _run(["toolkit", "assess", "styrene", "0.5", "mg/L", "--lang", "en"], capsys)
    assert rc == 3 and "25× the limit" in out and "Table 3" in out
    rc, out, err = _run(["toolkit", "assess", "氯化苦", "1", "mg/L"], capsys)
    assert rc == 4 and "不在工具包中" in out and "不在工具包中" in err
    rc, out, err = _run(["toolkit", "assess", "benzene", "5", "mg/m3", "--medium", "air"], capsys)
    assert rc == 4 and "不可比" in out and "达标" not in out


def test_main_cli_wires_toolkit(capsys):
    from fieldapp.cli import main

    assert main(["--lang", "en", "toolkit", "show", "ta"]) == 0
    assert capsys.readouterr().out.startswith("Thallium")
