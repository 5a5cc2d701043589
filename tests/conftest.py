"""Test environment: real SpatiaLite stores in tmp folders; Qt offscreen; WebEngine usable as root.

The Qt settings must be in place before any QApplication exists (pytest-qt creates one lazily),
and QtWebEngineWidgets must be imported before it, or WebEngine tests fail depending on order.
"""
from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu --no-sandbox")
os.environ.setdefault("FIELDAPP_NO_FIRST_RUN", "0")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

try:  # Qt is optional for core tests; present in the full suite
    import PySide6.QtWebEngineWidgets  # noqa: F401
except ImportError:  # pragma: no cover
    pass


# Threads the app starts; a test must leave none of them running (napari's _dangling_qthreads idea).
APP_THREAD_PREFIXES = ("store-writer", "instrument-")


@pytest.fixture(autouse=True)
def no_dangling_threads(monkeypatch):
    """Fails a test that leaves a QThread, a pool task, the store writer or an instrument reader/sink
    running: at quit they would be killed mid-write (or Qt would abort "QThread destroyed while
    running"). Runs after every other fixture's teardown (windows are closed by then)."""
    started = []
    try:
        from PySide6.QtCore import QThread, QThreadPool
    except ImportError:  # pragma: no cover - core-only environment
        QThread = QThreadPool = None
    if QThread is not None:
        original = QThread.start

        def tracked_start(self, *a, **k):
            started.append(self)
            return original(self, *a, **k)
        monkeypatch.setattr(QThread, "start", tracked_start)
    before = set(threading.enumerate())
    yield
    import time

    deadline = time.monotonic() + 3.0      # a reader joining after its read timeout, a last flush

    def leftovers():
        alive = [t for t in threading.enumerate() if t not in before and t.is_alive()
                 and t.name.startswith(APP_THREAD_PREFIXES)]
        running = [t for t in started if _qthread_running(t)]
        pool = QThreadPool.globalInstance().activeThreadCount() if QThreadPool is not None and \
            QThreadPool.globalInstance() is not None else 0
        return alive, running, pool
    while any(leftovers()) and time.monotonic() < deadline:
        time.sleep(0.05)
    alive, running, pool = leftovers()
    assert not alive, f"threads left running: {[t.name for t in alive]}"
    assert not running, f"QThreads left running: {running}"
    assert not pool, f"{pool} thread-pool task(s) still running"


def _qthread_running(t) -> bool:
    import shiboken6

    return shiboken6.isValid(t) and t.isRunning()


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    """No test may touch the real user's store or settings."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.delenv("FIELDAPP_STORE", raising=False)


@pytest.fixture
def store_path(tmp_path) -> Path:
    return tmp_path / "field.sqlite"


@pytest.fixture
def store(store_path):
    """A real SpatiaLite store file with a team identity set."""
    from fieldapp.store import open_store

    st = open_store(store_path, create=True)
    st.set_identity("某县生态环境监测站", "应急一队", "laptop-01", ["张三", "李四"])
    yield st
    st.close()


@pytest.fixture
def incident(store):
    return store.create_incident("测试事件 test incident", "2026-11-01 08:00", code="T-01")


@pytest.fixture
def demo_store(store):
    from fieldapp.demo import create_demo_incident

    inc = create_demo_incident(store)
    return store, inc
