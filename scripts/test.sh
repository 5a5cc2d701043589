#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite. Works as root with no display (CI).
# Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
