"""Is a GPS fix plausibly at this incident? A check every caller (point form, CLI) shares.

A receiver in demo mode, one that kept its last fix from another province, or a fix in another
datum can all give a position hundreds of km from the incident. Before such a fix fills a
sampling point, the user must confirm it. "Far" means farther than ``limit_km`` (settings
``gps_far_km``, default 50 km) from every live sampling point of the incident. An incident with no
points yet cannot be judged: the answer says so instead of guessing.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

DEFAULT_FAR_KM = 50.0


class GpsPosition(NamedTuple):
    """What "use GPS position" gets: (lat, lon) plus the receiver's datum, so it can be flagged."""

    lat: float
    lon: float
    datum: str = "WGS84"


@dataclass(frozen=True)
class FixCheck:
    far: bool                     # needs confirmation before use
    distance_km: float | None     # to the nearest point of the incident (None: no points yet)
    nearest: str = ""             # that point's code / name
    limit_km: float = DEFAULT_FAR_KM
    datum: str = "WGS84"

    @property
    def judged(self) -> bool:
        return self.distance_km is not None

    def message(self) -> str:
        if not self.judged:
            return "no sampling points yet: the distance to the incident cannot be checked"
        text = (f"this GPS fix is {self.distance_km:,.1f} km from the nearest point of the incident "
                f"({self.nearest})")
        return text + (f", more than {self.limit_km:g} km" if self.far else "")

    def message_zh(self) -> str:
        if not self.judged:
            return "事件尚无采样点：无法核对该位置与事件的距离"
        text = f"该GPS定位距事件最近的采样点（{self.nearest}）{self.distance_km:,.1f} 公里"
        return text + (f"，超过 {self.limit_km:g} 公里" if self.far else "")


def far_limit_km() -> float:
    from fieldapp import settings

    try:
        value = float(settings.load().gps_far_km)
    except (TypeError, ValueError):
        return DEFAULT_FAR_KM
    return value if value > 0 else DEFAULT_FAR_KM


def check_fix(store, incident_uuid: str, lat: float, lon: float, limit_km: float | None = None,
              datum: str = "WGS84") -> FixCheck:
    """How far (lat, lon) is from the incident's sampling points, and whether that needs confirming."""
    limit = far_limit_km() if limit_km is None else float(limit_km)
    row = store.conn.execute(
        "SELECT COALESCE(NULLIF(code, ''), name), ST_Distance(geom, MakePoint(?, ?, 4326), 1) AS d "
        "FROM sampling_points WHERE incident_uuid = ? AND deleted = 0 AND geom IS NOT NULL "
        "ORDER BY d LIMIT 1", (lon, lat, incident_uuid)).fetchone()
    if row is None or row[1] is None:
        return FixCheck(False, None, "", limit, datum)
    km = float(row[1]) / 1000.0
    return FixCheck(km > limit, km, row[0] or "", limit, datum)
