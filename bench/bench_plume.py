"""Plume forecast speed: the numpy grid the app uses vs a naive Python loop over the same formulas.

Forecast: 50 sections over 72 h at 1-minute steps (216,000 concentrations) for a finite release
on a two-reach river with decay, plus the per-section arrival / peak / exceedance summary. The
baseline computes the same numbers with `math` in plain loops (checked equal to 1e-6 of the peak),
measured in the same run. Target: vectorised at least 50x faster.

Refit: least-squares fit of E, velocity and mass to 200 synthetic measurements (5 sections, 10 %
noise), median of several runs. Target: under 1 s.

    .venv/bin/python bench/bench_plume.py [--quick] [--sections N] [--hours H] [--repeat R]
"""
from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fieldapp.plume.fit import Observation, fit  # noqa: E402
from fieldapp.plume.forecast import summarise, time_grid  # noqa: E402
from fieldapp.plume.scenario import Model, Release, Scenario  # noqa: E402

RIVER = [dict(width_m=40, depth_m=2, velocity_m_s=0.45), dict(start_m=5_500, inflow_m3_s=6.0, width_m=45)]


def scenario(u=0.45, e=40.0, mass=18_000.0) -> Scenario:
    reaches = [dict(RIVER[0], velocity_m_s=u), RIVER[1]]
    return Scenario("cadmium", "Cd", Release("finite", "2026-01-01T00:00:00.000Z", 0.0, mass_g=mass,
                                             duration_s=8 * 3600), reaches, decay_per_s=1e-5, method="given",
                    dispersion_m2_s=e)


# ---- the naive baseline: the same mathematics, one number at a time ---------------------------
def _erfcx(b: float) -> float:
    return math.exp(b * b) * math.erfc(b) if b < 25 else (1 - 0.5 / (b * b)) / (b * math.sqrt(math.pi))


def _step(x, t, c0, u, e, k):
    if t <= 0:
        return 0.0
    g = math.sqrt(1 + 4 * k * e / (u * u))
    root = 2 * math.sqrt(e * t)
    first = math.exp(u * x * (1 - g) / (2 * e)) * math.erfc((x - u * g * t) / root)
    second = math.exp(-((x - u * t) ** 2 + (u * t) ** 2 * (g * g - 1)) / (4 * e * t)) * _erfcx((x + u * g * t) / root)
    return 0.5 * c0 * (first + second)


def _equivalent(model: Model, x: float):
    ch = model.channels["central"]
    tau = var = 0.0
    for begin, length, u, e in zip(ch.begin, ch.length, ch.u, ch.dispersion):
        seg = min(max(x - begin, 0.0), length)
        tau += seg / u
        var += 2 * e * seg / u ** 3
    q = ch.q[max(i for i, b in enumerate(ch.begin) if b <= x)]
    u_eff = x / tau
    return u_eff, var * u_eff ** 3 / (2 * x), q / u_eff


def naive_forecast(model: Model, distances, times, limits):
    rows, out = [], []
    for x, lim in zip(distances, limits):
        u, e, a = _equivalent(model, float(x))
        c0 = model.strength / (a * u)
        row = [_step(x, t, c0, u, e, model.k) - _step(x, t - model.duration_s, c0, u, e, model.k) for t in times]
        peak = max(row)
        i = row.index(peak)
        over = [t for t, c in zip(times, row) if c >= lim]
        out.append((peak, times[i], over[0] if over else None, over[-1] if over else None))
        rows.append(row)
    return rows, out


def bench_forecast(n_sections: int, hours: float, repeat: int) -> float:
    model = Model(scenario())
    distances = np.linspace(500.0, 60_000.0, n_sections)
    times = time_grid(hours * 3600.0)
    limits = np.full(n_sections, 0.005)
    vec = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        res = summarise(model, distances, times, limits)
        vec.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    rows, naive = naive_forecast(model, list(distances), list(times), list(limits))
    t_naive = time.perf_counter() - t0
    diff = float(np.max(np.abs(np.array(rows) - res["conc"])))
    top = float(res["conc"].max())
    assert diff <= 1e-6 * top, f"naive and vectorised differ by {diff:g} (peak {top:g})"
    assert all(abs(p - q) <= 1e-3 * top for p, q in zip([n[0] for n in naive], res["peak_mg_l"]))
    t_vec = statistics.median(vec)
    ratio = t_naive / t_vec
    print(f"forecast: {n_sections} sections x {hours:g} h at 1-minute steps = {res['conc'].size:,} concentrations")
    print(f"  vectorised (numpy) median of {repeat}: {t_vec * 1000:.1f} ms")
    print(f"  naive Python loop:                {t_naive * 1000:.0f} ms   (max difference {diff:.2g} mg/L)")
    print(f"  ratio naive/vectorised = {ratio:.0f}x   (target >= 50x)")
    return ratio


def bench_refit(n: int, repeat: int) -> float:
    truth = Model(scenario())
    guess = scenario(u=0.30, e=100.0, mass=40_000.0)
    runs = []
    for seed in range(repeat):
        rng = np.random.default_rng(seed)
        xs = np.repeat([3_000, 8_000, 14_000, 20_000, 27_000], n // 5).astype(float)
        ts = np.tile(np.linspace(0.5, 60, n // 5) * 3600, 5) + rng.uniform(0, 1800, xs.size)
        y = truth.concentration(xs, ts) * (1 + 0.1 * rng.standard_normal(xs.size)) + 0.0004
        obs = [Observation(x, t, v) for x, t, v in zip(xs, ts, y)]
        t0 = time.perf_counter()
        res = fit(guess, obs, background_mg_l=0.0004)
        runs.append(time.perf_counter() - t0)
    t_fit = statistics.median(runs)
    print(f"refit: {res.n} measurements, E/u/mass -> {res.values['dispersion_m2_s']:.1f} m²/s, "
          f"{res.values['velocity_m_s']:.3f} m/s, {res.values['strength'] * 8 * 3600 / 1000:.1f} kg")
    print(f"  median of {repeat}: {t_fit * 1000:.0f} ms   (target < 1000 ms)")
    return t_fit


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small smoke run (10 sections x 12 h)")
    ap.add_argument("--sections", type=int, default=50)
    ap.add_argument("--hours", type=float, default=72.0)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--measurements", type=int, default=200)
    a = ap.parse_args(argv)
    if a.quick:
        a.sections, a.hours, a.repeat = 10, 12.0, 2
    ratio = bench_forecast(a.sections, a.hours, a.repeat)
    t_fit = bench_refit(a.measurements, a.repeat)
    ok = ratio >= 50 and t_fit < 1.0
    print(f"RESULT: {'PASS' if ok else 'BELOW TARGET'} (forecast {ratio:.0f}x, refit {t_fit * 1000:.0f} ms)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
