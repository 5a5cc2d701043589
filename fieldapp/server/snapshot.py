"""One server incident as a read-only SpatiaLite copy: what the desktop app opens and the
consolidated report is built from.

Decision: the app's panels, map and reports read a SpatiaLite store (SpatiaLite SQL, the session's
read connection), so a server incident is pulled into one rather than re-implementing every view
for PostgreSQL. The pull uses the sync protocol end to end: the server writes a signed bundle of
that incident (fieldapp.sync.export_bundle on the PostGIS adapter), a fresh store trusting only the
server's key imports it with the same verification and merge as any laptop, and the copy is then
opened read-only (the session refuses every write, with the reason). ``meta.server_copy`` says
where and when it came from; the window shows it. Pull again for newer data.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from fieldapp.core.timeutil import now_iso
from fieldapp.sync import import_bundle, keys

from .connection import _safe
from .copy_note import META_KEY, copy_note  # noqa: F401 (copy_note: part of this module's API)
from .exporter import export_for_team, incident_uuids



def cache_dir() -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "fieldapp" / "server"


def pull_incident(db, code: str, folder: str | Path | None = None, *, source: str = "") -> Path:
    """Write a read-only copy of incident ``code`` (code or uuid) under ``folder``; returns its path."""
    from fieldapp.store import open_store

    (uuid,) = incident_uuids(db, [code])
    folder = Path(folder or cache_dir())
    folder.mkdir(parents=True, exist_ok=True)
    ident = db.require_identity()
    stamp = now_iso()
    path = folder / f"{_file_safe(code)}-{stamp.replace(':', '').replace('.', '')[:15]}.sqlite"
    with tempfile.TemporaryDirectory(prefix="fieldapp-pull-") as tmp:
        bundle = Path(tmp) / "incident.fab"
        export_for_team(db, bundle, incidents=[uuid], include_drills=True)  # a drill is viewed as one (marked)
        store = open_store(path, create=True)
        try:
            store.set_identity(ident.unit or ident.team, f"{ident.team} (read-only copy)", "server-viewer")
            keys.trust(store, keys.public_hex(db), team=ident.team, device=ident.device, device_id=ident.device_id,
                       how="server")
            import_bundle(store, bundle)
            store.set_meta(META_KEY, json.dumps({"server": _safe(source) if source else "", "team": ident.team,
                                                 "incident_uuid": uuid, "pulled_at": stamp}, ensure_ascii=False))
            store.set_meta("last_incident", uuid)
        finally:
            store.close()
    os.chmod(path, 0o444)  # a copy: nobody should take it for the team's own store
    return path


def server_incidents(target: str) -> list[dict]:
    """The incidents on the server at ``target`` (for the window's "open a server incident")."""
    from .connection import open_server
    from .status import incidents

    with open_server(target) as db:
        return incidents(db)


def pull_from(target: str, code: str, folder: str | Path | None = None) -> Path:
    """Connect to ``target`` and pull a read-only copy of incident ``code``."""
    from .connection import open_server

    with open_server(target) as db:
        return pull_incident(db, code, folder, source=target)


def open_copy(path: str | Path):
    from fieldapp.store import open_store

    return open_store(path, read_only=True)


def _file_safe(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in text)[:40] or "incident"
