"""Reader threads and the ConnectionManager (plain threading; the Qt layer only adapts callbacks).

One DeviceReader thread per device owns its port: it opens it, sends poll commands, feeds bytes
to the StreamDecoder and hands every RawRecord to ``deliver``. When the port fails or vanishes
the unfinished line is kept as a quarantined record, the status says why, and the reader retries
with exponential backoff, finding the device again by name, glob or USB VID:PID.
"""
from __future__ import annotations

import os
import queue
import threading
import time
from dataclasses import dataclass, field
from typing import Callable

import serial



from .decoder import StreamDecoder
from .ports import resolve_port
from .records import (KIND_STATUS, STATUS_ERROR, STATUS_IGNORED, STATUS_QUARANTINED, DeviceStatus,
                      RawRecord, now_iso)
from .live import LiveValues

CONNECTING, CONNECTED, NO_DATA, ERROR, STOPPED = "connecting", "connected", "no_data", "error", "stopped"
BAD_IN_A_ROW = 5      # this many unparseable records in a row -> status error (wrong baud/profile)


@dataclass
class DeviceConfig:
    device: str                     # the label the team gives it, e.g. "WTW-1"
    profile: object                 # profiles.Profile
    port: str | None = None         # explicit port name
    globs: list[str] = field(default_factory=list)
    match_usb: bool = True
    backoff_min: float = 0.2
    backoff_max: float = 5.0


def serial_settings(profile) -> dict:
    p = profile.port
    return {"baudrate": int(p.get("baudrate", 9600)), "bytesize": int(p.get("bytesize", 8)),
            "parity": str(p.get("parity", "N"))[:1].upper(), "stopbits": p.get("stopbits", 1),
            "rtscts": bool(p.get("rtscts", False)), "xonxoff": bool(p.get("xonxoff", False)),
            "dsrdtr": bool(p.get("dsrdtr", False)), "timeout": float(p.get("read_timeout", 0.05))}


class DeviceReader(threading.Thread):
    def __init__(self, cfg: DeviceConfig, deliver: Callable[[list[RawRecord]], None],
                 on_status: Callable[[DeviceStatus], None]):
        super().__init__(name=f"instrument-{cfg.device}", daemon=True)
        self.cfg = cfg
        self.deliver = deliver
        self.on_status = on_status
        self.status = DeviceStatus(cfg.device, CONNECTING)
        self._halt = threading.Event()
        self._port: serial.Serial | None = None
        self.bytes_in = 0
        self.connects = 0

    # -- status ---------------------------------------------------------------------------------
    def _set_status(self, state: str, reason: str = "", port: str = "") -> None:
        if (state, reason) == (self.status.state, self.status.reason):
            return
        self.status = DeviceStatus(self.cfg.device, state, reason, port or self.status.port, now_iso())
        self.on_status(self.status)

    def _event(self, port: str, status: str, reason: str) -> RawRecord:
        """A connection event for the raw log: no bytes, just what happened and when."""
        prof = self.cfg.profile
        return RawRecord(b"", KIND_STATUS, status, reason, received_at=now_iso(), device=self.cfg.device,
                         port=port, profile=prof.name)

    def stop(self) -> None:
        self._halt.set()
        port = self._port
        if port is not None:
            try:
                port.cancel_read()
            except Exception:
                pass

    # -- main loop ------------------------------------------------------------------------------
    def run(self) -> None:
        delay = self.cfg.backoff_min
        profile = self.cfg.profile
        while not self._halt.is_set():
            name = resolve_port(self.cfg.port, list(self.cfg.globs) + list(profile.match.get("glob", [])),
                                profile.match.get("usb", []) if self.cfg.match_usb else None)
            if name is None:
                self._set_status(ERROR, f"device not found (port {self.cfg.port or 'by USB id/glob'} "
                                        "is not present); retrying")
            else:
                try:
                    self._port = serial.Serial(name, **serial_settings(profile))
                except (serial.SerialException, OSError, ValueError) as exc:
                    self._set_status(ERROR, f"cannot open {name}: {exc}", name)
                else:
                    delay = self.cfg.backoff_min
                    self._session(name)
            if self._halt.wait(delay):
                break
            delay = min(delay * 2, self.cfg.backoff_max)
        self._set_status(STOPPED, "")

    def _session(self, name: str) -> None:
        self.connects += 1
        self._set_status(CONNECTED, "", name)
        decoder = StreamDecoder(self.cfg.profile, self.cfg.device, name)
        real = os.path.realpath(name) if os.path.exists(name) else name
        where = name if real == name else f"{name} -> {real}"     # by-id/glob links: show the real device
        self.deliver([self._event(name, STATUS_IGNORED, f"connected on {where}")])
        reason = "reader stopped"
        try:
            self._pump(self._port, decoder)
        except (serial.SerialException, OSError) as exc:
            reason = f"port {name} lost: {exc}"
            self._set_status(ERROR, reason, name)
        finally:
            tail = decoder.flush(f"incomplete data when the port closed ({reason})", now_iso())
            if reason != "reader stopped":
                tail.append(self._event(name, STATUS_ERROR, reason))
            if tail:
                self.deliver(tail)
            try:
                self._port.close()
            except Exception:
                pass
            self._port = None

    def _pump(self, ser: serial.Serial, decoder: StreamDecoder) -> None:
        profile = self.cfg.profile
        poll = profile.poll or {}
        pending = list(poll.get("init", []))
        commands = list(poll.get("commands", []))
        interval = float(poll.get("interval", 1.0))
        term = poll.get("terminator", "\r")
        next_poll, turn = time.monotonic(), 0
        last_data = time.monotonic()
        bad_in_a_row = 0
        while not self._halt.is_set():
            now = time.monotonic()
            if commands and now >= next_poll:
                if pending:
                    cmd, next_poll = pending.pop(0), now + 0.2
                else:
                    cmd, next_poll = commands[turn % len(commands)], now + interval
                    turn += 1
                decoder.sent(cmd)
                ser.write((cmd + term).encode(profile.encoding, "replace"))
            data = ser.read(ser.in_waiting or 1)
            if not data:
                if time.monotonic() - last_data > profile.no_data_after:
                    self._set_status(NO_DATA, f"no data for {profile.no_data_after:g} s "
                                              "(device off, asleep, or not sending?)")
                continue
            last_data = time.monotonic()
            self.bytes_in += len(data)
            records = decoder.feed(data, now_iso())
            for rec in records:
                if rec.is_data:
                    bad_in_a_row = 0
                elif rec.status in (STATUS_ERROR, STATUS_QUARANTINED):
                    bad_in_a_row += 1
            if bad_in_a_row >= BAD_IN_A_ROW:
                bad = [r for r in records if r.status in (STATUS_ERROR, STATUS_QUARANTINED)]
                last_bad = bad[-1] if bad else None
                self._set_status(ERROR, "bytes arrive but do not parse (wrong baud rate or profile?): "
                                 + (last_bad.reason if last_bad else "see stored records"))
            elif bad_in_a_row == 0 and any(r.is_data for r in records):
                self._set_status(CONNECTED, "")
            if records:
                self.deliver(records)


class ConnectionManager:
    """Owns the readers; delivers records to callbacks and/or a queue and keeps live values."""

    def __init__(self, on_records: Callable[[list[RawRecord]], None] | None = None,
                 on_status: Callable[[DeviceStatus], None] | None = None,
                 out_queue: "queue.Queue | None" = None):
        self.on_records = on_records
        self.on_status = on_status
        self.queue = out_queue
        self.live = LiveValues()
        self.readers: dict[str, DeviceReader] = {}
        self.statuses: dict[str, DeviceStatus] = {}
        self._lock = threading.Lock()

    def _deliver(self, records: list[RawRecord]) -> None:
        self.live.update(records)
        if self.on_records:
            self.on_records(records)
        if self.queue is not None:
            self.queue.put(records)

    def _status(self, status: DeviceStatus) -> None:
        with self._lock:
            self.statuses[status.device] = status
        if self.on_status:
            self.on_status(status)

    def add(self, cfg: DeviceConfig) -> DeviceReader:
        if cfg.device in self.readers:
            raise ValueError(f"a device named {cfg.device!r} is already connected")
        reader = DeviceReader(cfg, self._deliver, self._status)
        self.readers[cfg.device] = reader
        reader.start()
        return reader

    def remove(self, device: str, timeout: float = 3.0) -> None:
        reader = self.readers.pop(device, None)
        if reader:
            reader.stop()
            reader.join(timeout)

    def stop_all(self, timeout: float = 3.0) -> None:
        for device in list(self.readers):
            self.remove(device, timeout)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop_all()
