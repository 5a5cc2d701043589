"""Entry point: ``fieldapp`` opens the GUI; ``fieldapp <subcommand>`` runs the headless CLI.

Also the frozen application's entry script (build.spec). An exception nothing else caught never
reaches the user as a traceback: it is written to a crash report in the data folder and the
command says, in one line, what failed and where the report is (exit status 2).
"""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
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


if __name__ == "__main__":
    if getattr(sys, "frozen", False):   # the bundle: multiprocessing children must not rerun main
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main())
