"""Opening and creating store files: the messages for every kind of file that is not a usable store,
and the explicit creation of a new one.

Decisions:
* A store is created only when asked (``create=True``: the first run at the default location,
  or ``--create``). A mistyped path, an empty file or another program's database is refused with a
  message saying what it is, and the file is left exactly as it was.
* A file whose header says "FieldApp store" but which SQLite cannot read is *damaged*, not foreign:
  ``PRAGMA quick_check`` tells what is wrong, and the message points to the backup copies.
* A lock held by another program is waited for (``FIELDAPP_LOCK_WAIT`` seconds, default 30), then
  refused in one line.
"""
from __future__ import annotations

import contextlib
import os
from pathlib import Path

import sqlean

from .errors import NoStore, NotAFieldAppStore, StoreDamaged, StoreError, StoreLocked, StoreReadOnly
from .probe import APPLICATION_ID, Probe

BACKUP_ADVICE = ("Do not write to it. Restore the latest backup copy of the store (a copy on a USB stick, or "
                 "ask the working group for a full bundle of your team's data) and keep the damaged file "
                 "for the record")


def lock_wait_seconds() -> float:
    try:
        return max(0.0, float(os.environ.get("FIELDAPP_LOCK_WAIT", "30")))
    except ValueError:
        return 30.0


def refusal(path: Path, found: Probe, create: bool) -> StoreError:
    """The error for a path that holds no usable FieldApp store (nothing was changed)."""
    unchanged = "it was not changed"
    if found.kind == "missing":
        return NoStore(f"no FieldApp store at {path}: check the path (a typo?), or add --create to start a "
                       "new store there")
    if found.kind == "folder":
        return NotAFieldAppStore(f"{path} is a folder, not a FieldApp store file")
    if found.kind == "empty":
        return NotAFieldAppStore(f"{path} is an empty file (0 bytes), not a FieldApp store; {unchanged}. "
                                 "Choose another file name for a new store (--create)")
    if found.kind == "not_sqlite":
        return NotAFieldAppStore(f"{path} is not a FieldApp store (not an SQLite database); {unchanged}. "
                                 "If it was a FieldApp store, it is damaged beyond reading: restore a backup copy")
    if found.kind == "sqlite_empty":
        return NotAFieldAppStore(f"{path} is an empty SQLite database (no tables), not a FieldApp store; "
                                 f"{unchanged}")
    if found.kind == "foreign":
        shown = ", ".join(found.tables[:5]) + ("…" if len(found.tables) > 5 else "")
        return NotAFieldAppStore(f"{path} is an SQLite database of another program (tables: {shown or '?'}), "
                                 f"not a FieldApp store; {unchanged}. Choose another file")
    if found.kind == "truncated":
        return StoreDamaged(f"{path} is a FieldApp store but it is damaged: truncated ({found.detail}). "
                            + BACKUP_ADVICE)
    return StoreError(f"{path}: cannot be opened as a FieldApp store ({found.kind})")


def quick_check(path: Path) -> str:
    """First problem PRAGMA quick_check reports on a read-only connection, or the error opening it."""
    try:
        conn = sqlean.connect(f"file:{path}?mode=ro", uri=True)
    except sqlean.Error as exc:
        return str(exc)
    try:
        rows = [r[0] for r in conn.execute("PRAGMA quick_check(3)")]
        return "ok" if rows == ["ok"] else "; ".join(rows)
    except sqlean.Error as exc:
        return str(exc)
    finally:
        conn.close()


def _classify(path: Path, exc: Exception) -> StoreError:
    """An SQLite error while opening a file that carries FieldApp's application id."""
    msg = str(exc).lower()
    if "locked" in msg or "busy" in msg:
        return StoreLocked(f"{path} is locked by another program")
    if "readonly" in msg or "read-only" in msg or "unable to open" in msg:
        return StoreReadOnly(f"cannot open {path} for writing ({exc}); nothing was changed")
    found = quick_check(path)
    return StoreDamaged(f"{path} is a FieldApp store but it is damaged ({exc}; quick_check: {found}). "
                        + BACKUP_ADVICE)


def create_store_file(path: Path) -> None:
    """Build a complete new store in a hidden file beside ``path``, then link it into place.

    ``os.link`` fails if ``path`` appeared meanwhile, so an existing file is never replaced.
    The new store is written in rollback-journal mode and closed, so its header (with the
    application id) is on disk before anyone can open it; the normal open switches it to WAL.
    """
    from fieldapp.core.timeutil import now_iso

    from . import migrations
    from .connection import load_spatialite

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreReadOnly(f"cannot create the folder {path.parent}: {exc.strerror}") from exc
    tmp = path.with_name(f".{path.name}.creating-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    try:
        conn = sqlean.connect(str(tmp), isolation_level=None)
        try:
            load_spatialite(conn)
            # Own transaction inside SpatiaLite; only WGS 84 is loaded to keep new stores small.
            conn.execute("SELECT InitSpatialMetadata(1, 'WGS84')")
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            migrations.run(conn, now_iso())
        finally:
            conn.close()
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise StoreError(f"{path} appeared while the new store was being made; it was left as it is") from None
    except sqlean.OperationalError as exc:
        raise StoreReadOnly(f"cannot create a store at {path}: {exc}") from exc
    except OSError as exc:
        raise StoreReadOnly(f"cannot create a store at {path}: {exc.strerror or exc}") from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
