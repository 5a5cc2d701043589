#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite. Works as root with no display (CI).
# Before pytest: ruff (rule set in pyproject.toml [tool.ruff.lint]) and the import contracts
# (import-linter, [tool.importlinter]: Qt only in fieldapp.ui, the core never imports the UI or
# the CLI, layer order). Either failing fails the run. Extra arguments go to pytest.
# With no arguments the suite runs on FIELDAPP_TEST_WORKERS pytest-xdist workers (default 2, the
# machines' core count), one test file per worker at a time (--dist loadfile): the frozen build
# and the UI tests then overlap instead of adding up. FIELDAPP_TEST_WORKERS=0 runs in one process.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
echo "[fieldapp test] ruff"
.venv/bin/ruff check --no-cache fieldapp tests bench scripts
echo "[fieldapp test] import contracts"
.venv/bin/lint-imports --no-cache
export QT_QPA_PLATFORM=offscreen
if [ "$#" -eq 0 ] && [ "${FIELDAPP_TEST_WORKERS:-2}" != "0" ]; then
    set -- -n "${FIELDAPP_TEST_WORKERS:-2}" --dist loadfile
fi
exec .venv/bin/python -m pytest "$@"
