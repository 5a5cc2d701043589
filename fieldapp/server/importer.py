"""Importing team bundles into the server: the same verification and merge as a laptop
(fieldapp.sync.import_bundle on the PostgreSQL adapter), one transaction per bundle.

Several desks may import at once. Imports of different incidents run side by side; imports that
touch the same incident wait for each other (advisory locks, fieldapp.server.backend); a bundle
imported twice, even at the same moment from two desks, is stored once and the second import is
a reported no-op. A deadlock or serialisation failure PostgreSQL reports (rare: two bundles
carrying the same shared layer in different orders) rolls the import back and it is tried again.
"""
from __future__ import annotations

import time
from pathlib import Path

from fieldapp.sync import import_bundle
from fieldapp.sync.errors import BundleError

RETRIES = 3


def default_jobs() -> int:
    """Bundles a `fieldapp server import` takes at once: one per core, at most 4 (PostgreSQL needs
    cores too). Verification and merge are Python; with two processes on two cores the import of
    50 bundles ran at 0.59-0.72x a raw COPY of the same rows, with one at 0.35-0.81x (bench_server.py, docs/scale.md)."""
    import os

    return max(1, min(os.cpu_count() or 1, 4))


def import_one(db, path, *, receipt_path=None, progress=None):
    from psycopg import errors as pgerr

    for attempt in range(RETRIES):
        try:
            return import_bundle(db, path, receipt_path=receipt_path, progress=progress)
        except (pgerr.DeadlockDetected, pgerr.SerializationFailure):
            if attempt == RETRIES - 1:
                raise BundleError(f"{Path(path).name}: the server stayed busy with imports of the same records; "
                                  "nothing was stored, import it again") from None
            time.sleep(0.2 * (attempt + 1))
        except BundleError as exc:
            if "at the same moment" not in str(exc) or attempt == RETRIES - 1:
                raise
    raise AssertionError("unreachable")


def import_bundles(db, paths, *, receipt_dir=None, on_done=None, jobs: int = 1, target: str | None = None) -> list:
    """Import each bundle (each all-or-nothing); returns the receipts in the order given.

    ``jobs`` > 1 (with ``target``, the server's address) imports that many bundles at once, each in
    its own process and connection, as several desks would: the Python side of verification and
    merge then uses more than one core while PostgreSQL stores the rows."""
    if jobs > 1 and len(paths) > 1:
        return _import_parallel(target, paths, receipt_dir, on_done, jobs)
    out = []
    for path in paths:
        path = Path(path)
        rc = import_one(db, path, receipt_path=_receipt_for(path, receipt_dir))
        out.append(rc)
        if on_done:
            on_done(path, rc)
    return out


def _receipt_for(path: Path, receipt_dir) -> Path | None:
    return Path(receipt_dir) / f"{path.stem}.receipt.json" if receipt_dir else None


_worker_db = None


def _worker_import(target: str, path: str, receipt: str | None):
    """In a worker process: one connection per process, kept for its next bundles."""
    global _worker_db
    if _worker_db is None:
        from .connection import open_server

        _worker_db = open_server(target)
    return import_one(_worker_db, path, receipt_path=receipt)


def _import_parallel(target, paths, receipt_dir, on_done, jobs) -> list:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if not target:
        raise BundleError("importing with several jobs needs the server's address (--db)")
    paths = [Path(p) for p in paths]
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = [pool.submit(_worker_import, target, str(p), str(r) if (r := _receipt_for(p, receipt_dir)) else None)
                   for p in paths]
        out = []
        for path, fut in zip(paths, futures):
            rc = fut.result()  # a refused bundle raises here, with its own message
            out.append(rc)
            if on_done:
                on_done(path, rc)
    return out
