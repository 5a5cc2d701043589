"""Kinds of incident: the codes stored on ``incidents.kind`` and the words every view shows."""
from __future__ import annotations

INCIDENT_KINDS = {
    "tailings_leak": ("尾矿库泄漏", "Tailings pond leak"),
    "tanker_accident": ("道路槽罐车事故", "Road tanker accident"),
    "fire_water": ("企业消防废水外溢", "Plant fire-water runoff"),
    "pipeline_oil": ("输油管道泄漏", "Pipeline oil leak"),
    "heavy_metal_discharge": ("企业重金属违法排放", "Industrial heavy-metal discharge"),
    "chemical_spill": ("化学品泄漏", "Chemical spill"),
    "other": ("其他", "Other"),
}


def incident_kind_label(code: str | None, lang: str = "zh") -> str:
    """'tailings_leak' -> '尾矿库泄漏' / 'Tailings pond leak'; an unknown code is shown as typed."""
    pair = INCIDENT_KINDS.get(code or "")
    if pair is None:
        return code or ""
    return pair[1] if lang.startswith("en") else pair[0]
