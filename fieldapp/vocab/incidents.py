"""Incident kinds: the code stored on ``incidents.kind``, the words every view shows (UI, reports,
exports), and the scenario checklist a kind opens.

The five kinds with a checklist are the toolkit's five typical scenarios
(resources/toolkit/scenarios.yaml); choosing a kind when an incident is created opens that
checklist and sets what the first-hour guide proposes to measure. Stored codes are English so
exchanged data never depends on the interface language.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    code: str
    scenario_id: str | None     # resources/toolkit/scenarios.yaml id, None when no typical scenario fits
    zh: str
    en: str


KIND_LIST = (
    Kind("tailings_leak", "tailings_pond_leak", "尾矿库泄漏", "Tailings pond leak"),
    Kind("tanker_accident", "road_tanker_accident", "道路槽罐车事故（危化品运输）", "Road tanker accident"),
    Kind("fire_water", "plant_fire_water", "企业火灾爆炸消防废水", "Plant fire-water runoff"),
    Kind("pipeline_oil", "pipeline_oil_leak", "输油管道/油库泄漏", "Pipeline oil leak"),
    Kind("heavy_metal_discharge", "industrial_heavy_metal", "企业重金属超标排放", "Industrial heavy-metal discharge"),
    Kind("chemical_spill", None, "化学品泄漏", "Chemical spill"),
    Kind("other", None, "其他", "Other"),
)
KINDS = {k.code: k for k in KIND_LIST}
KIND_CODES = tuple(KINDS)


def incident_kind_label(code: str | None, lang: str = "zh") -> str:
    """'tailings_leak' -> '尾矿库泄漏' / 'Tailings pond leak'; '' for no kind (the caller decides what
    stands there); a code this version does not know is shown as 其他（code） / Other (code), never bare."""
    en = lang.startswith("en")
    if not code:
        return ""
    kind = KINDS.get(code)
    if kind is None:
        return f"Other ({code})" if en else f"其他（{code}）"
    return kind.en if en else kind.zh


def scenario_for_kind(code: str | None) -> str | None:
    """The scenario checklist a kind opens (None: no typical scenario fits)."""
    kind = KINDS.get(code or "")
    return kind.scenario_id if kind else None


def kind_for_scenario(scenario_id: str | None) -> str:
    return next((k.code for k in KIND_LIST if k.scenario_id == scenario_id), "other")
