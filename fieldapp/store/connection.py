"""Opening a SQLite connection with SpatiaLite loaded and durable settings.

The stdlib ``sqlite3`` of many Python builds cannot load extensions, so FieldApp uses sqlean-py
(SQLite 3.50 wheels, same DB-API) and loads mod_spatialite from the system (Debian package
libsqlite3-mod-spatialite), or from the PyInstaller bundle directory when frozen.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import sqlean

from .errors import NotAFieldAppStore, StoreError, StoreReadOnly

# PRAGMA application_id: 'FAPD'. Lets us tell our stores from any other SQLite file.
APPLICATION_ID = 0x46415044

_SPATIALITE_CANDIDATES = (
    "/usr/lib/x86_64-linux-gnu/mod_spatialite.so",
    "/usr/lib/aarch64-linux-gnu/mod_spatialite.so",
    "/usr/lib/mod_spatialite.so",
    "/usr/local/lib/mod_spatialite.so",
    "/opt/homebrew/lib/mod_spatialite.dylib",
    "/usr/local/lib/mod_spatialite.dylib",
)


def find_spatialite() -> str:
    """Path of mod_spatialite: bundled copy first (frozen app), then the usual system places."""
    if getattr(sys, "frozen", False):
        bundled = Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "mod_spatialite.so.7"
        if bundled.exists():
            return str(bundled)
    env = os.environ.get("FIELDAPP_SPATIALITE")
    if env:
        return env
    for cand in _SPATIALITE_CANDIDATES:
        if os.path.exists(cand):
            return cand
    from sqlite_utils.utils import find_spatialite as su_find

    found = su_find()
    if found:
        return found
    raise StoreError(
        "SpatiaLite (mod_spatialite) is not installed. On Debian/Ubuntu: "
        "sudo apt-get install libsqlite3-mod-spatialite"
    )


_PRELOADED = False
# Wheels that bundle their own GDAL / PROJ / GEOS. SQLite loads mod_spatialite with RTLD_GLOBAL, so
# the system's libproj/libgeos it links become the process's global symbols; a bundled library
# loaded after that binds to them instead of its own copy and crashes (segfault in the first GDAL
# read, or at exit). Loaded first, each keeps its own.
_GEO_WHEELS = ("pyogrio", "pyproj", "shapely")


def preload_geo_libraries() -> None:
    """Import the GDAL/PROJ/GEOS wheels before the first mod_spatialite load (~0.2 s, once)."""
    global _PRELOADED
    if _PRELOADED:
        return
    import importlib

    for name in _GEO_WHEELS:
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    _PRELOADED = True


def connect(path: str | os.PathLike, read_only: bool = False) -> sqlean.Connection:
    """Open ``path`` with SpatiaLite loaded, WAL journal, FULL sync, foreign keys on.

    The connection is in autocommit mode (``isolation_level=None``): the store opens explicit
    transactions itself, so nothing commits behind its back.
    """
    path = Path(path)
    if path.exists() and path.is_dir():
        raise NotAFieldAppStore(f"{path} is a folder, not a FieldApp store file")
    if read_only:
        if not path.exists():
            raise StoreError(f"{path} does not exist")
        conn = sqlean.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None,
                              check_same_thread=False)
    else:
        if not path.parent.exists():
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreReadOnly(f"cannot create the folder {path.parent}: {exc.strerror}") from exc
        try:
            conn = sqlean.connect(str(path), isolation_level=None, check_same_thread=False)
        except sqlean.OperationalError as exc:
            raise StoreReadOnly(f"cannot open {path} for writing: {exc}") from exc
    try:
        conn.execute("PRAGMA schema_version").fetchone()
    except sqlean.DatabaseError as exc:
        conn.close()
        raise NotAFieldAppStore(f"{path} is not a FieldApp store (not an SQLite database: {exc})") from exc
    preload_geo_libraries()
    conn.enable_load_extension(True)
    conn.load_extension(find_spatialite())
    conn.enable_load_extension(False)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 5000")
    if not read_only:
        # WAL + synchronous=FULL: a commit that returned survives power loss; readers never block writers.
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
    return conn
