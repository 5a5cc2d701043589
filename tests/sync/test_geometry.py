"""Geometry is exact in transit: every replica holds byte-identical geometries, equal to the stored
lat/lon, whatever the order the bundles arrive in."""
from __future__ import annotations

import itertools

from sync_helpers import copy_laptops

from fieldapp.sync import export_bundle, import_bundle

# coordinates that 6-decimal text cannot carry (format 1 rounded them by up to 5e-7 degrees)
COORDS = {0: [(24.123456789123, 108.987654321012), (24.65432198765, 108.1)],
          1: [(25.000000499999, 107.999999500001)],
          2: [(23.3333333333333, 109.7777777777777)]}


def geometries(store) -> dict:
    return {u: (g, lat, lon, x, y) for u, g, lat, lon, x, y in store.conn.execute(
        "SELECT uuid, hex(geom), lat, lon, X(geom), Y(geom) FROM sampling_points ORDER BY uuid")}


def test_geometry_byte_identical_on_three_replicas_in_all_six_orders(laptops, laptop_templates, tmp_path):
    a = laptops[0]
    inc = a.create_incident("几何", "2026-11-01 08:00", code="G-1")
    export_bundle(a, tmp_path / "seed.fab")
    for s in laptops[1:]:
        import_bundle(s, tmp_path / "seed.fab")
    for i, s in enumerate(laptops):
        for n, (lat, lon) in enumerate(COORDS[i]):
            p = s.add_point(inc["uuid"], lat, lon, code=f"T{i}-{n}")
            if n == 0:
                s.update_point(p["uuid"], lat=lat - 1e-9, lon=lon + 1e-9)
    bundles = []
    for i, s in enumerate(laptops):
        export_bundle(s, tmp_path / f"{i}.fab")
        bundles.append(tmp_path / f"{i}.fab")
    originals = {}
    for s in laptops:
        originals.update({u: v for u, v in geometries(s).items()
                          if s.get("sampling_points", u)["created_by_device"] == s.identity.device_id})
    assert len(originals) == 4
    for order in itertools.permutations(range(3)):
        folder = tmp_path / "".join(map(str, order))
        folder.mkdir()
        replicas = copy_laptops(laptop_templates, folder)
        try:
            for r in replicas:
                for k in order:
                    import_bundle(r, bundles[k])
            got = [geometries(r) for r in replicas]
            assert got[0] == got[1] == got[2] == originals, order
            for _g, lat, lon, x, y in got[0].values():
                assert (x, y) == (lon, lat)
        finally:
            for r in replicas:
                r.close()
