"""Fit dispersion, velocity and released mass (or load) to measured concentration-time series.

The free parameters are multipliers of the scenario's E, u and source strength (one each for the
whole river, so a multi-reach scenario keeps its shape), fitted on a log scale so they stay
positive and their confidence intervals are multiplicative. For a single reach the multipliers
are exactly E, u and M (or W) relative to the first guess.

Least squares (scipy.optimize.least_squares, trust-region reflective) with weights: measurement
error grows with the concentration (a lab's few-percent relative error) on top of an absolute error
near the detection limit. The first pass divides each residual by max(C, floor) (floor =
FLOOR_FRACTION of the highest signal); then the error model e² = a² + b²C² is fitted to that pass's
residuals and two more passes use it (iteratively reweighted, the weights from the model rather
than the noisy data, so they do not bias the fit).

Confidence intervals: the sandwich covariance (JᵀJ)⁻¹·Jᵀdiag(r²/(1−h)²)J·(JᵀJ)⁻¹ at the optimum
(J the weighted Jacobian, r the residuals, h their leverages: HC3), which stays right when the
error model is only roughly right, where s²(JᵀJ)⁻¹ was too narrow by half in trials; Student-t
quantiles with n − p degrees of freedom, Bonferroni-adjusted so that ALL fitted parameters lie in
their intervals together with probability LEVEL.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from scipy import optimize, stats

from .errors import PlumeError
from .scenario import Model, Scenario

PARAMS = ("E", "u", "S")
FLOOR_FRACTION = 0.05
BOUND = math.log(50.0)             # a multiplier beyond ×50 or ÷50 of the first guess = not converged
MAX_CONDITION = 1e12
LEVEL = 0.95


@dataclass
class Observation:
    distance_m: float        # below the release
    t_s: float               # since the release began
    c_mg_l: float
    code: str = ""
    measured_at: str = ""


@dataclass
class FitResult:
    factors: dict                    # multipliers of E, u, S relative to the scenario's inputs
    ci: dict                         # parameter -> (low, high) multiplier, jointly at LEVEL
    values: dict                     # fitted E (m²/s), velocity (m/s), strength (g or g/s) of reach 1
    value_ci: dict
    free: tuple
    n: int
    rmse_mg_l: float
    background_mg_l: float
    cov: list                        # covariance of the log-multipliers of ``free``
    data_used: list = field(default_factory=list)   # per point: code, n, first, last

    def sample_factors(self, n: int = 40, seed: int = 0) -> list[dict]:
        """Multipliers drawn from the fit's uncertainty (for the forecast's band)."""
        rng = np.random.default_rng(seed)
        mean = np.log([self.factors[p] for p in self.free])
        draws = rng.multivariate_normal(mean, np.array(self.cov), size=n)
        out = []
        for d in draws:
            f = dict(self.factors)
            f.update({p: float(math.exp(v)) for p, v in zip(self.free, d)})
            out.append(f)
        return out

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in ("factors", "ci", "values", "value_ci", "n", "rmse_mg_l",
                                               "background_mg_l", "cov", "data_used")} | {"free": list(self.free)}

    @classmethod
    def from_dict(cls, d: dict) -> FitResult:
        d = dict(d)
        d["free"] = tuple(d["free"])
        d["ci"] = {k: tuple(v) for k, v in d["ci"].items()}
        d["value_ci"] = {k: tuple(v) for k, v in d["value_ci"].items()}
        return cls(**d)


def _predict(sc: Scenario, factors: dict, x, t, bg: float) -> np.ndarray:
    return bg + Model(sc.with_factors(factors)).concentration(x, t)


def _first_guess(sc, base, free, x, t, y, bg) -> np.ndarray:
    """Velocity from a coarse scan (the peak must land at the right time, or least squares wanders
    off), the strength from the closed-form linear least squares at each velocity."""
    best, theta = math.inf, np.zeros(len(free))
    scan = np.exp(np.linspace(-math.log(4), math.log(4), 29)) if "u" in free else [base["u"]]
    for fu in scan:
        f = dict(base, u=float(fu))
        m = _predict(sc, f, x, t, 0.0)
        s = float(np.dot(m, y - bg) / np.dot(m, m)) if "S" in free and np.dot(m, m) > 0 else 1.0
        if s <= 0:
            continue
        err = float(np.sum((bg + s * m - y) ** 2))
        if err < best:
            best = err
            f["S"] = f["S"] * s if "S" in free else f["S"]
            theta = np.log([f[p] for p in free])
    return np.clip(theta, -BOUND + 0.01, BOUND - 0.01)


def _check(obs: list[Observation], free: tuple) -> None:
    bad = [p for p in free if p not in PARAMS]
    if bad or not free:
        raise PlumeError("fit_params", "free", f"choose what to fit from {', '.join(PARAMS)} (got {free})")
    if len(obs) < len(free) + 2:
        raise PlumeError("too_few", "measurements", f"{len(obs)} measurement(s) downstream after the release: "
                         f"at least {len(free) + 2} are needed to fit {len(free)} parameters",
                         n=len(obs), needed=len(free) + 2)


def fit(sc: Scenario, obs: list[Observation], free: tuple = PARAMS, background_mg_l: float = 0.0) -> FitResult:
    """Fit the scenario to ``obs``; raises PlumeError when the data cannot determine the parameters."""
    _check(obs, tuple(free))
    free = tuple(free)
    x = np.array([o.distance_m for o in obs], dtype=float)
    t = np.array([o.t_s for o in obs], dtype=float)
    y = np.array([o.c_mg_l for o in obs], dtype=float)
    bg = float(background_mg_l)
    signal = y - bg
    if not np.isfinite(y).all() or signal.max() <= 0:
        raise PlumeError("no_signal", "measurements", "no measurement is above the background: the plume has not "
                         "been seen yet, so there is nothing to fit")
    base = {p: float((sc.factors or {}).get(p, 1.0)) for p in PARAMS}
    theta0 = _first_guess(sc, base, free, x, t, y, bg)

    def factors_of(theta):
        return dict(base, **{p: float(math.exp(v)) for p, v in zip(free, theta)})

    res = None
    sigma = np.maximum(signal, FLOOR_FRACTION * signal.max())
    for _pass in range(3):
        def residuals(theta, sigma=sigma):
            return (_predict(sc, factors_of(theta), x, t, bg) - y) / sigma
        res = optimize.least_squares(residuals, theta0, method="trf", bounds=(-BOUND, BOUND), max_nfev=300,
                                     x_scale=1.0, diff_step=1e-6)
        if res.status <= 0 or not np.isfinite(res.x).all():
            raise PlumeError("fit_failed", "fit", "the fit did not converge: the measurements do not follow one "
                             "plume from this release (check the release time and point, or fit fewer parameters)")
        theta0 = res.x
        sigma = _error_model(_predict(sc, factors_of(res.x), x, t, 0.0), y - bg)
    return _result(sc, free, base, res, obs, x, t, y, bg, factors_of)


def _error_model(model_signal: np.ndarray, signal: np.ndarray) -> np.ndarray:
    """σ per measurement from the residuals themselves: e² ≈ a² + b²·C² (an absolute error near the
    detection limit plus a relative one), fitted by non-negative least squares. With the right σ the
    covariance s²(JᵀJ)⁻¹ is honest; a fixed guess made the intervals too narrow by half."""
    e2 = (signal - model_signal) ** 2
    design = np.column_stack([np.ones_like(model_signal), model_signal ** 2])
    (a2, b2), _ = optimize.nnls(design, e2)
    top = max(float(model_signal.max()), 1e-30)
    a2 = max(a2, (1e-3 * top) ** 2)          # never a zero error: that point would get infinite weight
    return np.sqrt(a2 + b2 * model_signal ** 2)


def _result(sc, free, base, res, obs, x, t, y, bg, factors_of) -> FitResult:
    at_bound = [p for p, v in zip(free, res.x) if abs(abs(v) - BOUND) < 1e-3]
    if at_bound:
        raise PlumeError("fit_failed", "fit", f"the fit did not converge: {', '.join(at_bound)} ran to the edge of "
                         "its range (more than 50 times the first guess); check the inputs", params=at_bound)
    jac = res.jac
    jtj = jac.T @ jac
    n, p = len(y), len(free)
    if not np.isfinite(jtj).all() or np.linalg.cond(jtj) > MAX_CONDITION:
        raise PlumeError("not_identifiable", "fit", "the measurements cannot tell these parameters apart "
                         "(e.g. all at one time or one section): fit fewer parameters or wait for more data")
    inv = np.linalg.inv(jtj)
    # sandwich (heteroscedasticity-consistent, HC3: each residual inflated by its leverage) covariance:
    # stays honest when the error model is only roughly right, where s²(JᵀJ)⁻¹ was too narrow by half
    leverage = np.einsum("ij,jk,ik->i", jac, inv, jac)
    r2 = (res.fun / np.maximum(1.0 - leverage, 0.05)) ** 2
    cov = inv @ ((jac * r2[:, None]).T @ jac) @ inv
    # Bonferroni: every fitted parameter inside its interval at once with probability >= LEVEL
    # (three separate 95 % intervals hold jointly only ~86 % of the time)
    q = float(stats.t.ppf(1 - (1 - LEVEL) / (2 * p), max(n - p, 1)))
    half = q * np.sqrt(np.maximum(np.diag(cov), 0.0))
    factors = factors_of(res.x)
    ci = {pname: (float(math.exp(v - h)), float(math.exp(v + h))) for pname, v, h in zip(free, res.x, half)}
    if not all(math.isfinite(a) and math.isfinite(b) for a, b in ci.values()):
        raise PlumeError("not_identifiable", "fit", "the fit's confidence intervals are unbounded: the data "
                         "cannot determine the parameters")
    model = Model(sc.with_factors(factors))
    pred = _predict(sc, factors, x, t, bg)
    ref = {"E": model.channels["central"].dispersion[0], "u": model.reaches[0].velocity_m_s, "S": model.strength}
    names = {"E": "dispersion_m2_s", "u": "velocity_m_s", "S": "strength"}
    values = {names[k]: float(v) for k, v in ref.items()}
    value_ci = {names[k]: (ref[k] * lo / factors[k], ref[k] * hi / factors[k]) for k, (lo, hi) in ci.items()}
    return FitResult(factors, ci, values, value_ci, free, n, float(np.sqrt(np.mean((pred - y) ** 2))), bg,
                     cov.tolist(), data_used(obs))


def data_used(obs: list[Observation]) -> list[dict]:
    """Per point: how many measurements the fit used and their time span (for the report)."""
    out: dict[str, dict] = {}
    for o in obs:
        d = out.setdefault(o.code, {"code": o.code, "n": 0, "first": o.measured_at, "last": o.measured_at,
                                    "distance_m": o.distance_m})
        d["n"] += 1
        d["first"] = min(d["first"], o.measured_at)
        d["last"] = max(d["last"], o.measured_at)
    return sorted(out.values(), key=lambda d: d["distance_m"])
