"""The PostgreSQL adapter of the one sync implementation (fieldapp.sync.backend.Backend).

What differs from the SpatiaLite store, and why:

* SQL: shared statements use ``?``; they are turned into psycopg's ``%s`` here. Geometry goes out
  as the upper-case hex of little-endian WKB (``ST_AsBinary(g, 'NDR')``), byte-identical to
  SpatiaLite's, so content hashes, conflict winners and checksums agree across back-ends.
* Bulk inserts are COPY: rows stream straight into the table (geometries as EWKB with the SRID)
  inside a savepoint; when some records are already held the batch goes through a temporary
  staging table and ``INSERT … ON CONFLICT (uuid) DO NOTHING``.
* Several desks write at once. Each write transaction takes one change number from a sequence
  and holds it as a shared advisory lock until it ends; an export only goes up to the number
  below the oldest one still in flight, so a bundle never skips a change committed late. Imports
  lock the bundle and its incidents (advisory locks, sorted: no deadlock), and the cross-incident
  step (incident codes made unique) takes one short global lock at the end.
"""
from __future__ import annotations

import contextlib
import json
import struct

import psycopg
from psycopg import errors as pgerr

from fieldapp.sync.backend import Backend

# advisory lock classes (first key of the two-key form)
SEQ_LOCK, INCIDENT_LOCK, CODES_LOCK, ALLOC_LOCK, BUNDLE_LOCK = 1, 2, 3, 4, 5
EWKB_SRID_FLAG = 0x20000000


def to_pg(sql: str) -> str:
    """SQLite-style placeholders to psycopg's (no literal ? or % in the shared SQL)."""
    return sql.replace("%", "%%").replace("?", "%s")


def ewkb_hex(wkb: bytes, srid: int) -> str:
    """ISO WKB -> hex EWKB carrying the SRID, which PostGIS accepts as text input (COPY)."""
    endian = "<" if wkb[0] == 1 else ">"
    (gtype,) = struct.unpack(endian + "I", wkb[1:5])
    return (wkb[:1] + struct.pack(endian + "II", gtype | EWKB_SRID_FLAG, srid) + wkb[5:]).hex()


class _Identity:
    def __init__(self, d: dict):
        self.unit, self.team, self.device = d.get("unit", ""), d["team"], d.get("device", "")
        self.members, self.device_id = d.get("members", []), d["device_id"]


class PostgresBackend(Backend):
    kind = "postgresql"

    def __init__(self, conn: psycopg.Connection, reference):
        """``conn``: autocommit psycopg connection; ``reference``: read-only Store with the store schema."""
        self.conn = conn
        self.reference = reference
        self.schema = reference.conn
        self.rules_store = reference
        self._depth = 0
        self._seq: int | None = None
        self.db = self  # maps.status and the like call store.db.query(sql, params)

    # -- SQL -------------------------------------------------------------------------------
    def execute(self, sql: str, params=()):
        return self.conn.execute(to_pg(sql), tuple(params) if params is not None else None)

    def executemany(self, sql: str, rows) -> int:
        cur = self.conn.cursor()
        cur.executemany(to_pg(sql), rows)
        return cur.rowcount

    def stream(self, sql: str, params=()):
        """A server-side cursor (rows fetched in batches, not all at once)."""
        cur = self.conn.cursor(name=f"fa_stream_{id(self)}")
        cur.itersize = 5000
        cur.execute(to_pg(sql), tuple(params))
        return cur

    # -- transactions ----------------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self):
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        with self.conn.transaction():
            self._depth = 1
            try:
                self._seq = self._take_seq()
                yield self
            finally:
                self._depth = 0
                self._seq = None

    def _take_seq(self) -> int:
        """This transaction's change number, announced as in flight (shared advisory lock) before
        any exporter can see the sequence past it."""
        self.conn.execute("SELECT pg_advisory_lock(%s, 0)", (ALLOC_LOCK,))
        try:
            seq = self.conn.execute("SELECT nextval('server_change_seq')").fetchone()[0]
            self.conn.execute("SELECT pg_advisory_xact_lock_shared(%s, %s)", (SEQ_LOCK, seq))
        finally:
            self.conn.execute("SELECT pg_advisory_unlock(%s, 0)", (ALLOC_LOCK,))
        return seq

    @property
    def current_seq(self) -> int:
        if self._seq is None:
            raise RuntimeError("writes must happen inside transaction()")
        return self._seq

    def committed_seq(self) -> int:
        """The highest change number below every transaction still in flight."""
        self.conn.execute("SELECT pg_advisory_lock(%s, 0)", (ALLOC_LOCK,))
        try:
            last, called = self.conn.execute("SELECT last_value, is_called FROM server_change_seq").fetchone()
            oldest = self.conn.execute(
                "SELECT MIN(objid::bigint) FROM pg_locks WHERE locktype = 'advisory' AND classid::bigint = %s "
                "AND objsubid = 2 AND pid <> pg_backend_pid()", (SEQ_LOCK,)).fetchone()[0]
        finally:
            self.conn.execute("SELECT pg_advisory_unlock(%s, 0)", (ALLOC_LOCK,))
        top = last if called else 0
        return min(top, oldest - 1) if oldest is not None else top

    @contextlib.contextmanager
    def export_snapshot(self):
        to_seq = self.committed_seq()  # before the snapshot: everything up to it is committed
        with self.conn.transaction():
            self.conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield to_seq

    # -- meta, identity --------------------------------------------------------------------
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = %s", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self.conn.execute("INSERT INTO meta(key, value) VALUES (%s, %s) ON CONFLICT (key) DO UPDATE "
                              "SET value = excluded.value", (key, value))

    @property
    def identity(self):
        raw = self.get_meta("identity")
        return _Identity(json.loads(raw)) if raw else None

    def require_identity(self):
        ident = self.identity
        if ident is None:
            from .errors import ServerNotInitialised

            raise ServerNotInitialised("the server has no identity yet: run `fieldapp server init --team … "
                                       "--unit …` first", "服务器尚未设置身份：请先运行 `fieldapp server init --team … --unit …`")
        return ident

    # -- dialect ---------------------------------------------------------------------------
    def geom_hex(self, col: str) -> str:
        return f"upper(encode(ST_AsBinary(\"{col}\", 'NDR'), 'hex'))"

    def geom_from_wkb(self, srid: int) -> str:
        return f"ST_GeomFromWKB(?, {srid})"

    def text_agg(self, expr: str, sep: str, distinct: bool = False) -> str:
        return f"string_agg({'DISTINCT ' if distinct else ''}{expr}, '{',' if distinct else sep}')"

    def greatest(self, a: str, b: str) -> str:
        return f"GREATEST({a}, {b})"

    def is_integrity_error(self, exc: Exception) -> bool:
        return isinstance(exc, (psycopg.IntegrityError, pgerr.RaiseException))

    # -- bulk path -------------------------------------------------------------------------
    def insert_rows(self, codec, cols: tuple, rows: list, skip_held: bool) -> int:
        geo = [(i, codec.geom[c]) for i, c in enumerate(cols) if c in codec.geom]
        if geo:
            for r in rows:
                for i, srid in geo:
                    if r[i] is not None:
                        r[i] = ewkb_hex(r[i], srid)
        names = ", ".join(f'"{c}"' for c in cols) + ", change_seq"
        try:
            with self.conn.transaction():  # a savepoint: a refused COPY leaves the import usable
                self._copy(codec.table, names, rows)
            return len(rows)
        except pgerr.UniqueViolation:
            if not skip_held:
                raise
        return self._insert_via_stage(codec.table, names, rows)

    def _copy(self, table: str, names: str, rows: list) -> None:
        from .bulk import _flush

        _flush(self, table, names, rows, None, 0)

    def _insert_via_stage(self, table: str, names: str, rows: list) -> int:
        stage = f"_stage_{table}"
        with self.conn.transaction():
            self.conn.execute(f'CREATE TEMP TABLE IF NOT EXISTS "{stage}" (LIKE "{table}" INCLUDING DEFAULTS) '
                              "ON COMMIT DROP")
            self.conn.execute(f'TRUNCATE "{stage}"')
            self._copy(stage, names, rows)
            cur = self.conn.execute(f'INSERT INTO "{table}" ({names}) SELECT {names} FROM "{stage}" '
                                    "ON CONFLICT (uuid) DO NOTHING")
            return cur.rowcount

    # -- locks -----------------------------------------------------------------------------
    def lock_import(self, manifest: dict) -> None:
        self.conn.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", (BUNDLE_LOCK, manifest["bundle_id"]))
        incidents = sorted({str(i.get("uuid")) for i in manifest.get("incidents") or [] if isinstance(i, dict)})
        for uuid in incidents:
            self.conn.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", (INCIDENT_LOCK, uuid))

    def lock_codes(self) -> None:
        self.conn.execute("SELECT pg_advisory_xact_lock(%s, 0)", (CODES_LOCK,))

    def after_merge(self, seq: int) -> None:
        from .verdicts import refresh_changed

        refresh_changed(self, seq)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.close()
        with contextlib.suppress(Exception):
            self.reference.close()
