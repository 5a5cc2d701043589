"""Everything a report shows, read from the store into plain data (no reportlab, no Qt).

Every measurement is judged by the one verdict function (fieldapp.vocab.judge_row) against the
standard of its point, and series are grouped by parameter id, so Cd, 镉 and cadmium are one series.
Verdicts are cached per distinct (parameter, value, unit, qualifier, standard, medium) so thousands of
rows stay fast.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone

from fieldapp.vocab import Verdict, judge_row, standard_for_point, worst
from fieldapp.vocab.roles import affects_drinking_water
from fieldapp.vocab.display import value_parts

from fieldapp.store.facts import load_facts

from fieldapp.photos import report_photos

from .grading import Grading, deadlines, grade, load_thresholds


def series_key(parameter_id: str | None, typed: str) -> str:
    """Series identity: the parameter id, or the typed text (marked) when it names nothing known."""
    return parameter_id or f"?{typed}"


@dataclass
class MonitoringRow:
    point_code: str
    point_name: str
    role: str
    parameter_id: str | None
    parameter_text: str          # as typed (kept beside the id)
    measured_at: str
    value_text: str              # display number ('0.012', '<0.001', 'ND'), unit in ``unit``
    unit: str                    # display unit (µg/L for trace metals below 0.001 mg/L)
    verdict: Verdict
    value_mg: float | None       # canonical value (charts)
    stored: dict = field(default_factory=dict, repr=False)   # the measurement row (re-display in a column unit)

    def shown_in(self, unit: str | None) -> str:
        """The value's number in a column whose unit is ``unit`` (see vocab.display.column_unit)."""
        return value_parts(self.stored, unit)[0] if self.stored else self.value_text

    @property
    def key(self) -> str:
        return series_key(self.parameter_id, self.parameter_text)

    @property
    def status(self) -> str:
        return self.verdict.status

    @property
    def ratio(self) -> float | None:
        return self.verdict.ratio

    @property
    def multiple(self) -> float | None:
        return self.verdict.multiple


@dataclass
class ReportData:
    incident: dict
    facts: dict
    grading: Grading
    deadlines: list
    points: list[dict]                       # + 'status' (worst verdict), 'standard'
    rows: list[MonitoringRow]                # every measurement, time order
    summary: list[dict]                      # per point x parameter: n, min, max, latest, worst verdict
    log: list[dict]
    rivers: list[list[tuple[float, float]]]  # (lon, lat) polylines
    sites: list[dict]                        # map_sites: kind, name, lon, lat
    parameters: list[str]                    # series keys (parameter ids) present
    unit_team: str = ""
    generated_at: str = ""
    issues: list[str] = field(default_factory=list)
    archive: list[dict] = field(default_factory=list)   # issued reports, oldest first (+ 'snapshot' dict)
    totals: dict = field(default_factory=dict)          # counts for the final report
    forecast: dict | None = None             # fieldapp.plume.report.forecast_data (follow-up reports)
    photos: list[dict] = field(default_factory=list)      # chosen for reports (fieldapp.photos)

    @property
    def previous(self) -> dict | None:
        """The last issued report: what a follow-up or final report builds on."""
        return self.archive[-1] if self.archive else None


def assess_rows(points: dict, measurements: list[dict]) -> list[MonitoringRow]:
    cache: dict = {}
    out = []
    for m in measurements:
        p = points.get(m["point_uuid"])
        if p is None:
            continue
        key = (m["parameter_id"], m["parameter"], m["unit"], m["qualifier"], m["value"], p["standard"],
               p["media"])
        v = cache.get(key)
        if v is None:
            v = cache[key] = judge_row(m, p["standard"], p["media"])
        number, unit = value_parts(m)
        out.append(MonitoringRow(p["code"], p["name"], p["role"], m["parameter_id"], m["parameter"],
                                 m["measured_at"], number, unit, v, m["value"], m))
    return out


def _peak_value(r: MonitoringRow) -> float:
    """Ordering for the peak: measured values by size, bounds and non-detects below any value."""
    if r.value_mg is None or r.verdict.qualifier in ("<", "ND"):
        return -1.0
    return r.value_mg


def outside(r: MonitoringRow) -> float:
    """How far an exceeding value lies outside its limit, as a ratio (1.4 = 40 % beyond)."""
    lim, v = r.verdict.limit, r.value_mg
    if lim is None or v is None:
        return 1.0
    if r.verdict.direction == "low" and lim.lower:
        return lim.lower / v if v > 0 else float("inf")
    return v / lim.upper if lim.upper else 1.0


def series_extreme(rs: list[MonitoringRow]) -> MonitoringRow:
    """The value whose verdict a series (one point, one parameter) shows: the most extreme
    exceedance if any value exceeded (a pH that fell to 5.7 reads "below the minimum 6" even if its
    maximum was 7.2), else the latest value of the most serious status."""
    exceeded = [r for r in rs if r.status == "exceeded"]
    if exceeded:
        return max(exceeded, key=outside)
    status = worst(r.status for r in rs)
    return [r for r in rs if r.status == status][-1]


def summarise(rows: list[MonitoringRow]) -> list[dict]:
    groups: dict = {}
    for r in rows:
        groups.setdefault((r.point_code, r.key), []).append(r)
    out = []
    # groups keep first-seen order; the caller sorts by point order
    for (code, key), rs in groups.items():
        rs = sorted(rs, key=lambda r: r.measured_at)
        measured = [r for r in rs if _peak_value(r) >= 0]
        first = rs[0]
        out.append({"point_code": code, "point_name": first.point_name, "role": first.role, "key": key,
                    "parameter_id": first.parameter_id, "parameter_text": first.parameter_text,
                    "medium": first.verdict.medium, "unit": first.verdict.unit,
                    "n": len(rs), "n_exceeded": sum(r.status == "exceeded" for r in rs),
                    "latest": rs[-1], "peak": max(rs, key=_peak_value),
                    "low": min(measured, key=_peak_value) if measured else None,
                    "status": worst(r.status for r in rs), "extreme": series_extreme(rs), "rows": rs,
                    "limit_row": next((r for r in rs if r.verdict.limit is not None), first)})
        out[-1]["verdict"] = out[-1]["extreme"].verdict
    return out


def _ordered(summary: list[dict], points: list[dict]) -> list[dict]:
    """Point order as the river is read (store.list_points), then parameter."""
    rank = {p["code"]: i for i, p in enumerate(points)}
    return sorted(summary, key=lambda s: (rank.get(s["point_code"], 1e9), s["key"]))


def _rivers_and_sites(store, incident_uuid: str):
    flt = ("layer_uuid IN (SELECT uuid FROM map_layers WHERE deleted = 0 AND plan_uuid IS NULL "
           "AND (incident_uuid IS NULL OR incident_uuid = ?))")     # a national plan is not drawn whole
    rivers = []
    for (gj,) in store.conn.execute(f"SELECT AsGeoJSON(geom) FROM map_rivers WHERE deleted = 0 AND {flt}",
                                    (incident_uuid,)):
        if gj:
            rivers.append([tuple(c[:2]) for c in json.loads(gj)["coordinates"]])
    sites = list(store.db.query(f"SELECT kind, facility_type, name, lon, lat FROM map_sites "
                                f"WHERE deleted = 0 AND {flt}", [incident_uuid]))
    return rivers, sites


def issued_reports(store, incident_uuid: str) -> list[dict]:
    """Issued reports of the incident, oldest first, with their snapshot decoded (no PDF bytes)."""
    rows = list(store.db.query(
        "SELECT uuid, report_type, report_no, lang, level, issued_at, issued_by, gaps, with_gaps, previous_no, "
        "snapshot, file_name, sha256 FROM report_archive WHERE incident_uuid = ? AND deleted = 0 "
        "ORDER BY issued_at, report_no", [incident_uuid]))
    for r in rows:
        r["snapshot"] = json.loads(r["snapshot"] or "{}")
        r["gaps"] = json.loads(r["gaps"] or "[]")
    return rows


def _totals(store, incident_uuid: str, rows: list[MonitoringRow]) -> dict:
    q = store.conn.execute
    samples = q("SELECT COUNT(*) FROM samples WHERE incident_uuid = ? AND deleted = 0", (incident_uuid,)).fetchone()[0]
    readings = q("SELECT COUNT(*) FROM instrument_readings WHERE incident_uuid = ? AND deleted = 0",
                 (incident_uuid,)).fetchone()[0]
    return {"samples": samples, "measurements": len(rows), "readings": readings,
            "exceeded": sum(r.status == "exceeded" for r in rows),
            "first": rows[0].measured_at if rows else "", "last": rows[-1].measured_at if rows else ""}


def gather(store, incident: dict, now: datetime | None = None) -> ReportData:
    inc = store.get("incidents", incident["uuid"])
    facts = load_facts(store, inc["uuid"])
    pts = store.list_points(inc["uuid"])
    by_uuid = {}
    for p in pts:
        p["standard"] = standard_for_point(inc, p)
        by_uuid[p["uuid"]] = p
    meas = list(store.db.query(
        "SELECT point_uuid, parameter, parameter_id, value, unit, qualifier, value_orig, measured_at "
        "FROM measurements WHERE incident_uuid = ? AND deleted = 0 ORDER BY measured_at, parameter",
        [inc["uuid"]]))
    rows = assess_rows(by_uuid, meas)
    statuses: dict = {}
    for r in rows:
        statuses.setdefault(r.point_code, []).append(r.status)
    for p in pts:
        p["status"] = worst(statuses.get(p["code"], ()))
    params = sorted({r.key for r in rows})
    table = load_thresholds()
    g = grade(facts, parameter_ids=[r.parameter_id for r in rows],
              has_intake=any(affects_drinking_water(p["role"]) for p in pts), table=table)
    now = now or datetime.now(timezone.utc)
    rivers, sites = _rivers_and_sites(store, inc["uuid"])
    log = [e for e in store.list_log(inc["uuid"]) if e["kind"] != "system"]
    ident = store.identity
    from fieldapp.plume.report import forecast_data

    return ReportData(
        incident=inc, facts=facts, grading=g, deadlines=deadlines(inc["discovered_at"], g, now, table),
        points=pts, rows=rows, summary=_ordered(summarise(rows), pts), log=log, rivers=rivers, sites=sites,
        parameters=params, unit_team=(f"{ident.unit} {ident.team}".strip() if ident else ""),
        generated_at=now.isoformat(), archive=issued_reports(store, inc["uuid"]),
        totals=_totals(store, inc["uuid"], rows), forecast=forecast_data(store, inc),
        photos=report_photos(store, inc["uuid"]))
