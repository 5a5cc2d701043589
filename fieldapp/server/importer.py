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


def import_bundles(db, paths, *, receipt_dir=None, on_done=None) -> list:
    """Import each bundle in turn (each all-or-nothing); returns the receipts."""
    out = []
    for path in paths:
        path = Path(path)
        receipt = Path(receipt_dir) / f"{path.stem}.receipt.json" if receipt_dir else None
        rc = import_one(db, path, receipt_path=receipt)
        out.append(rc)
        if on_done:
            on_done(path, rc)
    return out
