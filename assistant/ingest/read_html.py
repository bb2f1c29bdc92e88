"""A saved government web page (.html) -> blocks: the main text as lines, tables as SourceTable, navigation,
scripts and styles dropped. Stdlib ``html.parser`` only; one pass over the file, so the work is bounded by its size.

Page chrome that is text (索引号, 发布日期, 【打印本页】…) is left in the lines: the front-matter step takes it
out as metadata like any other file's chrome.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from assistant.errors import EmptyDocumentError
from assistant.ingest.read_text import _load
from assistant.types import Block, RawDocument, SourceLine, SourceTable

_SKIP = frozenset({"script", "style", "nav", "header", "footer", "aside", "noscript", "iframe", "select", "button",
                   "form", "svg", "head", "template"})
_BLOCK = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "tr",
                    "blockquote", "pre", "dd", "dt", "ul", "ol", "center"})
_VOID = frozenset({"br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "source", "wbr"})
_HEADING = {f"h{i}": i for i in range(1, 7)}
_NAV_CLASS = re.compile(r"nav|menu|breadcrumb|crumb|footer|header|sidebar|share|toolbar|banner", re.I)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.text: list[str] = []
        self.style: int | None = None
        self.skip: list[str] = []  # open elements whose content is dropped
        self.table: list[list[str]] | None = None
        self.row: list[tuple[str, int, int]] | None = None  # cells as (text, rowspan, colspan)
        self.cell: list[str] | None = None
        self.span = (1, 1)
        self.caption: list[str] | None = None
        self.depth = 0  # nested tables are read as text of their cell
        self.n = 0

    def _flush(self) -> None:
        line = re.sub(r"\s+", " ", "".join(self.text)).strip()
        self.text = []
        if line:
            self.n += 1
            self.blocks.append(SourceLine(self.n, line, style_level=self.style))
        self.style = None

    def handle_starttag(self, tag, attrs):
        if self.skip:
            if tag not in _VOID:
                self.skip.append(tag)
            return
        cls = " ".join(v or "" for k, v in attrs if k in ("class", "id", "role"))
        if tag in _SKIP or (tag in ("div", "ul", "section") and _NAV_CLASS.search(cls)):
            if tag not in _VOID:
                self.skip.append(tag)
            return
        if tag == "table":
            self.depth += 1
            if self.depth == 1:
                self._flush()
                self.table = []
            return
        if self.table is not None and self.depth == 1:
            if tag == "tr":
                self.row = []
            elif tag in ("td", "th"):
                self.cell = []
                self.span = (_span(attrs, "rowspan"), _span(attrs, "colspan"))
            elif tag == "caption":
                self.caption = []
            elif tag == "br" and self.cell is not None:
                self.cell.append(" ")
            return
        if tag in _BLOCK:
            self._flush()
            self.style = _HEADING.get(tag)

    def handle_endtag(self, tag):
        if self.skip:
            if self.skip[-1] == tag:
                self.skip.pop()
            elif tag in self.skip:  # unbalanced markup: close up to the matching element
                del self.skip[self.skip.index(tag):]
            return
        if tag == "table" and self.depth:
            self.depth -= 1
            if self.depth == 0 and self.table is not None:
                rows = tuple(r for r in fill_spans(self.table) if any(c for c in r))
                if rows:
                    self.n += 1
                    self.blocks.append(SourceTable(self.n, rows))
                self.table = None
            return
        if self.table is not None and self.depth == 1:
            if tag in ("td", "th") and self.cell is not None and self.row is not None:
                self.row.append((re.sub(r"\s+", " ", "".join(self.cell)).strip(), *self.span))
                self.cell = None
            elif tag == "caption" and self.caption is not None:  # a table's caption names it: a line above it
                self.n += 1
                self.blocks.append(SourceLine(self.n, re.sub(r"\s+", " ", "".join(self.caption)).strip()))
                self.caption = None
            elif tag == "tr" and self.row is not None:
                self.table.append(self.row)
                self.row = None
            return
        if tag in _BLOCK:
            self._flush()

    def handle_data(self, data):
        if self.skip:
            return
        if self.table is not None:
            if self.cell is not None:
                self.cell.append(data)
            elif self.caption is not None:
                self.caption.append(data)
            return
        self.text.append(data)


def _span(attrs, name: str) -> int:
    value = next((v for k, v in attrs if k == name), None) or "1"
    return max(1, min(int(value), 100)) if value.strip().isdigit() else 1


def fill_spans(rows: list[list[tuple[str, int, int]]]) -> list[tuple[str, ...]]:
    """Rows of (text, rowspan, colspan) cells -> a grid: a cell spanning rows or columns fills every place it
    covers (床位数 over 2025年 | 2030年; 中心城区 beside each of its districts; 全市合计 across the name columns)."""
    grid: list[tuple[str, ...]] = []
    below: dict[int, tuple[str, int]] = {}  # column -> (text, rows still covered)
    for cells in rows:
        row: list[str] = []
        for text, rowspan, colspan in cells:
            _carry(row, below)
            for _ in range(colspan):
                if rowspan > 1:
                    below[len(row)] = (text, rowspan - 1)
                row.append(text)
        _carry(row, below)
        grid.append(tuple(row))
    return grid


def _carry(row: list[str], below: dict[int, tuple[str, int]]) -> None:
    """Put the cells spanning down from rows above into ``row`` where it has reached their column."""
    while len(row) in below:
        text, left = below.pop(len(row))
        if left > 1:
            below[len(row)] = (text, left - 1)
        row.append(text)


def html_blocks(text: str) -> list[Block]:
    """Pure: page source -> blocks in reading order (line numbers count the blocks)."""
    page = _Page()
    page.feed(text)
    page.close()
    page._flush()
    return page.blocks


def read_html(path: Path) -> RawDocument:
    decoded, warnings = _load(path)
    blocks = tuple(html_blocks("\n".join(decoded.lines)))
    if not any(isinstance(b, SourceLine) and b.text.strip() for b in blocks):
        raise EmptyDocumentError("网页中没有正文 / the page has no body text; save the page with its content and "
                                 "retry.", str(path))
    return RawDocument(str(path), "html", blocks, decoded.encoding, tuple(warnings))
