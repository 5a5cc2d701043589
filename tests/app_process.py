"""A real FieldApp window in its own process (source or frozen), watched through its start-up trace.

``FIELDAPP_TRACE_STARTUP=1`` makes the app print ``fieldapp-startup: <step>`` lines on stderr
(first-window, panels-attached, raised, recovered <pid>, map-shown); ``wait_for`` blocks until a
step appears. Offscreen Qt, WebEngine allowed as root, data and config in the test's folders.
"""
from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def app_env(tmp_path: Path, **extra) -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
            "QTWEBENGINE_DISABLE_SANDBOX": "1", "QTWEBENGINE_CHROMIUM_FLAGS": "--disable-gpu",
            "FIELDAPP_TRACE_STARTUP": "1", "FIELDAPP_DATA_DIR": str(tmp_path / "data"),
            "FIELDAPP_CONFIG_DIR": str(tmp_path / "config"), **extra}


class AppProcess:
    def __init__(self, args: list[str], env: dict, command: list[str] | None = None):
        self.env = env
        self.proc = subprocess.Popen((command or [sys.executable, "-m", "fieldapp"]) + args, env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines: list[str] = []
        self._new: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stderr:
            self.lines.append(line.rstrip("\n"))
            self._new.put(line)
        self._new.put(None)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def steps(self) -> list[str]:
        return [ln.split(": ", 1)[1] for ln in self.lines if ln.startswith("fieldapp-startup: ")]

    def crash_reports(self) -> list[Path]:
        logs = Path(self.env.get("FIELDAPP_DATA_DIR", "/nonexistent")) / "logs"
        return sorted(logs.glob("crash-*.log")) if logs.is_dir() else []

    def wait_for(self, step: str, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while not any(s == step or s.startswith(step + " ") for s in self.steps()):
            crashes = self.crash_reports()
            if crashes:   # the window is showing the crash message box now: say what failed
                raise AssertionError(f"the app crashed before {step}:\n{crashes[0].read_text()[-3000:]}")
            if self.proc.poll() is not None and self._new.empty():
                raise AssertionError(f"the app exited ({self.proc.returncode}) before {step}: {self.lines[-15:]}")
            if time.monotonic() > deadline:
                raise AssertionError(f"no {step} within {timeout} s: {self.lines[-15:]}")
            try:
                self._new.get(timeout=0.2)
            except queue.Empty:
                pass

    def terminate(self, timeout: float = 60) -> int:
        """Close the window as the system's shutdown does (TERM): it saves and releases its lock."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError(f"the window did not close on TERM within {timeout} s: {self.lines[-15:]}") from None

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
