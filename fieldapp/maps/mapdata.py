"""What the incident map shows, as plain data: sampling points, river lines and sites.

The builder turns a ``MapData`` into HTML; ``fieldapp.maps.loader`` fills one from the store. Keeping
the two apart lets the benchmark and tests build maps of any size without a database, and keeps
the HTML code free of SQL.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# A point's status is the worst of its verdicts (fieldapp.vocab.VERDICTS) or 'none' (no measurement).

# Kinds of point sites and the facility subtypes of "one river, one policy, one map".
SITE_KINDS = ("intake", "facility", "warehouse")
FACILITY_TYPES = ("gate", "dam", "reservoir", "pond", "ditch", "bridge", "temporary_dam", "other")
# Symbol colours of the sites and the source marker: the HTML map, its legend and the PDF site map.
SITE_COLOURS = {"intake": "#1f78b4", "facility": "#b15928", "warehouse": "#6a3d9a"}
SOURCE_COLOUR = "#000000"


@dataclass
class SamplingPoint:
    uuid: str
    code: str
    name: str
    lon: float
    lat: float
    role: str = ""                      # role code: upstream_control / source / downstream / water_intake …
    role_text: str = ""                 # the role in the map's language (never the raw code)
    status: str = "none"                # worst verdict (fieldapp.vocab.VERDICTS) or 'none'
    # Latest value per parameter: (parameter label, value as shown e.g. "<0.005 mg/L", verdict, measured_at)
    latest: list[tuple[str, str, str, str]] = field(default_factory=list)
    # Extra popup rows computed elsewhere, e.g. ("距源头(沿河)", "12.4 km").
    info: list[tuple[str, str]] = field(default_factory=list)
    # Photo thumbnails as data: URIs (fieldapp.photos.thumbnail_uris), shown in the popup.
    photos: list[str] = field(default_factory=list)


@dataclass
class RiverLine:
    uuid: str
    name: str
    coords: list[tuple[float, float]]   # (lon, lat), digitised upstream -> downstream
    attributes: dict = field(default_factory=dict)


@dataclass
class Site:
    uuid: str
    kind: str                           # one of SITE_KINDS
    name: str
    lon: float
    lat: float
    facility_type: str = ""             # for kind == "facility": one of FACILITY_TYPES
    attributes: dict = field(default_factory=dict)
    # For warehouses: (material, quantity, unit) rows.
    stock: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class MapData:
    title: str = ""
    incident_uuid: str = ""
    is_demo: bool = False
    points: list[SamplingPoint] = field(default_factory=list)
    rivers: list[RiverLine] = field(default_factory=list)
    sites: list[Site] = field(default_factory=list)
    source: tuple[float, float] | None = None   # (lon, lat) of the pollution source, if known
    plan_view: bool = False     # the incident uses plans: the page asks for them per view (plan_layer_js)

    def bounds(self) -> tuple[float, float, float, float] | None:
        """(min_lon, min_lat, max_lon, max_lat) over everything drawn, or None for an empty map."""
        xs: list[float] = []
        ys: list[float] = []
        for p in self.points:
            xs.append(p.lon)
            ys.append(p.lat)
        for s in self.sites:
            xs.append(s.lon)
            ys.append(s.lat)
        for r in self.rivers:
            for lon, lat in r.coords:
                xs.append(lon)
                ys.append(lat)
        if self.source:
            xs.append(self.source[0])
            ys.append(self.source[1])
        if not xs:
            return None
        return min(xs), min(ys), max(xs), max(ys)
