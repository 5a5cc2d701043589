"""Migration 8: checklist ticks written before it (text only) become structured entries."""
from __future__ import annotations

import pytest
import sqlean

from fieldapp.store import migrations, open_store
from fieldapp.toolkit import checklist_log_text, load_toolkit
from fieldapp.toolkit.checklist import checklist_state


def test_old_checklist_rows_are_filled_and_stay_append_only(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite"
    all_migrations = migrations.discover()
    monkeypatch.setattr(migrations, "discover", lambda: [m for m in all_migrations if m.number < 8])
    st = open_store(path, create=True)                                 # a store as FieldApp wrote it before 8
    st.set_identity("某县生态环境监测站", "应急一队", "laptop-01")
    with st.transaction():      # the incident row as the schema before 8 holds it (today's API writes more)
        inc = {**st.new_meta(), "code": "T-01", "name": "尾矿库泄漏", "kind": "tailings_leak",
               "discovered_at": "2026-11-01T00:00:00.000Z"}
        st._insert("incidents", inc)
    tk = load_toolkit()
    sc = tk.scenario("tailings_pond_leak")
    s1, s2 = sc["steps"][0]["id"], sc["steps"][1]["id"]
    for text in (checklist_log_text(sc["id"], s1, True, "zh", tk),      # ticked in Chinese
                 checklist_log_text(sc["id"], s2, True, "en", tk),      # ticked in English
                 checklist_log_text(sc["id"], s2, False, "zh", tk),     # then unticked
                 "情景要点「不存在的情景」第1步已完成：?"):                # unknown: stays plain text
        st.log(inc["uuid"], "checklist", text)
    st.log(inc["uuid"], "observation", "水体发黄")
    st.close()
    monkeypatch.setattr(migrations, "discover", lambda: all_migrations)
    st = open_store(path)                                   # migration 8 runs now
    try:
        rows = [r for r in st.list_log(inc["uuid"]) if r["kind"] == "checklist"]
        assert [(r["entry_kind"], r["step_id"]) for r in rows] == [
            ("step_done", f"{sc['id']}/{s1}"), ("step_done", f"{sc['id']}/{s2}"),
            ("step_undone", f"{sc['id']}/{s2}"), ("", None)]
        state = checklist_state(st.list_log(inc["uuid"]))
        assert {k: v["done"] for k, v in state.items()} == {(sc["id"], s1): True, (sc["id"], s2): False}
        with pytest.raises(sqlean.IntegrityError, match="incident_log is append-only"):
            st.conn.execute("UPDATE incident_log SET text = 'x'")
        assert 8 in {r[0] for r in st.conn.execute("SELECT number FROM _fieldapp_migrations")}
    finally:
        st.close()


def test_log_refuses_a_half_structured_entry(store, incident):
    from fieldapp.store import ValidationError

    before = len(store.list_log(incident["uuid"]))
    with pytest.raises(ValidationError, match="step_id is required") as exc:   # str(): the stored field
        store.log(incident["uuid"], "checklist", "step 1 done", entry_kind="step_done")
    assert exc.value.text("en") == "step is required" and exc.value.text("zh") == "请填写步骤"   # the reader's words
    with pytest.raises(ValidationError, match="entry_kind 'tick'"):
        store.log(incident["uuid"], "checklist", "step 1 done", entry_kind="tick", step_id="a/b")
    assert len(store.list_log(incident["uuid"])) == before       # nothing half-written
