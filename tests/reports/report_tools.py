"""Run a poppler/GDAL tool and return its stdout (skips the test if the tool is not installed)."""
from __future__ import annotations

import shutil
import subprocess

import pytest


def run(*cmd: str) -> str:
    if shutil.which(cmd[0]) is None:
        pytest.skip(f"{cmd[0]} not installed")
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
