"""Framer + parser for one device: bytes in, RawRecords out (pure, no I/O, no threads).

This is what the reader threads, the property tests and the bench all drive, so the behaviour
seen in tests is the behaviour in the field.
"""
from __future__ import annotations

from .framing import BinaryFramer, LineFramer
from .parsers import make_parser
from .records import (KIND_BLANK, KIND_ECHO, KIND_PROMPT, STATUS_ERROR, STATUS_IGNORED,
                      STATUS_QUARANTINED, Quarantine, RawRecord)

_IGNORED_KINDS = {KIND_ECHO: "echo of the command just sent", KIND_PROMPT: "prompt",
                  KIND_BLANK: "empty line / line terminator"}


def make_framer(profile):
    f = profile.framing
    if profile.is_binary:
        return BinaryFramer(start=int(f["start_byte"]), length=int(f["length"]),
                            length_offset=f.get("length_offset"), checksum=f.get("checksum", "xor"),
                            checksum_from=int(f.get("checksum_from", 0)), checksum_to=f.get("checksum_to"),
                            checksum_offset=f.get("checksum_offset"))
    return LineFramer(terminator=f.get("terminator", "auto"), max_length=int(f.get("max_length", 1024)),
                      prompt=f.get("prompt", "").encode(profile.encoding))


class StreamDecoder:
    def __init__(self, profile, device: str = "", port: str = ""):
        self.profile = profile
        self.device = device or profile.name
        self.port = port
        self.framer = make_framer(profile)
        self.parser = make_parser(profile)

    def sent(self, command: str) -> None:
        """The reader wrote ``command``: expect its echo and let stateful parsers know."""
        self.framer.expect_echo(command.encode(self.profile.encoding, "replace"))
        self.parser.note_command(command)

    def feed(self, data: bytes, received_at: str = "") -> list[RawRecord]:
        return [self._record(ev, received_at) for ev in self.framer.feed(data)]

    def flush(self, reason: str, received_at: str = "") -> list[RawRecord]:
        return [self._record(ev, received_at) for ev in self.framer.flush(reason)]

    def _record(self, ev, received_at: str) -> RawRecord:
        common = dict(received_at=received_at, device=self.device, port=self.port, profile=self.profile.name)
        if isinstance(ev, Quarantine):
            return RawRecord(ev.raw, ev.kind, STATUS_QUARANTINED, ev.reason, **common)
        if ev.kind in _IGNORED_KINDS:
            return RawRecord(ev.raw, ev.kind, STATUS_IGNORED, _IGNORED_KINDS[ev.kind], **common)
        try:
            parsed = self.parser.parse(ev.payload)
        except Exception as exc:   # a parser bug must not kill the reader; keep the line and say why
            return RawRecord(ev.raw, ev.kind, STATUS_ERROR, f"parser failed: {exc!r}", **common)
        return RawRecord(ev.raw, ev.kind, parsed.status, parsed.reason, parsed.readings,
                         parsed.device_time, parsed.fix, **common)
