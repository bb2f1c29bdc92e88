"""Read any supported plan file into the common line/table model (RawDocument).

One entry point, ``read_file``; one reader module per format (read_text,
read_docx, read_pdf). Each reader raises DocumentError (or a subclass) for
anything it cannot read, never a bare library exception.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from assistant.errors import DocumentError, UnsupportedFormatError
from assistant.ingest.bounds import check_docx, check_pdf, check_text
from assistant.limits import ReadLimits
from assistant.types import RawDocument

logger = logging.getLogger(__name__)

SUPPORTED_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".docx", ".pdf", ".html", ".htm")
_OLD_WORD = frozenset({".doc", ".wps", ".dot", ".wpt"})


def _reader(suffix: str) -> Callable[[Path], RawDocument]:
    if suffix in (".txt", ".md"):
        from assistant.ingest.read_text import read_markdown, read_text

        return read_markdown if suffix == ".md" else read_text
    if suffix in (".html", ".htm"):
        from assistant.ingest.read_html import read_html

        return read_html
    if suffix == ".docx":
        from assistant.ingest.read_docx import read_docx

        return read_docx
    from assistant.ingest.read_pdf import read_pdf

    return read_pdf


def read_file(path: str | Path, limits: ReadLimits | None = None) -> RawDocument:
    """Read a .txt, .md, .docx, .pdf or .html file into blocks in reading order.

    Raises UnsupportedFormatError for other extensions, EmptyDocumentError for a
    file with no readable text, DocumentError for anything else that is wrong,
    including a file over one of ``limits`` (assistant/limits.py).
    """
    limits = limits or ReadLimits()
    p = Path(path)
    suffix = p.suffix.lower()
    allowed = " ".join(SUPPORTED_SUFFIXES)
    if suffix in _OLD_WORD:
        raise UnsupportedFormatError(
            f"不支持旧版 {suffix} 格式，请在 Word/WPS 中另存为 .docx 后重试。"
            f" / the old {suffix} format is not supported; open it in Word or WPS, save as .docx "
            f"(请另存为 .docx) and try again. Supported: {allowed}",
            str(p),
        )
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedFormatError(
            f"不支持的文件类型 “{suffix or '(无扩展名)'}”，支持：{allowed}。"
            f" / unsupported file type '{suffix or '(no extension)'}'; supported: {allowed}. "
            "Convert the file to one of these and try again.",
            str(p),
        )
    if not p.is_file():
        what = "是目录 / is a directory" if p.is_dir() else "不存在 / does not exist"
        raise DocumentError(f"文件{what}; check the path and try again.", str(p))
    logger.debug("reading %s", p)
    try:
        if suffix == ".docx":
            check_docx(p, limits)
        elif suffix == ".pdf":
            check_pdf(p, limits)
        doc = _reader(suffix)(p)
        check_text(doc, limits)
    except DocumentError:
        raise
    except OSError as err:
        raise DocumentError(f"无法读取文件 / cannot read the file ({err.strerror or err}); check permissions.", str(p)) from err
    logger.info("read %s: %d blocks, %d warnings", p.name, len(doc.blocks), len(doc.warnings))
    return doc
