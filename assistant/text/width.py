"""Display width, as exporters, OCR tools and pandoc align text in columns. Pure."""

from __future__ import annotations

import unicodedata


def width(text: str) -> int:
    """Display width: a Chinese (wide or full-width) character takes two columns, any other one."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
