"""Strict intake: every incoming record is checked with the same rules as a local write before the
import transaction opens (fieldapp.store.validators, plus the measurement and fact checks the local
write path uses). A bad record refuses the whole bundle with one line naming table, record and field.

What arrives is JSON from a *trusted* key, which is still not trusted content: a sender's bug, an
older or newer FieldApp, or a hand-edited bundle must never put a value in the store that the app
itself refuses (an emoji role, status "1", a garbage time, an attachment whose hash does not match),
nor a value that later crashes the app (Infinity, an object in a text column, a list as an id).
"""
from __future__ import annotations

import base64
import binascii
import re

import orjson

from fieldapp.store.validators import UUID_RE, BlobRef, TableRules, column_in, stored_time
from fieldapp.core.errors import ValidationError

from .errors import BundleCorrupt, RecordInvalid

BATCH = 500  # rows whose CHECK constraints SQLite evaluates in one statement
MAX_ANCESTORS = 100_000
VARIANT_RE = re.compile(r"[1-9]\d{0,17}:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:"
                        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\Z")
SHA_RE = re.compile(r"[0-9a-f]{64}\Z")
HEX_RE = re.compile(r"(?:[0-9A-Fa-f]{2})+\Z")
VERSION_TYPES = {"table_name": str, "uuid": str, "variant": str, "version": int, "updated_at": str,
                 "updated_by_device": str, "created_by_team": str, "row_json": str}


def loads_strict(text):
    """Parse JSON strictly (orjson): NaN, Infinity, 1e999, lone surrogates, invalid UTF-8 and nesting
    deeper than 1024 are all refused with a ValueError (never a RecursionError or a crash later)."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise ValueError(str(exc).replace("depth limit exceeded", "nested too deeply")) from None


class Intake:
    def __init__(self, store, manifest: dict, tables: list[str]):
        """``store``: the Backend receiving the bundle. Rules and CHECKs come from its store schema
        (a SQLite connection), evaluated there; held records are looked up in the database itself."""
        self.store, self.conn = store, store.schema
        self.members = manifest.get("members") or {}
        self.tables = set(tables)
        self.rules: dict[str, TableRules] = {}
        self.batch: list[tuple[str, dict]] = []
        self.point_media: dict[str, str] = {}

    def rules_for(self, table: str) -> TableRules:
        if table not in self.rules:
            self.rules[table] = TableRules(self.conn, table)
        return self.rules[table]

    # -- records ---------------------------------------------------------------------------
    def record(self, table: str, line_no: int, raw: dict) -> None:
        rules = self.rules_for(table)
        uid = raw.get("uuid")
        label = uid if type(uid) is str and UUID_RE.match(uid) else f"on line {line_no}"
        try:
            row = self.decode(rules, raw, inline_only=False)
            self.check(rules, row)
        except ValidationError as exc:
            raise RecordInvalid(table, label, exc.field, str(exc)) from None
        if table == "sampling_points":
            self.point_media[uid] = row.get("media")
        self.batch.append((label, row))
        if len(self.batch) >= BATCH:
            self.flush(table)

    def flush(self, table: str) -> None:
        batch, self.batch = self.batch, []
        rules = self.rules_for(table)
        hit = rules.failing_checks(self.conn, [r for _, r in batch])
        if hit:
            i, expr = hit
            label, row = batch[i]
            field = column_in(expr, rules.columns)
            shown = "(geometry)" if field in rules.geom else repr(row.get(field))[:60]
            raise RecordInvalid(table, label, field, f"{field} {shown} breaks the rule CHECK ({expr})")

    def decode(self, rules: TableRules, raw: dict, inline_only: bool) -> dict:
        """Bundle JSON -> the stored form the validators see (bytes for BLOBs and geometries).

        A table without BLOB or geometry columns (a million readings) is checked as it is: an object
        in any of its columns fails the type checks anyway."""
        if not rules.geom and not rules.blob_cols:
            anc = raw.get("_anc")
            if anc is not None:
                _ancestors(anc)
            return raw
        out = {}
        for k, v in raw.items():
            if k == "_anc":
                _ancestors(v)
            elif k in rules.geom:
                if v is not None and not (type(v) is str and HEX_RE.match(v)):
                    raise ValidationError(k, f"{k} must be a geometry as WKB in hex")
                out[k] = None if v is None else bytes.fromhex(v)
            elif type(v) is dict:
                out[k] = self._blob(rules, k, v, inline_only)
            else:
                out[k] = v
        return out

    def _blob(self, rules: TableRules, col: str, v: dict, inline_only: bool):
        if col not in rules.blob_cols:
            raise ValidationError(col, f"{col} holds an object, but only binary (BLOB) columns may")
        if set(v) == {"$b64"} and type(v["$b64"]) is str:
            try:
                return base64.b64decode(v["$b64"], validate=True)
            except (binascii.Error, ValueError):
                raise ValidationError(col, f"{col} is not valid base64") from None
        if not inline_only and set(v) == {"$blob"} and type(v["$blob"]) is str and SHA_RE.match(v["$blob"]):
            meta = self.members.get(f"blobs/{v['$blob']}")
            if isinstance(meta, dict) and type(meta.get("size")) is int:
                return BlobRef(v["$blob"], meta["size"])
        raise ValidationError(col, f"{col} must be {{\"$b64\": …}} or a {{\"$blob\": sha256}} of this bundle")

    def check(self, rules: TableRules, row: dict) -> None:
        rules.check_row(row)
        if row.get("version", 0) < 1:
            raise ValidationError("version", "version must be 1 or more")
        if not str(row.get("created_by_team") or "").strip():
            raise ValidationError("created_by_team", "created_by_team is required")
        if rules.table == "measurements":
            self._measurement(row)
        elif rules.table == "incident_fact_values":
            from fieldapp.store.facts import check_fact_row

            check_fact_row(row)

    def _measurement(self, row: dict) -> None:
        """The same value/unit checks as a typed measurement (records.py), so value and unit agree
        with what was typed."""
        point = row.get("point_uuid")
        media = self.point_media.get(point)
        if media is None:
            held = self.store.execute("SELECT media FROM sampling_points WHERE uuid = ?", (point,)).fetchone()
            media = held[0] if held else "water"
        self.store.rules_store.check_measurement_row(row, media)

    # -- conflict versions -------------------------------------------------------------------
    def version(self, line_no: int, raw: dict) -> None:
        where = f"versions.jsonl line {line_no}"
        for key, typ in VERSION_TYPES.items():
            if type(raw.get(key)) is not typ:
                raise BundleCorrupt(f"{where}: {key} must be {typ.__name__}")
        table, uid = raw["table_name"], raw["uuid"]
        if table not in self.tables_known():
            raise BundleCorrupt(f"{where}: table {table!r} is not a synced table of this store")
        if not UUID_RE.match(uid) or not VARIANT_RE.match(raw["variant"]):
            raise BundleCorrupt(f"{where}: uuid or variant is malformed")
        try:
            stored_time("updated_at", raw["updated_at"])
            kept = loads_strict(raw["row_json"])
            if not isinstance(kept, dict):
                raise ValidationError("row_json", "row_json must hold a JSON object")
            rules = self.rules_for(table)
            row = self.decode(rules, kept, inline_only=True)
            self.check(rules, row)
            hit = rules.failing_checks(self.conn, [row])
            if hit:
                raise ValidationError(column_in(hit[1], rules.columns), f"breaks the rule CHECK ({hit[1]})")
        except ValueError as exc:  # ValidationError is a StoreError, not a ValueError
            raise BundleCorrupt(f"{where}: row_json is not valid JSON ({exc})") from None
        except ValidationError as exc:
            raise RecordInvalid(table, f"{uid} (conflict version)", exc.field, str(exc)) from None
        variant = f"{kept.get('version')}:{kept.get('updated_by_device')}:{kept.get('updated_at')}"
        if kept.get("uuid") != uid or variant != raw["variant"] or kept.get("version") != raw["version"]:
            raise BundleCorrupt(f"{where}: row_json does not match its uuid, variant or version")

    def tables_known(self) -> set:
        if not hasattr(self, "_synced"):
            from .schema import synced_tables

            self._synced = set(synced_tables(self.conn))
        return self._synced


def _ancestors(v) -> None:
    if type(v) is not list or len(v) > MAX_ANCESTORS:
        raise ValidationError("_anc", "_anc (the edits this record descends from) must be a list")
    for a in v:
        if type(a) is not str or not VARIANT_RE.match(a):
            raise ValidationError("_anc", f"_anc entry {a!r:.60} is not an edit id (version:device:time)")
