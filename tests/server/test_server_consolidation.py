"""Three teams' bundles into PostGIS in all six orders: the same tables, checksum for checksum, and
the same conflict versions as the working group's SpatiaLite consolidation of the same bundles."""
from __future__ import annotations

import itertools

import pytest
from server_helpers import checksums, record_state, trust_laptops
from sync_helpers import make_laptop, trust_each_other

from fieldapp.store.facts import save_facts
from fieldapp.sync import export_bundle, import_bundle
from fieldapp.server.importer import import_bundles


@pytest.fixture(scope="module")
def three_teams(tmp_path_factory):
    """A opens the incident; B and C get it, then all three edit the same point, B and C both add a
    DN-01 and enter different death tolls, C deletes a measurement: conflicts, a code clash, a
    fact dispute and a tombstone, in three full bundles."""
    d = tmp_path_factory.mktemp("teams")
    a, b, c = (make_laptop(d / f"{n}.sqlite", team, f"laptop-{n}")
               for n, team in (("a", "应急一队"), ("b", "应急二队"), ("c", "应急三队")))
    trust_each_other(a, b, c)
    inc = a.create_incident("尾矿库泄漏 tailings leak", "2026-11-01 08:00", code="T-01")
    src = a.add_point(inc["uuid"], 24.65, 108.20, role="source", name="排口")
    a.add_measurement(src["uuid"], "Cd", "0.012", "mg/L")
    cd = a.add_measurement(src["uuid"], "Pb", "<0.001", "mg/L")
    smp = a.add_sample(src["uuid"], collected_by="张三")
    a.add_custody_event(smp["uuid"], "张三", "实验室", new_status="in_transit")
    export_bundle(a, d / "seed.fab")
    for x in (b, c):
        import_bundle(x, d / "seed.fab")
    for x, name in ((a, "A 排口"), (b, "B 排污口"), (c, "C 总排口")):
        x.update_point(src["uuid"], name=name)
    for x, lat in ((b, 24.60), (c, 24.58)):
        p = x.add_point(inc["uuid"], lat, 108.25, role="downstream", code="DN-01")
        x.add_measurement(p["uuid"], "Cd", f"{int(lat * 100) % 7 + 3}", "ug/L")
    save_facts(b, inc["uuid"], deaths="1")
    save_facts(c, inc["uuid"], deaths="2")
    c.delete("measurements", cd["uuid"])
    paths = []
    for x, n in ((a, "a"), (b, "b"), (c, "c")):
        export_bundle(x, d / f"{n}.fab")
        paths.append(d / f"{n}.fab")
    w = make_laptop(d / "w.sqlite", "部工作组", "laptop-w")
    trust_each_other(w, a, b, c)
    for p in paths:
        import_bundle(w, p)
    expected = record_state(w)
    yield {"paths": paths, "laptops": (a, b, c), "expected": expected}
    for s in (a, b, c, w):
        s.close()


def test_scenario_has_conflicts_clashes_and_tombstones(three_teams):
    exp = three_teams["expected"]
    kept = {(r.split('"')[1]) for r in exp["sync_record_versions"]}
    assert {"sampling_points", "incident_fact_values"} <= kept
    assert any('"deleted": 1' in r for r in exp["measurements"])
    codes = [r for r in exp["sampling_points"] if '"code": "DN-01' in r]
    assert len(codes) == 2 and sum('"code": "DN-01"' in r for r in codes) == 1  # one renamed DN-01-XXXX


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))), ids=lambda o: "".join("abc"[i] for i in o))
def test_six_orders_give_the_spatialite_consolidation(three_teams, pg_cluster, server_url, order):
    from fieldapp.server.connection import open_server

    with open_server(server_url) as db:
        trust_laptops(db, *three_teams["laptops"])
        receipts = import_bundles(db, [three_teams["paths"][i] for i in order])
        assert all(rc.status == "imported" for rc in receipts)
        got = record_state(db)
    exp = three_teams["expected"]
    assert checksums(got) == checksums(exp)
    assert got["sync_record_versions"] == exp["sync_record_versions"]
