"""The one bulk entry point into the server database: COPY, streamed in batches, in one transaction.

Team bundles use it through the merge (PostgresBackend.insert_rows). Data that does not come from
a laptop, such as the national "one map" plan data (river reaches, intakes, sensitive targets),
loads through ``load_rows``: give it a table that a server migration created (fieldapp/server/
migrations) and rows as tuples, geometries as WKB bytes (what GDAL/pyogrio and SpatiaLite's
AsBinary give). A synced table of the store (sync columns, uuid key) travels in bundles instead,
with no code here once its server migration exists.
"""
from __future__ import annotations

from typing import Iterable, Sequence

from .backend import ewkb_hex

BATCH = 20_000


def load_rows(db, table: str, columns: Sequence[str], rows: Iterable[Sequence], *,
              geometry: dict[str, int] | None = None, progress=None) -> int:
    """COPY ``rows`` into ``table`` (all or nothing); ``geometry`` maps geometry columns to their SRID.
    Returns the number of rows stored."""
    geo = [(list(columns).index(c), srid) for c, srid in (geometry or {}).items()]
    names = ", ".join(f'"{c}"' for c in columns)
    n = 0
    with db.transaction():
        batch = []
        for row in rows:
            row = list(row)
            for i, srid in geo:
                if row[i] is not None:
                    row[i] = ewkb_hex(bytes(row[i]), srid)
            batch.append(row)
            if len(batch) >= BATCH:
                n += _flush(db, table, names, batch, progress, n)
                batch = []
        if batch:
            n += _flush(db, table, names, batch, progress, n)
    return n


def _flush(db, table, names, batch, progress, done) -> int:
    with db.conn.cursor().copy(f'COPY "{table}" ({names}) FROM STDIN') as cp:
        for r in batch:
            cp.write_row(r)
    k = len(batch)
    if progress:
        progress(done + k)
    return k
