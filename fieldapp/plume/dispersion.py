"""Longitudinal dispersion coefficient E (m²/s) from the published empirical formulas.

Symbols: U mean velocity (m/s), B width (m), h mean depth (m), u* shear velocity (m/s),
S bed slope (-), g = 9.81 m/s². u* = √(g·h·S) when the slope is known.

Sources (original papers; the implementations were checked against the MASCARET-TRACER code,
EDF-CEREMA, subroutine CALK):
  Elder 1959, J. Fluid Mech. 5:544-560
  Fischer 1975, J. Environ. Eng. Div. ASCE 101(EE3):453-455 (accurate to within about a factor of 4)
  Liu 1977, J. Environ. Eng. Div. ASCE 103(EE1):59-69
  Iwasa & Aya 1991, Proc. Int. Symp. Environ. Hydraul., Hong Kong
  Magazine, Pathak & Pande 1988, J. Hydraul. Res. 26(3)
  Koussis & Rodríguez-Mirasol 1998, J. Hydraul. Eng. 124(3):317-320
  Seo & Cheong 1998, J. Hydraul. Eng. 124(1):25-32
  Deng, Singh & Bengtsson 2001, J. Hydraul. Eng. 127(11):919-927
  Kashefipour & Falconer 2002, Water Res. 36(6):1596-1608

The forecast uses one of PRESETS (default Seo & Cheong, a regression on 59 rivers) and shows the
spread across all PRESETS as its uncertainty band: the formulas disagree by a factor of several on
the same river, and that disagreement is the honest uncertainty before any measurement arrives.
Elder's formula is listed for reference only: it ignores the transverse shear that dominates
dispersion in natural rivers and underestimates E by one to two orders of magnitude.
"""
from __future__ import annotations

import math

G = 9.81
DEFAULT_METHOD = "seo_cheong"
# Without a slope, u*/U is taken as 0.1 (the middle of the 0.05-0.2 range of natural rivers,
# Fischer et al. 1979, "Mixing in Inland and Coastal Waters", ch. 5); every result says so.
ASSUMED_SHEAR_RATIO = 0.1


def _elder(U, B, h, us):
    return 5.93 * h * us


def _fischer(U, B, h, us):
    return 0.011 * U ** 2 * B ** 2 / (h * us)


def _liu(U, B, h, us):
    return 0.18 * h * us * (B / h) ** 2 * (U / us) ** 0.5


def _iwasa_aya(U, B, h, us):
    return 2.0 * h * us * (B / h) ** 1.5


def _magazine(U, B, h, us):
    return 75.86 * h * U * (us / (0.4 * U)) ** 1.632


def _koussis(U, B, h, us):
    return 0.6 * h * us * (B / h) ** 2


def _seo_cheong(U, B, h, us):
    return 5.915 * h * us * (B / h) ** 0.620 * (U / us) ** 1.428


def _deng(U, B, h, us):
    eps_t0 = 0.145 + (1 / 3520) * (U / us) * (B / h) ** 1.38
    return 0.15 / (8 * eps_t0) * (U / us) ** 2 * (B / h) ** (5 / 3) * h * us


def _kashefipour_falconer(U, B, h, us):
    if B / h > 50:
        return 10.612 * h * U * (U / us)
    return (7.428 + 1.775 * (B / h) ** 0.620 * (us / U) ** 0.572) * h * U * (U / us)


# key -> (display name, function); PRESETS are the ones a user picks from and the band spans.
FORMULAS = {
    "fischer": ("Fischer (1975)", _fischer),
    "seo_cheong": ("Seo & Cheong (1998)", _seo_cheong),
    "kashefipour_falconer": ("Kashefipour & Falconer (2002)", _kashefipour_falconer),
    "deng": ("Deng et al. (2001)", _deng),
    "liu": ("Liu (1977)", _liu),
    "iwasa_aya": ("Iwasa & Aya (1991)", _iwasa_aya),
    "magazine": ("Magazine et al. (1988)", _magazine),
    "koussis": ("Koussis & Rodríguez-Mirasol (1998)", _koussis),
    "elder": ("Elder (1959), reference only", _elder),
}
PRESETS = ("fischer", "seo_cheong", "kashefipour_falconer", "deng")


def shear_velocity(depth_m: float, velocity_m_s: float, slope: float | None) -> tuple[float, bool]:
    """(u*, assumed): √(g·h·S) from the slope, else ASSUMED_SHEAR_RATIO × U (assumed=True)."""
    if slope:
        return math.sqrt(G * depth_m * slope), False
    return ASSUMED_SHEAR_RATIO * velocity_m_s, True


def coefficient(method: str, velocity_m_s: float, width_m: float, depth_m: float,
                shear_m_s: float) -> float:
    """E (m²/s) by one formula; ``method`` is a key of FORMULAS."""
    if method not in FORMULAS:
        from .errors import PlumeError

        raise PlumeError("unknown_method", "method",
                         f"unknown dispersion formula {method!r}; choose one of {', '.join(FORMULAS)}",
                         method=method)
    return float(FORMULAS[method][1](velocity_m_s, width_m, depth_m, shear_m_s))


def by_method(velocity_m_s: float, width_m: float, depth_m: float, shear_m_s: float) -> dict[str, float]:
    """E by every formula, in FORMULAS order."""
    return {k: coefficient(k, velocity_m_s, width_m, depth_m, shear_m_s) for k in FORMULAS}


def band(values: dict[str, float]) -> tuple[float, float]:
    """(lowest, highest) E across the PRESETS: the uncertainty band before measurements."""
    vs = [values[k] for k in PRESETS]
    return min(vs), max(vs)
