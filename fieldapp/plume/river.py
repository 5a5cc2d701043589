"""The river below the release as reaches, and the "equivalent channel" the solutions run on.

A reach starts at a chainage (metres along the incident's river line from its upstream end) and
has its own flow Q, width B, depth h, velocity u and dispersion E. A tributary joining at a reach
start adds its inflow to Q: the mass flux is unchanged, so concentrations drop by Q_above/Q_below.

With several reaches there is no closed-form solution, so each distance x below the release is
mapped to one uniform channel that has the same travel time τ(x) = Σ Lᵢ/uᵢ and the same
travel-time variance σ²(x) = Σ 2EᵢLᵢ/uᵢ³ (Fischer et al. 1979, §5.1: variances of successive
reaches add), and the local flow Q(x):

    u_eff = x/τ,   E_eff = σ²·u_eff³/(2x),   A_eff = Q(x)/u_eff

For a single reach this is the reach itself (u_eff = u, E_eff = E, A_eff = A), so every
analytical property of ade.py holds exactly there; with several it conserves the mass flux
through each section (∫C·Q dt = M·decay) and keeps arrival and spread right.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .errors import PlumeError, non_negative, positive

# Field estimates are rough (a float gives surface speed, a tape gives width): Q = u·B·h may be
# off by this much before the three numbers are called contradictory.
CONSISTENCY_TOLERANCE = 0.30
MAX_VELOCITY = 8.0       # m/s: faster than any river in flood
MAX_DEPTH = 60.0         # m
MAX_WIDTH = 15_000.0     # m


@dataclass(frozen=True)
class Reach:
    start_m: float           # chainage of the reach's upstream end
    flow_m3_s: float
    width_m: float
    depth_m: float
    velocity_m_s: float
    inflow_m3_s: float = 0.0  # tributary inflow joining at start_m (already included in flow)

    @property
    def area_m2(self) -> float:
        return self.width_m * self.depth_m


def _opt(spec: dict, key: str, what: str, unit: str, label: str) -> float | None:
    v = spec.get(key)
    return None if v in (None, "") else positive(f"{label}{key}", v, what, unit)


def _hydraulics(spec: dict, prev: Reach | None, label: str) -> tuple[float, float, float, float]:
    """(Q, B, h, u) for one reach from what the user gave, inheriting width/depth from ``prev``."""
    q = _opt(spec, "flow_m3_s", "flow", "m³/s", label)
    b = _opt(spec, "width_m", "width", "m", label)
    h = _opt(spec, "depth_m", "depth", "m", label)
    u = _opt(spec, "velocity_m_s", "velocity", "m/s", label)
    inflow = non_negative(f"{label}inflow_m3_s", spec.get("inflow_m3_s"), "tributary inflow", "m³/s")
    if prev is not None:
        b = b or prev.width_m
        if h is None and u is None:
            h = prev.depth_m
        if q is None and (h is None or u is None):
            q = prev.flow_m3_s + inflow
    if b is None:
        raise PlumeError("missing", f"{label}width_m", "the river width is needed (metres, bank to bank)")
    given = [v is not None for v in (q, h, u)]
    if sum(given) < 2:
        raise PlumeError("missing", f"{label}flow_m3_s", "give two of flow (m³/s), depth (m) and velocity (m/s)")
    if q is None:
        q = u * b * h
    elif u is None:
        u = q / (b * h)
    elif h is None:
        h = q / (u * b)
    elif abs(u * b * h - q) > CONSISTENCY_TOLERANCE * q:
        raise PlumeError(
            "contradiction", f"{label}velocity_m_s",
            f"velocity {u:g} m/s × width {b:g} m × depth {h:g} m = {u * b * h:.3g} m³/s, but the flow is "
            f"{q:g} m³/s: they contradict each other (more than {CONSISTENCY_TOLERANCE:.0%} apart). Leave one "
            "of them out, or check it (a surface float moves about 1.2 times faster than the mean)",
            velocity=u, width=b, depth=h, flow=q, product=u * b * h)
    for value, limit, what, unit, key in ((u, MAX_VELOCITY, "velocity", "m/s", "velocity_m_s"),
                                          (h, MAX_DEPTH, "depth", "m", "depth_m"),
                                          (b, MAX_WIDTH, "width", "m", "width_m")):
        if value > limit:
            raise PlumeError("implausible", f"{label}{key}",
                             f"a mean {what} of {value:.3g} {unit} is not plausible for a river "
                             f"(at most {limit:g} {unit}); check the numbers and their units",
                             what=what, value=value, unit=unit, limit=limit)
    return q, b, h, u


def build_reaches(specs: list[dict]) -> list[Reach]:
    """Reaches from user input, upstream first. The first needs width and two of flow/depth/velocity;
    later ones inherit width and depth, and add ``inflow_m3_s`` to the flow unless it is given."""
    if not specs:
        raise PlumeError("missing", "reaches", "describe the river: at least its width and two of flow, "
                         "depth and velocity")
    out: list[Reach] = []
    for i, spec in enumerate(specs):
        label = "" if i == 0 else f"reach {i + 1} "
        start = non_negative(f"{label}start_m", spec.get("start_m"), "reach start", "m")
        if out and start <= out[-1].start_m:
            raise PlumeError("reach_order", f"{label}start_m",
                             f"reach {i + 1} starts at {start:g} m, not below reach {i} ({out[-1].start_m:g} m): "
                             "list reaches from upstream to downstream", index=i + 1)
        q, b, h, u = _hydraulics(spec, out[-1] if out else None, label)
        inflow = q - out[-1].flow_m3_s if out else 0.0
        out.append(Reach(start, q, b, h, u, max(inflow, 0.0)))
    return out


class Channel:
    """Reaches below a release point, with per-reach E, mapped to equivalent uniform channels."""

    def __init__(self, reaches: list[Reach], dispersion: list[float], release_chainage_m: float):
        if len(dispersion) != len(reaches):
            raise ValueError("one dispersion coefficient per reach")
        first = max(i for i, r in enumerate(reaches) if i == 0 or r.start_m <= release_chainage_m)
        below = reaches[first:]
        self.reaches = below
        self.dispersion = np.array(dispersion[first:], dtype=float)
        self.begin = np.array([0.0] + [r.start_m - release_chainage_m for r in below[1:]])
        self.length = np.append(np.diff(self.begin), np.inf)
        self.u = np.array([r.velocity_m_s for r in below])
        self.q = np.array([r.flow_m3_s for r in below])

    def equivalent(self, x):
        """(u_eff, E_eff, A_eff) at distances x (any shape) below the release."""
        x = np.asarray(x, dtype=float)
        flat = np.maximum(x.reshape(-1), 0.0)
        seg = np.clip(flat[:, None] - self.begin[None, :], 0.0, self.length[None, :])
        tau = seg @ (1.0 / self.u)
        var = seg @ (2.0 * self.dispersion / self.u ** 3)
        q = self.q[np.searchsorted(self.begin, flat, side="right") - 1]
        near = flat <= 1e-9
        safe_x = np.where(near, 1.0, flat)
        u_eff = np.where(near, self.u[0], safe_x / np.where(near, 1.0, tau))
        e_eff = np.where(near, self.dispersion[0], var * u_eff ** 3 / (2 * safe_x))
        shape = x.shape
        return u_eff.reshape(shape), e_eff.reshape(shape), (q / u_eff).reshape(shape)

    def flow_at(self, x):
        x = np.maximum(np.asarray(x, dtype=float), 0.0)
        return self.q[np.searchsorted(self.begin, x, side="right") - 1]

    def travel(self, x):
        """(travel time τ, its standard deviation σ) in seconds to distances x."""
        u, e, _a = self.equivalent(x)
        x = np.maximum(np.asarray(x, dtype=float), 0.0)
        return x / u, np.sqrt(2 * e * x / u ** 3)
