"""NMEA 0183 GGA/RMC from any talker (GP, GN, GL, GA, BD, GB, ...) with a fix-quality filter.

The filter is the app's job: a GGA with quality 0, an RMC with status V or an HDOP above the
profile's bound is stored as 'rejected' with the reason, and yields no Fix, so a bad position
never fills a sampling point's coordinates.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from ..records import STATUS_IGNORED, STATUS_REJECTED, Fix, Reading
from . import BaseParser, Parsed, error, finish

ROLLOVER = timedelta(weeks=1024)


def nmea_checksum(body: str) -> int:
    value = 0
    for ch in body.encode("ascii"):
        value ^= ch
    return value


def _coord(value: str, hemi: str, degree_digits: int, limit: float) -> float:
    """``ddmm.mmmm`` / ``dddmm.mmmm`` + hemisphere -> signed degrees; ValueError if malformed."""
    if len(value) < degree_digits + 2 or hemi not in ("N", "S", "E", "W"):
        raise ValueError(f"bad coordinate {value!r} {hemi!r}")
    deg = int(value[:degree_digits])
    minutes = float(value[degree_digits:])
    if minutes >= 60:
        raise ValueError(f"minutes {minutes} out of range in {value!r}")
    result = deg + minutes / 60.0
    if result > limit:
        raise ValueError(f"coordinate {value!r} out of range")
    return -result if hemi in ("S", "W") else result


class NmeaParser(BaseParser):
    def __init__(self, profile):
        super().__init__(profile)
        rec = profile.record
        self.sentences = set(rec.get("sentences", ["GGA", "RMC"]))
        self.min_quality = int(rec.get("min_quality", 1))
        self.max_hdop = float(rec.get("max_hdop", 5.0))
        self._date: date | None = None     # date from the last RMC, to date GGA times
        self.today = lambda: datetime.now(timezone.utc).date()

    def parse(self, payload: bytes) -> Parsed:
        text, bad = self.decode(payload)
        if bad:
            return bad
        text = text.strip()
        if text.startswith("!"):
            return Parsed(STATUS_IGNORED, "encapsulated sentence (AIS) not used")
        start = text.find("$")
        if start < 0:
            return error("not an NMEA sentence (no leading '$')")
        if start > 0:
            return error(f"{start} byte(s) of junk before the '$' of an NMEA sentence")
        body, star, cks = text[1:].rpartition("*")
        if not star:
            return error("NMEA sentence without '*HH' checksum")
        try:
            want = int(cks, 16)
            if len(cks) != 2:
                raise ValueError
        except ValueError:
            return error(f"NMEA checksum field {cks!r} is not two hex digits")
        got = nmea_checksum(body)
        if got != want:
            return error(f"NMEA checksum mismatch: computed {got:02X}, sentence says {want:02X}")
        fields = body.split(",")
        addr = fields[0]
        if addr.startswith("P"):
            return Parsed(STATUS_IGNORED, f"proprietary sentence {addr} not used")
        if len(addr) != 5 or not addr.isalnum():
            return error(f"bad NMEA address field {addr!r}")
        talker, kind = addr[:2], addr[2:]
        if kind not in self.sentences:
            return Parsed(STATUS_IGNORED, f"{kind} sentence not used")
        try:
            if kind == "GGA":
                return self._gga(talker, fields)
            return self._rmc(talker, fields)
        except (ValueError, IndexError) as exc:
            return error(f"malformed {addr}: {exc}")

    def _time(self, hhmmss: str) -> str | None:
        if len(hhmmss) < 6:
            return None
        t = f"{hhmmss[0:2]}:{hhmmss[2:4]}:{hhmmss[4:]}"
        return f"{self._date.isoformat()}T{t}Z" if self._date else t

    def _gga(self, talker: str, f: list[str]) -> Parsed:
        if len(f) < 10:
            raise ValueError(f"GGA has {len(f)} fields, needs at least 10")
        quality = int(f[6] or 0)
        device_time = self._time(f[1])
        if quality < self.min_quality:
            return Parsed(STATUS_REJECTED, f"no usable fix: GGA quality {quality}", device_time=device_time)
        hdop = float(f[8]) if f[8] else None
        if hdop is None or hdop > self.max_hdop:
            return Parsed(STATUS_REJECTED, f"HDOP {f[8] or 'missing'} above the bound {self.max_hdop}",
                          device_time=device_time)
        lat = _coord(f[2], f[3], 2, 90)
        lon = _coord(f[4], f[5], 3, 180)
        alt = float(f[9]) if f[9] else None
        sats = int(f[7]) if f[7] else None
        readings = [Reading("latitude", lat, "deg", text=f"{f[2]}{f[3]}"),
                    Reading("longitude", lon, "deg", text=f"{f[4]}{f[5]}"),
                    Reading("hdop", hdop, "", text=f[8]),
                    Reading("fix_quality", float(quality), "", text=f[6])]
        if alt is not None:
            readings.append(Reading("altitude", alt, "m", text=f[9]))
        if sats is not None:
            readings.append(Reading("satellites", float(sats), "", text=f[7]))
        out = finish(readings, device_time)
        out.fix = Fix(lat, lon, alt, hdop, sats, quality, device_time, talker)
        return out

    def _rmc(self, talker: str, f: list[str]) -> Parsed:
        if len(f) < 10:
            raise ValueError(f"RMC has {len(f)} fields, needs at least 10")
        notes = []
        if len(f[9]) == 6:
            d = date(2000 + int(f[9][4:6]), int(f[9][2:4]), int(f[9][0:2]))
            today = self.today()
            # Old receivers wrap at the 1024-week GPS rollover and report a date ~19.6 years back.
            if today - d > ROLLOVER - timedelta(days=366) and abs(d + ROLLOVER - today) < timedelta(days=366):
                d = d + ROLLOVER
                notes.append("GPS week rollover corrected (+1024 weeks)")
            self._date = d
        device_time = self._time(f[1])
        if f[2] != "A":
            return Parsed(STATUS_REJECTED, f"no usable fix: RMC status {f[2] or 'empty'} (void)",
                          device_time=device_time)
        lat = _coord(f[3], f[4], 2, 90)
        lon = _coord(f[5], f[6], 3, 180)
        readings = [Reading("latitude", lat, "deg", text=f"{f[3]}{f[4]}"),
                    Reading("longitude", lon, "deg", text=f"{f[5]}{f[6]}")]
        if f[7]:
            readings.append(Reading("speed", float(f[7]) * 0.514444, "m/s", text=f[7]))
        out = finish(readings, device_time, notes)
        if out.status == "partial" and notes and all(not r.flag for r in readings):
            out.status = "ok"
        out.fix = Fix(lat, lon, None, None, None, None, device_time, talker)
        return out
