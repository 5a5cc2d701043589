"""Photos in the store: attachments with their EXIF time and position and a thumbnail
(migration 15); which ones go into reports (``in_report``)."""
from __future__ import annotations

import base64
from pathlib import Path

from .exif import PhotoError, read_photo, thumbnail

OWNERS = ("sampling_points", "samples", "incident_log")


def add_photo(store, incident_uuid: str, owner_table: str, owner_uuid: str, path: str | Path,
              caption: str = "", in_report: bool = False) -> dict:
    """Attach a photo file (read once: EXIF and thumbnail made before the transaction opens)."""
    from fieldapp.store import ValidationError

    if owner_table not in OWNERS:
        raise ValidationError("owner_table", code="choice", params={"value": owner_table})
    p = Path(path)
    if not p.is_file():
        raise ValidationError("path", code="not_a_file", params={"value": str(p)})
    data = p.read_bytes()
    try:
        info, thumb = read_photo(data), thumbnail(data)
    except PhotoError as exc:
        raise ValidationError("path", f"{p.name}: {exc}", f"{p.name}：无法读取的图片") from None
    return store.add_attachment(incident_uuid, owner_table, owner_uuid, p, caption, data=data,
                                extra={"taken_at": info.taken_at, "lat": info.lat, "lon": info.lon,
                                       "thumb": thumb, "in_report": int(in_report), "mime": info.mime})


def list_photos(store, owner_table: str | None = None, owner_uuid: str | None = None,
                incident_uuid: str | None = None) -> list[dict]:
    """Photos (without their full bytes) of an owner, or of a whole incident, oldest first."""
    where, args = ["deleted = 0", "thumb IS NOT NULL"], []
    if owner_uuid:
        where += ["owner_table = ?", "owner_uuid = ?"]
        args += [owner_table, owner_uuid]
    if incident_uuid:
        where.append("incident_uuid = ?")
        args.append(incident_uuid)
    return list(store.db.query(
        "SELECT uuid, incident_uuid, owner_table, owner_uuid, filename, mime, caption, taken_at, lat, lon, "
        f"thumb, in_report, created_at FROM attachments WHERE {' AND '.join(where)} "
        "ORDER BY COALESCE(taken_at, created_at)", args))


def set_in_report(store, uuid: str, chosen: bool) -> dict:
    with store.transaction():
        return store._update("attachments", uuid, {"in_report": int(chosen)})


def thumbnail_uris(store, point_uuid: str, limit: int = 3) -> list[str]:
    """The map popup's hook: a point's first thumbnails as data: URIs (the map stays offline)."""
    rows = list_photos(store, "sampling_points", point_uuid)[:limit]
    return ["data:image/jpeg;base64," + base64.b64encode(r["thumb"]).decode() for r in rows]


def report_photos(store, incident_uuid: str) -> list[dict]:
    """The reports' hook: the photos chosen for reports, with their full bytes and owner's code."""
    rows = [r for r in list_photos(store, incident_uuid=incident_uuid) if r["in_report"]]
    for r in rows:
        r["data"] = store.conn.execute("SELECT data FROM attachments WHERE uuid = ?", (r["uuid"],)).fetchone()[0]
        code = store.conn.execute("SELECT code FROM sampling_points WHERE uuid = ?", (r["owner_uuid"],)).fetchone()
        r["point_code"] = code[0] if code else ""
    return rows
