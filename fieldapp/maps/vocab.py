"""Words people use in layer files for site kinds, facility types and emergency materials.

Imported files are written by many hands, in Chinese or English; these tables map what they say to
the canonical keys the store and the spatial queries use.
"""
from __future__ import annotations

import re
from functools import lru_cache

# canonical material key -> (display name, synonyms; matched case-insensitively, substring for Chinese)
MATERIALS = {
    "lime": ("石灰 lime", ("lime", "quicklime", "hydrated lime", "slaked lime", "cao", "ca(oh)2",
                          "石灰", "生石灰", "熟石灰", "氢氧化钙", "氧化钙")),
    "pac": ("聚合氯化铝 PAC", ("pac", "polyaluminium chloride", "polyaluminum chloride", "poly aluminium chloride",
                            "聚合氯化铝", "聚氯化铝")),
    "pfs": ("聚合硫酸铁 PFS", ("pfs", "polyferric sulfate", "polyferric sulphate", "poly ferric sulfate",
                            "聚合硫酸铁", "聚铁")),
    "activated_carbon": ("活性炭 activated carbon", ("activated carbon", "active carbon", "activated charcoal",
                                                  "pac carbon", "powdered activated carbon", "gac",
                                                  "活性炭", "粉末活性炭", "颗粒活性炭")),
    "naoh": ("氢氧化钠 NaOH", ("naoh", "sodium hydroxide", "caustic soda", "氢氧化钠", "烧碱", "片碱")),
    "pam": ("聚丙烯酰胺 PAM", ("pam", "polyacrylamide", "聚丙烯酰胺")),
    "kmno4": ("高锰酸钾 KMnO4", ("kmno4", "potassium permanganate", "高锰酸钾")),
    "sandbags": ("沙袋 sandbags", ("sandbag", "sandbags", "sand bag", "沙袋", "编织袋")),
    "oil_boom": ("围油栏 oil boom", ("oil boom", "boom", "围油栏")),
    "sorbent": ("吸油毡 sorbent", ("sorbent", "absorbent pad", "吸油毡", "吸附棉")),
}

FACILITY_TYPES = {
    "gate": ("gate", "sluice", "sluice gate", "闸", "水闸", "节制闸", "拦河闸", "闸门"),
    "dam": ("dam", "weir", "hydropower", "hydropower station", "坝", "大坝", "拦河坝", "水电站", "堰"),
    "reservoir": ("reservoir", "水库"),
    "pond": ("pond", "pit", "emergency pond", "坑塘", "塘", "池塘", "应急池", "事故池"),
    "ditch": ("ditch", "channel", "canal", "diversion", "沟渠", "渠", "引流渠", "河道"),
    "bridge": ("bridge", "桥", "桥梁"),
    "temporary_dam": ("temporary dam", "temporary damming point", "temp dam", "cofferdam", "临时筑坝点",
                      "临时坝", "临时筑坝", "拦截坝", "围堰"),
}

SITE_KINDS = {
    "intake": ("intake", "water intake", "drinking water intake", "取水口", "饮用水取水口", "水源地", "水厂取水口"),
    "warehouse": ("warehouse", "depot", "store", "material warehouse", "物资库", "应急物资库", "仓库", "物资储备库"),
    "facility": ("facility", "设施", "应急设施", "空间设施"),
}

_CJK = re.compile(r"[\u3400-\u9fff]")


def _norm(text: str) -> str:
    return " ".join(str(text).strip().lower().replace("_", " ").replace("-", " ").split())


def _match(text: str, table: dict) -> str | None:
    t = _norm(text)
    if not t:
        return None
    for key, words in table.items():
        if t == key.replace("_", " ") or t in words:
            return key
    # Chinese labels often carry a place name ("清溪河1号闸"): look for a synonym inside, longest first
    if _CJK.search(t):
        hits = [(len(w), key) for key, words in table.items() for w in words if _CJK.search(w) and w in t]
        if hits:
            return max(hits)[1]
    return None


def material_key(text: str) -> str | None:
    """'生石灰' -> 'lime', 'PAC' -> 'pac' (polyaluminium chloride), unknown -> None."""
    return _match(text, {k: v[1] for k, v in MATERIALS.items()})


def facility_type(text: str) -> str | None:
    return _match(text, FACILITY_TYPES)


def site_kind(text: str) -> str | None:
    found = _match(text, SITE_KINDS)
    if found:
        return found
    return "facility" if facility_type(text) else None


def materials_column(keys) -> str:
    """The ``map_sites.materials`` value: ',lime,pac,' ('' for none)."""
    keys = sorted({k for k in keys if k})
    return "," + ",".join(keys) + "," if keys else ""


# Facility types that can hold or divert a plume before it reaches an intake: dams and gates close
# or store, temporary dams are built for it, ponds and reservoirs take diverted water, ditches divert.
# Bridges are monitoring and dosing spots, not barriers. (Practice of the river "one map" plans:
# 拦截 / 蓄存 / 导流 spaces; see resources/toolkit for the per-pollutant measures.)
INTERCEPT_TYPES = ("temporary_dam", "dam", "gate", "pond", "reservoir", "ditch")

# Mass units of material stock -> tonnes (so 500 kg of lime ranks below 2 t). Other units (bags,
# pieces, m) are kept as written and never compared across units.
_TONNES = {"t": 1.0, "吨": 1.0, "tonne": 1.0, "tonnes": 1.0, "ton": 1.0, "tons": 1.0,
           "kg": 0.001, "公斤": 0.001, "千克": 0.001, "kilogram": 0.001, "kilograms": 0.001}


@lru_cache(maxsize=512)
def tonnes_per(unit: str) -> float | None:
    """1 <unit> in tonnes, or None when the unit is not a mass ('袋', 'pcs', '')."""
    return _TONNES.get(_norm(unit)) if unit else None
