"""A throwaway PostgreSQL cluster in a temporary folder: for the tests, the benches and a try-out.

Nothing listens on the network: the server takes only a Unix socket inside the folder. As root
(CI runs as root, and PostgreSQL refuses to run as root) the cluster is made and run as the
``postgres`` user through ``runuser``. Stopped (``pg_ctl -m fast stop``) and removed by ``stop()``.

    with LocalCluster() as pg:
        url = pg.url("fieldapp")      # postgresql://fa@/fieldapp?host=/tmp/…&port=…
"""
from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

SUPERUSER = "fa"


def pg_bin_dir() -> Path | None:
    """The newest installed PostgreSQL server binaries (Debian: /usr/lib/postgresql/N/bin)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def postgis_available(bin_dir: Path | None = None) -> bool:
    bin_dir = bin_dir or pg_bin_dir()
    if bin_dir is None:
        return False
    version = bin_dir.parts[-2]
    return bool(glob.glob(f"/usr/share/postgresql/{version}/extension/postgis.control"))


def missing_reason() -> str | None:
    """Why no cluster can be started here, in words (None when it can)."""
    bin_dir = pg_bin_dir()
    if bin_dir is None:
        return "PostgreSQL server binaries (initdb, pg_ctl) are not installed: apt-get install postgresql-15"
    if not postgis_available(bin_dir):
        return "PostGIS is not installed for this PostgreSQL: apt-get install postgresql-15-postgis-3"
    return None


class LocalCluster:
    def __init__(self, port: int | None = None, settings: dict | None = None):
        self.bin = pg_bin_dir()
        if self.bin is None:
            raise RuntimeError(missing_reason())
        self.dir = Path(tempfile.mkdtemp(prefix="fieldapp-pg-"))
        self.data = self.dir / "data"
        self.port = port or 54000 + os.getpid() % 1000
        self.settings = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off",
                         "shared_buffers": "256MB", "max_wal_size": "4GB", **(settings or {})}
        self.as_root = os.geteuid() == 0
        self.started = False

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        cmd = [str(self.bin / args[0]), *args[1:]]
        if self.as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, check=check, capture_output=True, text=True, timeout=120)

    def start(self) -> LocalCluster:
        if self.as_root:
            shutil.chown(self.dir, "postgres")
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", SUPERUSER, "-E", "UTF8",
                  "--locale=C.UTF-8")
        opts = f"-k {self.dir} -c listen_addresses='' -p {self.port} " + " ".join(
            f"-c {k}={v}" for k, v in self.settings.items())
        try:
            self._run("pg_ctl", "-D", str(self.data), "-o", opts, "-l", str(self.dir / "log"), "-w", "start")
        except subprocess.CalledProcessError as exc:
            log = (self.dir / "log").read_text(errors="replace")[-2000:] if (self.dir / "log").exists() else ""
            raise RuntimeError(f"PostgreSQL did not start: {exc.stderr or exc.stdout}\n{log}") from exc
        self.started = True
        return self

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@/{dbname}?host={self.dir}&port={self.port}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        if self.started:
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)
            self.started = False
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> LocalCluster:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
