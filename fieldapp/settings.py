"""User settings (Qt-free JSON in the user config folder, core/userdirs.py). Window geometry stays in QSettings."""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from fieldapp.core.userdirs import config_dir


@dataclass
class Settings:
    language: str = "zh_CN"        # zh_CN (default) or en
    store_path: str = ""           # empty: the default store location
    font_point_size: int = 13      # large enough for cold hands and bright sun
    gps_far_km: float = 50.0       # a GPS fix farther than this from the incident needs confirming
    server: str = ""               # the working group's server last opened (libpq URL or service; no password)
    last_tab: str = ""             # the panel tab open when the window last closed ("": sampling)


def settings_path() -> Path:
    return config_dir() / "settings.json"


def load() -> Settings:
    p = settings_path()
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    known = {f.name for f in fields(Settings)}
    return Settings(**{k: v for k, v in data.items() if k in known})


def save(s: Settings) -> None:
    p = settings_path()
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(s), ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, p)  # atomic: a power cut never leaves half a settings file
