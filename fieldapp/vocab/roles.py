"""Sampling-point roles and media: the codes the store keeps and the words people read.

Stored values are English codes so exchanged data never depends on the interface language; every
view (table, map popup, report, export, CLI) shows ``role_label`` / ``medium_label`` in its language.
The order of ROLES is the order a river is read in: control upstream, the source, the sections
downstream, intakes, treated water, then the rest.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Role:
    code: str
    prefix: str          # point codes are generated as PREFIX-NN (UP-01, DN-03, WI-01)
    zh: str
    en: str
    drinking_source: bool = False   # judged against the drinking-water-source standard (GB 3838 §3)
    drinking_water: bool = False    # treated/tap water: GB 5749-2022
    sensitive: bool = False         # shown first in reports and the first-hour guide


ROLE_LIST = (
    Role("upstream_control", "UP", "对照断面", "Upstream control"),
    Role("source", "SRC", "污染源", "Pollution source", sensitive=True),
    Role("downstream", "DN", "下游断面", "Downstream section"),
    Role("water_intake", "WI", "饮用水取水口", "Drinking-water intake", drinking_source=True, sensitive=True),
    Role("drinking_water", "DW", "出厂水/管网水", "Treated / tap water", drinking_water=True, sensitive=True),
    Role("background", "BG", "背景点", "Background"),
    Role("other", "P", "其他", "Other"),
)
ROLES = {r.code: r for r in ROLE_LIST}
ROLE_CODES = tuple(ROLES)

MEDIA_LABELS = {
    "water": ("地表水", "Water"),
    "air": ("环境空气", "Air"),
    "soil": ("土壤", "Soil"),
    "sediment": ("底泥/沉积物", "Sediment"),
}
MEDIA = tuple(MEDIA_LABELS)


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang.startswith("en") else pair[0]


def role_label(code: str | None, lang: str = "zh") -> str:
    """'water_intake' -> '饮用水取水口' / 'Drinking-water intake'; an unknown code is shown as
    '其他（code）' so a raw identifier never stands alone on screen."""
    role = ROLES.get(code or "")
    if role is None:
        return _pick((f"其他（{code}）", f"Other ({code})"), lang) if code else _pick(("其他", "Other"), lang)
    return _pick((role.zh, role.en), lang)


def medium_label(code: str | None, lang: str = "zh") -> str:
    pair = MEDIA_LABELS.get(code or "")
    return _pick(pair, lang) if pair else (code or "")


def role_prefix(code: str) -> str:
    return ROLES[code].prefix if code in ROLES else "P"


def role_rank(code: str | None) -> int:
    """Position in river reading order (unknown roles last)."""
    return ROLE_CODES.index(code) if code in ROLES else len(ROLE_CODES)


def is_drinking_source(code: str | None) -> bool:
    return bool(code in ROLES and ROLES[code].drinking_source)


def affects_drinking_water(code: str | None) -> bool:
    """A point at a drinking-water intake or in treated water: Order No. 17 Art. 4 puts an incident
    that affects a drinking-water source on the I/II reporting track until its level is confirmed."""
    return bool(code in ROLES and (ROLES[code].drinking_source or ROLES[code].drinking_water))


def is_sensitive(code: str | None) -> bool:
    return bool(code in ROLES and ROLES[code].sensitive)
