"""A real PostgreSQL + PostGIS for the server tests: one throwaway cluster for the whole session
(initdb/pg_ctl in a temporary folder, Unix socket only; as root through runuser as `postgres`),
stopped at the end. Each test gets its own database, copied from an initialised template.

The tests skip only when the PostgreSQL binaries are really absent, and never in CI
(CI=true), where scripts/setup.sh --test installs them: there a missing server is a failure.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "sync"))  # sync_helpers: laptops, bundles

from fieldapp.server.localcluster import LocalCluster, missing_reason  # noqa: E402
from server_helpers import database_name  # noqa: E402


@pytest.fixture(scope="session")
def pg_cluster():
    reason = missing_reason()
    if reason:
        if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
            pytest.fail(f"server tests need PostgreSQL in CI: {reason}")
        pytest.skip(reason)
    cluster = LocalCluster().start()
    try:
        from fieldapp.server.connection import init_server

        db, _ = init_server(cluster.create_database("wg_template"), team="部工作组", unit="生态环境部工作组",
                            device="wg-server")
        db.close()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def server_url(pg_cluster):
    """A fresh, initialised server database (a copy of the template: same schema, identity and key)."""
    import psycopg

    name = database_name("wg")
    with psycopg.connect(pg_cluster.url(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE wg_template')
    return pg_cluster.url(name)


@pytest.fixture
def server(server_url):
    from fieldapp.server.connection import open_server

    db = open_server(server_url)
    yield db
    db.close()
