"""Structured incident-log entries: ``entry_kind`` and ``step_id`` on ``incident_log``.

A checklist tick used to be recognised only by its translated text, so renaming a step or
ticking in another language could lose it. Now a tick carries ``entry_kind`` ('step_done' or
'step_undone') and ``step_id`` ('<scenario id>/<step id>'); the text stays for people to read.

Existing checklist rows are filled here by reading their text in the two formats the app wrote
("情景要点「NAME」第N步已完成：…" / "Scenario 'NAME' step N done: …") against the scenario list
in resources/toolkit/scenarios.yaml (read as data: the store does not import the toolkit). A row
whose scenario or step cannot be found keeps entry_kind '' and shows as a plain log line.

incident_log is append-only (triggers refuse UPDATE): they are dropped for the fill and put back,
inside this migration's transaction. The rows' version and change_seq are not touched: every
copy of a store runs the same fill, so there is nothing new to sync.
"""
import re

from fieldapp.core.resources import resource_path

NUMBER = 8
NAME = "log_entries"

SCENARIOS = resource_path("toolkit", "scenarios.yaml")
_PATTERNS = (re.compile(r"^情景要点「(?P<name>.+?)」第(?P<n>\d+)步(?P<what>已完成|取消勾选)："),
             re.compile(r"^Scenario '(?P<name>.+?)' step (?P<n>\d+) (?P<what>done|unticked): "))
_DONE = {"已完成": "step_done", "done": "step_done", "取消勾选": "step_undone", "unticked": "step_undone"}


def _steps_by_name() -> dict[str, tuple[str, list[str]]]:
    import yaml

    if not SCENARIOS.exists():
        return {}
    doc = yaml.safe_load(SCENARIOS.read_text(encoding="utf-8")) or {}
    out = {}
    for sc in doc.get("scenarios") or []:
        steps = [st["id"] for st in sc.get("steps") or []]
        for name in (sc.get("name") or {}).values():
            out[name] = (sc["id"], steps)
    return out


def parse_checklist_text(text: str, scenarios: dict) -> tuple[str, str] | None:
    """(entry_kind, step_id) of an old checklist log text, or None."""
    for pattern in _PATTERNS:
        m = pattern.match(text)
        if m and m["name"] in scenarios:
            sc_id, steps = scenarios[m["name"]]
            n = int(m["n"])
            if 1 <= n <= len(steps):
                return _DONE[m["what"]], f"{sc_id}/{steps[n - 1]}"
    return None


def up(conn) -> None:
    conn.execute("ALTER TABLE incident_log ADD COLUMN entry_kind TEXT NOT NULL DEFAULT ''")
    conn.execute("ALTER TABLE incident_log ADD COLUMN step_id TEXT")
    conn.execute("CREATE INDEX incident_log_entries ON incident_log(incident_uuid, entry_kind)")
    rows = conn.execute("SELECT uuid, text FROM incident_log WHERE kind = 'checklist'").fetchall()
    scenarios = _steps_by_name() if rows else {}
    filled = [(kind, step, uuid) for uuid, text in rows
              for kind, step in [parse_checklist_text(text, scenarios) or ("", None)] if kind]
    if not filled:
        return
    conn.execute("DROP TRIGGER incident_log_no_update")
    conn.executemany("UPDATE incident_log SET entry_kind = ?, step_id = ? WHERE uuid = ?", filled)
    conn.execute("CREATE TRIGGER incident_log_no_update BEFORE UPDATE ON incident_log "
                 "BEGIN SELECT RAISE(ABORT, 'incident_log is append-only'); END")
