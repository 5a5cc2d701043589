"""Teams acting normally never stall sync: reports issued offline by two teams, the same fact entered
by both, and point codes chosen twice all merge, both ways and into the working group's store."""
from __future__ import annotations

import json

import pytest
from sync_helpers import edit_concurrently

from fieldapp.cli import main
from fieldapp.core.tags import device_tag
from fieldapp.reports.archive import issue_report, list_archive, shown_report_no
from fieldapp.store.facts import load_facts, save_facts
from fieldapp.sync import conflicts, export_bundle, import_bundle, view
from fieldapp.sync.codes import MERGE_RULE_DEVICE


@pytest.fixture
def shared_incident(laptops, tmp_path):
    """Team A opens the incident; B and W receive it."""
    a, b, w = laptops
    inc = a.create_incident("尾矿库泄漏", "2026-11-01 08:00", code="T-01")
    export_bundle(a, tmp_path / "seed.fab")
    import_bundle(b, tmp_path / "seed.fab")
    import_bundle(w, tmp_path / "seed.fab")
    return inc


def exchange(a, b, w, tmp_path, tag):
    """A <-> B both ways, then both into W, then W back to both: every store ends with everything."""
    export_bundle(a, tmp_path / f"a-{tag}.fab")
    export_bundle(b, tmp_path / f"b-{tag}.fab")
    receipts = [import_bundle(b, tmp_path / f"a-{tag}.fab"), import_bundle(a, tmp_path / f"b-{tag}.fab"),
                import_bundle(w, tmp_path / f"a-{tag}.fab"), import_bundle(w, tmp_path / f"b-{tag}.fab")]
    export_bundle(w, tmp_path / f"w-{tag}.fab")
    receipts += [import_bundle(a, tmp_path / f"w-{tag}.fab"), import_bundle(b, tmp_path / f"w-{tag}.fab")]
    return receipts


def test_two_teams_issue_reports_offline_and_all_sync(laptops, shared_incident, tmp_path):
    a, b, w = laptops
    inc = shared_incident
    ra, _ = issue_report(a, inc, "initial", confirm_gaps=True)      # issued marked 含待补充项
    rb, _ = issue_report(b, inc, "initial", confirm_gaps=True)
    rb2, _ = issue_report(b, inc, "followup", confirm_gaps=True)
    assert ra.report_no == f"T-01-CB-{device_tag(a.identity.device_id)}-01"
    assert rb.report_no == f"T-01-CB-{device_tag(b.identity.device_id)}-01" != ra.report_no
    exchange(a, b, w, tmp_path, "1")
    # later bundles between them keep flowing (before: every one refused with UNIQUE constraint failed)
    a.log(inc["uuid"], "observation", "水色变浑")
    export_bundle(a, tmp_path / "a-2.fab")
    assert import_bundle(b, tmp_path / "a-2.fab").counts["incident_log"]["added"] >= 1
    for s in (a, b, w):
        nos = sorted(r["report_no"] for r in list_archive(s, inc["uuid"]))
        assert nos == sorted([ra.report_no, rb.report_no, rb2.report_no])
        shown = {shown_report_no(r) for r in list_archive(s, inc["uuid"])}
        assert f"{ra.report_no} (应急一队)" in shown and f"{rb.report_no} (应急二队)" in shown


def test_report_archive_cli_shows_the_team(laptops, shared_incident, capsys):
    a = laptops[0]
    issue_report(a, shared_incident, "initial", confirm_gaps=True)
    path = str(a.path)
    a.close()
    assert main(["report", "archive", "--store", path, "--incident", "T-01"]) == 0
    assert "(应急一队)" in capsys.readouterr().out


def test_facts_entered_by_two_teams_keep_the_conflict(laptops, shared_incident, tmp_path):
    a, b, w = laptops
    inc = shared_incident["uuid"]
    save_facts(a, inc, deaths="0", cause="暴雨冲垮坝体")
    save_facts(b, inc, deaths="3")
    receipts = exchange(a, b, w, tmp_path, "f")
    assert sum(r.counts.get("incident_fact_values", {}).get("conflicted", 0) for r in receipts) >= 1
    values = {load_facts(s, inc)["deaths"] for s in (a, b, w)}
    assert len(values) == 1  # one current value on every replica
    for s in (a, b, w):
        facts = load_facts(s, inc)
        assert {facts["deaths"], *facts["disputed"]["deaths"]} == {0, 3}  # nothing hidden
        assert facts["cause"] == "暴雨冲垮坝体"
        assert s.conn.execute("SELECT COUNT(*) FROM incident_fact_values WHERE fact_key = 'deaths'").fetchone()[0] == 1
        assert any(c["table_name"] == "incident_fact_values" for c in conflicts.pending(s))


def test_old_fact_rows_are_converted_keeping_disagreements(tmp_path):
    """Migration 10 on a store that already held two teams' incident_facts rows (the old form)."""
    import sqlite3

    from fieldapp.store import open_store

    path = tmp_path / "old.sqlite"
    st = open_store(path, create=True)
    st.set_identity("u", "组", "w")
    inc = st.create_incident("x", "2026-11-01 08:00", code="X-1")
    st.close()
    c = sqlite3.connect(path)
    c.execute("DELETE FROM _fieldapp_migrations WHERE number = 10")
    c.execute("DROP TABLE incident_fact_values")
    c.execute("CREATE TABLE incident_facts (uuid TEXT PRIMARY KEY, created_at TEXT, updated_at TEXT, "
              "created_by_team TEXT, created_by_device TEXT, updated_by_device TEXT, version INTEGER, deleted INTEGER, "
              "change_seq INTEGER, incident_uuid TEXT, deaths INTEGER, cause TEXT, poisoned INTEGER)")
    for n, (team, dev, deaths, t) in enumerate([("A", "1" * 8 + "-0000-4000-8000-" + "0" * 12, 0, "08"),
                                                 ("B", "2" * 8 + "-0000-4000-8000-" + "0" * 12, 3, "09")]):
        c.execute("INSERT INTO incident_facts VALUES (?, ?, ?, ?, ?, ?, 1, 0, 1, ?, ?, ?, NULL)",
                  (f"{n}" * 8 + "-1111-4111-8111-111111111111", f"2026-11-01T{t}:00:00.000Z",
                   f"2026-11-01T{t}:00:00.000Z", team, dev, dev, inc["uuid"], deaths, "rain" if n else ""))
    c.commit()
    c.close()
    st = open_store(path)
    facts = load_facts(st, inc["uuid"])
    assert facts["deaths"] == 3 and facts["disputed"] == {"deaths": [0]} and facts["cause"] == "rain"
    assert not st.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'incident_facts'").fetchone()
    st.close()


def test_point_codes_made_unique_after_merge(laptops, shared_incident, tmp_path, capsys):
    a, b, w = laptops
    inc = shared_incident
    pa = a.add_point(inc["uuid"], 24.61, 108.21, role="downstream")
    pb = b.add_point(inc["uuid"], 24.62, 108.22, role="downstream")
    assert pa["code"] == pb["code"] == "DN-01"
    receipts = exchange(a, b, w, tmp_path, "c")
    first, later = sorted([pa, pb], key=lambda p: (p["created_at"], p["uuid"]))
    suffixed = f"DN-01-{device_tag(later['created_by_device'])}"
    for s in (a, b, w):
        codes = {p["uuid"]: p["code"] for p in s.list_points(inc["uuid"])}
        assert codes == {first["uuid"]: "DN-01", later["uuid"]: suffixed}
        row = s.get("sampling_points", later["uuid"])
        assert row["updated_by_device"] == MERGE_RULE_DEVICE
        logs = [e["text"] for e in s.list_log(inc["uuid"]) if "renamed" in e["text"]]
        assert len(logs) == 1 and suffixed in logs[0]  # the same log row everywhere, not one per replica
    assert any(r.total("renamed") for r in receipts)
    assert not any(r.total("conflicted") for r in receipts)
    # and --point DN-01 is no longer ambiguous
    path = str(w.path)
    w.close()
    assert main(["points", "--store", path, "--incident", "T-01"]) == 0
    assert suffixed in capsys.readouterr().out


def test_conflicts_cli_lists_and_resolves(laptops, team_a_data, tmp_path, capsys):
    a, b, w = laptops
    _inc, p1, *_ = team_a_data
    edit_concurrently(a, b, p1["uuid"], tmp_path)
    export_bundle(b, tmp_path / "b.fab")
    import_bundle(a, tmp_path / "b.fab")
    current = a.get("sampling_points", p1["uuid"])["name"]
    other = ({"A 的名字", "B 的名字"} - {current}).pop()
    path = str(a.path)
    a.close()
    assert main(["bundle", "conflicts", "--store", path]) == 0
    out = capsys.readouterr().out
    assert p1["uuid"] in out and f"name: current {current!r}  kept {other!r}" in out
    assert main(["bundle", "conflicts", "take", p1["uuid"][:8], "--store", path]) == 0
    capsys.readouterr()
    assert main(["bundle", "conflicts", "--store", path]) == 0
    assert "no conflicts waiting" in capsys.readouterr().out
    assert main(["bundle", "conflicts", "take", "ffffffff", "--store", path]) == 2
    from fieldapp.store import open_store

    a = open_store(path)
    assert a.get("sampling_points", p1["uuid"])["name"] == other
    # the choice travels as a plain newer edit: B fast-forwards to it
    export_bundle(a, tmp_path / "a2.fab")
    rc = import_bundle(b, tmp_path / "a2.fab")
    assert rc.total("conflicted") == 0 and b.get("sampling_points", p1["uuid"])["name"] == other
    assert json.loads(view.conflicts(a, include_reviewed=True)[0]["row_json"])["name"] == current
    a.close()


def test_report_says_when_teams_disagree_on_a_fact(laptops, shared_incident, tmp_path):
    from fieldapp.reports.archive import make_report

    a, b, w = laptops
    inc = shared_incident["uuid"]
    save_facts(a, inc, deaths="0")
    save_facts(b, inc, deaths="3")
    exchange(a, b, w, tmp_path, "r")
    rep = make_report(w, w.get("incidents", inc), "initial")
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(rep.pdf)
    import subprocess

    text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split())
    assert "各队上报不一致" in text and "待核实" in text
