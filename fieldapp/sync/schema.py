"""What is synced and in which order, and how one row becomes JSON and back.

Synced tables are discovered from the schema (every table with all the sync columns, minus
toolkit_/sync_ internals), so a table added by a later migration travels without code changes.
Parents come before children (topological order over the foreign keys) so an import can insert a
whole bundle in one transaction with foreign keys on.
"""
from __future__ import annotations

import base64
import hashlib
import json
import operator

from fieldapp.store.migrations.m005_sync import SYNC_COLS, sync_object_sql, synced_tables

# New rows of every table are a plain union by uuid (batched inserts).
# Readings and raw lines are only ever added in practice, but a correction or a tombstone is a
# normal edit; only tables whose triggers forbid UPDATE refuse a changed copy.
APPEND_ONLY_EXTRA: tuple = ()
INLINE_BLOB_MAX = 4096  # larger BLOBs travel as separate bundle members, named by their SHA-256
LOCAL_ONLY = ("change_seq",)  # meaningful only inside one store


def ensure_sync_objects(conn) -> None:
    """Give tables made after migration 5 (e.g. report_archive) their index and ancestry trigger."""
    for table in synced_tables(conn):
        for sql in sync_object_sql(table):
            conn.execute(sql)


def ordered_tables(conn) -> list[str]:
    """Synced tables, parents first."""
    tables = synced_tables(conn)
    deps = {t: {r[2] for r in conn.execute(f'PRAGMA foreign_key_list("{t}")')} & set(tables) - {t}
            for t in tables}
    out: list[str] = []
    while deps:
        ready = sorted(t for t, d in deps.items() if not d - set(out))
        if not ready:  # a cycle: keep the rest alphabetical (FK checks are deferred to commit)
            ready = sorted(deps)
        for t in ready:
            out.append(t)
            deps.pop(t)
    return out


def append_only(conn, table: str) -> bool:
    if table in APPEND_ONLY_EXTRA:
        return True
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type='trigger' AND name=?",
                        (f"{table}_no_update",)).fetchone() is not None


class TableCodec:
    """Column list, geometry columns (exact: WKB as hex text) and BLOB handling for one table.

    Geometries travel as the hex of their WKB (full IEEE doubles), so every replica rebuilds the
    same bytes; the 6-decimal WKT of format 1 drifted by up to 5e-7 degrees.
    """

    def __init__(self, conn, table: str, backend=None):
        """``conn``: a SQLite connection with the store schema; ``backend`` (fieldapp.sync.backend)
        spells geometry SQL for the database the rows are read from / written to (default SQLite)."""
        self.table = table
        self.backend = backend
        info = list(conn.execute(f'PRAGMA table_info("{table}")'))
        self.columns = [r[1] for r in info]
        self.geom = {}
        for col, srid in conn.execute(
                "SELECT f_geometry_column, srid FROM geometry_columns WHERE lower(f_table_name)=lower(?)",
                (table,)):
            real = next(c for c in self.columns if c.lower() == col.lower())
            self.geom[real] = srid
        self.data_cols = [c for c in self.columns if c not in LOCAL_ONLY]
        self.blob_cols = [r[1] for r in info if r[1] in self.data_cols and (r[2] or "").upper() in ("BLOB", "")]
        self.append_only = append_only(conn, table)
        self._getter = operator.itemgetter(*self.data_cols)
        self._plain = not self.geom and not self.blob_cols

    def select_sql(self, where: str = "") -> str:
        hex_of = self.backend.geom_hex if self.backend is not None else (lambda c: f'hex(AsBinary("{c}"))')
        exprs = [f'{hex_of(c)} AS "{c}"' if c in self.geom else f'"{c}"' for c in self.data_cols]
        return f'SELECT {", ".join(exprs)} FROM "{self.table}" {where}'

    def encode(self, values, blobs: dict | None) -> dict:
        """Row tuple (from select_sql) -> JSON-able dict; big BLOBs are moved into ``blobs``.

        Only columns declared BLOB are inspected (the hot path for a million readings is a plain
        zip); a stray bytes value elsewhere is still encoded by ``json_default``.
        """
        row = dict(zip(self.data_cols, values))
        for col in self.blob_cols:
            v = row[col]
            if isinstance(v, bytes):
                if blobs is not None and len(v) > INLINE_BLOB_MAX:
                    h = hashlib.sha256(v).hexdigest()
                    blobs[h] = v
                    row[col] = {"$blob": h}
                else:
                    row[col] = {"$b64": base64.b64encode(v).decode()}
        return row

    def params(self, row: dict, blobs) -> tuple[list[str], list]:
        """JSON dict -> (column list, values) ready for INSERT; ``blobs(sha)`` fetches big BLOBs."""
        if self._plain:
            try:  # the bulk case: every column present, no BLOB or geometry to convert
                return self.data_cols, list(self._getter(row))
            except KeyError:
                pass
        cols = [c for c in self.data_cols if c in row]
        vals = [row[c] for c in cols]
        for i, v in enumerate(vals):
            if v.__class__ is dict:
                vals[i] = base64.b64decode(v["$b64"]) if "$b64" in v else blobs(v["$blob"])
        for col in self.geom:
            if col in row and row[col] is not None:
                vals[cols.index(col)] = bytes.fromhex(row[col])
        return cols, vals

    def placeholder(self, col: str) -> str:
        if col not in self.geom:
            return "?"
        return self.backend.geom_from_wkb(self.geom[col]) if self.backend is not None else f"GeomFromWKB(?, {self.geom[col]})"


def json_default(value):
    if isinstance(value, bytes):
        return {"$b64": base64.b64encode(value).decode()}
    raise TypeError(f"cannot put {type(value).__name__} into a bundle")


def variant_id(row: dict) -> str:
    """Identifies one edit of a record: the same text the ancestry trigger writes."""
    return f"{row['version']}:{row['updated_by_device']}:{row['updated_at']}"


def content_hash(row: dict) -> str:
    clean = {k: v for k, v in row.items() if k not in LOCAL_ONLY and not k.startswith("_")}
    return hashlib.sha256(json.dumps(clean, sort_keys=True, ensure_ascii=False,
                                     separators=(",", ":")).encode()).hexdigest()


def winner_key(row: dict) -> tuple:
    """Deterministic current value among concurrent edits: highest version, then newest, then device."""
    return (int(row["version"]), str(row["updated_at"]), str(row["updated_by_device"]), content_hash(row))


__all__ = [
    "SYNC_COLS",
    "TableCodec",
    "append_only",
    "content_hash",
    "ensure_sync_objects",
    "json_default",
    "ordered_tables",
    "synced_tables",
    "variant_id",
    "winner_key",
]
