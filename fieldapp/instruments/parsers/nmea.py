"""NMEA 0183 GGA/RMC/GLL from any talker (GP, GN, GL, GA, BD, GB, ...) with a fix-quality filter.

The filter is the app's job. By default only real fixes count (NMEA 0183 v4.10 field meanings):
GGA quality 1 (GPS), 2 (differential), 4 (RTK fixed), 5 (RTK float); not 0 (none), 3 (PPS),
6 (estimated / dead reckoning), 7 (manual input) or 8 (simulator). RMC and GLL need status A and,
where the receiver sends the mode indicator (NMEA 2.3+), mode A (autonomous), D (differential),
F (RTK float), R (RTK fixed) or P (precise); N (not valid), E (estimated), M (manual) and
S (simulator) are refused. A refused sentence is stored as 'rejected' with the reason and yields
no Fix, so a demo-mode or simulated position never fills a sampling point's coordinates.

Datum: positions are WGS 84 unless the receiver says otherwise (``$GPDTM`` local datum code, or
Garmin's ``$PGRMM`` map datum). Any other datum is carried on every later Fix and in the record's
reason, so it is flagged wherever the position is shown, never silently mixed with WGS 84.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from ..records import STATUS_IGNORED, STATUS_PARTIAL, STATUS_REJECTED, Fix, Reading
from . import BaseParser, Parsed, error, finish

ROLLOVER = timedelta(weeks=1024)
QUALITY_WORDS = {0: "no fix", 1: "GPS", 2: "differential", 3: "PPS", 4: "RTK fixed", 5: "RTK float",
                 6: "estimated (dead reckoning)", 7: "manual input", 8: "simulator"}
MODE_WORDS = {"A": "autonomous", "D": "differential", "F": "RTK float", "R": "RTK fixed", "P": "precise",
              "N": "not valid", "E": "estimated (dead reckoning)", "M": "manual input", "S": "simulator"}


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


def _position(f: list[str], i: int) -> tuple[float, float, list[Reading]]:
    """lat, lon and their readings from the four fields starting at ``f[i]``."""
    lat = _coord(f[i], f[i + 1], 2, 90)
    lon = _coord(f[i + 2], f[i + 3], 3, 180)
    return lat, lon, [Reading("latitude", lat, "deg", text=f"{f[i]}{f[i + 1]}"),
                      Reading("longitude", lon, "deg", text=f"{f[i + 2]}{f[i + 3]}")]


class NmeaParser(BaseParser):
    def __init__(self, profile):
        super().__init__(profile)
        rec = profile.record
        self.sentences = set(rec.get("sentences", ["GGA", "RMC", "GLL"]))
        self.accept_quality = {int(q) for q in rec.get("accept_quality", (1, 2, 4, 5))}
        self.accept_modes = {str(m).upper() for m in rec.get("accept_modes", ("A", "D", "F", "R", "P"))}
        self.max_hdop = float(rec.get("max_hdop", 5.0))
        self.datum = "WGS84"               # until a DTM / PGRMM sentence says otherwise
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
        if addr == "PGRMM":
            return self._set_datum(fields[1] if len(fields) > 1 else "", "PGRMM")
        if addr.startswith("P"):
            return Parsed(STATUS_IGNORED, f"proprietary sentence {addr} not used")
        if len(addr) != 5 or not addr.isalnum():
            return error(f"bad NMEA address field {addr!r}")
        talker, kind = addr[:2], addr[2:]
        if kind == "DTM":
            return self._set_datum(fields[1] if len(fields) > 1 else "", "DTM")
        if kind not in self.sentences:
            return Parsed(STATUS_IGNORED, f"{kind} sentence not used")
        try:
            out = {"GGA": self._gga, "RMC": self._rmc, "GLL": self._gll}[kind](talker, fields)
        except (ValueError, IndexError) as exc:
            return error(f"malformed {addr}: {exc}")
        if out.fix is not None:
            out.fix.datum, out.fix.sentence = self.datum, kind
            if not out.fix.datum_ok:
                out.reason = "; ".join(filter(None, [out.reason, self._datum_note()]))
                out.status = STATUS_PARTIAL
        return out

    def _datum_note(self) -> str:
        return f"datum {self.datum}, not WGS 84: the position may be offset; set the receiver to WGS 84"

    def _set_datum(self, code: str, source: str) -> Parsed:
        names = {"W84": "WGS84", "WGS84": "WGS84", "WGS 84": "WGS84", "W72": "WGS72", "S85": "SGS85",
                 "P90": "PE90", "999": "user-defined"}
        code = code.strip()
        self.datum = names.get(code.upper(), code or "unknown")
        note = "datum WGS 84" if self.datum == "WGS84" else self._datum_note()
        return Parsed(STATUS_IGNORED, f"{source}: {note}")

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
        if quality not in self.accept_quality:
            words = QUALITY_WORDS.get(quality, "unknown")
            return Parsed(STATUS_REJECTED, f"no usable fix: GGA quality {quality} ({words})",
                          device_time=device_time)
        hdop = float(f[8]) if f[8] else None
        if hdop is None or hdop > self.max_hdop:
            return Parsed(STATUS_REJECTED, f"HDOP {f[8] or 'missing'} above the bound {self.max_hdop}",
                          device_time=device_time)
        lat, lon, readings = _position(f, 2)
        alt = float(f[9]) if f[9] else None
        sats = int(f[7]) if f[7] else None
        readings += [Reading("hdop", hdop, "", text=f[8]), Reading("fix_quality", float(quality), "", text=f[6])]
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
        refused = self._status_refused("RMC", f[2], f[12] if len(f) > 12 else "")
        if refused:
            return Parsed(STATUS_REJECTED, refused, device_time=device_time)
        lat, lon, readings = _position(f, 3)
        if f[7]:
            readings.append(Reading("speed", float(f[7]) * 0.514444, "m/s", text=f[7]))
        out = finish(readings, device_time, info=notes)
        out.fix = Fix(lat, lon, None, None, None, None, device_time, talker)
        return out

    def _status_refused(self, kind: str, status: str, mode: str) -> str:
        if status != "A":
            return f"no usable fix: {kind} status {status or 'empty'} (void)"
        mode = mode.strip().upper()[:1]
        if mode and mode not in self.accept_modes:
            return f"no usable fix: {kind} mode {mode} ({MODE_WORDS.get(mode, 'unknown')})"
        return ""

    def _gll(self, talker: str, f: list[str]) -> Parsed:
        if len(f) < 7:
            raise ValueError(f"GLL has {len(f)} fields, needs at least 7")
        device_time = self._time(f[5])
        refused = self._status_refused("GLL", f[6], f[7] if len(f) > 7 else "")
        if refused:
            return Parsed(STATUS_REJECTED, refused, device_time=device_time)
        lat, lon, readings = _position(f, 1)
        out = finish(readings, device_time)
        out.fix = Fix(lat, lon, None, None, None, None, device_time, talker)
        return out
