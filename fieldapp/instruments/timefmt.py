"""Instrument clocks: date formats as people write them, device time zones, stored as UTC.

Meter manuals write formats the way the display shows them (``dd.mm.yyyy hh:mm:ss``,
``mm/dd/yy hh:mm:ss``); a profile may use that or a strftime format (``%d.%m.%Y %H:%M:%S``).
Device clocks are set to local time, so a device time is converted with the profile's
``timezone`` (default: the laptop's zone) and stored like every other time: ISO-8601 UTC.
A token that does not fit the format is not stored as a time at all (the raw line keeps it) and
the record says why, so a dd/mm/yy clock read as mm/dd/yy can never pass as a date.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone, tzinfo

from functools import lru_cache

from fieldapp.core.timeutil import to_iso

# Longest first, so "yyyy" is not read as two "yy".
_DATE_TOKENS = [("yyyy", "%Y"), ("yy", "%y"), ("mmm", "%b"), ("mm", "%m"), ("dd", "%d"), ("m", "%m"),
                ("d", "%d")]
_TIME_TOKENS = [("hh", "%H"), ("mm", "%M"), ("ss", "%S"), ("fff", "%f"), ("h", "%H"), ("m", "%M"),
                ("s", "%S")]
_TOKEN = re.compile(r"[a-zA-Z]+")


class TimeFormatError(ValueError):
    """A format or time zone a profile cannot use; the message says what to write instead."""


def _convert_part(part: str, tokens: list[tuple[str, str]]) -> str:
    out, pos = [], 0
    for m in _TOKEN.finditer(part):
        out.append(part[pos:m.start()])
        word, low = m.group(0), m.group(0).lower()
        if low in ("am", "pm", "tt", "ap"):
            out.append("%p")
        else:
            i, conv = 0, []
            while i < len(low):
                for tok, directive in tokens:
                    if low.startswith(tok, i):
                        conv.append(directive)
                        i += len(tok)
                        break
                else:
                    raise TimeFormatError(f"'{word}' is not a date/time part (use dd, mm, yyyy or yy, "
                                          "hh, mm, ss; e.g. dd.mm.yyyy hh:mm:ss)")
            out.append("".join(conv))
        pos = m.end()
    out.append(part[pos:])
    return "".join(out)


def to_strftime(fmt: str) -> str:
    """``dd.mm.yyyy hh:mm:ss`` -> ``%d.%m.%Y %H:%M:%S``; a strftime format is returned as it is.

    ``mm`` is the month in the date part and minutes after an hour (``hh:mm``)."""
    if "%" in fmt:
        return fmt
    pieces = re.split(r"(\s+|T(?=[hH]))", fmt)
    out = []
    for piece in pieces:
        if not piece or piece.isspace() or piece == "T":
            out.append(piece)
            continue
        is_time = bool(re.search(r"[hH]", piece)) or ":" in piece
        out.append(_convert_part(piece, _TIME_TOKENS if is_time else _DATE_TOKENS))
    result = "".join(out)
    if "%H" in result and "%p" in result:
        result = result.replace("%H", "%I")
    return result


def check_format(fmt: str) -> str:
    """The strftime form of ``fmt``, or TimeFormatError naming what is wrong."""
    strf = to_strftime(fmt)
    if not re.search(r"%[YymdbHIMS]", strf):
        raise TimeFormatError(f"'{fmt}' holds no date or time part (e.g. dd.mm.yyyy hh:mm:ss)")
    try:
        sample = datetime(2026, 11, 29, 13, 5, 41).strftime(strf)
        datetime.strptime(sample, strf)
    except ValueError as exc:
        raise TimeFormatError(f"'{fmt}' is not a usable format ({exc}); e.g. dd.mm.yyyy hh:mm:ss") from None
    return strf


_OFFSET = re.compile(r"^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$", re.I)


def parse_timezone(text: str | None) -> tzinfo | None:
    """'local' / '' -> None (the laptop's zone); 'UTC', '+08:00', 'UTC+8', 'Asia/Shanghai' -> tzinfo."""
    t = (text or "").strip()
    if t.lower() in ("", "local"):
        return None
    if t.upper() in ("UTC", "GMT", "Z"):
        return timezone.utc
    m = _OFFSET.match(t)
    if m:
        sign, hours, minutes = m.groups()
        delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
        if delta > timedelta(hours=14):
            raise TimeFormatError(f"time zone '{t}' is more than 14 hours from UTC")
        return timezone(delta if sign == "+" else -delta)
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(t)
    except Exception:  # noqa: BLE001 - ZoneInfoNotFoundError, ValueError for odd names
        raise TimeFormatError(f"unknown time zone '{t}' (use local, UTC, +08:00 or a name such as "
                              "Asia/Shanghai)") from None


@lru_cache(maxsize=64)
def _has_date(strf: str) -> bool:
    return bool(re.search(r"%[Yymdb]", strf))


def device_time(token: str, strf: str | None, tz: tzinfo | None) -> tuple[str | None, str]:
    """(stored UTC time or None, problem text or '') for one clock token of a record."""
    token = token.strip()
    if not token:
        return None, ""
    if not strf:
        try:
            dt = datetime.fromisoformat(token.replace("Z", "+00:00"))
        except ValueError:
            return None, f"device time {token!r} is not an ISO time: set record.device_time.format"
    else:
        try:
            dt = datetime.strptime(token, strf)
        except ValueError:
            return None, f"device time {token!r} does not fit the format {strf!r}"
    if strf and not _has_date(strf):
        # A clock that prints only the time of day: today's date where the device is.
        today = datetime.now(tz).date() if tz is not None else datetime.now().date()
        dt = datetime.combine(today, dt.time())
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=tz) if tz is not None else dt.astimezone()
    return to_iso(dt), ""
