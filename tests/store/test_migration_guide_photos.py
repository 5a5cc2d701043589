"""Migrations 14 (guide and drills) and 15 (photo columns) on a store written at version 13, the last
migration main had before them: incidents get the scenario their kind opens, nothing is marked a
drill, earlier log entries and attachments keep their content, the sync objects survive, and the
new features work on the upgraded file (a drill kept out of a bundle, a photo chosen for reports)."""
from __future__ import annotations

import io
import zipfile

from PIL import Image

from fieldapp.store import migrations, open_store


def _v13_store(path, monkeypatch):
    every = migrations.discover()
    monkeypatch.setattr(migrations, "discover", lambda: [m for m in every if m.number <= 13])
    st = open_store(path, create=True)
    st.set_identity("某县生态环境监测站", "应急一队", "laptop-01")
    assert max(r[0] for r in st.conn.execute("SELECT number FROM _fieldapp_migrations")) == 13
    with st.transaction():              # rows as version-13 code wrote them (no columns of 14/15)
        inc = {**st.new_meta(), "code": "OLD-01", "name": "尾矿库泄漏", "kind": "tailings_leak",
               "discovered_at": "2026-11-01T00:00:00.000Z", "standard": "GB3838-III",
               "source_standard": "GB3838-source-II", "is_demo": 0}
        st._insert("incidents", inc)
        other = {**inc, **st.new_meta(), "code": "OLD-02", "name": "其他事件", "kind": ""}
        st._insert("incidents", other)
        st._log_now(inc["uuid"], "observation", "下游河水发黄")
    pic = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(pic, "JPEG")
    (path.parent / "old.jpg").write_bytes(pic.getvalue())
    att = st.add_attachment(inc["uuid"], "incidents", inc["uuid"], path.parent / "old.jpg", "现场")
    st.close()
    monkeypatch.undo()
    return inc, other, att


def test_version_13_store_upgrades_to_the_guide_and_photo_columns(tmp_path, monkeypatch):
    path = tmp_path / "main-era.sqlite"
    inc, other, att = _v13_store(path, monkeypatch)
    st = open_store(path)
    assert {r[0] for r in st.conn.execute("SELECT number FROM _fieldapp_migrations")} >= {13, 14, 15}
    row = st.get("incidents", inc["uuid"])
    assert (row["scenario_id"], row["is_drill"], row["drill_scenario"], row["pollutant_id"]) == \
        ("tailings_pond_leak", 0, "", "")
    assert row["area_radius_m"] is None and row["version"] == 1          # filled, not edited
    assert st.get("incidents", other["uuid"])["scenario_id"] == ""      # no kind: no checklist
    log = [r for r in st.list_log(inc["uuid"]) if r["text"] == "下游河水发黄"]
    assert len(log) == 1 and log[0]["entry_args"] == ""
    a = st.conn.execute("SELECT caption, size, taken_at, thumb, in_report FROM attachments WHERE uuid = ?",
                        (att["uuid"],)).fetchone()
    assert a[:2] == ("现场", att["size"]) and a[2:] == (None, None, 0)
    names = {r[0] for r in st.conn.execute("SELECT name FROM sqlite_master")}
    assert {"incidents_sync_ancestry", "attachments_sync_ancestry", "incident_log_no_update"} <= names
    assert st.check()["integrity"] == "ok"

    # the new features on the upgraded file
    from fieldapp.photos import add_photo, report_photos, set_in_report
    from fieldapp.store.drills import is_drill
    from fieldapp.sync.export import export_bundle

    pt = st.add_point(inc["uuid"], 24.65, 108.33, role="source")
    photo = add_photo(st, inc["uuid"], "sampling_points", pt["uuid"], tmp_path / "old.jpg", in_report=False)
    set_in_report(st, photo["uuid"], True)
    assert [p["uuid"] for p in report_photos(st, inc["uuid"])] == [photo["uuid"]]
    drill = st.create_incident("演练", code="DRILL-01", kind="tanker_accident", is_drill=True)
    assert is_drill(st, drill["uuid"]) and drill["scenario_id"] == "road_tanker_accident"
    man = export_bundle(st, tmp_path / "b.fieldapp")
    assert [i["code"] for i in man["incidents"]] == ["OLD-01", "OLD-02"]
    with zipfile.ZipFile(tmp_path / "b.fieldapp") as z:
        assert drill["uuid"].encode() not in b"".join(z.read(n) for n in z.namelist())
    st.close()
