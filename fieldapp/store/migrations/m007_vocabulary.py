"""Parameter ids and standard choices (the one domain vocabulary, fieldapp.vocab).

* ``measurements.parameter_id`` and ``instrument_readings.parameter_id``: the vocabulary id resolved
  from the text as typed or sent (which stays in ``parameter``); NULL when the text names nothing in
  the vocabulary ("not in the toolkit"). Existing rows are resolved here, so Cd / 镉 / cadmium of an
  older store collapse into one series.
* ``sampling_points.standard``: a point's own standard ('' = by its role and the incident).
* ``incidents.source_standard``: the standard for drinking-water intakes of the incident, default
  GB3838-source-II (GB 3838 §3: first-level protection zones are class II; the stricter choice).
"""
from fieldapp.store.parameter_ids import fill_parameter_ids

from . import execute_all

NUMBER = 7
NAME = "vocabulary"

STATEMENTS = [
    "ALTER TABLE measurements ADD COLUMN parameter_id TEXT",
    "ALTER TABLE instrument_readings ADD COLUMN parameter_id TEXT",
    "ALTER TABLE sampling_points ADD COLUMN standard TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE incidents ADD COLUMN source_standard TEXT NOT NULL DEFAULT 'GB3838-source-II'",
    "CREATE INDEX measurements_parameter_id ON measurements(incident_uuid, parameter_id)",
]


def up(conn) -> None:
    execute_all(conn, STATEMENTS)
    fill_parameter_ids(conn, only_missing=False)
