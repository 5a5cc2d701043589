"""Where the plume package asks the vocabulary (fieldapp.vocab) for identities and limits.

Parameters are vocabulary ids (``resolve_id``: Cd, 镉, cadmium … -> "cadmium"); the standard of a
section follows the rule every other view uses (the point's own choice, its role, the incident's
standards), and the limit is the vocabulary's ``limit_for`` of that standard.
"""
from __future__ import annotations

from fieldapp.vocab import get_parameter, resolve_id, standard_for_point
from fieldapp.vocab.standards import limit_for


def parameter_id(name: str) -> str | None:
    """The vocabulary id of a parameter name, synonym, symbol or CAS (None when unknown)."""
    return resolve_id(name or "")


def parameter_label(pid: str, lang: str = "zh") -> str:
    p = get_parameter(pid)
    return p.label(lang) if p else pid


def section_limit(pid: str, incident: dict | None, role: str) -> tuple[float | None, str]:
    """(upper limit in mg/L or None, standard) for a section with ``role`` in ``incident``. A range
    (pH) or a lower limit (dissolved oxygen) has no single exceedance threshold for a plume: None."""
    p = get_parameter(pid)
    standard = standard_for_point(incident, {"role": role})
    lim = limit_for(p, standard, "mg/L") if p is not None else None
    if lim is None or lim.is_range or lim.upper is None:
        return None, standard
    return float(lim.upper), standard
