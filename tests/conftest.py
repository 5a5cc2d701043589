"""Test environment: real SpatiaLite stores in tmp folders; Qt offscreen; WebEngine usable as root.

The Qt settings must be in place before any QApplication exists (pytest-qt creates one lazily),
and QtWebEngineWidgets must be imported before it, or WebEngine tests fail depending on order.
"""
from __future__ import annotations

import os
import sys
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
