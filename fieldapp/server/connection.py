"""Connecting to the working group's PostGIS database: a libpq URL or service name, psycopg 3.

``target`` is anything libpq understands: ``postgresql://user@host/db``, ``host=… dbname=…``, or a
service from ~/.pg_service.conf (``service=wg`` or just ``wg``). Passwords come from ~/.pgpass or
PGPASSWORD as libpq reads them; FieldApp never stores one. ``$FIELDAPP_SERVER`` is the default.
"""
from __future__ import annotations

import json
import os
import re
import uuid as uuidlib

from fieldapp.core.timeutil import now_iso

from . import migrations
from .errors import ServerError, ServerNotInitialised, ServerUnreachable

ENV = "FIELDAPP_SERVER"


def conninfo(target: str | None) -> str:
    target = (target or os.environ.get(ENV) or "").strip()
    if not target:
        raise ServerError("no server given: use --db URL (e.g. postgresql://analyst@wg-server/fieldapp), a "
                          f"service name from ~/.pg_service.conf, or set ${ENV}",
                          "未指定服务器：请填写地址（如 postgresql://analyst@wg-server/fieldapp）或 ~/.pg_service.conf 中的服务名")
    if "=" in target or "://" in target:
        return target
    if re.fullmatch(r"[A-Za-z0-9_.-]+", target):
        return f"service={target}"
    raise ServerError(f"{target!r} is neither a postgresql:// URL, nor key=value settings, nor a service name",
                      f"“{target}”不是 postgresql:// 地址、key=value 设置或服务名")


def connect(target: str | None):
    import psycopg

    info = conninfo(target)
    try:
        conn = psycopg.connect(info, autocommit=True, connect_timeout=10, application_name="fieldapp")
    except psycopg.OperationalError as exc:
        first = (str(exc).strip().splitlines() or ["no answer"])[-1 if "FATAL" not in str(exc) else 0]
        raise ServerUnreachable(f"cannot connect to the server ({_safe(info)}): {first}",
                                f"无法连接服务器（{_safe(info)}）：请核对地址、网络和服务器是否运行。详情：{first}") from None
    except psycopg.ProgrammingError as exc:
        raise ServerError(f"the server address {_safe(info)!r} is not valid: {exc}",
                          f"服务器地址“{_safe(info)}”无效：{exc}") from None
    return conn


def _safe(info: str) -> str:
    """The connection string without a password in it (for messages)."""
    info = re.sub(r"(password=)\S+", r"\1***", info)
    return re.sub(r"(://[^:/@]+):[^@]+@", r"\1:***@", info)


def open_server(target: str | None, *, check: bool = True):
    """A PostgresBackend on an initialised server (schema current, identity set)."""
    from .backend import PostgresBackend
    from .schema import check_mirror, open_reference

    conn = connect(target)
    try:
        done = migrations.applied(conn)
        if not done:
            raise ServerNotInitialised("this database has no FieldApp schema yet: run `fieldapp server init` on it",
                                       "该数据库尚未建立 FieldApp 结构：请先在其上运行 `fieldapp server init`")
        if max(done) < migrations.newest():
            raise ServerNotInitialised(f"the server schema is at {max(done)}, this FieldApp needs "
                                       f"{migrations.newest()}: run `fieldapp server init` to upgrade it",
                                       f"服务器结构版本为 {max(done)}，本版 FieldApp 需要 {migrations.newest()}："
                                       "请运行 `fieldapp server init` 升级")
        db = PostgresBackend(conn, open_reference())
        if check:
            check_mirror(conn, db.schema)
            db.require_identity()
        return db
    except BaseException:
        conn.close()
        raise


def init_server(target: str | None, *, team: str, unit: str = "", device: str = "server") -> tuple[object, list]:
    """Create or upgrade the schema (idempotent) and set the working group's identity the first time."""
    from fieldapp.sync import keys

    conn = connect(target)
    try:
        ran = migrations.run(conn, now_iso())
    except BaseException:
        conn.close()
        raise
    conn.close()
    db = open_server(target, check=False)
    old = db.identity
    if old is None or team:
        if not (team or (old and old.team)):
            db.close()
            raise ServerError("the server needs a team name the first time: --team 部工作组")
        ident = {"unit": unit or (old.unit if old else ""), "team": team or old.team,
                 "device": device or (old.device if old else "server"), "members": [],
                 "device_id": old.device_id if old else str(uuidlib.uuid4())}
        db.set_meta("identity", json.dumps(ident, ensure_ascii=False))
    keys.signing_key(db)  # made now, kept in the server's meta table
    return db, ran
