"""Checks that a file will not unpack, page or grow into more than a plan may: run before a reader parses it.

A .docx is checked from its zip directory first (member count, declared sizes), then every member is inflated
once in a stream with the bytes counted, since a directory can lie. A PDF's pages are counted by walking its
page tree (no page content is parsed). The extracted text is checked after reading.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import DocumentError
from ..limits import ReadLimits, too_large
from ..types import RawDocument, SourceLine, SourceTable

_MB = 1024 * 1024


def _is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels"))


def check_docx(path: Path, limits: ReadLimits) -> None:
    name = str(path)
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            if len(infos) > limits.max_zip_members:
                raise too_large("zip 成员数 / number of parts in the .docx", len(infos), limits.max_zip_members,
                                "max_zip_members", name)
            _check_sizes(sum(i.file_size for i in infos), sum(i.file_size for i in infos if _is_xml(i.filename)),
                         limits, name)
            total = xml = 0
            for info in infos:  # the directory may lie: count what inflating really gives
                with z.open(info) as f:
                    while block := f.read(1 << 20):
                        total += len(block)
                        xml += len(block) if _is_xml(info.filename) else 0
                        _check_sizes(total, xml, limits, name)
    except DocumentError:
        raise
    except Exception:  # noqa: BLE001 - not a zip, damaged, encrypted: the reader says what is wrong with it
        return


def _check_sizes(total: int, xml: int, limits: ReadLimits, name: str) -> None:
    if total > limits.max_unpacked_mb * _MB:
        raise too_large("解压后大小（MB）/ unpacked size in MB", -(-total // _MB), limits.max_unpacked_mb,
                        "max_unpacked_mb", name)
    if xml > limits.max_xml_mb * _MB:
        raise too_large("解压后正文 XML 大小（MB）/ unpacked XML in MB", -(-xml // _MB), limits.max_xml_mb,
                        "max_xml_mb", name)


def check_pdf(path: Path, limits: ReadLimits) -> None:
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        with open(path, "rb") as f:
            document = PDFDocument(PDFParser(f))
            for n, _page in enumerate(PDFPage.create_pages(document), 1):
                if n > limits.max_pdf_pages:
                    raise too_large("PDF 页数 / number of PDF pages", n, limits.max_pdf_pages, "max_pdf_pages",
                                    str(path))
    except DocumentError:
        raise
    except Exception:  # noqa: BLE001 - a damaged or encrypted PDF: the reader says what is wrong with it
        return


def check_text(doc: RawDocument, limits: ReadLimits) -> None:
    chars = 0
    for b in doc.blocks:
        if isinstance(b, SourceLine):
            chars += len(b.text)
        elif isinstance(b, SourceTable):
            chars += sum(len(c) for row in b.rows for c in row)
    if chars > limits.max_text_chars:
        raise too_large("正文字数 / characters of text", chars, limits.max_text_chars, "max_text_chars", doc.path)
