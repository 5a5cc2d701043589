"""The scenario's plume: concentration (mg/L) at a chainage and a time since the release began.

THE ONE SWITCH POINT: everything in a drill (the simulated instruments, the scorecard's checks,
the tests) asks ``concentration``; when fieldapp.plume lands, this function calls it instead.

Model (1-D advection-dispersion with first-order loss; Fischer et al. 1979): a release of mass M
over T hours is the superposition of equal instantaneous slugs,
C(x,t) = Σ (M/n) / (A·√(4πE(t−tᵢ))) · exp(−(x − u(t−tᵢ))² / (4E(t−tᵢ))) · exp(−k(t−tᵢ)),
plus the background. x is the distance below the source along the river.
"""
from __future__ import annotations

import math

SLUGS = 48


def _slug(mass_g: float, x_m: float, t_s: float, u: float, e: float, area: float, k: float) -> float:
    if t_s <= 0:
        return 0.0
    spread = 4 * e * t_s
    return mass_g / (area * math.sqrt(math.pi * spread)) * math.exp(-((x_m - u * t_s) ** 2) / spread) \
        * math.exp(-k * t_s)


def concentration(scenario, chainage_m: float | None, t_s: float) -> float:
    """mg/L of the release's parameter at ``chainage_m`` (along the scenario's river) ``t_s``
    seconds after the release began; the background where the plume is not (or off the river)."""
    rel, flow = scenario["release"], scenario["flow"]
    background = float(rel.get("background_mg_l") or 0.0)
    if chainage_m is None:
        return background
    x = chainage_m - float(scenario["source_chainage_m"])
    if x < 0:                     # above the source: what the upstream control should show
        return background
    mass = float(rel["mass_kg"]) * 1000.0
    duration = float(rel["hours"]) * 3600.0
    u, e = float(flow["velocity_m_s"]), float(flow["dispersion_m2_s"])
    area, k = float(flow["area_m2"]), float(flow.get("decay_per_s") or 0.0)
    dt = duration / SLUGS
    total = sum(_slug(mass / SLUGS, x, t_s - (i + 0.5) * dt, u, e, area, k) for i in range(SLUGS))
    return background + total
