#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite: fast tests, real-model tests and browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
.venv/bin/ruff check .
exec .venv/bin/python -m pytest "$@"
