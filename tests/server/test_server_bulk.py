"""The bulk entry point for data that does not come in bundles (the national plan data): COPY into
a table a server migration made, geometries exact, all or nothing."""
from __future__ import annotations

import struct

import pytest

from fieldapp.server.bulk import load_rows


def point_wkb(lon: float, lat: float) -> bytes:
    return struct.pack("<BIdd", 1, 1, lon, lat)


def test_load_rows_copies_with_exact_geometry_or_nothing(server):
    server.conn.execute("CREATE TABLE plan_targets (id bigint PRIMARY KEY, name text NOT NULL, "
                        "geom geometry(Point, 4326) NOT NULL)")
    rows = [(i, f"取水口 {i}", point_wkb(108 + i / 1e7, 24.123456789)) for i in range(50_001)]
    assert load_rows(server, "plan_targets", ["id", "name", "geom"], rows, geometry={"geom": 4326}) == 50_001
    back = server.execute("SELECT ST_AsBinary(geom, 'NDR') FROM plan_targets WHERE id = 777").fetchone()[0]
    assert bytes(back) == rows[777][2]
    with pytest.raises(Exception, match="duplicate key"):
        load_rows(server, "plan_targets", ["id", "name", "geom"], [(50_002, "ok", point_wkb(1, 2)), rows[5]],
                  geometry={"geom": 4326})
    assert server.execute("SELECT COUNT(*) FROM plan_targets").fetchone()[0] == 50_001
