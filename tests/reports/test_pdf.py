"""Report content from the data: facts change the level and fill gaps, the final annex holds every
measurement once, bad requests are refused, sections can be added by other features."""
from __future__ import annotations

import re

import pytest

from fieldapp.reports.builder import ReportError, build_report, plan_of, register_section, _EXTRA
from fieldapp.store.facts import load_facts, save_facts
from fieldapp.reports.gather import gather
from fieldapp.reports.texts import gap_marker

from pdf_tools import squeeze, text_of


def _pdf(tmp_path, report, name="r.pdf"):
    p = tmp_path / name
    p.write_bytes(report.pdf)
    return p


def test_facts_fill_gaps_and_change_level(demo, tmp_path):
    st, inc = demo
    rep = build_report(gather(st, inc), "initial")
    assert gap_marker("伤亡情况", "zh") in text_of(_pdf(tmp_path, rep)) and "伤亡情况" in rep.gaps
    save_facts(st, inc["uuid"], deaths="0", poisoned="12", evacuated="800", signatory="王局长",
               contact="李四 13800000000", next_steps="继续加密监测取水口")
    assert load_facts(st, inc["uuid"])["poisoned"] == 12
    rep = build_report(gather(st, inc), "initial")
    text = squeeze(text_of(_pdf(tmp_path, rep)))
    assert "中毒或重伤12人" in text and "较大（III级）" in text and "王局长" in text
    assert "伤亡情况" not in rep.gaps and "签发人" not in rep.gaps


def test_final_annex_has_every_measurement_once(demo, tmp_path):
    st, inc = demo
    rep = build_report(gather(st, inc), "final")
    text = text_of(_pdf(tmp_path, rep), layout=True)
    n = st.conn.execute("SELECT COUNT(*) FROM measurements WHERE incident_uuid = ?", (inc["uuid"],)).fetchone()[0]
    annex = re.findall(r"^\s*[A-Z]+-\d\d \S+ \d{4}-\d\d-\d\d \d\d:\d\d ", text, re.M)
    assert len(annex) == n


def test_unknown_type_and_language_are_refused(demo):
    st, inc = demo
    data = gather(st, inc)
    with pytest.raises(ReportError, match="report type"):
        build_report(data, "weekly")
    with pytest.raises(ReportError, match="language"):
        build_report(data, "initial", "fr")


def test_a_feature_adds_a_section_after_the_trend(demo, tmp_path):
    st, inc = demo

    def forecast(story):
        story.sec("trend", "h2")
        story.add("预测：24小时后峰值到达取水口")
    register_section("followup", "forecast", forecast, after="trend")
    try:
        names = [n for n, _ in plan_of("followup")]
        assert names[names.index("trend") + 1] == "forecast"
        text = squeeze(text_of(_pdf(tmp_path, build_report(gather(st, inc), "followup"))))
        assert "预测：24小时后峰值到达取水口" in text
    finally:
        _EXTRA.clear()
