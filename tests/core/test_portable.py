"""Code paths that must work on Windows laptops: nothing on the way to the window, the self-test or
the command line needs a POSIX-only module (termios, tty, pty, fcntl, pwd, grp, resource), and
serial ports are named the Windows way too (COM5, found through pyserial's list_ports)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from serial.tools import list_ports, list_ports_common

from fieldapp.instruments.ports import list_serial_ports, matching_ports, resolve_port

ROOT = Path(__file__).resolve().parents[2]
POSIX_ONLY = ("termios", "tty", "pty", "fcntl", "pwd", "grp", "resource")
IMPORTS = f"""
import sys, importlib.abc

class FromFieldAppRefused(importlib.abc.MetaPathFinder):
    # pyserial ... and fieldapp.store.oslock pick their POSIX or Windows backend when used; importing
    # FieldApp's code must not need one
    def find_spec(self, name, path=None, target=None):
        if name not in {POSIX_ONLY!r}:
            return None
        frame = sys._getframe(1)
        while frame is not None and frame.f_globals.get("__name__", "").startswith(("importlib", "_frozen")):
            frame = frame.f_back
        importer = frame.f_globals.get("__name__", "") if frame is not None else ""
        if importer.startswith("fieldapp"):
            raise ImportError(f"{{importer}} imports the POSIX-only module {{name}}")
        return None

sys.meta_path.insert(0, FromFieldAppRefused())
for name in {POSIX_ONLY!r}:
    sys.modules.pop(name, None)     # so that an import from FieldApp reaches the finder
import fieldapp.cli, fieldapp.selftest, fieldapp.ui.startup, fieldapp.ui.app
fieldapp.cli.build_parser()           # every capability's command group imports
for name in fieldapp.ui.app.PANEL_MODULES:
    __import__(name)
from fieldapp.store.instance import InstanceLock
print("imported")
"""


def test_window_and_commands_import_without_posix_only_modules(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    res = subprocess.run([sys.executable, "-c", IMPORTS], env=env, capture_output=True, text=True, timeout=120,
                         cwd=tmp_path)
    assert res.returncode == 0 and res.stdout.strip() == "imported", res.stderr


def com_port(name: str, vid=0x0403, pid=0x6001, serial="A5XK3"):
    """A port entry as pyserial's Windows enumeration returns it (the same ListPortInfo type)."""
    entry = list_ports_common.ListPortInfo(name, skip_link_detection=True)
    entry.description, entry.vid, entry.pid, entry.serial_number = f"USB Serial Port ({name})", vid, pid, serial
    entry.hwid = f"USB VID:PID={vid:04X}:{pid:04X} SER={serial}"
    return entry


def test_com_names_from_list_ports_are_accepted(monkeypatch):
    monkeypatch.setattr(list_ports, "comports", lambda: [com_port("COM7"), com_port("COM12", serial="B1")])
    assert [p.device for p in list_serial_ports()] == ["COM7", "COM12"]
    assert resolve_port("COM7")[0] == "COM7"            # not a file, but the system lists it
    assert resolve_port("COM3", ["COM1?"])[0] == "COM12"   # a pattern matches listed names too
    assert matching_ports("COM*") == ["COM12", "COM7"]
    port, why = resolve_port("COM3")                    # not listed: not present (not Windows here)
    assert port is None and "COM3 is not present" in why
