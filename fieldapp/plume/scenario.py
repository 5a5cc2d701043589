"""What a forecast is made from (a Scenario) and the model it turns into (a Model).

A Scenario holds the user's inputs as entered (units as on the form are converted here, once):
the release (kind, time, mass or load, duration, where on the river), the reaches, the decay
rate, the dispersion choice (a formula or a given E), the sections to forecast and, after a fit,
the fitted multipliers of E, velocity and source strength.

A Model is the scenario made numeric: one Channel per dispersion choice (central, and the low and
high ends of the formula spread) and one ``concentration(x, t)`` that every output uses.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace

import numpy as np

from . import ade, dispersion
from .errors import PlumeError, non_negative, positive
from .river import Channel, Reach, build_reaches

RELEASE_KINDS = ("instantaneous", "continuous", "finite")
MAX_DECAY_PER_DAY = 50.0     # a half-life under 20 minutes is not a river-transport question


@dataclass
class Release:
    kind: str                       # one of RELEASE_KINDS
    start: str                      # ISO UTC, when the release began
    chainage_m: float = 0.0         # where, along the river line
    mass_g: float | None = None     # instantaneous; finite when given as a total
    load_g_s: float | None = None   # continuous; finite when given as a rate
    duration_s: float | None = None  # finite

    def check(self) -> None:
        if self.kind not in RELEASE_KINDS:
            raise PlumeError("release_kind", "release", f"release kind {self.kind!r} is not one of "
                             f"{', '.join(RELEASE_KINDS)}", kind=self.kind)
        if self.kind == "finite":
            positive("duration_s", self.duration_s, "release duration", "s")
        if self.kind == "instantaneous" or (self.kind == "finite" and self.load_g_s in (None, "")):
            positive("mass_g", self.mass_g, "released mass", "g")
        else:
            positive("load_g_s", self.load_g_s, "release rate", "g/s")

    @property
    def strength(self) -> float:
        """Mass M (g) for a slug, load W (g/s) otherwise (a finite total mass is spread over T)."""
        if self.kind == "instantaneous":
            return float(self.mass_g)
        if self.load_g_s not in (None, ""):
            return float(self.load_g_s)
        return float(self.mass_g) / float(self.duration_s)

    @property
    def total_g(self) -> float | None:
        if self.kind == "instantaneous":
            return float(self.mass_g)
        if self.kind == "finite":
            return self.strength * float(self.duration_s)
        return None


@dataclass
class Section:
    code: str
    name: str
    kind: str                      # 'section' | 'intake'
    chainage_m: float              # along the river line
    limit_mg_l: float | None = None
    standard: str = ""
    point_uuid: str | None = None
    offset_m: float = 0.0          # how far the point lies from the line it was snapped to


@dataclass
class Scenario:
    parameter_id: str
    parameter: str
    release: Release
    reaches: list[dict]
    decay_per_s: float = 0.0
    method: str = dispersion.DEFAULT_METHOD     # a key of dispersion.FORMULAS, or "given"
    dispersion_m2_s: float | None = None
    slope: float | None = None
    sections: list[Section] = field(default_factory=list)
    factors: dict | None = None                 # after a fit: multipliers of E, u and strength
    river_uuid: str | None = None
    river_name: str = ""

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> Scenario:
        d = dict(d)
        d["release"] = Release(**d["release"])
        d["sections"] = [Section(**s) for s in d.get("sections") or []]
        return cls(**d)

    def with_factors(self, factors: dict | None) -> Scenario:
        return replace(self, factors=dict(factors) if factors else None)


def decay_from_per_day(value) -> float:
    """k in 1/s from a rate per day (the unit field teams use; 0 or empty = conservative)."""
    k = non_negative("decay_per_day", value, "decay rate", "1/d")
    if k > MAX_DECAY_PER_DAY:
        raise PlumeError("implausible", "decay_per_day", f"a decay rate of {k:g} per day is too fast for a "
                         f"transport forecast (at most {MAX_DECAY_PER_DAY:g}/d)", what="decay", value=k,
                         unit="1/d", limit=MAX_DECAY_PER_DAY)
    return k / 86_400.0


@dataclass
class ReachDispersion:
    value: float                 # E used (m²/s)
    by_method: dict              # E by every formula
    low: float                   # band over the presets
    high: float
    shear_assumed: bool          # no slope given: u* = 0.1 U


def reach_dispersion(reaches: list[Reach], method: str, given: float | None,
                     slope: float | None) -> list[ReachDispersion]:
    if method != "given" and method not in dispersion.FORMULAS:
        dispersion.coefficient(method, 1, 1, 1, 1)          # raises the unknown-method error
    if slope not in (None, ""):
        slope = positive("slope", slope, "bed slope", "m/m")
        if slope > 0.1:
            raise PlumeError("implausible", "slope", f"a bed slope of {slope:g} m/m is a waterfall, not a river; "
                             "give it as a fraction (3‰ = 0.003)", what="slope", value=slope, unit="", limit=0.1)
    e_given = positive("dispersion_m2_s", given, "dispersion coefficient", "m²/s") if method == "given" else None
    out = []
    for r in reaches:
        us, assumed = dispersion.shear_velocity(r.depth_m, r.velocity_m_s, slope or None)
        values = dispersion.by_method(r.velocity_m_s, r.width_m, r.depth_m, us)
        lo, hi = dispersion.band(values)
        out.append(ReachDispersion(e_given if e_given is not None else values[method], values, lo, hi, assumed))
    return out


class Model:
    """A scenario made numeric. ``concentration(x, t, which)`` is the one formula every output uses;
    ``which`` is 'central', 'low' or 'high' (the ends of the dispersion-formula spread)."""

    def __init__(self, sc: Scenario):
        sc.release.check()
        self.scenario = sc
        self.kind = sc.release.kind
        self.duration_s = float(sc.release.duration_s or 0.0)
        self.k = float(sc.decay_per_s or 0.0)
        f = sc.factors or {}
        self.factors = {"E": float(f.get("E", 1.0)), "u": float(f.get("u", 1.0)), "S": float(f.get("S", 1.0))}
        base = build_reaches(sc.reaches)
        self.dispersion = reach_dispersion(base, sc.method, sc.dispersion_m2_s, sc.slope)
        fu, fe = self.factors["u"], self.factors["E"]
        # a faster river with the same cross-section carries more water: Q scales with u
        self.reaches = [replace(r, velocity_m_s=r.velocity_m_s * fu, flow_m3_s=r.flow_m3_s * fu) for r in base]
        if sc.release.chainage_m < self.reaches[0].start_m:
            raise PlumeError("release_outside", "release", "the release point lies above the first reach; "
                             "start the first reach at or above it")
        self.strength = sc.release.strength * self.factors["S"]
        self.channels = {
            "central": Channel(self.reaches, [d.value * fe for d in self.dispersion], sc.release.chainage_m),
            "low": Channel(self.reaches, [d.low * fe for d in self.dispersion], sc.release.chainage_m),
            "high": Channel(self.reaches, [d.high * fe for d in self.dispersion], sc.release.chainage_m),
        }

    def concentration(self, x, t, which: str = "central", strength: float | None = None):
        """mg/L at distances x (m below the release) and times t (s since it began), broadcast."""
        s = self.strength if strength is None else strength
        ch = self.channels[which]
        u, e, a = ch.equivalent(x)
        if self.kind == "instantaneous":
            return ade.instantaneous(x, t, s, a, u, e, self.k)
        c0 = s / (a * u)                     # W/Q at that section: tributaries dilute
        if self.kind == "continuous":
            return ade.step(x, t, c0, u, e, self.k)
        return ade.finite(x, t, c0, self.duration_s, u, e, self.k)

    def steady(self, x, which: str = "central"):
        """Steady concentration of a continuous release (mg/L); None for other kinds."""
        if self.kind != "continuous":
            return None
        u, e, a = self.channels[which].equivalent(x)
        return ade.steady(x, self.strength / (a * u), u, e, self.k)

    def travel(self, x, which: str = "central"):
        return self.channels[which].travel(x)

    def peak_estimate(self, x) -> np.ndarray:
        """Upper bound of the peak (mg/L) from the closed forms, used to size charts."""
        u, e, a = self.channels["central"].equivalent(x)
        x = np.maximum(np.asarray(x, dtype=float), 1.0)
        if self.kind == "instantaneous":
            return self.strength / (a * np.sqrt(4 * np.pi * e * x / u))
        return self.strength / (a * u)
