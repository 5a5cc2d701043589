"""Line and binary framing: split/merged reads, terminators, echo, prompt, overlong, resync."""
from __future__ import annotations

import struct

from fieldapp.instruments.framing import BinaryFramer, LineFramer, xor_checksum
from fieldapp.instruments.records import Frame, Quarantine


def _feed(framer, chunks):
    out = []
    for c in chunks:
        out += framer.feed(c)
    return out + framer.flush()


def _lines(events):
    return [e.payload for e in events if isinstance(e, Frame) and e.kind == "line"]


def test_mixed_terminators_and_split_reads_give_the_same_lines():
    stream = b"one\rtwo\nthree\r\nfour\r\n"
    whole = _lines(_feed(LineFramer(), [stream]))
    bytewise = _lines(_feed(LineFramer(), [bytes([b]) for b in stream]))
    assert whole == bytewise == [b"one", b"two", b"three", b"four"]


def test_crlf_split_between_reads_does_not_make_an_empty_line():
    events = _feed(LineFramer(), [b"a,1\r", b"\nb,2\r", b"\n"])
    assert _lines(events) == [b"a,1", b"b,2"]
    assert b"".join(e.raw for e in events) == b"a,1\r\nb,2\r\n"


def test_fixed_crlf_terminator_keeps_lone_cr_inside_the_line():
    assert _lines(_feed(LineFramer("crlf"), [b"x\ry\r\n"])) == [b"x\ry"]


def test_echo_of_last_command_is_marked_once():
    f = LineFramer()
    f.expect_echo(b"GETMEAS")
    events = _feed(f, [b"GETMEAS\r\n1,2\r\nGETMEAS\r\n"])
    kinds = [e.kind for e in events]
    assert kinds == ["echo", "line", "line"]   # a second identical line is data, not an echo


def test_prompt_is_cut_from_the_start_of_the_next_line():
    events = _feed(LineFramer(prompt=b">"), [b"rec,1\r\n>", b"rec,2\r\n>"])
    assert [(e.kind, e.raw) for e in events] == [("line", b"rec,1\r\n"), ("prompt", b">"),
                                                 ("line", b"rec,2\r\n"), ("prompt", b">")]


def test_overlong_line_is_quarantined_and_the_next_line_survives():
    f = LineFramer(max_length=10)
    events = _feed(f, [b"x" * 25, b"y" * 5 + b"\r\n", b"ok\r\n"])
    q = [e for e in events if isinstance(e, Quarantine)]
    assert q and "longer than 10" in q[0].reason
    assert _lines(events) == [b"ok"]
    assert sum(len(e.raw) for e in events) == 25 + 7 + 4


def test_unterminated_tail_is_quarantined_on_flush_with_the_reason():
    f = LineFramer()
    assert _lines(f.feed(b"full\nhal")) == [b"full"]
    tail = f.flush("port unplugged")
    assert tail[0].raw == b"hal" and tail[0].reason == "port unplugged"


def _frame(code=1, value=2.5, corrupt=False):
    buf = bytearray(19)
    buf[0], buf[1], buf[6] = 0x81, 19, code
    struct.pack_into(">f", buf, 7, value)
    buf[18] = xor_checksum(buf[:18]) ^ (0xFF if corrupt else 0)
    return bytes(buf)


def _binary():
    return BinaryFramer(start=0x81, length=19, length_offset=1, checksum="xor", checksum_to=18)


def test_binary_resync_after_garbage_truncation_and_bad_checksum():
    good1, good2 = _frame(1, 3.0), _frame(2, 0.5)
    stream = b"\x00\x13junk" + good1 + good1[:7] + good2 + _frame(3, corrupt=True) + _frame(4)
    events = _feed(_binary(), [stream[i:i + 5] for i in range(0, len(stream), 5)])
    frames = [e.raw for e in events if isinstance(e, Frame)]
    assert frames == [good1, good2, _frame(4)]
    reasons = " | ".join(e.reason for e in events if isinstance(e, Quarantine))
    assert "garbage" in reasons and "checksum mismatch" in reasons
    assert b"".join(e.raw for e in events) == stream


def test_binary_truncated_frame_at_end_of_stream_is_reported():
    events = _feed(_binary(), [_frame()[:10]])
    assert len(events) == 1 and "truncated" in events[0].reason
