"""Import a verified bundle: one transaction, idempotent, order-independent, nothing lost.

Per record (same uuid) the importer compares *variants* (version:device:updated_at):

* unknown uuid -> added;  same variant -> unchanged;
* ours is an ancestor of theirs (their ``_anc`` lists ours) -> fast-forward (updated);
* theirs is an ancestor of ours -> stale, kept ours;
* neither -> concurrent edits: the current value is the higher ``winner_key`` (version, updated_at,
  device, content hash), the same on every replica, and the other variant is kept in
  ``sync_record_versions`` for review (conflicted). Tombstones (deleted=1) are just variants.

Whatever the order, a record ends at the maximum ``winner_key`` of all variants seen, and conflict
versions travel in bundles too, so every replica converges to the same state.
Append-only tables (DB triggers forbid UPDATE) are a union by uuid; an edited copy is refused.
"""
from __future__ import annotations

import json

from orjson import loads  # the same parser that checked every line during verification
from fieldapp.core.timeutil import now_iso

from .backend import as_backend
from .container import iter_lines, read_member
from .errors import BundleCorrupt, BundleError, ImportCancelled
from .receipt import Receipt
from .codes import make_codes_unique, note_report_number_clashes
from .delivery import check_continues, record_ack
from .schema import TableCodec, content_hash, ordered_tables, variant_id, winner_key
from .verify import VerifiedBundle, verify_bundle

BATCH = 20_000  # rows per bulk insert; new ones go in sorted by uuid, which keeps the primary-key
# index writes close together (random UUIDs otherwise touch a different page per row)
KEEP_VERSION_SQL = (
    "INSERT INTO sync_record_versions(table_name, uuid, variant, version, updated_at, updated_by_device, "
    "created_by_team, row_json, found_at, change_seq) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING")
ANCESTRY_SQL = "INSERT INTO sync_ancestry(table_name, uuid, variant) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"


def import_bundle(store, path, *, progress=None, cancel=None, receipt_path=None, limits=None) -> Receipt:
    """Verify ``path`` completely, then merge it. Raises BundleError (store untouched) or returns a Receipt.

    ``store``: a Store, or any fieldapp.sync.backend.Backend (the working group's PostGIS)."""
    db = as_backend(store)
    vb = verify_bundle(path, db, limits=limits)
    try:
        return merge_verified(db, vb, progress=progress, cancel=cancel, receipt_path=receipt_path)
    finally:
        vb.close()


def merge_verified(store, vb: VerifiedBundle, *, progress=None, cancel=None, receipt_path=None) -> Receipt:
    db = as_backend(store)
    man = vb.manifest
    s = man["sender"]
    rc = Receipt(man["bundle_id"], s.get("team", ""), s.get("device", ""), s.get("code", ""))
    total = sum(man["counts"].values()) + man.get("versions", 0) or 1
    state = {"done": 0}

    def tick(n):
        state["done"] += n
        if progress:
            progress(state["done"], total)
        if cancel and cancel():
            raise ImportCancelled("import cancelled; nothing from this bundle was stored")

    if not _already(db, man, rc):
        try:
            with db.merge_session():
                _merge_all(db, vb, man, s, rc, tick)
        except _ImportedMeanwhile:
            pass  # another desk imported this very bundle while we waited for its lock
    return _finish(rc, receipt_path)


class _ImportedMeanwhile(Exception):
    """Raised inside the transaction to roll it back: nothing to do, the bundle is already in."""


def _already(db, man: dict, rc: Receipt) -> bool:
    done = db.execute("SELECT imported_at FROM sync_imports WHERE bundle_id = ?", (man["bundle_id"],)).fetchone()
    if done:
        rc.status = "already imported"
        rc.note = f"this bundle was already imported at {done[0]}; nothing changed"
    return bool(done)


def _note_older(db, man: dict, s: dict, rc: Receipt) -> None:
    prev = db.execute("SELECT MAX(to_seq) FROM sync_imports WHERE sender_device_id = ?",
                      (s.get("device_id", ""),)).fetchone()[0]
    if prev is not None and man["changes"].get("to_seq", 0) <= prev:
        rc.note = (f"this bundle's changes (up to {man['changes'].get('to_seq')}) are older than what we already "
                   f"hold from this device (up to {prev}): records already held in newer form stay as they are")


def _merge_all(db, vb, man, s, rc, tick) -> None:
    with db.transaction():
        db.lock_import(man)  # concurrent importers of the same incidents wait here, then see its result
        if _already(db, man, rc):
            raise _ImportedMeanwhile
        label = sender_label(db, s)
        check_continues(db, man, label)
        _note_older(db, man, s, rc)
        seq = db.current_seq
        db.ensure_sync_objects()  # tables newer than migration 5; rolled back with the rest
        for table in ordered_tables(db.schema):
            if table in vb.tables:
                _merge_table(db, vb, table, seq, rc, tick)
        if "versions.jsonl" in man["members"]:
            _merge_versions(db, vb, seq, rc, tick)
        db.lock_codes()
        make_codes_unique(db, seq, rc)
        note_report_number_clashes(db, seq, rc)
        record_ack(db, man, label)
        db.after_merge(seq)
        db.execute(
            "INSERT INTO sync_imports(bundle_id, manifest_sha256, sender_team, sender_device_id, sender_key, "
            "from_seq, to_seq, imported_at, local_seq, receipt, serial, peer) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (man["bundle_id"], vb.manifest_sha256, s.get("team", ""), s.get("device_id", ""),
             s.get("public_key", ""), man["changes"].get("from_seq", 0), man["changes"].get("to_seq", 0),
             now_iso(), seq, json.dumps({k: rc.total(k) for k in rc.items}), man.get("serial", 0),
             man.get("peer", "")))


def sender_label(store, sender: dict) -> str:
    """The sender's team as WE trusted it (the name stored with its key), else as it claims."""
    row = as_backend(store).execute("SELECT team FROM sync_trusted_keys WHERE public_key = ?",
                                    (sender.get("public_key", ""),)).fetchone()
    return (row[0] if row and row[0] else "") or str(sender.get("team", "?"))


def _finish(rc: Receipt, receipt_path) -> Receipt:
    if receipt_path:
        rc.write(receipt_path)
    return rc


def _rows(vb: VerifiedBundle, member: str):
    """Re-read a member, re-hashing it: a file changed since verification aborts the transaction."""
    import hashlib

    h = hashlib.sha256()
    for _, line in iter_lines(vb.zf, member, _limits(), h):
        yield loads(line)
    if h.hexdigest() != vb.manifest["members"][member]["sha256"]:
        raise BundleCorrupt(f"member {member} changed while it was being imported; nothing was stored")


def _limits():
    from .container import Limits

    return Limits()


def _merge_table(db, vb, table, seq, rc, tick) -> None:
    codec = TableCodec(db.schema, table, db)
    blob = lambda sha: read_member(vb.zf, f"blobs/{sha}", 4 << 30)  # noqa: E731
    batch, fast = [], {}
    for row in _rows(vb, f"records/{table}.jsonl"):
        batch.append(row)
        if len(batch) >= BATCH:
            _merge_batch(db, codec, batch, blob, seq, rc, fast)
            tick(len(batch))
            batch = []
    if batch:
        _merge_batch(db, codec, batch, blob, seq, rc, fast)
        tick(len(batch))


def _merge_batch(db, codec: TableCodec, batch: list[dict], blob, seq: int, rc: Receipt, fast: dict) -> None:
    """New records go in by the bulk path (no conflict is possible for them); records we already
    hold are compared one by one."""
    table = codec.table
    seen = set()
    for row in batch:
        if row["uuid"] in seen:
            raise BundleCorrupt(f"records/{table}.jsonl: record {row['uuid']} appears twice")
        seen.add(row["uuid"])
    if fast.get(table, True):
        db.execute("SAVEPOINT merge_batch")
        batch.sort(key=_by_uuid)
        if _insert_many(db, codec, batch, blob, seq, skip_held=True) == len(batch):
            db.execute("RELEASE SAVEPOINT merge_batch")
            _added(rc, table, batch)
            return
        db.execute("ROLLBACK TO SAVEPOINT merge_batch")  # some are held already: the careful path from now on
        db.execute("RELEASE SAVEPOINT merge_batch")
        fast[table] = False
    qs = ",".join("?" * len(batch))
    held = {r[0]: f"{r[1]}:{r[2]}:{r[3]}" for r in db.execute(
        f'SELECT uuid, version, updated_by_device, updated_at FROM "{table}" WHERE uuid IN ({qs})',
        [r["uuid"] for r in batch]).fetchall()}
    new = [r for r in batch if r["uuid"] not in held]
    if _insert_many(db, codec, new, blob, seq, skip_held=True) != len(new):
        raise BundleError(f"{table}: another import stored some of the same records at the same moment; "
                          "nothing from this bundle was stored, import it again")
    _added(rc, table, new)
    anc_rows = []
    for row in batch:
        if row["uuid"] not in held:
            continue
        if held[row["uuid"]] == variant_id(row):
            rc.add("unchanged", table)
        elif codec.append_only:
            rc.add("refused", table, row["uuid"], "append-only record arrived with different content; kept ours")
        else:
            anc_rows += _merge_one(db, codec, row, blob, seq, rc)
    if anc_rows:
        db.executemany(ANCESTRY_SQL, anc_rows)


def _by_uuid(row: dict) -> str:
    return row["uuid"]


def _added(rc: Receipt, table: str, rows: list[dict]) -> None:
    rc.add_many("added", table, [r["uuid"] for r in rows])


def _merge_one(db, codec, theirs: dict, blob, seq, rc) -> list:
    table, uuid = codec.table, theirs["uuid"]
    vals = db.execute(codec.select_sql('WHERE uuid = ?'), (uuid,)).fetchone()
    ours = codec.encode(vals, None)
    ours_anc = {r[0] for r in db.execute(
        "SELECT variant FROM sync_ancestry WHERE table_name = ? AND uuid = ?", (table, uuid)).fetchall()}
    their_anc = set(theirs.get("_anc") or [])
    theirs_clean = {k: v for k, v in theirs.items() if not k.startswith("_")}
    vo, vt = variant_id(ours), variant_id(theirs)
    out = [(table, uuid, a) for a in their_anc]
    if vo in their_anc:
        _update(db, codec, theirs_clean, blob, seq)
        rc.add("updated", table, uuid, f"newer edit v{theirs['version']} by {theirs['updated_by_device'][:8]}")
    elif vt in ours_anc:
        rc.add("stale", table, uuid, "we already hold a newer edit")
    else:
        ours_wins = winner_key(ours) > winner_key(_inline(theirs_clean, blob))
        loser = _inline(theirs_clean, blob) if ours_wins else ours
        db.execute(KEEP_VERSION_SQL, (table, uuid, variant_id(loser), loser["version"], loser["updated_at"],
                                      loser["updated_by_device"], loser["created_by_team"],
                                      json.dumps(loser, ensure_ascii=False, sort_keys=True), now_iso(), seq))
        if not ours_wins:
            _update(db, codec, theirs_clean, blob, seq)
        out.append((table, uuid, vt))  # the merged value has "seen" their edit
        rc.add("conflicted", table, uuid, f"concurrent edits v{ours['version']} (ours) and v{theirs['version']} "
                                          f"(theirs); current: {'ours' if ours_wins else 'theirs'}, other kept")
    return out


def _inline(row: dict, blob) -> dict:
    """Big BLOB references resolved to inline base64, so both variants compare and store the same way."""
    import base64

    out = {}
    for k, v in row.items():
        if isinstance(v, dict) and "$blob" in v:
            v = {"$b64": base64.b64encode(blob(v["$blob"])).decode()}
        out[k] = v
    return out


def _insert_many(db, codec: TableCodec, rows: list[dict], blob, seq: int, skip_held: bool = False) -> int:
    """New records by the backend's bulk path (one per column set: a bundle's rows normally share
    one), with their ancestry. ``skip_held``: records already stored are left out.
    Returns how many rows were inserted."""
    groups: dict[tuple, list] = {}
    for row in rows:
        cols, vals = codec.params(row, blob)
        vals.append(seq)
        groups.setdefault(tuple(cols), []).append(vals)
    n = 0
    for cols, params in groups.items():
        try:
            n += db.insert_rows(codec, cols, params, skip_held)
        except Exception as exc:
            if not db.is_integrity_error(exc):
                raise
            raise _locate(db, codec, cols, params, exc) from exc
    anc = [(codec.table, r["uuid"], a) for r in rows for a in r.get("_anc") or []]
    if anc:
        db.executemany(ANCESTRY_SQL, anc)
    return n


def _locate(db, codec: TableCodec, cols: tuple, params: list, exc: Exception) -> BundleError:
    """Which row of a failed batch is at fault, and why, in one line (the transaction rolls back)."""
    table = codec.table
    for vals in params:
        row = dict(zip(cols, vals))
        for col, parent, key in _foreign_keys(db.schema, table):
            v = row.get(col)
            if v is not None and db.execute(f'SELECT 1 FROM "{parent}" WHERE "{key}" = ?', (v,)).fetchone() is None:
                return BundleError(f"{table} record {row['uuid']}, field {col}: refers to {parent} {v}, which is "
                                   "neither in this bundle nor in the store: import the sender's earlier bundle "
                                   "first (nothing was stored)")
    return BundleError(f"{table} record {params[0][cols.index('uuid')] if len(params) == 1 else '(one of a batch)'} "
                       f"cannot be stored: {str(exc).strip().splitlines()[0]} (nothing was stored)")


def _foreign_keys(conn, table: str) -> list[tuple[str, str, str]]:
    return [(r[3], r[2], r[4] or "uuid") for r in conn.execute(f'PRAGMA foreign_key_list("{table}")')]


def _update(db, codec: TableCodec, row: dict, blob, seq: int) -> None:
    cols, vals = codec.params(row, blob)
    cols_vals = [(c, v) for c, v in zip(cols, vals) if c != "uuid"]
    assign = ", ".join(f'"{c}" = {codec.placeholder(c)}' for c, _ in cols_vals)
    sql = f'UPDATE "{codec.table}" SET {assign}, change_seq = ? WHERE uuid = ?'
    try:
        db.execute(sql, [v for _, v in cols_vals] + [seq, row["uuid"]])
    except Exception as exc:
        if not db.is_integrity_error(exc):
            raise
        msg = str(exc).strip().splitlines()[0]
        if "FOREIGN KEY" in msg.upper():
            raise BundleError(f"{codec.table} record {row['uuid']} refers to a record that is neither in this bundle "
                              "nor in the store: import the sender's earlier bundle first (nothing was stored)") from exc
        raise BundleError(f"{codec.table} record {row['uuid']} cannot be stored: {msg} (nothing was stored)") from exc


def _merge_versions(db, vb, seq, rc, tick) -> None:
    rows = []
    for r in _rows(vb, "versions.jsonl"):
        rows.append((r["table_name"], r["uuid"], r["variant"], r["version"], r["updated_at"],
                     r["updated_by_device"], r["created_by_team"], r["row_json"], now_iso(), seq))
    added = db.executemany(KEEP_VERSION_SQL, rows) if rows else 0
    if added:
        rc.add("added", "sync_record_versions", n=added)
    tick(len(rows))


def content_equal(a: dict, b: dict) -> bool:
    return content_hash(a) == content_hash(b)
