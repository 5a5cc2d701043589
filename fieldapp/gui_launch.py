"""Start the GUI, or explain plainly why it cannot start (no display) instead of a Qt abort."""
from __future__ import annotations

import os
import sys


def display_problem() -> str | None:
    if os.environ.get("QT_QPA_PLATFORM"):
        return None
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return ("FieldApp needs a graphical desktop, but there is no display here (DISPLAY and "
                "WAYLAND_DISPLAY are not set). Start it from a desktop session, or use the command-line "
                "subcommands: fieldapp --help")
    return None


def launch(store_path=None, lang=None) -> int:
    problem = display_problem()
    if problem:
        print(f"fieldapp: {problem}", file=sys.stderr)
        return 1
    from fieldapp.ui.startup import run

    return run(store_path=store_path, lang=lang)
