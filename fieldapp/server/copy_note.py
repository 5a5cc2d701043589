"""Whether a store is a read-only copy of a server incident, and where it came from.

Its own module, free of the server's imports (psycopg, the sync stack): the main window asks it of
every store it opens, before its first paint."""
from __future__ import annotations

import json

META_KEY = "server_copy"


def copy_note(store) -> dict | None:
    """Where a read-only copy came from ({server, team, incident_uuid, pulled_at}), or None."""
    raw = store.get_meta(META_KEY)
    return json.loads(raw) if raw else None
