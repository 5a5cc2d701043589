"""Incremental framers: ``feed(bytes) -> list of Frame | Quarantine``.

Reads from a serial port arrive in arbitrary pieces: half a line, three lines at once, a CRLF
split between two reads. The framers keep the unfinished tail between calls and account for every
byte: each input byte ends up in exactly one emitted event's ``raw`` (a Frame or a Quarantine with
a reason), once ``flush()`` has been called at end of stream / disconnect.
"""
from __future__ import annotations

import re
from collections import deque

from .records import KIND_BLANK, KIND_ECHO, KIND_FRAME, KIND_LINE, KIND_PROMPT, Frame, Quarantine

CR, LF = 0x0D, 0x0A


class LineFramer:
    """ASCII lines ended by CR, LF or CRLF (``terminator='auto'``) or one fixed terminator.

    * A line longer than ``max_length`` without a terminator is quarantined, and the rest of it up
      to the next terminator too: a device at the wrong baud rate never fills memory.
    * ``expect_echo(cmd)`` marks the next line equal to ``cmd`` as an echo (devices with echo on).
      A line equal to a command already echoed is data again.
    * ``prompt`` (e.g. b'>') at the start of a line is cut off as its own event, so a reply
      ending with a prompt does not glue the prompt onto the next record.

    Scanning uses regex search over the buffer, not a per-byte loop: the framer sits on the hot
    path of every reader thread.
    """

    _PATTERNS = {"auto": rb"\r\n|\r|\n", "cr": rb"\r", "lf": rb"\n", "crlf": rb"\r\n"}

    def __init__(self, terminator: str = "auto", max_length: int = 1024, prompt: bytes = b""):
        if terminator not in self._PATTERNS:
            raise ValueError(f"unknown line terminator {terminator!r} (use auto, cr, lf or crlf)")
        self.terminator = terminator
        self.max_length = max_length
        self.prompt = prompt
        self._term = re.compile(self._PATTERNS[terminator])
        self._buf = b""
        self._offset = 0            # stream offset of _buf[0]
        self._after_cr = False      # auto mode: last line ended with a CR at the end of a read
        self._overflow = False      # discarding the rest of an overlong line
        # Commands sent whose echo has not come back yet: a fast poller may send the next one
        # before the previous echo arrives. Bounded, so a device with echo off costs nothing.
        self._echoes: deque[bytes] = deque(maxlen=8)

    def expect_echo(self, command: bytes) -> None:
        if command.strip():
            self._echoes.append(command.strip())

    def feed(self, data: bytes) -> list:
        events: list = []
        if not data:
            return events
        if self._after_cr and data[:1] == b"\n":
            # The LF of a CRLF split across two reads: the line already ended at the CR.
            events.append(Frame(b"\n", b"", self._offset, KIND_BLANK))
            self._offset += 1
            data = data[1:]
        self._after_cr = False
        buf = self._buf + data
        pos = 0
        while True:
            if self.prompt and not self._overflow and buf.startswith(self.prompt, pos):
                events.append(self._emit(buf, pos, pos + len(self.prompt), KIND_PROMPT))
                pos += len(self.prompt)
                continue
            m = self._term.search(buf, pos)
            if m is None:
                break
            end = m.end()
            events.append(self._line_event(buf, pos, m.start(), end))
            pos = end
        rest = buf[pos:]
        if self.terminator == "auto" and pos and buf[pos - 1: pos] == b"\r" and not rest:
            self._after_cr = True
        if rest and (self._overflow or len(rest) > self.max_length):
            reason = ("rest of a line longer than %d bytes" if self._overflow else
                      "line longer than %d bytes without a terminator (wrong baud rate or framing?)")
            self._overflow = True
            events.append(Quarantine(rest, reason % self.max_length, self._offset + pos))
            pos = len(buf)
            rest = b""
        self._offset += pos
        self._buf = rest
        return events

    def _line_event(self, buf: bytes, start: int, body_end: int, end: int):
        raw = buf[start:end]
        offset = self._offset + start
        if self._overflow:
            self._overflow = False
            return Quarantine(raw, f"end of a line longer than {self.max_length} bytes", offset)
        payload = buf[start:body_end]
        if len(payload) > self.max_length:
            return Quarantine(raw, f"line longer than {self.max_length} bytes", offset)
        if not payload.strip():
            return Frame(raw, b"", offset, KIND_BLANK)
        if self._echoes and payload.strip() in self._echoes:
            while self._echoes.popleft() != payload.strip():
                pass            # echoes older than this one were lost; stop expecting them
            return Frame(raw, payload, offset, KIND_ECHO)
        return Frame(raw, payload, offset, KIND_LINE)

    def _emit(self, buf: bytes, start: int, end: int, kind: str) -> Frame:
        return Frame(buf[start:end], buf[start:end], self._offset + start, kind)

    def flush(self, reason: str = "stream ended in the middle of a line") -> list:
        """Quarantine the unfinished tail (end of stream, port unplugged mid-line)."""
        self._after_cr = False
        self._overflow = False
        if not self._buf:
            return []
        ev = Quarantine(self._buf, reason, self._offset)
        self._offset += len(self._buf)
        self._buf = b""
        return [ev]


def xor_checksum(data: bytes) -> int:
    value = 0
    for b in data:
        value ^= b
    return value


def sum8_checksum(data: bytes) -> int:
    return sum(data) & 0xFF


CHECKSUMS = {"xor": xor_checksum, "sum8": sum8_checksum}


class BinaryFramer:
    """Fixed-length frames: start byte, optional length byte, checksum byte over a byte range.

    Bytes before a start byte are quarantined as garbage. A frame whose length byte or checksum
    is wrong is quarantined only up to the next start byte inside it, so a truncated frame followed
    by a good one loses nothing but the truncated part (resynchronisation).
    """

    def __init__(self, start: int, length: int, length_offset: int | None = None,
                 checksum: str = "xor", checksum_from: int = 0, checksum_to: int | None = None,
                 checksum_offset: int | None = None):
        if length < 2:
            raise ValueError("binary frame length must be at least 2")
        if checksum not in CHECKSUMS and checksum != "none":
            raise ValueError(f"unknown checksum {checksum!r} (use xor, sum8 or none)")
        self.start = start
        self.length = length
        self.length_offset = length_offset
        self.checksum = checksum
        self.checksum_offset = length - 1 if checksum_offset is None else checksum_offset
        self.checksum_from = checksum_from
        self.checksum_to = self.checksum_offset if checksum_to is None else checksum_to
        self._buf = bytearray()
        self._offset = 0

    def expect_echo(self, command: bytes) -> None:   # binary devices do not echo text commands
        pass

    def feed(self, data: bytes) -> list:
        self._buf.extend(data)
        events: list = []
        while self._buf:
            if self._buf[0] != self.start:
                idx = self._buf.find(bytes([self.start]))
                cut = len(self._buf) if idx < 0 else idx
                events.append(self._cut(cut, f"{cut} byte(s) of garbage before a "
                                                f"0x{self.start:02X} start byte"))
                continue
            if len(self._buf) < self.length:
                break
            problem = self._check(bytes(self._buf[: self.length]))
            if problem is None:
                raw = self._cut_bytes(self.length)
                events.append(Frame(raw, raw, self._offset - len(raw), KIND_FRAME))
                continue
            nxt = self._buf.find(bytes([self.start]), 1, self.length)
            events.append(self._cut(self.length if nxt < 0 else nxt, problem))
        return events

    def _check(self, frame: bytes) -> str | None:
        if self.length_offset is not None and frame[self.length_offset] != self.length:
            return (f"length byte says {frame[self.length_offset]}, frames are {self.length} bytes "
                    "(truncated frame or garbage)")
        if self.checksum == "none":
            return None
        want = CHECKSUMS[self.checksum](frame[self.checksum_from: self.checksum_to])
        got = frame[self.checksum_offset]
        if want != got:
            return f"{self.checksum} checksum mismatch: computed 0x{want:02X}, frame says 0x{got:02X}"
        return None

    def _cut_bytes(self, n: int) -> bytes:
        raw = bytes(self._buf[:n])
        del self._buf[:n]
        self._offset += n
        return raw

    def _cut(self, n: int, reason: str) -> Quarantine:
        offset = self._offset
        return Quarantine(self._cut_bytes(n), reason, offset)

    def flush(self, reason: str = "stream ended inside a frame (truncated frame)") -> list:
        if not self._buf:
            return []
        return [self._cut(len(self._buf), reason)]
