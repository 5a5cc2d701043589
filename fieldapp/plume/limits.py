"""The ONE place the plume package asks for a limit (the issue-11 "one verdict" work rewires this).

Parameters are identified by the toolkit id (``toolkit.resolve(name)["id"]``); the standard of a
section follows the same rule as every other view (the point's role, else the incident's choice).
"""
from __future__ import annotations

from fieldapp.toolkit import load_toolkit
from fieldapp.toolkit.exceedance import limit_for, standard_for_point


def parameter_id(name: str) -> str | None:
    """The toolkit id of a parameter name, synonym, symbol or CAS (None when unknown)."""
    entry = load_toolkit().resolve(name or "")
    return entry["id"] if entry else None


def parameter_label(pid: str, lang: str = "zh") -> str:
    entry = load_toolkit().pollutant(pid)
    if not entry:
        return pid
    name = entry.get("name") or {}
    return (name.get(lang) or name.get("zh") or pid) if isinstance(name, dict) else str(name)


def section_limit(pid: str, incident: dict | None, role: str) -> tuple[float | None, str]:
    """(limit in mg/L or None, standard) for a section with ``role`` in ``incident``. A range limit
    (pH) has no single exceedance threshold for a plume and gives None."""
    entry = load_toolkit().pollutant(pid)
    standard = standard_for_point(incident, {"role": role})
    if entry is None:
        return None, standard
    lim = limit_for(entry, standard)
    if lim is None or lim.is_range:
        return None, standard
    return float(lim.value), standard
