"""The three exported tables (points, samples, measurements) as plain rows with coordinates.

Samples and measurements carry their point's code and lon/lat, so every table is a point layer in
GIS tools and still readable on its own in a spreadsheet.
"""
from __future__ import annotations

LAYERS = ("points", "samples", "measurements")
COLUMNS = {
    "points": ["uuid", "code", "name", "role", "media", "description", "lat", "lon", "coord_source",
               "created_at", "updated_at", "created_by_team"],
    "samples": ["uuid", "sample_code", "point_code", "matrix", "collected_at", "collected_by", "depth_m",
                "container", "preservative", "status", "lat", "lon"],
    "measurements": ["uuid", "point_code", "sample_code", "parameter", "parameter_id", "value", "unit", "qualifier",
                     "value_orig", "unit_orig", "method", "instrument", "measured_at", "entered_by", "source",
                     "lat", "lon"],
}


class ExportError(ValueError):
    """An export that cannot be written (bad target, unknown format); the message names it."""


def export_rows(store, incident_uuid: str, include_drills: bool = False) -> dict[str, list[dict]]:
    """A drill is refused unless ``include_drills`` (fieldapp.store.drills.check_real)."""
    from fieldapp.store.drills import check_real

    check_real(store, incident_uuid, include_drills)
    q = store.db.query
    pts = list(q("SELECT * FROM sampling_points WHERE incident_uuid = ? AND deleted = 0 ORDER BY code",
                 [incident_uuid]))
    samples = list(q("SELECT s.*, p.code AS point_code, p.lat, p.lon FROM samples s JOIN sampling_points p "
                     "ON p.uuid = s.point_uuid WHERE s.incident_uuid = ? AND s.deleted = 0 "
                     "ORDER BY s.collected_at, s.sample_code", [incident_uuid]))
    meas = list(q("SELECT m.*, p.code AS point_code, p.lat, p.lon, s.sample_code FROM measurements m "
                  "JOIN sampling_points p ON p.uuid = m.point_uuid LEFT JOIN samples s ON s.uuid = m.sample_uuid "
                  "WHERE m.incident_uuid = ? AND m.deleted = 0 ORDER BY m.measured_at, p.code, m.parameter",
                  [incident_uuid]))
    out = {"points": pts, "samples": samples, "measurements": meas}
    return {k: [{c: r.get(c) for c in COLUMNS[k]} for r in rows] for k, rows in out.items()}
