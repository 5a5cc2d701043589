"""The follow-up report carries the forecast section: table, charts and which data it rests on."""
from __future__ import annotations

import subprocess

from fieldapp.plume import records, service
from fieldapp.plume.report import forecast_data
from fieldapp.reports.builder import build_report
from fieldapp.reports.gather import gather


def _text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_followup_report_has_the_fitted_forecast_and_its_data(demo_store, tmp_path):
    store, inc = demo_store
    saved = records.load(store, inc["uuid"])
    before = forecast_data(store, inc)
    assert before["fit"] is None and before["band_source"] == "formulas"
    out = service.run(store, inc, saved["inputs"], fit=True)
    records.save(store, inc["uuid"], saved["inputs"], fit=out.fit, map_time=saved["map_time"])
    data = gather(store, inc)
    fc = data.forecast
    assert fc["fit"]["n"] == out.fit.n and fc["band_source"] == "fit"
    intake = next(r for r in fc["rows"] if r["code"] == "WI-01")
    assert intake["peak_mg_l"] == service.section_json(
        out.forecast, next(s for s in out.forecast.sections if s.section.code == "WI-01"))["peak_mg_l"]
    assert [s["name"] for s in fc["chart"]["time_series"]][-1] == "DN-16" and "WI-01" in \
        [s["name"] for s in fc["chart"]["time_series"]]
    text = _text(build_report(data, "followup", "zh").pdf, tmp_path)
    assert "污染团迁移预测" in text and f"已用 {out.fit.n} 个监测数据拟合" in text
    assert "所用数据" in text and "WI-01 ×18" in text and "县自来水厂取水口" in text
    en = _text(build_report(data, "followup", "en").pdf, tmp_path)
    assert "Plume forecast" in en and f"fitted to {out.fit.n} measurements" in en
    assert "nan" not in en.lower().split() and "inf" not in en.lower().split()
    assert "污染团迁移预测" not in _text(build_report(data, "initial", "zh").pdf, tmp_path)


def test_report_says_when_the_saved_inputs_no_longer_forecast(demo_store, tmp_path):
    store, inc = demo_store
    saved = records.load(store, inc["uuid"])
    bad = dict(saved["inputs"], release=dict(saved["inputs"]["release"], lon=108.0, lat=24.9))
    records.save(store, inc["uuid"], bad)
    data = gather(store, inc)
    assert "not on the river" in data.forecast["error"]
    text = _text(build_report(data, "followup", "en").pdf, tmp_path)
    assert "No forecast possible" in text
