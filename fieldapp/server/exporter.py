"""Bundles from the server back to the teams: fieldapp.sync.export_bundle on the PostgreSQL adapter.

The same protocol as a laptop's: ``serial`` counts the bundles written to a peer, ``holds`` tells
every team which of its changes the server holds (its acknowledgement), ``--incremental`` starts
after the last bundle written to that peer, ``--resend`` from what the peer confirmed holding,
``--since N`` from a change number. ``incidents`` limits a bundle to some incidents (a one-off: it
does not move the peer's position).
"""
from __future__ import annotations

from fieldapp.sync import export_bundle

from .errors import ServerError


def incident_uuids(db, codes: list[str] | None) -> list[str] | None:
    if not codes:
        return None
    out = []
    for code in codes:
        rows = db.execute("SELECT uuid FROM incidents WHERE (code = ? OR uuid = ?) AND deleted = 0",
                          (code, code)).fetchall()
        if not rows:
            raise ServerError(f"no incident {code} on the server; see `fieldapp server status`",
                              f"服务器上没有事件 {code}")
        if len(rows) > 1:
            raise ServerError(f"{len(rows)} incidents are called {code} on the server: give its uuid",
                              f"服务器上有 {len(rows)} 个事件编号为 {code}：请给出其 uuid")
        out.append(rows[0][0])
    return out


def export_for_team(db, path, *, peer=None, incremental=False, since=None, resend=False, incidents=None,
                    seal_to=None, progress=None, include_drills: bool = False) -> dict:
    return export_bundle(db, path, peer=peer, incremental=incremental, since=since, resend=resend,
                         incidents=incident_uuids(db, incidents), seal_to=seal_to, progress=progress,
                         include_drills=include_drills)
