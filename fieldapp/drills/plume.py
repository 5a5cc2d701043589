"""The scenario's plume: concentration (mg/L) at a chainage and a time since the release began.

Everything in a drill (the simulated instruments, the scorecard's checks, the tests) asks
``concentration``, and ``concentration`` asks fieldapp.plume: the drill's river and release are
turned into a plume Scenario (one reach with the file's width, depth and velocity, the given
dispersion coefficient and decay, a finite release of ``mass_kg`` over ``hours`` at the source's
chainage) and its Model computes the concentration, so a drill, the forecast tab and the follow-up
report use the one river-transport formula of the code base. Above the source (and off the river)
the scenario's background is all there is.
"""
from __future__ import annotations

import json

from fieldapp.plume.errors import PlumeError
from fieldapp.plume.scenario import Model, Release
from fieldapp.plume.scenario import Scenario as PlumeScenario
from fieldapp.vocab import get_parameter

_MODELS: dict[str, Model] = {}


def plume_scenario(scenario) -> PlumeScenario:
    """The drill file's river and release as the forecast package's inputs."""
    rel, flow = scenario["release"], scenario["flow"]
    param = get_parameter(rel["parameter"])
    reach = {"start_m": 0.0, "width_m": float(flow["width_m"]), "depth_m": float(flow["depth_m"]),
             "velocity_m_s": float(flow["velocity_m_s"])}
    # times are seconds of the drill clock since the release began: no wall-clock start is needed
    release = Release("finite", start="", chainage_m=float(scenario["source_chainage_m"]),
                      mass_g=float(rel["mass_kg"]) * 1000.0, duration_s=float(rel["hours"]) * 3600.0)
    return PlumeScenario(parameter_id=param.id if param else rel["parameter"], parameter=rel["parameter"],
                         release=release, reaches=[reach], decay_per_s=float(flow.get("decay_per_s") or 0.0),
                         method="given", dispersion_m2_s=float(flow["dispersion_m2_s"]))


def plume_model(scenario) -> Model:
    """The scenario's model, made once per distinct river and release (raises PlumeError)."""
    key = json.dumps([scenario["flow"], scenario["release"], scenario["source_chainage_m"]], sort_keys=True)
    model = _MODELS.get(key)
    if model is None:
        model = _MODELS[key] = Model(plume_scenario(scenario))
    return model


def check_plume(scenario) -> str:
    """'' when fieldapp.plume accepts the scenario's river and release, else why not (its words)."""
    try:
        plume_model(scenario)
    except PlumeError as exc:
        return str(exc)
    except KeyError as exc:
        return f"{exc.args[0]} is missing"
    except (TypeError, ValueError) as exc:
        return f"not a number ({exc})"
    return ""


def concentration(scenario, chainage_m: float | None, t_s: float) -> float:
    """mg/L of the release's parameter at ``chainage_m`` (along the scenario's river) ``t_s``
    seconds after the release began; the background where the plume is not (or off the river)."""
    background = float(scenario["release"].get("background_mg_l") or 0.0)
    if chainage_m is None:
        return background
    x = chainage_m - float(scenario["source_chainage_m"])
    if x < 0:                     # above the source: what the upstream control should show
        return background
    return background + float(plume_model(scenario).concentration(x, t_s))
