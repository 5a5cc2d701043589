"""River plume forecasts: the scenario a team lead entered for an incident, and its latest fit.

``plume_scenarios``: one live row per incident and parameter (edited in place, version bumps, like
any synced record). ``inputs`` is the JSON of what was entered (release, reaches, decay,
dispersion choice: fieldapp.plume.records documents the keys); ``fit`` the JSON of the latest fit
to the measurements with the list of measurements it used ('' before any fit), so a report can
say which data its forecast rests on; ``map_time`` the time whose predicted front the map shows.
"""
from .m001_core import SYNC_COLUMNS
from .m005_sync import sync_object_sql

NUMBER = 11
NAME = "plume"

STATEMENTS = [
    f"""CREATE TABLE plume_scenarios ({SYNC_COLUMNS},
        incident_uuid TEXT NOT NULL REFERENCES incidents(uuid),
        parameter_id TEXT NOT NULL,
        parameter TEXT NOT NULL DEFAULT '',
        inputs TEXT NOT NULL CHECK (json_valid(inputs)),
        fit TEXT NOT NULL DEFAULT '' CHECK (fit = '' OR json_valid(fit)),
        fitted_at TEXT,
        map_time TEXT
    )""",
    "CREATE INDEX plume_scenarios_incident ON plume_scenarios(incident_uuid, parameter_id)",
]


def up(conn) -> None:
    for sql in STATEMENTS + sync_object_sql("plume_scenarios"):
        conn.execute(sql)
