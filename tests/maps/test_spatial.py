"""Spatial answers against distances computed by hand on the WGS 84 ellipsoid.

Hand formulas (WGS 84, a = 6378137 m, e² = 0.00669438):
  meridian radius  M(φ) = a(1−e²) / (1 − e² sin²φ)^1.5  -> north-south arc ≈ M(φ_mid) · Δφ
  normal radius    N(φ) = a / (1 − e² sin²φ)^0.5        -> east-west arc on a parallel ≈ N cosφ · Δλ
"""
from __future__ import annotations

import math

import pytest

from fieldapp.maps import spatial
from fieldapp.maps.layer_import import write_layer
from fieldapp.maps.vocab import materials_column

A, E2 = 6378137.0, 0.00669438


def ns_m(lat1, lat2):
    phi = math.radians((lat1 + lat2) / 2)
    return A * (1 - E2) / (1 - E2 * math.sin(phi) ** 2) ** 1.5 * math.radians(abs(lat2 - lat1))


def ew_m(lat, dlon):
    phi = math.radians(lat)
    return A / math.sqrt(1 - E2 * math.sin(phi) ** 2) * math.cos(phi) * math.radians(abs(dlon))


# An L-shaped river: east along 25°N from 110.0 to 110.1, then north along 110.1°E to 25.1°N.
RIVER = [(110.0, 25.0), (110.1, 25.0), (110.1, 25.1)]
LEG1 = ew_m(25.0, 0.1)                       # ≈ 10 091 m


@pytest.fixture
def river_store(store):
    wh = lambda name, lon, lat, mats: {"kind": "warehouse", "name": name, "lon": lon, "lat": lat,  # noqa: E731
                                       "materials": materials_column(mats),
                                       "attributes": {"stock": [{"material": m, "quantity": "5", "unit": "t"}
                                                                for m in mats]}}
    write_layer(store, "river", "river", [{"name": "L河", "coords": RIVER}], [])
    write_layer(store, "sites", "mixed", [], [
        {"kind": "intake", "name": "intake-leg1", "lon": 110.05, "lat": 25.0005},
        {"kind": "intake", "name": "intake-leg2", "lon": 110.1005, "lat": 25.08},
        {"kind": "facility", "facility_type": "gate", "name": "gate", "lon": 110.1, "lat": 25.03},
        wh("W-near", 110.12, 25.0, ["lime", "pac"]),
        wh("W-far", 110.0, 25.2, ["lime", "pfs"]),
        wh("W-carbon", 110.1, 25.01, ["activated_carbon"]),
    ])
    return store


def test_river_length_and_chainage_on_both_legs(river_store):
    length = river_store.conn.execute("SELECT ST_Length(geom, 1) FROM map_rivers").fetchone()[0]
    assert length == pytest.approx(LEG1 + ns_m(25.0, 25.1), abs=2)
    # on leg 1, 300 m north of the bank: chainage = arc along 25°N from 110.0 to 110.03
    c = spatial.chainage(river_store, 110.03, 25.0 + 300 / ns_m(25.0, 25.001) * 0.001)
    assert c.method == "river" and c.river_name == "L河"
    assert c.chainage_m == pytest.approx(ew_m(25.0, 0.03), abs=2)
    assert c.offset_m == pytest.approx(300, abs=2)
    # on leg 2, 0.001° east of it: chainage = leg 1 + meridian arc 25.0 -> 25.05
    c = spatial.chainage(river_store, 110.101, 25.05)
    assert c.chainage_m == pytest.approx(LEG1 + ns_m(25.0, 25.05), abs=3)
    assert c.offset_m == pytest.approx(ew_m(25.05, 0.001), abs=1)


def test_far_from_the_river_answers_are_straight_lines(river_store):
    c = spatial.chainage(river_store, 110.05, 25.05)          # ~5 km from both legs
    assert c.method == "straight" and c.chainage_m is None
    d = spatial.distance_between(river_store, (110.0, 25.0), (110.05, 25.05))
    assert d.method == "straight"
    assert d.distance_m == pytest.approx(math.hypot(ew_m(25.025, 0.05), ns_m(25.0, 25.05)), rel=2e-3)
    # with the river: along it, signed downstream
    d = spatial.distance_between(river_store, (110.1, 25.02), (110.02, 25.0))
    assert d.method == "river" and d.distance_m == pytest.approx(-(ew_m(25.0, 0.08) + ns_m(25.0, 25.02)), abs=3)


def test_nearest_downstream_intake_follows_the_river(river_store):
    d = spatial.nearest_downstream_intake(river_store, 110.02, 25.0)
    assert d.name == "intake-leg1" and d.method == "river"
    assert d.distance_m == pytest.approx(ew_m(25.0, 0.03), abs=3)
    # below intake-leg1 the next one is round the bend; straight-line nearest would still be leg1's
    d = spatial.nearest_downstream_intake(river_store, 110.09, 25.0)
    assert d.name == "intake-leg2"
    assert d.distance_m == pytest.approx(ew_m(25.0, 0.01) + ns_m(25.0, 25.08), abs=3)
    assert spatial.nearest_downstream_intake(river_store, 110.1, 25.09) is None   # nothing below
    d = spatial.nearest_downstream_intake(river_store, 110.05, 25.05)               # off the river
    assert d.method == "straight" and d.name == "intake-leg1"


def test_points_within_radius_uses_the_index_and_agrees_with_a_full_scan(store, incident):
    lat0, lon0 = 25.0, 110.0
    dlat = 0.001 / ns_m(lat0, lat0 + 0.001)                  # degrees per metre northwards
    inside = store.add_point(incident["uuid"], lat0 + 990 * dlat, lon0, code="IN")
    store.add_point(incident["uuid"], lat0 + 1010 * dlat, lon0, code="OUT")
    east = store.add_point(incident["uuid"], lat0, lon0 + 0.0099, code="EAST")   # ew_m ≈ 999 m
    assert ew_m(lat0, 0.0099) < 1000
    import random
    rng = random.Random(3)
    for i in range(300):
        store.add_point(incident["uuid"], lat0 + rng.uniform(-0.05, 0.05), lon0 + rng.uniform(-0.05, 0.05),
                        code=f"R{i}")
    got = spatial.points_within(store, lon0, lat0, 1000, incident_uuid=incident["uuid"])
    names = {d.uuid for d in got}
    assert inside["uuid"] in names and east["uuid"] in names
    assert all(d.distance_m <= 1000 for d in got) and got == sorted(got, key=lambda d: d.distance_m)
    assert next(d for d in got if d.uuid == inside["uuid"]).distance_m == pytest.approx(990, abs=1)
    full = {r[0] for r in store.conn.execute(
        "SELECT uuid FROM sampling_points WHERE PtDistWithin(geom, MakePoint(?, ?, 4326), 1000, 1)", (lon0, lat0))}
    assert names == full
    plan = " ".join(str(r) for r in store.conn.execute(
        "EXPLAIN QUERY PLAN SELECT ROWID FROM SpatialIndex WHERE f_table_name = 'sampling_points' "
        "AND search_frame = BuildMbr(0, 0, 1, 1, 4326)"))
    assert "SpatialIndex" in plan or "VIRTUAL" in plan.upper()


@pytest.mark.parametrize("material", ["lime", "石灰", "生石灰", "Quicklime"])
def test_warehouses_by_distance_holding_lime(river_store, material):
    got = spatial.warehouses_with(river_store, material, 110.1, 25.0)
    assert [d.name for d in got] == ["W-near", "W-far"]
    assert got[0].distance_m == pytest.approx(ew_m(25.0, 0.02), abs=1)
    assert got[1].distance_m == pytest.approx(math.hypot(ew_m(25.1, 0.1), ns_m(25.0, 25.2)), rel=3e-3)
    assert got[0].extra["stock"][0]["quantity"] == "5"


def test_warehouses_other_materials_and_radius(river_store):
    assert [d.name for d in spatial.warehouses_with(river_store, "聚合氯化铝", 110.1, 25.0)] == ["W-near"]
    assert [d.name for d in spatial.warehouses_with(river_store, "polyferric sulfate", 110.1, 25.0)] == ["W-far"]
    assert [d.name for d in spatial.warehouses_with(river_store, "活性炭", 110.1, 25.0)] == ["W-carbon"]
    assert [d.name for d in spatial.warehouses_with(river_store, "lime", 110.1, 25.0, radius_m=5000)] == ["W-near"]
    with pytest.raises(ValueError, match="unknown material"):
        spatial.warehouses_with(river_store, "unobtainium", 110.1, 25.0)
