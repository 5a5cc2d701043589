"""Plans travel in bundles with their provenance: the receiving laptop gets the plan, the incident's
choice of it, and the same answers; the manifest says which plans a bundle carries and where from."""
from __future__ import annotations

from fieldapp.plans.answers import nearest_materials
from fieldapp.plans.fixture import make_fixture
from fieldapp.plans.importer import import_plan, pick_plan
from fieldapp.plans.query import downstream
from fieldapp.sync import export_bundle, import_bundle


def test_a_plan_and_its_use_travel_to_the_working_group(laptops, team_a_data, tmp_path):
    a, _b, w = laptops
    inc = team_a_data[0]
    fx = make_fixture(tmp_path / "桂.gpkg", rivers=40, facilities=1500, warehouses=60, items=500)
    res = import_plan(a, fx.path, plan_name="广西一河一策一图")
    pick_plan(a, inc["uuid"], res.plan_uuid)
    manifest = export_bundle(a, tmp_path / "a.fab")
    (plan,) = manifest["plans"]
    assert plan["name"] == "广西一河一策一图" and plan["created_by_team"] == "应急一队"
    assert {lay["source_file"] for lay in plan["layers"]} == {"桂.gpkg"}
    assert {lay["source_crs"] for lay in plan["layers"]} == {"EPSG:4490", ""}      # the items table has no CRS
    assert manifest["counts"]["map_sites"] == 1560 and manifest["counts"]["plan_items"] == 500
    import_bundle(w, tmp_path / "a.fab")
    lon, lat = a.conn.execute("SELECT lon, lat FROM map_sites WHERE kind = 'facility' AND river_uuid IS NOT NULL "
                              "ORDER BY rowid LIMIT 1").fetchone()
    for fn in (lambda s: [h.uuid for h in downstream(s, lon, lat, incident_uuid=inc["uuid"])],
               lambda s: [h.uuid for h in nearest_materials(s, "石灰", lon, lat, incident_uuid=inc["uuid"])]):
        assert fn(w) == fn(a) and fn(w)
    prov = w.conn.execute("SELECT source_file, imported_by, coord_conversion FROM map_layers WHERE plan_uuid = ? "
                          "AND name = '设施点位'", (res.plan_uuid,)).fetchone()
    assert prov == ("桂.gpkg", "应急一队 unit 应急一队", "none")
