"""Helpers shared by the instrument tests (imported by name: tests/ has no packages)."""
from __future__ import annotations

import time


def wait_until(pred, timeout: float = 8.0, step: float = 0.02) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if pred():
            return True
        time.sleep(step)
    return pred()


def decode_all(decoder, chunks) -> list:
    out = []
    for chunk in chunks:
        out += decoder.feed(chunk, "2026-11-29T05:00:00.000Z")
    return out + decoder.flush("end of test stream")


class PtyDevice:
    """A device the test speaks for, byte by byte, on a real pty; the app's reader, sink and
    store on the other end (what a technician's laptop does with a real cable)."""

    def __init__(self, profile, store, incident_uuid=None, point_uuid=None, name="dev"):
        import os
        import tty

        from fieldapp.instruments import ConnectionManager, DeviceConfig, InstrumentSink

        self.master, slave = os.openpty()
        self.port = os.ttyname(slave)
        tty.setraw(slave)
        os.close(slave)
        self.store, self.name = store, name
        self.statuses = []
        self.sink = InstrumentSink(store, incident_uuid, point_uuid, flush_ms=20)
        self.mgr = ConnectionManager(on_records=self.sink, on_status=self.statuses.append)
        self.reader = self.mgr.add(DeviceConfig(name, profile, port=self.port))
        assert wait_until(lambda: self.reader.connects >= 1 and self.reader._port is not None)
        time.sleep(0.05)

    def send(self, data: bytes) -> None:
        import os

        os.write(self.master, data)

    def read_commands(self, timeout: float = 1.0) -> bytes:
        import os
        import select

        out, end = b"", time.monotonic() + timeout
        while time.monotonic() < end:
            r, _, _ = select.select([self.master], [], [], 0.05)
            if r:
                out += os.read(self.master, 4096)
        return out

    def rows(self, sql: str, args=()):
        self.sink.flush()
        return self.store.conn.execute(sql, args).fetchall()

    def wait_rows(self, n: int, where: str = "parse_status IN ('ok', 'partial')") -> bool:
        return wait_until(lambda: (self.sink.flush(), self.rows(
            f"SELECT count(*) FROM instrument_raw WHERE device = ? AND {where}", (self.name,))[0][0])[1] >= n)

    def close(self) -> None:
        import os

        self.mgr.stop_all()
        self.sink.close()
        os.close(self.master)
