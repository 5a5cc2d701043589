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


def read_only_window_command(store_path, lang: str | None = None) -> list[str]:
    """The command that opens ``store_path`` read-only in a window of its own (its own process: the
    window the user came from keeps its store and session)."""
    # frozen, the executable is FieldApp itself; from source it is Python
    program = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "fieldapp"]
    cmd = program + ["--store", str(store_path), "gui", "--read-only"]
    return cmd + (["--lang", lang] if lang else [])


def launch(store_path=None, lang=None, read_only: bool = False) -> int:
    problem = display_problem()
    if problem:
        print(f"fieldapp: {problem}", file=sys.stderr)
        return 1
    from fieldapp.ui.startup import run, trace

    trace("qt-imported")
    return run(store_path=store_path, lang=lang, read_only=read_only)
