"""Which standard judges a point, and the limit it sets for a parameter, named out loud.

Standards (ids stored on incidents and points):
  GB3838-I … GB3838-V   surface water of that class (GB 3838-2002 Table 1 class values). Table 2/3
                        items have one value, set for centralized drinking-water source areas; at an
                        ordinary section it is applied as a reference and labelled so ("参照").
  GB3838-source-II      a drinking-water intake / first-level source protection zone: GB 3838 §3 puts
                        these in class II; Table 2 (补充项目) and Table 3 (特定项目) values apply in full.
  GB3838-source-III     the same for a second-level protection zone (class III).
  GB5749                treated or tap water: GB 5749-2022.
An intake is judged against GB3838-source-II unless the incident or the point chooses otherwise
(the stricter default, said in every verdict).
"""
from __future__ import annotations

from dataclasses import dataclass

from .errors import VocabError
from .roles import ROLES

CLASSES = ("I", "II", "III", "IV", "V")
ROMAN = {"I": "Ⅰ", "II": "Ⅱ", "III": "Ⅲ", "IV": "Ⅳ", "V": "Ⅴ"}
CLASS_STANDARDS = tuple(f"GB3838-{c}" for c in CLASSES)
SOURCE_STANDARDS = ("GB3838-source-II", "GB3838-source-III")
STANDARDS = CLASS_STANDARDS + SOURCE_STANDARDS + ("GB5749",)
DEFAULT_STANDARD = "GB3838-III"
DEFAULT_SOURCE_STANDARD = "GB3838-source-II"
ALIASES = {"GB3838-source": DEFAULT_SOURCE_STANDARD, "GB5749-2022": "GB5749"}

_TABLE_WORDS = {
    "T2": ("表2 集中式生活饮用水地表水源地补充项目", "Table 2, drinking-water-source supplementary item"),
    "T3": ("表3 集中式生活饮用水地表水源地特定项目", "Table 3, drinking-water-source specific item"),
}
_GB5749_TABLES = {"routine": ("常规指标", "routine indicator"), "extended": ("扩展指标", "extended indicator"),
                  "annex_a": ("附录A 参考指标", "Annex A reference indicator")}


class StandardError(VocabError):
    def __init__(self, standard: str):
        super().__init__("standard", f"unknown standard {standard!r}; choose one of: {', '.join(STANDARDS)}",
                         f"未知标准“{standard}”；可选：{'、'.join(STANDARDS)}")


def check_standard(standard: str | None) -> str:
    std = ALIASES.get(standard or "", standard or "")
    if std not in STANDARDS:
        raise StandardError(standard or "")
    return std


def standard_label(standard: str, lang: str = "zh") -> str:
    """'GB 3838-2002 Ⅲ类' / 'GB 3838-2002 class III'; source and GB 5749 standards named in full."""
    std = check_standard(standard)
    en = lang.startswith("en")
    if std == "GB5749":
        return "GB 5749-2022 drinking water" if en else "GB 5749-2022 生活饮用水卫生标准"
    cls = std.rsplit("-", 1)[1]
    if std in SOURCE_STANDARDS:
        zone = {"II": ("一级", "first-level"), "III": ("二级", "second-level")}[cls]
        return (f"GB 3838-2002 class {cls} (drinking-water source, {zone[1]} protection zone)" if en
                else f"GB 3838-2002 {ROMAN[cls]}类（集中式生活饮用水地表水源地{zone[0]}保护区）")
    return f"GB 3838-2002 class {cls}" if en else f"GB 3838-2002 {ROMAN[cls]}类"


def standard_for_point(incident: dict | None, point: dict | None) -> str:
    """The standard that judges a point: its own choice, else by role (intake -> drinking-water
    source, treated water -> GB 5749), else the incident's class (default GB 3838 class III)."""
    incident, point = incident or {}, point or {}
    if point.get("standard"):
        return check_standard(point["standard"])
    role = ROLES.get(point.get("role") or point.get("point_role") or "")
    if role and role.drinking_water:
        return "GB5749"
    if role and role.drinking_source:
        return check_standard(incident.get("source_standard") or DEFAULT_SOURCE_STANDARD)
    return check_standard(incident.get("standard") or DEFAULT_STANDARD)


@dataclass(frozen=True)
class Limit:
    standard: str
    upper: float | None          # value must be ≤ upper
    lower: float | None          # value must be ≥ lower (pH low end, dissolved oxygen)
    unit: str                    # unit of the limit values ('mg/L', 'pH', '个/L')
    table: str = ""
    reference_only: bool = False  # a Table 2/3 source-area value applied at an ordinary section
    source: str = ""
    confidence: str = ""
    label_zh: str = ""
    label_en: str = ""

    @property
    def is_range(self) -> bool:
        return self.upper is not None and self.lower is not None

    def label(self, lang: str = "zh") -> str:
        return self.label_en if lang.startswith("en") else self.label_zh


def _gb3838(lim: dict, standard: str, unit: str) -> Limit | None:
    common = dict(standard=standard, unit=unit, table=lim["table"], source=lim["source"],
                  confidence=lim["confidence"])
    if "range" in lim:
        zh, en = standard_label(standard), standard_label(standard, "en")
        return Limit(upper=float(lim["range"][1]), lower=float(lim["range"][0]), label_zh=zh, label_en=en,
                     **common)
    if "source_area" in lim:
        in_source = standard in SOURCE_STANDARDS
        words = _TABLE_WORDS[lim["table"]]
        zh = f"GB 3838-2002 {words[0]}" + ("" if in_source else "（参照）")
        en = f"GB 3838-2002 {words[1]}" + ("" if in_source else " (applied as a reference)")
        return Limit(upper=float(lim["source_area"]), lower=None, reference_only=not in_source,
                     label_zh=zh, label_en=en, **common)
    value = float(lim["classes"][standard.rsplit("-", 1)[1]])
    low = lim.get("bound") == "min"
    return Limit(upper=None if low else value, lower=value if low else None,
                 label_zh=standard_label(standard), label_en=standard_label(standard, "en"), **common)


def _gb5749(lim: dict, unit: str) -> Limit:
    words = _GB5749_TABLES.get(lim["table"], ("", ""))
    common = dict(standard="GB5749", unit=unit, table=lim["table"], source=lim["source"],
                  confidence=lim["confidence"], reference_only=lim["table"] == "annex_a",
                  label_zh=f"GB 5749-2022 {words[0]}", label_en=f"GB 5749-2022 {words[1]}")
    if "range" in lim:
        return Limit(upper=float(lim["range"][1]), lower=float(lim["range"][0]), **common)
    return Limit(upper=float(lim["value"]), lower=None, **common)


def limit_for(parameter, standard: str, unit: str) -> Limit | None:
    """The limit ``standard`` sets for ``parameter`` (a vocab Parameter), in ``unit``; None if none."""
    std = check_standard(standard)
    limits = parameter.limits or {}
    if std == "GB5749":
        return _gb5749(limits["gb5749"], unit) if limits.get("gb5749") else None
    return _gb3838(limits["gb3838"], std, unit) if limits.get("gb3838") else None
