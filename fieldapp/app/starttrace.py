"""``FIELDAPP_TRACE_STARTUP=1``: the window's start prints ``fieldapp-startup: <step>`` on stderr as
each step finishes (bench/bench_startup.py times them from outside; tests wait for them).

Steps, in order: ``main`` (Python is running FieldApp's code: after the interpreter, or the frozen
bundle's bootloader), ``qt-imported`` (the window's modules and PySide6), ``qt-app``
(QApplication), ``store-open``, ``window-built``, ``first-window`` (the first paint reached the
screen), ``points-shown``, ``panels-attached``; and ``raised``, ``recovered <pid>``, ``map-shown``
when they happen."""
from __future__ import annotations

import os
import sys


def trace(step: str) -> None:
    if os.environ.get("FIELDAPP_TRACE_STARTUP"):
        print(f"fieldapp-startup: {step}", file=sys.stderr, flush=True)
