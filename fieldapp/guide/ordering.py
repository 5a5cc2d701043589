"""Points in river order: by chainage along the incident's river line where there is one (so DN-17
at 5 km comes before DN-16 at 29 km), then the points off the river in role order."""
from __future__ import annotations

from fieldapp.maps import spatial
from fieldapp.vocab.roles import role_rank


def points_by_chainage(store, incident_uuid: str, points: list[dict] | None = None) -> list[dict]:
    """The incident's points (or ``points``), each with ``chainage_m`` (None off the river)."""
    rows = [dict(p) for p in (points if points is not None else store.list_points(incident_uuid))]
    for p in rows:
        c = spatial.chainage(store, p["lon"], p["lat"], incident_uuid)
        p["chainage_m"] = c.chainage_m if c.method == "river" else None
    on = sorted((p for p in rows if p["chainage_m"] is not None), key=lambda p: (p["chainage_m"], p["code"]))
    off = sorted((p for p in rows if p["chainage_m"] is None), key=lambda p: (role_rank(p["role"]), p["code"]))
    return on + off
