"""Timestamps: stored as ISO-8601 UTC with milliseconds ("2026-11-29T05:20:00.123Z").

Users type local laptop time; it is converted to UTC on entry and back to local for display.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from fieldapp.store.errors import ValidationError

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


def parse_time(text: str | datetime, field: str = "time", allow_future: bool = False) -> str:
    """Parse a user/instrument time into the stored ISO UTC form, refusing far-future times."""
    if isinstance(text, datetime):
        dt = text
    else:
        s = str(text).strip()
        if not s:
            raise ValidationError(field, f"{field}: a time is required")
        s = s.replace("Z", "+00:00").replace("/", "-")
        try:
            dt = datetime.fromisoformat(s)
        except ValueError:
            raise ValidationError(
                field, f"{field}: '{text}' is not a time; use YYYY-MM-DD HH:MM (local time)"
            ) from None
    if dt.tzinfo is None:
        dt = dt.astimezone()
    if not allow_future and dt - now_utc() > FUTURE_TOLERANCE:
        raise ValidationError(
            field,
            f"{field}: {dt.astimezone().strftime('%Y-%m-%d %H:%M')} is in the future; "
            "check the date and the laptop clock",
        )
    if dt.year < 1990:
        raise ValidationError(field, f"{field}: {dt.year} is too far in the past; check the date")
    return to_iso(dt)


def to_local_display(iso: str) -> str:
    """'2026-11-29T05:20:00.123Z' -> '2026-11-29 13:20' in the laptop's time zone."""
    if not iso:
        return ""
    dt = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    return dt.astimezone().strftime("%Y-%m-%d %H:%M")
