"""Answers along the river network: distances checked by hand on the ellipsoid, agreement with a
full scan on a generated plan, and which incidents see a plan."""
from __future__ import annotations

import subprocess
import sys

import pytest
from pyproj import Geod

from fieldapp.maps import spatial
from fieldapp.maps.layer_import import write_layer
from fieldapp.plans import scan
from fieldapp.plans.answers import can_intercept, nearest_materials
from fieldapp.plans.fixture import make_fixture
from fieldapp.plans.importer import import_plan, pick_plan
from fieldapp.plans.query import downstream, upstream
from fieldapp.plans.write import ensure_plan

GEOD = Geod(ellps="WGS84")


def arc(a, b):
    return GEOD.inv(a[0], a[1], b[0], b[1])[2]


# Main river east along 25°N from 110.0 to 110.2; a tributary from the north flowing south along
# 110.05°E from 25.1 into the main river at (110.05, 25.0).
MAIN = [(110.0, 25.0), (110.1, 25.0), (110.2, 25.0)]
TRIB = [(110.05, 25.1), (110.05, 25.05), (110.05, 25.0)]


@pytest.fixture
def network(store):
    with store.transaction():
        plan = ensure_plan(store, None, "测试河网")
    write_layer(store, "rivers", "river", [{"name": "干流", "coords": MAIN}, {"name": "支流", "coords": TRIB}], [],
                plan_uuid=plan)
    wh = lambda n, x, y, stock: {"kind": "warehouse", "name": n, "lon": x, "lat": y,  # noqa: E731
                                 "attributes": {"stock": [{"material": m, "quantity": q, "unit": u}
                                                          for m, q, u in stock]}}
    write_layer(store, "sites", "mixed", [], [
        {"kind": "facility", "facility_type": "gate", "name": "支流闸", "lon": 110.0502, "lat": 25.08},
        {"kind": "facility", "facility_type": "bridge", "name": "干流桥", "lon": 110.07, "lat": 25.0},
        {"kind": "facility", "facility_type": "dam", "name": "干流坝", "lon": 110.09, "lat": 25.0003},
        {"kind": "intake", "name": "一号取水口", "lon": 110.12, "lat": 24.9997},
        {"kind": "intake", "name": "二号取水口", "lon": 110.18, "lat": 25.0},
        {"kind": "facility", "facility_type": "pond", "name": "上游坑塘", "lon": 110.02, "lat": 25.0},
        wh("近库", 110.06, 25.03, [("生石灰", "500", "kg")]),
        wh("远库", 110.10, 25.06, [("石灰", "30", "t"), ("PAC", "5", "t")]),
        wh("炭库", 110.05, 25.01, [("活性炭", "8", "t")]),
    ], plan_uuid=plan)
    return store, plan


def test_the_tributary_flows_into_the_main_river(network):
    store, _plan = network
    rows = dict((n, (d, j)) for n, d, j in store.conn.execute(
        "SELECT r.name, d.name, r.join_chainage_m FROM map_rivers r LEFT JOIN map_rivers d ON d.uuid = r.downstream_uuid"))
    assert rows["支流"][0] == "干流" and rows["支流"][1] == pytest.approx(arc(MAIN[0], (110.05, 25.0)), abs=0.5)
    assert rows["干流"][0] is None


def test_intakes_downstream_of_a_point_on_the_tributary_follow_the_confluence(network):
    store, _plan = network
    here = (110.05, 25.09)
    got = downstream(store, *here, kinds=("intake",))
    assert [h.name for h in got] == ["一号取水口", "二号取水口"]
    expect = arc(here, (110.05, 25.0)) + arc((110.05, 25.0), (110.12, 25.0))
    assert got[0].distance_m == pytest.approx(expect, abs=3) and got[0].method == "river"
    # the straight line is far shorter: the answer is along the rivers
    assert arc(here, (110.12, 24.9997)) < got[0].distance_m - 2000
    d = spatial.nearest_downstream_intake(store, *here)
    assert d.name == "一号取水口" and d.distance_m == pytest.approx(expect, abs=3)


def test_what_can_intercept_before_the_first_intake(network):
    store, _plan = network
    res = can_intercept(store, 110.05, 25.09)
    assert res.first_intake.name == "一号取水口"
    assert [h.name for h in res.facilities] == ["支流闸", "干流坝"]          # the bridge cannot hold a plume
    assert res.facilities[0].distance_m == pytest.approx(arc((110.05, 25.09), (110.05, 25.08)), abs=2)
    below = can_intercept(store, 110.15, 25.0)
    assert below.first_intake.name == "二号取水口" and below.facilities == []
    off = can_intercept(store, 111.0, 26.0)
    assert off.located is None and off.first_intake is None


def test_upstream_takes_the_tributaries_joining_above(network):
    store, _plan = network
    got = upstream(store, 110.1, 25.0, kinds=("facility",))
    names = [h.name for h in got]
    assert names[:2] == ["干流坝", "干流桥"] and {"支流闸", "上游坑塘"} <= set(names)
    trib = next(h for h in got if h.name == "支流闸")
    assert trib.distance_m == pytest.approx(arc((110.1, 25.0), (110.05, 25.0)) + arc((110.05, 25.0), (110.05, 25.08)),
                                            abs=3)


def test_nearest_lime_by_distance_and_by_quantity(network):
    store, _plan = network
    here = (110.05, 25.0)
    got = nearest_materials(store, "石灰", *here)
    assert [h.name for h in got] == ["近库", "远库"]
    assert got[0].distance_m == pytest.approx(arc(here, (110.06, 25.03)), abs=1)
    assert got[0].extra["tonnes"] == pytest.approx(0.5) and got[1].extra["tonnes"] == 30
    assert [h.name for h in nearest_materials(store, "lime", *here, order="quantity")] == ["远库", "近库"]
    assert [h.name for h in nearest_materials(store, "Quicklime", *here, limit=1)] == ["近库"]
    assert nearest_materials(store, "聚合氯化铝", *here)[0].name == "远库"
    with pytest.raises(ValueError, match="unknown material"):
        nearest_materials(store, "unobtainium", *here)


def test_a_plan_is_seen_only_by_the_incidents_that_picked_it(network, incident):
    store, plan = network
    other = store.create_incident("另一事件", "2026-11-02 08:00", code="T-02")
    assert nearest_materials(store, "石灰", 110.05, 25.0, incident_uuid=incident["uuid"]) == []
    pick_plan(store, incident["uuid"], plan)
    assert len(nearest_materials(store, "石灰", 110.05, 25.0, incident_uuid=incident["uuid"])) == 2
    assert nearest_materials(store, "石灰", 110.05, 25.0, incident_uuid=other["uuid"]) == []
    pick_plan(store, incident["uuid"], plan, used=False)
    assert nearest_materials(store, "石灰", 110.05, 25.0, incident_uuid=incident["uuid"]) == []
    assert store.conn.execute("SELECT COUNT(*) FROM incident_plans").fetchone()[0] == 1     # one record, toggled


def test_indexed_answers_agree_with_a_full_scan_on_a_generated_plan(store, tmp_path):
    fx = make_fixture(tmp_path / "plan.gpkg", rivers=120, facilities=8000, warehouses=300, items=3000, seed=7)
    import_plan(store, fx.path, plan_name="全国样例")
    probes = store.conn.execute("SELECT lon, lat FROM map_sites WHERE river_uuid IS NOT NULL AND kind = 'facility' "
                                "ORDER BY rowid LIMIT 12").fetchall()
    for lon, lat in probes:
        fast = downstream(store, lon, lat, kinds=("intake",), limit=5)
        slow = scan.downstream_scan(store, lon, lat, kinds=("intake",), limit=5)
        assert [(h.uuid, round(h.distance_m, 3)) for h in fast] == [(h.uuid, round(h.distance_m, 3)) for h in slow]
        fast = nearest_materials(store, "lime", lon, lat, limit=5)
        slow = scan.nearest_materials_scan(store, "lime", lon, lat, limit=5)
        assert [h.uuid for h in fast] == [h.uuid for h in slow] and len(fast) == 5


def test_cli_plan_commands(tmp_path):
    db = tmp_path / "cli.sqlite"

    def run(*args, ok=True):
        res = subprocess.run([sys.executable, "-m", "fieldapp", "--store", str(db), *args], capture_output=True,
                             text=True, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
        assert (res.returncode == 0) == ok, res.stderr
        return res

    run("--create", "identity", "--unit", "某县", "--team", "一队", "--device", "lap")  # a new store: asked for
    run("demo")
    gpkg = tmp_path / "p.gpkg"
    assert "rivers" in run("plan", "fixture", "--out", str(gpkg), "--scale", "0.01").stdout
    out = run("plan", "preview", str(gpkg)).stdout
    assert "layer '设施点位'" in out and "type=类型" in out and "PROBLEM" not in out
    assert "item(s)" in run("plan", "import", str(gpkg), "--plan", "样例").stdout
    run("plan", "use", "样例")
    assert "yes" in run("plan", "list").stdout
    from fieldapp.store import open_store

    with open_store(db) as st:
        lon, lat = st.conn.execute("SELECT lon, lat FROM map_sites WHERE kind = 'warehouse' LIMIT 1").fetchone()
    out = run("plan", "materials", "--material", "石灰", "--lat", str(lat), "--lon", str(lon)).stdout
    assert "km (straight)" in out and "应急物资库" in out
    assert "not on a river line" in run("plan", "intercept", "--lat", "25.0", "--lon", "80.0").stdout
    err = run("plan", "import", str(tmp_path / "none.gpkg"), "--plan", "x", ok=False).stderr
    assert "no such file" in err and err.count("\n") == 1
    out = run("plan", "export", "样例", "--out", str(tmp_path / "out.gpkg")).stdout
    assert out.strip().endswith("out.gpkg")


def test_the_warehouse_index_follows_every_writer(network):
    store, _plan = network
    here = (110.05, 25.0)
    assert [h.name for h in nearest_materials(store, "石灰", *here)] == ["近库", "远库"]
    with store.transaction():                 # a warehouse moved (an edit, a sync merge): the index follows
        store.conn.execute("UPDATE map_sites SET lon = 110.051, lat = 25.001 WHERE name = '远库'")
    got = nearest_materials(store, "石灰", *here)
    assert [h.name for h in got] == ["远库", "近库"] and got[0].distance_m < 200
    n = store.conn.execute("SELECT COUNT(*) FROM map_warehouse_rtree").fetchone()[0]
    assert n == store.conn.execute("SELECT COUNT(*) FROM map_sites WHERE kind = 'warehouse'").fetchone()[0] == 3
