"""The declared schema of a device profile (pydantic models; ``extra='forbid'`` everywhere).

A misspelt key (``delimeter:``) would otherwise be ignored and give wrong readings in the field,
so every section refuses keys it does not know. Validators say what to write instead; the
messages become one line naming the file and the key (``profile_errors.one_line``).
"""
from __future__ import annotations

import codecs
import re
import struct
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from fieldapp.vocab import get_parameter, resolve_id, unit_fits
from fieldapp.vocab.units import ACCEPTED, UnitError, lookup

from .timefmt import TimeFormatError, check_format, parse_timezone

# Spellings people use for line ends -> the framer's names.
TERMINATORS = {"auto": "auto", "any": "auto", "cr": "cr", "\r": "cr", "\\r": "cr", "lf": "lf", "\n": "lf",
               "\\n": "lf", "nl": "lf", "crlf": "crlf", "cr+lf": "crlf", "cr lf": "crlf", "\r\n": "crlf",
               "\\r\\n": "crlf", "lfcr": "auto", "\n\r": "auto", "\\n\\r": "auto"}
_COMMAND_ENDS = {"cr": "\r", "lf": "\n", "crlf": "\r\n", "none": ""}
DELIMITERS = {"tab": "\t", "\\t": "\t", "semicolon": ";", "comma": ",", "space": " ", "pipe": "|"}
PARITIES = {"n": "N", "none": "N", "e": "E", "even": "E", "o": "O", "odd": "O", "m": "M", "mark": "M",
            "s": "S", "space": "S"}
BAUD_RATES = (300, 600, 1200, 2400, 4800, 9600, 14400, 19200, 38400, 57600, 115200, 230400)


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


def _regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"{value!r} is not a valid regular expression ({exc}); check brackets and "
                         "escape special characters with a backslash") from None
    return value


def line_terminator(value: str) -> str:
    key = value if value in TERMINATORS else value.strip().lower()
    if key not in TERMINATORS:
        raise ValueError(f"{value!r} is not a line end; use auto, CR, LF or CRLF (\"\\r\\n\")")
    return TERMINATORS[key]


class Port(_Section):
    baudrate: int = 9600
    bytesize: Literal[5, 6, 7, 8] = 8
    parity: str = "N"
    stopbits: Literal[1, 1.5, 2] = 1
    rtscts: bool = False
    xonxoff: bool = False
    dsrdtr: bool = False
    read_timeout: float = Field(0.05, gt=0, le=5)

    @field_validator("baudrate")
    @classmethod
    def _baud(cls, v: int) -> int:
        if v not in BAUD_RATES:
            raise ValueError(f"{v} is not a serial baud rate; use one of {', '.join(map(str, BAUD_RATES))} "
                             "(the meter's manual or setup menu says which)")
        return v

    @field_validator("parity", mode="before")
    @classmethod
    def _parity(cls, v) -> str:
        key = str(v).strip().lower()
        if key not in PARITIES:
            raise ValueError(f"{v!r} is not a parity; use N (none), E (even) or O (odd)")
        return PARITIES[key]


class Match(_Section):
    usb: list[str] = []
    glob: list[str] = []
    description: str = ""

    @field_validator("usb")
    @classmethod
    def _usb(cls, v: list[str]) -> list[str]:
        for item in v:
            if not re.fullmatch(r"[0-9a-fA-F]{4}:[0-9a-fA-F]{4}", str(item).strip()):
                raise ValueError(f"{item!r} is not a USB id; write VID:PID in hex, e.g. \"0403:6001\"")
        return [str(i).strip().lower() for i in v]


class Framing(_Section):
    type: Literal["line", "binary"] = "line"
    terminator: str = "auto"
    max_length: int = Field(1024, gt=0, le=65536)
    encoding: str = "ascii"
    prompt: str = ""
    start_byte: int | None = Field(None, ge=0, le=255)
    length: int | None = Field(None, ge=2, le=4096)
    length_offset: int | None = None
    checksum: Literal["xor", "sum8", "none"] = "xor"
    checksum_from: int = 0
    checksum_to: int | None = None
    checksum_offset: int | None = None

    _terminator = field_validator("terminator")(classmethod(lambda cls, v: line_terminator(v)))

    @field_validator("encoding")
    @classmethod
    def _encoding(cls, v: str) -> str:
        try:
            codecs.lookup(v)
        except LookupError:
            raise ValueError(f"{v!r} is not a text encoding; use ascii, utf-8, cp1252 (Windows "
                             "meters, µ and ° as one byte) or gbk") from None
        return v

    @model_validator(mode="after")
    def _binary_needs(self):
        if self.type == "binary":
            for key in ("start_byte", "length"):
                if getattr(self, key) is None:
                    raise ValueError(f"binary framing needs 'framing.{key}' (see the device's protocol "
                                     "description)")
        return self


class DeviceTime(_Section):
    field: int | None = None
    group: str | None = None
    format: str | None = None
    timezone: str | None = None
    offset: int | None = None          # binary frames: Unix seconds at this offset
    type: str | None = None

    @field_validator("format")
    @classmethod
    def _format(cls, v: str | None) -> str | None:
        if v is not None:
            try:
                check_format(v)
            except TimeFormatError as exc:
                raise ValueError(str(exc)) from None
        return v

    @field_validator("timezone")
    @classmethod
    def _tz(cls, v: str | None) -> str | None:
        try:
            parse_timezone(v)
        except TimeFormatError as exc:
            raise ValueError(str(exc)) from None
        return v


class FieldSpec(_Section):
    index: int
    parameter: str | None = None
    unit: str | None = None
    unit_index: int | None = None
    label: str | None = None
    name: str | None = None

    @model_validator(mode="after")
    def _needs_meaning(self):
        if not self.parameter and not self.label:
            raise ValueError("a field needs 'parameter' (a vocabulary id such as ph) or 'label' "
                             "(looked up in channels)")
        if self.parameter:
            _check_parameter(self.parameter)
            if self.unit:
                _check_unit(self.parameter, self.unit)
        return self


class Groups(_Section):
    start: int = Field(0, ge=0)
    size: int = Field(2, ge=1, le=10)
    value: int = 0
    unit: int | None = None
    label: int | None = None
    end: int | None = None
    max: int | None = Field(None, ge=1)
    stop: str | None = None

    _stop = field_validator("stop")(classmethod(lambda cls, v: v if v is None else _regex(v)))

    @model_validator(mode="after")
    def _inside(self):
        for key in ("value", "unit", "label"):
            pos = getattr(self, key)
            if pos is not None and not 0 <= pos < self.size:
                raise ValueError(f"groups.{key} is a position inside each group: 0 to {self.size - 1}")
        return self


class _TextRecord(_Section):
    skip: list[str] = []
    device_time: DeviceTime | None = None
    min_fields: int = Field(1, ge=1)
    decimal_comma: bool = False
    over_range: list[str] = []
    under_range: list[str] = []

    _skip = field_validator("skip")(classmethod(lambda cls, v: [_regex(p) for p in v]))


class DelimitedRecord(_TextRecord):
    type: Literal["delimited"]
    delimiter: str = ","
    fields: list[FieldSpec] = []
    groups: Groups | None = None

    @field_validator("delimiter", mode="before")
    @classmethod
    def _delim(cls, v) -> str:
        v = str(v)
        v = DELIMITERS.get(v.strip().lower(), v) if v.strip() else v
        if not v:
            raise ValueError("the delimiter is empty; use , ; tab or space")
        return v

    @model_validator(mode="after")
    def _comma(self):
        if self.decimal_comma and self.delimiter == ",":
            raise ValueError("decimal_comma needs a delimiter other than ',' (the fields would split "
                             "inside numbers); set delimiter: \";\"")
        if not self.fields and self.groups is None:
            raise ValueError("a delimited record needs 'fields' or 'groups' (which fields hold values)")
        return self


class RegexRecord(_TextRecord):
    type: Literal["regex"]
    pattern: str
    fields: dict[str, str] = {}

    _pattern = field_validator("pattern")(classmethod(lambda cls, v: _regex(v)))

    @model_validator(mode="after")
    def _groups_exist(self):
        names = set(re.compile(self.pattern).groupindex)
        for group in self.fields:
            if group not in names:
                raise ValueError(f"fields.{group}: the pattern has no group (?P<{group}>...); groups "
                                 f"are: {', '.join(sorted(names)) or 'none'}")
        return self


class OrderedRecord(_TextRecord):
    type: Literal["ordered_by_header"]
    header_command: str = "para"
    delimiter: str | None = None


class BinField(_Section):
    offset: int = Field(ge=0)
    type: str = "B"

    @field_validator("type")
    @classmethod
    def _struct(cls, v: str) -> str:
        try:
            struct.calcsize(v)
        except struct.error:
            raise ValueError(f"{v!r} is not a struct format; use e.g. B (byte), >H, >I or >f "
                             "(big-endian float)") from None
        return v


class BinFlags(_Section):
    offset: int = Field(ge=0)
    bits: dict[int, str]


class BinaryRecord(_Section):
    type: Literal["binary"]
    value: BinField
    code: BinField | None = None
    flags: BinFlags | None = None
    device_time: BinField | None = None
    serial: BinField | None = None


class NmeaRecord(_Section):
    type: Literal["nmea"]
    sentences: list[Literal["GGA", "RMC", "GLL"]] = ["GGA", "RMC", "GLL"]
    accept_quality: list[Literal[1, 2, 3, 4, 5, 6, 7, 8]] = [1, 2, 4, 5]
    accept_modes: list[Literal["A", "D", "F", "R", "P", "E", "M", "S"]] = ["A", "D", "F", "R", "P"]
    max_hdop: float = Field(5.0, gt=0)


Record = Annotated[Union[NmeaRecord, DelimitedRecord, RegexRecord, OrderedRecord, BinaryRecord],
                   Field(discriminator="type")]
RECORD_TYPES = ("nmea", "delimited", "regex", "ordered_by_header", "binary")


def _check_parameter(text: str) -> None:
    if resolve_id(text) is None:
        raise ValueError(f"{text!r} is not a parameter FieldApp knows; use a vocabulary id such as ph, "
                         "conductivity, do, do_sat, water_temp, orp, turbidity, lead, cadmium, co, h2s "
                         "(resources/vocab/parameters.yaml)")


def _check_unit(parameter: str, unit: str) -> None:
    try:
        lookup(unit, "water")
    except UnitError:
        raise ValueError(f"unit {unit!r} is unknown; use one of {', '.join(ACCEPTED)}") from None
    p = get_parameter(resolve_id(parameter))
    if p is not None and not unit_fits(p, unit):
        raise ValueError(f"unit {unit!r} does not fit {p.id} ({p.name('en')}); give the unit the "
                         "device measures that parameter in")


class Channel(_Section):
    parameter: str
    unit: str | None = None

    @model_validator(mode="after")
    def _known(self):
        _check_parameter(self.parameter)
        if self.unit:
            _check_unit(self.parameter, self.unit)
        return self


class Poll(_Section):
    commands: list[str] = Field(min_length=1)
    init: list[str] = []
    interval: float = Field(1.0, gt=0)
    terminator: str = "\r"
    reply_timeout: float = Field(2.0, gt=0, le=60)

    @field_validator("terminator")
    @classmethod
    def _end(cls, v: str) -> str:
        if v in ("\r", "\n", "\r\n", ""):
            return v
        key = line_terminator(v)
        return _COMMAND_ENDS.get(key, "\r")


class SimValue(_Section):
    mean: float = 0.0
    noise: float = 0.0
    drift: float = 0.0
    min: float | None = None
    max: float | None = None
    decimals: int | None = None
    format: Literal["eng", "comma"] | None = None
    unit: str | None = None


class Simulate(_Section):
    rate_hz: float = Field(1.0, gt=0)
    template: str | None = None
    values: dict[str, SimValue] = {}
    meta: dict = {}
    banner: str | None = None
    echo: bool = False
    codes: list = []


class ProfileModel(_Section):
    name: str = Field(min_length=1, pattern=r"^[\w.-]+$")
    description: str = ""
    manufacturer: str = ""
    models: list[str] = []
    modelled: bool = False            # the format is modelled on a public manual, not a capture
    format_source: str = ""
    port: Port = Port()
    match: Match = Match()
    framing: Framing
    record: Record
    channels: dict[str, Channel] = {}
    poll: Poll | None = None
    no_data_after: float = Field(5.0, gt=0)
    simulate: Simulate | None = None

    @field_validator("channels", mode="before")
    @classmethod
    def _string_keys(cls, v):
        return {str(k): val for k, val in v.items()} if isinstance(v, dict) else v
