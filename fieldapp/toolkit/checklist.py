"""Scenario checklist ticks: the log entry a tick writes, and the ticks read back from the log.

A tick is an incident-log entry of kind 'checklist' with ``entry_kind`` 'step_done' or
'step_undone' and ``step_id`` '<scenario id>/<step id>' (migration 8). The text is for people (in
the language of whoever ticked); the state is read from the structured columns only, so it does
not depend on the interface language or on a step's wording.
"""
from __future__ import annotations

from .data import Toolkit, load_toolkit
from .detail import checklist_log_text


def step_ref(scenario_id: str, step_id: str) -> str:
    return f"{scenario_id}/{step_id}"


def tick_entry(scenario_id: str, step_id: str, done: bool, lang: str = "zh",
               tk: Toolkit | None = None) -> dict:
    """Keyword arguments for ``store.log(incident_uuid, **entry)`` recording one tick or untick."""
    text = checklist_log_text(scenario_id, step_id, done, lang, tk or load_toolkit())
    return {"kind": "checklist", "text": text, "entry_kind": "step_done" if done else "step_undone",
            "step_id": step_ref(scenario_id, step_id)}


def checklist_state(log_rows: list[dict]) -> dict[tuple[str, str], dict]:
    """(scenario id, step id) -> the latest tick row for it, with ``done`` True/False.
    ``log_rows`` in time order (``store.list_log``); rows that are not ticks are ignored."""
    out: dict[tuple[str, str], dict] = {}
    for row in log_rows:
        kind, ref = row.get("entry_kind") or "", row.get("step_id") or ""
        if kind not in ("step_done", "step_undone") or "/" not in ref:
            continue
        scenario_id, step_id = ref.split("/", 1)
        out[(scenario_id, step_id)] = {**row, "done": kind == "step_done"}
    return out
