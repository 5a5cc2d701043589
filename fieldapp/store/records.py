"""Record-level operations: incidents, sampling points, samples, custody, measurements, log, attachments.

Input is validated completely BEFORE the transaction opens, so a rejected input never writes
anything. Edits bump ``version`` and keep the sync columns right; deletes are tombstones.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from fieldapp.core.ids import new_uuid
from fieldapp.core.timeutil import now_iso, parse_time
from fieldapp.vocab.errors import VocabError
from fieldapp.vocab.roles import MEDIA, ROLE_CODES, role_prefix
from fieldapp.vocab.standards import check_standard

from .errors import DuplicateCode, NotFound, ValidationError
# The field checks live in validators.py: the sync intake applies the same ones.
from .validators import LOG_KINDS, SAMPLE_STATUS
from .validators import choice as _choice
from .validators import required as _required

# Structured log entries: checklist ticks (migration 8), and entries whose words are rendered in the
# reader's language from entry_args (migration 14): fieldapp.guide.logtext.
LOG_ENTRY_KINDS = ("step_done", "step_undone", "incident_created", "guide_step", "inject", "drill")
# Points listed the way a river is read: control upstream, source, downstream sections, intakes.
_ROLE_ORDER = "CASE role " + " ".join(f"WHEN '{r}' THEN {i}" for i, r in enumerate(ROLE_CODES)) + " END"
_ID_RE = re.compile(r"[a-z][a-z0-9_]{0,63}")
EDITABLE_POINT = ("code", "name", "media", "role", "description", "lat", "lon", "coord_source", "standard")


def _standard(value: str, field: str = "standard") -> str:
    try:
        return check_standard(value)
    except VocabError as exc:
        raise ValidationError(field, str(exc), exc.zh) from None


class RowList(Sequence):
    """Written rows as dicts, made when read: a bulk write of 100,000 rows returns at once, and the
    caller that looks at a row still gets the full dict."""

    def __init__(self, cols: list[str], data: list[tuple]):
        self._cols, self._data = cols, data

    def __len__(self) -> int:
        return len(self._data)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [dict(zip(self._cols, d)) for d in self._data[i]]
        return dict(zip(self._cols, self._data[i]))


class RecordsMixin:
    # ---- generic helpers -----------------------------------------------------------------
    def _insert(self, table: str, row: dict) -> dict:
        cols = list(row)
        self.conn.execute(
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            [row[c] for c in cols])
        return row

    def get(self, table: str, uuid: str, include_deleted: bool = False) -> dict:
        rows = list(self.db.query(f"SELECT * FROM {table} WHERE uuid = ?", [uuid]))
        if not rows or (rows[0].get("deleted") and not include_deleted):
            raise NotFound(code="not_found", params={"value": table, "uuid": uuid})
        row = rows[0]
        row.pop("geom", None)
        return row

    def _update(self, table: str, uuid: str, changes: dict) -> dict:
        ident = self.require_identity()
        sets = dict(changes)
        sets.update(updated_at=now_iso(), updated_by_device=ident.device_id, change_seq=self.current_seq)
        assign = ", ".join(f"{c} = ?" for c in sets)
        cur = self.conn.execute(
            f"UPDATE {table} SET {assign}, version = version + 1 WHERE uuid = ? AND deleted = 0",
            [*sets.values(), uuid])
        if cur.rowcount != 1:
            raise NotFound(code="not_found", params={"value": table, "uuid": uuid})
        return self.get(table, uuid, include_deleted=True)

    def delete(self, table: str, uuid: str) -> None:
        """Soft delete (tombstone): the record stays for sync and can be restored."""
        with self.transaction():
            self._update(table, uuid, {"deleted": 1})

    def restore(self, table: str, uuid: str) -> None:
        ident = self.require_identity()
        with self.transaction():
            self.conn.execute(
                f"UPDATE {table} SET deleted = 0, version = version + 1, updated_at = ?, "
                "updated_by_device = ?, change_seq = ? WHERE uuid = ?",
                (now_iso(), ident.device_id, self.current_seq, uuid))

    # ---- incidents -------------------------------------------------------------------------
    def create_incident(self, name: str, discovered_at: str | None = None, *, code: str = "",
                        kind: str = "", description: str = "", location: str = "",
                        standard: str = "GB3838-III", source_standard: str = "GB3838-source-II",
                        is_demo: bool = False, scenario_id: str | None = None, pollutant_id: str = "",
                        is_drill: bool = False, drill_scenario: str = "") -> dict:
        """``scenario_id`` defaults to the kind's typical scenario (fieldapp.vocab.incidents)."""
        from fieldapp.vocab.incidents import KIND_CODES, scenario_for_kind

        name = _required("name", name)
        if kind:
            _choice("kind", kind, KIND_CODES)
        scenario_id = scenario_for_kind(kind) or "" if scenario_id is None else scenario_id
        when = parse_time(discovered_at or now_iso(), "discovered_at")
        standard, source_standard = _standard(standard), _standard(source_standard, "source_standard")
        with self.transaction():
            if not code:
                n = self.conn.execute("SELECT COUNT(*) FROM incidents").fetchone()[0] + 1
                code = f"{when[:10].replace('-', '')}-{n:02d}"
            row = {**self.new_meta(), "code": code, "name": name, "kind": kind,
                   "description": description, "location": location, "discovered_at": when,
                   "standard": standard, "source_standard": source_standard, "is_demo": int(is_demo),
                   "scenario_id": scenario_id, "pollutant_id": pollutant_id or "", "is_drill": int(is_drill),
                   "drill_scenario": drill_scenario}
            self._insert("incidents", row)
            self._log_now(row["uuid"], "system", f"incident created: {name}", entry_kind="incident_created",
                          entry_args={"name": name})
        return row

    def list_incidents(self) -> list[dict]:
        return list(self.db.query(
            "SELECT * FROM incidents WHERE deleted = 0 ORDER BY discovered_at DESC"))

    def last_incident(self) -> dict | None:
        """The incident last worked on (remembered in meta), else the newest one."""
        last = self.get_meta("last_incident")
        if last:
            try:
                return self.get("incidents", last)
            except NotFound:
                pass
        rows = self.list_incidents()
        return rows[0] if rows else None

    def update_incident(self, uuid: str, **changes) -> dict:
        allowed = {"name", "kind", "description", "location", "status", "standard", "source_standard",
                   "discovered_at", "scenario_id", "pollutant_id", "area_radius_m"}
        bad = set(changes) - allowed
        if bad:
            raise ValidationError(sorted(bad)[0], code="cannot_change")
        for key in ("standard", "source_standard"):
            if key in changes:
                changes[key] = _standard(changes[key], key)
        if "discovered_at" in changes:
            changes["discovered_at"] = parse_time(changes["discovered_at"], "discovered_at")
        with self.transaction():
            return self._update("incidents", uuid, changes)

    # ---- sampling points -------------------------------------------------------------------
    def next_point_code(self, incident_uuid: str, role: str = "other") -> str:
        prefix = role_prefix(role)
        codes = [r[0] for r in self.conn.execute(
            "SELECT code FROM sampling_points WHERE incident_uuid = ? AND deleted = 0 AND code LIKE ?",
            (incident_uuid, f"{prefix}-%"))]
        nums = [int(c.split("-", 1)[1]) for c in codes if c.split("-", 1)[1].isdigit()]
        return f"{prefix}-{(max(nums) + 1 if nums else 1):02d}"

    def _check_point(self, incident_uuid: str, fields: dict, exclude: str | None = None) -> dict:
        from fieldapp.core.coords import parse_angle

        out = dict(fields)
        if "media" in out:
            out["media"] = _choice("media", out["media"], MEDIA)
        if "role" in out:
            out["role"] = _choice("role", out["role"], ROLE_CODES)
        if out.get("standard"):
            out["standard"] = _standard(out["standard"])
        for axis in ("lat", "lon"):
            if axis in out:
                out[axis] = parse_angle(str(out[axis]), axis)
        if "code" in out:
            out["code"] = _required("code", out["code"])
            dup = self.conn.execute(
                "SELECT uuid FROM sampling_points WHERE incident_uuid = ? AND code = ? AND deleted = 0 "
                "AND uuid IS NOT ?", (incident_uuid, out["code"], exclude)).fetchone()
            if dup:
                raise DuplicateCode("code", code="duplicate_code", params={"value": out["code"]})
        return out

    def add_point(self, incident_uuid: str, lat, lon, *, code: str = "", name: str = "",
                  media: str = "water", role: str = "other", description: str = "",
                  coord_source: str = "typed", standard: str = "") -> dict:
        self.get("incidents", incident_uuid)
        with self.transaction():
            code = code.strip() or self.next_point_code(incident_uuid, role)
            f = self._check_point(incident_uuid, {"code": code, "media": media, "role": role,
                                                  "lat": lat, "lon": lon, "standard": standard})
            row = {**self.new_meta(), "incident_uuid": incident_uuid, "name": name.strip(),
                   "description": description, "coord_source": coord_source, **f}
            self._insert_point(row)
        return row

    def _insert_point(self, row: dict) -> None:
        cols = [c for c in row if c != "geom"]
        self.conn.execute(
            f"INSERT INTO sampling_points ({', '.join(cols)}, geom) VALUES "
            f"({', '.join('?' * len(cols))}, MakePoint(?, ?, 4326))",
            [row[c] for c in cols] + [row["lon"], row["lat"]])

    def update_point(self, uuid: str, **changes) -> dict:
        bad = set(changes) - set(EDITABLE_POINT)
        if bad:
            raise ValidationError(sorted(bad)[0], code="cannot_change")
        cur = self.get("sampling_points", uuid)
        f = self._check_point(cur["incident_uuid"], changes, exclude=uuid)
        with self.transaction():
            row = self._update("sampling_points", uuid, f)
            if "lat" in f or "lon" in f:
                self.conn.execute("UPDATE sampling_points SET geom = MakePoint(lon, lat, 4326) "
                                  "WHERE uuid = ?", (uuid,))
        return row

    def list_points(self, incident_uuid: str) -> list[dict]:
        return list(self.db.query(
            "SELECT uuid, code, name, media, role, standard, description, lat, lon, coord_source, created_at, "
            "updated_at, created_by_team, version FROM sampling_points "
            "WHERE incident_uuid = ? AND deleted = 0 ORDER BY " + _ROLE_ORDER + ", code", [incident_uuid]))

    def points_within(self, lat: float, lon: float, radius_m: float, use_index: bool = True) -> list[str]:
        """UUIDs of live points within radius_m metres (geodesic) of (lat, lon)."""
        if use_index:
            # The R*Tree prefilter works in degrees: a bounding box a bit larger than the circle.
            deg = radius_m / 111_000 * 1.1
            sql = ("SELECT uuid FROM sampling_points WHERE deleted = 0 AND ROWID IN ("
                   " SELECT ROWID FROM SpatialIndex WHERE f_table_name = 'sampling_points'"
                   " AND search_frame = BuildCircleMbr(?, ?, ?, 4326))"
                   " AND PtDistWithin(geom, MakePoint(?, ?, 4326), ?, 1)")
            lat_scale = max(0.2, __import__("math").cos(__import__("math").radians(lat)))
            params = [lon, lat, deg / lat_scale, lon, lat, radius_m]
        else:
            sql = ("SELECT uuid FROM sampling_points WHERE deleted = 0 "
                   "AND PtDistWithin(geom, MakePoint(?, ?, 4326), ?, 1)")
            params = [lon, lat, radius_m]
        return [r[0] for r in self.conn.execute(sql, params)]

    # ---- samples & custody -----------------------------------------------------------------
    def add_sample(self, point_uuid: str, *, sample_code: str = "", matrix: str = "water",
                   collected_at: str | None = None, collected_by: str = "", depth_m=None,
                   container: str = "", preservative: str = "", status: str = "collected") -> dict:
        point = self.get("sampling_points", point_uuid)
        when = parse_time(collected_at or now_iso(), "collected_at")
        _choice("matrix", matrix, MEDIA)
        _choice("status", status, SAMPLE_STATUS)
        if depth_m not in (None, ""):
            try:
                depth_m = float(depth_m)
            except ValueError:
                raise ValidationError("depth_m", code="not_number", params={"value": depth_m}) from None
            if depth_m < 0:
                raise ValidationError("depth_m", code="negative")
        else:
            depth_m = None
        with self.transaction():
            if not sample_code:
                n = self.conn.execute("SELECT COUNT(*) FROM samples WHERE point_uuid = ?",
                                      (point_uuid,)).fetchone()[0] + 1
                sample_code = f"{point['code']}-{when[:10].replace('-', '')[2:]}-{n:02d}"
            if self.conn.execute("SELECT 1 FROM samples WHERE incident_uuid = ? AND sample_code = ? "
                                 "AND deleted = 0", (point["incident_uuid"], sample_code)).fetchone():
                raise DuplicateCode("sample_code", code="duplicate_sample", params={"value": sample_code})
            row = {**self.new_meta(), "incident_uuid": point["incident_uuid"], "point_uuid": point_uuid,
                   "sample_code": sample_code, "matrix": matrix, "collected_at": when,
                   "collected_by": collected_by, "depth_m": depth_m, "container": container,
                   "preservative": preservative, "status": status}
            self._insert("samples", row)
        return row

    def list_samples(self, point_uuid: str) -> list[dict]:
        return list(self.db.query("SELECT * FROM samples WHERE point_uuid = ? AND deleted = 0 "
                                  "ORDER BY collected_at", [point_uuid]))

    def add_custody_event(self, sample_uuid: str, from_party: str, to_party: str, *,
                          at: str | None = None, place: str = "", condition: str = "",
                          note: str = "", new_status: str | None = None) -> dict:
        self.get("samples", sample_uuid)
        from_party, to_party = _required("from_party", from_party), _required("to_party", to_party)
        when = parse_time(at or now_iso(), "at")
        if new_status:
            _choice("status", new_status, SAMPLE_STATUS)
        with self.transaction():
            row = {**self.new_meta(), "sample_uuid": sample_uuid, "from_party": from_party,
                   "to_party": to_party, "at": when, "place": place, "condition": condition, "note": note}
            self._insert("custody_events", row)
            if new_status:
                self._update("samples", sample_uuid, {"status": new_status})
        return row

    def list_custody(self, sample_uuid: str) -> list[dict]:
        return list(self.db.query("SELECT * FROM custody_events WHERE sample_uuid = ? ORDER BY at",
                                  [sample_uuid]))

    # ---- measurements ----------------------------------------------------------------------
    def prepare_measurement(self, point: dict, parameter: str, value, unit: str, *, qualifier: str = "",
                            measured_at: str | None = None, sample_uuid: str | None = None,
                            method: str = "", instrument: str = "", entered_by: str = "",
                            source: str = "manual", media: str | None = None) -> dict:
        """Validate and normalise one measurement without writing it (used by add_measurements).

        The parameter id is resolved here, once, from the text as typed; the unit must fit the
        parameter and the point's medium (the one vocabulary, fieldapp.vocab, decides both)."""
        from fieldapp.vocab.measure import normalise_measurement   # the parameters and units: loaded on first use

        parameter = _required("parameter", parameter)
        try:
            m = normalise_measurement(parameter, value, unit, qualifier or None,
                                      medium=media or point.get("media") or "water")
        except VocabError as exc:
            raise ValidationError.from_vocab(exc) from None
        return {"incident_uuid": point["incident_uuid"], "point_uuid": point["uuid"],
                "sample_uuid": sample_uuid, "parameter": parameter,
                "parameter_id": m.parameter.id if m.parameter else None,
                "value": m.value, "unit": m.unit, "value_orig": m.value_text, "unit_orig": m.unit_text,
                "qualifier": m.qualifier, "method": method, "instrument": instrument,
                "measured_at": parse_time(measured_at or now_iso(), "measured_at"),
                "entered_by": entered_by, "source": source}

    def add_measurement(self, point_uuid: str, parameter: str, value, unit: str, **kw) -> dict:
        point = self.get("sampling_points", point_uuid)
        return self.add_measurements([self.prepare_measurement(point, parameter, value, unit, **kw)])[0]

    def add_measurements(self, prepared: list[dict]) -> list[dict]:
        """Write many prepared measurements in one transaction with one executemany."""
        if not prepared:
            return []
        with self.transaction():
            meta = self.new_meta()
            pcols = list(prepared[0])
            cols = ["uuid"] + [c for c in meta if c != "uuid"] + pcols
            fixed = tuple(meta[c] for c in cols[1:len(meta)])
            data = [(new_uuid(), *fixed, *[p[c] for c in pcols]) for p in prepared]
            self.conn.executemany(
                f"INSERT INTO measurements ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", data)
        return RowList(cols, data)

    def check_measurement_row(self, row: dict, media: str) -> None:
        """A stored measurement (e.g. arriving in a sync bundle) must be what ``prepare_measurement``
        makes of its typed value and unit: same normalised value, unit and qualifier. Its parameter
        id is derived data: None or a well-formed id (a newer peer may know ids this vocabulary does
        not; they are kept, and shown as typed)."""
        if type(row.get("value_orig")) is not str or type(row.get("unit_orig")) is not str:
            raise ValidationError("value_orig", "value_orig and unit_orig must be the typed text")
        pid = row.get("parameter_id")
        if pid is not None and not (type(pid) is str and _ID_RE.fullmatch(pid)):
            raise ValidationError("parameter_id", f"parameter_id {pid!r} is not a parameter id")
        point = {"uuid": row.get("point_uuid"), "incident_uuid": row.get("incident_uuid"), "media": media}
        made = self.prepare_measurement(point, row.get("parameter"), row["value_orig"], row["unit_orig"],
                                        qualifier=row.get("qualifier") or "", media=media)
        value = row.get("value")
        if made["value"] is None or value is None:
            same = made["value"] is value
        else:
            same = abs(made["value"] - value) <= 1e-9 * max(1.0, abs(value))
        for field, ok in (("value", same), ("unit", made["unit"] == row.get("unit")),
                          ("qualifier", made["qualifier"] == row.get("qualifier"))):
            if not ok:
                raise ValidationError(field, f"{field} {row.get(field)!r} is not what "
                                      f"{row['value_orig']!r} {row['unit_orig']!r} gives ({made[field]!r})")

    def list_measurements(self, point_uuid: str | None = None, incident_uuid: str | None = None) -> list[dict]:
        if point_uuid:
            where, arg = "m.point_uuid = ?", point_uuid
        else:
            where, arg = "m.incident_uuid = ?", incident_uuid
        return list(self.db.query(
            "SELECT m.*, p.code AS point_code, p.role AS point_role, s.sample_code FROM measurements m "
            "JOIN sampling_points p ON p.uuid = m.point_uuid LEFT JOIN samples s ON s.uuid = m.sample_uuid "
            f"WHERE {where} AND m.deleted = 0 ORDER BY m.measured_at DESC, m.parameter", [arg]))

    # ---- incident log & attachments --------------------------------------------------------
    def _log_now(self, incident_uuid: str, kind: str, text: str, who: str = "", at: str | None = None,
                 entry_kind: str = "", step_id: str | None = None, entry_args: dict | None = None):
        import json

        row = {**self.new_meta(), "incident_uuid": incident_uuid, "at": at or now_iso(),
               "kind": kind, "text": text, "who": who or self.require_identity().team}
        if entry_kind:      # structured entry (migrations 8, 14): what it is, not only how it reads
            row.update(entry_kind=entry_kind, step_id=step_id)
        if entry_args:
            row["entry_args"] = json.dumps(entry_args, ensure_ascii=False, sort_keys=True)
        return self._insert("incident_log", row)

    def log(self, incident_uuid: str, kind: str, text: str, who: str = "", at: str | None = None, *,
            entry_kind: str = "", step_id: str | None = None, entry_args: dict | None = None) -> dict:
        """Append to the incident log. ``entry_kind``/``step_id`` mark a structured entry (a
        checklist tick: 'step_done'/'step_undone' and '<scenario>/<step>')."""
        _choice("kind", kind, LOG_KINDS)
        text = _required("text", text)
        if entry_kind:
            _choice("entry_kind", entry_kind, LOG_ENTRY_KINDS)
            if entry_kind in ("step_done", "step_undone", "guide_step"):
                _required("step_id", step_id)
        when = parse_time(at, "at") if at else None
        with self.transaction():
            return self._log_now(incident_uuid, kind, text, who, when, entry_kind, step_id, entry_args)

    def list_log(self, incident_uuid: str) -> list[dict]:
        return list(self.db.query("SELECT * FROM incident_log WHERE incident_uuid = ? ORDER BY at",
                                  [incident_uuid]))

    def add_attachment(self, incident_uuid: str, owner_table: str, owner_uuid: str,
                       path: str | Path, caption: str = "", *, data: bytes | None = None,
                       extra: dict | None = None) -> dict:
        """``data``: the bytes when already read; ``extra``: photo columns (migration 15: taken_at,
        lat, lon, thumb, in_report; fieldapp.photos fills them)."""
        p = Path(path)
        if data is None and not p.is_file():
            raise ValidationError("path", code="not_a_file", params={"value": str(p)})
        import hashlib     # here, not at import: OpenSSL is ~4 ms of the window's start
        import mimetypes

        data = p.read_bytes() if data is None else data
        with self.transaction():
            row = {**self.new_meta(), "incident_uuid": incident_uuid, "owner_table": owner_table,
                   "owner_uuid": owner_uuid, "filename": p.name,
                   "mime": mimetypes.guess_type(p.name)[0] or "application/octet-stream",
                   "sha256": hashlib.sha256(data).hexdigest(), "size": len(data), "caption": caption,
                   "data": data, **(extra or {})}
            self._insert("attachments", row)
        return {k: v for k, v in row.items() if k != "data"}
