"""Opening never modifies a file that is not already a FieldApp store; every other kind of file, a
missing path, a damaged or a locked store gets its own one-line message (CLI: exit 2).

Each case checks the file's bytes and the folder listing before and after: no -wal/-shm sidecar, no
journal-mode switch, no new file.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fieldapp.store import NoStore, NotAFieldAppStore, StoreDamaged, StoreLocked, open_store

ROOT = Path(__file__).resolve().parents[2]


def cli(*args, env_extra=None, home=None):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home or "/nonexistent"), "PYTHONPATH": str(ROOT),
           **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "fieldapp", *args], capture_output=True, text=True, env=env,
                          timeout=120)


def snapshot(folder: Path) -> dict:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def refused_unchanged(path: Path, match: str, sidecars: bool = False):
    """Refused by every command, bytes unchanged. ``sidecars``: a (damaged) WAL store may get its empty
    -wal/-shm index files back, as any reader of a WAL file does; the store file itself stays the same."""
    before = snapshot(path.parent)
    for args in (["points"], ["check"], ["identity", "--unit", "u", "--team", "t", "--device", "d"]):
        res = cli(*args, "--store", str(path))
        assert res.returncode == 2, (args, res.stdout, res.stderr)
        lines = res.stderr.strip().splitlines()
        assert len(lines) == 1 and match in lines[0] and "Traceback" not in res.stderr, res.stderr
    after = snapshot(path.parent)
    if sidecars:
        assert Path(f"{path}-wal").stat().st_size == 0 if Path(f"{path}-wal").exists() else True
        after = {k: v for k, v in after.items() if not k.endswith(("-wal", "-shm"))}
    assert after == before


def test_mistyped_path_is_not_created(tmp_path):
    path = tmp_path / "sub" / "fieldap.sqlite"
    res = cli("points", "--store", str(path))
    assert res.returncode == 2 and "no FieldApp store at" in res.stderr and "--create" in res.stderr
    res = cli("check", "--store", str(path))
    assert res.returncode == 2 and "no FieldApp store at" in res.stderr
    assert not path.parent.exists()
    with pytest.raises(NoStore):
        open_store(path)


def test_create_makes_a_store_only_where_nothing_is(tmp_path):
    path = tmp_path / "new" / "team.sqlite"
    res = cli("identity", "--unit", "u", "--team", "t", "--device", "d", "--store", str(path), "--create")
    assert res.returncode == 0, res.stderr
    assert cli("check", "--store", str(path)).returncode == 0
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".")] == []  # no creation leftovers


def test_first_run_creates_the_default_store(tmp_path):
    res = cli("identity", "--unit", "u", "--team", "t", "--device", "d", home=tmp_path)
    assert res.returncode == 0, res.stderr
    assert (tmp_path / ".local/share/fieldapp/fieldapp.sqlite").is_file()


def test_zero_byte_file(tmp_path):
    path = tmp_path / "empty.sqlite"
    path.write_bytes(b"")
    refused_unchanged(path, "is an empty file (0 bytes), not a FieldApp store")
    res = cli("points", "--store", str(path), "--create")
    assert res.returncode == 2 and path.stat().st_size == 0  # --create never takes over an existing file


def test_sqlite_file_without_tables(tmp_path):
    path = tmp_path / "blank.db"
    c = sqlite3.connect(path)
    c.execute("PRAGMA user_version = 3")  # makes the file exist with a valid header and no tables
    c.close()
    refused_unchanged(path, "is an empty SQLite database (no tables)")


def test_foreign_database_stays_in_its_journal_mode(tmp_path):
    path = tmp_path / "birds.db"
    c = sqlite3.connect(path)
    c.execute("CREATE TABLE birds (name TEXT)")
    c.execute("INSERT INTO birds VALUES ('heron')")
    c.commit()
    c.close()
    refused_unchanged(path, "is an SQLite database of another program (tables: birds)")
    assert path.read_bytes()[18:20] == b"\x01\x01"  # still a rollback-journal file, not WAL
    with pytest.raises(NotAFieldAppStore):
        open_store(path, create=True)


def test_not_sqlite_at_all(tmp_path):
    path = tmp_path / "photo.sqlite"
    path.write_bytes(b"\xff\xd8\xff\xe0 this is a photo" * 200)
    refused_unchanged(path, "not an SQLite database")


@pytest.fixture
def filled_store(tmp_path):
    path = tmp_path / "team.sqlite"
    st = open_store(path, create=True)
    st.set_identity("u", "t", "d")
    inc = st.create_incident("e", "2026-11-01 08:00", code="E-1")
    for i in range(400):
        st.add_point(inc["uuid"], 24.5 + i / 1000, 108.3, description="x" * 300)
    st.close()
    return path


def test_truncated_store_is_called_damaged(filled_store):
    data = filled_store.read_bytes()
    filled_store.write_bytes(data[: len(data) // 2])
    refused_unchanged(filled_store, "is a FieldApp store but it is damaged")
    res = cli("points", "--store", str(filled_store))
    assert "backup" in res.stderr and "not a FieldApp store" not in res.stderr
    with pytest.raises(StoreDamaged, match="truncated"):
        open_store(filled_store)


def test_store_with_overwritten_schema_page_is_damaged(filled_store):
    with open(filled_store, "r+b") as fh:  # page 1 after the 100-byte header: the schema's b-tree
        fh.seek(100)
        fh.write(b"\x00\xff" * 200)
    refused_unchanged(filled_store, "is a FieldApp store but it is damaged", sidecars=True)
    res = cli("points", "--store", str(filled_store))
    assert "quick_check" in res.stderr


HOLD_LOCK = r"""
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("PRAGMA locking_mode = EXCLUSIVE")
c.execute("BEGIN EXCLUSIVE")
c.execute("INSERT INTO meta(key, value) VALUES ('lock-holder', 'x')")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
c.execute("ROLLBACK")
"""


def test_locked_store_waits_with_a_message_then_one_line(filled_store):
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(filled_store), "20"], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        for args in (["points"], ["check"]):
            t = time.monotonic()
            res = cli(*args, "--store", str(filled_store), env_extra={"FIELDAPP_LOCK_WAIT": "2"})
            waited = time.monotonic() - t
            lines = res.stderr.strip().splitlines()
            assert res.returncode == 2 and "Traceback" not in res.stderr, res.stderr
            assert len(lines) == 2 and "waiting for" in lines[0] and "in use by another program" in lines[1]
            assert '"integrity": "ok"' not in res.stdout  # check never reports ok on a store it could not read
            assert waited >= 2
    finally:
        holder.kill()
        holder.wait()
    assert cli("check", "--store", str(filled_store)).returncode == 0


def test_check_is_read_only(filled_store):
    assert cli("check", "--store", str(filled_store)).returncode == 0  # settles WAL/-shm files
    before = snapshot(filled_store.parent)
    history = lambda: sqlite3.connect(filled_store).execute("SELECT COUNT(*) FROM spatialite_history").fetchone()[0]
    n = history()
    for _ in range(3):
        res = cli("check", "--store", str(filled_store))
        assert res.returncode == 0 and '"spatial_index": "ok"' in res.stdout
    assert history() == n
    assert snapshot(filled_store.parent)[filled_store.name] == before[filled_store.name]


def test_check_finds_a_broken_spatial_index_without_writing(filled_store):
    c = sqlite3.connect(filled_store)
    ids = [r[0] for r in c.execute("SELECT pkid FROM idx_sampling_points_geom LIMIT 3")]
    c.executemany("DELETE FROM idx_sampling_points_geom WHERE pkid = ?", [(i,) for i in ids])
    c.commit()
    c.close()
    res = cli("check", "--store", str(filled_store))
    assert res.returncode == 1 and "sampling_points.geom (400 geometries, 397 index entries" in res.stdout


def test_store_opened_while_another_writes_waits_instead_of_failing(filled_store):
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(filled_store), "1.5"], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        said = []
        st = open_store(filled_store, on_wait=said.append)
        assert said and "another program" in said[0]
        st.close()
    finally:
        holder.wait()
    os.environ.pop("FIELDAPP_LOCK_WAIT", None)


def test_locked_error_class(filled_store, monkeypatch):
    monkeypatch.setenv("FIELDAPP_LOCK_WAIT", "0.5")
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(filled_store), "10"], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(StoreLocked, match="waited 0.5 s"):
            open_store(filled_store)
    finally:
        holder.kill()
        holder.wait()
