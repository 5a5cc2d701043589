"""Conflict review as a core function (the CLI's `bundle conflicts` and the sync tab call these).

A conflict version is a concurrent edit that lost the deterministic merge rule and was kept. To
resolve one:
* ``keep_current``: the current value stays; the kept version is marked reviewed (here).
* ``take_kept``: the kept version becomes the current value through a NEW local edit (version above
  both, this installation as editor), so the choice travels to every replica as a plain newer edit;
  the replaced value is kept as a version in turn, and both are marked reviewed.
"""
from __future__ import annotations

import json

from fieldapp.core.errors import NotFound, StoreError
from fieldapp.core.timeutil import now_iso

from .backend import as_backend
from .schema import TableCodec, variant_id

SKIP = ("version", "updated_at", "updated_by_device", "geom")


def pending(store, include_reviewed: bool = False) -> list[dict]:
    """Conflict versions waiting for review, each with ``changes``: [(field, current, kept)]."""
    from .view import conflicts

    out = []
    for c in conflicts(store, include_reviewed):
        c["changes"] = changed_fields(store, c)
        out.append(c)
    return out


def _current(db, table: str, uuid: str) -> dict | None:
    """The current value of a record in bundle form (what a kept version's row_json holds)."""
    codec = TableCodec(db.schema, table, db)
    vals = db.execute(codec.select_sql("WHERE uuid = ?"), (uuid,)).fetchone()
    return None if vals is None else codec.encode(vals, None)


def changed_fields(store, c: dict) -> list[tuple[str, object, object]]:
    kept = json.loads(c["row_json"])
    try:
        cur = _current(as_backend(store), c["table_name"], c["uuid"])
    except StoreError:
        return []
    if cur is None:
        return []
    return [(k, cur.get(k), kept.get(k)) for k in sorted(kept)
            if k in cur and k not in SKIP and str(kept.get(k)) != str(cur.get(k))]


def summary(store, c: dict, limit: int = 200) -> str:
    """One line: 'field: kept → current; …' (what the sync tab shows)."""
    return "; ".join(f"{k}: {kept!s} → {cur!s}" for k, cur, kept in changed_fields(store, c))[:limit]


def find(store, ref: str, version: int | None = None) -> dict:
    """The pending conflict whose record uuid starts with ``ref`` (and kept version, if several)."""
    hits = [c for c in pending(store) if c["uuid"].startswith(ref.strip().lower())
            and (version is None or c["version"] == version)]
    if not hits:
        raise NotFound(f"no conflict waiting for review for record {ref}; see `fieldapp bundle conflicts`")
    if len({(c["table_name"], c["uuid"], c["variant"]) for c in hits}) > 1:
        raise StoreError(f"{ref} matches {len(hits)} kept versions: give more of the id or --version N")
    return hits[0]


def keep_current(store, c: dict) -> None:
    db = as_backend(store)
    with db.transaction():
        db.execute("UPDATE sync_record_versions SET reviewed = 1 WHERE table_name = ? AND uuid = ? "
                           "AND variant = ?", (c["table_name"], c["uuid"], c["variant"]))


def take_kept(store, c: dict) -> dict:
    """Make the kept version current again by a new edit; returns the new current row."""
    db = as_backend(store)
    table, uuid = c["table_name"], c["uuid"]
    kept = json.loads(c["row_json"])
    codec = TableCodec(db.schema, table, db)
    if codec.append_only:
        raise StoreError(f"{table} is append-only: its records cannot be replaced")
    ident = db.require_identity()
    with db.transaction():
        current = _current(db, table, uuid)
        if current is None:
            raise NotFound(f"no {table} record {uuid}")
        top = max(int(current["version"]), int(kept["version"]))
        row = {k: v for k, v in kept.items() if k in codec.data_cols and k not in ("uuid", "created_at",
                                                                                "created_by_team", "created_by_device")}
        row.update(version=top + 1, updated_at=now_iso(), updated_by_device=ident.device_id)
        cols, vals = codec.params({"uuid": uuid, **row}, None)
        pairs = [(col, v) for col, v in zip(cols, vals) if col != "uuid"]
        db.execute(f'UPDATE "{table}" SET {", ".join(f"{k} = {codec.placeholder(k)}" for k, _ in pairs)}, '
                   "change_seq = ? WHERE uuid = ?", [v for _, v in pairs] + [db.current_seq, uuid])
        db.executemany("INSERT INTO sync_ancestry(table_name, uuid, variant) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                       [(table, uuid, variant_id(kept)), (table, uuid, variant_id(current))])
        db.execute(
            "INSERT INTO sync_record_versions(table_name, uuid, variant, version, updated_at, "
            "updated_by_device, created_by_team, row_json, found_at, change_seq, reviewed) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,1) ON CONFLICT DO NOTHING",
            (table, uuid, variant_id(current), current["version"], current["updated_at"],
             current["updated_by_device"], current["created_by_team"],
             json.dumps(current, ensure_ascii=False, sort_keys=True), now_iso(), db.current_seq))
        db.execute("UPDATE sync_record_versions SET reviewed = 1 WHERE table_name = ? AND uuid = ? "
                   "AND variant = ?", (table, uuid, c["variant"]))
    return _current(db, table, uuid)
