"""Exchange between real stores: add, fast-forward, conflicts kept as versions, tombstones, relays."""
from __future__ import annotations

import json

import pytest
from sync_helpers import edit_concurrently

from fieldapp.sync import BundleCorrupt, BundleError, export_bundle, import_bundle, keys, view
from fieldapp.sync.schema import ordered_tables, synced_tables


def live(store, table, uuid):
    return store.get(table, uuid, include_deleted=True)


def test_full_bundle_round_trip_keeps_geometry_provenance_and_children(laptops, team_a_data, tmp_path):
    a, _b, w = laptops
    inc, p1, _p2, s1 = team_a_data
    export_bundle(a, tmp_path / "a.fab", peer="group")
    rc = import_bundle(w, tmp_path / "a.fab", receipt_path=tmp_path / "r.json")
    assert rc.total("added") == sum(
        a.conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in synced_tables(a.conn))
    assert json.loads((tmp_path / "r.json").read_text())["totals"]["added"] == rc.total("added")
    got = live(w, "sampling_points", p1["uuid"])
    assert got["created_by_team"] == "应急一队" and got["created_by_device"] == a.identity.device_id
    assert w.points_within(24.65, 108.20, 50) == [p1["uuid"]]  # geometry and spatial index work there
    assert [c["to_party"] for c in w.list_custody(s1["uuid"])] == ["实验室"]
    assert w.check()["foreign_keys"] == "ok"
    by_team = view.consolidated(w, inc["uuid"])
    assert set(by_team) == {"应急一队"}
    pts = by_team["应急一队"]["sampling_points"]
    assert {p["provenance"]["imported_from"] for p in pts} == {"应急一队"}




def test_table_order_and_discovery(laptops):
    a = laptops[0]
    order = ordered_tables(a.conn)
    assert order.index("incidents") < order.index("sampling_points") < order.index("samples") \
        < order.index("custody_events")
    assert order.index("instrument_raw") < order.index("instrument_readings")
    assert not [t for t in order if t.startswith(("toolkit_", "sync_"))]
    # report_archive is made by a later migration (6): found from the schema, not hard-coded
    assert "report_archive" in synced_tables(a.conn)
    assert order.index("incidents") < order.index("report_archive")


def test_incremental_carries_only_changes_and_fast_forwards(laptops, team_a_data, tmp_path):
    a, _b, w = laptops
    _inc, p1, _p2, _s1 = team_a_data
    export_bundle(a, tmp_path / "1.fab", peer="W", incremental=True)
    import_bundle(w, tmp_path / "1.fab")
    a.update_point(p1["uuid"], name="排口 (修正)")
    man = export_bundle(a, tmp_path / "2.fab", peer="W", incremental=True)
    assert man["kind"] == "incremental" and man["counts"] == {"sampling_points": 1}
    rc = import_bundle(w, tmp_path / "2.fab")
    assert rc.total("updated") == 1 and rc.total("conflicted") == 0
    assert live(w, "sampling_points", p1["uuid"])["name"] == "排口 (修正)"
    # the group edits; A's older copy is an ancestor of the group's -> fast-forward, no conflict
    w.update_point(p1["uuid"], description="组审核")
    export_bundle(w, tmp_path / "3.fab", peer="A", incremental=True)
    rc = import_bundle(a, tmp_path / "3.fab")
    assert rc.total("conflicted") == 0 and live(a, "sampling_points", p1["uuid"])["description"] == "组审核"


def test_concurrent_edits_are_kept_as_versions_and_converge(laptops, team_a_data, tmp_path):
    a, b, w = laptops
    _inc, p1, *_ = team_a_data
    edit_concurrently(a, b, p1["uuid"], tmp_path)
    export_bundle(a, tmp_path / "a.fab")
    export_bundle(b, tmp_path / "b.fab")
    ra = import_bundle(w, tmp_path / "a.fab")
    rb = import_bundle(w, tmp_path / "b.fab")
    assert ra.total("conflicted") == 0 and rb.total("conflicted") == 1
    import_bundle(a, tmp_path / "b.fab")
    import_bundle(b, tmp_path / "a.fab")
    names = {live(s, "sampling_points", p1["uuid"])["name"] for s in (a, b, w)}
    assert len(names) == 1  # one deterministic current value everywhere
    for s in (a, b, w):
        kept = view.conflicts(s)
        assert len(kept) == 1 and kept[0]["uuid"] == p1["uuid"]
        loser = json.loads(kept[0]["row_json"])["name"]
        assert {loser} | names == {"A 的名字", "B 的名字"}  # nothing lost
    assert rb.items["conflicted"][0]["uuid"] == p1["uuid"]


def test_tombstones_travel_and_append_only_rows_union(laptops, team_a_data, tmp_path):
    a, _b, w = laptops
    inc, _p1, p2, _s1 = team_a_data
    export_bundle(a, tmp_path / "1.fab")
    import_bundle(w, tmp_path / "1.fab")
    a.delete("sampling_points", p2["uuid"])
    a.log(inc["uuid"], "decision", "启动二级响应")
    export_bundle(a, tmp_path / "2.fab")
    rc = import_bundle(w, tmp_path / "2.fab")
    assert live(w, "sampling_points", p2["uuid"])["deleted"] == 1
    assert "启动二级响应" in [r["text"] for r in w.list_log(inc["uuid"])]
    assert rc.counts["incident_log"]["added"] == 1 and rc.counts["incident_log"]["unchanged"] >= 1


def test_group_bundle_relays_all_teams_back(laptops, team_a_data, tmp_path):
    a, b, w = laptops
    inc = team_a_data[0]
    export_bundle(a, tmp_path / "a.fab")
    import_bundle(w, tmp_path / "a.fab")
    export_bundle(w, tmp_path / "wb.fab")
    import_bundle(b, tmp_path / "wb.fab")
    pb = b.add_point(inc["uuid"], 24.5, 108.3, role="water_intake")
    export_bundle(b, tmp_path / "b.fab")
    import_bundle(w, tmp_path / "b.fab")
    export_bundle(w, tmp_path / "wa.fab", peer="A", incremental=True)
    import_bundle(a, tmp_path / "wa.fab")
    assert live(a, "sampling_points", pb["uuid"])["created_by_team"] == "应急二队"
    teams = {r["team"] for r in view.summary(a)}
    assert teams == {"应急一队", "应急二队"}


def test_attachment_blob_travels_as_member(laptops, team_a_data, tmp_path):
    a, _b, w = laptops
    inc, p1, *_ = team_a_data
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(bytes(range(256)) * 100)
    att = a.add_attachment(inc["uuid"], "sampling_points", p1["uuid"], photo, caption="排口照片")
    man = export_bundle(a, tmp_path / "a.fab")
    assert f"blobs/{att['sha256']}" in man["members"]
    import_bundle(w, tmp_path / "a.fab")
    data = w.conn.execute("SELECT data FROM attachments WHERE uuid = ?", (att["uuid"],)).fetchone()[0]
    assert data == photo.read_bytes()


def test_encrypted_bundle_opens_only_for_its_recipient(laptops, team_a_data, tmp_path):
    a, b, w = laptops
    man = export_bundle(a, tmp_path / "sealed.fab", seal_to=keys.public_hex(w))
    raw = (tmp_path / "sealed.fab").read_bytes()
    assert b"sampling_points" not in raw and man["sender"]["team"].encode() not in raw
    with pytest.raises(BundleCorrupt, match="encrypted to another key"):
        import_bundle(b, tmp_path / "sealed.fab")
    assert import_bundle(w, tmp_path / "sealed.fab").total("added") > 0


def test_missing_parent_is_refused_with_advice(laptops, team_a_data, tmp_path):
    a, _b, w = laptops
    _inc, p1, *_ = team_a_data
    export_bundle(a, tmp_path / "1.fab", peer="W", incremental=True)
    a.add_sample(p1["uuid"])
    export_bundle(a, tmp_path / "2.fab", peer="W", incremental=True)
    # 2.fab continues 1.fab, which W never got: refused as a gap before anything else
    with pytest.raises(BundleError, match="bundle 1 from 应急一队 is missing"):
        import_bundle(w, tmp_path / "2.fab")
    assert w.conn.execute("SELECT COUNT(*) FROM sync_imports").fetchone()[0] == 0
    import_bundle(w, tmp_path / "1.fab")
    assert import_bundle(w, tmp_path / "2.fab").counts["samples"]["added"] == 1


def test_child_without_parent_is_refused_naming_record_and_field(laptops, team_a_data, tmp_path):
    """A full bundle whose sample's point is missing (a sender's bug): one line naming the field."""
    from sync_helpers import checksum_all, rewrite_bundle

    a, _b, w = laptops
    _inc, p1, _p2, s1 = team_a_data
    export_bundle(a, tmp_path / "full.fab")
    drop = ("records/sampling_points.jsonl", "records/measurements.jsonl", "records/custody_events.jsonl")
    def edit(m):
        for t in ("sampling_points", "measurements", "custody_events"):
            m["counts"].pop(t)
    bad = rewrite_bundle(tmp_path / "full.fab", tmp_path / "orphan.fab", drop=drop, fix_hashes=True,
                         manifest_edit=edit, sign_with=keys.signing_key(a))
    before = checksum_all(w)
    with pytest.raises(BundleError, match=f"samples record {s1['uuid']}, field point_uuid: refers to "
                                          f"sampling_points {p1['uuid']}.*import the sender's earlier bundle first"):
        import_bundle(w, bad)
    assert checksum_all(w) == before


def test_table_from_a_later_migration_travels_with_its_blob(laptops, team_a_data, tmp_path):
    """report_archive (migration 6) is found from the schema, gets its change_seq index, and its PDF
    bytes travel as a blob member; it is append-only, so an altered copy is refused, ours kept."""
    import hashlib

    a, _b, w = laptops
    assert "report_archive" in synced_tables(a.conn)       # every build has migration 6
    inc = team_a_data[0]
    pdf = b"%PDF-1.4\n" + bytes(range(256)) * 64
    with a.transaction():
        row = {**a.new_meta(), "incident_uuid": inc["uuid"], "report_type": "initial", "report_no": "初报-1",
               "issued_at": "2026-11-01T09:00:00.000Z", "sha256": hashlib.sha256(pdf).hexdigest(),
               "size": len(pdf), "pdf": pdf}
        a._insert("report_archive", row)
    man = export_bundle(a, tmp_path / "a.fab")
    assert man["counts"]["report_archive"] == 1 and f"blobs/{row['sha256']}" in man["members"]
    import_bundle(w, tmp_path / "a.fab")
    got = w.conn.execute("SELECT pdf, created_by_team FROM report_archive WHERE uuid = ?", (row["uuid"],)).fetchone()
    assert got == (pdf, "应急一队")
    assert w.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'report_archive_change_seq'").fetchone()
    # a trusted sender's bundle altering the issued report: refused in the receipt, ours unchanged
    import zipfile

    from sync_helpers import rewrite_bundle

    with zipfile.ZipFile(tmp_path / "a.fab") as zf:
        line = zf.read("records/report_archive.jsonl")
    altered = line.replace(b'"version":1', b'"version":2').replace("初报-1".encode(), "初报-改".encode())
    bad = rewrite_bundle(tmp_path / "a.fab", tmp_path / "alt.fab", members={"records/report_archive.jsonl": altered},
                         fix_hashes=True, sign_with=keys.signing_key(a),
                         manifest_edit=lambda m: m.update(bundle_id="another-bundle"))
    rc = import_bundle(w, bad)
    assert rc.counts["report_archive"]["refused"] == 1 and rc.items["refused"][0]["uuid"] == row["uuid"]
    assert w.conn.execute("SELECT report_no FROM report_archive").fetchone()[0] == "初报-1"
