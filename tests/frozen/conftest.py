"""The frozen application for the tests in this folder: built once per suite run with
scripts/build.sh, and reused while dist/fieldapp/BUILD-INFO names the digest of the current sources
(scripts/source_digest.py: sources, data, build files, installed package versions)."""
from __future__ import annotations

import subprocess
import sys
import time

import pytest

from frozen_tools import DIST, ROOT, FrozenApp, build_info

_built: dict = {}


@pytest.fixture(scope="session")
def frozen_app() -> FrozenApp:
    # as scripts/build.sh computes it (its own process: this one's sys.path would change the list of
    # installed packages the digest includes)
    digest = subprocess.run([sys.executable, str(ROOT / "scripts" / "source_digest.py")], check=True,
                            capture_output=True, text=True, cwd=ROOT).stdout.strip()
    started = time.monotonic()
    built_now = False
    if build_info().get("source-digest") != digest or not (DIST / "fieldapp").exists():
        res = subprocess.run([str(ROOT / "scripts" / "build.sh"), "--no-archive"], cwd=ROOT, capture_output=True,
                             text=True, timeout=1500)
        assert res.returncode == 0, res.stderr[-4000:]
        built_now = True
    app = FrozenApp(DIST / "fieldapp", build_info(), built_now, time.monotonic() - started)
    _built["app"] = app
    return app


def pytest_terminal_summary(terminalreporter):
    app = _built.get("app")
    if app is None:
        return
    how = f"built in this run ({app.seconds:.0f} s with setup)" if app.built_now else "reused (sources unchanged)"
    terminalreporter.write_line(
        f"frozen build: dist/fieldapp {app.info.get('size-mb', '?')} MB, PyInstaller time "
        f"{app.info.get('build-seconds', '?')} s, {how}, digest {app.info.get('source-digest', '?')[:12]}")
