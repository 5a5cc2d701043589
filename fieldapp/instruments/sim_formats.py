"""What a simulated device says: realistic values (mean + drift + noise) rendered in a profile's format.

Text profiles render ``simulate.template`` (``{name}`` = a value token, ``{time}`` = device clock,
``{seq}`` = record number); NMEA, YSI-style header/value and binary profiles have generic encoders
here. Faults (bad value tokens, corrupt checksums) are chosen by the caller's ``Faults``.
"""
from __future__ import annotations

import math
import random
import struct
import time
from dataclasses import dataclass
from datetime import datetime, timezone

BAD_TOKENS = ("OVER", "----", "ERR", "<0.01")


@dataclass
class Faults:
    garbage: float = 0.0       # probability per tick of a garbage line/burst
    bad_values: float = 0.0    # probability per value of OVER/----/ERR/<0.01
    corrupt: float = 0.0       # probability per record of a wrong checksum (NMEA, binary)
    banner: bool = False       # power-on banner before the first record
    split: bool = True         # write records in random pieces (split reads)
    drop_replies: float = 0.0  # probability that a polled device does not answer a command
    check_baud: bool = True    # garble what is sent while the app's baud rate is not the device's


class SimulatorError(ValueError):
    """A profile the simulator cannot speak; the message says what to add."""


def _fmt(value: float, spec: dict) -> str:
    if spec.get("format") == "comma":
        return _fmt(value, {k: v for k, v in spec.items() if k != "format"}).replace(".", ",")
    if spec.get("format") == "eng":
        # WTW style engineering notation: 34.3E+3
        exp = int(math.floor(math.log10(abs(value)) / 3) * 3) if value else 0
        return f"{value / 10 ** exp:.1f}E{exp:+d}"
    if "decimals" in spec:
        return f"{value:.{spec['decimals']}f}"
    return f"{value:.3f}"


class ValueSource:
    """One channel: mean + drift * t + gaussian noise, clamped to min/max."""

    def __init__(self, spec: dict, rng: random.Random):
        self.spec, self.rng, self.t0 = spec, rng, time.monotonic()

    def value(self) -> float:
        s = self.spec
        v = s.get("mean", 0.0) + s.get("drift", 0.0) * (time.monotonic() - self.t0)
        v += self.rng.gauss(0.0, s.get("noise", 0.0))
        if "min" in s:
            v = max(v, s["min"])
        if "max" in s:
            v = min(v, s["max"])
        return v

    def token(self, faults: Faults) -> tuple[str, bool]:
        if faults.bad_values and self.rng.random() < faults.bad_values:
            return self.rng.choice(BAD_TOKENS), True
        return _fmt(self.value(), self.spec), False


class RecordEncoder:
    """Builds the bytes of one record (continuous devices) or one reply (polled devices)."""

    def __init__(self, profile, rng: random.Random, faults: Faults):
        self.profile, self.rng, self.faults = profile, rng, faults
        sim = profile.simulate
        self.sources = {str(k): ValueSource(v, rng) for k, v in (sim.get("values") or {}).items()}
        self.meta = sim.get("meta") or {}
        self.seq = 0
        self.code_index = 0
        self.echo = bool(sim.get("echo", False))
        self.kind = profile.record["type"]
        if self.kind in ("delimited", "regex") and not sim.get("template"):
            raise SimulatorError(f"{profile.source or profile.name}: simulate.template: is missing, so the "
                                 "simulator does not know what to send; add a simulate section with a "
                                 "template line (see resources/instruments/README.md)")
        missing = sorted(set(self._needed()) - set(self.sources))
        if missing:
            raise SimulatorError(f"{profile.source or profile.name}: simulate.values: no value for "
                                 f"{', '.join(missing)}; add e.g. {missing[0]}: {{mean: 1.0, noise: 0.1}}")

    def _needed(self) -> list[str]:
        import string

        if self.kind == "nmea":
            return ["lat", "lon", "alt", "hdop"]
        if self.kind in ("ordered_by_header", "binary"):
            return [str(c) for c in self.profile.simulate.get("codes", [])]
        fields = [f for _t, f, _s, _c in string.Formatter().parse(self.profile.simulate["template"]) if f]
        return [f.split(":")[0].split("!")[0] for f in fields if f.split(":")[0] not in ("time", "seq")]

    # -- continuous records ---------------------------------------------------------------------
    def record(self) -> tuple[list[bytes], int, int]:
        """(records, number of data records, number with a deliberate fault that makes them invalid)."""
        self.seq += 1
        if self.kind == "nmea":
            return self._nmea()
        if self.kind == "binary":
            return self._binary()
        if self.kind == "ordered_by_header":
            return [self._ordered_values()], 1, 0
        return [self._template()], 1, 0

    def _now(self) -> datetime:
        return datetime.now(timezone.utc).replace(tzinfo=None)

    def _template(self) -> bytes:
        tokens = {k: src.token(self.faults)[0] for k, src in self.sources.items()}
        when = self._now().strftime(self.meta.get("time_format", "%Y-%m-%d %H:%M:%S"))
        line = self.profile.simulate["template"].format(time=when, seq=self.seq, **tokens)
        return line.encode(self.profile.encoding) + b"\r\n"

    def _ordered_values(self) -> bytes:
        codes = [str(c) for c in self.profile.simulate.get("codes", [])]
        return " ".join(self.sources[c].token(self.faults)[0] for c in codes).encode() + b"\r\n"

    def _nmea_line(self, body: str, corrupt: bool) -> bytes:
        cks = 0
        for ch in body.encode("ascii"):
            cks ^= ch
        if corrupt:
            cks ^= 0x5A
        return f"${body}*{cks:02X}\r\n".encode("ascii")

    def _nmea(self) -> tuple[list[bytes], int, int]:
        talker = self.meta.get("talker", "GP")
        now = self._now()
        hms = now.strftime("%H%M%S.") + f"{now.microsecond // 10000:02d}"
        lat, lon = self.sources["lat"].value(), self.sources["lon"].value()
        lat_s = f"{int(abs(lat)):02d}{(abs(lat) % 1) * 60:07.4f},{'N' if lat >= 0 else 'S'}"
        lon_s = f"{int(abs(lon)):03d}{(abs(lon) % 1) * 60:07.4f},{'E' if lon >= 0 else 'W'}"
        alt = _fmt(self.sources["alt"].value(), self.sources["alt"].spec)
        hdop = _fmt(self.sources["hdop"].value(), self.sources["hdop"].spec)
        gga = f"{talker}GGA,{hms},{lat_s},{lon_s},1,12,{hdop},{alt},M,-3.1,M,,"
        rmc = f"{talker}RMC,{hms},A,{lat_s},{lon_s},0.02,,{now:%d%m%y},,,A"
        out, bad = [], 0
        for body in (gga, rmc):
            corrupt = bool(self.faults.corrupt and self.rng.random() < self.faults.corrupt)
            bad += corrupt
            out.append(self._nmea_line(body, corrupt))
        return out, 2, bad

    def _binary(self) -> tuple[list[bytes], int, int]:
        f, rec = self.profile.framing, self.profile.record
        codes = self.profile.simulate.get("codes") or [1]
        code = codes[self.code_index % len(codes)]
        self.code_index += 1
        frame = bytearray(int(f["length"]))
        frame[0] = int(f["start_byte"])
        if f.get("length_offset") is not None:
            frame[f["length_offset"]] = len(frame)
        if "serial" in rec:
            struct.pack_into(rec["serial"]["type"], frame, rec["serial"]["offset"], 40321)
        if "code" in rec:
            struct.pack_into(rec["code"].get("type", "B"), frame, rec["code"]["offset"], int(code))
        value = self.sources[str(code)].value()
        flags = 0
        if self.faults.bad_values and self.rng.random() < self.faults.bad_values:
            value, flags = (float("nan"), 0b100) if self.rng.random() < 0.5 else (value, 0b1000)
        struct.pack_into(rec["value"].get("type", ">f"), frame, rec["value"]["offset"], value)
        if "flags" in rec:
            frame[rec["flags"]["offset"]] = flags
        if "device_time" in rec:
            spec = rec["device_time"]
            struct.pack_into(spec["type"], frame, spec["offset"], int(time.time()))
        start, end = int(f.get("checksum_from", 0)), int(f.get("checksum_to", len(frame) - 1))
        cks = 0
        for b in frame[start:end]:
            cks = cks ^ b if f.get("checksum", "xor") == "xor" else (cks + b) & 0xFF
        corrupt = bool(self.faults.corrupt and self.rng.random() < self.faults.corrupt)
        frame[int(f.get("checksum_offset", len(frame) - 1))] = cks ^ (0xFF if corrupt else 0)
        return [bytes(frame)], 1, int(corrupt)

    # -- polled devices -------------------------------------------------------------------------
    def reply(self, command: str) -> tuple[bytes, int]:
        """Bytes answering ``command`` and the number of data records in them."""
        out, n = b"", 0
        if self.echo:
            out += command.encode("ascii", "replace") + b"\r\n"
        cmd = command.strip()
        if cmd.startswith("setecho"):
            self.echo = cmd.endswith("1")
        elif self.kind == "ordered_by_header" and cmd == self.profile.record.get("header_command", "para"):
            out += " ".join(str(c) for c in self.profile.simulate.get("codes", [])).encode() + b"\r\n"
        elif cmd in (self.profile.poll or {}).get("commands", []):
            if self.faults.drop_replies and self.rng.random() < self.faults.drop_replies:
                return out, 0           # the meter is busy: no reply, no prompt
            recs, n, _bad = self.record()
            out += b"".join(recs)
        else:
            out += b"?ERR unknown command\r\n"
        prompt = self.profile.framing.get("prompt", "")
        return out + prompt.encode("ascii"), n
