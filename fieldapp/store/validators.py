"""Field rules shared by local writes (records.py) and the sync intake (fieldapp.sync.intake).

Two layers:
* The app's own vocabularies and required fields (roles, sample statuses, media…): ``choice`` and
  ``required`` are what records.py calls when a user types a value.
* ``TableRules``: the rules a complete stored row must satisfy, derived from the schema itself
  (declared column types, NOT NULL, the CHECK constraints, geometry columns), plus the vocabulary
  rules above and a few naming conventions (``uuid``/``*_uuid``/``*_by_device`` hold UUIDs,
  ``at``/``*_at``/``*_time`` hold stored times). A column added by a later migration is covered
  without code changes: its type, NOT NULL and CHECKs come from the schema.

A refused value raises ``ValidationError(field, message)``; nothing is written.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Iterable

from fieldapp.vocab import MEDIA, ROLE_CODES, STANDARDS

from .errors import ValidationError

SAMPLE_STATUS = ("collected", "in_transit", "received", "analysed", "disposed")
LOG_KINDS = ("action", "decision", "observation", "report", "system", "checklist")

# Vocabularies the app enforces although the schema has no CHECK for them.
VOCABULARIES = {("sampling_points", "role"): ROLE_CODES, ("samples", "status"): SAMPLE_STATUS,
                ("samples", "matrix"): MEDIA, ("sampling_points", "media"): MEDIA,
                ("incidents", "standard"): STANDARDS, ("incidents", "source_standard"): STANDARDS,
                ("sampling_points", "standard"): ("",) + STANDARDS}
# Text fields a person must fill in (records.py refuses them empty).
REQUIRED = {"incidents": ("code", "name"), "sampling_points": ("code",), "samples": ("sample_code",),
            "custody_events": ("from_party", "to_party"), "incident_log": ("text",),
            "measurements": ("parameter", "unit"), "attachments": ("filename",)}

UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")
TIME_RE = re.compile(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)\.(\d{3})Z\Z")
INT64 = (-(1 << 63), (1 << 63) - 1)


def required(field: str, value) -> str:
    if value is None or not str(value).strip():
        # str(): the column's name (CLI, sync intake lines); text(lang): the field's words (core/messages)
        raise ValidationError(field, f"{field} is required", code="required")
    return str(value).strip()


def choice(field: str, value, allowed: Iterable[str]) -> str:
    if value not in allowed:
        raise ValidationError(field, f"{field} '{value}' is not one of: {', '.join(allowed)}", code="choice",
                              params={"value": value})
    return value


@dataclass(frozen=True)
class BlobRef:
    """A BLOB that travels as its own bundle member: known by its SHA-256 and size, not yet read."""

    sha256: str
    size: int


def is_time_column(col: str) -> bool:
    return col == "at" or col.endswith(("_at", "_time"))


def is_uuid_column(col: str) -> bool:
    return col == "uuid" or col.endswith(("_uuid", "_by_device"))


_time_ok: set[str] = set()
_uuid_ok: set[str] = set()


def _uuid(v) -> bool:
    if type(v) is str and UUID_RE.match(v):
        if len(_uuid_ok) < 10_000:  # the same few device and parent ids repeat on every row
            _uuid_ok.add(v)
        return True
    return False


def stored_time(field: str, value) -> None:
    """A time as the app stores it: '2026-11-29T05:20:00.123Z', a real date, 1990-2099.

    Times in the future are accepted here: a sender's clock may run ahead of ours, and refusing its
    records would stall every later bundle from it.
    """
    if value in _time_ok:
        return
    m = TIME_RE.match(value) if type(value) is str else None
    if not m:
        raise ValidationError(field, f"{field} {_show(value)} is not a stored time (YYYY-MM-DDTHH:MM:SS.mmmZ)")
    try:
        datetime(*(int(g) for g in m.groups()[:6]))
    except ValueError:
        raise ValidationError(field, f"{field} {_show(value)} is not a real date and time") from None
    if not "1990" <= value < "2100":
        raise ValidationError(field, f"{field} {_show(value)} is outside 1990-2099")
    if len(_time_ok) < 100_000:
        _time_ok.add(value)


def _show(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _text(field, v):
    if type(v) is not str:
        raise ValidationError(field, f"{field} must be text, not {_kind(v)}")
    if not v.isascii():
        try:
            v.encode("utf-8")
        except UnicodeEncodeError:
            raise ValidationError(field, f"{field} holds characters that are not valid text (lone surrogates)") from None


def _integer(field, v):
    if type(v) is not int or not INT64[0] <= v <= INT64[1]:
        raise ValidationError(field, f"{field} must be a whole number, not {_kind(v)}")


def _real(field, v):
    if type(v) is int:
        if not INT64[0] <= v <= INT64[1]:
            raise ValidationError(field, f"{field} {_show(v)} is out of range")
        return
    if type(v) is not float or not math.isfinite(v):
        raise ValidationError(field, f"{field} must be a finite number, not {_kind(v)}")


def _blob(field, v):
    if type(v) is not bytes and type(v) is not BlobRef:
        raise ValidationError(field, f"{field} must be binary data, not {_kind(v)}")


def _geometry(field, v):
    if type(v) is not bytes:
        raise ValidationError(field, f"{field} must be a geometry (WKB), not {_kind(v)}")


def _kind(v) -> str:
    if isinstance(v, bool):
        return f"true/false ({v})"
    if isinstance(v, float) and not math.isfinite(v):
        return f"{v} (not finite)"
    return {dict: "an object", list: "a list", str: "text", int: "a number", float: "a number",
            bytes: "binary data", type(None): "empty"}.get(type(v), type(v).__name__) + (
        f" {_show(v)}" if isinstance(v, (str, int, float)) else "")


_TYPE_CHECKS = {"text": _text, "integer": _integer, "real": _real, "blob": _blob, "geometry": _geometry}


def _affinity(decl: str) -> str:
    """SQLite's affinity rules (https://www.sqlite.org/datatype3.html#determination_of_column_affinity)."""
    d = (decl or "").upper()
    if "INT" in d:
        return "integer"
    if any(k in d for k in ("CHAR", "CLOB", "TEXT")):
        return "text"
    if not d or "BLOB" in d:
        return "blob"
    return "real"


def check_expressions(create_sql: str) -> list[str]:
    """The expressions of every CHECK (...) in a CREATE TABLE statement (balanced parentheses)."""
    out, i = [], 0
    upper = create_sql.upper()
    while True:
        i = upper.find("CHECK", i)
        if i < 0:
            return out
        j = create_sql.find("(", i)
        depth, k = 0, j
        while k < len(create_sql):
            ch = create_sql[k]
            depth += ch == "("
            depth -= ch == ")"
            if depth == 0:
                break
            k += 1
        out.append(" ".join(create_sql[j + 1:k].split()))
        i = k


class TableRules:
    """What a complete stored row of ``table`` must look like, read from the schema once."""

    def __init__(self, conn, table: str):
        self.table = table
        info = list(conn.execute(f'PRAGMA table_info("{table}")'))
        self.columns = [r[1] for r in info]
        self.geom = {c: (srid, gtype) for c, srid, gtype in conn.execute(
            "SELECT f_geometry_column, srid, geometry_type FROM geometry_columns WHERE lower(f_table_name) = lower(?)",
            (table,))}
        self.notnull = {r[1] for r in info if r[3] and r[4] is None and not r[5]}  # no default, not the rowid
        self.has_default = {r[1] for r in info if r[4] is not None}
        self.nullable = {r[1] for r in info if not r[3]}
        checks = []
        for col in self.columns:
            kind = "geometry" if col in self.geom else _affinity(next(r[2] for r in info if r[1] == col))
            checks.append((col, _TYPE_CHECKS[kind], col in self.nullable))
        self._type_checks = checks
        allowed = {_text: {str}, _integer: {int}, _real: {int, float}, _blob: {bytes, BlobRef}, _geometry: {bytes}}
        # None passes the fast test only where NULL is allowed and the column is present or has a default
        self._fast = [(c, fn, frozenset(allowed[fn] | ({type(None)} if nullable else set()))) for c, fn, nullable in checks]
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()[0]
        self.sql_checks = check_expressions(sql or "") + self._geometry_checks()
        # only the columns the expressions mention are sent to SQLite (4 of 21 for a reading)
        named = {m.group(1) for e in self.sql_checks for m in re.finditer(r'"?([A-Za-z_][A-Za-z0-9_]*)"?', e)}
        self.check_columns = [c for c in self.columns if c in named]
        self.times = [c for c in self.columns if is_time_column(c)]
        self.uuids = [c for c in self.columns if is_uuid_column(c)]
        self.vocab = {c: v for (t, c), v in VOCABULARIES.items() if t == table and c in self.columns}
        self.required = [c for c in REQUIRED.get(table, ()) if c in self.columns]
        blobs = [c for c, fn, _ in checks if fn is _blob]
        self.blob_cols = set(blobs)
        # the BLOB that sha256/size describe: the only one, or ``data`` beside a derived one (a photo's thumb)
        hashed = blobs[0] if len(blobs) == 1 else ("data" if "data" in blobs else None)
        self.hashed_blob = hashed if hashed and {"sha256", "size"} <= set(self.columns) else None

    def _geometry_checks(self) -> list[str]:
        """SQL that SpatiaLite evaluates: a readable geometry of the declared type, inside WGS 84 bounds,
        and on a table with lat/lon columns exactly the point they say."""
        out = []
        for col, (srid, gtype) in self.geom.items():
            g = f'GeomFromWKB("{col}", {srid})'
            want = {1: "POINT", 2: "LINESTRING", 3: "POLYGON"}.get(gtype % 1000, "")
            expr = f"{g} IS NOT NULL" + (f" AND GeometryType({g}) = '{want}'" if want else "")
            if srid == 4326:
                expr += f" AND MbrMinX({g}) >= -180 AND MbrMaxX({g}) <= 180 AND MbrMinY({g}) >= -90 AND MbrMaxY({g}) <= 90"
            if want == "POINT" and {"lat", "lon"} <= set(self.columns):
                expr += f" AND X({g}) = lon AND Y({g}) = lat"
            out.append(f'"{col}" IS NULL OR COALESCE({expr}, 0)')
        return out

    def check_row(self, row: dict) -> None:
        """Types, NULLs, times, ids, vocabularies, required text, BLOB hash (the SQL CHECKs run in batches).

        The common case (a value of the expected type) costs one set lookup per column; only odd
        values take the slow path that names what is wrong.
        """
        get = row.get
        for col, fn, ok_types in self._fast:
            v = get(col)
            t = type(v)
            if t not in ok_types or (t is str and not v.isascii()) or (t is float and not math.isfinite(v)) \
                    or (t is int and not INT64[0] <= v <= INT64[1]):
                self._slow(row, col, fn, v)
        ok_time = _time_ok
        for col in self.times:
            v = get(col)
            if v is not None and v not in ok_time:
                stored_time(col, v)
        for col in self.uuids:
            v = get(col)
            if v is not None and v not in _uuid_ok and not _uuid(v):
                raise ValidationError(col, f"{col} {_show(v)} is not an id (UUID)")
        for col, allowed in self.vocab.items():
            if col in row:
                choice(col, get(col), allowed)
        for col in self.required:
            if col in row:
                required(col, get(col))
        if self.hashed_blob and self.hashed_blob in row:
            self._check_hash(row)

    def _slow(self, row: dict, col: str, fn, v) -> None:
        if v is None:
            if col in row and col not in self.nullable:
                raise ValidationError(col, f"{col} is empty but must have a value")
            if col not in row and col in self.notnull:
                raise ValidationError(col, f"{col} is missing")
            return
        fn(col, v)

    def _check_hash(self, row: dict) -> None:
        data = row[self.hashed_blob]
        if type(data) is BlobRef:
            sha, size = data.sha256, data.size
        else:
            import hashlib          # here: OpenSSL is not loaded for the window's start

            sha, size = hashlib.sha256(data).hexdigest(), len(data)
        if row.get("sha256") != sha:
            raise ValidationError("sha256", f"sha256 does not match the {self.hashed_blob} it describes")
        if row.get("size") != size:
            raise ValidationError("size", f"size {row.get('size')} differs from the {size} bytes of {self.hashed_blob}")

    def failing_checks(self, conn, rows: list[dict]) -> tuple[int, str] | None:
        """Evaluate the table's CHECK constraints on ``rows`` in SQLite without writing anything.

        Returns (index of the first failing row, the failing expression) or None. CHECK semantics:
        only a false result fails; NULL passes, as in the table itself.
        """
        if not self.sql_checks or not rows:
            return None
        cols = self.check_columns
        names = ", ".join(f'"{c}"' for c in cols)
        tests = [f"NOT ({e})" for e in self.sql_checks]
        per = len(cols) + 1
        step = max(1, 30000 // per)
        for start in range(0, len(rows), step):
            chunk = rows[start:start + step]
            values = ", ".join(["(" + ", ".join("?" * per) + ")"] * len(chunk))
            params = []
            for i, r in enumerate(chunk):
                params.append(start + i)
                params.extend(map(r.get, cols))
            if self.blob_cols & set(cols):
                params = [None if type(v) is BlobRef else v for v in params]
            sql = (f"WITH t(_i, {names}) AS (VALUES {values}) SELECT _i, {', '.join(tests)} FROM t "
                   f"WHERE {' OR '.join(tests)} LIMIT 1")
            hit = conn.execute(sql, params).fetchone()
            if hit:
                return hit[0], self.sql_checks[next(k for k, f in enumerate(hit[1:]) if f)]
        return None


def column_in(expr: str, columns: list[str]) -> str:
    """The first column an expression mentions (to name the field in a message)."""
    for m in re.finditer(r'"?([A-Za-z_][A-Za-z0-9_]*)"?', expr):
        if m.group(1) in columns:
            return m.group(1)
    return "?"
