"""Shared by the frozen-build tests: where the build is, what it says about itself, a bare environment."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist" / "fieldapp"


@dataclass
class FrozenApp:
    exe: Path
    info: dict
    built_now: bool
    seconds: float


def build_info() -> dict:
    path = DIST / "BUILD-INFO"
    if not path.is_file():
        return {}
    return dict(line.split(": ", 1) for line in path.read_text().splitlines() if ": " in line)


def bare_env(tmp_path: Path, **extra) -> dict:
    """What a field laptop has: no Python variables, no display, the user's own folders."""
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR")}
    return {**keep, "FIELDAPP_DATA_DIR": str(tmp_path / "data"), "FIELDAPP_CONFIG_DIR": str(tmp_path / "config"),
            **extra}
