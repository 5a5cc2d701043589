"""Entry point: ``fieldapp`` opens the GUI; ``fieldapp <subcommand>`` runs the headless CLI."""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from fieldapp.cli import main as cli_main

    return cli_main(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
