"""Issuing (Order No. 17 flow): refused with the list of missing facts, or issued only after the
second confirmation with "含待补充项" on every page; the PDF is on disk before the archive row;
a follow-up cites the previous number and says what changed; a complete final report has no gap."""
from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest

from fieldapp.core.timeutil import now_utc, to_iso
from fieldapp.reports import archive
from fieldapp.reports.archive import MissingFields, issue_report, make_report, produce, reports_folder, verify
from fieldapp.core.tags import device_tag
from fieldapp.store.facts import save_facts
from fieldapp.reports.texts import LABELS, LEVEL_NAMES, SECTIONS, gap_marker, t

from pdf_tools import pages_of, squeeze, text_of

ALL_FACTS = dict(deaths="0", poisoned="0", evacuated="350", economic_loss_yuan="1200000",
                 water_source_interrupted="none", boundary_impact="none", signatory="王局长",
                 contact="李四 13800000000", pollutant_quantity="泄漏约2.5 t", next_steps="继续加密监测",
                 process="封堵、拦截、投加", results="各断面恢复达标", social_impact="未造成社会恐慌",
                 losses="下游养殖损失待评估后另报", damage_assessment="已委托开展损害评估",
                 restoration="河道底泥清理", remaining="底泥中残留需跟踪", lessons="排洪设施巡检不足",
                 accountability="移交调查组", response_started_at="2026-11-28 18:51",
                 response_ended_at="2026-12-01 08:00")


def _count(store, inc) -> int:
    return store.conn.execute("SELECT COUNT(*) FROM report_archive WHERE incident_uuid = ?",
                              (inc["uuid"],)).fetchone()[0]


def test_issue_is_refused_with_the_missing_facts_and_writes_nothing(benzene):
    st, inc = benzene
    before = _count(st, inc)
    with pytest.raises(MissingFields) as e:
        issue_report(st, inc, "initial")
    assert "签发人" in e.value.gaps and "联系人及联系方式" in e.value.gaps and "signatory" in e.value.gap_keys
    assert "签发人" in str(e.value)
    assert _count(st, inc) == before
    assert not list(reports_folder(st).glob("BZ-01-CB-*.pdf"))


def test_confirmed_issue_prints_the_mark_on_every_page_and_archives_the_file(benzene):
    st, inc = benzene
    made = produce(st, inc, "initial", issue=True, confirm_gaps=True)
    assert made.path.is_file() and made.path.parent == reports_folder(st)
    row = made.row
    assert row["with_gaps"] == 1 and row["file_name"] == made.path.name
    assert hashlib.sha256(made.path.read_bytes()).hexdigest() == row["sha256"] and verify(st, row["uuid"])
    pages = pages_of(made.path)
    assert len(pages) == made.report.pages
    for page in pages:
        assert squeeze(t(LABELS, "with_gaps", "zh")) in squeeze(page)
        assert squeeze(t(LABELS, "draft", "zh")) not in squeeze(page)
    assert gap_marker("签发人", "zh") in text_of(made.path)
    for sql in ("UPDATE report_archive SET report_no = 'x'", "DELETE FROM report_archive"):
        with pytest.raises(Exception, match="append-only"):
            st.conn.execute(sql)


def test_pdf_is_written_before_the_row_and_removed_if_the_row_fails(demo, monkeypatch):
    st, inc = demo
    before = _count(st, inc)

    def no_disk(*a, **kw):
        raise OSError("disk full")
    monkeypatch.setattr(archive, "write_durably", no_disk)
    with pytest.raises(OSError):
        issue_report(st, inc, "quick", confirm_gaps=True)
    assert _count(st, inc) == before                       # no row without its file
    monkeypatch.undo()
    real_insert = st._insert

    def failing_insert(table, row):
        if table == "report_archive":
            assert (reports_folder(st) / f"{row['report_no']}.pdf").is_file()   # the file came first
            raise RuntimeError("store failed")
        return real_insert(table, row)
    monkeypatch.setattr(st, "_insert", failing_insert)
    with pytest.raises(RuntimeError):
        issue_report(st, inc, "quick", confirm_gaps=True)
    assert _count(st, inc) == before
    number = f"DEMO-01-KB-{device_tag(st.identity.device_id)}-01"
    assert not (reports_folder(st) / f"{number}.pdf").exists()   # and no file without its row


def test_followup_cites_the_initial_and_states_what_changed(benzene, tmp_path):
    st, inc = benzene
    initial = next(r for r in archive.list_archive(st, inc["uuid"]) if r["report_type"] == "initial") \
        if any(r["report_type"] == "initial" for r in archive.list_archive(st, inc["uuid"])) \
        else issue_report(st, inc, "initial", confirm_gaps=True)[1]
    wi = next(p for p in st.list_points(inc["uuid"]) if p["code"] == "WI-01")
    up = next(p for p in st.list_points(inc["uuid"]) if p["code"] == "UP-01")
    now = to_iso(now_utc() + timedelta(minutes=1))
    st.add_measurement(wi["uuid"], "苯", "0.024", "mg/L", measured_at=now)       # a new exceedance at the intake
    st.add_measurement(up["uuid"], "苯", "ND", "mg/L", measured_at=now)
    st.log(inc["uuid"], "action", "二水厂停止取水，启用备用水源", at=now)
    save_facts(st, inc["uuid"], evacuated="120")
    rep = make_report(st, inc, "followup")
    path = tmp_path / "xb.pdf"
    path.write_bytes(rep.pdf)
    text = squeeze(text_of(path))
    assert squeeze(initial["report_no"]) in text and "续报" in text
    assert squeeze(t(SECTIONS, "changes", "zh")) in text
    assert "新出现超标（1个）：WI-01苯" in text
    assert "二水厂停止取水" in text and "期间新记录处置措施1项" in text
    assert squeeze(f"同{initial['report_no']}，无变化") in text                 # basic facts: unchanged, shortened
    assert "疏散转移120人" in text                                              # casualties changed: in full
    assert squeeze(t(LEVEL_NAMES, "IV", "zh")) in text


def test_complete_final_report_is_issued_without_any_gap_or_mark(demo):
    st, inc = demo
    if not any(r["report_type"] == "initial" for r in archive.list_archive(st, inc["uuid"])):
        issue_report(st, inc, "initial", confirm_gaps=True)
    save_facts(st, inc["uuid"], **ALL_FACTS)
    made = produce(st, inc, "final", issue=True)          # no confirmation needed: nothing is missing
    assert made.row["with_gaps"] == 0 and made.report.gaps == []
    text = squeeze(text_of(made.path))
    assert "待补充" not in text and squeeze(t(LABELS, "with_gaps", "zh")) not in text
    assert squeeze(t(LABELS, "draft", "zh")) not in text
    for key in ("response", "totals", "social", "damage", "lessons", "accountability", "grading_final"):
        assert squeeze(t(SECTIONS, key, "zh")) in text, key
    assert "初步判定" not in text and "认定级别" in text
    assert "120万元" in text and "疏散转移350人" in text and "已委托开展损害评估" in text
    assert made.row["previous_no"].startswith("DEMO-01-CB-")


def test_cli_refuses_then_issues_with_confirmation(benzene, tmp_path, capsys):
    from fieldapp.cli import main

    st, inc = benzene
    args = ["report", "quick", "--issue", "--store", str(st.path), "--incident", inc["code"], "--lang", "en"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "not issued" in err and "signatory" in err and "--confirm-gaps" in err
    assert main(args + ["--confirm-gaps", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    number = f"BZ-01-KB-{device_tag(st.identity.device_id)}-01"     # numbers carry the issuing laptop's tag
    assert "issued and archived" in out and (tmp_path / f"{number}.pdf").is_file()
