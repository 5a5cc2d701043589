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
import uuid as uuidlib
from dataclasses import asdict, dataclass, field
from pathlib import Path

import sqlean
import sqlite_utils

from fieldapp.core.timeutil import now_iso

from . import migrations
from .connection import APPLICATION_ID, connect
from .errors import IdentityMissing, NotAFieldAppStore, StoreError, StoreFull, StoreReadOnly
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
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "fieldapp" / "fieldapp.sqlite"


def _map_write_error(exc: Exception) -> Exception:
    msg = str(exc).lower()
    if "readonly" in msg or "read-only" in msg or "read only" in msg:
        return StoreReadOnly(code="store_read_only")
    if "full" in msg:
        return StoreFull(code="store_full")
    if "disk i/o" in msg:
        return StoreError(f"disk error while saving; the last change was NOT saved ({exc})")
    return exc


class Store(RecordsMixin):
    def __init__(self, path: str | os.PathLike, read_only: bool = False):
        self.path = Path(path)
        existed = self.path.exists() and self.path.stat().st_size > 0
        self.conn = connect(self.path, read_only=read_only)
        self.read_only = read_only
        self.db = sqlite_utils.Database(self.conn)
        self._lock = threading.RLock()
        self._depth = 0
        self._seq: int | None = None
        try:
            self._check_or_init(existed)
        except BaseException:
            self.conn.close()
            raise
        self._identity: Identity | None = None

    # -- opening -------------------------------------------------------------------------
    def _check_or_init(self, existed: bool) -> None:
        app_id = self.conn.execute("PRAGMA application_id").fetchone()[0]
        tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if existed and app_id != APPLICATION_ID and tables:
            raise NotAFieldAppStore(
                f"{self.path} is an SQLite database but not a FieldApp store "
                f"(it holds {', '.join(sorted(tables)[:5])}…); choose another file"
            )
        if self.read_only:
            if app_id != APPLICATION_ID:
                raise NotAFieldAppStore(f"{self.path} is not a FieldApp store")
            return
        try:
            if "spatial_ref_sys" not in tables:
                # Own transaction inside SpatiaLite; only WGS 84 is loaded to keep new stores small.
                self.conn.execute("SELECT InitSpatialMetadata(1, 'WGS84')")
            if app_id != APPLICATION_ID:
                self.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            migrations.run(self.conn, now_iso())
        except sqlean.OperationalError as exc:
            raise _map_write_error(exc) from exc

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
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlean.OperationalError as exc:
                raise _map_write_error(exc) from exc
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
                         device_id=old.device_id if old else str(uuidlib.uuid4()))
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
            "uuid": record_uuid or str(uuidlib.uuid4()),
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
        """Integrity and spatial-index checks; returns a dict of results (all must be ok)."""
        integrity = self.conn.execute("PRAGMA integrity_check").fetchone()[0]
        fk = self.conn.execute("PRAGMA foreign_key_check").fetchall()
        bad = []
        for table, column in self.conn.execute(
                "SELECT f_table_name, f_geometry_column FROM geometry_columns WHERE spatial_index_enabled = 1"):
            res = self.conn.execute("SELECT CheckSpatialIndex(?, ?)", (table, column)).fetchone()[0]
            if res != 1:
                bad.append(f"{table}.{column} (CheckSpatialIndex returned {res})")
        schema = self.conn.execute("SELECT MAX(number) FROM _fieldapp_migrations").fetchone()[0]
        return {
            "integrity": integrity,
            "foreign_keys": "ok" if not fk else f"{len(fk)} broken reference(s)",
            "spatial_index": "ok" if not bad else "broken: " + ", ".join(bad),
            "schema": schema,
        }


def open_store(path: str | os.PathLike | None = None, read_only: bool = False) -> Store:
    return Store(path or default_store_path(), read_only=read_only)
