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
from .backend import as_backend
from .container import BundleWriter
from .delivery import holds
from .errors import ImportCancelled, KeyError_
from .schema import TableCodec, json_default, ordered_tables
from .sync_meta import FORMAT_NAME, FORMAT_VERSION

BATCH = 5000
dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=json_default).encode


def last_sent(store, peer: str) -> int:
    row = as_backend(store).execute("SELECT last_sent_seq FROM sync_peers WHERE peer = ?", (peer,)).fetchone()
    return int(row[0]) if row else 0


def peers(store) -> list[dict]:
    return as_backend(store).query("SELECT * FROM sync_peers ORDER BY peer")


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
                  resend: bool = False, incidents: list[str] | None = None,
                  include_drills: bool = False) -> dict:
    """Write a signed bundle to ``path``; return its manifest.

    ``store``: a Store or any fieldapp.sync.backend.Backend (the working group's PostGIS).
    ``peer`` names the recipient (a team name or key code) whose high-water mark an incremental
    export starts from and which is advanced once the file is complete. ``since=N`` carries the
    changes after N; ``resend`` starts from what the peer acknowledged holding (or everything).
    ``seal_to`` is the recipient's public key (hex): the bundle is then encrypted so only that key
    can open it. ``incidents`` (uuids) limits the bundle to those incidents' records (and layers
    shared by every incident); such a bundle does not advance the peer's high-water mark.
    A drill's records stay out unless ``include_drills`` (fieldapp.store.drills).
    """
    db = as_backend(store)
    ident = db.require_identity()
    sk = keys.signing_key(db)
    box_key = None
    if seal_to:
        try:
            box_key = VerifyKey(bytes.fromhex(seal_to)).to_curve25519_public_key()
        except Exception as exc:
            raise KeyError_("the encryption key is not a 32-byte Ed25519 public key in hex") from exc
    since = start_seq(db, peer, incremental, since, resend)
    writer = BundleWriter(path, sealed=box_key is not None)
    try:
        with db.export_snapshot() as to_seq:
            body = _write_records(db, writer, since, to_seq, progress, cancel, incidents, include_drills)
            held = holds(db)
            plans = plan_provenance(db)  # plans' rows travel as synced tables; the manifest says what they are
            serial = (db.execute("SELECT sent_count FROM sync_peers WHERE peer = ?", (peer,)).fetchone()
                      or (0,))[0] + 1 if peer and not incidents else 0
    except BaseException:
        writer.abort()
        raise
    counts, origins, versions, incident_list = body
    pub = sk.verify_key.encode().hex()
    manifest = {
        "format": FORMAT_NAME, "format_version": FORMAT_VERSION, "bundle_id": str(uuidlib.uuid4()),
        "created_at": now_iso(), "kind": "incremental" if since else "full", "peer": peer or "",
        "sender": {"team": ident.team, "unit": ident.unit, "device": ident.device,
                   "device_id": ident.device_id, "public_key": pub, "code": keys.read_aloud(pub)},
        "incidents": incident_list,
        "plans": plans,
        "changes": {"device_id": ident.device_id, "from_seq": since + 1, "to_seq": to_seq},
        "origin_devices": dict(sorted(origins.items())),
        "counts": counts, "versions": versions, "serial": serial, "holds": held,
        "members": dict(sorted(writer.members.items())),
    }
    body = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
    try:
        writer.finish(body, sk.sign(body).signature, seal_to=box_key)
    except BaseException:
        writer.abort()
        raise
    if peer and not incidents:
        db.record_peer_sent(peer, to_seq, manifest["created_at"], serial)
    return manifest


def _incident_filter(db, table: str, incidents: list[str] | None) -> tuple[str, list]:
    """SQL restricting ``table`` to the given incidents (by its incident_uuid, or its parent's)."""
    if not incidents:
        return "", []
    qs = ",".join("?" * len(incidents))
    cols = {r[1] for r in db.schema.execute(f'PRAGMA table_info("{table}")')}
    if table == "incidents":
        return f" AND uuid IN ({qs})", list(incidents)
    # plans (store migration 16) travel when the incidents use them (any incident_plans row, a
    # tombstone too: its parent must be in the bundle), not every plan of an archive
    used = f"(SELECT plan_uuid FROM incident_plans WHERE incident_uuid IN ({qs}))"
    if table == "plans":
        return f" AND uuid IN {used}", list(incidents)
    if table == "map_layers" and "plan_uuid" in cols:
        # an incident's own layers; shared layers (no incident, no plan); the layers of its plans
        return (f" AND (incident_uuid IN ({qs}) OR (incident_uuid IS NULL AND "
                f"(plan_uuid IS NULL OR plan_uuid IN {used})))", list(incidents) * 2)
    if "incident_uuid" in cols:
        # layers with no incident are shared by every incident (national/basin data): they travel too
        nulls = " OR incident_uuid IS NULL" if table == "map_layers" else ""
        return f" AND (incident_uuid IN ({qs}){nulls})", list(incidents)
    parents = {r[3]: r[2] for r in db.schema.execute(f'PRAGMA foreign_key_list("{table}")')}
    for col, parent in parents.items():
        sub, args = _incident_filter(db, parent, incidents)
        if sub:
            return f' AND "{col}" IN (SELECT uuid FROM "{parent}" WHERE 1 = 1{sub})', args
    return "", []


def _record_filter(db, table: str, incidents: list[str] | None, include_drills: bool) -> tuple[str, list]:
    """The chosen incidents' rows of ``table``, without a drill's unless chosen."""
    sql, args = _incident_filter(db, table, incidents)
    return sql + _drill_filter(db.schema, table, include_drills), args


def _write_records(db, writer, since, to_seq, progress, cancel, incidents, include_drills):
    tables = ordered_tables(db.schema)
    filters = {t: _record_filter(db, t, incidents, include_drills) for t in tables}
    totals = {t: db.execute(f'SELECT COUNT(*) FROM "{t}" WHERE change_seq > ? AND change_seq <= ?{filters[t][0]}',
                            (since, to_seq, *filters[t][1])).fetchone()[0] for t in tables}
    progress_state = [0, sum(totals.values()) or 1]
    counts: dict[str, int] = {}
    origins: Counter = Counter()
    for table in tables:
        if totals[table]:
            counts[table] = _write_table(db, writer, table, filters[table], since, to_seq, origins,
                                         progress_state, progress, cancel)
    versions = _write_versions(db, writer, since, to_seq, incidents, counts)
    where, args = _record_filter(db, "incidents", incidents, include_drills)
    incident_list = [{"uuid": u, "code": c, "name": nm} for u, c, nm in db.execute(
        f"SELECT uuid, code, name FROM incidents WHERE deleted = 0{where} ORDER BY discovered_at", args).fetchall()]
    return counts, origins, versions, incident_list


def _write_table(db, writer, table, flt, since, to_seq, origins, state, progress, cancel) -> int:
    codec = TableCodec(db.schema, table, db)
    blobs: dict[str, bytes] = {}
    sql = codec.select_sql(f"WHERE change_seq > ? AND change_seq <= ?{flt[0]} ORDER BY {db.export_order}")
    if not codec.append_only:
        sql = sql.replace(" FROM ", f", (SELECT {db.text_agg('variant', '|')} FROM sync_ancestry a "
                                    f"WHERE a.table_name = '{table}' AND a.uuid = \"{table}\".uuid) "
                                    "AS _anc FROM ", 1)
    n = 0
    with writer.open_member(f"records/{table}.jsonl") as out:
        cur = db.stream(sql, (since, to_seq, *flt[1]))
        while True:
            batch = cur.fetchmany(BATCH)
            if not batch:
                cur.close()
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
            state[0] += len(batch)
            if progress:
                progress(state[0], state[1])
            if cancel and cancel():
                raise ImportCancelled("export cancelled; no bundle was written")
    for sha, data in blobs.items():
        if f"blobs/{sha}" not in writer.members:
            writer.write_member(f"blobs/{sha}", data, compress=False)
    return n


def _write_versions(db, writer, since, to_seq, incidents, counts) -> int:
    cols = ("table_name", "uuid", "variant", "version", "updated_at", "updated_by_device", "created_by_team",
            "row_json")
    versions = db.execute(
        f"SELECT {', '.join(cols)} FROM sync_record_versions WHERE change_seq > ? AND change_seq <= ? "
        "ORDER BY table_name, uuid, variant", (since, to_seq)).fetchall()
    if incidents:  # only versions of records this bundle can carry
        wanted = {}
        for table in {v[0] for v in versions}:
            flt = _incident_filter(db, table, incidents)
            wanted[table] = {r[0] for r in db.execute(f'SELECT uuid FROM "{table}" WHERE 1 = 1{flt[0]}',
                                                      flt[1]).fetchall()}
        versions = [v for v in versions if v[1] in wanted.get(v[0], ())]
    if versions:
        body = "".join(json.dumps(dict(zip(cols, v)), ensure_ascii=False, separators=(",", ":")) + "\n"
                       for v in versions)
        writer.write_member("versions.jsonl", body.encode())
    return len(versions)
