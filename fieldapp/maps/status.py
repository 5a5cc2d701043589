"""What the map says about each sampling point: its status colour and the answers beside it.

One place for both the map tab and ``fieldapp map build``, so an exported map and the app show the
same colours. ``point_statuses`` is the only function that judges measurements for the map: when
the verdict changes (one verdict function in the core), this is the single call to switch.
"""
from __future__ import annotations

# Worst first: a section the plume passed stays red after it has cleared, so the map shows where
# the pollution went; the popup shows the latest values.
_RANK = {"exceeded": 3, "ok": 2, "not_detected": 1}
MATERIAL_QUERIES = (("lime", "lime"), ("pac", "PAC"), ("pfs", "polyferric sulfate"),
                    ("activated_carbon", "activated carbon"))


def point_statuses(store, incident: dict) -> dict[str, str]:
    """point uuid -> worst status over ALL of the point's measurements ('exceeded' > 'ok' >
    'not_detected'; below the LOD counts as not detected). Points with nothing assessable are left
    out: the map draws them as 'no data'."""
    from fieldapp.toolkit import assess_measurement, standard_for_point

    points = {p["uuid"]: p for p in store.list_points(incident["uuid"])}
    out: dict[str, str] = {}
    for m in store.list_measurements(incident_uuid=incident["uuid"]):
        pu = m["point_uuid"]
        if pu not in points:
            continue
        try:
            status = assess_measurement(m, standard_for_point(incident, points[pu])).status
        except ValueError:          # a parameter/unit the toolkit cannot judge: no colour from it
            continue
        status = "not_detected" if status == "below_lod" else status
        if _RANK.get(status, 0) > _RANK.get(out.get(pu, ""), 0):
            out[pu] = status
    return out


def point_answers(store, incident_uuid: str, point: dict, radius_m: float) -> dict:
    """The side list for one point: river chainage, distance from the source, the nearest
    downstream intake, and per emergency material the warehouses within radius_m stocking it."""
    from fieldapp.maps import spatial

    here = (point["lon"], point["lat"])
    source = next((p for p in store.list_points(incident_uuid) if p["role"] == "source"), None)
    from_src = None
    if source and source["uuid"] != point["uuid"]:
        from_src = spatial.distance_between(store, (source["lon"], source["lat"]), here, incident_uuid)
    return {
        "chainage": spatial.chainage(store, *here, incident_uuid),
        "from_source": from_src,
        "intake": spatial.nearest_downstream_intake(store, *here, incident_uuid),
        "warehouses": {key: spatial.warehouses_with(store, word, *here, radius_m, incident_uuid)
                       for key, word in MATERIAL_QUERIES},
    }
