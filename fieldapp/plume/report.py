"""The forecast section of a follow-up report, as plain data (no reportlab: the report draws it).

It is the saved scenario's forecast: with its saved fit when there is one (and then the list of
measurements that fit used, so the report says what the forecast rests on), else from the inputs
alone, said as such. Times are ISO (the report formats them); concentrations mg/L.
"""
from __future__ import annotations

from . import records
from .errors import PlumeError
from .forecast import Forecast, profile
from .service import run, section_json

CHART_SECTIONS = 4           # intakes first, then the farthest sections


def _chart(fc: Forecast) -> dict:
    """Concentration-time at the intakes and a few sections, and concentration-distance at the time
    the first intake peaks (hours since the release; km below it)."""
    down = [(i, s) for i, s in enumerate(s for s in fc.sections if s.position == "downstream")]
    pick = [p for p in down if p[1].section.kind == "intake"][:2]
    pick += [p for p in down[::-1] if p not in pick][: CHART_SECTIONS - len(pick)]
    step = max(1, fc.times_s.size // 300)
    series = [{"name": s.section.code or s.section.name,
               "points": [(float(t) / 3600, float(c)) for t, c in zip(fc.times_s[::step], fc.conc[i][::step])]}
              for i, s in sorted(pick, key=lambda p: p[1].distance_m)]
    t_peak = next((s.values["peak_time"] for _i, s in pick if s.values["peak_time"]), fc.horizon_s / 2)
    x, c = profile(fc, t_peak, n=200)
    return {"time_series": series, "profile_hours": t_peak / 3600,
            "profile": [(float(a) / 1000, float(b)) for a, b in zip(x, c)]}


def forecast_data(store, incident: dict) -> dict | None:
    """None when no forecast was saved for the incident; otherwise what the section shows (with
    ``error`` set, and nothing else, when the saved inputs no longer give a forecast)."""
    saved = records.load(store, incident["uuid"])
    if saved is None:
        return None
    try:
        out = run(store, incident, saved["inputs"], saved_fit=saved["fit"])
    except PlumeError as exc:
        return {"error": str(exc), "parameter": saved["parameter"]}
    fc = out.forecast
    rel = fc.scenario.release
    fit = saved["fit"]
    return {
        "parameter": fc.scenario.parameter, "river": fc.scenario.river_name,
        "release": {"kind": rel.kind, "start": rel.start, "mass_g": rel.total_g,
                    "load_g_s": None if rel.kind == "instantaneous" else rel.strength,
                    "duration_s": rel.duration_s},
        "fitted_at": saved["fitted_at"],
        "fit": None if fit is None else {"values": fit.values, "ci": fit.value_ci, "n": fit.n,
                                         "data_used": fit.data_used, "free": list(fit.free)},
        "dispersion_band": [fc.model.dispersion[0].low, fc.model.dispersion[0].high],
        "band_source": fc.band_source,
        "rows": [section_json(fc, s) for s in fc.sections if s.position == "downstream"],
        "chart": _chart(fc),
        "warnings": [m for _c, m in fc.warnings],
    }
