"""Helpers for the server tests: the same record state read from either back-end, checksums."""
from __future__ import annotations

import hashlib
import itertools
import json

from fieldapp.sync.backend import as_backend
from fieldapp.sync.schema import TableCodec, ordered_tables

_names = itertools.count(1)


def database_name(prefix: str) -> str:
    """A database name not used before in this test session."""
    return f"{prefix}_{next(_names)}"


def trust_laptops(db, *stores) -> None:
    from fieldapp.sync import keys

    for st in stores:
        ident = st.identity
        keys.trust(db, keys.public_hex(st), team=ident.team, device=ident.device, device_id=ident.device_id)


VERSION_COLS = "table_name, uuid, variant, version, updated_at, updated_by_device, created_by_team, row_json"


def record_state(target) -> dict[str, list[str]]:
    """Every synced table's rows as bundle JSON (geometry as WKB hex) and the conflict versions,
    sorted: what must be identical on every replica, SpatiaLite or PostGIS, whatever the order of
    imports. (Ancestry is each replica's own bookkeeping: which edits it has seen depends on the
    order, on a laptop too.)"""
    db = as_backend(target)
    out = {}
    for table in ordered_tables(db.schema):
        codec = TableCodec(db.schema, table, db)
        out[table] = sorted(json.dumps(codec.encode(r, None), sort_keys=True, ensure_ascii=False)
                            for r in db.execute(codec.select_sql()).fetchall())
    out["sync_record_versions"] = sorted(json.dumps(list(r), ensure_ascii=False) for r in db.execute(
        f"SELECT {VERSION_COLS} FROM sync_record_versions").fetchall())
    return out


def checksums(state: dict[str, list[str]]) -> dict[str, str]:
    return {t: hashlib.sha256("\n".join(rows).encode()).hexdigest() for t, rows in state.items()}


def database_checksum(db) -> dict[str, str]:
    """SHA-256 of every table of the server database (all schemas FieldApp made), for 'unchanged'."""
    out = {}
    for schema, table in db.conn.execute(
            "SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' "
            "AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2").fetchall():
        rows = db.conn.execute(f'SELECT * FROM "{schema}"."{table}"').fetchall()
        out[f"{schema}.{table}"] = hashlib.sha256("\n".join(sorted(map(repr, rows))).encode()).hexdigest()
    return out


def add_readings(store, incident_uuid: str, n: int, per_raw: int = 10) -> None:
    """``n`` instrument readings (``per_raw`` per raw line) through the instrument sink's own rows."""
    from fieldapp.core.ids import new_uuid
    from fieldapp.instruments.sink import RAW_COLS, READING_COLS, write_rows

    with store.transaction():
        meta = store.new_meta()
        raws, reads = [], []
        for i in range(n // per_raw):
            t = f"2026-11-01T{8 + i // 3600 % 12:02d}:{i // 60 % 60:02d}:{i % 60:02d}.000Z"
            raw = {**meta, "uuid": new_uuid(), "incident_uuid": incident_uuid, "port": "/dev/ttyUSB0",
                   "device": "probe-1", "profile": "multi", "kind": "text", "received_at": t, "device_time": None,
                   "raw": f"PH=7.1;seq={i}".encode(), "parse_status": "ok", "reason": ""}
            raws.append(tuple(raw[c] for c in RAW_COLS))
            for j in range(per_raw):
                r = {**meta, "uuid": new_uuid(), "incident_uuid": incident_uuid, "point_uuid": None,
                     "raw_uuid": raw["uuid"], "device": "probe-1", "parameter": f"p{j}", "parameter_id": None,
                     "value": 7.0 + (i + j) % 100 / 100, "unit": "mg/L", "unit_orig": "mg/L", "channel": f"p{j}",
                     "qualifier": "", "flag": "",
                     "value_text": "", "received_at": t, "device_time": None}
                reads.append(tuple(r[c] for c in READING_COLS))
        write_rows(store, raws, reads)
