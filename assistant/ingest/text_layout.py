"""Undo a page layout kept in a plain-text export (text copied or extracted from a PDF). Pure.

A PDF turned into text keeps its page furniture (a running header, "— 3 —" footers) on lines of their own, its
lines broken at the right margin (even between a number and its unit), and its tables as columns aligned with runs
of spaces. Everything here is told by structure, never by words: lines repeated next to page numbers, the
file's line-length statistics, and cell start columns shared by consecutive lines.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from assistant.text.patterns import CELL_NUMBER_RE, ENDS_WITH_NUMBER_RE, PAGE_NUMBER_LINE_RE

from .forms import NOTE_RE, SENTENCE_END, box_title, heading_form, table_title

_GAP_RE = re.compile(r"(?: {2,}|\t|\u3000{2,})")
_CELL_RE = re.compile(r"[^ \t\u3000](?:[^ \t\u3000]| (?! )|\u3000(?!\u3000))*")  # up to a gap of 2+ spaces
_NO_LINE_START = "，。、；：！？）》」』”’%％,.;:!?)"
_PAGE_LINES = 12  # text lines a page holds at least
_NEAR_PAGE = 3  # a running header or footer sits this close (in non-blank lines) to a page number
_WRAPPED_SHARE = 0.3  # share of long lines ending mid-sentence above which a file is taken as hard-wrapped
_PAGE_WIDTH = 80  # characters a printed page's line holds at most: lines cut at a wider "margin" are paragraphs


def width(text: str) -> int:
    """Display width: a Chinese (wide) character takes two columns, as the exporter aligned them."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


# ---------------------------------------------------------------- page furniture


def _page(line: str) -> int:
    m = PAGE_NUMBER_LINE_RE.match(line)
    return int(next(g for g in m.groups() if g))


def page_numbers(lines: list[str]) -> list[int]:
    """Indexes of lone numbers that count pages: each one more than the last, a page of text apart. The
    numbers of a table flattened to one cell per line (序号 1, 2, … a few lines apart) never form such a chain."""
    chain: list[int] = []
    for i, ln in enumerate(lines):
        m = PAGE_NUMBER_LINE_RE.match(ln)
        if not m:
            continue
        n = _page(ln)
        if chain and n == _page(lines[chain[-1]]) + 1:
            if sum(1 for x in lines[chain[-1] + 1:i] if x.strip()) >= _PAGE_LINES:
                chain.append(i)
        elif not chain or len(chain) == 1:
            chain = [i]
    return chain if len(chain) >= 2 else []


def furniture(lines: list[str]) -> set[int]:
    """Indexes of page numbers and running headers/footers. A lone number counts as a page number only when the
    file has several; a short line counts as a running header when it repeats at least three times and most of its
    copies stand next to a page number."""
    pages = page_numbers(lines)
    if len(pages) < 2:
        return set()
    out = set(pages)
    text = [i for i, ln in enumerate(lines) if ln.strip()]
    pos = {i: k for k, i in enumerate(text)}
    page_pos = [pos[i] for i in pages]
    copies: dict[str, list[int]] = {}
    for i in text:
        copies.setdefault(lines[i].strip(), []).append(i)
    for t, where in copies.items():
        if len(where) < 3 or len(t) > 30 or t[-1:] in SENTENCE_END or where[0] in out:
            continue
        near = sum(any(abs(pos[j] - p) <= _NEAR_PAGE for p in page_pos) for j in where)
        if near * 2 > len(where):
            out.update(where)
    return out


# ---------------------------------------------------------------- space-aligned tables


@dataclass(frozen=True)
class _Cells:
    starts: tuple[int, ...]  # display column of each cell
    texts: tuple[str, ...]


def cells(line: str) -> _Cells:
    """A line cut into cells at runs of two or more spaces (or a tab), with each cell's display column."""
    starts, texts = [], []
    for m in _CELL_RE.finditer(line.rstrip()):
        starts.append(width(line[:m.start()]))
        texts.append(m.group(0).strip())
    return _Cells(tuple(starts), tuple(texts))


def _is_row(line: str) -> bool:
    return bool(line.strip()) and len(cells(line).texts) >= 2 and bool(_GAP_RE.search(line.strip()))


def _column(start: int, columns: tuple[int, ...]) -> int:
    k = 0
    for n, c in enumerate(columns):
        if c <= start + 2:
            k = n
    return k


def aligned_table(lines: list[str], i: int, skip: set[int]) -> tuple[list[tuple[str, ...]], int] | None:
    """A table of space-aligned columns starting at lines[i] (its header): rows of cell texts and the index after
    it, or None. A line whose first column is empty continues the cells of the row above (a wrapped cell), unless
    it puts a bare number where the row above has one too (a 合计 row). Blank lines and ``skip`` lines (page
    furniture) inside the table are passed over."""
    head = cells(lines[i])
    if len(head.texts) < 3 or not _is_row(lines[i]) or lines[i][:1] in " \t":
        return None
    columns = head.starts
    rows: list[list[str]] = [list(head.texts)]
    j, end = i + 1, i + 1
    while j < len(lines):
        if j in skip or not lines[j].strip():
            j += 1
            continue
        c = cells(lines[j])
        if not c.texts or (len(c.texts) < 2 and c.starts[0] < columns[min(1, len(columns) - 1)] - 2):
            break  # a text line (or a heading) starting at the margin ends the table
        placed = [""] * len(columns)
        for s, t in zip(c.starts, c.texts, strict=True):
            k = _column(s, columns)
            placed[k] = (placed[k] + " " + t).strip() if placed[k] else t
        prev = rows[-1]
        continues = (not placed[0] and len(rows) > 1 and not any(
            CELL_NUMBER_RE.match(v) and CELL_NUMBER_RE.match(prev[k]) for k, v in enumerate(placed) if v))
        if continues:
            for k, v in enumerate(placed):
                if v:
                    prev[k] = prev[k] + v if prev[k] else v
        else:
            if sum(bool(v) for v in placed) < 2:
                break
            rows.append(placed)
        j += 1
        end = j
    if len(rows) < 3:
        return None
    return [tuple(r) for r in rows], end


# ---------------------------------------------------------------- hard-wrapped lines


def wrap_width(lines: list[str]) -> int | None:
    """The width a hard-wrapped file was broken at, or None when its lines are whole paragraphs: a file is
    wrapped when many of its long lines stop mid-sentence at a width a page can hold."""
    long = [ln.strip() for ln in lines if len(ln.strip()) >= 20 and not _is_row(ln)]
    if len(long) < 10:
        return None
    cut = [ln for ln in long if ln[-1] not in SENTENCE_END + "：:"]
    if len(cut) < _WRAPPED_SHARE * len(long):
        return None
    lengths = sorted(len(ln) for ln in cut)
    middle = lengths[len(lengths) // 2]
    return middle if middle <= _PAGE_WIDTH else None  # paragraphs that end without a full stop (a legal export)


def _starts_block(text: str) -> bool:
    return bool(heading_form(text) or box_title(text) or table_title(text) or NOTE_RE.match(text))


def continues(a: str, b: str, wrap: int) -> bool:
    """Is ``b`` the rest of a line broken at the margin after ``a``?"""
    a, b = a.strip(), b.strip()
    if not a or not b:
        return False
    if b[0] in _NO_LINE_START:
        return True  # no line of a plan starts with a comma, a full stop or a closing bracket
    if a[-1] in SENTENCE_END + "：:" or _starts_block(b):
        return False
    if (f := heading_form(a)) is not None and not any(ch in f.rest for ch in SENTENCE_END + "，"):
        return False  # a heading alone on its line
    return len(a) >= 0.7 * wrap or bool(ENDS_WITH_NUMBER_RE.search(a))
