"""Plans ("one river, one policy, one map") as data shared by incidents, at national scale.

* ``plans``: one plan (a province's or a river's compiled emergency map), made of map layers.
  ``map_layers.plan_uuid`` ties a layer to its plan; a plan's layers have no incident and are seen
  only by incidents that picked the plan (``incident_plans``). Layers without a plan behave as
  before (an incident's own layers, or shared ones with incident_uuid NULL).
* provenance per layer (``map_layers``): source file and format (already there), the source's
  coordinate system, the conversion applied (``coord_conversion``: 'none' | 'reprojected' |
  'gcj02'), the attribute encoding, who imported it, and the field mapping used (JSON).
* the river network, precomputed at import so answers need no geometry work at query time:
  ``map_rivers.length_m`` (ellipsoidal), ``downstream_uuid`` + ``join_chainage_m`` (where this
  river's downstream end meets another line: a confluence), ``map_sites.river_uuid`` +
  ``chainage_m`` + ``offset_m`` (where each site sits along its nearest river). The index on
  (river_uuid, kind, chainage_m) makes "intakes downstream of here" a range scan per river.
* ``plan_items``: material items held by warehouses (name as written, canonical material key,
  quantity, unit, quantity in tonnes when the unit is a mass, contact), indexed by material so
  "warehouses holding lime" never scans 126,000 rows.
* ``plan_mappings``: the field mapping saved per source (local to this store, not synced: it is how
  this laptop reads a province's files, not incident data).

``incident_plans`` rows get a uuid derived from (incident, plan), so two teams picking the same plan
for the same incident make the same record and sync merges them instead of duplicating.
"""
from . import execute_all
from .m001_core import SYNC_COLUMNS

NUMBER = 16
NAME = "plans"

STATEMENTS = [
    f"""CREATE TABLE plans ({SYNC_COLUMNS},
        name TEXT NOT NULL,
        region TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT ''
    )""",
    f"""CREATE TABLE incident_plans ({SYNC_COLUMNS},
        incident_uuid TEXT NOT NULL REFERENCES incidents(uuid),
        plan_uuid TEXT NOT NULL REFERENCES plans(uuid)
    )""",
    "CREATE INDEX incident_plans_incident ON incident_plans(incident_uuid, plan_uuid)",
    "ALTER TABLE map_layers ADD COLUMN plan_uuid TEXT REFERENCES plans(uuid)",
    "ALTER TABLE map_layers ADD COLUMN source_crs TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE map_layers ADD COLUMN coord_conversion TEXT NOT NULL DEFAULT 'none'",
    "ALTER TABLE map_layers ADD COLUMN source_encoding TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE map_layers ADD COLUMN imported_by TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE map_layers ADD COLUMN mapping TEXT NOT NULL DEFAULT '{}'",
    "CREATE INDEX map_layers_plan ON map_layers(plan_uuid)",
    "ALTER TABLE map_rivers ADD COLUMN source_id TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE map_rivers ADD COLUMN length_m REAL",
    "ALTER TABLE map_rivers ADD COLUMN downstream_uuid TEXT",
    "ALTER TABLE map_rivers ADD COLUMN join_chainage_m REAL",
    "CREATE INDEX map_rivers_downstream ON map_rivers(downstream_uuid)",
    "ALTER TABLE map_sites ADD COLUMN source_id TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE map_sites ADD COLUMN river_uuid TEXT",
    "ALTER TABLE map_sites ADD COLUMN chainage_m REAL",
    "ALTER TABLE map_sites ADD COLUMN offset_m REAL",
    "CREATE INDEX map_sites_river ON map_sites(river_uuid, kind, chainage_m)",
    f"""CREATE TABLE plan_items ({SYNC_COLUMNS},
        layer_uuid TEXT NOT NULL REFERENCES map_layers(uuid),
        site_uuid TEXT NOT NULL REFERENCES map_sites(uuid),
        material_key TEXT NOT NULL DEFAULT '',
        material TEXT NOT NULL,
        quantity REAL,
        quantity_text TEXT NOT NULL DEFAULT '',
        unit TEXT NOT NULL DEFAULT '',
        quantity_t REAL,
        contact TEXT NOT NULL DEFAULT '',
        attributes TEXT NOT NULL DEFAULT '{{}}'
    )""",
    "CREATE INDEX plan_items_material ON plan_items(material_key, site_uuid)",
    "CREATE INDEX plan_items_site ON plan_items(site_uuid)",
    "CREATE INDEX plan_items_layer ON plan_items(layer_uuid)",
    """CREATE TABLE plan_mappings (
        source_key TEXT PRIMARY KEY NOT NULL,
        fingerprint TEXT NOT NULL DEFAULT '',
        mapping TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    "CREATE INDEX plan_mappings_fingerprint ON plan_mappings(fingerprint)",
]


def up(conn) -> None:
    execute_all(conn, STATEMENTS)
