"""Core store behaviour against a real SpatiaLite file."""
import sqlite3

import pytest
import sqlean

from fieldapp.store import (DuplicateCode, IdentityMissing, NotAFieldAppStore, StoreFull, StoreReadOnly,
                            ValidationError, open_store)


def test_new_store_has_schema_spatial_metadata_and_wal(store):
    tables = set(store.db.table_names())
    for t in ("incidents", "sampling_points", "samples", "custody_events", "measurements",
              "attachments", "incident_log", "_fieldapp_migrations", "idx_sampling_points_geom"):
        assert t in tables
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    geom = store.conn.execute(
        "SELECT geometry_type, srid FROM geometry_columns WHERE f_table_name='sampling_points'").fetchone()
    assert geom == (1, 4326)


def test_migrations_run_in_number_order_once_each(tmp_path, monkeypatch):
    """Every migration module's up() is wrapped to record when it runs: a new store runs them all
    in number order (whatever order the modules are found in), a reopened store runs none."""
    import importlib

    from fieldapp.store import migrations

    known = migrations.discover()
    numbers = [m.number for m in known]
    assert numbers == sorted(set(numbers)) and numbers[0] == 1   # unique (parallel branches leave gaps)
    ran = []
    for info in __import__("pkgutil").iter_modules(migrations.__path__):
        if info.name.startswith("m") and info.name[1:4].isdigit():
            mod = importlib.import_module(f"{migrations.__name__}.{info.name}")
            monkeypatch.setattr(mod, "up", lambda conn, _up=mod.up, _n=mod.NUMBER: (ran.append(_n), _up(conn)))
    st = open_store(tmp_path / "new.sqlite", create=True)
    st.set_identity("某县生态环境监测站", "应急一队", "laptop-01")
    assert ran == [m.number for m in known]
    st.close()
    ran.clear()
    st = open_store(tmp_path / "new.sqlite")
    assert ran == [] and migrations.run(st.conn, "2026-01-01T00:00:00Z") == []
    assert sorted(r[0] for r in st.conn.execute("SELECT number FROM _fieldapp_migrations")) == [
        m.number for m in known]
    assert st.identity.team == "应急一队"
    st.close()




def test_migrations_are_known_by_file_name_and_imported_only_to_run(tmp_path):
    """Each migration module says the number and name its file name says; reopening an up-to-date
    store (in a fresh process, as the window starts) imports none of them."""
    import importlib
    import subprocess
    import sys

    from fieldapp.store import migrations

    for mig in migrations.discover():
        mod = importlib.import_module(f"{migrations.__name__}.{mig.module}")
        assert (mod.NUMBER, mod.NAME) == (mig.number, mig.name) and mig.up is mod.up
    open_store(tmp_path / "new.sqlite", create=True).close()
    probe = ("import sys; from fieldapp.store import open_store; open_store(sys.argv[1]).close(); "
             "print(sorted(m for m in sys.modules if m.startswith('fieldapp.store.migrations.')))")
    out = subprocess.run([sys.executable, "-c", probe, str(tmp_path / "new.sqlite")], capture_output=True,
                         text=True, check=True).stdout
    assert out.strip() == "[]", out
def test_records_are_stamped_with_identity_uuid_and_version(store, incident):
    p = store.add_point(incident["uuid"], "24.5", "108.3", role="source")
    row = store.get("sampling_points", p["uuid"])
    assert len(row["uuid"]) == 36 and row["version"] == 1 and row["deleted"] == 0
    assert row["created_by_team"] == "应急一队"
    assert row["created_by_device"] == store.identity.device_id
    assert row["code"] == "SRC-01"
    upd = store.update_point(p["uuid"], name="排污口")
    assert upd["version"] == 2 and upd["name"] == "排污口" and upd["updated_at"] >= row["updated_at"]
    assert upd["change_seq"] > row["change_seq"]


def test_dms_coordinates_and_geometry(store, incident):
    p = store.add_point(incident["uuid"], "24°30'36\"N", "108°18'00\"E")
    assert p["lat"] == pytest.approx(24.51) and p["lon"] == pytest.approx(108.3)
    x, y = store.conn.execute("SELECT X(geom), Y(geom) FROM sampling_points WHERE uuid=?",
                              (p["uuid"],)).fetchone()
    assert (x, y) == pytest.approx((108.3, 24.51))
    store.update_point(p["uuid"], lat="24.6")
    y2 = store.conn.execute("SELECT Y(geom) FROM sampling_points WHERE uuid=?", (p["uuid"],)).fetchone()[0]
    assert y2 == pytest.approx(24.6)


@pytest.mark.parametrize("lat,lon,msg", [
    ("95", "108", "outside −90…90"),
    ("108.3", "24.5", "is the longitude"),   # 108 is not a latitude, but would be a longitude
    ("24.5", "190", "outside −180…180"),
    ("abc", "108", "not a coordinate"),
    ("108°E", "24°N", "belongs to the other axis"),
])
def test_bad_coordinates_are_refused_with_a_specific_message(store, incident, lat, lon, msg):
    before = store.conn.execute("SELECT COUNT(*) FROM sampling_points").fetchone()[0]
    with pytest.raises(ValidationError, match=msg):
        store.add_point(incident["uuid"], lat, lon)
    assert store.conn.execute("SELECT COUNT(*) FROM sampling_points").fetchone()[0] == before


def test_duplicate_point_code_refused(store, incident):
    store.add_point(incident["uuid"], 24.5, 108.3, code="DN-01")
    with pytest.raises(DuplicateCode, match="DN-01"):
        store.add_point(incident["uuid"], 24.6, 108.4, code="DN-01")
    # a deleted point frees its code
    p = store.list_points(incident["uuid"])[0]
    store.delete("sampling_points", p["uuid"])
    store.add_point(incident["uuid"], 24.6, 108.4, code="DN-01")


def test_measurement_units_normalised_original_kept(store, incident):
    p = store.add_point(incident["uuid"], 24.5, 108.3)
    m = store.add_measurement(p["uuid"], "Cd", "12.5", "ug/L")
    assert m["value"] == pytest.approx(0.0125) and m["unit"] == "mg/L"
    assert (m["value_orig"], m["unit_orig"]) == ("12.5", "ug/L")
    lod = store.add_measurement(p["uuid"], "Tl", "<0.02", "µg/L")
    assert lod["qualifier"] == "<" and lod["value"] == pytest.approx(0.00002)
    nd = store.add_measurement(p["uuid"], "As", "ND", "mg/L")
    assert nd["qualifier"] == "ND" and nd["value"] is None
    gas = store.add_point(incident["uuid"], 24.5, 108.3, media="air")
    h2s = store.add_measurement(gas["uuid"], "H2S", "5", "ppm")
    # a gas ppm is a volume ratio: with the molar mass it becomes mg/m³ (25 °C), never mg/L
    assert h2s["unit"] == "mg/m³" and h2s["value"] == pytest.approx(5 * 34.08 / 24.45)
    assert (h2s["unit_orig"], h2s["parameter_id"]) == ("ppm", "h2s")
    voc = store.add_measurement(gas["uuid"], "VOC", "12", "ppm")   # no molar mass: stays a ratio
    assert voc["unit"] == "ppm" and voc["value"] == 12
    assert store.add_measurement(p["uuid"], "NH3-N", "2", "ppm")["unit"] == "mg/L"


@pytest.mark.parametrize("parameter,value,unit,msg", [
    ("Cd", "-0.3", "mg/L", "cannot be negative"),
    ("Cd", "abc", "mg/L", "not a number"),
    ("Cd", "1", "furlongs", "unknown unit"),
    ("pH", "15", "pH", "outside 0–14"),
    ("Cd", "nan", "mg/L", "not a number"),
    ("Cd", "1", "m/s", "m/s .* does not fit Cadmium"),
    ("pH", "7", "mg/L", "mg/L .* does not fit pH"),
])
def test_bad_measurements_refused(store, incident, parameter, value, unit, msg):
    p = store.add_point(incident["uuid"], 24.5, 108.3)
    with pytest.raises(ValidationError, match=msg) as e:
        store.add_measurement(p["uuid"], parameter, value, unit)
    assert e.value.zh and e.value.zh != str(e.value)      # the Chinese message travels with it
    assert store.conn.execute("SELECT COUNT(*) FROM measurements").fetchone()[0] == 0


def test_future_timestamp_refused(store, incident):
    p = store.add_point(incident["uuid"], 24.5, 108.3)
    with pytest.raises(ValidationError, match="in the future"):
        store.add_measurement(p["uuid"], "Cd", "1", "mg/L", measured_at="2099-01-01 10:00")


def test_custody_and_log_are_append_only(store, incident):
    p = store.add_point(incident["uuid"], 24.5, 108.3)
    s = store.add_sample(p["uuid"], container="500 mL PE")
    ev = store.add_custody_event(s["uuid"], "张三", "实验室", place="县站", new_status="received")
    assert store.get("samples", s["uuid"])["status"] == "received"
    with pytest.raises(sqlean.IntegrityError, match="custody_events is append-only"):
        store.conn.execute("UPDATE custody_events SET to_party='x' WHERE uuid=?", (ev["uuid"],))
    with pytest.raises(sqlean.IntegrityError, match="incident_log is append-only"):
        store.conn.execute("DELETE FROM incident_log")
    assert [e["to_party"] for e in store.list_custody(s["uuid"])] == ["实验室"]


def test_failed_transaction_leaves_nothing(store, incident):
    p = store.add_point(incident["uuid"], 24.5, 108.3)
    prepared = [store.prepare_measurement(store.get("sampling_points", p["uuid"]), "Cd", "1", "mg/L")]
    prepared.append(dict(prepared[0], qualifier="bogus"))  # violates the CHECK constraint
    with pytest.raises(sqlean.IntegrityError, match="CHECK constraint failed"):
        store.add_measurements(prepared)
    assert store.conn.execute("SELECT COUNT(*) FROM measurements").fetchone()[0] == 0


def test_identity_required_before_writing(store_path):
    st = open_store(store_path, create=True)
    with pytest.raises(IdentityMissing, match="identity"):
        st.create_incident("x")
    st.close()


def test_not_a_fieldapp_store(tmp_path):
    other = tmp_path / "other.db"
    c = sqlite3.connect(other)
    c.execute("CREATE TABLE birds (name TEXT)")
    c.commit()
    c.close()
    with pytest.raises(NotAFieldAppStore, match="not a FieldApp store"):
        open_store(other)
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is a photo, not a database" * 100)
    with pytest.raises(NotAFieldAppStore, match="not an SQLite database"):
        open_store(junk)
    assert junk.read_bytes().startswith(b"this is a photo")  # untouched


def test_read_only_store_refuses_writes_clearly(store_path, store, incident):
    store.close()
    ro = open_store(store_path, read_only=True)
    assert ro.list_incidents()[0]["code"] == "T-01"
    with pytest.raises(StoreReadOnly, match="cannot be written"):
        ro.create_incident("y")
    ro.close()


def test_full_disk_rolls_back_and_keeps_earlier_data(store, incident):
    p = store.add_point(incident["uuid"], 24.5, 108.3)
    store.add_measurement(p["uuid"], "Cd", "1", "mg/L")
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages + 2}")  # the disk is now nearly full
    point = store.get("sampling_points", p["uuid"])
    big = [store.prepare_measurement(point, "Cd", str(i), "mg/L", method="x" * 500) for i in range(2000)]
    with pytest.raises(StoreFull, match="disk is full"):
        store.add_measurements(big)
    store.conn.execute("PRAGMA max_page_count = 1073741823")
    assert store.conn.execute("SELECT COUNT(*) FROM measurements").fetchone()[0] == 1
    assert store.check()["integrity"] == "ok"


def test_points_within_radius_index_and_scan_agree(store, incident):
    import random
    rng = random.Random(1)
    for _ in range(300):
        store.add_point(incident["uuid"], 24.5 + rng.uniform(-0.3, 0.3), 108.3 + rng.uniform(-0.3, 0.3))
    a = sorted(store.points_within(24.5, 108.3, 10_000, use_index=True))
    b = sorted(store.points_within(24.5, 108.3, 10_000, use_index=False))
    assert a == b and 0 < len(a) < 300


def test_check_reports_ok(store, incident):
    store.add_point(incident["uuid"], 24.5, 108.3)
    res = store.check()
    assert res["integrity"] == "ok" and res["spatial_index"] == "ok" and res["foreign_keys"] == "ok"


def test_a_store_opened_without_spatialite_loads_it_before_its_writer_writes(store_path, store, incident):
    """The window's start opens the store without SpatiaLite (~45 ms) and loads it after its first
    paint; plain reads work meanwhile, spatial SQL does not (it really is not loaded), and the
    writer loads it before any job, so a point written then still gets its geometry and index."""
    from fieldapp.store.writer import StoreWriter, open_reader

    store.close()
    reader = open_reader(store_path, spatial=False)
    assert not reader.spatial and reader.list_incidents()[0]["uuid"] == incident["uuid"]
    with pytest.raises(sqlean.OperationalError, match="no such function"):
        reader.conn.execute("SELECT AsText(MakePoint(108.3, 24.5, 4326))").fetchone()
    reader.load_spatial()
    assert reader.conn.execute("SELECT AsText(MakePoint(108.3, 24.5, 4326))").fetchone()[0] == "POINT(108.3 24.5)"
    reader.close()

    st = open_store(store_path, spatial=False)
    assert not st.spatial
    writer = StoreWriter(st)
    try:
        point, _ = writer.call(lambda s: s.add_point(incident["uuid"], "24.5", "108.3", role="source"))
        assert st.spatial
        assert st.conn.execute("SELECT X(geom), Y(geom) FROM sampling_points WHERE uuid = ?",
                               (point["uuid"],)).fetchone() == (108.3, 24.5)
    finally:
        writer.close()
    st = open_store(store_path, read_only=True)
    assert st.check()["spatial_index"] == "ok"
    st.close()


def test_a_store_with_a_migration_due_gets_spatialite_at_once(store_path, store):
    """spatial=False never runs a migration without SpatiaLite (they build spatial columns)."""
    store.conn.execute("DELETE FROM _fieldapp_migrations WHERE number = 17")
    for name in ("map_warehouse_rtree_insert", "map_warehouse_rtree_update", "map_warehouse_rtree_delete"):
        store.conn.execute(f"DROP TRIGGER {name}")
    store.conn.execute("DROP TABLE map_warehouse_rtree")
    store.close()
    st = open_store(store_path, spatial=False)
    try:
        assert st.spatial
        assert 17 in {r[0] for r in st.conn.execute("SELECT number FROM _fieldapp_migrations")}
    finally:
        st.close()
