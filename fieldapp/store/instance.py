"""One running FieldApp per store: an OS file lock next to the store, and who holds it.

Two windows on one store would be two writer threads, each blind to the other's changes. The
window takes ``InstanceLock(store_path)`` before it opens the store and keeps it until the store is
closed. The lock is the operating system's (fieldapp.store.oslock: ``flock`` on Linux/macOS,
``msvcrt.locking`` on Windows), so it dies with its process: after a crash, a power cut or ``kill -9`` the next start
takes it at once; the leftover holder file is only read to say so ("recovered").

Beside the lock, ``<store>.instance.json`` says who holds it (process id, host, start time, the
name of the holder's activation channel) so a second start can say which window has the store and
ask it to come to the front. It names no person: only the machine and the process.
"""
from __future__ import annotations

import json
import os
import time
import zlib
from dataclasses import asdict, dataclass
from pathlib import Path

from .errors import StoreError
from .oslock import LockHeld, OSFileLock


class AlreadyOpen(StoreError):
    """Another FieldApp has this store open; ``holder`` says which (may be None if unreadable)."""

    def __init__(self, message: str, holder: HolderInfo | None):
        super().__init__(message)
        self.holder = holder


@dataclass
class HolderInfo:
    pid: int
    host: str
    started: float          # time.time() of the start
    channel: str            # name of the holder's activation channel (ui/single_instance.py)

    def since(self) -> str:
        return time.strftime("%Y-%m-%d %H:%M", time.localtime(self.started))


def channel_name(store_path: str | os.PathLike) -> str:
    """A name for the holder's activation channel: one per store file and user account."""
    key = f"{os.path.normcase(os.path.abspath(store_path))}|{_user()}"
    return "fieldapp-" + _digest(key)


def _digest(text: str) -> str:
    """A short, stable name for ``text`` (a store path and user). CRC-32: a name, not a secret, and
    it needs no hashlib (OpenSSL: ~4 ms of the window's start)."""
    return f"{zlib.crc32(text.encode('utf-8')):08x}"


def _host() -> str:
    """This machine's name (os.uname where there is one: the socket module is ~3 ms of the start)."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket

    return socket.gethostname()


def _user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):   # no user name (containers); the store path alone then
        return ""


def lock_files(store_path: str | os.PathLike) -> tuple[Path, Path]:
    """(lock file, holder file) for a store: next to it, or, when that folder cannot be written
    (a write-protected stick), in the user's data folder under a name made from the store's path."""
    store = Path(os.path.abspath(store_path))
    folder = store.parent
    if folder.is_dir() and os.access(folder, os.W_OK):
        return folder / f"{store.name}.lock", folder / f"{store.name}.instance.json"
    from fieldapp.core.userdirs import data_dir

    key = _digest(os.path.normcase(str(store)))
    locks = data_dir() / "locks"
    locks.mkdir(parents=True, exist_ok=True)
    return locks / f"{key}.lock", locks / f"{key}.instance.json"


def read_holder(path: Path) -> HolderInfo | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return HolderInfo(int(data["pid"]), str(data["host"]), float(data["started"]), str(data["channel"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


class InstanceLock:
    """``acquire()`` or raise AlreadyOpen; ``release()`` (also on ``with``-exit). ``recovered`` holds
    the earlier holder when it had died without releasing (its holder file was still there)."""

    def __init__(self, store_path: str | os.PathLike):
        self.store_path = Path(os.path.abspath(store_path))
        self.lock_path, self.info_path = lock_files(self.store_path)
        self.channel = channel_name(self.store_path)
        self._lock = OSFileLock(self.lock_path)
        self.recovered: HolderInfo | None = None
        self.held = False

    def _take(self) -> None:
        """The OS lock alone; AlreadyOpen (with the holder's details) when another process has it."""
        try:
            self._lock.acquire()
        except LockHeld:
            holder = read_holder(self.info_path)
            raise AlreadyOpen(already_open_message(self.store_path, holder), holder) from None
        except OSError as exc:   # cannot create the lock file at all: say so, never run unguarded
            raise StoreError(f"cannot lock {self.store_path} for this window ({exc.strerror or exc})") from exc

    def acquire(self) -> InstanceLock:
        self._take()
        try:
            self.recovered = read_holder(self.info_path)   # still there: its holder never released it
            me = HolderInfo(os.getpid(), _host(), time.time(), self.channel)
            tmp = self.info_path.with_name(self.info_path.name + ".tmp")
            tmp.write_text(json.dumps(asdict(me)), encoding="utf-8")
            os.replace(tmp, self.info_path)
        except BaseException:
            self._lock.release()
            raise
        self.held = True
        return self

    def release(self) -> None:
        if not self.held:
            return
        try:
            if (h := read_holder(self.info_path)) is not None and h.pid == os.getpid():
                self.info_path.unlink()
        except OSError:
            pass          # a leftover holder file only makes the next start say "recovered"
        self._lock.release()
        self.held = False

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc):
        self.release()


def already_open_message(store_path: Path, holder: HolderInfo | None) -> str:
    who = (f"process {holder.pid} on {holder.host}, since {holder.since()}" if holder
           else "another program")
    return (f"FieldApp is already open on this store ({store_path}; {who}). Only one window may work "
            "on a store at a time: use that window, or close it first.")


def check_not_open(store_path: str | os.PathLike) -> None:
    """For a command about to write: refuse (AlreadyOpen) while a window holds the store, since
    the window's writer would not know of the change. Takes the lock for a moment only."""
    if not Path(store_path).is_file():
        return
    probe = InstanceLock(store_path)
    if not probe.lock_path.exists():    # no window ever locked this store: nothing to create here
        return
    probe._take()
    probe._lock.release()
