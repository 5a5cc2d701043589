"""Numbered schema migrations, one module per migration: ``mNNN_<name>.py``.

Each module defines ``NUMBER``, ``NAME`` and ``up(conn)``. The runner applies the missing ones in
order, each inside its own transaction together with its row in ``_fieldapp_migrations``, so a
crash or an error leaves the store at the previous migration, never half-way.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from types import ModuleType
from typing import Callable

from ..errors import StoreError, StoreTooNew


@dataclass(frozen=True)
class Migration:
    """One migration, known by its file name (``mNNN_<name>.py``); its module is imported only when
    it is run (``up``): opening an up-to-date store imports none of them (their imports reach into
    the vocabulary and the toolkit, ~15 ms of the window's start)."""
    number: int
    name: str
    module: str

    @property
    def up(self) -> Callable:
        mod: ModuleType = importlib.import_module(f"{__name__}.{self.module}")
        if (mod.NUMBER, mod.NAME) != (self.number, self.name):
            raise StoreError(f"migration file {self.module}.py says it is number {mod.NUMBER} ({mod.NAME})")
        return mod.up


def execute_all(conn, statements: list[str]) -> None:
    """Run schema statements in order. SpatiaLite's AddGeometryColumn / CreateSpatialIndex report
    failure by returning 0 instead of raising, so a SELECT that returns anything but 1 aborts the
    migration (and its transaction)."""
    for sql in statements:
        cur = conn.execute(sql)
        res = cur.fetchone() if sql.lstrip().upper().startswith("SELECT") else None
        if res is not None and res[0] != 1:
            raise StoreError(f"SpatiaLite refused: {sql} (returned {res[0]})")


def discover() -> list[Migration]:
    found: dict[int, Migration] = {}
    for info in pkgutil.iter_modules(__path__):
        number, _, name = info.name[1:].partition("_")
        if not info.name.startswith("m") or len(number) != 3 or not number.isdigit() or not name:
            continue
        mig = Migration(int(number), name, info.name)
        if mig.number in found:
            raise StoreError(f"two migrations numbered {mig.number}: {found[mig.number].name}, {mig.name}")
        found[mig.number] = mig
    return [found[n] for n in sorted(found)]


def applied(conn) -> set[int]:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS _fieldapp_migrations ("
        " number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    return {r[0] for r in conn.execute("SELECT number FROM _fieldapp_migrations")}


def pending(conn) -> list[Migration]:
    """The migrations this store has not had yet."""
    done = applied(conn)
    return [mig for mig in discover() if mig.number not in done]


def run(conn, now: str) -> list[int]:
    """Apply every pending migration; return the numbers applied."""
    known = discover()
    done = applied(conn)
    newest_known = known[-1].number if known else 0
    if done and max(done) > newest_known:
        raise StoreTooNew(
            f"this store was written by a newer FieldApp (schema {max(done)}, this version knows "
            f"{newest_known}); update FieldApp before opening it"
        )
    ran = []
    for mig in known:
        if mig.number in done:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            mig.up(conn)
            conn.execute(
                "INSERT INTO _fieldapp_migrations(number, name, applied_at) VALUES (?, ?, ?)",
                (mig.number, mig.name, now),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        ran.append(mig.number)
    return ran
