"""Property tests: random and mutated byte streams through every profile's framer + parser.

Invariants: no exception escapes; every input byte is in exactly one record's ``raw`` (parsed or
quarantined with a reason); a clean stream cut into arbitrary reads loses no record.
"""
from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldapp.instruments.decoder import StreamDecoder
from fieldapp.instruments.framing import LineFramer
from fieldapp.instruments.profiles import load_profiles
from fieldapp.instruments.sim_formats import Faults, RecordEncoder

PROFILES = load_profiles()
NAMES = sorted(PROFILES)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def clean_stream(name: str, n: int, seed: int) -> tuple[bytes, int]:
    """n records as the simulator would send them, and how many data records that is."""
    prof = PROFILES[name]
    enc = RecordEncoder(prof, random.Random(seed), Faults())
    enc.echo = False
    out, count = b"", 0
    if prof.poll:
        for cmd in prof.poll.get("init", []):
            out += enc.reply(cmd)[0]
        for _ in range(n):
            reply, k = enc.reply(prof.poll["commands"][0])
            out, count = out + reply, count + k
        return out, count
    for _ in range(n):
        recs, k, _bad = enc.record()
        out, count = out + b"".join(recs), count + k
    return out, count


def run(name: str, stream: bytes, cuts: list[int]):
    dec = StreamDecoder(PROFILES[name])
    records, prev = [], 0
    for cut in sorted(set(c % (len(stream) + 1) for c in cuts)) + [len(stream)]:
        records += dec.feed(stream[prev:cut])
        prev = cut
    records += dec.flush("end of stream")
    return records


def assert_accounted(records, stream: bytes):
    assert b"".join(r.raw for r in records) == stream
    for r in records:
        if r.status in ("error", "quarantined", "rejected"):
            assert r.reason, f"{r.status} record without a reason: {r.raw!r}"


@pytest.mark.parametrize("name", NAMES)
@FAST
@given(data=st.binary(max_size=600), cuts=st.lists(st.integers(0, 600), max_size=12))
def test_random_bytes_never_raise_and_are_accounted(name, data, cuts):
    assert_accounted(run(name, data, cuts), data)


@st.composite
def mutated(draw, name):
    stream, _ = clean_stream(name, draw(st.integers(1, 6)), draw(st.integers(0, 10**6)))
    buf = bytearray(stream)
    for _ in range(draw(st.integers(0, 6))):
        op = draw(st.sampled_from(["flip", "delete", "insert", "duplicate"]))
        pos = draw(st.integers(0, max(0, len(buf) - 1)))
        if op == "flip" and buf:
            buf[pos] ^= draw(st.integers(1, 255))
        elif op == "delete":
            del buf[pos: pos + draw(st.integers(1, 20))]
        elif op == "insert":
            buf[pos:pos] = draw(st.binary(min_size=1, max_size=30))
        else:
            buf[pos:pos] = buf[pos: pos + draw(st.integers(1, 40))]
    return bytes(buf)


@pytest.mark.parametrize("name", NAMES)
@FAST
@given(st.data())
def test_mutated_streams_never_raise_and_are_accounted(name, data):
    stream = data.draw(mutated(name))
    cuts = data.draw(st.lists(st.integers(0, len(stream)), max_size=15))
    assert_accounted(run(name, stream, cuts), stream)


@pytest.mark.parametrize("name", NAMES)
@FAST
@given(seed=st.integers(0, 10**6), n=st.integers(1, 8), cuts=st.lists(st.integers(0, 5000), max_size=20))
def test_clean_stream_cut_anywhere_loses_no_record(name, seed, n, cuts):
    stream, count = clean_stream(name, n, seed)
    records = run(name, stream, cuts)
    assert_accounted(records, stream)
    assert sum(r.is_data for r in records) == count
    assert not [r for r in records if r.status in ("error", "quarantined")]


@FAST
@given(data=st.binary(max_size=400), cuts=st.lists(st.integers(0, 400), max_size=10),
       term=st.sampled_from(["auto", "cr", "lf", "crlf"]), max_length=st.integers(1, 50),
       prompt=st.sampled_from([b"", b">", b"#>"]), echo=st.binary(max_size=5))
def test_line_framer_accounts_for_every_byte_in_any_configuration(data, cuts, term, max_length, prompt, echo):
    f = LineFramer(term, max_length, prompt)
    f.expect_echo(echo)
    events, prev = [], 0
    for cut in sorted(set(c % (len(data) + 1) for c in cuts)) + [len(data)]:
        events += f.feed(data[prev:cut])
        prev = cut
    events += f.flush()
    assert b"".join(e.raw for e in events) == data
    offsets = [e.offset for e in events]
    assert offsets == sorted(offsets)
