"""The Store: one SpatiaLite file holding everything a team records at an incident.

Owns the connection, the schema (through numbered migrations), the team identity that stamps every
record, and the transaction discipline: every write runs inside ``transaction()``, which commits
durably or rolls back whole, and maps disk/permission errors to errors a user can act on.
"""
from __future__ import annotations

import contextlib
import json
import os
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import sqlean

from fieldapp.core.ids import new_uuid
from fieldapp.core.timeutil import now_iso

from . import migrations
from .connection import connect, load_spatialite
from .errors import IdentityMissing, StoreError, StoreFull, StoreLocked, StoreReadOnly
from .lazydb import LazyDatabase
from .opening import _classify, create_store_file, lock_wait_seconds, refusal
from .probe import probe
from .records import RecordsMixin


@dataclass
class Identity:
    """Who is writing: stamped on every record (created_by_team / created_by_device)."""

    unit: str
    team: str
    device: str
    members: list[str] = field(default_factory=list)
    device_id: str = ""

    @property
    def device_label(self) -> str:
        return f"{self.device} ({self.device_id[:8]})"


def default_store_path() -> Path:
    env = os.environ.get("FIELDAPP_STORE")
    if env:
        return Path(env)
    from fieldapp.core.userdirs import data_dir

    return data_dir() / "fieldapp.sqlite"


def _map_write_error(exc: Exception) -> Exception:
    msg = str(exc).lower()
    if "readonly" in msg or "read-only" in msg or "read only" in msg:
        return StoreReadOnly(code="store_read_only")
    if "full" in msg:
        return StoreFull(code="store_full")
    if "locked" in msg or "busy" in msg:
        return StoreLocked(f"the store is locked by another program ({exc})")
    if "disk i/o" in msg:
        return StoreError(f"disk error while saving; the last change was NOT saved ({exc})")
    return exc


class Store(RecordsMixin):
    """Open an existing FieldApp store, or make a new one with ``create=True``.

    Opening never modifies a file that is not already a FieldApp store: the file is probed first
    (probe.py) and every other kind of file is refused with a message saying what it is. A new store
    is built in a hidden file next to the target and linked into place when complete, so a crash
    during creation never leaves a half-made store. ``on_wait(message)`` is called once when the
    store is locked by another program and we start waiting (the CLI prints it).
    """

    def __init__(self, path: str | os.PathLike, read_only: bool = False, *, create: bool = False,
                 on_wait=None, spatial: bool = True):
        """``spatial=False``: SpatiaLite is loaded by ``load_spatial()`` (the window's start does so
        after its first paint: ~45 ms), or at once when a migration is due. Until then this
        connection reads and writes plain columns only: no spatial SQL, no point geometry."""
        self.path = Path(path)
        self.spatial = spatial
        self.read_only = read_only
        self.on_wait = on_wait
        self._lock = threading.RLock()
        self._depth = 0
        self._seq: int | None = None
        self._identity: Identity | None = None
        found = probe(self.path)
        if found.kind == "missing" and create and not read_only:
            create_store_file(self.path)
        elif found.kind != "fieldapp":
            raise refusal(self.path, found, create)
        self.conn = self._wait_unlocked(self._open)
        self.conn.execute("PRAGMA recursive_triggers=on")   # as sqlite-utils' Database() sets it
        self.db = LazyDatabase(self.conn)                   # sqlite-utils imported when first needed

    # -- opening -------------------------------------------------------------------------
    def _open(self):
        try:
            conn = connect(self.path, read_only=self.read_only, spatial=self.spatial)
        except sqlean.DatabaseError as exc:
            raise _classify(self.path, exc) from exc
        try:
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()  # reads the whole schema
            if not self.read_only:
                if not self.spatial and migrations.pending(conn):
                    load_spatialite(conn)             # migrations build spatial columns and indexes
                    self.spatial = True
                migrations.run(conn, now_iso())
        except sqlean.DatabaseError as exc:
            conn.close()
            raise _classify(self.path, exc) from exc
        except BaseException:
            conn.close()
            raise
        return conn

    def _wait_unlocked(self, fn):
        """Run ``fn``; while another program holds the lock, retry until LOCK_WAIT seconds passed."""
        deadline = time.monotonic() + lock_wait_seconds()
        told = False
        while True:
            try:
                return fn()
            except StoreLocked:
                if time.monotonic() >= deadline:
                    raise StoreLocked(
                        f"{self.path} is in use by another program (another FieldApp window or command is "
                        f"writing to it); waited {lock_wait_seconds():g} s, nothing was changed. Close the "
                        "other program or wait for it to finish, then try again") from None
                if not told and self.on_wait:
                    self.on_wait(f"waiting for {self.path}: another program is using it …")
                told = True
                time.sleep(0.2)

    def load_spatial(self) -> None:
        """Load SpatiaLite into a store opened with ``spatial=False`` (nothing when it is loaded)."""
        if not self.spatial:
            load_spatialite(self.conn)
            self.spatial = True

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- transactions --------------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self):
        """All-or-nothing write. Nested calls join the outer transaction.

        Every record written inside one transaction shares one change sequence number
        (``self.current_seq``), which incremental sync selects on.
        """
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self
                finally:
                    self._depth -= 1
                return
            self._wait_unlocked(self._begin)
            self._depth = 1
            try:
                self._seq = self._next_seq()
                yield self
                self.conn.execute("COMMIT")
            except BaseException as exc:
                with contextlib.suppress(Exception):
                    self.conn.execute("ROLLBACK")
                if isinstance(exc, sqlean.OperationalError):
                    raise _map_write_error(exc) from exc
                raise
            finally:
                self._depth = 0
                self._seq = None

    def _begin(self) -> None:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlean.OperationalError as exc:
            raise _map_write_error(exc) from exc

    def _next_seq(self) -> int:
        row = self.conn.execute("SELECT value FROM meta WHERE key='change_seq'").fetchone()
        seq = int(row[0]) + 1 if row else 1
        self.conn.execute(
            "INSERT INTO meta(key, value) VALUES ('change_seq', ?) "
            "ON CONFLICT(key) DO UPDATE SET value=excluded.value", (str(seq),))
        return seq

    @property
    def current_seq(self) -> int:
        if self._seq is None:
            raise StoreError("writes must happen inside store.transaction()")
        return self._seq

    # -- meta & identity -----------------------------------------------------------------
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO meta(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value=excluded.value", (key, value))

    @property
    def identity(self) -> Identity | None:
        if self._identity is None:
            raw = self.get_meta("identity")
            if raw:
                self._identity = Identity(**json.loads(raw))
        return self._identity

    def set_identity(self, unit: str, team: str, device: str, members: list[str] | None = None) -> Identity:
        from .errors import ValidationError

        for name, val in (("unit", unit), ("team", team), ("device", device)):
            if not val or not val.strip():
                raise ValidationError(name, code="required")
        old = self.identity
        ident = Identity(unit.strip(), team.strip(), device.strip(),
                         [m.strip() for m in (members or []) if m.strip()],
                         device_id=old.device_id if old else new_uuid())
        self.set_meta("identity", json.dumps(asdict(ident), ensure_ascii=False))
        self._identity = ident
        return ident

    def reload_identity(self) -> None:
        """Forget the cached identity (another connection changed it); read again on next use."""
        self._identity = None

    def require_identity(self) -> Identity:
        ident = self.identity
        if ident is None:
            raise IdentityMissing(
                "the team identity is not set yet: run `fieldapp identity --unit … --team … --device …` "
                "or start the app once", code="identity_missing")
        return ident

    def new_meta(self, record_uuid: str | None = None) -> dict:
        """The sync columns for a new record written now by this installation."""
        ident = self.require_identity()
        ts = now_iso()
        return {
            "uuid": record_uuid or new_uuid(),
            "created_at": ts,
            "updated_at": ts,
            "created_by_team": ident.team,
            "created_by_device": ident.device_id,
            "updated_by_device": ident.device_id,
            "version": 1,
            "deleted": 0,
            "change_seq": self.current_seq,
        }

    # -- checks --------------------------------------------------------------------------
    def check(self) -> dict:
        """Integrity, foreign keys and spatial indexes; returns a dict of results (all must be ok).

        Reads only (``fieldapp check`` runs it on a read-only connection): the spatial index is
        compared with the geometries directly instead of through CheckSpatialIndex(), which writes
        a row to spatialite_history on every call.
        """
        try:
            integrity = "; ".join(r[0] for r in self.conn.execute("PRAGMA integrity_check(5)"))
            fk = self.conn.execute("PRAGMA foreign_key_check").fetchall()
            bad = [f"{t}.{c} ({why})" for t, c, why in self._spatial_index_problems()]
            schema = self.conn.execute("SELECT MAX(number) FROM _fieldapp_migrations").fetchone()[0]
        except sqlean.DatabaseError as exc:
            raise _classify(self.path, exc) from exc
        return {
            "integrity": integrity,
            "foreign_keys": "ok" if not fk else f"{len(fk)} broken reference(s)",
            "spatial_index": "ok" if not bad else "broken: " + ", ".join(bad),
            "schema": schema,
        }

    def _spatial_index_problems(self) -> list[tuple[str, str, str]]:
        out = []
        for table, column in self.conn.execute(
                "SELECT f_table_name, f_geometry_column FROM geometry_columns WHERE spatial_index_enabled = 1"):
            rtree = f"idx_{table}_{column}"
            n_geom, n_idx, off = self.conn.execute(
                f'SELECT (SELECT COUNT(*) FROM "{table}" WHERE "{column}" IS NOT NULL), '
                f'(SELECT COUNT(*) FROM "{rtree}"), '
                # R*Tree boxes are float32, rounded outwards: the geometry's box must lie inside
                f'(SELECT COUNT(*) FROM "{table}" t JOIN "{rtree}" r ON r.pkid = t.rowid '
                f'WHERE r.xmin > MbrMinX(t."{column}") OR r.xmax < MbrMaxX(t."{column}") '
                f'OR r.ymin > MbrMinY(t."{column}") OR r.ymax < MbrMaxY(t."{column}"))').fetchone()
            if n_geom != n_idx or off:
                out.append((table, column, f"{n_geom} geometries, {n_idx} index entries, {off} out of place"))
        return out


def open_store(path: str | os.PathLike | None = None, read_only: bool = False, *, create: bool = False,
               on_wait=None, spatial: bool = True) -> Store:
    return Store(path or default_store_path(), read_only=read_only, create=create, on_wait=on_wait,
                 spatial=spatial)
