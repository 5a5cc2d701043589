"""Drill mode (no Qt): exercise incidents made from scenario files, timed injects, simulated
instruments that follow the scenario's plume at the trainee's position, and the scorecard.

* ``scenario``: resources/drills/*.yaml (the five typical scenarios), validated.
* ``plume``: the scenario's concentration at (chainage, time): ONE function, to be switched to
  fieldapp.plume when it lands.
* ``run``: create a drill incident (river, intake, source point, checklist), injects due.
* ``sim``: simulated instruments on ptys in the scenario's mode (drives fieldapp.instruments'
  simulator).
* ``score`` / ``scorecard_pdf``: the scorecard and its PDF.
Deleting a drill and keeping it out of real exports and bundles: fieldapp.store.drills.
"""
