"""A simulated instrument on a virtual serial port (pty), for tests, demos and team drills.

``DeviceSimulator(profile).start()`` creates a pty pair (or opens an existing port such as one
end of a socat pair), returns the port name the app should open, and speaks the profile: records
at ``rate_hz`` for continuous devices, replies to commands for polled ones. Faults: noise and
drift (from the profile), garbage bursts, bad value tokens, corrupt checksums, a power-on banner,
unanswered polls (``drop_replies``), and ``unplug()`` / ``replug()`` (the port disappears
mid-line and comes back under a new name; ``link`` keeps a stable symlink to it, like
/dev/serial/by-id).

Baud rate: a pty carries bytes at any speed, but the app's termios settings are visible on the
master side. The simulator plays a device fixed at the profile's baud rate: while the app's port
is set to another rate, what it sends arrives garbled (as on a real UART: wrong bits, no line
ends), so baud-rate detection is tested on the bytes a wrong rate really gives.
"""
from __future__ import annotations

import argparse
import os
import termios
import random
import select
import threading
import time
from pathlib import Path

from .profiles import ProfileError, find_profile
from .sim_formats import Faults, RecordEncoder, SimulatorError

_SPEEDS = {getattr(termios, f"B{b}"): b for b in (300, 600, 1200, 2400, 4800, 9600, 19200, 38400, 57600,
                                                    115200, 230400) if hasattr(termios, f"B{b}")}


def garble(data: bytes) -> bytes:
    """What bytes sent at one baud rate look like read at another: high bits, no line ends."""
    out = bytes((b * 73 + 129) % 256 for b in data)
    return out.replace(b"\r", b"\x8d").replace(b"\n", b"\x8a")


class DeviceSimulator:
    def __init__(self, profile, rate_hz: float | None = None, faults: Faults | None = None,
                 seed: int | None = None, link: str | os.PathLike | None = None, port: str | None = None,
                 baudrate: int | None = None):
        self.profile = profile
        self.baudrate = int(baudrate or profile.port.get("baudrate", 9600))
        self.rate_hz = float(rate_hz or profile.simulate.get("rate_hz", 1.0))
        self.faults = faults or Faults()
        self.rng = random.Random(seed)
        self.encoder = RecordEncoder(profile, self.rng, self.faults)
        self.link = Path(link) if link else None
        self.external_port = port
        self.port_name = ""
        self.sent_records = 0       # complete data records written
        self.sent_invalid = 0       # of which deliberately corrupted (checksum)
        self.garbage_bursts = 0
        self.sent_bytes = 0
        self._master = None
        self._listener_since: float | None = None
        self._powered = False
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._cmd_buf = b""
        self._plugged = threading.Event()
        self.commands_received: list[str] = []

    def app_baudrate(self) -> int | None:
        """The baud rate the app has set on its end of the pty (None when unknown)."""
        if self._master is None:
            return None
        try:
            return _SPEEDS.get(termios.tcgetattr(self._master)[4])
        except (termios.error, OSError):
            return None

    # -- port lifecycle ---------------------------------------------------------------------------
    def _open(self) -> None:
        try:
            import tty   # POSIX only: imported here so that importing this module works on Windows
        except ImportError:
            raise OSError("virtual serial devices need Linux or macOS (pseudo-terminals)") from None
        if self.external_port:
            self._master = os.open(self.external_port, os.O_RDWR | os.O_NOCTTY)
            tty.setraw(self._master)
            self.port_name = self.external_port
        else:
            self._master, slave = os.openpty()
            tty.setraw(slave)     # no echo, no CR/LF translation: bytes as a real UART sends them
            self.port_name = os.ttyname(slave)
            # Not keeping the slave open lets us see (POLLHUP) whether the app holds the port,
            # like a real device seeing DTR: nothing is sent, or counted as sent, into the void.
            os.close(slave)
        if self.link:
            tmp = self.link.with_name(self.link.name + ".new")
            tmp.unlink(missing_ok=True)
            tmp.symlink_to(self.port_name)
            os.replace(tmp, self.link)
        self._listener_since: float | None = None
        self._plugged.set()

    def _power_on(self) -> None:
        """The app just opened the port: a device that prints a banner does it now."""
        if self.faults.banner:
            banner = self.profile.simulate.get("banner") or f"{self.profile.name} simulator v1.0 ready"
            self._write(banner.encode(self.profile.encoding, "replace") + b"\r\n")

    def _close(self) -> None:
        self._plugged.clear()
        if self.link:
            self.link.unlink(missing_ok=True)
        if self._master is not None:
            try:
                os.close(self._master)
            except OSError:
                pass
        self._master = None

    def start(self) -> str:
        self._open()
        self._thread = threading.Thread(target=self._run, name=f"sim-{self.profile.name}", daemon=True)
        self._thread.start()
        return str(self.link) if self.link else self.port_name

    def halt(self) -> None:
        """Stop talking but keep the port open (tests: everything sent can still be read)."""
        self._stop.set()
        if self._thread:
            self._thread.join(timeout=5)

    def stop(self) -> None:
        self.halt()
        with self._lock:
            self._close()

    def unplug(self, mid_line: bool = True, settle: float = 0.3) -> None:
        """Cut the cable: optionally half a record first, then the port vanishes."""
        with self._lock:
            if mid_line and not self.profile.poll:
                recs, _n, _bad = self.encoder.record()
                self._write(recs[0][: max(1, len(recs[0]) // 2)])
            time.sleep(settle)           # let the reader take what was sent before the cut
            self._close()

    def replug(self) -> str:
        with self._lock:
            self._open()
        return str(self.link) if self.link else self.port_name

    # -- I/O --------------------------------------------------------------------------------------
    def _write(self, data: bytes) -> None:
        if self._master is None:
            return
        if self.faults.check_baud and not self.external_port:
            app = self.app_baudrate()
            if app is not None and app != self.baudrate:
                data = garble(data)
        pieces = [data]
        if self.faults.split and len(data) > 4 and self.rng.random() < 0.3:
            cut = self.rng.randrange(1, len(data))
            pieces = [data[:cut], data[cut:]]
        for piece in pieces:
            view = memoryview(piece)
            while view:
                n = os.write(self._master, view)
                view = view[n:]
                self.sent_bytes += n

    def _tick(self) -> None:
        if self.faults.garbage and self.rng.random() < self.faults.garbage:
            junk = bytes(self.rng.randrange(256) for _ in range(self.rng.randrange(3, 40)))
            # Text devices: the burst ends the line so it cannot glue onto the next record.
            if not self.profile.is_binary:
                junk = junk.replace(b"\r", b"").replace(b"\n", b"") + b"\r\n"
            self._write(junk)
            self.garbage_bursts += 1
        recs, n, bad = self.encoder.record()
        for rec in recs:
            self._write(rec)
        self.sent_records += n
        self.sent_invalid += bad

    def _handle_commands(self) -> None:
        try:
            data = os.read(self._master, 4096)
        except OSError:
            return
        self._cmd_buf += data
        term = (self.profile.poll or {}).get("terminator", "\r").encode()
        while True:
            for t in (term, b"\r", b"\n"):
                idx = self._cmd_buf.find(t)
                if idx >= 0:
                    break
            if idx < 0:
                return
            cmd, self._cmd_buf = self._cmd_buf[:idx], self._cmd_buf[idx + 1:]
            if not cmd.strip():
                continue
            self.commands_received.append(cmd.decode("ascii", "replace").strip())
            reply, n = self.encoder.reply(cmd.decode("ascii", "replace"))
            self._write(reply)
            self.sent_records += n

    def _listener_ready(self, events: int) -> bool:
        """True once the app has held the port for a short grace period (after pyserial's flush)."""
        if events & select.POLLHUP and not self.external_port:
            self._listener_since = None
            return False
        now = time.monotonic()
        if self._listener_since is None:
            self._listener_since = now
            self._powered = False
        if now - self._listener_since < 0.05:
            return False
        if not self._powered:
            self._powered = True
            self._power_on()
        return True

    def _run(self) -> None:
        period = 1.0 / self.rate_hz if self.rate_hz > 0 else None
        polled = bool(self.profile.poll)
        next_tick = time.monotonic()
        while not self._stop.is_set():
            if not self._plugged.wait(0.05):
                continue
            with self._lock:
                if self._master is None:
                    continue
                timeout = 0.02
                if not polled and period is not None:
                    timeout = max(0.0, min(0.02, next_tick - time.monotonic()))
                poller = select.poll()
                poller.register(self._master, select.POLLIN)
                try:
                    events = sum(ev for _fd, ev in poller.poll(timeout * 1000))
                except (OSError, ValueError):
                    events = select.POLLHUP
                try:
                    if not self._listener_ready(events):
                        next_tick = time.monotonic()
                    else:
                        if events & select.POLLIN:
                            self._handle_commands()
                        if not polled and period and time.monotonic() >= next_tick:
                            self._tick()
                            next_tick += period
                except OSError:
                    pass      # port closed under us (unplug); the next loop waits for replug
            if events & select.POLLHUP:
                time.sleep(0.01)


# -- CLI: `fieldapp simulate` ---------------------------------------------------------------------
def add_parser(subparsers, common=None) -> argparse.ArgumentParser:
    p = subparsers.add_parser("simulate", help="run a simulated instrument on a virtual serial port",
                              description="Create a virtual serial port (pty) speaking a device profile; "
                                          "prints the port name to connect to.")
    p.add_argument("profile", help="built-in profile name or path to a profile .yaml")
    p.add_argument("--rate", type=float, help="records per second (continuous devices)")
    p.add_argument("--seconds", type=float, default=0, help="stop after this long (0: until Ctrl-C)")
    p.add_argument("--link", help="keep a symlink to the current port at this path")
    p.add_argument("--port", help="speak on this existing port (e.g. one end of a socat pair)")
    p.add_argument("--garbage", type=float, default=0.0, help="probability of a garbage burst per record")
    p.add_argument("--bad-values", type=float, default=0.0, help="probability of OVER/----/ERR per value")
    p.add_argument("--corrupt", type=float, default=0.0, help="probability of a bad checksum per record")
    p.add_argument("--banner", action="store_true", help="send a power-on banner first")
    p.add_argument("--unplug-every", type=float, default=0, help="unplug and replug every N seconds")
    p.add_argument("--seed", type=int)
    p.add_argument("--profiles-dir", help="folder with extra user profiles")
    p.set_defaults(func=cmd_simulate)
    return p


def _resolve_profile(name: str, profiles_dir: str | None):
    return find_profile(name, *([profiles_dir] if profiles_dir else []))


def cmd_simulate(args) -> int:
    import sys

    try:
        profile = _resolve_profile(args.profile, args.profiles_dir)
        faults = Faults(garbage=args.garbage, bad_values=args.bad_values, corrupt=args.corrupt,
                        banner=args.banner)
        sim = DeviceSimulator(profile, args.rate, faults, args.seed, args.link, args.port)
    except (ProfileError, SimulatorError) as exc:
        print(f"fieldapp: error: {exc}", file=sys.stderr)
        return 2
    print(sim.start(), flush=True)
    started = time.monotonic()
    last_cycle = started
    try:
        while not args.seconds or time.monotonic() - started < args.seconds:
            time.sleep(0.1)
            if args.unplug_every and time.monotonic() - last_cycle >= args.unplug_every:
                sim.unplug()
                time.sleep(1.0)
                print(sim.replug(), flush=True)
                last_cycle = time.monotonic()
    except KeyboardInterrupt:
        pass
    finally:
        sim.stop()
    print(f"sent {sim.sent_records} records ({sim.sent_invalid} deliberately corrupt, "
          f"{sim.garbage_bursts} garbage bursts)", flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    """``python -m fieldapp.instruments.simulator PROFILE ...`` (same as ``fieldapp simulate``)."""
    parser = argparse.ArgumentParser(prog="fieldapp")
    sub = parser.add_subparsers(dest="command", required=True)
    add_parser(sub)
    args = parser.parse_args(["simulate", *(argv if argv is not None else __import__("sys").argv[1:])])
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
