"""The first-hour guide (no Qt): what to do next on an incident, decided from its state.

* ``state.read_state``: the incident's state as the guide sees it (points per role, what was
  measured where, samples, reports issued, checklist ticks, reporting deadlines).
* ``steps.next_steps``: the first-hour steps with done / to do / overdue, each naming the action
  that does it; ``steps.log_entries`` the structured log entries for steps newly done.
* ``proposals.propose_points``: first sampling points from the river line, with chainage.
* ``feedback.measurement_feedback``: the verdict of a saved measurement and, at a drinking-water
  point, the banner with the toolkit's next actions.
* ``plausibility``: dates and positions that need an explicit confirmation.
* ``sampling.sample_defaults``: container, preservative and holding time from the toolkit.
* ``ordering.points_by_chainage``: points in river order.
* ``logtext.log_text``: a log entry's words in the reader's language.
"""
