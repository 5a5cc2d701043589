"""The store schema the server mirrors, and the check that it really does.

The rules a record must satisfy (types, NOT NULL, CHECKs, vocabularies, geometry) are read from the
store's own schema, so the server keeps an empty reference store made by the store migrations
(one per process, in a temporary folder; each server connection opens it read-only). The intake
evaluates CHECK constraints there, on the incoming values, exactly as a laptop would.

``check_mirror`` compares that schema with the server database: every synced table and column of
the store must exist on the server, or imports are refused naming what is missing (a store
migration without its server migration).
"""
from __future__ import annotations

import atexit
import shutil
import tempfile
import threading
from pathlib import Path

from .errors import ServerSchemaBehind

_lock = threading.Lock()
_template: Path | None = None


def reference_path() -> Path:
    """A SpatiaLite store with the current store schema and no records (made once per process)."""
    global _template
    with _lock:
        if _template is None or not _template.exists():
            from fieldapp.store import open_store

            folder = Path(tempfile.mkdtemp(prefix="fieldapp-refschema-"))
            atexit.register(shutil.rmtree, folder, True)
            path = folder / "schema.sqlite"
            open_store(path, create=True).close()
            _template = path
        return _template


def open_reference():
    """A read-only Store on the reference schema (its own connection: one per server backend)."""
    from fieldapp.store import open_store

    return open_store(reference_path(), read_only=True)


def check_mirror(pg_conn, schema_conn) -> None:
    """Refuse to work on a server whose tables lack a synced column of this FieldApp's store."""
    from fieldapp.sync.schema import synced_tables

    have: dict[str, set] = {}
    for table, col in pg_conn.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = "
            "current_schema()").fetchall():
        have.setdefault(table, set()).add(col)
    for table in synced_tables(schema_conn):
        cols = [r[1] for r in schema_conn.execute(f'PRAGMA table_info("{table}")')]
        if table not in have:
            raise ServerSchemaBehind(f"the server database has no table {table}, which this FieldApp's store has: "
                                     "run `fieldapp server init` with this version (a server migration is missing "
                                     "if that does not help)")
        missing = [c for c in cols if c not in have[table]]
        if missing:
            raise ServerSchemaBehind(f"the server table {table} lacks column(s) {', '.join(missing)} that this "
                                     "FieldApp's store has: run `fieldapp server init` with this version (a server "
                                     "migration is missing if that does not help)")
