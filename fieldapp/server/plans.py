"""A province's plan file ("one river, one map") loaded straight into the server database.

The file is read by the laptop's own plan importer (fieldapp.plans: GDAL readers, CRS and GCJ-02
handling, field mappings, the river network with confluences and site chainages), into a scratch
store stamped with the working group's identity. That store's records then go through the one
sync path every team bundle takes: written as a bundle, checked by the strict intake against the
store schema, merged in one transaction, new rows by COPY (PostgresBackend.insert_rows). Nothing
of the plan logic or the merge is written twice, and a plan from a laptop's bundle and one loaded
here are the same records.

Trust: the bundle is made in this process from the file the analyst named, so no team key is
asked for; it still carries a receipt (sync_imports) like any import.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from .errors import ServerError


def load_plan(db, path, *, plan_name: str, progress=None, **plan_options):
    """Import ``path`` as the new plan ``plan_name``; returns (what was written, the receipt).
    ``plan_options``: layer, encoding, options, mappings, source_key (fieldapp.plans.import_plan)."""
    from fieldapp.plans.importer import import_plan
    from fieldapp.store import open_store
    from fieldapp.sync import export_bundle
    from fieldapp.sync.merge import merge_verified
    from fieldapp.sync.verify import verify_bundle

    held = db.execute("SELECT uuid FROM plans WHERE name = ? AND deleted = 0", (plan_name,)).fetchone()
    if held:
        # a second file merged into an existing plan would miss the confluences with its rivers
        raise ServerError(f"a plan named {plan_name} is already on the server; load this file under another "
                          "name (or add it on a laptop that holds the plan and import that laptop's bundle)")
    ident = db.require_identity()
    with tempfile.TemporaryDirectory(prefix="fieldapp-plan-") as tmp:
        scratch = open_store(Path(tmp) / "plan.sqlite", create=True)
        try:
            scratch.set_identity(ident.unit or ident.team, ident.team, f"{ident.device} plan import")
            written = import_plan(scratch, path, plan_name=plan_name, progress=progress, **plan_options)
            bundle = Path(tmp) / "plan.fab"
            export_bundle(scratch, bundle)
        finally:
            scratch.close()
        vb = verify_bundle(bundle, db, require_trust=False)
        try:
            receipt = merge_verified(db, vb)
        finally:
            vb.close()
    return written, receipt
