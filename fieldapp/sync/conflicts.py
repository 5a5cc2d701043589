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


def changed_fields(store, c: dict) -> list[tuple[str, object, object]]:
    kept = json.loads(c["row_json"])
    try:
        cur = store.get(c["table_name"], c["uuid"], include_deleted=True)
    except StoreError:
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
    with store.transaction():
        store.conn.execute("UPDATE sync_record_versions SET reviewed = 1 WHERE table_name = ? AND uuid = ? "
                           "AND variant = ?", (c["table_name"], c["uuid"], c["variant"]))


def take_kept(store, c: dict) -> dict:
    """Make the kept version current again by a new edit; returns the new current row."""
    table, uuid = c["table_name"], c["uuid"]
    kept = json.loads(c["row_json"])
    codec = TableCodec(store.conn, table)
    if codec.append_only:
        raise StoreError(f"{table} is append-only: its records cannot be replaced")
    ident = store.require_identity()
    with store.transaction():
        cur_vals = store.conn.execute(codec.select_sql("WHERE uuid = ?"), (uuid,)).fetchone()
        if cur_vals is None:
            raise NotFound(f"no {table} record {uuid}")
        current = codec.encode(cur_vals, None)
        top = max(int(current["version"]), int(kept["version"]))
        row = {k: v for k, v in kept.items() if k in codec.data_cols and k not in ("uuid", "created_at",
                                                                                "created_by_team", "created_by_device")}
        row.update(version=top + 1, updated_at=now_iso(), updated_by_device=ident.device_id)
        cols, vals = codec.params({"uuid": uuid, **row}, None)
        pairs = [(col, v) for col, v in zip(cols, vals) if col != "uuid"]
        store.conn.execute(f'UPDATE "{table}" SET {", ".join(f"{k} = {codec.placeholder(k)}" for k, _ in pairs)}, '
                           "change_seq = ? WHERE uuid = ?", [v for _, v in pairs] + [store.current_seq, uuid])
        store.conn.executemany("INSERT OR IGNORE INTO sync_ancestry(table_name, uuid, variant) VALUES (?, ?, ?)",
                               [(table, uuid, variant_id(kept)), (table, uuid, variant_id(current))])
        store.conn.execute(
            "INSERT OR IGNORE INTO sync_record_versions(table_name, uuid, variant, version, updated_at, "
            "updated_by_device, created_by_team, row_json, found_at, change_seq, reviewed) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,1)",
            (table, uuid, variant_id(current), current["version"], current["updated_at"],
             current["updated_by_device"], current["created_by_team"],
             json.dumps(current, ensure_ascii=False, sort_keys=True), now_iso(), store.current_seq))
        store.conn.execute("UPDATE sync_record_versions SET reviewed = 1 WHERE table_name = ? AND uuid = ? "
                           "AND variant = ?", (table, uuid, c["variant"]))
    return store.get(table, uuid, include_deleted=True)
