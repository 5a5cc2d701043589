"""The verdict: one function judges a value against its standard, one set of words says it.

Statuses (VERDICTS):
  exceeded           over the limit (or under a lower limit: pH low end, dissolved oxygen)
  within             measured and inside the limit
  inconclusive       the value cannot settle it: a detection limit above the limit ("<0.001" for
                     mercury at 0.0001), or a bound on the wrong side ("pH <7", "Cd >0.001")
  not_detected       ND, or below a detection limit that is itself under the limit
  no_limit           the parameter is known but the standard sets no limit for it
  not_comparable     the medium or unit has no applicable standard here (any air or soil value:
                     no air/soil reference values are loaded, so never "within")
  unknown_parameter  the text names nothing in the vocabulary: stored as typed, "not in the toolkit"
Every verdict names the standard and table/class used; exceedance multiples keep (C − S) / S.
Colours for each status are defined here too, so the table, the map and the report legend agree.
"""
from __future__ import annotations

from dataclasses import dataclass

from .numbers import limit_number, multiple_number, percent_over, ratio_number
from .parameters import Parameter, get_parameter, load_vocabulary
from .standards import Limit, check_standard, limit_for, standard_label

VERDICTS = ("exceeded", "inconclusive", "not_comparable", "within", "not_detected", "no_limit",
            "unknown_parameter")
# Which verdict wins when a point's measurements are summarised into one status.
RANK = {"exceeded": 6, "inconclusive": 5, "not_comparable": 4, "within": 3, "not_detected": 2,
        "no_limit": 1, "unknown_parameter": 1, "none": 0}

# marker colour (map, chart, report legend) and light table background per status
COLOURS = {"exceeded": "#d7301f", "inconclusive": "#e6860b", "not_comparable": "#7b5ea7",
           "within": "#1a9850", "not_detected": "#4575b4", "no_limit": "#8c8c8c",
           "unknown_parameter": "#8c8c8c", "none": "#b0b0b0"}
BACKGROUNDS = {"exceeded": "#f8c8c8", "inconclusive": "#fbe2b5", "not_comparable": "#e6def2",
               "within": "#d6efd6", "not_detected": "#dbe6f4", "no_limit": "#ececec",
               "unknown_parameter": "#ececec", "none": "#ffffff"}
EXCEEDED_BACKGROUNDS = ("#f8c8c8", "#f2a6a6", "#e98585")   # over; over 2×; over 10×

STATUS_WORDS = {
    "exceeded": ("超标", "exceeded"), "inconclusive": ("无法判定", "inconclusive"),
    "not_comparable": ("不可比", "not comparable"), "within": ("达标", "within limit"),
    "not_detected": ("未检出", "not detected"), "no_limit": ("无限值", "no limit"),
    "unknown_parameter": ("未判定（不在工具包中）", "not judged (not in the toolkit)"),
    "none": ("暂无数据", "no data"),
}
# reason -> (short zh, short en) shown in tables and reports, (long zh, long en) for tooltips/popups
_REASONS = {
    "lod_above_limit": ("检出限高于限值", "detection limit above the limit",
                        "检出限高于限值，无法判断是否达标：请用更低检出限的方法复测",
                        "the detection limit is above the limit, so compliance is unknown: re-test with a "
                        "more sensitive method"),
    "bound": ("“<”/“>”未越过限值", "the bound does not settle it",
              "“<”/“>”读数未越过限值，无法判断是否达标", "a '<' or '>' reading that does not cross the limit"),
    "medium_air": ("无空气评价标准", "no air standard loaded",
                   "空气中的浓度无适用标准（未载入空气参考值），不能与水质限值比较",
                   "no standard is loaded for air; an air value is never compared with a water limit"),
    "medium_soil": ("无土壤/底泥评价标准", "no soil or sediment standard loaded",
                    "土壤/底泥含量无适用标准（未载入土壤标准），不能与水质限值比较",
                    "no standard is loaded for soil or sediment; never compared with a water limit"),
    "unit": ("单位与限值不可比", "unit not comparable with the limit",
             "单位与限值不可比", "the unit cannot be compared with the limit"),
    "no_limit": ("该标准未规定", "none in this standard", "该标准未规定此项目的限值",
                 "this standard sets no limit for the parameter"),
    "unknown": ("", "", "该项目不在工具包中，未作判定", "this parameter is not in the toolkit; not judged"),
}
_TOLERANCE = 1e-12   # 5 µg/L converted to 0.005 mg/L is not "over" 0.005


def _lang(lang: str) -> int:
    return 1 if lang.startswith("en") else 0


@dataclass(frozen=True)
class Verdict:
    status: str
    parameter_id: str | None
    parameter_text: str
    medium: str
    standard: str
    value: float | None = None        # canonical unit; the bound for '<' / '>' readings
    unit: str = ""
    qualifier: str = ""
    limit: Limit | None = None
    ratio: float | None = None        # C / S against the upper limit
    multiple: float | None = None     # (C − S) / S when exceeded over an upper limit
    direction: str | None = None      # 'high' / 'low' for exceeded and inconclusive
    reason: str = ""

    @property
    def alarm(self) -> bool:
        return self.status == "exceeded"

    @property
    def parameter(self) -> Parameter | None:
        return get_parameter(self.parameter_id)

    def status_word(self, lang: str = "zh") -> str:
        return STATUS_WORDS[self.status][_lang(lang)]

    def words(self, lang: str = "zh") -> str:
        """The short verdict every view shows: '超标1.4倍', '达标', '无法判定：检出限高于限值' …"""
        en = _lang(lang)
        if self.status == "exceeded":
            return self._exceeded_words(en)
        if self.status in ("inconclusive", "not_comparable", "no_limit") and self.reason in _REASONS:
            sep = ": " if en else "："
            return self.status_word(lang) + sep + _REASONS[self.reason][en]
        return self.status_word(lang)

    def reason_text(self, lang: str = "zh") -> str:
        """Why the app could not judge, in a full sentence ('' when it could)."""
        return _REASONS[self.reason][2 + _lang(lang)] if self.reason in _REASONS else ""

    def _exceeded_words(self, en: int) -> str:
        lim = self.limit
        if self.direction == "low":
            low = limit_number(lim.lower) if lim and lim.lower is not None else "?"
            return f"below the minimum {low}" if en else f"超标（低于下限{low}）"
        if lim is not None and lim.is_range:
            return f"above the maximum {limit_number(lim.upper)}" if en else f"超标（高于上限{limit_number(lim.upper)}）"
        if self.multiple is None:
            return STATUS_WORDS["exceeded"][en]
        at_least = self.qualifier == ">"
        if en:
            text = f"{ratio_number(self.ratio, self.multiple)}× the limit ({percent_over(self.multiple)}% over)"
            return ("at least " + text) if at_least else text
        return f"超标{multiple_number(self.multiple)}倍" + ("以上" if at_least else "")

    def standard_text(self, lang: str = "zh") -> str:
        """Which standard (and table/class) judged it, said out loud."""
        if self.limit is not None:
            return self.limit.label(lang)
        if self.status in ("not_comparable", "unknown_parameter"):
            return ""      # nothing judged it: do not name a water standard beside an air value
        return standard_label(self.standard, lang) if self.standard else ""

    def limit_text(self, lang: str = "zh", unit: str | None = None, with_unit: bool = True) -> str:
        """'≤0.005 mg/L', '6–9', '≥5 mg/L'; ``unit='µg/L'`` gives the limit in µg/L beside a value
        shown in µg/L (a trace metal); ``with_unit=False`` for a table with its own unit column."""
        lim = self.limit
        if lim is None:
            return ""
        scale = 1000.0 if unit == "µg/L" and lim.unit == "mg/L" else 1.0
        shown = unit if scale != 1.0 else lim.unit
        suffix = "" if shown == "pH" or not with_unit else f" {shown}"

        def num(v: float) -> str:
            return limit_number(v * scale)
        if lim.is_range:
            return f"{num(lim.lower)}–{num(lim.upper)}"
        if lim.lower is not None:
            return f"≥{num(lim.lower)}{suffix}"
        return f"≤{num(lim.upper)}{suffix}"

    def explanation(self, lang: str = "zh") -> str:
        """For tooltips and popups: the verdict, why it could not be judged (if so), the limit and the
        standard that was applied."""
        en = bool(_lang(lang))
        std = self.standard_text(lang)
        parts = [self.words(lang)]
        if self.reason_text(lang):
            parts.append(self.reason_text(lang))
        if self.limit is not None:
            parts.append(f"limit {self.limit_text(lang)} ({std})" if en else f"限值{self.limit_text(lang)}（{std}）")
        elif std:
            parts.append(f"({std})" if en else f"（{std}）")
        return ("; " if en else "；").join(parts)

    @property
    def colour(self) -> str:
        return COLOURS[self.status]

    @property
    def background(self) -> str:
        if self.status == "exceeded" and self.ratio is not None:
            return EXCEEDED_BACKGROUNDS[2 if self.ratio > 11 else 1 if self.ratio > 3 else 0]
        return BACKGROUNDS[self.status]


def _against(limit: Limit, qualifier: str, v: float) -> tuple[str, str | None, str]:
    """(status, direction, reason) of value ``v`` with ``qualifier`` against ``limit``."""
    upper, lower = limit.upper, limit.lower
    high = upper is not None and v > upper * (1 + _TOLERANCE)
    low = lower is not None and v < lower * (1 - _TOLERANCE)
    if qualifier == "":
        return ("exceeded", "high" if high else "low", "") if (high or low) else ("within", None, "")
    if qualifier == "<":          # the true value is below v
        if lower is not None and v <= lower:
            return "exceeded", "low", ""
        if lower is None:         # a concentration: v is the detection limit
            return ("inconclusive", "high", "lod_above_limit") if high else ("not_detected", None, "")
        return "inconclusive", "low", "bound"
    # '>': the true value is above v
    if upper is not None and v >= upper:
        return "exceeded", "high", ""
    if upper is None and lower is not None and v >= lower:
        return "within", None, ""
    return "inconclusive", "high", "bound"


def judge_canonical(parameter: Parameter | None, text: str, *, value: float | None, unit: str,
                    qualifier: str, medium: str, standard: str) -> Verdict:
    """Judge a value already in the parameter's canonical unit (what the store holds)."""
    std = check_standard(standard)
    base = dict(parameter_id=parameter.id if parameter else None, parameter_text=text, medium=medium,
                standard=std, value=value, unit=unit, qualifier=qualifier)
    if parameter is None:
        return Verdict("unknown_parameter", reason="unknown", **base)
    if medium != "water":
        return Verdict("not_comparable", reason="medium_air" if medium == "air" else "medium_soil", **base)
    limit = limit_for(parameter, std, unit)
    if limit is None:
        return Verdict("no_limit", reason="no_limit", **base)
    if not _unit_matches(limit.unit, unit):
        return Verdict("not_comparable", limit=limit, reason="unit", **base)
    if qualifier == "ND" or value is None:
        return Verdict("not_detected", limit=limit, **base)
    status, direction, reason = _against(limit, qualifier, value)
    ratio = value / limit.upper if limit.upper else None
    multiple = (value - limit.upper) / limit.upper if status == "exceeded" and direction == "high" \
        and limit.upper and not limit.is_range else None
    return Verdict(status, limit=limit, ratio=ratio, multiple=multiple, direction=direction, reason=reason,
                   **base)


def _unit_matches(limit_unit: str, unit: str) -> bool:
    return limit_unit == unit


def judge(text: str, value, unit: str | None, qualifier: str | None = None, *, medium: str = "water",
          standard: str = "GB3838-III", parameter_id: str | None = None) -> Verdict:
    """Judge a value as typed ('Cd', '12', 'µg/L'). Bad input raises a vocabulary error (the unit
    does not fit, the value is not a number) naming what to type instead."""
    from .measure import normalise_measurement

    vocab = load_vocabulary()
    parameter = vocab.get(parameter_id) if parameter_id else vocab.resolve(text, medium)
    m = normalise_measurement(text, value, unit, qualifier, medium=medium, parameter=parameter)
    return judge_canonical(parameter, text, value=m.value, unit=m.unit, qualifier=m.qualifier, medium=medium,
                           standard=standard)


def judge_row(row: dict, standard: str, medium: str = "water") -> Verdict:
    """Judge a stored measurement row (parameter, parameter_id, value, unit, qualifier)."""
    return judge_canonical(get_parameter(row.get("parameter_id")), row.get("parameter") or "",
                           value=row.get("value"), unit=row.get("unit") or "",
                           qualifier=row.get("qualifier") or "", medium=medium, standard=standard)


def worst(statuses) -> str:
    """The status a point shows on the map and in the report: the most serious of its verdicts."""
    best = "none"
    for s in statuses:
        if RANK.get(s, 0) > RANK[best]:
            best = s
    return best
