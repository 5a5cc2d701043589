"""Reader threads and the ConnectionManager (plain threading; the Qt layer only adapts callbacks).

One DeviceReader thread per device owns its port: it opens it, sends poll commands, feeds bytes
to the StreamDecoder and hands every RawRecord to ``deliver``. The status is honest:

* 'connecting' while the port is open but nothing valid has arrived yet: never green before data;
* 'connected' only once a record parsed into values;
* 'no_data' when nothing valid arrived for ``no_data_after`` seconds (silent, asleep, wrong
  profile) or a polled device did not answer within ``poll.reply_timeout``;
* 'error' when the port fails, bytes arrive that do not parse, or the reader itself fails (the
  reason says why; a reader never dies silently while the row still says connected);
* 'stopped' after ``stop()``, within a second (the read timeout is short and cancel_read wakes it).

When the port fails or vanishes the unfinished line is kept as a quarantined record and the reader
retries with exponential backoff, finding THE SAME device again (``ports.resolve_port``).
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
from .live import LiveValues
from .polling import Poller
from .ports import PortIdentity, identify, resolve_port, same_port
from .records import (KIND_PROMPT, KIND_STATUS, STATUS_ERROR, STATUS_IGNORED, STATUS_QUARANTINED,
                      STATUS_REJECTED, DeviceStatus, RawRecord, now_iso)

CONNECTING, CONNECTED, NO_DATA, ERROR, STOPPED = "connecting", "connected", "no_data", "error", "stopped"
BAD_IN_A_ROW = 5      # this many unparseable records in a row -> status error (wrong baud/profile)


class PortInUse(ValueError):
    """The port is already open for another device of this manager."""


@dataclass
class DeviceConfig:
    device: str                     # the label the team gives it, e.g. "WTW-1"
    profile: object                 # profiles.Profile
    port: str | None = None         # explicit port name
    globs: list[str] = field(default_factory=list)
    backoff_min: float = 0.2
    backoff_max: float = 5.0
    baudrate: int | None = None     # overrides the profile's (learn flow, unusual meter settings)


def serial_settings(profile, baudrate: int | None = None) -> dict:
    p = profile.port
    return {"baudrate": int(baudrate or p.get("baudrate", 9600)), "bytesize": int(p.get("bytesize", 8)),
            "parity": str(p.get("parity", "N"))[:1].upper(), "stopbits": p.get("stopbits", 1),
            "rtscts": bool(p.get("rtscts", False)), "xonxoff": bool(p.get("xonxoff", False)),
            "dsrdtr": bool(p.get("dsrdtr", False)), "timeout": min(0.1, float(p.get("read_timeout", 0.05)))}


class DeviceReader(threading.Thread):
    def __init__(self, cfg: DeviceConfig, deliver: Callable[[list[RawRecord]], None],
                 on_status: Callable[[DeviceStatus], None]):
        super().__init__(name=f"instrument-{cfg.device}", daemon=True)
        self.cfg = cfg
        self.deliver = deliver
        self.on_status = on_status
        self.status = DeviceStatus(cfg.device, CONNECTING, port=cfg.port or "")
        self._halt = threading.Event()
        self._port: serial.Serial | None = None
        self.identity: PortIdentity | None = None    # the device first connected to
        self.bytes_in = 0
        self.connects = 0
        self.current_port = cfg.port or ""

    # -- status ---------------------------------------------------------------------------------
    def _set_status(self, state: str, reason: str = "", port: str = "") -> None:
        if (state, reason) == (self.status.state, self.status.reason):
            return
        self.status = DeviceStatus(self.cfg.device, state, reason, port or self.status.port, now_iso())
        self.on_status(self.status)

    def _event(self, port: str, status: str, reason: str) -> RawRecord:
        """A connection event for the raw log: no bytes, just what happened and when."""
        return RawRecord(b"", KIND_STATUS, status, reason, received_at=now_iso(), device=self.cfg.device,
                         port=port, profile=self.cfg.profile.name)

    def stop(self) -> None:
        self._halt.set()
        port = self._port
        if port is not None:
            try:
                port.cancel_read()
            except Exception:   # noqa: BLE001 - closing anyway; the loop sees _halt
                pass

    # -- main loop ------------------------------------------------------------------------------
    def run(self) -> None:
        try:
            self._run()
        except Exception as exc:  # noqa: BLE001 - a reader must never die while the row says connected
            reason = f"the reader stopped on an internal error: {type(exc).__name__}: {exc}"
            self._set_status(ERROR, reason)
            try:
                self.deliver([self._event(self.current_port, STATUS_ERROR, reason)])
            except Exception:   # noqa: BLE001 - the sink is gone too; the status says it
                pass
            return
        self._set_status(STOPPED, "")

    def _run(self) -> None:
        delay = self.cfg.backoff_min
        profile = self.cfg.profile
        while not self._halt.is_set():
            name, why = resolve_port(self.cfg.port, list(self.cfg.globs) + list(profile.match.get("glob", [])),
                                     self.identity)
            if name is None:
                self._set_status(ERROR, f"device not found: {why}; retrying")
            else:
                try:
                    self._port = serial.Serial(name, **serial_settings(profile, self.cfg.baudrate))
                except (serial.SerialException, OSError, ValueError) as exc:
                    self._set_status(ERROR, f"cannot open {name}: {exc}", name)
                else:
                    delay = self.cfg.backoff_min
                    self._session(name)
            if self._halt.wait(delay):
                break
            delay = min(delay * 2, self.cfg.backoff_max)

    def _session(self, name: str) -> None:
        self.connects += 1
        self.current_port = name
        if self.identity is None:
            self.identity = identify(name)
        self._set_status(CONNECTING, "port open, waiting for valid data…", name)
        decoder = StreamDecoder(self.cfg.profile, self.cfg.device, name)
        real = os.path.realpath(name) if os.path.exists(name) else name
        where = name if real == name else f"{name} -> {real}"     # by-id/glob links: show the real device
        self.deliver([self._event(name, STATUS_IGNORED, f"connected on {where}")])
        reason = "reader stopped"
        try:
            self._pump(self._port, decoder)
        except (serial.SerialException, OSError) as exc:
            reason = f"port {name} lost: {exc}"
        finally:
            try:                  # release the port first: by the time the status says so, it is free
                self._port.close()
            except Exception:   # noqa: BLE001
                pass
            self._port = None
            tail = decoder.flush(f"incomplete data when the port closed ({reason})", now_iso())
            if reason != "reader stopped":
                self._set_status(ERROR, reason, name)
                tail.append(self._event(name, STATUS_ERROR, reason))
            if tail:
                self.deliver(tail)

    def _pump(self, ser: serial.Serial, decoder: StreamDecoder) -> None:
        profile = self.cfg.profile
        poller = Poller(profile.poll, has_prompt=bool(profile.framing.get("prompt")))
        since_valid = time.monotonic()
        bad_in_a_row = 0
        while not self._halt.is_set():
            now = time.monotonic()
            cmd = poller.due(now)
            if cmd is not None:
                decoder.sent(cmd)
                ser.write((cmd + poller.terminator).encode(profile.encoding, "replace"))
            late = poller.overdue(now)
            if late:
                self._set_status(NO_DATA, late)
                self.deliver([self._event(ser.port, STATUS_ERROR, late)])
            data = ser.read(ser.in_waiting or 1)
            if self._halt.is_set():
                break
            if not data:
                if now - since_valid > profile.no_data_after:
                    self._set_status(NO_DATA, f"no valid data for {profile.no_data_after:g} s "
                                              "(device off, asleep, not sending, or wrong profile?)")
                continue
            self.bytes_in += len(data)
            records = decoder.feed(data, now_iso())
            for rec in records:
                poller.saw(rec.kind == KIND_PROMPT, rec.is_data, time.monotonic())
                if rec.is_data:
                    bad_in_a_row = 0
                    since_valid = time.monotonic()
                elif rec.status in (STATUS_ERROR, STATUS_QUARANTINED):
                    bad_in_a_row += 1
            self._judge(records, bad_in_a_row, since_valid)
            if records:
                self.deliver(records)

    def _judge(self, records: list[RawRecord], bad_in_a_row: int, since_valid: float) -> None:
        if bad_in_a_row >= BAD_IN_A_ROW:
            bad = [r for r in records if r.status in (STATUS_ERROR, STATUS_QUARANTINED)]
            self._set_status(ERROR, "bytes arrive but do not parse (wrong baud rate or profile?): "
                             + (bad[-1].reason if bad else "see stored records"))
        elif any(r.is_data for r in records):
            self._set_status(CONNECTED, "")
        elif any(r.status == STATUS_REJECTED for r in records) and self.status.state != CONNECTED:
            last = [r for r in records if r.status == STATUS_REJECTED][-1]
            self._set_status(NO_DATA, f"receiving, but no usable values yet: {last.reason}")


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
        if records and records[0].device not in self.readers:
            return            # a reader whose removal timed out: nothing more reaches the app
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

    def port_user(self, port: str | None) -> str | None:
        """The device that has ``port`` open (or is trying to), or None."""
        if not port:
            return None
        for name, reader in self.readers.items():
            if any(p and same_port(p, port) for p in (reader.cfg.port, reader.current_port)):
                return name
        return None

    def add(self, cfg: DeviceConfig) -> DeviceReader:
        if cfg.device in self.readers:
            raise ValueError(f"a device named {cfg.device!r} is already connected")
        user = self.port_user(cfg.port)
        if user is not None:
            raise PortInUse(f"port {cfg.port} is already open for {user}: disconnect it first, or choose "
                            "another port")
        reader = DeviceReader(cfg, self._deliver, self._status)
        self.readers[cfg.device] = reader
        reader.start()
        return reader

    def remove(self, device: str, timeout: float = 1.0) -> bool:
        """Stop a device's reader; True when its thread ended within ``timeout``."""
        reader = self.readers.get(device)
        if reader is None:
            return True
        reader.stop()
        reader.join(timeout)
        self.readers.pop(device, None)
        self.live.forget(device)
        return not reader.is_alive()

    def stop_all(self, timeout: float = 3.0) -> None:
        for reader in list(self.readers.values()):
            reader.stop()
        for device in list(self.readers):
            self.remove(device, timeout)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop_all()
