"""规划问答: question answering over Chinese plan documents."""

from __future__ import annotations

__version__ = "0.1.0"
