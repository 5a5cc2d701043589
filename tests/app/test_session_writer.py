"""The store's single writer and the session's events, without Qt: real SpatiaLite files, real threads.

A reading committed by the sink is visible to other connections after its event and never before
(no reader ever sees a half-written batch); every write announces the rows it touched; a long job
makes quick writes wait their turn with a clear refusal instead of a frozen caller.
"""
from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
import sqlean

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "instruments"))

from instr_helpers import decode_all, wait_until  # noqa: E402

from fieldapp.app.events import IncidentChanged, PointChanged, RecordsChanged  # noqa: E402
from fieldapp.app.session import Session  # noqa: E402
from fieldapp.instruments import InstrumentSink, StreamDecoder  # noqa: E402
from fieldapp.instruments.profiles import load_profiles  # noqa: E402
from fieldapp.instruments.sink import build_rows, write_rows  # noqa: E402
from fieldapp.store import StoreReadOnly, open_store  # noqa: E402
from fieldapp.store.writer import StoreWriter, WriterBusy, open_reader  # noqa: E402

WTW = ("Multi 3630 IDS;15171001;;29.11.2026 13:05:41;7.012;pH;pH;34.3E+3;µS/cm;Cond;21.4;°C;Temp;"
       "\r\n").encode("latin-1")


def _records(n):
    return decode_all(StreamDecoder(load_profiles()["wtw_multi"], "wtw"), [WTW * n])


def _count(st, table="instrument_raw"):
    return st.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_rows_are_invisible_until_committed_and_announced_with_their_ids(store, incident):
    seen: list[tuple[dict, int]] = []
    reader_for_events = {}

    def on_changes(changes, label):
        # runs on the writer thread right after the commit: a fresh connection sees the rows now
        rd = reader_for_events.setdefault("r", open_reader(store.path))
        seen.append((changes, _count(rd)))

    writer = StoreWriter(store, on_changes=on_changes)
    reader = open_reader(store.path)
    inside, release = threading.Event(), threading.Event()
    items = [(r, incident["uuid"], None) for r in _records(5)]

    def job(st):
        with st.transaction():
            raw, readings = build_rows(st.new_meta(), items)
            write_rows(st, raw, readings)
            inside.set()
            release.wait(10)
        return [r[0] for r in raw]
    try:
        fut = writer.submit(job, label="instruments")
        assert inside.wait(10)
        assert _count(reader) == 0 and seen == []          # written, not committed: nobody sees it
        release.set()
        uuids = fut.result(10)
        assert wait_until(lambda: seen, 5)
        changes, visible = seen[0]
        assert visible == 5 == _count(reader)              # after the event: everyone sees them
        assert changes["instrument_raw"] == frozenset(uuids)
        assert len(changes["instrument_readings"]) == 5 * 3
    finally:
        writer.close()
        reader.close()
        reader_for_events.get("r") and reader_for_events["r"].close()


def test_the_sink_hands_batches_to_the_writer_and_the_session_announces_them(store, incident):
    session = Session(store, "en")
    events = []
    session.bus.subscribe(RecordsChanged, events.append)
    sink = InstrumentSink(session.write_target(), incident["uuid"], flush_ms=10_000, flush_rows=10_000)
    try:
        sink.submit(_records(7))
        assert _count(session.store) == 0 and events == []  # queued in the sink, not yet written
        assert sink.flush(10)
        assert wait_until(lambda: events, 5)
        assert events[0].origin == "instruments" and len(events[0].ids("instrument_raw")) == 7
        assert _count(session.store) == 7 == sink.accepted
    finally:
        sink.close()
        session.close()


def test_writes_announce_themselves_and_the_session_follows_incident_and_point(store, incident):
    session = Session(store, "en")
    got = []
    session.bus.subscribe(object, got.append)
    try:
        session.set_incident(incident["uuid"])
        p = session.write(lambda st: st.add_point(incident["uuid"], 24.5, 108.3, code="DN-01"))
        session.set_point(p["uuid"])
        kinds = [type(e) for e in got]
        assert kinds == [IncidentChanged, RecordsChanged, PointChanged]
        assert got[1].ids("sampling_points") == {p["uuid"]} and not got[1].touches("measurements")
        assert session.current_point()["code"] == "DN-01"
        # the GUI's connection is read-only: a write that bypasses the writer is refused
        with pytest.raises(sqlean.OperationalError, match="readonly"):
            session.store.conn.execute("DELETE FROM meta")
    finally:
        session.close()
    assert session.writer._thread.is_alive() is False


def test_a_long_job_makes_quick_writes_refuse_plainly_not_wait(store, incident):
    session = Session(store, "en")
    started, release = threading.Event(), threading.Event()

    def slow(st):
        started.set()
        release.wait(10)
    try:
        fut = session.submit(slow, long=True, label="import")
        assert started.wait(10)
        with pytest.raises(WriterBusy, match="import is in progress"):
            session.write(lambda st: st.log(incident["uuid"], "observation", "x"))
        release.set()
        fut.result(10)
        session.write(lambda st: st.log(incident["uuid"], "observation", "after the import"))
        assert session.store.list_log(incident["uuid"])[-1]["text"] == "after the import"
    finally:
        release.set()
        session.close()


def test_a_read_only_store_refuses_every_write_with_a_message(store_path, store):
    store.close()
    ro = open_store(store_path, read_only=True)
    session = Session(ro, "en")
    try:
        with pytest.raises(StoreReadOnly, match="read-only"):
            session.write(lambda st: st.set_meta("x", "y"))
    finally:
        session.close()
