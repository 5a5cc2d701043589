"""Timestamps: stored as ISO-8601 UTC with milliseconds ("2026-11-29T05:20:00.123Z").

Users type local laptop time; it is converted to UTC on entry and back to local for display.
"""
from __future__ import annotations

import functools
import re
import time
from datetime import datetime, timedelta, timezone

from fieldapp.core.errors import ValidationError

# Laptop clocks drift and GPS/instrument clocks differ: allow a little skew before calling a time "future".
FUTURE_TOLERANCE = timedelta(minutes=10)


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


def to_iso(dt: datetime) -> str:
    if dt.tzinfo is None:
        dt = dt.astimezone()  # naive = laptop local time
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


def now_iso() -> str:
    return to_iso(now_utc())


_CANONICAL = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\Z")
_limit_cache: tuple[float, str] = (0.0, "")


def _future_limit() -> str:
    """now + tolerance as stored text, recomputed at most once a second (bulk imports call this a lot)."""
    global _limit_cache
    t = time.monotonic()
    if t - _limit_cache[0] > 1.0:
        _limit_cache = (t, to_iso(now_utc() + FUTURE_TOLERANCE))
    return _limit_cache[1]


@functools.lru_cache(maxsize=4096)
def _to_stored(text: str, field: str) -> str:
    s = text.strip()
    if not s:
        raise ValidationError(field, code="required")
    s = s.replace("Z", "+00:00").replace("/", "-")
    try:
        dt = datetime.fromisoformat(s)
    except ValueError:
        raise ValidationError(field, code="time_invalid", params={"value": text}) from None
    return to_iso(dt)


def parse_time(text: str | datetime, field: str = "time", allow_future: bool = False) -> str:
    """Parse a user/instrument time into the stored ISO UTC form, refusing far-future times.

    Stored-form text (what the app itself writes) is taken as is; other forms are parsed once
    and cached, since bulk imports repeat the same times.
    """
    if isinstance(text, datetime):
        iso = to_iso(text)
    elif isinstance(text, str) and _CANONICAL.match(text):
        iso = text
    else:
        iso = _to_stored(str(text), field)
    if not allow_future and iso > _future_limit():
        shown = datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone().strftime("%Y-%m-%d %H:%M")
        raise ValidationError(field, code="time_future", params={"value": shown})
    if iso < "1990":
        raise ValidationError(field, code="time_past", params={"value": iso[:4]})
    return iso


def to_local_display(iso: str) -> str:
    """'2026-11-29T05:20:00.123Z' -> '2026-11-29 13:20' in the laptop's time zone."""
    if not iso:
        return ""
    dt = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    return dt.astimezone().strftime("%Y-%m-%d %H:%M")


def to_local_iso(iso: str | None) -> str:
    """'2026-11-29T05:20:00.123Z' -> '2026-11-29T13:20:00+08:00': local time with its offset, the
    same clock the PDFs print (exports: CSV, GeoJSON, KML)."""
    if not iso:
        return ""
    dt = datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone()
    return dt.isoformat(timespec="seconds")
