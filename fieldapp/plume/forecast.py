"""Forecast per section: when the front, the peak and the tail pass, how high the peak is, and from
when to when the concentration is over the section's limit.

One numpy call evaluates the model on the whole sections × times grid (1-minute steps by default);
crossing times are interpolated linearly between steps and the peak by a parabola through the
three highest steps, so results do not jump by whole minutes.

Definitions (the CLI's --json fields and the panel's table use the same ones):
  arrival      the front: the first time C reaches FRONT_FRACTION of that section's peak
  peak_time    when C is highest (none for a continuous release: it rises to a steady level)
  peak_mg_l    the highest concentration (continuous release: the steady-state level)
  tail         the last time C is still at FRONT_FRACTION of the peak
  exceed_start / exceed_end   first and last time C is over the section's limit
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np

from fieldapp.core.timeutil import to_iso

from .errors import PlumeError
from .scenario import Model, Scenario, Section

FRONT_FRACTION = 0.05
STEP_S = 60.0
MIN_HORIZON_S = 6 * 3600.0
MAX_HORIZON_S = 30 * 86_400.0
MAX_STEPS = 60_000            # longer horizons get coarser steps, never a giant grid
NEGLIGIBLE_MG_L = 1e-9        # below this a section is "not reached" (numerical zero)
QUANTITIES = ("arrival", "peak_time", "peak_mg_l", "tail", "exceed_start", "exceed_end")


@dataclass
class SectionForecast:
    section: Section
    distance_m: float                    # along the river below the release (negative: upstream)
    values: dict                         # QUANTITIES -> seconds since release start / mg/L / None
    exceeds: bool = False
    ends_after_horizon: bool = False     # still over the limit when the forecast window ends
    steady_mg_l: float | None = None
    band: dict = field(default_factory=dict)   # quantity -> (low, high) over the uncertainty band
    exceed_possible: bool = False        # some member of the band exceeds the limit

    @property
    def position(self) -> str:
        return "upstream" if self.distance_m <= 0 else "downstream"


@dataclass
class Forecast:
    scenario: Scenario
    model: Model
    start: datetime
    times_s: np.ndarray
    distances_m: np.ndarray
    conc: np.ndarray                     # mg/L, sections × times (downstream sections only)
    sections: list[SectionForecast]
    horizon_s: float
    band_source: str                     # 'formulas' | 'fit' | 'none'
    warnings: list[tuple[str, str]] = field(default_factory=list)   # (code, message)

    def at(self, seconds: float | None) -> str | None:
        if seconds is None:
            return None
        return to_iso(self.start + timedelta(seconds=float(seconds)))


def parse_start(iso: str) -> datetime:
    try:
        return datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except (AttributeError, ValueError):
        raise PlumeError("bad_time", "release.start", f"release time {iso!r} is not a time "
                         "(YYYY-MM-DD HH:MM)", value=iso) from None


def auto_horizon(model: Model, distances: np.ndarray) -> float:
    """Long enough for the tail of the plume to pass the farthest section (6σ after arrival)."""
    far = float(distances.max()) if distances.size else 1_000.0
    tau, sigma = model.travel(np.array([far]))
    tau_hi, sig_hi = model.travel(np.array([far]), "high")
    span = max(float(tau[0] + 6 * sigma[0]), float(tau_hi[0] + 6 * sig_hi[0]))
    span += model.duration_s if model.kind == "finite" else 0.0
    return float(min(MAX_HORIZON_S, max(MIN_HORIZON_S, math.ceil(span / 3600.0) * 3600.0)))


def time_grid(horizon_s: float, step_s: float = STEP_S) -> np.ndarray:
    step = max(step_s, horizon_s / MAX_STEPS)
    return np.arange(0.0, horizon_s + step / 2, step)


def _crossing_times(conc, times, thr):
    """First and last time each row is >= thr (NaN where never), and whether the last is the grid end."""
    above = conc >= thr[:, None]
    hit = above.any(axis=1)
    n = conc.shape[1]
    rows = np.arange(conc.shape[0])
    first = above.argmax(axis=1)
    last = n - 1 - above[:, ::-1].argmax(axis=1)
    prev = np.maximum(first - 1, 0)
    c0, c1 = conc[rows, prev], conc[rows, first]
    with np.errstate(divide="ignore", invalid="ignore"):
        frac = np.where(c1 > c0, (thr - c0) / (c1 - c0), 0.0)
    start = np.where(first > 0, times[prev] + np.clip(frac, 0, 1) * (times[first] - times[prev]), times[first])
    nxt = np.minimum(last + 1, n - 1)
    d0, d1 = conc[rows, last], conc[rows, nxt]
    with np.errstate(divide="ignore", invalid="ignore"):
        frac = np.where(d0 > d1, (d0 - thr) / (d0 - d1), 0.0)
    end = times[last] + np.clip(frac, 0, 1) * (times[nxt] - times[last])
    open_end = hit & (last == n - 1)
    return np.where(hit, start, np.nan), np.where(hit, end, np.nan), open_end


def _peaks(conc, times):
    """(peak value, peak time) per row, refined by a parabola through the highest three steps."""
    i = conc.argmax(axis=1)
    rows = np.arange(conc.shape[0])
    lo, hi = np.maximum(i - 1, 0), np.minimum(i + 1, conc.shape[1] - 1)
    a, b, c = conc[rows, lo], conc[rows, i], conc[rows, hi]
    den = a - 2 * b + c
    inner = (i > 0) & (i < conc.shape[1] - 1) & (den < 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        off = np.where(inner, np.clip(0.5 * (a - c) / den, -0.5, 0.5), 0.0)
    step = times[1] - times[0] if times.size > 1 else 0.0
    return np.where(inner, b - 0.25 * (a - c) * off, b), times[i] + off * step


def summarise(model: Model, distances: np.ndarray, times: np.ndarray, limits: np.ndarray,
              which: str = "central", conc: np.ndarray | None = None) -> dict:
    """Arrays (one value per section, NaN = none) of every QUANTITY, plus 'open_end' and 'conc'."""
    if conc is None:
        conc = model.concentration(distances[:, None], times[None, :], which)
    peak, peak_t = _peaks(conc, times)
    reached = peak > NEGLIGIBLE_MG_L
    arrival, tail, _ = _crossing_times(conc, times, np.where(reached, FRONT_FRACTION * peak, np.inf))
    ex_start, ex_end, open_end = _crossing_times(conc, times, np.where(np.isnan(limits), np.inf, limits))
    if model.kind == "continuous":
        peak = np.maximum(peak, model.steady(distances, which))
        peak_t = np.full_like(peak, np.nan)
        tail = np.full_like(peak, np.nan)
    out = {"arrival": arrival, "peak_time": np.where(reached, peak_t, np.nan), "peak_mg_l": peak,
           "tail": tail, "exceed_start": ex_start, "exceed_end": np.where(open_end, np.nan, ex_end)}
    out["open_end"] = open_end
    out["conc"] = conc
    return out


def _value(x) -> float | None:
    x = float(x)
    return x if math.isfinite(x) else None


def _band(members: list[dict], s: int, quantity: str, percentile: bool) -> tuple | None:
    vals = np.array([m[quantity][s] for m in members], dtype=float)
    vals = vals[np.isfinite(vals)]
    if not vals.size:
        return None
    if percentile and vals.size >= 10:
        return float(np.percentile(vals, 2.5)), float(np.percentile(vals, 97.5))
    return float(vals.min()), float(vals.max())


def forecast(sc: Scenario, *, horizon_s: float | None = None, step_s: float = STEP_S,
             band_factors: list[dict] | None = None) -> Forecast:
    """The forecast for every section of the scenario. ``band_factors``: fitted-parameter samples
    (see fit.sample_factors) to draw the band from; otherwise the band is the formula spread."""
    model = Model(sc)
    start = parse_start(sc.release.start)
    warnings: list[tuple[str, str]] = []
    down = [s for s in sc.sections if s.chainage_m > sc.release.chainage_m]
    if not sc.sections:
        raise PlumeError("no_sections", "sections", "there is no section to forecast: add downstream sections "
                         "or intakes as sampling points on the river")
    if not down:
        raise PlumeError("no_downstream", "sections", "every section lies upstream of the release point: "
                         "nothing downstream to forecast")
    if not any(s.kind == "intake" for s in down):
        warnings.append(("no_intake", "no drinking-water intake lies downstream of the release on this river: "
                                      "the forecast covers the monitoring sections only"))
    dist = np.array([s.chainage_m - sc.release.chainage_m for s in down])
    limits = np.array([np.nan if s.limit_mg_l is None else s.limit_mg_l for s in down])
    if np.isnan(limits).all():
        warnings.append(("no_limit", f"no limit is known for {sc.parameter}: exceedance times cannot be given"))
    horizon = float(horizon_s) if horizon_s else auto_horizon(model, dist)
    times = time_grid(horizon, step_s)
    central = summarise(model, dist, times, limits)
    if band_factors:
        members = [summarise(Model(sc.with_factors(f)), dist, times, limits) for f in band_factors]
        band_source, pct = "fit", True
    elif sc.factors is None:
        members = [summarise(model, dist, times, limits, w) for w in ("low", "high")]
        band_source, pct = "formulas", False
    else:
        members, band_source, pct = [], "none", False
    members = [central] + members
    steady = model.steady(dist)
    out = []
    for i, s in enumerate(down):
        vals = {q: _value(central[q][i]) for q in QUANTITIES}
        band = {q: b for q in QUANTITIES if (b := _band(members, i, q, pct)) is not None}
        out.append(SectionForecast(
            s, float(dist[i]), vals, exceeds=not math.isnan(central["exceed_start"][i]),
            ends_after_horizon=bool(central["open_end"][i]),
            steady_mg_l=_value(steady[i]) if steady is not None else None, band=band,
            exceed_possible=any(not math.isnan(m["exceed_start"][i]) for m in members)))
    for s in sc.sections:
        if s.chainage_m <= sc.release.chainage_m:
            out.append(SectionForecast(s, s.chainage_m - sc.release.chainage_m, {q: None for q in QUANTITIES}))
    out.sort(key=lambda f: f.section.chainage_m)
    return Forecast(sc, model, start, times, dist, central["conc"], out, horizon, band_source, warnings)


def profile(fc: Forecast, seconds: float, n: int = 400, which: str = "central") -> tuple[np.ndarray, np.ndarray]:
    """(distance below the release m, mg/L) along the river at ``seconds`` after the release began."""
    far = max(float(fc.distances_m.max()) * 1.1, 1_000.0)
    x = np.linspace(0.0, far, n)
    return x, fc.model.concentration(x, np.full_like(x, float(seconds)), which)
