"""Opening a SQLite connection with SpatiaLite loaded and durable settings.

The stdlib ``sqlite3`` of many Python builds cannot load extensions, so FieldApp uses sqlean-py
(SQLite 3.50 wheels, same DB-API) and loads mod_spatialite from the system (Debian package
libsqlite3-mod-spatialite), or from the PyInstaller bundle directory when frozen.
"""
from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import threading
from pathlib import Path

import sqlean

from fieldapp.core.resources import frozen_dir

from .errors import NoStore, NotAFieldAppStore, StoreError, StoreReadOnly
from .probe import APPLICATION_ID  # noqa: F401  (re-exported: stores are told apart by it)

# Each attempt to take a lock waits this long inside SQLite; Store retries (with a message) up to
# its own limit, so a long import in another window is waited for, not reported as a traceback.
BUSY_TIMEOUT_MS = 1000

_SPATIALITE_CANDIDATES = (
    "/usr/lib/x86_64-linux-gnu/mod_spatialite.so",
    "/usr/lib/aarch64-linux-gnu/mod_spatialite.so",
    "/usr/lib/mod_spatialite.so",
    "/usr/local/lib/mod_spatialite.so",
    "/opt/homebrew/lib/mod_spatialite.dylib",
    "/usr/local/lib/mod_spatialite.dylib",
)


def bundled_spatialite() -> str | None:
    """The frozen app's own mod_spatialite (build.spec puts it at the top of the bundle, its GEOS,
    PROJ … libraries beside it, PROJ's data in proj/), or None when not frozen."""
    bundle = frozen_dir()
    if bundle is None:
        return None
    found = sorted(bundle.glob("mod_spatialite*"))
    if not found:
        return None
    if (bundle / "proj").is_dir():      # PROJ's database for SpatiaLite's coordinate transforms
        os.environ.setdefault("PROJ_DATA", str(bundle / "proj"))
        os.environ.setdefault("PROJ_LIB", str(bundle / "proj"))    # PROJ before 9.1 reads this name
    return str(found[0])


def find_spatialite() -> str:
    """Path of mod_spatialite: bundled copy first (frozen app), then the usual system places."""
    bundled = bundled_spatialite()
    if bundled:
        return bundled
    env = os.environ.get("FIELDAPP_SPATIALITE")
    if env:
        if os.sep in env and not os.path.isfile(env):   # a bare name is found by the system's loader
            raise StoreError(f"FIELDAPP_SPATIALITE names {env}, which is not a file: point it at "
                             "mod_spatialite, or unset it")
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
    """Bind the GDAL/PROJ/GEOS wheels to their own libraries before the first mod_spatialite load.

    On Linux it is enough to load their compiled modules (and so their bundled libraries) with the
    symbols resolved now (dlopen RTLD_NOW, which ctypes uses): Python's later import of the same
    files reuses those bindings. That takes ~30 ms, where importing the packages (numpy with them)
    took ~0.4 s of the window's start. Elsewhere the packages are imported, as before."""
    global _PRELOADED
    if _PRELOADED:
        return
    _PRELOADED = True
    for name in _GEO_WHEELS:
        if not (sys.platform.startswith("linux") and _bind_compiled_modules(name)):
            try:
                importlib.import_module(name)
            except ImportError:
                pass


def _bind_compiled_modules(package: str) -> bool:
    """dlopen every compiled module of ``package`` without running it; False when that did not
    work for all of them (the caller imports the package instead)."""
    import ctypes

    try:
        spec = importlib.util.find_spec(package)       # finds, does not import
    except (ImportError, ValueError):
        return True                                    # not installed: nothing to bind
    if spec is None:
        return True
    try:
        for folder in spec.submodule_search_locations or ():
            for module in sorted(Path(folder).glob("*.so")):
                ctypes.CDLL(str(module))
    except OSError:
        return False
    return True


def connect(path: str | os.PathLike, read_only: bool = False, spatial: bool = True) -> sqlean.Connection:
    """Open the EXISTING store file ``path`` with SpatiaLite loaded, WAL journal, FULL sync, foreign keys on.
    ``spatial=False``: without SpatiaLite (``load_spatialite`` later; the window's start, see Store).

    Never creates a file (``Store`` creates new stores explicitly) and never changes the journal
    mode of a file before it is known to be a FieldApp store (``Store`` probes first). The
    connection is in autocommit mode (``isolation_level=None``): the store opens explicit
    transactions itself, so nothing commits behind its back. SQLite errors from the first reads are
    left to the caller, which tells a damaged store from a locked one.
    """
    path = Path(path)
    if path.is_dir():
        raise NotAFieldAppStore(f"{path} is a folder, not a FieldApp store file")
    if not path.exists():
        raise NoStore(f"no FieldApp store at {path}")
    if read_only:
        conn = sqlean.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None,
                              check_same_thread=False)
    else:
        try:
            conn = sqlean.connect(f"file:{path}?mode=rw", uri=True, isolation_level=None,
                                  check_same_thread=False)
        except sqlean.OperationalError as exc:
            raise StoreReadOnly(f"cannot open {path} for writing: {exc}") from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA schema_version").fetchone()
        if spatial:
            load_spatialite(conn)
        conn.execute("PRAGMA foreign_keys = ON")
        if not read_only:
            # WAL + synchronous=FULL: a commit that returned survives power loss; readers never block writers.
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
    except BaseException:
        conn.close()
        raise
    return conn


_LOADING = threading.Lock()     # the geo wheels must be bound before ANY thread's first SpatiaLite load


def load_spatialite(conn) -> None:
    """Load mod_spatialite into ``conn``; a library that is there but does not load (another
    architecture, a missing GEOS/PROJ beside it) is a StoreError that says so."""
    with _LOADING:
        preload_geo_libraries()
        path = find_spatialite()
        conn.enable_load_extension(True)
        try:
            conn.load_extension(path)
        except sqlean.DatabaseError as exc:
            raise StoreError(f"SpatiaLite could not be loaded from {path} ({exc}). Reinstall it "
                             "(Debian/Ubuntu: sudo apt-get install libsqlite3-mod-spatialite)") from None
        finally:
            conn.enable_load_extension(False)
