"""The database a bundle is merged into or exported from: one sync implementation, two adapters.

The merge rules (merge.py), delivery tracking (delivery.py), code uniqueness (codes.py), the
export (export.py) and the strict intake (intake.py, verify.py) are written once, against this
interface. Two adapters implement it:

* ``SqliteBackend``: a team's SpatiaLite store (``fieldapp.store.Store``), here;
* ``fieldapp.server.backend.PostgresBackend``: the working group's PostGIS database.

Shared SQL is written in SQLite's spelling with ``?`` placeholders and the few spots where the two
databases differ (geometry in and out, text aggregation, GREATEST, bulk inserts, locks, read
snapshots) are methods of the adapter. The *schema* the rules are read from is always a SQLite
connection holding the store's own schema (the store itself, or on the server an empty reference
store made by the store migrations), so the intake checks a record against exactly the same
types, NOT NULLs and CHECK constraints whichever database receives it.
"""
from __future__ import annotations

import contextlib


class Backend:
    """What sync needs from a database. Subclasses: SqliteBackend, PostgresBackend (fieldapp.server)."""

    kind = "?"
    export_order = "change_seq, uuid"  # rows of a member in the order they were written
    schema = None          # SQLite connection with the store schema (PRAGMAs, geometry_columns, CHECKs)
    rules_store = None     # a Store whose check_measurement_row() applies the local write rules

    # -- plain SQL (SQLite spelling, ? placeholders) -------------------------------------------
    def execute(self, sql: str, params=()):
        raise NotImplementedError

    def executemany(self, sql: str, rows) -> int:
        raise NotImplementedError

    def stream(self, sql: str, params=()):
        """A cursor for a big result, read with fetchmany (the server streams it in batches)."""
        return self.execute(sql, params)

    def query(self, sql: str, params=()) -> list[dict]:
        cur = self.execute(sql, params)
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r)) for r in cur.fetchall()]

    # -- transactions, meta, identity ----------------------------------------------------------
    def transaction(self):
        raise NotImplementedError

    @property
    def current_seq(self) -> int:
        raise NotImplementedError

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        raise NotImplementedError

    def set_meta(self, key: str, value: str) -> None:
        raise NotImplementedError

    def require_identity(self):
        raise NotImplementedError

    # -- dialect -------------------------------------------------------------------------------
    def geom_hex(self, col: str) -> str:
        """SQL giving a geometry column as the upper-case hex of its little-endian WKB."""
        raise NotImplementedError

    def geom_from_wkb(self, srid: int) -> str:
        raise NotImplementedError

    def text_agg(self, expr: str, sep: str, distinct: bool = False) -> str:
        raise NotImplementedError

    def greatest(self, a: str, b: str) -> str:
        raise NotImplementedError

    def is_integrity_error(self, exc: Exception) -> bool:
        raise NotImplementedError

    # -- bulk paths, locks, snapshots ----------------------------------------------------------
    def insert_rows(self, codec, cols: tuple, rows: list, skip_held: bool) -> int:
        """Insert new rows (values in ``cols`` order + change_seq last); return how many went in.
        ``skip_held``: rows whose uuid is already stored are left out instead of failing."""
        raise NotImplementedError

    def merge_session(self):
        """Context for the duration of one merge (e.g. a bigger page cache)."""
        return contextlib.nullcontext()

    def lock_import(self, manifest: dict) -> None:
        """Inside the import transaction, before anything is read: serialise imports that touch the
        same incidents (SQLite's BEGIN IMMEDIATE already admits one writer)."""

    def lock_codes(self) -> None:
        """Before codes are made unique across incidents: one importer at a time."""

    def after_merge(self, seq: int) -> None:
        """Inside the import transaction, after the records: derived data of the back-end (the
        server's verdict tables)."""

    def ensure_sync_objects(self) -> None:
        """Index and ancestry trigger for tables made after the sync migration (SQLite store)."""

    def export_snapshot(self):
        """Context yielding the highest change number whose records are all committed and visible,
        inside one consistent read snapshot."""
        raise NotImplementedError

    def record_peer_sent(self, peer: str, to_seq: int, at: str, serial: int) -> None:
        with self.transaction():
            self.execute("INSERT INTO sync_peers(peer, last_sent_seq, last_sent_at, sent_count) VALUES (?, ?, ?, ?) "
                         "ON CONFLICT(peer) DO UPDATE SET last_sent_seq = excluded.last_sent_seq, "
                         "last_sent_at = excluded.last_sent_at, sent_count = excluded.sent_count",
                         (peer, to_seq, at, serial))


class SqliteBackend(Backend):
    """A team's SpatiaLite store."""

    kind = "sqlite"
    export_order = "change_seq, rowid"  # the change_seq index gives this order without a sort

    def __init__(self, store):
        self.store = store
        self.schema = store.conn
        self.rules_store = store

    @property
    def conn(self):
        return self.store.conn

    def execute(self, sql: str, params=()):
        return self.store.conn.execute(sql, params)

    def executemany(self, sql: str, rows) -> int:
        return self.store.conn.executemany(sql, rows).rowcount

    def query(self, sql: str, params=()) -> list[dict]:
        return list(self.store.db.query(sql, list(params)))

    def transaction(self):
        return self.store.transaction()

    @property
    def current_seq(self) -> int:
        return self.store.current_seq

    def get_meta(self, key, default=None):
        return self.store.get_meta(key, default)

    def set_meta(self, key, value) -> None:
        self.store.set_meta(key, value)

    def require_identity(self):
        return self.store.require_identity()

    @property
    def identity(self):
        return self.store.identity

    def geom_hex(self, col: str) -> str:
        return f'hex(AsBinary("{col}"))'

    def geom_from_wkb(self, srid: int) -> str:
        return f"GeomFromWKB(?, {srid})"

    def text_agg(self, expr: str, sep: str, distinct: bool = False) -> str:
        # SQLite's group_concat(DISTINCT x) takes no separator (it is ',')
        return f"group_concat(DISTINCT {expr})" if distinct else f"group_concat({expr}, '{sep}')"

    def greatest(self, a: str, b: str) -> str:
        return f"MAX({a}, {b})"

    def is_integrity_error(self, exc: Exception) -> bool:
        return type(exc).__name__.endswith("Error")  # sqlean raises its own IntegrityError class

    def insert_rows(self, codec, cols: tuple, rows: list, skip_held: bool) -> int:
        sql = (f'INSERT INTO "{codec.table}" ({", ".join(cols)}, change_seq) VALUES '
               f'({", ".join(codec.placeholder(c) for c in cols)}, ?)'
               + (" ON CONFLICT(uuid) DO NOTHING" if skip_held else ""))
        return self.store.conn.executemany(sql, rows).rowcount  # rows inserted, not counting trigger writes

    @contextlib.contextmanager
    def merge_session(self):
        conn = self.store.conn
        old = conn.execute("PRAGMA cache_size").fetchone()[0]
        # Random-uuid primary keys touch pages all over the index; a bigger page cache for the duration
        # of the merge turns most of those reads into memory hits (connection-local, restored below).
        conn.execute("PRAGMA cache_size = -131072")
        try:
            yield
        finally:
            conn.execute(f"PRAGMA cache_size = {int(old)}")

    def ensure_sync_objects(self) -> None:
        from .schema import ensure_sync_objects

        ensure_sync_objects(self.store.conn)

    @contextlib.contextmanager
    def export_snapshot(self):
        store = self.store
        have = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
        from .schema import synced_tables

        if any(f"{t}_sync_ancestry" not in have for t in synced_tables(store.conn)):
            with store.transaction():
                self.ensure_sync_objects()
        with store._lock:
            store.conn.execute("BEGIN")  # one read snapshot: the bundle is consistent even if writes follow
            try:
                yield int(store.get_meta("change_seq", "0"))
            except BaseException:
                store.conn.execute("ROLLBACK")
                raise
            store.conn.execute("COMMIT")


def as_backend(target) -> Backend:
    """A Backend for a Store (wrapped) or a Backend (as it is)."""
    if isinstance(target, Backend):
        return target
    cached = getattr(target, "_sync_backend", None)
    if cached is None:
        cached = SqliteBackend(target)
        try:
            target._sync_backend = cached
        except AttributeError:
            pass
    return cached
