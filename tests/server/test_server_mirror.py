"""The server mirrors the store: every synced table and column with a matching type, NOT NULL where
the store has it, and a server missing a column refuses to work naming it."""
from __future__ import annotations

import pytest

from fieldapp.server.errors import ServerSchemaBehind
from fieldapp.sync.schema import synced_tables

PG_TYPE = {"TEXT": "text", "INTEGER": "bigint", "REAL": "double precision", "BLOB": "bytea",
           "POINT": "USER-DEFINED", "LINESTRING": "USER-DEFINED"}


def test_every_synced_column_is_on_the_server_with_its_type(server):
    pg = {(t, c): (typ, nullable) for t, c, typ, nullable in server.conn.execute(
        "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns "
        "WHERE table_schema = 'public'").fetchall()}
    for table in synced_tables(server.schema):
        for _, col, decl, notnull, _default, _pk in server.schema.execute(f'PRAGMA table_info("{table}")'):
            assert (table, col) in pg, f"{table}.{col} is missing on the server: add a server migration"
            typ, nullable = pg[(table, col)]
            assert typ == PG_TYPE[decl.upper()], (table, col, decl, typ)
            assert (nullable == "NO") == bool(notnull or col == "uuid"), (table, col)


def test_geometry_columns_are_typed_and_indexed(server):
    cols = {(t, c): (typ, srid) for t, c, typ, srid in server.conn.execute(
        "SELECT f_table_name, f_geometry_column, type, srid FROM geometry_columns WHERE f_table_schema = 'public'")}
    assert cols == {("sampling_points", "geom"): ("POINT", 4326), ("map_sites", "geom"): ("POINT", 4326),
                    ("map_rivers", "geom"): ("LINESTRING", 4326)}
    gist = {r[0] for r in server.conn.execute("SELECT tablename FROM pg_indexes WHERE indexdef LIKE '%USING gist%'")}
    assert {"sampling_points", "map_sites", "map_rivers"} <= gist


def test_server_without_a_store_column_refuses_naming_it(server_url, server):
    from fieldapp.server.connection import open_server

    server.conn.execute("ALTER TABLE measurements DROP COLUMN parameter_id CASCADE")
    with pytest.raises(ServerSchemaBehind, match="measurements lacks column.*parameter_id"):
        open_server(server_url)
