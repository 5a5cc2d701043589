"""What is at a store path, found without modifying anything: missing, a folder, an empty file, not
SQLite, an SQLite file of another program, an empty SQLite database, a FieldApp store, or a
FieldApp store that is visibly truncated.

Reading the 100-byte SQLite header (https://www.sqlite.org/fileformat.html#the_database_header)
never writes a byte. Only when SQL is needed (the tables of a foreign file, a store whose header
may still sit in its WAL file) is the file opened, read-only and with no journal recovery.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"
# PRAGMA application_id: 'FAPD'. Lets us tell our stores from any other SQLite file.
APPLICATION_ID = 0x46415044


@dataclass
class Probe:
    kind: str  # missing | folder | empty | not_sqlite | sqlite_empty | foreign | truncated | fieldapp
    size: int = 0
    tables: list[str] = field(default_factory=list)
    detail: str = ""


def _header_numbers(header: bytes) -> tuple[int, int, int, int, int]:
    """(page size, change counter, page count, version-valid-for, application id) from the header."""
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    big = lambda off: int.from_bytes(header[off:off + 4], "big")  # noqa: E731
    return page_size, big(24), big(28), big(92), big(68)


def _tables_read_only(path: Path, immutable: bool) -> list[str]:
    """Table names, read through a read-only connection (immutable: no locks, no WAL, no -shm)."""
    import sqlean

    uri = f"file:{path}?mode=ro" + ("&immutable=1" if immutable else "")
    conn = sqlean.connect(uri, uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    finally:
        conn.close()


def _application_id_read_only(path: Path) -> int:
    import sqlean

    conn = sqlean.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA application_id").fetchone()[0]
    finally:
        conn.close()


def probe(path: str | os.PathLike) -> Probe:
    path = Path(path)
    if not path.exists():
        return Probe("missing")
    if path.is_dir():
        return Probe("folder")
    size = path.stat().st_size
    if size == 0:
        return Probe("empty")
    with open(path, "rb") as fh:
        header = fh.read(100)
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return Probe("not_sqlite", size)
    page_size, counter, pages, valid_for, app_id = _header_numbers(header)
    if app_id != APPLICATION_ID and Path(f"{path}-wal").exists():
        # a store that crashed right after creation may hold page 1 only in its WAL file
        try:
            app_id = _application_id_read_only(path)
        except Exception:  # noqa: BLE001  (any failure: judge by the header alone)
            pass
    if app_id == APPLICATION_ID:
        if valid_for == counter and pages and size < pages * page_size:
            return Probe("truncated", size, detail=f"the file has {size} bytes, its header says "
                                                   f"{pages * page_size}")
        return Probe("fieldapp", size)
    try:
        tables = _tables_read_only(path, immutable=True)
    except Exception as exc:  # noqa: BLE001  (a damaged foreign file is still foreign)
        return Probe("foreign", size, detail=str(exc))
    return Probe("foreign" if tables else "sqlite_empty", size, tables)
