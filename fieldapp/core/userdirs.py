"""Where the user's data and configuration live: platformdirs, overridable by flag and environment.

* data (the store, crash logs, report files): ``$FIELDAPP_DATA_DIR`` when set, else the platform's
  user data folder (Linux: ``$XDG_DATA_HOME/fieldapp`` = ~/.local/share/fieldapp; Windows:
  %LOCALAPPDATA%\\fieldapp; macOS: ~/Library/Application Support/fieldapp);
* configuration (settings.json, the team's own device profiles): ``$FIELDAPP_CONFIG_DIR``, else the
  platform's user config folder (Linux: ``$XDG_CONFIG_HOME/fieldapp``; Windows: %LOCALAPPDATA%\\fieldapp).

``fieldapp --data-dir DIR --config-dir DIR`` sets the two variables for the whole run (and anything
it starts), so a USB-stick copy can keep everything next to itself. ``$FIELDAPP_STORE`` still names
the store file itself.
"""
from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "fieldapp"
DATA_ENV = "FIELDAPP_DATA_DIR"
CONFIG_ENV = "FIELDAPP_CONFIG_DIR"


def data_dir() -> Path:
    """The folder for the store and everything the app writes for the user (not created here)."""
    if os.environ.get(DATA_ENV):
        return Path(os.environ[DATA_ENV]).expanduser()
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False, roaming=False)


def config_dir() -> Path:
    """The folder for settings and the team's device profiles (not created here)."""
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV]).expanduser()
    import platformdirs

    return platformdirs.user_config_path(APP_NAME, appauthor=False, roaming=False)


def log_dir() -> Path:
    """Crash logs: inside the data folder, where a user (or the IT officer) is told to look."""
    return data_dir() / "logs"
