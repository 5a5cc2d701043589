"""Helpers every ``fieldapp …`` subcommand shares: open the store named by ``--store``, find an
incident or a point by code, print a plain table, fail with one line on stderr.

Capability CLIs (``fieldapp/<package>/cli.py``) import these; ``fieldapp/cli.py`` only assembles the
parser. No Qt, no argparse wiring here.
"""
from __future__ import annotations

import sys

from fieldapp.store import StoreError, open_store


def _say_waiting(message: str) -> None:
    print(f"fieldapp: {message}", file=sys.stderr, flush=True)


def open_store_from_args(args, read_only: bool = False):
    """The store named by --store / $FIELDAPP_STORE / the default location; the caller closes it.

    A new store is made only with --create, or on the first run at the default location (no
    --store, no $FIELDAPP_STORE): a mistyped path is refused instead of becoming an empty store.
    A locked store is waited for, saying so on stderr. While a FieldApp window has the store open
    (fieldapp.store.instance), opening it for writing is refused with a line saying which window.
    """
    import os

    from fieldapp.store.instance import check_not_open
    from fieldapp.store import default_store_path

    first_run = getattr(args, "store", None) is None and not os.environ.get("FIELDAPP_STORE")
    create = not read_only and (getattr(args, "create", False) or first_run)
    if not read_only:   # a window on this store has its own writer: refuse rather than write behind it
        check_not_open(getattr(args, "store", None) or default_store_path())
    return open_store(getattr(args, "store", None), read_only=read_only, create=create, on_wait=_say_waiting)


def find_incident(store, code: str | None) -> dict:
    """The incident with this code or uuid; without a code, the one last worked on."""
    if code:
        for inc in store.list_incidents():
            if code in (inc["code"], inc["uuid"]):
                return inc
        raise StoreError(f"no incident with code {code}; see `fieldapp incidents`")
    inc = store.last_incident()
    if not inc:
        raise StoreError("no incident yet: create one with `fieldapp incidents create NAME` or `fieldapp demo`")
    return inc


def find_point(store, incident: dict, code: str) -> dict:
    """The full row of the sampling point with this code (or uuid) in the incident."""
    for p in store.list_points(incident["uuid"]):
        if p["code"] == code or p["uuid"] == code:
            return store.get("sampling_points", p["uuid"])
    raise StoreError(f"no sampling point {code} in incident {incident['code']}")


def print_table(rows: list[dict], cols: list[str]) -> None:
    """Left-aligned columns with a header line; '(none)' for no rows."""
    if not rows:
        print("(none)")
        return

    def cell(r, c):
        v = r.get(c)
        return "" if v is None else str(v)

    widths = {c: max(len(c), *(len(cell(r, c)) for r in rows)) for c in cols}
    print("  ".join(c.ljust(widths[c]) for c in cols))
    for r in rows:
        print("  ".join(cell(r, c).ljust(widths[c]) for c in cols))


def fail(message: str) -> int:
    """One plain line on stderr; the exit status of a refused command."""
    print(f"fieldapp: error: {message}", file=sys.stderr)
    return 2
