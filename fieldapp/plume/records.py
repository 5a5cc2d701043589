"""The incident's saved forecast scenario (table ``plume_scenarios``, migration 11), a synced record.

``inputs`` JSON, SI units throughout (the UI and the CLI convert what the user types):

    parameter        name as typed ("Cd", "镉"); the toolkit id is stored beside it
    release          {kind: instantaneous|continuous|finite, start: ISO time,
                      point_uuid | lon + lat (default: the incident's source point),
                      mass_g, load_g_s, duration_s}
    reaches          [{from_m: distance below the release (0 for the first), width_m, depth_m,
                       velocity_m_s, flow_m3_s, inflow_m3_s}, ...]
    decay_per_day    first-order decay rate k (1/d), 0 = conservative
    method           dispersion formula key (fieldapp.plume.dispersion.FORMULAS) or "given"
    dispersion_m2_s  E when method == "given"
    slope            bed slope (m/m), optional
"""
from __future__ import annotations

import json

from fieldapp.core.timeutil import now_iso

from . import limits
from .errors import PlumeError
from .fit import FitResult


def _row(store, incident_uuid: str, parameter_id: str | None = None) -> dict | None:
    sql = "SELECT * FROM plume_scenarios WHERE incident_uuid = ? AND deleted = 0"
    args = [incident_uuid]
    if parameter_id:
        sql += " AND parameter_id = ?"
        args.append(parameter_id)
    rows = list(store.db.query(sql + " ORDER BY updated_at DESC LIMIT 1", args))
    return rows[0] if rows else None


def load(store, incident_uuid: str, parameter: str | None = None) -> dict | None:
    """The saved scenario ({uuid, inputs, fit, map_time, ...}) for the incident (latest edited, or the
    one for ``parameter``), or None."""
    pid = limits.parameter_id(parameter) if parameter else None
    row = _row(store, incident_uuid, pid)
    if row is None:
        return None
    row = dict(row)
    row["inputs"] = json.loads(row["inputs"])
    row["fit"] = FitResult.from_dict(json.loads(row["fit"])) if row["fit"] else None
    return row


def save(store, incident_uuid: str, inputs: dict, fit: FitResult | None = None,
         map_time: str | None = None, keep_fit: bool = False) -> dict:
    """Create or update the incident's scenario for the inputs' parameter, in one transaction.
    A changed input invalidates an earlier fit unless ``keep_fit`` (the fit was made from them)."""
    store.get("incidents", incident_uuid)
    pid = limits.parameter_id(inputs.get("parameter", ""))
    if pid is None:
        raise PlumeError("unknown_parameter", "parameter", f"unknown parameter {inputs.get('parameter')!r}",
                         value=inputs.get("parameter"))
    text = json.dumps(inputs, ensure_ascii=False, sort_keys=True)
    current = _row(store, incident_uuid, pid)
    values = {"parameter_id": pid, "parameter": str(inputs.get("parameter", "")), "inputs": text,
              "map_time": map_time}
    if fit is not None:
        values.update(fit=json.dumps(fit.to_dict(), ensure_ascii=False), fitted_at=now_iso())
    elif not keep_fit and (current is None or current["inputs"] != text):
        values.update(fit="", fitted_at=None)
    with store.transaction():
        if current:
            store._update("plume_scenarios", current["uuid"], values)
        else:
            values.setdefault("fit", "")
            store._insert("plume_scenarios", {**store.new_meta(), "incident_uuid": incident_uuid, **values})
    return load(store, incident_uuid, inputs.get("parameter"))


def set_map_time(store, scenario_uuid: str, map_time: str | None) -> None:
    with store.transaction():
        store._update("plume_scenarios", scenario_uuid, {"map_time": map_time})
