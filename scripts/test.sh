#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite. Works as root with no display (CI).
# Before pytest: ruff (rule set in pyproject.toml [tool.ruff.lint]) and the import contracts
# (import-linter, [tool.importlinter]: Qt only in fieldapp.ui, the core never imports the UI or
# the CLI, layer order). Either failing fails the run. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
echo "[fieldapp test] ruff"
.venv/bin/ruff check --no-cache fieldapp tests bench scripts
echo "[fieldapp test] import contracts"
.venv/bin/lint-imports --no-cache
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
