#!/usr/bin/env bash
# Set up (if needed) and run the chat page on the bundled corpus: http://127.0.0.1:7860
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python app.py "$@"
