"""Analytical solutions of the 1-D advection-dispersion equation with first-order decay.

    ∂C/∂t + u ∂C/∂x = E ∂²C/∂x² − k C        (cross-section averaged, constant u, E, k)

C in mg/L (= g/m³), x metres below the release (x > 0 downstream), t seconds after the release
starts, u m/s, E m²/s, k 1/s. Every function takes numpy arrays (or scalars) that broadcast,
so a whole sections × times grid is one call, and never returns NaN or infinity.

* instantaneous: a slug of M grams fully mixed over area A (m²) at x = 0, t = 0
      C = M / (A √(4πEt)) · exp(−(x − ut)² / (4Et)) · exp(−kt)
* step: a constant concentration C₀ = W/Q held at x = 0 from t = 0 on (Ogata & Banks 1961, with
  decay as in van Genuchten et al. 2013, J. Hydrol. Hydromech. 61(2):146-160), Γ = √(1 + 4kE/u²):
      C = C₀/2 · [exp(ux(1−Γ)/2E)·erfc((x − uΓt)/(2√(Et))) + exp(ux(1+Γ)/2E)·erfc((x + uΓt)/(2√(Et)))]
  The second term is evaluated as exp(ux(1+Γ)/2E − b²)·erfcx(b): the exponent is never positive
  (it equals −[(x−ut)² + u²t²(Γ²−1)]/4Et), so it cannot overflow at large Péclet numbers.
* finite: a release of duration T is step(t) − step(t − T) (superposition; Runkel 1996,
  J. Environ. Eng. 122(9):830-832).
* steady: the t → ∞ limit of step, C = C₀·exp(ux(1−Γ)/2E).
"""
from __future__ import annotations

import numpy as np
from scipy.special import erfc, erfcx

ERFC_BAND = 6.5          # erfc(6.5) = 4e-20: outside ±6.5 erfc is 0 or 2 to double precision
NEGLIGIBLE_EXP = -40.0   # exp(-40) = 4e-18 of the local scale: treated as zero
MIN_T_S = 1e-3           # earlier than a millisecond after the release, times are taken as 1 ms


def instantaneous(x, t, mass_g, area_m2, u, E, k=0.0):
    """Concentration (mg/L) after an instantaneous release of ``mass_g`` grams."""
    x, t = np.asarray(x, dtype=float), np.asarray(t, dtype=float)
    live = t > 0
    ts = np.where(live, np.maximum(t, MIN_T_S), 1.0)
    # in logs: at a fraction of a second the prefactor alone would overflow while the exponential
    # is zero; the sum of the two logs is finite
    log_c = (np.log(mass_g / area_m2) - 0.5 * np.log(4 * np.pi * E * ts)
             - (x - u * ts) ** 2 / (4 * E * ts) - k * ts)
    out = np.zeros(np.shape(log_c))
    near = live & (log_c > NEGLIGIBLE_EXP)
    out[near] = np.exp(np.minimum(log_c[near], 700.0))
    return out


def gamma(u, E, k):
    """Γ = √(1 + 4kE/u²) (1 without decay)."""
    return np.sqrt(1.0 + 4.0 * k * E / (u * u))


def step(x, t, c0, u, E, k=0.0):
    """Concentration (mg/L) at x ≥ 0 while the source section is held at ``c0`` from t = 0 on."""
    x, t = np.asarray(x, dtype=float), np.asarray(t, dtype=float)
    live = (t > 0) & (x >= 0)
    ts = np.where(live, np.maximum(t, MIN_T_S), 1.0)
    xs = np.where(live, x, 0.0)
    g = gamma(u, E, k)
    root = 2.0 * np.sqrt(E * ts)
    a = (xs - u * g * ts) / root
    b = (xs + u * g * ts) / root
    first = np.exp(u * xs * (1 - g) / (2 * E)) * _erfc_banded(a)
    # exp(ux(1+Γ)/2E)·erfc(b) = exp(ux(1+Γ)/2E − b²)·erfcx(b), exponent in closed form (never > 0)
    arg = -((xs - u * ts) ** 2 + (u * ts) ** 2 * (g * g - 1)) / (4 * E * ts)
    arg, b = np.broadcast_arrays(arg, b)
    second = np.zeros(arg.shape)
    near = arg > NEGLIGIBLE_EXP
    second[near] = np.exp(arg[near]) * erfcx(b[near])
    return np.where(live, 0.5 * c0 * (first + second), 0.0)


def _erfc_banded(a):
    """erfc, evaluated only where it is neither 0 nor 2 to double precision: a plume occupies a few
    hours of a three-day grid, and erfc is the costliest step of the whole forecast."""
    a = np.asarray(a)
    out = np.where(a < 0, 2.0, 0.0)
    mid = np.abs(a) < ERFC_BAND
    out[mid] = erfc(a[mid])
    return out


def finite(x, t, c0, duration_s, u, E, k=0.0):
    """A constant release of ``duration_s`` seconds: step(t) − step(t − T)."""
    t = np.asarray(t, dtype=float)
    return step(x, t, c0, u, E, k) - step(x, t - duration_s, c0, u, E, k)


def steady(x, c0, u, E, k=0.0):
    """The steady state of a continuous release (t → ∞), mg/L."""
    x = np.asarray(x, dtype=float)
    return np.where(x >= 0, c0 * np.exp(u * x * (1 - gamma(u, E, k)) / (2 * E)), 0.0)
