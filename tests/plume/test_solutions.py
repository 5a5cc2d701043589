"""The transport solutions against their analytical properties and the dossier's worked examples."""
from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate

from fieldapp.plume import ade, dispersion
from fieldapp.plume.errors import PlumeError
from fieldapp.plume.forecast import forecast
from fieldapp.plume.river import Channel, build_reaches
from fieldapp.plume.scenario import Model, Release, Scenario, Section


def scenario(kind="instantaneous", reaches=None, sections=(10_000,), **release):
    rel = dict(mass_g=1e6) if kind == "instantaneous" else dict(load_g_s=10.0)
    rel.update(release)
    return Scenario("cadmium", "Cd", Release(kind, "2026-01-01T00:00:00.000Z", 0.0, **rel),
                    reaches or [dict(width_m=50, depth_m=2, velocity_m_s=0.5)], method="given",
                    dispersion_m2_s=45.0,
                    sections=[Section(f"S{i}", f"s{i}", "section", x, 0.005) for i, x in enumerate(sections)])


@pytest.mark.parametrize("t_h,k", [(1, 0.0), (5, 0.0), (5, 2e-5), (30, 1e-5)])
def test_instantaneous_mass_is_conserved_times_the_decay_factor(t_h, k):
    mass, area, u, e, t = 1e6, 100.0, 0.5, 45.0, t_h * 3600.0
    sigma = math.sqrt(2 * e * t)
    total, _err = integrate.quad(lambda x: float(ade.instantaneous(x, t, mass, area, u, e, k)) * area,
                                 u * t - 12 * sigma, u * t + 12 * sigma, limit=200)
    assert total == pytest.approx(mass * math.exp(-k * t), rel=1e-7)


def test_finite_release_is_the_continuous_one_until_it_stops_then_their_difference():
    x = np.array([500.0, 5_000.0, 20_000.0])[:, None]
    t = np.linspace(0, 40 * 3600, 400)[None, :]
    c0, dur, u, e, k = 0.02, 8 * 3600.0, 0.45, 40.0, 1e-5
    fin = ade.finite(x, t, c0, dur, u, e, k)
    cont = ade.step(x, t, c0, u, e, k)
    before = t[0] <= dur
    assert np.array_equal(fin[:, before], cont[:, before])
    later = ade.step(x, t - dur, c0, u, e, k)
    assert np.allclose(fin, cont - later, atol=0)
    assert (fin >= -1e-15).all() and (fin <= c0 + 1e-12).all()


def test_finite_release_passes_its_whole_load_through_every_section():
    # Laplace transform of the step solution: without decay ∫C dt = C0·T at any x
    c0, dur, u, e = 0.02, 8 * 3600.0, 0.45, 40.0
    for x in (300.0, 12_000.0):
        total, _ = integrate.quad(lambda t, x=x: float(ade.finite(x, t, c0, dur, u, e)), 0, 200 * 3600, limit=400,
                                  points=[x / u, x / u + dur])
        assert total == pytest.approx(c0 * dur, rel=1e-5)


def test_many_short_slugs_add_up_to_the_finite_release_far_from_the_source():
    # superposition the other way: a load W over T is the sum of slugs W·dτ (a point source). That
    # differs from the boundary-concentration solution only by the point source's lag of 2E/u²
    # in mean travel time: same peak, same shape once shifted by it
    x, u, e, area, w, dur = 20_000.0, 0.45, 40.0, 80.0, 0.6, 8 * 3600.0
    taus = (np.arange(400) + 0.5) * dur / 400
    t = np.linspace(1, 40 * 3600, 3000)
    slugs = sum(ade.instantaneous(x, t - tau, w * dur / 400, area, u, e) for tau in taus)
    fin = ade.finite(x, t - 2 * e / u ** 2, w / (area * u), dur, u, e)
    assert slugs.max() == pytest.approx(fin.max(), rel=1e-3)
    assert np.max(np.abs(slugs - fin)) < 0.005 * fin.max()


def test_step_solution_satisfies_the_equation_and_tends_to_steady_state():
    u, e, k, c0 = 0.5, 30.0, 2e-5, 1.0
    x, t, hx, ht = 4_000.0, 3 * 3600.0, 2.0, 2.0
    c = lambda xx, tt: float(ade.step(xx, tt, c0, u, e, k))  # noqa: E731
    dcdt = (c(x, t + ht) - c(x, t - ht)) / (2 * ht)
    dcdx = (c(x + hx, t) - c(x - hx, t)) / (2 * hx)
    d2 = (c(x + hx, t) - 2 * c(x, t) + c(x - hx, t)) / hx ** 2
    assert abs(dcdt + u * dcdx - e * d2 + k * c(x, t)) < 1e-4 * abs(dcdt) + 1e-12
    assert c(x, 400 * 3600.0) == pytest.approx(float(ade.steady(x, c0, u, e, k)), rel=1e-9)
    # O'Connor number small: pure advection, C = C0·exp(-kx/u)
    assert float(ade.steady(x, c0, u, e, k)) == pytest.approx(math.exp(-k * x / u), rel=1e-3)


def test_dossier_slug_example_peak_time_concentration_spread():
    # dossier §5.2: u 0.5 m/s, A 100 m², M 1000 kg, E 45 m²/s, x 10 km
    fc = forecast(scenario())
    s = fc.sections[0]
    assert 5.4 <= s.values["peak_time"] / 3600 <= 5.6        # t_p ≈ x/u = 5.6 h, slightly earlier
    assert s.values["peak_mg_l"] == pytest.approx(3.0, abs=0.03)
    sigma_x = math.sqrt(2 * 45 * 10_000 / 0.5)
    assert sigma_x == pytest.approx(1_340, abs=5)
    row = fc.conc[0]
    wide = fc.times_s[row >= row.max() * math.exp(-2)]        # ± 2σ: "passage ≈ 4σ/u ≈ 3 h"
    assert (wide.max() - wide.min()) / 3600 == pytest.approx(3.0, abs=0.15)


def test_dossier_fischer_example():
    us, assumed = dispersion.shear_velocity(2.0, 0.5, 3e-4)
    assert not assumed and us == pytest.approx(0.077, abs=5e-4)
    assert dispersion.coefficient("fischer", 0.5, 50, 2, us) == pytest.approx(45, abs=0.5)
    values = dispersion.by_method(0.5, 50, 2, us)
    lo, hi = dispersion.band(values)
    assert lo == values["fischer"] and hi == values["seo_cheong"] and lo < values["deng"] < hi
    assert values["elder"] < lo / 10          # listed, but far below natural rivers: not in the band


def test_two_identical_reaches_are_one_reach():
    one = Model(scenario())
    two = Model(scenario(reaches=[dict(width_m=50, depth_m=2, velocity_m_s=0.5),
                                  dict(start_m=4_000, width_m=50, depth_m=2, velocity_m_s=0.5)]))
    x, t = np.array([2_000.0, 9_000.0])[:, None], np.linspace(0, 12 * 3600, 50)[None, :]
    assert np.allclose(one.concentration(x, t), two.concentration(x, t), rtol=1e-12, atol=0)


def test_tributary_dilutes_by_the_flow_ratio_and_keeps_the_mass_flux():
    reaches = [dict(width_m=40, depth_m=2, velocity_m_s=0.45), dict(start_m=5_000, inflow_m3_s=12.0)]
    cont = Model(scenario("continuous", reaches=reaches, load_g_s=3.6))
    q1, q2 = 36.0, 48.0
    assert float(cont.steady(np.array(3_000.0))) == pytest.approx(3.6 / q1, rel=1e-9)
    assert float(cont.steady(np.array(9_000.0))) == pytest.approx(3.6 / q2, rel=1e-9)
    slug = Model(scenario(reaches=reaches, mass_g=5e5))
    flux, _ = integrate.quad(lambda t: float(slug.concentration(15_000.0, t)) * q2, 0, 80 * 3600, limit=400,
                             points=[15_000 / 0.5])
    assert flux == pytest.approx(5e5, rel=1e-6)


def test_channel_travel_time_adds_reach_by_reach():
    reaches = build_reaches([dict(width_m=40, depth_m=2, velocity_m_s=0.5),
                             dict(start_m=6_000, velocity_m_s=0.25, depth_m=2)])
    ch = Channel(reaches, [40.0, 20.0], release_chainage_m=1_000.0)
    tau, sigma = ch.travel(np.array([3_000.0, 9_000.0]))
    assert tau[0] == pytest.approx(3_000 / 0.5)
    assert tau[1] == pytest.approx(5_000 / 0.5 + 4_000 / 0.25)
    assert sigma[1] ** 2 == pytest.approx(2 * 40 * 5_000 / 0.5 ** 3 + 2 * 20 * 4_000 / 0.25 ** 3)


@settings(max_examples=60, deadline=None)
@given(u=st.floats(0.01, 5), e=st.floats(0.05, 3_000), k=st.floats(0, 1e-3), x=st.floats(0, 2e5),
       t=st.floats(-3600, 60 * 86_400))
def test_no_nan_or_infinity_anywhere(u, e, k, x, t):
    for c in (ade.instantaneous(x, t, 1e6, 50.0, u, e, k), ade.step(x, t, 1.0, u, e, k),
              ade.finite(x, t, 1.0, 3600.0, u, e, k), ade.steady(x, 1.0, u, e, k)):
        assert np.isfinite(c) and c >= -1e-12


@pytest.mark.parametrize("reach,code,field", [
    (dict(width_m=0, depth_m=2, velocity_m_s=0.5), "not_positive", "width_m"),
    (dict(width_m=40, depth_m=-2, velocity_m_s=0.5), "not_positive", "depth_m"),
    (dict(width_m=40, depth_m=2, flow_m3_s=0), "not_positive", "flow_m3_s"),
    (dict(width_m=40, depth_m=2, velocity_m_s=0.5, flow_m3_s=100), "contradiction", "velocity_m_s"),
    (dict(width_m=40, velocity_m_s=0.5), "missing", "flow_m3_s"),
    (dict(width_m=40, depth_m=2, velocity_m_s=45), "implausible", "velocity_m_s"),
    (dict(width_m=40, depth_m=2, velocity_m_s="fast"), "not_a_number", "velocity_m_s"),
])
def test_bad_river_input_is_refused_with_a_plain_message(reach, code, field):
    with pytest.raises(PlumeError) as err:
        Model(scenario(reaches=[reach]))
    assert err.value.code == code and err.value.field == field
    assert "nan" not in str(err.value).lower() and len(str(err.value)) < 400


def test_consistent_flow_velocity_and_depth_are_accepted():
    r = build_reaches([dict(width_m=40, depth_m=2, velocity_m_s=0.45, flow_m3_s=38)])[0]
    assert r.flow_m3_s == 38 and r.velocity_m_s == 0.45


def test_no_downstream_intake_is_said_and_continuous_release_reports_its_steady_level():
    fc = forecast(scenario("continuous", sections=(3_000, 12_000)))
    assert [c for c, _m in fc.warnings] == ["no_intake"]
    s = fc.sections[-1]
    assert s.values["peak_time"] is None and s.steady_mg_l == pytest.approx(10.0 / 50.0, rel=1e-6)
    assert s.exceeds and s.values["exceed_end"] is None and s.ends_after_horizon


def test_every_section_upstream_is_an_error_not_an_empty_table():
    sc = scenario(sections=(5_000,))
    sc.release.chainage_m = 8_000
    sc.reaches[0]["start_m"] = 0
    with pytest.raises(PlumeError) as err:
        forecast(sc)
    assert err.value.code == "no_downstream"
