"""One FieldApp per store (fieldapp.store.instance): the OS lock, who holds it, and recovery after
a holder was killed. Holders here are real processes; the window's side is in tests/ui."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fieldapp.store import open_store
from fieldapp.store.instance import AlreadyOpen, InstanceLock, check_not_open, lock_files

ROOT = Path(__file__).resolve().parents[2]
HOLDER = """
import sys, time
from fieldapp.store.instance import InstanceLock
lock = InstanceLock(sys.argv[1]).acquire()
print("held", flush=True)
time.sleep(120)
"""


def hold(store: Path) -> subprocess.Popen:
    """Another process holding the store's instance lock (as an open window does)."""
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(store)], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.stdout.readline().strip() == "held"
    return proc


@pytest.fixture
def store_file(store_path):
    open_store(store_path, create=True).close()
    return store_path


def test_second_holder_is_refused_with_who_holds_it(store_file):
    holder = hold(store_file)
    try:
        with pytest.raises(AlreadyOpen) as err:
            InstanceLock(store_file).acquire()
        assert err.value.holder is not None and err.value.holder.pid == holder.pid
        assert f"process {holder.pid}" in str(err.value) and "already open" in str(err.value)
        assert str(store_file) in str(err.value)
    finally:
        holder.kill()
        holder.wait()


def test_lock_and_holder_file_sit_next_to_the_store_and_go_on_release(store_file):
    lock = InstanceLock(store_file).acquire()
    lock_path, info_path = lock_files(store_file)
    assert lock_path.parent == info_path.parent == store_file.parent
    info = json.loads(info_path.read_text())
    assert info["pid"] == os.getpid() and info["channel"] == lock.channel
    assert set(info) == {"pid", "host", "started", "channel"}     # no person named
    lock.release()
    assert not info_path.exists()
    InstanceLock(store_file).acquire().release()                    # free again


def test_stale_lock_after_sigkill_is_taken_and_reported_as_recovered(store_file):
    holder = hold(store_file)
    _, info_path = lock_files(store_file)
    assert json.loads(info_path.read_text())["pid"] == holder.pid
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert info_path.exists()                                        # what a killed holder leaves
    started = time.monotonic()
    lock = InstanceLock(store_file).acquire()
    try:
        assert time.monotonic() - started < 1.0                      # no waiting on a dead holder
        assert lock.recovered is not None and lock.recovered.pid == holder.pid
        assert json.loads(info_path.read_text())["pid"] == os.getpid()
    finally:
        lock.release()


def test_command_line_write_refused_while_a_window_holds_the_store(store_file):
    before = store_file.read_bytes()
    holder = hold(store_file)
    try:
        res = subprocess.run([sys.executable, "-m", "fieldapp", "identity", "--unit", "u", "--team", "t",
                              "--device", "d", "--store", str(store_file)], capture_output=True, text=True,
                             env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
        assert res.returncode == 2
        lines = res.stderr.strip().splitlines()
        assert len(lines) == 1 and "already open on this store" in lines[0] and f"process {holder.pid}" in lines[0]
        # reading is still allowed: `check` opens read-only
        res = subprocess.run([sys.executable, "-m", "fieldapp", "check", "--store", str(store_file)],
                             capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
                             timeout=120)
        assert res.returncode == 0, res.stderr
    finally:
        holder.kill()
        holder.wait()
    assert store_file.read_bytes() == before
    check_not_open(store_file)                                       # free once the holder is gone


def test_os_lock_is_exclusive_and_dies_with_its_holder(tmp_path):
    """fieldapp.store.oslock: a second lock on the file is refused at once (in this process and
    from another), the OS drops it when the holder is killed, and a file that cannot be created is
    an ordinary error, not "held"."""
    from fieldapp.store.oslock import LockHeld, OSFileLock

    path = tmp_path / "x.lock"
    first, second = OSFileLock(path), OSFileLock(path)
    first.acquire()
    started = time.monotonic()
    with pytest.raises(LockHeld):
        second.acquire()
    assert time.monotonic() - started < 0.5 and not second.held      # refused, not waited for
    first.release()
    second.acquire()
    second.release()
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time\nfrom fieldapp.store.oslock import OSFileLock\n"
        "OSFileLock(sys.argv[1]).acquire(); print('held', flush=True); time.sleep(60)"), str(path)],
        stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(LockHeld):
            first.acquire()
        holder.send_signal(signal.SIGKILL)
        holder.wait(10)
        first.acquire()                 # no stale lock: the OS released it with the process
        assert first.held
    finally:
        holder.kill()
        first.release()
    with pytest.raises(OSError) as err:
        OSFileLock(tmp_path / "no-such-folder" / "x.lock").acquire()
    assert not isinstance(err.value, LockHeld)
