"""The forecast on a real store: the demo's plume, sections snapped to its river, the saved scenario,
`fieldapp plume ... --json`, and bad input as one plain line on stderr (exit 2)."""
from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from fieldapp.plume import records, service
from fieldapp.plume.incident import observations


def run(db, *args, ok=True):
    res = subprocess.run([sys.executable, "-m", "fieldapp", "--store", str(db), *args], capture_output=True,
                         text=True, env={"PATH": "/usr/bin:/bin", "HOME": str(db.parent / "home")})
    if ok:
        assert res.returncode == 0, res.stderr
    return res


def test_demo_forecast_fitted_to_its_data_agrees_with_the_data(demo_store):
    store, inc = demo_store
    saved = records.load(store, inc["uuid"])
    assert saved["inputs"]["parameter"] == "Cd" and saved["fit"] is None
    out = service.run(store, inc, saved["inputs"], fit=True)
    assert out.fit_error is None and out.fit.n == len(out.observations) > 250
    # the demo data were made by the model with u = 0.45 m/s and 18 kg over 8 h: the fit finds them
    assert out.fit.value_ci["velocity_m_s"][0] - 0.01 <= 0.45 <= out.fit.value_ci["velocity_m_s"][1] + 0.01
    assert out.fit.values["strength"] * 8 * 3600 == pytest.approx(18_000, rel=0.1)
    model = out.forecast.model
    obs = [o for o in out.observations if o.c_mg_l > 0.005]
    pred = model.concentration(np.array([o.distance_m for o in obs]), np.array([o.t_s for o in obs]))
    rel = np.abs(pred + out.background_mg_l - np.array([o.c_mg_l for o in obs])) / np.array([o.c_mg_l for o in obs])
    assert np.median(rel) < 0.1, np.median(rel)
    intake = next(s for s in out.forecast.sections if s.section.code == "WI-01")
    assert intake.section.kind == "intake" and intake.section.standard == "GB3838-source-II"
    assert intake.exceeds and intake.values["exceed_start"] < intake.values["exceed_end"]
    measured = max(o.c_mg_l for o in out.observations if o.code == "WI-01")
    assert intake.values["peak_mg_l"] == pytest.approx(measured, rel=0.25)


def test_sections_are_the_points_and_the_intake_site_once(demo_store):
    store, inc = demo_store
    out = service.run(store, inc, records.load(store, inc["uuid"])["inputs"])
    codes = [s.section.code for s in out.forecast.sections]
    assert codes[0] == "UP-01" and out.forecast.sections[0].position == "upstream"
    assert codes.count("WI-01") == 1 and "" not in codes      # the map's intake site is the WI-01 point
    ch = [s.section.chainage_m for s in out.forecast.sections]
    assert ch == sorted(ch) and all(s.section.offset_m < 100 for s in out.forecast.sections)


def test_observations_use_sampling_time_and_every_spelling(demo_store):
    store, inc = demo_store
    pt = next(p for p in store.list_points(inc["uuid"]) if p["code"] == "DN-05")
    store.add_measurement(pt["uuid"], "镉", "12", "µg/L", measured_at="2026-01-01 00:00")   # before the release
    bound = service.bind(store, inc, records.load(store, inc["uuid"])["inputs"])
    obs, bg, left = observations(store, inc, bound)
    assert left["before_release"] == 1 and bg == pytest.approx(0.0004, rel=0.2)
    sample_times = {s["collected_at"] for s in store.list_samples(pt["uuid"])}
    assert {o.measured_at for o in obs if o.code == "DN-05"} <= sample_times


def test_scenario_is_a_synced_record_and_a_new_input_drops_the_old_fit(demo_store):
    from fieldapp.sync.schema import synced_tables

    store, inc = demo_store
    assert "plume_scenarios" in synced_tables(store.conn)
    saved = records.load(store, inc["uuid"])
    out = service.run(store, inc, saved["inputs"], fit=True)
    row = records.save(store, inc["uuid"], saved["inputs"], fit=out.fit, map_time=saved["map_time"])
    assert row["fit"].n == out.fit.n and row["version"] == 2
    changed = dict(saved["inputs"], decay_per_day=0.5)
    row = records.save(store, inc["uuid"], changed, map_time=saved["map_time"])
    assert row["fit"] is None and row["version"] == 3


def test_cli_json_has_the_documented_fields(tmp_path):
    db = tmp_path / "p.sqlite"
    run(db, "--create", "demo")
    j = json.loads(run(db, "plume", "forecast", "--fit", "--save", "--json").stdout)
    assert j["band_source"] == "fit" and j["fit"]["n"] > 250
    sec = [s for s in j["sections"] if s["position"] == "downstream"]
    assert len(sec) == 17
    for s in sec:
        assert {"chainage_m", "arrival", "peak_time", "peak_mg_l", "exceed_start", "exceed_end"} <= set(s)
        assert s["arrival"] < s["peak_time"] and s["peak_mg_l"] > 0
    text = run(db, "plume", "forecast").stdout       # the saved fit is reused
    assert "fitted to" in text and "WI-01" in text
    j2 = json.loads(run(db, "plume", "forecast", "--json", "--velocity", "0.6").stdout)
    assert j2["fit"] is None and j2["band_source"] == "formulas"
    front = json.loads(run(db, "plume", "front", "--at", j["sections"][8]["peak_time"]).stdout)
    assert front["peak_mg_l"] > 0.005 and front["front_chainage_m"] > 14_000


@pytest.mark.parametrize("args,words", [
    (["--width", "0"], "width must be greater than zero"),
    (["--depth", "-1"], "depth must be greater than zero"),
    (["--flow", "500"], "contradict"),
    (["--lat", "24.80", "--lon", "108.30"], "not on the river"),
    (["--parameter", "unobtainium"], "unknown parameter"),
    (["--reach", "5.5:speed=3"], "--reach"),
])
def test_cli_bad_input_is_one_line_exit_2(tmp_path, args, words):
    db = tmp_path / "p.sqlite"
    run(db, "--create", "demo")
    res = run(db, "plume", "forecast", *args, ok=False)
    assert res.returncode == 2 and words in res.stderr, res.stderr
    assert res.stderr.count("\n") == 1 and "Traceback" not in res.stderr
    assert "nan" not in res.stdout.lower() and "inf" not in res.stdout.lower()


def test_no_intake_downstream_and_no_river(store, tmp_path):
    from fieldapp.maps.layer_import import write_layer

    inc = store.create_incident("无取水口", "2026-01-01 08:00")
    store.add_point(inc["uuid"], 24.70, 108.30, role="source")
    inputs = {"parameter": "Cd", "release": {"kind": "instantaneous", "start": "2026-01-01T00:00:00.000Z",
                                              "mass_g": 1000}, "reaches": [{"width_m": 20, "depth_m": 1,
                                                                            "velocity_m_s": 0.3}]}
    with pytest.raises(service.PlumeError) as err:
        service.run(store, inc, inputs)
    assert err.value.code == "no_river"
    write_layer(store, "河", "river", [{"name": "河", "coords": [(108.30, 24.70), (108.40, 24.65)]}], [],
                incident_uuid=inc["uuid"])
    store.add_point(inc["uuid"], 24.68, 108.34, role="downstream")
    out = service.run(store, inc, inputs)
    assert [c for c, _ in out.forecast.warnings] == ["no_intake"]
    assert "no drinking-water intake" in service.to_json(out)["warnings"][0]
