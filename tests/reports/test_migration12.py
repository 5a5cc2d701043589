"""Migration 12 on a store that already holds issued reports: the append-only archive is rebuilt
row for row (quick reports now allowed), keeps its triggers and sync objects (the report-number index
stays non-unique: numbers are scoped by installation), and the final report's facts are plain fact
records."""
from __future__ import annotations

import pytest

from fieldapp.store import migrations, open_store


def test_upgrade_keeps_issued_reports_and_their_protection(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite"
    every = migrations.discover()
    monkeypatch.setattr(migrations, "discover", lambda: [m for m in every if m.number < 12])
    st = open_store(path, create=True)
    st.set_identity("u", "t", "d", [])
    with st.transaction():    # the incident as version-11 code wrote it (no columns of later migrations)
        inc = {**st.new_meta(), "code": "OLD-01", "name": "旧事件", "kind": "",
               "discovered_at": "2026-11-01T00:00:00.000Z", "standard": "GB3838-III",
               "source_standard": "GB3838-source-II", "is_demo": 0}
        st._insert("incidents", inc)
        st._insert("report_archive", {**st.new_meta(), "incident_uuid": inc["uuid"], "report_type": "initial",
                                      "report_no": "OLD-01-CB-01", "lang": "zh", "level": "IV",
                                      "issued_at": "2026-11-01T09:00:00.000Z", "issued_by": "t", "gaps": "[]",
                                      "sha256": "0" * 64, "size": 3, "pdf": b"pdf"})
    with pytest.raises(Exception, match="CHECK"):
        st.conn.execute("INSERT INTO report_archive (uuid, created_at, updated_at, created_by_team, "
                        "created_by_device, updated_by_device, incident_uuid, report_type, report_no, issued_at, "
                        "sha256, size, pdf) VALUES ('x','a','a','t','d','d',?, 'quick', 'n', 'a', ?, 1, x'00')",
                        (inc["uuid"], "0" * 64))
    st.close()
    monkeypatch.undo()
    st = open_store(path)
    row = st.conn.execute("SELECT report_no, pdf, with_gaps, snapshot, previous_no FROM report_archive").fetchone()
    assert row == ("OLD-01-CB-01", b"pdf", 0, "{}", "")
    for sql in ("UPDATE report_archive SET report_no = 'x'", "DELETE FROM report_archive"):
        with pytest.raises(Exception, match="append-only"):
            st.conn.execute(sql)
    names = {r[0] for r in st.conn.execute("SELECT name FROM sqlite_master WHERE tbl_name = 'report_archive'")}
    assert {"report_archive_no", "report_archive_change_seq", "report_archive_sync_ancestry"} <= names
    unique = [r for r in st.conn.execute("PRAGMA index_list(report_archive)") if r[1] == "report_archive_no"]
    assert unique and unique[0][2] == 0            # not unique (migration 9's rule survives the rebuild)
    from fieldapp.core.tags import device_tag
    from fieldapp.reports.archive import issue_report
    from fieldapp.store.facts import load_facts, save_facts

    save_facts(st, inc["uuid"], social_impact="下游两镇停水8小时", accountability="待调查")
    assert load_facts(st, inc["uuid"])["social_impact"] == "下游两镇停水8小时"
    rep, new = issue_report(st, st.get("incidents", inc["uuid"]), "quick", confirm_gaps=True)
    assert new["report_no"] == f"OLD-01-KB-{device_tag(st.identity.device_id)}-01" and new["with_gaps"] == 1
    st.close()
