"""Plain-text and markdown readers: bytes -> decoded lines -> blocks.

Plan documents arrive in whatever encoding the exporting machine used
(UTF-8, UTF-8 with BOM, UTF-16 from Notepad, GBK/GB18030 from Chinese
Windows, Big5 from Taiwan/Hong Kong). Decoding is pure (``decode_text``);
``read_text`` and ``read_markdown`` are the only functions that open files.
"""

from __future__ import annotations

import codecs
import logging
import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import DocumentError, EmptyDocumentError
from assistant.ingest.pandoc_md import inline, pandoc_blocks
from assistant.ingest.read_pdf import join_wrapped
from assistant.ingest.text_layout import aligned_table, continues, furniture, wrap_width
from assistant.types import Block, RawDocument, SourceLine, SourceTable

logger = logging.getLogger(__name__)

_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC = ((b"%PDF", ".pdf"), (b"PK\x03\x04", ".docx"), (b"\xd0\xcf\x11\xe0", ".doc / .wps"))
_CONTROL_BYTES = frozenset(range(32)) - {9, 10, 11, 12, 13, 27}
_MAX_ERRORS = 200
_NEWLINE = re.compile(r"\r\n|\r|\n")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Decoded:
    """Decoded text split into lines; ``bad_lines`` are 1-based lines that held undecodable bytes."""

    lines: tuple[str, ...]
    encoding: str
    bad_lines: tuple[int, ...] = ()


def _decode_counting(data: bytes, encoding: str) -> tuple[str, list[int]]:
    """Decode, replacing bad bytes with U+FFFD; also return the text offsets of the replacements."""
    parts: list[str] = []
    bad: list[int] = []
    size = 0
    pos = 0
    while pos < len(data):
        if len(bad) >= _MAX_ERRORS:  # give up counting on hopeless input
            parts.append(data[pos:].decode(encoding, errors="replace"))
            break
        try:
            parts.append(data[pos:].decode(encoding))
            break
        except UnicodeDecodeError as err:
            good = data[pos : pos + err.start].decode(encoding, errors="replace")
            parts.extend((good, "\ufffd"))
            size += len(good)
            bad.append(size)
            size += 1
            pos += max(err.end, err.start + 1)
    return "".join(parts), bad


def split_lines(text: str) -> list[str]:
    """Split on \\r\\n, \\n or \\r; a final newline does not start an extra empty line."""
    lines = _NEWLINE.split(text)
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


def _bad_line_numbers(text: str, offsets: list[int]) -> tuple[int, ...]:
    starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
    return tuple(sorted({bisect_right(starts, off) for off in offsets}))


def _common_share(text: str, encoding: str) -> float:
    """Share of Chinese characters that sit in the encoding's frequently-used block.

    Big5 bytes also decode as GB18030 (and vice versa), but into rare characters:
    real text is >95% GB2312 level-1 (lead byte B0-D7) or Big5 level-1 (A4-C6).
    """
    low, high = (0xB0, 0xD7) if encoding == "gb18030" else (0xA4, 0xC6)
    probe = "gb2312" if encoding == "gb18030" else "big5"
    hanzi = _CJK.findall(text)
    if not hanzi:
        return 0.0
    hits = 0
    for ch in hanzi:
        try:
            hits += low <= ch.encode(probe)[0] <= high
        except UnicodeEncodeError:
            pass
    return hits / len(hanzi)


def _pick_chinese(data: bytes, gb: str, b5: str) -> str:
    share_gb, share_b5 = _common_share(gb, "gb18030"), _common_share(b5, "big5")
    if abs(share_gb - share_b5) > 0.1:
        return "gb18030" if share_gb > share_b5 else "big5"
    # too few characters to tell: let charset-normalizer's language model decide
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "big5"]).best()
    return "big5" if best is not None and best.encoding == "big5" else "gb18030"


def _looks_binary(data: bytes) -> bool:
    head = data[:65536]
    if b"\x00" in head:
        return True
    return sum(b in _CONTROL_BYTES for b in head) > 0.05 * len(head)


def _choose(data: bytes, path: str) -> tuple[str, str, list[int]]:
    """Return (encoding, text, bad offsets) or raise for binary input."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text, bad = _decode_counting(data[len(bom) :], enc)
            return (enc if enc != "utf-8" else "utf-8-sig"), text, bad
    if _looks_binary(data):  # UTF-16 without a BOM lands here too: Notepad always writes the BOM
        hint = next((f"（看起来是 {ext} 文件 / it looks like a {ext} file）" for m, ext in _MAGIC if data.startswith(m)), "")
        raise DocumentError(
            f"不是文本文件（含 NUL 或大量控制字符）{hint}。请提供 UTF-8/GBK 文本，或使用正确的扩展名 (.docx .pdf)。"
            f" / not a text document (NUL bytes or many control characters){hint}; give a UTF-8/GBK text file "
            "or rename it with its real extension (.docx, .pdf).",
            path,
        )
    try:
        return "utf-8", data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    u8_text, u8_bad = _decode_counting(data, "utf-8")
    if sum(ord(c) > 127 and c != "\ufffd" for c in u8_text) >= 4 * len(u8_bad):
        return "utf-8", u8_text, u8_bad  # UTF-8 with a few damaged bytes
    gb_text, gb_bad = _decode_counting(data, "gb18030")
    b5_text, b5_bad = _decode_counting(data, "big5")
    if not gb_bad and not b5_bad:
        choice = _pick_chinese(data, gb_text, b5_text)
    else:
        choice = "gb18030" if len(gb_bad) <= len(b5_bad) else "big5"
    if choice == "big5":
        return "big5", b5_text, b5_bad
    if not gb_bad:
        try:
            data.decode("gbk")
            return "gbk", gb_text, []
        except UnicodeDecodeError:
            pass
    return "gb18030", gb_text, gb_bad


def decode_text(data: bytes, path: str = "") -> Decoded:
    """Detect the encoding of ``data`` and split it into lines; raise DocumentError for binary data."""
    encoding, text, bad = _choose(data, path)
    return Decoded(tuple(split_lines(text)), encoding, _bad_line_numbers(text, bad))


def _load(path: Path) -> tuple[Decoded, list[str]]:
    data = path.read_bytes()
    name = str(path)
    if not data.strip():
        raise EmptyDocumentError("文件为空或只有空白 / the file is empty or whitespace only; add content and retry.", name)
    decoded = decode_text(data, name)
    if all(not line.strip() for line in decoded.lines):
        raise EmptyDocumentError("文件为空或只有空白 / the file is empty or whitespace only; add content and retry.", name)
    warnings: list[str] = []
    if decoded.bad_lines:
        shown = ", ".join(map(str, decoded.bad_lines[:20])) + (" …" if len(decoded.bad_lines) > 20 else "")
        warnings.append(
            f"{name}: 第 {shown} 行含无法按 {decoded.encoding} 解码的字节，已替换为 �；建议另存为 UTF-8。"
            f" / line(s) {shown} contain bytes that are not valid {decoded.encoding}; they were replaced "
            "with U+FFFD. Re-save the file as UTF-8 to fix."
        )
        logger.warning(warnings[-1])
    return decoded, warnings


def read_text(path: Path) -> RawDocument:
    """A .txt file: lines verbatim, a pipe table (a header row over a ``| --- |`` row, as text exports of Word or
    web pages carry them) as a SourceTable; one saved from a web page or converter that carries markdown (# headings,
    **bold**, pipe tables) is read as markdown, its line numbers unchanged."""
    decoded, warnings = _load(path)
    if looks_markdown(decoded.lines):
        return RawDocument(str(path), "txt", tuple(markdown_blocks(decoded.lines)), decoded.encoding, tuple(warnings))
    return RawDocument(str(path), "txt", tuple(text_blocks(decoded.lines)), decoded.encoding, tuple(warnings))


def text_blocks(lines: list[str] | tuple[str, ...]) -> list[Block]:
    """Lines verbatim and pipe tables; in a file that keeps a PDF's page layout (page numbers on their own lines,
    lines broken at the margin, space-aligned columns) the page furniture is dropped, broken lines are joined into
    one block (numbered by its first line) and aligned columns become a SourceTable (see ``text_layout``)."""
    lines = list(lines)
    skip = furniture(lines)
    wrap = wrap_width([ln for k, ln in enumerate(lines) if k not in skip])
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        if i in skip:
            i += 1
            continue
        if _is_table_start(lines, i):
            i = _take_table(lines, i, blocks)
            continue
        found = aligned_table(lines, i, skip) if "\t" not in lines[i] else None
        if found is not None:
            rows, end = found
            blocks.append(SourceTable(i + 1, tuple(rows)))
            i = end
            continue
        text, lineno = lines[i], i + 1
        i += 1
        while wrap is not None and text.strip():
            j = _past_furniture(lines, i, skip)
            if j < len(lines) and continues(text, lines[j], wrap) and aligned_table(lines, j, skip) is None:
                text = join_wrapped(text.rstrip(), lines[j].strip())
                i = j + 1
            else:
                break
        blocks.append(SourceLine(lineno, text))
    return blocks


def _past_furniture(lines: list[str], i: int, skip: set[int]) -> int:
    """The index after a run of page furniture and the blank lines around it starting at lines[i] (what stands
    between the halves of a sentence cut by a page break); ``i`` itself when the run holds no furniture."""
    j = i
    while j < len(lines) and (j in skip or not lines[j].strip()):
        j += 1
    return j if any(k in skip for k in range(i, j)) else i


_MD_SIGN = re.compile(r"^ {0,3}#{1,6}[ \t]+\S|^\s*\*\*\S.*\*\*|^\s*\|?\s*:?-{3,}:?\s*\||^\s*\+(?:[-=:]{3,}\+)+\s*$")


def looks_markdown(lines: tuple[str, ...] | list[str]) -> bool:
    """At least two lines with markdown marks: ATX headings, bold runs opening a line, table separators, grid
    table borders."""
    return sum(1 for ln in lines if _MD_SIGN.match(ln)) >= 2


# ---------------------------------------------------------------- markdown

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")


def _pipe_cells(line: str) -> tuple[str, ...]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    cells = re.split(r"(?<!\\)\|", body)
    return tuple(inline(c.strip()) for c in cells)


def _take_table(lines: list[str] | tuple[str, ...], i: int, blocks: list[Block],
                linenos: list[int] | None = None) -> int:
    """The pipe table starting at lines[i] -> one SourceTable; returns the index after it."""
    rows = [_pipe_cells(lines[i])]
    lineno = linenos[i] if linenos else i + 1
    i += 2
    while i < len(lines) and lines[i].strip() and "|" in lines[i]:
        rows.append(_pipe_cells(lines[i]))
        i += 1
    blocks.append(SourceTable(lineno, tuple(rows)))
    return i


def _is_table_start(lines: list[str] | tuple[str, ...], i: int) -> bool:
    if "|" not in lines[i] or i + 1 >= len(lines) or not _TABLE_SEP.match(lines[i + 1]):
        return False
    return len(_pipe_cells(lines[i + 1])) == len(_pipe_cells(lines[i]))


_QUOTE = re.compile(r"^ {0,3}(?:>[ \t]?)+")
_LEAD = re.compile(r"^\s*((?:(?:\*\*|__)(?=\S)[^*_]+?(?<=\S)(?:\*\*|__)\s*)+)(?=\S)")
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


_BULLET = re.compile(r"^ {0,3}[-*+][ \t]+(?=\S)(?![-*+_][ \t]*[-*+_])")  # "-   儿童青少年": the list marker


def _plain(line: str) -> str:
    return _EMPHASIS.sub(r"\2", _BULLET.sub("", _QUOTE.sub("", line)))


def _unmark(line: str) -> str:
    """A line without blockquote markers (a 专栏 set off as "> …"), bold markers (**…**) and pandoc's inline marks
    (attributes, spans, footnote markers, backslash escapes: ``pandoc_md.inline``)."""
    return inline(_plain(line))


def _lead(line: str) -> str | None:
    """The bold run opening a line (a run-in heading); None for a wholly bold line."""
    m = _LEAD.match(_QUOTE.sub("", line))
    if m is None or line[m.end():].startswith(("**", "__")):
        return None
    return inline(re.sub(r"\*\*|__|\s+", "", m.group(1)))


def markdown_blocks(lines: list[str] | tuple[str, ...]) -> list[Block]:
    """ATX and setext headings -> SourceLine with style_level; pipe, grid and HTML tables -> SourceTable (a one-cell
    grid table, a framed 专栏, -> its lines); the rest verbatim, with blockquote, bold and pandoc's inline marks
    removed (``pandoc_md``)."""
    items = pandoc_blocks(lines)
    texts = [_plain(b.text) if isinstance(b, SourceLine) else "" for b in items]
    blocks: list[Block] = []
    in_fence = False
    i = 0
    while i < len(items):
        item = items[i]
        if isinstance(item, SourceTable):
            blocks.append(item)
            i += 1
            continue
        line, lineno = item.text, item.lineno
        if _FENCE.match(line):
            in_fence = not in_fence
        elif in_fence:
            pass
        elif _is_table_start(texts, i) and isinstance(items[i + 1], SourceLine):
            i = _take_table(texts, i, blocks, [b.lineno for b in items])
            continue
        elif item.style_level is not None:
            blocks.append(SourceLine(lineno, _unmark(line), style_level=item.style_level))
            i += 1
            continue
        elif m := _ATX.match(texts[i]):
            blocks.append(SourceLine(lineno, _unmark(m.group(2) or ""), style_level=len(m.group(1))))
            i += 1
            continue
        if in_fence or _FENCE.match(line):
            blocks.append(SourceLine(lineno, line))
        else:
            blocks.append(SourceLine(lineno, _unmark(line), lead=_lead(line)))
        i += 1
    return blocks


def read_markdown(path: Path) -> RawDocument:
    decoded, warnings = _load(path)
    blocks = tuple(markdown_blocks(decoded.lines))
    return RawDocument(str(path), "md", blocks, decoded.encoding, tuple(warnings))
