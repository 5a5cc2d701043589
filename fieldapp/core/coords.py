"""Coordinates typed in the field: decimal degrees or degrees-minutes-seconds, WGS 84.

Accepted forms (hemisphere letter before or after, or a minus sign):
  30.5123      -30.5123      30.5123N      N30.5123
  30°30'44.3"N     30 30 44.3 N     30d30m44.3s N     30°30.738'N     30:30:44.3     24.5 S
Also the Chinese 度分秒 marks and hemisphere words: 30度30分44.3秒, 北纬24度39分, 东经108.33, 南纬5.
An upper-case S is always "south"; a lower-case s after minutes is the seconds mark (30d30m44s).
"""
from __future__ import annotations

import re

from fieldapp.core.errors import ValidationError

# China's extent with margin: used to warn (not refuse) about swapped or implausible positions.
CHINA_LAT = (17.0, 54.5)
CHINA_LON = (72.0, 136.0)

_NUM = r"(\d+(?:[.,]\d+)?)"
# Case-sensitive on purpose: "S" is south, "s" the seconds mark; d/m marks in either case.
_SEP = r"[\s°º˚dD:度'′’mM分\"″”s秒]*"
_HEMI_CHARS = "NSEWnew北南东西"
_DMS = re.compile(
    rf"^\s*([{_HEMI_CHARS}])?\s*([+-])?\s*{_NUM}{_SEP}(?:{_NUM}{_SEP})?(?:{_NUM}{_SEP})?\s*([{_HEMI_CHARS}])?\s*$"
)
_HEMI = {"北": "N", "南": "S", "东": "E", "西": "W"}
_WORDS = {"北纬": "N", "南纬": "S", "东经": "E", "西经": "W"}


def parse_angle(text: str, axis: str) -> float:
    """Parse one coordinate; axis is 'lat' or 'lon'. Raises ValidationError with a plain message."""
    s = str(text).strip().replace("，", ",")
    if not s:
        raise ValidationError(axis, code="required")
    for word, letter in _WORDS.items():
        s = s.replace(word, letter)
    if re.fullmatch(r"[+-]?\d+(?:[.,]\d+)?\s*s", s):
        s = s[:-1] + "S"         # "24.5s": a lone number has no seconds; it can only mean south
    m = _DMS.match(s)
    if not m:
        raise ValidationError(axis, code="coord_invalid", params={"value": text})
    h1, sign, d, mi, se, h2 = m.groups()
    if h1 and h2:
        raise ValidationError(axis, code="coord_two_hemispheres", params={"value": text})
    hemi = (h1 or h2 or "").upper()
    hemi = _HEMI.get(hemi, hemi)
    deg = float(d.replace(",", "."))
    minutes = float(mi.replace(",", ".")) if mi else 0.0
    seconds = float(se.replace(",", ".")) if se else 0.0
    if mi and "." in d:
        raise ValidationError(axis, code="coord_decimal_minutes", params={"value": text})
    if minutes >= 60 or seconds >= 60:
        raise ValidationError(axis, code="coord_minutes_60", params={"value": text})
    value = deg + minutes / 60 + seconds / 3600
    if hemi in ("S", "W") or sign == "-":
        value = -value
    if hemi and ((axis == "lat" and hemi in "EW") or (axis == "lon" and hemi in "NS")):
        raise ValidationError(axis, code="coord_wrong_hemisphere", params={"value": text, "hemi": hemi})
    # One axis alone cannot tell a swap (latitude 124 may be a typo): the message says what the
    # value would be and where to type it; the pair check (china_problem) names a real swap.
    limit = 90 if axis == "lat" else 180
    if abs(value) > limit:
        raise ValidationError(axis, code=f"{axis}_range", params={"value": f"{value:g}"})
    return round(value, 7)


def parse_position(lat_text: str, lon_text: str) -> tuple[float, float]:
    """Return (lat, lon); refuses impossible values, including a swapped pair."""
    lat = parse_angle(lat_text, "lat")
    lon = parse_angle(lon_text, "lon")
    return lat, lon


def china_problem(lat: float, lon: float) -> tuple[str, dict] | None:
    """(message code, params) when a position is outside China, or fits China only swapped."""
    in_china = CHINA_LAT[0] <= lat <= CHINA_LAT[1] and CHINA_LON[0] <= lon <= CHINA_LON[1]
    if in_china:
        return None
    params = {"lat": f"{lat:.5f}", "lon": f"{lon:.5f}"}
    if CHINA_LAT[0] <= lon <= CHINA_LAT[1] and CHINA_LON[0] <= lat <= CHINA_LON[1]:
        return "outside_china_swapped", params
    return "outside_china", params


def china_warning(lat: float, lon: float, lang: str = "en") -> str | None:
    """The same as words (not an error: the user may confirm)."""
    from fieldapp.core.messages import render

    problem = china_problem(lat, lon)
    return render(problem[0], problem[1], lang) if problem else None


def format_dms(value: float, axis: str) -> str:
    hemi = ("N" if value >= 0 else "S") if axis == "lat" else ("E" if value >= 0 else "W")
    v = abs(value)
    d = int(v)
    m = int((v - d) * 60)
    s = (v - d - m / 60) * 3600
    if s >= 59.995:
        s, m = 0.0, m + 1
    if m >= 60:
        m, d = 0, d + 1
    return f"{d}°{m:02d}'{s:05.2f}\"{hemi}"
