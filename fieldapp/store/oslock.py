"""An exclusive lock on a file that the operating system holds for this process and drops when the
process ends, however it ends (closed, crashed, killed, power cut): a stale lock cannot exist.

POSIX: ``flock(LOCK_EX | LOCK_NB)``. Windows: ``msvcrt.locking(LK_NBLCK)`` on the file's first
byte. Non-blocking only: a held lock is reported at once (``LockHeld``), never waited for.

Why not the filelock package, which did this before: FieldApp needs this one try-lock, before its
window can open, and importing filelock (with OpenSSL, through ``secrets``) took ~13 ms of the
window's start (bench/bench_startup.py); these are the same system calls. The platform module is
imported when the lock is taken, so the code path to the window needs no POSIX-only module on
Windows (tests/core/test_portable.py). Tested here on Linux only (README: what was tested where).
"""
from __future__ import annotations

import errno
import os
import sys

_HELD_ERRNOS = {errno.EAGAIN, errno.EACCES, getattr(errno, "EWOULDBLOCK", errno.EAGAIN),
                getattr(errno, "EDEADLOCK", errno.EDEADLK)}   # msvcrt: EACCES or EDEADLOCK when held


class LockHeld(OSError):
    """Another process (or another lock object in this one) holds the lock."""


class OSFileLock:
    def __init__(self, path: str | os.PathLike):
        self.path = os.fspath(path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock now, or raise ``LockHeld``; other OSErrors (no such folder, read-only
        medium) are raised as they are."""
        if self._fd is not None:
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            _lock(fd)
        except OSError as exc:
            os.close(fd)
            if exc.errno in _HELD_ERRNOS:
                raise LockHeld(exc.errno, f"{self.path} is locked by another process") from None
            raise
        self._fd = fd

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            _unlock(fd)
        finally:
            os.close(fd)


if sys.platform == "win32":
    def _lock(fd: int) -> None:
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    def _lock(fd: int) -> None:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)
