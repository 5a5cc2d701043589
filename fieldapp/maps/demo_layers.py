"""Map layers for the demo incident: the river, the waterworks intake, facility points, warehouses.

``DEMO_RIVER`` is the river centreline (lon, lat) digitised upstream -> downstream; the demo
incident (fieldapp/demo.py) places its sampling points along the same line, so points, river and
sites agree. Everything is fictional and named as demo data.
"""
from __future__ import annotations

import math

from fieldapp.maps.layer_import import write_layer
from fieldapp.maps.vocab import material_key, materials_column

# River centreline (lon, lat), flowing roughly south-east; ~33 km long (ellipsoid). Fictional place in
# Guangxi-like hills. fieldapp.demo places the sampling points along this same polyline (its first 18
# vertices; the last two extend it past the 31 km section).
DEMO_RIVER = [
    (108.3000, 24.7000), (108.3120, 24.6930), (108.3260, 24.6900), (108.3400, 24.6820),
    (108.3500, 24.6700), (108.3650, 24.6620), (108.3800, 24.6580), (108.3950, 24.6480),
    (108.4050, 24.6350), (108.4200, 24.6280), (108.4350, 24.6200), (108.4500, 24.6080),
    (108.4620, 24.5950), (108.4780, 24.5880), (108.4930, 24.5780), (108.5050, 24.5650),
    (108.5200, 24.5580), (108.5350, 24.5500), (108.5500, 24.5430), (108.5650, 24.5330),
]
DEMO_RIVER_NAME = "某河（演示）"
INTAKE_CHAINAGE_M = 29_000
LAYER_TAG = "demo-layers"        # source_file of the demo layers: lets add_demo_layers run only once

# (facility_type, name, chainage m, sideways offset m, attributes)
FACILITIES = [
    ("temporary_dam", "尾矿库排洪沟口临时拦截坝", 2_300, 0, {"用途": "截流、拦截含重金属废水"}),
    ("pond", "废弃采砂坑（应急储水坑塘）", 4_000, 220, {"库容": "约3万 m³", "用途": "储存高浓度污水"}),
    ("bridge", "S312省道桥", 6_000, 0, {"用途": "监测断面、投药作业点"}),
    ("reservoir", "支流小（一）型水库", 7_500, 1_600, {"库容": "120万 m³", "用途": "清水下泄稀释"}),
    ("gate", "某村拦河闸", 9_500, 0, {"用途": "关闸拦截、调控流量"}),
    ("dam", "某水电站拦河坝", 13_000, 0, {"库容": "约45万 m³", "用途": "蓄污、坝前投药"}),
    ("ditch", "灌溉引水渠（可分流）", 16_500, 120, {"用途": "引流、分流"}),
    ("bridge", "乡道桥", 21_000, 0, {"用途": "监测断面"}),
]
WAREHOUSES = [
    ("县生态环境局应急物资库", 10_500, 2_600, [("生石灰", "60", "t"), ("聚合氯化铝 PAC", "20", "t"),
                                             ("活性炭", "8", "t"), ("沙袋", "2000", "个")]),
    ("县城水厂应急物资储备点", 28_000, -1_300, [("聚合硫酸铁", "30", "t"), ("粉末活性炭", "15", "t"),
                                             ("石灰", "10", "t"), ("氢氧化钠", "5", "t")]),
]


def _seg_len(a, b) -> float:
    lat = math.radians((a[1] + b[1]) / 2)
    return math.hypot((b[0] - a[0]) * 111_320 * math.cos(lat), (b[1] - a[1]) * 110_574)


def river_point(chainage_m: float, offset_m: float = 0.0) -> tuple[float, float]:
    """(lon, lat) at chainage_m along DEMO_RIVER, shifted offset_m sideways (left bank positive)."""
    left = chainage_m
    for a, b in zip(DEMO_RIVER, DEMO_RIVER[1:]):
        seg = _seg_len(a, b)
        if left <= seg:
            f = left / seg
            lon, lat = a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1])
            # perpendicular in metres, then back to degrees
            dx, dy = (b[0] - a[0]) * math.cos(math.radians(lat)), b[1] - a[1]
            n = math.hypot(dx, dy) or 1.0
            lon += -dy / n * offset_m / (111_320 * math.cos(math.radians(lat)))
            lat += dx / n * offset_m / 110_574
            return round(lon, 6), round(lat, 6)
        left -= seg
    return DEMO_RIVER[-1]


def add_demo_layers(store, incident_uuid: str) -> list[str]:
    """Add the demo map layers for an incident (once; a second call returns the existing layers)."""
    existing = [r[0] for r in store.conn.execute(
        "SELECT uuid FROM map_layers WHERE incident_uuid = ? AND source_file = ? AND deleted = 0",
        (incident_uuid, LAYER_TAG))]
    if existing:
        return existing
    river = [{"name": DEMO_RIVER_NAME, "coords": list(DEMO_RIVER),
              "attributes": {"流向": "西北→东南", "说明": "演示数据"}}]
    lon, lat = river_point(INTAKE_CHAINAGE_M, -40)
    intake = [{"kind": "intake", "name": "县自来水厂取水口", "lon": lon, "lat": lat,
               "attributes": {"供水规模": "5万 m³/d", "服务人口": "约12万人", "水源级别": "县级集中式饮用水水源"}}]
    facilities = []
    for ftype, name, ch, off, attrs in FACILITIES:
        lon, lat = river_point(ch, off)
        facilities.append({"kind": "facility", "facility_type": ftype, "name": name, "lon": lon, "lat": lat,
                           "attributes": dict(attrs)})
    warehouses = []
    for name, ch, off, stock in WAREHOUSES:
        lon, lat = river_point(ch, off)
        warehouses.append({"kind": "warehouse", "name": name, "lon": lon, "lat": lat,
                           "materials": materials_column(material_key(m) for m, _, _ in stock),
                           "attributes": {"stock": [{"material": m, "quantity": q, "unit": u}
                                                    for m, q, u in stock], "值守电话": "0000-0000000（演示）"}})
    with store.transaction():   # all four layers or none
        return [
            write_layer(store, f"{DEMO_RIVER_NAME}干流", "river", river, [], incident_uuid=incident_uuid,
                        source_file=LAYER_TAG, source_format="demo"),
            write_layer(store, "饮用水取水口（演示）", "intake", [], intake, incident_uuid=incident_uuid,
                        source_file=LAYER_TAG, source_format="demo"),
            write_layer(store, "一河一策一图 应急空间与设施点位（演示）", "facility", [], facilities,
                        incident_uuid=incident_uuid, source_file=LAYER_TAG, source_format="demo"),
            write_layer(store, "应急物资库（演示）", "warehouse", [], warehouses, incident_uuid=incident_uuid,
                        source_file=LAYER_TAG, source_format="demo"),
        ]
