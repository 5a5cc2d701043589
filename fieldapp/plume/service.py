"""One call from inputs to answers, shared by the CLI, the panel, the report and the map overlay.

``run(store, incident, inputs, fit=True)`` binds the inputs to the incident's river, fits E, u and
the source strength to the measurements when asked (falling back to the inputs, with the reason,
when the fit is impossible), and forecasts every section. ``to_json`` is the documented
``fieldapp plume forecast --json`` output (docs/plume.md).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .errors import PlumeError
from .fit import PARAMS, FitResult, Observation
from .fit import fit as fit_model
from .forecast import QUANTITIES, Forecast, forecast
from .incident import Bound, bind, observations

BAND_SAMPLES = 40


@dataclass
class Outcome:
    forecast: Forecast
    bound: Bound
    fit: FitResult | None = None
    fit_error: PlumeError | None = None      # a fit was asked for and could not be made
    observations: list[Observation] = field(default_factory=list)
    background_mg_l: float = 0.0
    left_out: dict = field(default_factory=dict)


def run(store, incident: dict, inputs: dict, *, fit: bool = False, saved_fit: FitResult | None = None,
        free: tuple = PARAMS, horizon_s: float | None = None) -> Outcome:
    """Forecast for ``inputs``; with ``fit`` refit to the measurements first; with ``saved_fit`` reuse
    an earlier fit's multipliers (and its uncertainty for the band)."""
    bound = bind(store, incident, inputs)
    sc = bound.scenario
    obs, bg, left = observations(store, incident, bound)
    result, error = saved_fit, None
    if fit:
        try:
            result = fit_model(sc, obs, tuple(free), bg)
        except PlumeError as exc:
            result, error = None, exc
    band = None
    if result is not None:
        sc = sc.with_factors(result.factors)
        band = result.sample_factors(BAND_SAMPLES)
    fc = forecast(sc, horizon_s=horizon_s, band_factors=band)
    return Outcome(fc, bound, result, error, obs, bg, left)


def _hours(fc: Forecast, seconds):
    return None if seconds is None else round(seconds / 3600.0, 3)


def section_json(fc: Forecast, s) -> dict:
    v = s.values
    row = {"code": s.section.code, "name": s.section.name, "kind": s.section.kind,
           "chainage_m": round(s.section.chainage_m, 1), "distance_m": round(s.distance_m, 1),
           "position": s.position, "limit_mg_l": s.section.limit_mg_l, "standard": s.section.standard}
    for q in QUANTITIES:
        row[q] = v[q] if q == "peak_mg_l" else fc.at(v[q])
    row["peak_mg_l"] = None if v["peak_mg_l"] is None else float(f"{v['peak_mg_l']:.6g}")
    row["hours"] = {q: _hours(fc, v[q]) for q in QUANTITIES if q != "peak_mg_l"}
    row["exceeds"] = s.exceeds
    row["exceed_possible"] = s.exceed_possible
    row["exceed_continues_past_forecast"] = s.ends_after_horizon
    row["steady_mg_l"] = s.steady_mg_l
    row["band"] = {q: ([float(f"{a:.6g}"), float(f"{b:.6g}")] if q == "peak_mg_l" else [fc.at(a), fc.at(b)])
                   for q, (a, b) in s.band.items()}
    return row


def fit_json(res: FitResult | None) -> dict | None:
    if res is None:
        return None
    return {"values": res.values, "ci95": {k: list(v) for k, v in res.value_ci.items()}, "free": list(res.free),
            "n": res.n, "rmse_mg_l": res.rmse_mg_l, "background_mg_l": res.background_mg_l,
            "data_used": res.data_used}


def to_json(out: Outcome) -> dict:
    fc, sc = out.forecast, out.forecast.scenario
    model = fc.model
    channel = model.channels["central"]
    rel = sc.release
    return {
        "parameter": sc.parameter, "parameter_id": sc.parameter_id, "river": sc.river_name,
        "release": {"kind": rel.kind, "start": rel.start, "chainage_m": round(rel.chainage_m, 1),
                    "mass_g": rel.total_g, "load_g_s": None if rel.kind == "instantaneous" else rel.strength,
                    "duration_s": rel.duration_s},
        "model": {"strength": model.strength, "decay_per_s": model.k,
                  "reaches": [{"start_m": r.start_m, "flow_m3_s": r.flow_m3_s, "width_m": r.width_m,
                               "depth_m": r.depth_m, "velocity_m_s": r.velocity_m_s,
                               "dispersion_m2_s": float(e)}
                              for r, e in zip(channel.reaches, channel.dispersion)],
                  "dispersion_method": sc.method,
                  "dispersion_by_method": model.dispersion[0].by_method,
                  "dispersion_band_m2_s": [model.dispersion[0].low, model.dispersion[0].high],
                  "shear_velocity_assumed": model.dispersion[0].shear_assumed},
        "horizon_hours": fc.horizon_s / 3600.0, "band_source": fc.band_source,
        "fit": fit_json(out.fit),
        "fit_error": str(out.fit_error) if out.fit_error else None,
        "observations_available": len(out.observations),
        "warnings": [m for _c, m in fc.warnings] + [f"not on the river, left out: {c}" for c in out.bound.skipped],
        "sections": [section_json(fc, s) for s in fc.sections],
    }
