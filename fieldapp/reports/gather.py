"""Everything a report shows, read from the store into plain data (no reportlab, no Qt).

Measurements are assessed against the standard of their point (fieldapp.toolkit.exceedance); one
assessment per (parameter, unit, standard, value) pattern would be overkill, but the toolkit lookup
per parameter is cached so thousands of rows stay fast.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import datetime, timezone

from fieldapp.toolkit.exceedance import MeasurementError, assess_measurement, standard_for_point

from .facts import load_facts
from .grading import Grading, deadlines, grade, load_thresholds

STATUS_RANK = {"exceeded": 3, "indeterminate": 2, "ok": 1}


@dataclass
class MonitoringRow:
    point_code: str
    point_name: str
    role: str
    parameter: str
    measured_at: str
    value_text: str
    unit: str
    limit_text: str
    status: str
    multiple: float | None
    ratio: float | None
    value_mg: float | None


@dataclass
class ReportData:
    incident: dict
    facts: dict
    grading: Grading
    deadlines: list
    points: list[dict]                       # + 'status' (worst), 'standard'
    rows: list[MonitoringRow]                # every measurement, time order
    summary: list[dict]                      # per point x parameter: latest, max, limit, multiple
    log: list[dict]
    rivers: list[list[tuple[float, float]]]  # (lon, lat) polylines
    sites: list[dict]                        # map_sites: kind, name, lon, lat
    parameters: list[str]
    unit_team: str = ""
    generated_at: str = ""
    issues: list[str] = field(default_factory=list)
    forecast: dict | None = None             # fieldapp.plume.report.forecast_data (follow-up reports)


def _limit_text(a) -> str:
    lim = a.limit
    if lim is None:
        return ""
    if lim.is_range:
        return f"{lim.low:g}–{lim.high:g}"
    return f"{lim.value:g}"


def fmt_num(v: float) -> str:
    """4 significant digits without exponents (reports write 0.00002341, not 2.341e-05)."""
    if v == 0 or abs(v) >= 1e-3:
        return f"{v:.4g}" if abs(v) < 1e6 else f"{v:.0f}"
    digits = -math.floor(math.log10(abs(v))) + 3
    return f"{v:.{digits}f}"


def _value_text(m: dict) -> str:
    if m["qualifier"] == "ND":
        return "ND"
    return f"{m['qualifier']}{fmt_num(m['value'])}" if m["value"] is not None else "—"


def assess_rows(incident: dict, points: dict, measurements: list[dict]) -> list[MonitoringRow]:
    cache: dict = {}
    out = []
    for m in measurements:
        p = points.get(m["point_uuid"])
        if p is None:
            continue
        std = p["standard"]
        key = (m["parameter"], m["unit"], m["qualifier"], m["value"], std)
        a = cache.get(key)
        if a is None:
            try:
                a = assess_measurement(m, std)
            except MeasurementError:
                a = None
            cache[key] = a
        out.append(MonitoringRow(
            p["code"], p["name"], p["role"], m["parameter"], m["measured_at"], _value_text(m), m["unit"],
            _limit_text(a) if a else "", a.status if a else "error", a.multiple if a else None,
            a.ratio if a else None, a.value if a else None))
    return out


def summarise(rows: list[MonitoringRow]) -> list[dict]:
    groups: dict = {}
    for r in rows:
        g = groups.setdefault((r.point_code, r.parameter), {"rows": [], "first": r})
        g["rows"].append(r)
    out = []
    # groups keep first-seen order; the caller sorts by point order
    for (code, param), g in groups.items():
        rs = sorted(g["rows"], key=lambda r: r.measured_at)
        latest = rs[-1]
        peak = max(rs, key=lambda r: (r.value_mg if r.value_mg is not None and r.status != "below_lod" else -1))
        n_exc = sum(r.status == "exceeded" for r in rs)
        out.append({"point_code": code, "point_name": g["first"].point_name, "role": g["first"].role,
                    "parameter": param, "n": len(rs), "n_exceeded": n_exc, "latest": latest, "peak": peak,
                    "limit_text": latest.limit_text or peak.limit_text})
    return out


def _ordered(summary: list[dict], points: list[dict]) -> list[dict]:
    """Point order as the river is read (store.list_points), then parameter."""
    rank = {p["code"]: i for i, p in enumerate(points)}
    return sorted(summary, key=lambda s: (rank.get(s["point_code"], 1e9), s["parameter"]))


def _rivers_and_sites(store, incident_uuid: str):
    flt = ("layer_uuid IN (SELECT uuid FROM map_layers WHERE deleted = 0 "
           "AND (incident_uuid IS NULL OR incident_uuid = ?))")
    rivers = []
    for (gj,) in store.conn.execute(f"SELECT AsGeoJSON(geom) FROM map_rivers WHERE deleted = 0 AND {flt}",
                                    (incident_uuid,)):
        if gj:
            rivers.append([tuple(c[:2]) for c in json.loads(gj)["coordinates"]])
    sites = list(store.db.query(f"SELECT kind, facility_type, name, lon, lat FROM map_sites "
                                f"WHERE deleted = 0 AND {flt}", [incident_uuid]))
    return rivers, sites


def gather(store, incident: dict, now: datetime | None = None) -> ReportData:
    inc = store.get("incidents", incident["uuid"])
    facts = load_facts(store, inc["uuid"])
    pts = store.list_points(inc["uuid"])
    by_uuid = {}
    for p in pts:
        p["standard"] = standard_for_point(inc, p)
        by_uuid[p["uuid"]] = p
    meas = list(store.db.query(
        "SELECT point_uuid, parameter, value, unit, qualifier, measured_at FROM measurements "
        "WHERE incident_uuid = ? AND deleted = 0 ORDER BY measured_at, parameter", [inc["uuid"]]))
    rows = assess_rows(inc, by_uuid, meas)
    worst: dict = {}
    for r in rows:
        if STATUS_RANK.get(r.status, 0) > STATUS_RANK.get(worst.get(r.point_code, ""), 0):
            worst[r.point_code] = r.status
    for p in pts:
        p["status"] = worst.get(p["code"], "none")
    params = sorted({r.parameter for r in rows})
    table = load_thresholds()
    g = grade(facts, parameters=params, has_intake=any(p["role"] == "water_intake" for p in pts), table=table)
    now = now or datetime.now(timezone.utc)
    rivers, sites = _rivers_and_sites(store, inc["uuid"])
    log = [e for e in store.list_log(inc["uuid"]) if e["kind"] != "system"]
    ident = store.identity
    from fieldapp.plume.report import forecast_data

    return ReportData(
        incident=inc, facts=facts, grading=g, deadlines=deadlines(inc["discovered_at"], g, now, table),
        points=pts, rows=rows, summary=_ordered(summarise(rows), pts), log=log, rivers=rivers, sites=sites,
        parameters=params, unit_team=(f"{ident.unit} {ident.team}".strip() if ident else ""),
        generated_at=now.isoformat(), forecast=forecast_data(store, inc))
