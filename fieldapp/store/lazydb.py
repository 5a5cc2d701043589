"""``Store.db``: sqlite-utils' Database for the store's connection, made when first needed.

Importing sqlite-utils also imports numpy (for its column types), about 0.15 s: too much for the
window's start, which only reads. Plain row queries (``db.query("SELECT …")``, what the window's
first views run) are answered here, exactly as sqlite-utils answers them (the statement runs at
once, rows are dicts fetched lazily); anything else, and any query whose columns share a name
(sqlite-utils renames those), goes to the real Database, imported on first use. The store sets
``PRAGMA recursive_triggers=on`` itself (what Database() would do), so the connection behaves the
same before and after.
"""
from __future__ import annotations

_ROW_QUERIES = ("SELECT", "WITH")


class LazyDatabase:
    def __init__(self, conn):
        self.conn = conn
        self._real = None

    @property
    def real(self):
        if self._real is None:
            import sqlite_utils

            self._real = sqlite_utils.Database(self.conn)
        return self._real

    def query(self, sql: str, params=None):
        if self._real is not None or sql.lstrip().split(None, 1)[0].upper() not in _ROW_QUERIES:
            return self.real.query(sql, params)
        cursor = self.conn.execute(sql, params if params is not None else ())
        keys = [d[0] for d in cursor.description]
        if len(set(keys)) != len(keys):   # duplicate column names: sqlite-utils' renaming applies
            return self.real.query(sql, params)
        return (dict(zip(keys, row)) for row in cursor)

    def __getattr__(self, name):
        return getattr(self.real, name)

    def __getitem__(self, name):
        return self.real[name]
