"""What changed between a kept conflict version and the record as it is now (the review list).

Bookkeeping columns (version, updated_at, updated_by_device) and geometry blobs are left out: a
reviewer compares what people typed. Used by the Sync tab; the CLI can print the same lines.
"""
from __future__ import annotations

import json

IGNORED = ("version", "updated_at", "updated_by_device", "geom")


def record_diff(kept: dict, current: dict) -> list[tuple[str, object, object]]:
    """[(field, kept value, current value)] for fields both have that differ, in field order."""
    return [(k, kept.get(k), current.get(k)) for k in sorted(kept)
            if k in current and k not in IGNORED and str(kept.get(k)) != str(current.get(k))]


def conflict_summary(store, conflict: dict, limit: int = 200) -> str:
    """One line "field: kept → current; …" for a row of ``view.conflicts``; '' if the record is gone."""
    from fieldapp.store import StoreError

    kept = json.loads(conflict["row_json"])
    try:
        cur = store.get(conflict["table_name"], conflict["uuid"], include_deleted=True)
    except StoreError:
        return ""
    return "; ".join(f"{k}: {old!s} → {new!s}" for k, old, new in record_diff(kept, cur))[:limit]
