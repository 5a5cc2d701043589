"""An incident-log entry in the reader's language: structured entries (migrations 8 and 14) are
rendered from what they are, not from the text the writer's language gave them; other entries are
shown as written (people's own words)."""
from __future__ import annotations

import json

_WORDS = {
    "incident_created": ("事件已创建：{name}", "incident created: {name}"),
    "guide_step": ("首小时指引完成：{title}", "first-hour step done: {title}"),
    "drill": ("演练：{zh}", "drill: {en}"),
    "inject": ("演练情况通报：{zh}", "drill inject: {en}"),
}


def _args(row: dict) -> dict:
    try:
        return json.loads(row.get("entry_args") or "{}")
    except ValueError:
        return {}


def log_text(row: dict, lang: str = "zh") -> str:
    kind = row.get("entry_kind") or ""
    en = lang.startswith("en")
    try:
        if kind in ("step_done", "step_undone"):
            from fieldapp.toolkit import load_toolkit         # the checklists: loaded for the first such entry
            from fieldapp.toolkit.detail import checklist_log_text

            scenario, step = (row.get("step_id") or "").split("/", 1)
            return checklist_log_text(scenario, step, kind == "step_done", "en" if en else "zh", load_toolkit())
        if kind in _WORDS:
            args = _args(row)
            if kind == "guide_step":
                from .steps import STEP_TITLES
                title = STEP_TITLES.get(args.get("step", ""), ("", ""))
                args = {"title": title[1] if en else title[0]}
            return _WORDS[kind][1 if en else 0].format(**args)
    except (ValueError, KeyError):
        pass                         # an entry this version cannot read: its text as written
    return row.get("text") or ""
