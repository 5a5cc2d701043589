"""The server's own numbered schema migrations: ``mNNN_<name>.py`` with NUMBER, NAME, up(cursor).

Separate from the store's (fieldapp/store/migrations): the server mirrors the store's synced
tables in PostGIS and adds its own (verdicts, views). Each migration runs in its own transaction
with its row in ``_fieldapp_server_migrations``, under an advisory lock so two desks running
``fieldapp server init`` at once do not both apply it.
"""
from __future__ import annotations

import importlib
import pkgutil

from fieldapp.core.errors import StoreError, StoreTooNew

LOCK = (7, 0)  # advisory lock key (class, id) held while migrating


def discover() -> list:
    found = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("m") and info.name[1:4].isdigit():
            mod = importlib.import_module(f"{__name__}.{info.name}")
            if mod.NUMBER in found:
                raise StoreError(f"two server migrations numbered {mod.NUMBER}")
            found[mod.NUMBER] = mod
    return [found[n] for n in sorted(found)]


def applied(conn) -> set[int]:
    have = conn.execute("SELECT to_regclass('_fieldapp_server_migrations')").fetchone()[0]
    if not have:
        return set()
    return {r[0] for r in conn.execute("SELECT number FROM _fieldapp_server_migrations").fetchall()}


def newest() -> int:
    return discover()[-1].NUMBER


def run(conn, now: str) -> list[int]:
    """Apply the missing migrations (``conn``: psycopg connection in autocommit mode)."""
    ran = []
    conn.execute("SELECT pg_advisory_lock(%s, %s)", LOCK)
    try:
        known = discover()
        done = applied(conn)
        if done and max(done) > known[-1].NUMBER:
            raise StoreTooNew(f"this server database was set up by a newer FieldApp (server schema {max(done)}, "
                              f"this version knows {known[-1].NUMBER}); update FieldApp")
        for mod in known:
            if mod.NUMBER in done:
                continue
            with conn.transaction():
                cur = conn.cursor()
                cur.execute("CREATE TABLE IF NOT EXISTS _fieldapp_server_migrations (number integer PRIMARY KEY, "
                            "name text NOT NULL, applied_at text NOT NULL)")
                mod.up(cur)
                cur.execute("INSERT INTO _fieldapp_server_migrations VALUES (%s, %s, %s)", (mod.NUMBER, mod.NAME, now))
            ran.append(mod.NUMBER)
    finally:
        conn.execute("SELECT pg_advisory_unlock(%s, %s)", LOCK)
    return ran
