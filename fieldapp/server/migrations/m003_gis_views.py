"""Verdicts and the plain PostGIS views GIS desks add in QGIS (docs/server.md, "Views for GIS desks").

The verdict is the app's one verdict (fieldapp.vocab.judge_row against the point's standard, the
map's worst-of rule for a point): it is computed in Python by fieldapp.server.verdicts inside every
import transaction and kept in two tables, so SQL never re-implements a standard or a limit:

* ``server_verdicts``: one row per live measurement (status, rank, colour, words in zh/en, limit);
* ``server_point_status``: one row per live point (worst status as the map shows it, the newest
  value of each parameter with its verdict, in zh/en).

Views, schema ``gis`` (every one carries incident_uuid / incident_code: filter by incident in QGIS):

* ``gis.points``        Point       live sampling points with their verdict status and latest values
* ``gis.measurements``  Point       every live measurement at its point, with its verdict
* ``gis.rivers``        LineString  river lines of the incident's layers (and of shared layers)
* ``gis.facilities``    Point       intakes, facilities (gates, dams…) and material warehouses
"""
from .m001_records import T

NUMBER = 3
NAME = "gis_views"

STATEMENTS = [
    f"""CREATE TABLE server_verdicts (
        measurement_uuid {T} PRIMARY KEY REFERENCES measurements(uuid),
        incident_uuid {T} NOT NULL,
        point_uuid {T} NOT NULL,
        standard {T} NOT NULL,
        status {T} NOT NULL,
        rank integer NOT NULL,
        colour {T} NOT NULL,
        words_zh {T} NOT NULL,
        words_en {T} NOT NULL,
        limit_text {T} NOT NULL DEFAULT '')""",
    "CREATE INDEX server_verdicts_incident ON server_verdicts(incident_uuid)",
    f"""CREATE TABLE server_point_status (
        point_uuid {T} PRIMARY KEY REFERENCES sampling_points(uuid),
        incident_uuid {T} NOT NULL,
        status {T} NOT NULL,
        status_zh {T} NOT NULL,
        status_en {T} NOT NULL,
        colour {T} NOT NULL,
        latest_zh {T} NOT NULL DEFAULT '',
        latest_en {T} NOT NULL DEFAULT '',
        n_measurements integer NOT NULL DEFAULT 0,
        last_measured_at {T})""",
    "CREATE INDEX server_point_status_incident ON server_point_status(incident_uuid)",
    "CREATE SCHEMA gis",
    """CREATE VIEW gis.points AS
        SELECT p.uuid, p.incident_uuid, i.code AS incident_code, i.name AS incident_name, p.code, p.name,
               p.role, p.media, p.created_by_team AS team, COALESCE(s.status, 'none') AS status,
               s.status_zh, s.status_en, s.colour, s.latest_zh, s.latest_en,
               COALESCE(s.n_measurements, 0) AS n_measurements, s.last_measured_at::timestamptz AS last_measured_at,
               p.lon, p.lat, p.geom
        FROM sampling_points p
        JOIN incidents i ON i.uuid = p.incident_uuid AND i.deleted = 0
        LEFT JOIN server_point_status s ON s.point_uuid = p.uuid
        WHERE p.deleted = 0""",
    """CREATE VIEW gis.measurements AS
        SELECT m.uuid, m.incident_uuid, i.code AS incident_code, p.code AS point_code, p.role AS point_role,
               m.parameter, m.parameter_id, m.value, m.unit, m.qualifier, m.value_orig, m.unit_orig,
               m.measured_at::timestamptz AS measured_at, m.source, m.created_by_team AS team,
               v.status, v.words_zh, v.words_en, v.colour, v.limit_text, v.standard, p.geom
        FROM measurements m
        JOIN sampling_points p ON p.uuid = m.point_uuid AND p.deleted = 0
        JOIN incidents i ON i.uuid = m.incident_uuid AND i.deleted = 0
        LEFT JOIN server_verdicts v ON v.measurement_uuid = m.uuid
        WHERE m.deleted = 0""",
    """CREATE VIEW gis.rivers AS
        SELECT r.uuid, l.incident_uuid, i.code AS incident_code, r.name, l.name AS layer_name,
               r.created_by_team AS team, r.geom
        FROM map_rivers r
        JOIN map_layers l ON l.uuid = r.layer_uuid AND l.deleted = 0
        LEFT JOIN incidents i ON i.uuid = l.incident_uuid
        WHERE r.deleted = 0 AND (i.uuid IS NULL OR i.deleted = 0)""",
    """CREATE VIEW gis.facilities AS
        SELECT s.uuid, l.incident_uuid, i.code AS incident_code, s.kind, s.facility_type, s.name,
               s.materials, l.name AS layer_name, s.created_by_team AS team, s.lon, s.lat, s.geom
        FROM map_sites s
        JOIN map_layers l ON l.uuid = s.layer_uuid AND l.deleted = 0
        LEFT JOIN incidents i ON i.uuid = l.incident_uuid
        WHERE s.deleted = 0 AND (i.uuid IS NULL OR i.deleted = 0)""",
]


def up(cur) -> None:
    for sql in STATEMENTS:
        cur.execute(sql)
