"""Plain data passed between framing, parsing, the reader threads and the store sink.

Nothing here knows about threads, ports or the database, so tests and the bench can build and
inspect these objects directly.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from fieldapp.core.ids import new_uuid

# Parse status of one raw record (a line, a binary frame or a quarantined chunk of bytes).
STATUS_OK = "ok"                  # parsed, every value numeric
STATUS_PARTIAL = "partial"        # parsed, some values qualified/flagged (OVER, ERR, ----, unknown code)
STATUS_IGNORED = "ignored"        # understood but carries no reading (echo, prompt, GSV, header)
STATUS_REJECTED = "rejected"      # well-formed but filtered out (GPS without a usable fix)
STATUS_ERROR = "error"            # framed but not parseable (banner, checksum mismatch, too few fields)
STATUS_QUARANTINED = "quarantined"  # bytes the framer could not frame (garbage, overlong, truncated)
STATUSES = (STATUS_OK, STATUS_PARTIAL, STATUS_IGNORED, STATUS_REJECTED, STATUS_ERROR, STATUS_QUARANTINED)

# Framer event kinds.
KIND_LINE = "line"
KIND_FRAME = "frame"
KIND_ECHO = "echo"
KIND_PROMPT = "prompt"
KIND_BLANK = "blank"      # empty line or the LF half of a CRLF split across reads
KIND_CHUNK = "chunk"      # quarantined bytes
KIND_STATUS = "status"    # no bytes: a connection event (connected, port lost) kept in the raw log


@dataclass
class Frame:
    """A unit the framer cut out of the stream: ``raw`` is every byte consumed, terminator included."""

    raw: bytes
    payload: bytes
    offset: int
    kind: str = KIND_LINE


@dataclass
class Quarantine:
    """Bytes that could not be framed, with the reason why."""

    raw: bytes
    reason: str
    offset: int
    kind: str = KIND_CHUNK


@dataclass
class Reading:
    """One value of one parameter. ``value`` is None when the device sent no usable number.

    ``unit`` is the vocabulary's canonical unit (the value converted exactly into it); ``unit_orig``
    is what the device sent, '' when it sent none. ``channel`` tells apart values of one record that
    share a label ("Oxi" and "Oxi [%]", "Temp" and "Temp #2"); it is what the live view keys on."""

    parameter: str
    value: float | None
    unit: str
    qualifier: str = ""      # '', '<' or '>'
    flag: str = ""           # '', 'over', 'under', 'error', 'missing', 'invalid', 'unmapped'
    text: str = ""           # the token as the device sent it
    unit_orig: str = ""
    channel: str = ""

    def __post_init__(self):
        if not self.channel:
            self.channel = self.parameter


@dataclass
class Fix:
    """A GPS position that passed the fix-quality filter (degrees in ``datum``, normally WGS 84)."""

    lat: float
    lon: float
    alt: float | None = None
    hdop: float | None = None
    satellites: int | None = None
    quality: int | None = None
    device_time: str | None = None
    talker: str = ""
    datum: str = "WGS84"     # the receiver's map datum; anything else is flagged, never silently mixed
    sentence: str = ""       # GGA, RMC or GLL

    @property
    def datum_ok(self) -> bool:
        return self.datum.upper().replace(" ", "").replace("-", "") in ("WGS84", "W84")


@dataclass
class RawRecord:
    """One framed line/frame or quarantined chunk with what the parser made of it."""

    raw: bytes
    kind: str
    status: str
    reason: str = ""
    readings: list[Reading] = field(default_factory=list)
    device_time: str | None = None
    fix: Fix | None = None
    received_at: str = ""
    device: str = ""
    port: str = ""
    profile: str = ""
    uuid: str = field(default_factory=new_uuid)

    @property
    def is_data(self) -> bool:
        """True for records that count as a received data line (parsed into readings)."""
        return self.status in (STATUS_OK, STATUS_PARTIAL)


@dataclass
class DeviceStatus:
    """What the UI shows per device: state is 'connecting', 'connected', 'no_data', 'error' or 'stopped'."""

    device: str
    state: str
    reason: str = ""
    port: str = ""
    since: str = ""


# Laptop time in the store's format; re-exported so instrument modules keep one import.
from fieldapp.core.timeutil import now_iso  # noqa: E402, F401
