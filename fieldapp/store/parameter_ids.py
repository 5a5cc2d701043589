"""Filling parameter ids for rows written before the vocabulary knew them (migration 7, and
records that arrive by sync from a peer whose store has no id yet).

Resolution is per distinct (text, medium) pair, so a store with a million readings costs one
vocabulary lookup per spelling, not per row. It is a derived column: versions and change
sequence numbers are not touched, so nothing is re-sent by sync because of it.
"""
from __future__ import annotations

from fieldapp.vocab import resolve_id

_TABLES = ("measurements", "instrument_readings")


def fill_parameter_ids(conn, only_missing: bool = True) -> int:
    """Resolve ``parameter_id`` from ``parameter`` (and the point's medium); returns rows set."""
    changed = 0
    for table in _TABLES:
        where = "WHERE t.parameter_id IS NULL" if only_missing else ""
        pairs = conn.execute(
            f"SELECT DISTINCT t.parameter, COALESCE(p.media, 'water') FROM {table} t "
            f"LEFT JOIN sampling_points p ON p.uuid = t.point_uuid {where}").fetchall()
        for text, medium in pairs:
            pid = resolve_id(text, medium)
            cur = conn.execute(
                f"UPDATE {table} SET parameter_id = ? WHERE parameter = ? AND "
                f"COALESCE((SELECT media FROM sampling_points WHERE uuid = {table}.point_uuid), 'water') = ? "
                + ("AND parameter_id IS NULL" if only_missing else "AND parameter_id IS NOT ?"),
                (pid, text, medium) if only_missing else (pid, text, medium, pid))
            changed += max(cur.rowcount, 0)
    return changed
