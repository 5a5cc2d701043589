"""Drill scenarios as data files (resources/drills/<id>.yaml): a release, river conditions, the
river line and intakes, timed injects and the simulated instruments. One file per scenario; the
five typical scenarios ship with the app, a team may add its own."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from fieldapp.core.resources import resource_path
from fieldapp.toolkit import load_toolkit
from fieldapp.vocab import get_parameter
from fieldapp.vocab.incidents import KINDS

from .plume import check_plume

DRILL_DIR = resource_path("drills")
_KEYS = ("id", "scenario", "kind", "name", "briefing", "source", "time_scale", "river", "flow",
         "source_chainage_m", "intakes", "release", "instruments", "injects", "expected_roles")
INJECT_KINDS = ("call", "instrument_failure", "message")


class ScenarioError(ValueError):
    """A drill file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Scenario:
    id: str
    data: dict
    path: Path

    def __getitem__(self, key):
        return self.data[key]

    def name(self, lang: str = "zh") -> str:
        return self.data["name"]["en" if lang.startswith("en") else "zh"]

    def briefing(self, lang: str = "zh") -> str:
        return self.data["briefing"]["en" if lang.startswith("en") else "zh"]

    @property
    def time_scale(self) -> float:
        return float(self.data.get("time_scale") or 1.0)


def _fail(path: Path, key: str, why: str):
    raise ScenarioError(f"{path.name}: {key}: {why}")


def _check(doc, path: Path) -> None:
    if not isinstance(doc, dict):
        _fail(path, "(file)", "must be a mapping")
    missing = [k for k in _KEYS if k not in doc]
    if missing:
        _fail(path, missing[0], "is missing")
    if load_toolkit().scenario(doc["scenario"]) is None:
        _fail(path, "scenario", f"{doc['scenario']!r} is not a toolkit scenario")
    if doc["kind"] not in KINDS:
        _fail(path, "kind", f"{doc['kind']!r} is not an incident kind")
    for key in ("name", "briefing"):
        if not isinstance(doc[key], dict) or not doc[key].get("zh") or not doc[key].get("en"):
            _fail(path, key, "needs zh and en")
    coords = doc["river"].get("coords") or []
    if len(coords) < 2 or any(len(c) != 2 for c in coords):
        _fail(path, "river.coords", "needs at least two [lon, lat] pairs, upstream first")
    for key in ("velocity_m_s", "dispersion_m2_s", "width_m", "depth_m"):
        if not float(doc["flow"].get(key, 0)) > 0:
            _fail(path, f"flow.{key}", "must be a positive number")
    if get_parameter(doc["release"].get("parameter")) is None:
        _fail(path, "release.parameter", f"{doc['release'].get('parameter')!r} is not a vocabulary parameter")
    why = check_plume(doc)
    if why:
        _fail(path, "flow", f"the plume model cannot use it: {why}")
    names = {i.get("name") for i in doc["instruments"]}
    for i, inj in enumerate(doc["injects"]):
        if inj.get("kind") not in INJECT_KINDS or not inj.get("zh") or not inj.get("en"):
            _fail(path, f"injects[{i}]", f"needs kind (one of {INJECT_KINDS}), zh and en")
        if inj["kind"] == "instrument_failure" and inj.get("instrument") not in names:
            _fail(path, f"injects[{i}].instrument", "names no instrument of this scenario")


def load_scenario(path: str | Path) -> Scenario:
    path = Path(path)
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ScenarioError(f"{path.name}: cannot read: {exc}") from None
    _check(doc, path)
    return Scenario(doc["id"], doc, path)


@lru_cache(maxsize=1)
def scenarios() -> dict[str, Scenario]:
    """The drill scenarios that ship with the app, by id."""
    out = {}
    for path in sorted(DRILL_DIR.glob("*.yaml")):
        if path.name == "drill_analyser.yaml":
            continue
        sc = load_scenario(path)
        out[sc.id] = sc
    return out


def scenario(ident: str) -> Scenario:
    found = scenarios().get(ident)
    if found is None:
        raise ScenarioError(f"no drill scenario {ident!r} (have: {', '.join(sorted(scenarios()))})")
    return found
