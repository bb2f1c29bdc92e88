"""Reading files and parsing them into Documents."""

from __future__ import annotations

from .loader import load_corpus, load_document

__all__ = ["load_corpus", "load_document"]
