"""One window per store, with real app processes: a second start is refused with the message and
brings the first window to the front; the first goes on unaffected; after the first is killed
(SIGKILL: no chance to clean up) the next start takes the store at once and says it recovered."""
from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest
from app_process import AppProcess, app_env

from fieldapp.store import open_store

pytestmark = pytest.mark.slow


@pytest.fixture
def demo_store(tmp_path):
    path = tmp_path / "field.sqlite"
    env = app_env(tmp_path)
    subprocess.run([sys.executable, "-m", "fieldapp", "--store", str(path), "--create", "demo"], env=env,
                   check=True, capture_output=True, timeout=120)
    return path, env


def change_seq(path) -> int:
    st = open_store(path, read_only=True)
    try:
        return int(st.get_meta("change_seq") or 0)
    finally:
        st.close()


def settled_seq(path, quiet_s: float = 2.0, timeout_s: float = 60.0) -> int:
    """change_seq once it has not moved for ``quiet_s``."""
    deadline = time.monotonic() + timeout_s
    last, since = change_seq(path), time.monotonic()
    while time.monotonic() - since < quiet_s:
        assert time.monotonic() < deadline, "the first window never stopped writing"
        time.sleep(0.2)
        now = change_seq(path)
        if now != last:
            last, since = now, time.monotonic()
    return last


def test_second_start_is_refused_and_raises_the_first_window(demo_store):
    path, env = demo_store
    first = AppProcess(["--store", str(path)], env)
    try:
        first.wait_for("panels-attached")
        seq = settled_seq(path)          # the first's own start-up writes (index, layers, forecast) done
        second = subprocess.run([sys.executable, "-m", "fieldapp", "--store", str(path)], env=env,
                                capture_output=True, text=True, timeout=120)
        assert second.returncode == 3, second.stderr
        said = [ln for ln in second.stderr.splitlines() if ln.startswith("fieldapp:")]
        assert len(said) == 1 and "already open on this store" in said[0], second.stderr
        assert f"process {first.pid}" in said[0] and "brought to the front" in said[0]
        first.wait_for("raised", timeout=10)                 # the first window did come forward
        assert "Traceback" not in second.stderr and "fieldapp-startup: first-window" not in second.stderr
        # the first is unaffected: still running, still the holder, still the only writer
        assert first.proc.poll() is None
        holder = json.loads(path.with_name(path.name + ".instance.json").read_text())
        assert holder["pid"] == first.pid
        assert change_seq(path) == seq                       # the refused start wrote nothing
        third = subprocess.run([sys.executable, "-m", "fieldapp", "--store", str(path)], env=env,
                               capture_output=True, text=True, timeout=120)
        assert third.returncode == 3 and first.proc.poll() is None
    finally:
        rc = first.terminate()
    assert rc == 0, first.lines[-10:]
    assert not path.with_name(path.name + ".instance.json").exists()   # released on a proper close
    assert open_store(path).check()["integrity"] == "ok"


def test_start_after_the_first_was_killed_recovers_the_lock(demo_store):
    path, env = demo_store
    first = AppProcess(["--store", str(path)], env)
    first.wait_for("first-window")
    first.kill()
    info = path.with_name(path.name + ".instance.json")
    assert json.loads(info.read_text())["pid"] == first.pid   # left behind by the killed window
    again = AppProcess(["--store", str(path)], env)
    try:
        again.wait_for("first-window")
        assert f"recovered {first.pid}" in again.steps()
        assert json.loads(info.read_text())["pid"] == again.pid
    finally:
        assert again.terminate() == 0
    st = open_store(path)
    try:
        assert st.check()["integrity"] == "ok" and st.list_incidents()
    finally:
        st.close()


def test_a_second_start_waits_for_a_holder_that_is_not_listening_yet(qapp, tmp_path):
    """The holder listens only after its first paint; a second start in that moment keeps knocking
    until it is answered (a real local socket in another process, listening 0.6 s late), and gives
    up in time when nobody ever listens."""
    import os

    from PySide6.QtCore import QDir

    from fieldapp.ui.single_instance import ask_to_raise

    name = f"fieldapp-test-{os.getpid()}"
    path = os.path.join(QDir.tempPath(), name)
    late_holder = subprocess.Popen([sys.executable, "-c", (
        "import socket, sys, time\n"
        "time.sleep(0.6)\n"
        "srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); srv.bind(sys.argv[1]); srv.listen(1)\n"
        "conn, _ = srv.accept()\n"
        "assert conn.recv(64) == b'raise\\n'\n"
        "conn.sendall(b'raised 4242\\n'); time.sleep(1)\n"), path])
    try:
        started = time.monotonic()
        assert ask_to_raise(name, timeout_ms=3000) == 4242
        assert 0.5 < time.monotonic() - started < 3.0
        assert late_holder.wait(10) == 0
    finally:
        late_holder.kill()
        if os.path.exists(path):
            os.unlink(path)
    started = time.monotonic()
    assert ask_to_raise(name + "-nobody", timeout_ms=700) is None
    assert 0.6 < time.monotonic() - started < 2.5
