"""Map layers: imported rivers (LINESTRING) and point sites (intakes, facilities, warehouses).

A layer is one imported file (or the demo's generated layers). Its features live in two geometry
tables with spatial indexes so the map's spatial answers run in SpatiaLite:

* ``map_rivers``: river lines digitised upstream -> downstream (chainage and "downstream" rely on
  that order; the importer can reverse a line that was drawn the other way).
* ``map_sites``: points of kind intake / facility (gate, dam, reservoir, pond, ditch, bridge,
  temporary_dam, other) / warehouse. ``materials`` holds the canonical material keys a warehouse
  stocks as ``,lime,pac,`` so "which warehouses hold lime" is one indexed-free LIKE, and the full
  stock list stays in ``attributes`` (JSON).

Every row carries the same sync columns as the core tables, so sync bundles carry layers too.
"""
from . import execute_all
from .m001_core import SYNC_COLUMNS

NUMBER = 4
NAME = "layers"

STATEMENTS = [
    f"""CREATE TABLE map_layers ({SYNC_COLUMNS},
        incident_uuid TEXT REFERENCES incidents(uuid),
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('river', 'intake', 'facility', 'warehouse', 'mixed')),
        source_file TEXT NOT NULL DEFAULT '',
        source_format TEXT NOT NULL DEFAULT '',
        feature_count INTEGER NOT NULL DEFAULT 0,
        warnings TEXT NOT NULL DEFAULT '[]'
    )""",
    "CREATE INDEX map_layers_incident ON map_layers(incident_uuid)",
    f"""CREATE TABLE map_rivers ({SYNC_COLUMNS},
        layer_uuid TEXT NOT NULL REFERENCES map_layers(uuid),
        name TEXT NOT NULL DEFAULT '',
        attributes TEXT NOT NULL DEFAULT '{{}}'
    )""",
    "SELECT AddGeometryColumn('map_rivers', 'geom', 4326, 'LINESTRING', 'XY', 1)",
    "SELECT CreateSpatialIndex('map_rivers', 'geom')",
    "CREATE INDEX map_rivers_layer ON map_rivers(layer_uuid)",
    f"""CREATE TABLE map_sites ({SYNC_COLUMNS},
        layer_uuid TEXT NOT NULL REFERENCES map_layers(uuid),
        kind TEXT NOT NULL CHECK (kind IN ('intake', 'facility', 'warehouse')),
        facility_type TEXT NOT NULL DEFAULT '',
        name TEXT NOT NULL DEFAULT '',
        lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
        lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
        materials TEXT NOT NULL DEFAULT '',
        attributes TEXT NOT NULL DEFAULT '{{}}'
    )""",
    "SELECT AddGeometryColumn('map_sites', 'geom', 4326, 'POINT', 'XY', 1)",
    "SELECT CreateSpatialIndex('map_sites', 'geom')",
    "CREATE INDEX map_sites_layer ON map_sites(layer_uuid, kind)",
]


def up(conn) -> None:
    execute_all(conn, STATEMENTS)
