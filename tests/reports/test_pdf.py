"""Generated PDFs opened with poppler: fonts embedded, required sections and the data's numbers present."""
from __future__ import annotations

import re

import pytest

from fieldapp.core.tags import device_tag

from fieldapp.reports.archive import issue_report, make_report, verify
from fieldapp.reports.builder import ReportError, build_report
from fieldapp.store.facts import load_facts, save_facts
from fieldapp.reports.gather import gather
from fieldapp.reports.texts import SECTIONS, gap_marker

from report_tools import run

INITIAL_SECTIONS = ["basic", "time", "place", "info_source", "cause", "pollutants", "monitoring", "charts",
                    "casualties", "sensitive", "map", "grading", "trend", "measures", "timeline", "next_steps",
                    "sign"]
FINAL_EXTRA = ["process", "results", "losses", "remaining", "annex"]


def _pdf(tmp_path, report, name="r.pdf"):
    p = tmp_path / name
    p.write_bytes(report.pdf)
    return str(p)


def _c(text: str) -> str:
    """pdftotext keeps or drops spaces between CJK runs unpredictably: compare without them."""
    return re.sub(r"\s+", "", text)


def _text(path) -> str:
    return re.sub(r"[ \t]+", " ", run("pdftotext", "-layout", path, "-"))


def test_initial_report_fonts_sections_numbers_pages(demo, tmp_path):
    st, inc = demo
    rep = make_report(st, inc, "initial")
    path = _pdf(tmp_path, rep)
    fonts = run("pdffonts", path)
    cjk = [ln for ln in fonts.splitlines() if "WenQuanYi" in ln]
    assert cjk and all(ln.split()[-5] == "yes" for ln in cjk), fonts  # emb column
    text = _text(path)
    for key in INITIAL_SECTIONS:
        assert SECTIONS[key][0] in text, key
    # key numbers from the data: the peak cadmium at the source and the intake, as stored
    data = gather(st, inc)
    for code in ("SRC-01", "WI-01"):
        peak = next(s["peak"] for s in data.summary if s["point_code"] == code and s["parameter_id"] == "cadmium")
        assert peak.value_text in text
    tag = device_tag(st.identity.device_id)
    assert rep.report_no == f"DEMO-01-CB-{tag}-01" and rep.report_no in _c(text)
    pages = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", path)).group(1))
    assert pages == rep.pages and f"第1页共{pages}页" in _c(text) and f"第{pages}页共{pages}页" in _c(text)
    # facts not entered are marked in place and listed at the top
    assert gap_marker("伤亡情况", "zh") in text and "待补充事项" in text
    assert "伤亡情况" in rep.gaps


def test_facts_fill_gaps_and_change_level(demo, tmp_path):
    st, inc = demo
    save_facts(st, inc["uuid"], deaths="0", poisoned="12", evacuated="800", signatory="王局长",
               contact="李四 13800000000", next_steps="继续加密监测取水口")
    assert load_facts(st, inc["uuid"])["poisoned"] == 12
    rep = make_report(st, inc, "followup")
    text = _text(_pdf(tmp_path, rep))
    assert "中毒或重伤12人" in _c(text) and "较大（III级）" in text and "王局长" in text
    assert "伤亡情况" not in rep.gaps and "签发人" not in rep.gaps
    assert SECTIONS["progress"][0] in text and "续报" in text


def test_final_report_sections_and_full_annex(demo, tmp_path):
    st, inc = demo
    rep = make_report(st, inc, "final")
    text = _text(_pdf(tmp_path, rep))
    for key in INITIAL_SECTIONS + FINAL_EXTRA:
        assert SECTIONS[key][0] in text, key
    n = st.conn.execute("SELECT COUNT(*) FROM measurements WHERE incident_uuid = ?", (inc["uuid"],)).fetchone()[0]
    annex = re.findall(r"^\s*[A-Z]+-\d\d \S+ \d{4}-\d\d-\d\d \d\d:\d\d ", text, re.M)
    assert len(annex) == n  # every measurement is in the annex, once


def test_english_report(demo, tmp_path):
    st, inc = demo
    text = _text(_pdf(tmp_path, make_report(st, inc, "initial", "en")))
    assert "Environmental emergency: initial report" in text and "Page 1 of" in text
    assert SECTIONS["sensitive"][1] in text


def test_missing_glyphs_long_narrative_many_rows_still_a_clean_pdf(store, incident, tmp_path):
    odd = "\U00020000\U0001F600"  # CJK Ext-B and an emoji: not in WenQuanYi Zen Hei
    p = store.add_point(incident["uuid"], 24.6, 108.3, code="P-01", name=f"测点{odd}", role="downstream")
    prepared = [store.prepare_measurement(p, "Cd", f"{0.001 * (i % 17)}", "mg/L",
                                          measured_at=f"2026-11-0{1 + i % 5} 10:{i % 60:02d}")
                for i in range(3000)]
    store.add_measurements(prepared)
    save_facts(store, incident["uuid"], cause="尾矿渗漏。" * 6000 + "\n" + "x" * 3000)
    rep = build_report(gather(store, incident), "final")
    path = _pdf(tmp_path, rep)
    assert set(rep.replaced_chars) == set(odd)
    text = _text(path)
    assert "U+20000" in text and "U+1F600" in text and "测点□□" in text
    assert rep.pages > 50
    assert f"第{rep.pages}页共{rep.pages}页" in _c(text)
    run("pdftoppm", "-r", "20", "-f", str(rep.pages), "-l", str(rep.pages), "-png", path, str(tmp_path / "last"))


def test_unknown_type_and_language_are_refused(demo):
    st, inc = demo
    data = gather(st, inc)
    with pytest.raises(ReportError, match="report type"):
        build_report(data, "weekly")
    with pytest.raises(ReportError, match="language"):
        build_report(data, "initial", "fr")


def test_issue_archives_immutably_with_hash(demo):
    st, inc = demo
    rep1, row1 = issue_report(st, inc, "initial")
    rep2, row2 = issue_report(st, inc, "initial")
    tag = device_tag(st.identity.device_id)
    assert (rep1.report_no, rep2.report_no) == (f"DEMO-01-CB-{tag}-01", f"DEMO-01-CB-{tag}-02")
    stored = st.conn.execute("SELECT pdf, sha256, change_seq FROM report_archive WHERE uuid = ?",
                             (row1["uuid"],)).fetchone()
    assert stored[0] == rep1.pdf and verify(st, row1["uuid"]) and stored[2] > 0
    for sql in ("UPDATE report_archive SET report_no = 'x'", "DELETE FROM report_archive"):
        with pytest.raises(Exception, match="append-only"):
            st.conn.execute(sql)
    assert any(f"DEMO-01-CB-{tag}-02" in e["text"] for e in st.list_log(inc["uuid"]))
