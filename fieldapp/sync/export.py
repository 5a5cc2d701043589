"""Write a bundle: everything (full) or only what changed since the last bundle sent to a peer.

An incremental export selects ``change_seq > last_sent_seq`` on each synced table through the
change_seq index made in migration 5, so its cost follows the number of changes, not the store.
Records imported from other teams carry a fresh local change_seq, so the working group's bundle
relays every team's data back out.
"""
from __future__ import annotations

import json
import uuid as uuidlib
from collections import Counter
from pathlib import Path

from nacl.signing import VerifyKey

from fieldapp.core.timeutil import now_iso
from fieldapp.plans.export import provenance as plan_provenance
from fieldapp.store.drills import not_drill_sql

from . import keys
from .container import BundleWriter
from .delivery import holds
from .errors import ImportCancelled, KeyError_
from .schema import TableCodec, ensure_sync_objects, json_default, ordered_tables, synced_tables
from .sync_meta import FORMAT_NAME, FORMAT_VERSION

BATCH = 5000
dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=json_default).encode


def _ensure(store) -> None:
    """Create change_seq indexes / ancestry triggers for tables newer than migration 5, if any."""
    have = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    if any(f"{t}_sync_ancestry" not in have for t in synced_tables(store.conn)):
        with store.transaction():
            ensure_sync_objects(store.conn)


def last_sent(store, peer: str) -> int:
    row = store.conn.execute("SELECT last_sent_seq FROM sync_peers WHERE peer = ?", (peer,)).fetchone()
    return int(row[0]) if row else 0


def peers(store) -> list[dict]:
    return list(store.db.query("SELECT * FROM sync_peers ORDER BY peer"))


def _drill_filter(conn, table: str, include_drills: bool) -> str:
    """The one hook keeping drills out of bundles (fieldapp.store.drills), unless chosen."""
    cond = "" if include_drills else not_drill_sql(conn, table)
    return f" AND {cond}" if cond else ""


def start_seq(store, peer: str | None, incremental: bool, since: int | None, resend: bool) -> int:
    """The change number a bundle starts after (0 = full bundle); see delivery.py for the protocol."""
    if since is not None:
        if since < 0:
            raise KeyError_("--since must be 0 or more")
        return since
    if resend:
        if not peer:
            raise KeyError_("--resend needs --peer: it starts from what that peer confirmed holding")
        from .delivery import acknowledged

        return acknowledged(store, peer) or 0
    return last_sent(store, peer) if (incremental and peer) else 0


def export_bundle(store, path: str | Path, *, peer: str | None = None, incremental: bool = False,
                  seal_to: str | None = None, progress=None, cancel=None, since: int | None = None,
                  resend: bool = False, include_drills: bool = False) -> dict:
    """Write a signed bundle to ``path``; return its manifest.

    ``peer`` names the recipient (a team name or key code) whose high-water mark an incremental
    export starts from and which is advanced once the file is complete. ``since=N`` carries the
    changes after N; ``resend`` starts from what the peer acknowledged holding (or everything).
    ``seal_to`` is the recipient's public key (hex): the bundle is then encrypted so only that key
    can open it. A drill's records stay out unless ``include_drills`` (fieldapp.store.drills).
    """
    ident = store.require_identity()
    sk = keys.signing_key(store)
    box_key = None
    if seal_to:
        try:
            box_key = VerifyKey(bytes.fromhex(seal_to)).to_curve25519_public_key()
        except Exception as exc:
            raise KeyError_("the encryption key is not a 32-byte Ed25519 public key in hex") from exc
    _ensure(store)
    since = start_seq(store, peer, incremental, since, resend)
    conn = store.conn
    writer = BundleWriter(path, sealed=box_key is not None)
    counts: dict[str, int] = {}
    origins: Counter = Counter()
    with store._lock:
        conn.execute("BEGIN")  # one read snapshot: the bundle is consistent even if writes follow
        try:
            to_seq = int(store.get_meta("change_seq", "0"))
            tables = ordered_tables(conn)
            totals = {t: conn.execute(f'SELECT COUNT(*) FROM "{t}" WHERE change_seq > ?'
                                      f'{_drill_filter(conn, t, include_drills)}', (since,)).fetchone()[0]
                      for t in tables}
            grand, done = sum(totals.values()) or 1, 0
            for table in tables:
                if not totals[table]:
                    continue
                codec = TableCodec(conn, table)
                blobs: dict[str, bytes] = {}
                sql = codec.select_sql(f"WHERE change_seq > ?{_drill_filter(conn, table, include_drills)} "
                                       "ORDER BY change_seq, rowid")
                if not codec.append_only:
                    sql = sql.replace(" FROM ", f", (SELECT group_concat(variant, '|') FROM sync_ancestry a "
                                                f"WHERE a.table_name = '{table}' AND a.uuid = \"{table}\".uuid) "
                                                "AS _anc FROM ", 1)
                n = 0
                with writer.open_member(f"records/{table}.jsonl") as out:
                    cur = conn.execute(sql, (since,))
                    while True:
                        batch = cur.fetchmany(BATCH)
                        if not batch:
                            break
                        lines = []
                        for values in batch:
                            row = codec.encode(values[:len(codec.data_cols)], blobs)
                            if not codec.append_only:
                                anc = values[-1]
                                row["_anc"] = sorted(anc.split("|")) if anc else []
                            origins[row["updated_by_device"]] += 1
                            lines.append(dumps(row))
                        out.write(("\n".join(lines) + "\n").encode())
                        n += len(batch)
                        done += len(batch)
                        if progress:
                            progress(done, grand)
                        if cancel and cancel():
                            raise ImportCancelled("export cancelled; no bundle was written")
                counts[table] = n
                for sha, data in blobs.items():
                    if f"blobs/{sha}" not in writer.members:
                        writer.write_member(f"blobs/{sha}", data, compress=False)
            versions = list(conn.execute(
                "SELECT table_name, uuid, variant, version, updated_at, updated_by_device, created_by_team, "
                "row_json FROM sync_record_versions WHERE change_seq > ? ORDER BY table_name, uuid, variant",
                (since,)))
            if versions:
                cols = ("table_name", "uuid", "variant", "version", "updated_at", "updated_by_device",
                        "created_by_team", "row_json")
                body = "".join(json.dumps(dict(zip(cols, v)), ensure_ascii=False, separators=(",", ":")) + "\n"
                               for v in versions)
                writer.write_member("versions.jsonl", body.encode())
            incidents = [{"uuid": u, "code": c, "name": nm} for u, c, nm in conn.execute(
                "SELECT uuid, code, name FROM incidents WHERE deleted = 0"
                f"{_drill_filter(conn, 'incidents', include_drills)} ORDER BY discovered_at")]
            held = holds(conn)
            serial = (conn.execute("SELECT sent_count FROM sync_peers WHERE peer = ?", (peer,)).fetchone()
                      or (0,))[0] + 1 if peer else 0
            plans = plan_provenance(conn)   # plans' rows travel as synced tables; the manifest says what they are
        except BaseException:
            conn.execute("ROLLBACK")
            writer.abort()
            raise
        conn.execute("COMMIT")
    pub = sk.verify_key.encode().hex()
    manifest = {
        "format": FORMAT_NAME, "format_version": FORMAT_VERSION, "bundle_id": str(uuidlib.uuid4()),
        "created_at": now_iso(), "kind": "incremental" if since else "full", "peer": peer or "",
        "sender": {"team": ident.team, "unit": ident.unit, "device": ident.device,
                   "device_id": ident.device_id, "public_key": pub, "code": keys.read_aloud(pub)},
        "incidents": incidents,
        "plans": plans,
        "changes": {"device_id": ident.device_id, "from_seq": since + 1, "to_seq": to_seq},
        "origin_devices": dict(sorted(origins.items())),
        "counts": counts, "versions": len(versions), "serial": serial, "holds": held,
        "members": dict(sorted(writer.members.items())),
    }
    body = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
    try:
        writer.finish(body, sk.sign(body).signature, seal_to=box_key)
    except BaseException:
        writer.abort()
        raise
    if peer:
        with store.transaction():
            conn.execute("INSERT INTO sync_peers(peer, last_sent_seq, last_sent_at, sent_count) VALUES (?, ?, ?, ?) "
                         "ON CONFLICT(peer) DO UPDATE SET last_sent_seq = excluded.last_sent_seq, "
                         "last_sent_at = excluded.last_sent_at, sent_count = excluded.sent_count",
                         (peer, to_seq, manifest["created_at"], serial))
    return manifest

