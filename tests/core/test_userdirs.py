"""User data and config folders: the platform's (platformdirs), overridable by environment and flag."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from fieldapp import settings
from fieldapp.core import userdirs
from fieldapp.store import default_store_path

ROOT = Path(__file__).resolve().parents[2]


def test_platform_folders_follow_xdg_on_linux(tmp_path, monkeypatch):
    monkeypatch.delenv("FIELDAPP_DATA_DIR", raising=False)
    monkeypatch.delenv("FIELDAPP_CONFIG_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "conf"))
    assert userdirs.data_dir() == tmp_path / "share" / "fieldapp"
    assert userdirs.config_dir() == tmp_path / "conf" / "fieldapp"
    assert default_store_path() == tmp_path / "share" / "fieldapp" / "fieldapp.sqlite"
    assert settings.settings_path() == tmp_path / "conf" / "fieldapp" / "settings.json"
    assert userdirs.log_dir() == tmp_path / "share" / "fieldapp" / "logs"


def test_environment_overrides(tmp_path, monkeypatch):
    monkeypatch.setenv("FIELDAPP_DATA_DIR", str(tmp_path / "stick" / "data"))
    monkeypatch.setenv("FIELDAPP_CONFIG_DIR", str(tmp_path / "stick" / "config"))
    assert default_store_path() == tmp_path / "stick" / "data" / "fieldapp.sqlite"
    settings.save(settings.Settings(language="en"))
    assert (tmp_path / "stick" / "config" / "settings.json").is_file()
    assert settings.load().language == "en"


def test_flags_set_the_folders_for_the_whole_run(tmp_path):
    """`--data-dir` / `--config-dir` (a copy kept on a USB stick): the first-run store, and the help
    text's defaults, follow them; nothing is written to the platform folders."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(tmp_path / "xdg")}
    env.pop("FIELDAPP_DATA_DIR", None)
    res = subprocess.run([sys.executable, "-m", "fieldapp", "--data-dir", str(tmp_path / "d"), "demo"],
                         env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "d" / "fieldapp.sqlite").is_file()
    assert not (tmp_path / "xdg").exists()
    res = subprocess.run([sys.executable, "-m", "fieldapp", "--data-dir", "elsewhere", "--help"], env=env,
                         capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert res.returncode == 0 and "--data-dir DIR" in res.stdout and "--selftest" in res.stdout
