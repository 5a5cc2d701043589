"""The store's synced tables in PostGIS: the same names, columns, NOT NULLs, CHECKs and foreign keys
as the SpatiaLite store (fieldapp/store/migrations m001-m011), with

* geometry columns typed ``geometry(Point, 4326)`` / ``geometry(LineString, 4326)`` and GiST indexes;
* text as ``text COLLATE "C"``: the merge sorts and groups by uuid, time and code exactly as SQLite
  compares them (byte order), whatever locale the database was created with;
* times kept as the stored text (``2026-11-29T05:20:00.123Z``): a record's edit id is made of them,
  so they must come back byte for byte; the GIS views cast them to timestamptz;
* SQLite INTEGER as bigint, REAL as double precision, BLOB as bytea.

A column added to the store by a later store migration needs a server migration here too; the
server refuses imports until it has one (fieldapp.server.schema.check_mirror names the column).
"""
NUMBER = 1
NAME = "records"

T = 'text COLLATE "C"'
SYNC = f"""
    uuid {T} PRIMARY KEY,
    created_at {T} NOT NULL,
    updated_at {T} NOT NULL,
    created_by_team {T} NOT NULL,
    created_by_device {T} NOT NULL,
    updated_by_device {T} NOT NULL,
    version bigint NOT NULL DEFAULT 1,
    deleted bigint NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    change_seq bigint NOT NULL DEFAULT 0"""

TABLES = {
    "incidents": f"""
        code {T} NOT NULL,
        name {T} NOT NULL,
        kind {T} NOT NULL DEFAULT '',
        description {T} NOT NULL DEFAULT '',
        location {T} NOT NULL DEFAULT '',
        discovered_at {T} NOT NULL,
        status {T} NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
        standard {T} NOT NULL DEFAULT 'GB3838-III',
        is_demo bigint NOT NULL DEFAULT 0,
        source_standard {T} NOT NULL DEFAULT 'GB3838-source-II'""",
    "sampling_points": f"""
        incident_uuid {T} NOT NULL REFERENCES incidents(uuid),
        code {T} NOT NULL,
        name {T} NOT NULL DEFAULT '',
        media {T} NOT NULL CHECK (media IN ('water', 'air', 'soil', 'sediment')),
        role {T} NOT NULL DEFAULT 'other',
        description {T} NOT NULL DEFAULT '',
        lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
        lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
        coord_source {T} NOT NULL DEFAULT 'typed',
        geom geometry(Point, 4326) NOT NULL,
        standard {T} NOT NULL DEFAULT ''""",
    "samples": f"""
        incident_uuid {T} NOT NULL REFERENCES incidents(uuid),
        point_uuid {T} NOT NULL REFERENCES sampling_points(uuid),
        sample_code {T} NOT NULL,
        matrix {T} NOT NULL DEFAULT 'water',
        collected_at {T} NOT NULL,
        collected_by {T} NOT NULL DEFAULT '',
        depth_m double precision CHECK (depth_m IS NULL OR depth_m >= 0),
        container {T} NOT NULL DEFAULT '',
        preservative {T} NOT NULL DEFAULT '',
        status {T} NOT NULL DEFAULT 'collected'""",
    "custody_events": f"""
        sample_uuid {T} NOT NULL REFERENCES samples(uuid),
        from_party {T} NOT NULL,
        to_party {T} NOT NULL,
        at {T} NOT NULL,
        place {T} NOT NULL DEFAULT '',
        condition {T} NOT NULL DEFAULT '',
        note {T} NOT NULL DEFAULT ''""",
    "measurements": f"""
        incident_uuid {T} NOT NULL REFERENCES incidents(uuid),
        point_uuid {T} NOT NULL REFERENCES sampling_points(uuid),
        sample_uuid {T} REFERENCES samples(uuid),
        parameter {T} NOT NULL,
        value double precision,
        unit {T} NOT NULL,
        value_orig {T} NOT NULL,
        unit_orig {T} NOT NULL,
        qualifier {T} NOT NULL DEFAULT '' CHECK (qualifier IN ('', '<', '>', 'ND')),
        method {T} NOT NULL DEFAULT '',
        instrument {T} NOT NULL DEFAULT '',
        measured_at {T} NOT NULL,
        entered_by {T} NOT NULL DEFAULT '',
        source {T} NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'instrument')),
        parameter_id {T},
        CHECK (value IS NOT NULL OR qualifier = 'ND')""",
    "attachments": f"""
        incident_uuid {T} NOT NULL REFERENCES incidents(uuid),
        owner_table {T} NOT NULL,
        owner_uuid {T} NOT NULL,
        filename {T} NOT NULL,
        mime {T} NOT NULL DEFAULT 'application/octet-stream',
        sha256 {T} NOT NULL,
        size bigint NOT NULL,
        caption {T} NOT NULL DEFAULT '',
        data bytea NOT NULL""",
    "incident_log": f"""
        incident_uuid {T} NOT NULL REFERENCES incidents(uuid),
        at {T} NOT NULL,
        kind {T} NOT NULL CHECK (kind IN ('action', 'decision', 'observation', 'report', 'system', 'checklist')),
        text {T} NOT NULL,
        who {T} NOT NULL DEFAULT '',
        entry_kind {T} NOT NULL DEFAULT '',
        step_id {T}""",
    "instrument_raw": f"""
        incident_uuid {T} REFERENCES incidents(uuid),
        port {T} NOT NULL DEFAULT '',
        device {T} NOT NULL,
        profile {T} NOT NULL,
        kind {T} NOT NULL,
        received_at {T} NOT NULL,
        device_time {T},
        raw bytea NOT NULL,
        parse_status {T} NOT NULL CHECK (parse_status IN ('ok', 'partial', 'ignored', 'rejected', 'error',
                                                          'quarantined')),
        reason {T} NOT NULL DEFAULT ''""",
    "instrument_readings": f"""
        incident_uuid {T} REFERENCES incidents(uuid),
        point_uuid {T} REFERENCES sampling_points(uuid),
        raw_uuid {T} NOT NULL REFERENCES instrument_raw(uuid),
        device {T} NOT NULL,
        parameter {T} NOT NULL,
        value double precision,
        unit {T} NOT NULL DEFAULT '',
        qualifier {T} NOT NULL DEFAULT '' CHECK (qualifier IN ('', '<', '>')),
        flag {T} NOT NULL DEFAULT '',
        value_text {T} NOT NULL DEFAULT '',
        received_at {T} NOT NULL,
        device_time {T},
        parameter_id {T},
        CHECK (value IS NOT NULL OR flag != '')""",
    "map_layers": f"""
        incident_uuid {T} REFERENCES incidents(uuid),
        name {T} NOT NULL,
        kind {T} NOT NULL CHECK (kind IN ('river', 'intake', 'facility', 'warehouse', 'mixed')),
        source_file {T} NOT NULL DEFAULT '',
        source_format {T} NOT NULL DEFAULT '',
        feature_count bigint NOT NULL DEFAULT 0,
        warnings {T} NOT NULL DEFAULT '[]'""",
    "map_rivers": f"""
        layer_uuid {T} NOT NULL REFERENCES map_layers(uuid),
        name {T} NOT NULL DEFAULT '',
        attributes {T} NOT NULL DEFAULT '{{}}',
        geom geometry(LineString, 4326) NOT NULL""",
    "map_sites": f"""
        layer_uuid {T} NOT NULL REFERENCES map_layers(uuid),
        kind {T} NOT NULL CHECK (kind IN ('intake', 'facility', 'warehouse')),
        facility_type {T} NOT NULL DEFAULT '',
        name {T} NOT NULL DEFAULT '',
        lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
        lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
        materials {T} NOT NULL DEFAULT '',
        attributes {T} NOT NULL DEFAULT '{{}}',
        geom geometry(Point, 4326) NOT NULL""",
    "report_archive": f"""
        incident_uuid {T} NOT NULL REFERENCES incidents(uuid),
        report_type {T} NOT NULL CHECK (report_type IN ('initial', 'followup', 'final')),
        report_no {T} NOT NULL,
        lang {T} NOT NULL DEFAULT 'zh',
        level {T} NOT NULL DEFAULT '',
        issued_at {T} NOT NULL,
        issued_by {T} NOT NULL DEFAULT '',
        gaps {T} NOT NULL DEFAULT '[]',
        sha256 {T} NOT NULL CHECK (length(sha256) = 64),
        size bigint NOT NULL,
        pdf bytea NOT NULL""",
    "incident_fact_values": f"""
        incident_uuid {T} NOT NULL REFERENCES incidents(uuid),
        fact_key {T} NOT NULL,
        value {T}""",
    "plume_scenarios": f"""
        incident_uuid {T} NOT NULL REFERENCES incidents(uuid),
        parameter_id {T} NOT NULL,
        parameter {T} NOT NULL DEFAULT '',
        inputs {T} NOT NULL,
        fit {T} NOT NULL DEFAULT '',
        fitted_at {T},
        map_time {T}""",
}

INDEXES = [
    "CREATE INDEX sampling_points_incident ON sampling_points(incident_uuid, code)",
    "CREATE INDEX sampling_points_geom ON sampling_points USING gist (geom)",
    "CREATE INDEX samples_point ON samples(point_uuid)",
    "CREATE INDEX samples_code ON samples(incident_uuid, sample_code)",
    "CREATE INDEX custody_sample ON custody_events(sample_uuid, at)",
    "CREATE INDEX measurements_point ON measurements(point_uuid, measured_at)",
    "CREATE INDEX measurements_incident ON measurements(incident_uuid, parameter)",
    "CREATE INDEX measurements_parameter_id ON measurements(incident_uuid, parameter_id)",
    "CREATE INDEX attachments_owner ON attachments(owner_table, owner_uuid)",
    "CREATE INDEX incident_log_at ON incident_log(incident_uuid, at)",
    "CREATE INDEX incident_log_entries ON incident_log(incident_uuid, entry_kind)",
    "CREATE INDEX instrument_raw_device ON instrument_raw(device, received_at)",
    "CREATE INDEX instrument_readings_point ON instrument_readings(point_uuid, parameter, received_at)",
    "CREATE INDEX instrument_readings_incident ON instrument_readings(incident_uuid, received_at)",
    "CREATE INDEX instrument_readings_raw ON instrument_readings(raw_uuid)",
    "CREATE INDEX map_layers_incident ON map_layers(incident_uuid)",
    "CREATE INDEX map_rivers_layer ON map_rivers(layer_uuid)",
    "CREATE INDEX map_rivers_geom ON map_rivers USING gist (geom)",
    "CREATE INDEX map_sites_layer ON map_sites(layer_uuid, kind)",
    "CREATE INDEX map_sites_geom ON map_sites USING gist (geom)",
    "CREATE INDEX report_archive_incident ON report_archive(incident_uuid, issued_at)",
    "CREATE INDEX report_archive_no ON report_archive(incident_uuid, report_no)",
    "CREATE INDEX incident_fact_values_incident ON incident_fact_values(incident_uuid, fact_key)",
    "CREATE INDEX plume_scenarios_incident ON plume_scenarios(incident_uuid, parameter_id)",
]


def up(cur) -> None:
    cur.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    for table, cols in TABLES.items():  # parents first: the dict is in dependency order
        cur.execute(f'CREATE TABLE "{table}" ({SYNC},{cols})')
        cur.execute(f'CREATE INDEX "{table}_change_seq" ON "{table}"(change_seq)')
    for sql in INDEXES:
        cur.execute(sql)
