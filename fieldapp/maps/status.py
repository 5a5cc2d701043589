"""What the map says about each sampling point, decided in the core so that the map tab and
`fieldapp map build` draw the same thing.

* ``point_statuses``: the worst verdict over ALL of a point's measurements (fieldapp.vocab.judge_row
  against the point's standard and medium): a section the plume passed stays red after it has
  cleared, so the map shows where the pollution went. Points with no measurements are 'none'.
* ``latest_values``: the popup's answer, the newest value of each parameter (grouped by parameter
  id, so Cd / 镉 / cadmium are one line) with its verdict in words.
"""
from __future__ import annotations

from fieldapp.vocab import judge_row, parameter_label, standard_for_point, worst
from fieldapp.vocab.display import value_text


def _rows(store, incident_uuid: str) -> list[dict]:
    return list(store.db.query(
        "SELECT m.point_uuid, m.parameter, m.parameter_id, m.value, m.unit, m.qualifier, m.value_orig, "
        "m.measured_at, p.media, p.role, p.standard AS point_standard FROM measurements m "
        "JOIN sampling_points p ON p.uuid = m.point_uuid "
        "WHERE m.incident_uuid = ? AND m.deleted = 0 AND p.deleted = 0 ORDER BY m.measured_at",
        [incident_uuid]))


def _judged(store, incident: dict):
    """(row, verdict) for every live measurement of the incident (verdicts cached per pattern)."""
    cache: dict = {}
    for m in _rows(store, incident["uuid"]):
        std = standard_for_point(incident, {"role": m["role"], "standard": m["point_standard"]})
        key = (m["parameter_id"], m["parameter"], m["value"], m["unit"], m["qualifier"], std, m["media"])
        v = cache.get(key)
        if v is None:
            v = cache[key] = judge_row(m, std, m["media"])
        yield m, v


def point_statuses(store, incident: dict) -> dict[str, str]:
    """point uuid -> worst verdict status ('exceeded', 'inconclusive', 'not_comparable', 'within',
    'not_detected', 'no_limit', 'unknown_parameter'); points without measurements are absent."""
    found: dict[str, list[str]] = {}
    for m, v in _judged(store, incident):
        found.setdefault(m["point_uuid"], []).append(v.status)
    return {pu: worst(sts) for pu, sts in found.items()}


def latest_values(store, incident: dict, lang: str = "zh") -> dict[str, list[tuple[str, str, str, str]]]:
    """point uuid -> [(parameter label, value text, verdict words, measured_at)], newest per parameter."""
    newest: dict[tuple[str, str], tuple] = {}
    for m, v in _judged(store, incident):
        newest[(m["point_uuid"], m["parameter_id"] or "?" + m["parameter"])] = (m, v)   # rows in time order
    out: dict[str, list] = {}
    for (pu, _key), (m, v) in sorted(newest.items(), key=lambda kv: kv[0]):
        out.setdefault(pu, []).append((parameter_label(m["parameter_id"], m["parameter"], lang), value_text(m),
                                       v.words(lang), m["measured_at"][:16].replace("T", " ")))
    return out


WAREHOUSES_SHOWN = 5
# the materials the side list asks the plans for, by their maps.vocab key (a key is its own synonym)
SIDE_LIST_MATERIALS = ("lime", "pac", "pfs", "activated_carbon")


def point_answers(store, incident_uuid: str, point: dict, radius_m: float) -> dict:
    """The side list for one point: river chainage, distance from the source, the nearest
    downstream intake, what can intercept before it (fieldapp.plans.answers.can_intercept), and
    per emergency material the 5 nearest warehouses within radius_m stocking it."""
    from fieldapp.maps import spatial
    from fieldapp.plans.answers import can_intercept

    here = (point["lon"], point["lat"])
    source = next((p for p in store.list_points(incident_uuid) if p["role"] == "source"), None)
    from_src = None
    if source and source["uuid"] != point["uuid"]:
        from_src = spatial.distance_between(store, (source["lon"], source["lat"]), here, incident_uuid)
    return {
        "chainage": spatial.chainage(store, *here, incident_uuid),
        "from_source": from_src,
        "intake": spatial.nearest_downstream_intake(store, *here, incident_uuid),
        "intercept": can_intercept(store, *here, incident_uuid),
        "warehouses": {key: spatial.warehouses_with(store, key, *here, radius_m, incident_uuid, limit=WAREHOUSES_SHOWN)
                       for key in SIDE_LIST_MATERIALS},
    }
