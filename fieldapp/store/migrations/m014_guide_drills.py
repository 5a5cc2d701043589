"""First-hour guide and drills: what is known about an incident, exercise marking, log arguments.

* incidents.scenario_id: the typical scenario (resources/toolkit/scenarios.yaml) whose checklist
  and first steps apply; filled here from ``kind`` for existing incidents.
* incidents.pollutant_id: the pollutant named when the incident was created ('' = not known yet).
* incidents.is_drill / drill_scenario: an exercise (a drill scenario file id, resources/drills/);
  drills are marked everywhere and kept out of real exports, bundles and the report archive.
* incidents.area_radius_m: how far from the source a point may lie before the point form asks
  (NULL: the default, fieldapp.guide.plausibility.DEFAULT_AREA_M).
* incident_log.entry_args: JSON arguments of a structured entry (incident created, guide step,
  inject), so its text can be shown in the reader's language rather than the writer's.
"""
from fieldapp.vocab.incidents import KIND_LIST

NUMBER = 14
NAME = "guide_drills"


def up(conn) -> None:
    for sql in ("ALTER TABLE incidents ADD COLUMN scenario_id TEXT NOT NULL DEFAULT ''",
                "ALTER TABLE incidents ADD COLUMN pollutant_id TEXT NOT NULL DEFAULT ''",
                "ALTER TABLE incidents ADD COLUMN is_drill INTEGER NOT NULL DEFAULT 0",
                "ALTER TABLE incidents ADD COLUMN drill_scenario TEXT NOT NULL DEFAULT ''",
                "ALTER TABLE incidents ADD COLUMN area_radius_m REAL",
                "ALTER TABLE incident_log ADD COLUMN entry_args TEXT NOT NULL DEFAULT ''"):
        conn.execute(sql)
    conn.executemany("UPDATE incidents SET scenario_id = ? WHERE kind = ?",
                     [(k.scenario_id, k.code) for k in KIND_LIST if k.scenario_id])
