"""Entry point: ``fieldapp`` opens the GUI; ``fieldapp <subcommand>`` runs the headless CLI.

Also the frozen application's entry script (build.spec). An exception nothing else caught never
reaches the user as a traceback: it is written to a crash report in the data folder and the
command says, in one line, what failed and where the report is (exit status 2).
"""
from __future__ import annotations

import gc
import sys


def main(argv: list[str] | None = None) -> int:
    # No cyclic garbage collection while the modules load: imports make ~100 000 objects and
    # next to no cycles, and collecting them cost the window's first paint ~20 ms. It is back on
    # once the command is known (fieldapp.cli.main) or, for the window, after its first paint
    # (fieldapp.core.gcpause.freeze_startup_heap).
    gc.disable()
    from fieldapp.app import crashlog
    from fieldapp.app.starttrace import trace

    trace("main")

    crashlog.install()
    try:
        from fieldapp.cli import main as cli_main

        return cli_main(sys.argv[1:] if argv is None else argv)
    except (SystemExit, KeyboardInterrupt):
        raise
    except Exception as exc:
        path = crashlog.handle(type(exc), exc, exc.__traceback__, "command line")
        where = f"; a report for your IT officer is in {path}" if path else ""
        print(f"fieldapp: error: unexpected problem ({crashlog.summary(exc)}){where}", file=sys.stderr)
        return 2
    finally:
        gc.enable()        # whatever ended the command (--help, a bad option, an error)


if __name__ == "__main__":
    if getattr(sys, "frozen", False):   # the bundle: multiprocessing children must not rerun main
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main())
