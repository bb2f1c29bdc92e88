"""Logging set-up for the command line and the page: one handler, libraries quiet unless asked.

jieba and bm25s set their loggers to DEBUG when imported (jieba also adds its own console handler, which
printed every line twice); :func:`tame` undoes that right after our code imports them.
"""

from __future__ import annotations

import logging
import sys

LIBRARIES = ("jieba", "bm25s", "httpx", "httpcore", "urllib3", "gradio", "gradio_client", "huggingface_hub",
             "sentence_transformers", "transformers", "faiss", "onnxruntime", "matplotlib", "PIL", "asyncio",
             "multipart", "python_multipart", "filelock", "uvicorn.access")
FORMAT = "%(levelname)s %(name)s: %(message)s"
_state = {"verbose": False}


def library_level() -> int:
    return logging.DEBUG if _state["verbose"] else logging.WARNING


def tame(name: str) -> None:
    """Library logger ``name`` at WARNING (DEBUG with --verbose), its own handlers removed: records reach
    the one root handler once."""
    logger = logging.getLogger(name)
    logger.setLevel(library_level())
    for handler in list(logger.handlers):
        if isinstance(handler, logging.StreamHandler) and not isinstance(handler, logging.FileHandler):
            logger.removeHandler(handler)


def setup_logging(verbose: bool = False, fmt: str = FORMAT) -> None:
    """Root at INFO with ``verbose`` else WARNING, one stderr handler (a second call replaces it)."""
    _state["verbose"] = verbose
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "assistant_handler", False)]:
        root.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(fmt))
    handler.assistant_handler = True
    root.addHandler(handler)
    root.setLevel(logging.INFO if verbose else logging.WARNING)
    for name in LIBRARIES:
        tame(name)
