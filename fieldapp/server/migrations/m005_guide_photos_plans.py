"""Store migrations 14 (guide and drills), 15 (photos), 16 (plans) and 17 (warehouse index) on the server.

* ``incidents``: scenario_id, pollutant_id, is_drill, drill_scenario, area_radius_m; old rows get
  the scenario of their kind, as the store migration gives its own (m014_guide_drills.py);
  ``incident_log.entry_args``;
* ``attachments``: taken_at, lat, lon, thumb, in_report (m015_photos.py);
* ``plans``, ``incident_plans``, ``plan_items`` and the plan/provenance/network columns of
  ``map_layers``, ``map_rivers`` and ``map_sites`` (m016_plans.py): a province's plan data lands in
  the same database as the teams' records. ``plan_mappings`` stays on the laptop (how one laptop
  reads a province's files; not synced);
* the store's warehouse R*Tree (m017) is a SQLite device; here a partial GiST index on the
  warehouses' geometry does the same job for "nearest warehouse" queries.

The GIS views gain the plan of a river or facility layer (columns appended: CREATE OR REPLACE VIEW
keeps existing columns in place, so QGIS projects that added them keep working), and
``gis.points`` says whether the incident is a drill.
"""
from fieldapp.vocab.incidents import KIND_LIST

from .m001_records import SYNC, T

NUMBER = 5
NAME = "guide_photos_plans"

COLUMNS = [
    f"ALTER TABLE incidents ADD COLUMN scenario_id {T} NOT NULL DEFAULT ''",
    f"ALTER TABLE incidents ADD COLUMN pollutant_id {T} NOT NULL DEFAULT ''",
    "ALTER TABLE incidents ADD COLUMN is_drill bigint NOT NULL DEFAULT 0",
    f"ALTER TABLE incidents ADD COLUMN drill_scenario {T} NOT NULL DEFAULT ''",
    "ALTER TABLE incidents ADD COLUMN area_radius_m double precision",
    f"ALTER TABLE incident_log ADD COLUMN entry_args {T} NOT NULL DEFAULT ''",
    f"ALTER TABLE attachments ADD COLUMN taken_at {T}",
    "ALTER TABLE attachments ADD COLUMN lat double precision",
    "ALTER TABLE attachments ADD COLUMN lon double precision",
    "ALTER TABLE attachments ADD COLUMN thumb bytea",
    "ALTER TABLE attachments ADD COLUMN in_report bigint NOT NULL DEFAULT 0",
]

# parents first (map_layers.plan_uuid and incident_plans name plans; plan_items names layers and sites)
TABLES = {
    "plans": f"""
        name {T} NOT NULL,
        region {T} NOT NULL DEFAULT '',
        note {T} NOT NULL DEFAULT ''""",
    "incident_plans": f"""
        incident_uuid {T} NOT NULL REFERENCES incidents(uuid),
        plan_uuid {T} NOT NULL REFERENCES plans(uuid)""",
}
PLAN_ITEMS = f"""
        layer_uuid {T} NOT NULL REFERENCES map_layers(uuid),
        site_uuid {T} NOT NULL REFERENCES map_sites(uuid),
        material_key {T} NOT NULL DEFAULT '',
        material {T} NOT NULL,
        quantity double precision,
        quantity_text {T} NOT NULL DEFAULT '',
        unit {T} NOT NULL DEFAULT '',
        quantity_t double precision,
        contact {T} NOT NULL DEFAULT '',
        attributes {T} NOT NULL DEFAULT '{{}}'"""

LAYER_COLUMNS = [
    f"ALTER TABLE map_layers ADD COLUMN plan_uuid {T} REFERENCES plans(uuid)",
    f"ALTER TABLE map_layers ADD COLUMN source_crs {T} NOT NULL DEFAULT ''",
    f"ALTER TABLE map_layers ADD COLUMN coord_conversion {T} NOT NULL DEFAULT 'none'",
    f"ALTER TABLE map_layers ADD COLUMN source_encoding {T} NOT NULL DEFAULT ''",
    f"ALTER TABLE map_layers ADD COLUMN imported_by {T} NOT NULL DEFAULT ''",
    f"ALTER TABLE map_layers ADD COLUMN mapping {T} NOT NULL DEFAULT '{{}}'",
    f"ALTER TABLE map_rivers ADD COLUMN source_id {T} NOT NULL DEFAULT ''",
    "ALTER TABLE map_rivers ADD COLUMN length_m double precision",
    f"ALTER TABLE map_rivers ADD COLUMN downstream_uuid {T}",
    "ALTER TABLE map_rivers ADD COLUMN join_chainage_m double precision",
    f"ALTER TABLE map_sites ADD COLUMN source_id {T} NOT NULL DEFAULT ''",
    f"ALTER TABLE map_sites ADD COLUMN river_uuid {T}",
    "ALTER TABLE map_sites ADD COLUMN chainage_m double precision",
    "ALTER TABLE map_sites ADD COLUMN offset_m double precision",
]

INDEXES = [
    "CREATE INDEX incident_plans_incident ON incident_plans(incident_uuid, plan_uuid)",
    "CREATE INDEX map_layers_plan ON map_layers(plan_uuid)",
    "CREATE INDEX map_rivers_downstream ON map_rivers(downstream_uuid)",
    "CREATE INDEX map_sites_river ON map_sites(river_uuid, kind, chainage_m)",
    "CREATE INDEX plan_items_material ON plan_items(material_key, site_uuid)",
    "CREATE INDEX plan_items_site ON plan_items(site_uuid)",
    "CREATE INDEX plan_items_layer ON plan_items(layer_uuid)",
    "CREATE INDEX map_sites_warehouse_geom ON map_sites USING gist (geom) WHERE kind = 'warehouse'",
]

VIEWS = [
    """CREATE OR REPLACE VIEW gis.points AS
        SELECT p.uuid, p.incident_uuid, i.code AS incident_code, i.name AS incident_name, p.code, p.name,
               p.role, p.media, p.created_by_team AS team, COALESCE(s.status, 'none') AS status,
               s.status_zh, s.status_en, s.colour, s.latest_zh, s.latest_en,
               COALESCE(s.n_measurements, 0) AS n_measurements, s.last_measured_at::timestamptz AS last_measured_at,
               p.lon, p.lat, p.geom, i.is_drill
        FROM sampling_points p
        JOIN incidents i ON i.uuid = p.incident_uuid AND i.deleted = 0
        LEFT JOIN server_point_status s ON s.point_uuid = p.uuid
        WHERE p.deleted = 0""",
    """CREATE OR REPLACE VIEW gis.rivers AS
        SELECT r.uuid, l.incident_uuid, i.code AS incident_code, r.name, l.name AS layer_name,
               r.created_by_team AS team, r.geom, l.plan_uuid, pl.name AS plan_name, r.length_m
        FROM map_rivers r
        JOIN map_layers l ON l.uuid = r.layer_uuid AND l.deleted = 0
        LEFT JOIN incidents i ON i.uuid = l.incident_uuid
        LEFT JOIN plans pl ON pl.uuid = l.plan_uuid
        WHERE r.deleted = 0 AND (i.uuid IS NULL OR i.deleted = 0)""",
    """CREATE OR REPLACE VIEW gis.facilities AS
        SELECT s.uuid, l.incident_uuid, i.code AS incident_code, s.kind, s.facility_type, s.name,
               s.materials, l.name AS layer_name, s.created_by_team AS team, s.lon, s.lat, s.geom,
               l.plan_uuid, pl.name AS plan_name
        FROM map_sites s
        JOIN map_layers l ON l.uuid = s.layer_uuid AND l.deleted = 0
        LEFT JOIN incidents i ON i.uuid = l.incident_uuid
        LEFT JOIN plans pl ON pl.uuid = l.plan_uuid
        WHERE s.deleted = 0 AND (i.uuid IS NULL OR i.deleted = 0)""",
]


def _create_synced(cur, table: str, cols: str) -> None:
    cur.execute(f'CREATE TABLE "{table}" ({SYNC},{cols})')
    cur.execute(f'CREATE INDEX "{table}_change_seq" ON "{table}"(change_seq)')
    # the ancestry trigger every synced table has (server migration 2); none of these is append-only
    cur.execute(f'CREATE TRIGGER "{table}_sync_ancestry" AFTER UPDATE ON "{table}" '
                "FOR EACH ROW EXECUTE FUNCTION sync_remember_ancestor()")


def up(cur) -> None:
    for sql in COLUMNS:
        cur.execute(sql)
    # as the store migration fills its old incidents (no edit: version and change_seq stay)
    for kind in KIND_LIST:
        if kind.scenario_id:
            cur.execute("UPDATE incidents SET scenario_id = %s WHERE kind = %s", (kind.scenario_id, kind.code))
    for table, cols in TABLES.items():
        _create_synced(cur, table, cols)
    for sql in LAYER_COLUMNS:
        cur.execute(sql)
    _create_synced(cur, "plan_items", PLAN_ITEMS)
    for sql in INDEXES + VIEWS:
        cur.execute(sql)
