#!/usr/bin/env bash
# Set up (if needed) and start FieldApp. Extra arguments go to `fieldapp`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/fieldapp "$@"
