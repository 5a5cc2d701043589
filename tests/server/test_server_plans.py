"""A province's plan data in the server database: `fieldapp server plan FILE` reads the file with the
laptop's plan importer and stores the same records a laptop's `fieldapp plan import` makes (river
lengths, confluences, site chainages, material items), which also arrive through a laptop's bundle;
the GIS views show them under the plan's name; a second load under the same name is refused with
the database unchanged."""
from __future__ import annotations

import pytest
from server_helpers import database_checksum, trust_laptops
from sync_helpers import make_laptop

from fieldapp.cli import main
from fieldapp.plans.fixture import make_fixture
from fieldapp.plans.importer import import_plan
from fieldapp.sync import export_bundle, import_bundle

# what must be equal whoever imported the file (uuids and times differ between two imports); the
# numbers are compared exactly: the same code computed them, and double precision round-trips
RIVERS = ("SELECT r.source_id, r.name, r.length_m, d.source_id, r.join_chainage_m "
          "FROM map_rivers r JOIN map_layers l ON l.uuid = r.layer_uuid JOIN plans p ON p.uuid = l.plan_uuid "
          "LEFT JOIN map_rivers d ON d.uuid = r.downstream_uuid WHERE p.name = ?")
SITES = ("SELECT s.source_id, s.kind, s.name, s.lon, s.lat, v.source_id, "
         "s.chainage_m, s.offset_m FROM map_sites s "
         "JOIN map_layers l ON l.uuid = s.layer_uuid JOIN plans p ON p.uuid = l.plan_uuid "
         "LEFT JOIN map_rivers v ON v.uuid = s.river_uuid WHERE p.name = ?")
ITEMS = ("SELECT w.source_id, i.material_key, i.material, i.quantity, i.unit, i.quantity_t FROM plan_items i "
         "JOIN map_sites w ON w.uuid = i.site_uuid JOIN map_layers l ON l.uuid = i.layer_uuid "
         "JOIN plans p ON p.uuid = l.plan_uuid WHERE p.name = ?")


def _rows(db, sql: str, name: str) -> list:
    return sorted(tuple(r) for r in db.execute(sql, (name,)).fetchall())


@pytest.fixture(scope="module")
def plan_file(tmp_path_factory):
    out = tmp_path_factory.mktemp("plan") / "province.gpkg"
    make_fixture(out, rivers=12, facilities=300, warehouses=20, items=60, seed=7)
    return out


def test_plan_file_loads_as_a_laptop_would_import_it(server_url, server, plan_file, tmp_path, capsys):
    laptop = make_laptop(tmp_path / "gis-desk.sqlite", "省应急中心", "gis-desk")
    try:
        import_plan(laptop, plan_file, plan_name="西江流域")
        export_bundle(laptop, tmp_path / "desk.fab")
        trust_laptops(server, laptop)
        import_bundle(server, tmp_path / "desk.fab")
        assert main(["server", "plan", str(plan_file), "--plan", "西江流域-省", "--db", server_url]) == 0
        out = capsys.readouterr().out
        assert "into plan '西江流域-省' on the server" in out
        for sql in (RIVERS, SITES, ITEMS):
            on_laptop = _rows(laptop.conn, sql, "西江流域")
            assert on_laptop and _rows(server, sql, "西江流域") == on_laptop   # via the bundle
            assert _rows(server, sql, "西江流域-省") == on_laptop             # loaded on the server
        assert any(r[3] for r in _rows(server, RIVERS, "西江流域-省")), "no confluence kept"
    finally:
        laptop.close()
    views = dict(server.execute("SELECT plan_name, COUNT(*) FROM gis.rivers GROUP BY plan_name").fetchall())
    assert views["西江流域-省"] == views["西江流域"] == 12
    n_sites = server.execute("SELECT COUNT(*) FROM gis.facilities WHERE plan_name = ?", ("西江流域-省",)).fetchone()[0]
    assert n_sites == 320   # 300 facilities and intakes, 20 warehouses


def test_second_load_under_the_same_name_is_refused_unchanged(server_url, server, plan_file, capsys):
    assert main(["server", "plan", str(plan_file), "--plan", "西江", "--db", server_url]) == 0
    before = database_checksum(server)
    capsys.readouterr()
    assert main(["server", "plan", str(plan_file), "--plan", "西江", "--db", server_url]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already on the server" in err
    assert main(["server", "plan", str(plan_file.with_name("missing.gpkg")), "--plan", "其他", "--db", server_url]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("fieldapp: error:")
    assert database_checksum(server) == before


def test_an_incident_copy_carries_the_plans_it_uses_only(server, plan_file, tmp_path):
    """A pulled incident (the window's read-only copy, `server export --incident`) carries the plans the
    incident uses, with all their layers, and not every plan of the province's archive."""
    from fieldapp.plans.importer import pick_plan
    from fieldapp.server.plans import load_plan
    from fieldapp.server.snapshot import open_copy, pull_incident

    laptop = make_laptop(tmp_path / "team.sqlite", "应急一队", "laptop-a")
    try:
        inc = laptop.create_incident("尾矿库泄漏", "2026-11-01 08:00", code="T-01")
        used = import_plan(laptop, plan_file, plan_name="西江流域").plan_uuid
        pick_plan(laptop, inc["uuid"], used)
        export_bundle(laptop, tmp_path / "team.fab")
        trust_laptops(server, laptop)
        import_bundle(server, tmp_path / "team.fab")
    finally:
        laptop.close()
    load_plan(server, plan_file, plan_name="全省其他")
    with open_copy(pull_incident(server, "T-01", tmp_path / "copies")) as copy:
        plans = {r[0] for r in copy.conn.execute("SELECT name FROM plans")}
        assert plans == {"西江流域"}
        n_sites = copy.conn.execute("SELECT COUNT(*) FROM map_sites").fetchone()[0]
        assert n_sites == 320 and copy.conn.execute("SELECT COUNT(*) FROM plan_items").fetchone()[0] == 60
