"""Read a table as an OCR tool writes it out of a scanned page. Pure.

An OCR tool keeps a table row by row but not its columns: the cells of a row stand apart by one to a few spaces or a
ruled line read as " | ", wherever the characters fell. A cell too long for its column goes on below the row, on an
indented line of its own (sometimes after a page break); a merged group cell (类别) is read once, on its group's
first row; a header cell of two lines ("2025年" over "基数") leaves its second half on an indented line of its own.
So a row is told by its count of cells, not by where they start. Everything here is structure: gaps, counts,
numbers and brackets, never words.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.text.patterns import CELL_NUMBER_RE, CELL_VALUE_RE, OCR_CELL_GAP_RE
from assistant.text.patterns import OCR_BAR_RE as _BAR_RE
from assistant.text.width import width

_INDENT = 4  # display columns a continuation line stands in from a row's first cell
_OPENERS = "（(〔【[《“"
_CLOSERS = "）)〕】]》”"
_CUT_END = "、，,（(《“"  # a cell ending here was cut at its column's edge
_ALIGNED_SHARE = 0.5  # share of rows whose cells all start under a header cell, above which the columns are kept


@dataclass(frozen=True)
class Tokens:
    starts: tuple[int, ...]  # display column of each cell
    texts: tuple[str, ...]


def tokens(line: str) -> Tokens:
    """A line cut into cells at every gap (a run of spaces or a bar), with each cell's display column."""
    starts: list[int] = []
    texts: list[str] = []
    pos = 0
    body = line.rstrip()
    for m in list(OCR_CELL_GAP_RE.finditer(body)) + [None]:
        end = m.start() if m else len(body)
        if end > pos:
            starts.append(width(body[:pos]))
            texts.append(body[pos:end])
        if m:
            pos = m.end()
    return Tokens(tuple(starts), tuple(texts))


def _letter_spaced(t: Tokens) -> Tokens:
    """Single characters set apart by spaces in a header ("指   标") are one word."""
    starts: list[int] = []
    texts: list[str] = []
    for s, x in zip(t.starts, t.texts, strict=True):
        if texts and len(x) == 1 and len(texts[-1]) == 1 and width(x) == 2 and width(texts[-1]) == 2:
            texts[-1] += x
            continue
        starts.append(s)
        texts.append(x)
    return Tokens(tuple(starts), tuple(texts))


def _is_number(text: str) -> bool:
    return bool(CELL_NUMBER_RE.match(text) or CELL_VALUE_RE.match(text))


def _column(start: int, columns: tuple[int, ...]) -> int:
    return max((k for k, c in enumerate(columns) if c <= start + 2), default=0)


def columns_kept(head_starts: tuple[int, ...], rows: list[tuple[int, ...]], lines: list[str]) -> bool:
    """Do most rows start each cell under a header cell (a layout that kept its columns), with no ruled line read
    as a bar between two cells?"""
    if not rows:
        return True
    if any(_BAR_RE.search(ln) for ln in lines):
        return False
    aligned = sum(all(any(abs(s - c) <= 2 for c in head_starts) for s in r) for r in rows)
    return aligned > _ALIGNED_SHARE * len(rows)


def _fit(texts: list[str], n: int) -> list[str] | None:
    """A row's cells in ``n`` columns: a merged group cell left to the rows below its first (one cell short), a
    stray space inside a text cell closed up (a cell too many); None when the count is off by more."""
    texts = list(texts)
    while len(texts) > n:
        k = next((k for k in range(len(texts) - 1) if not _is_number(texts[k]) and not _is_number(texts[k + 1])), None)
        if k is None:
            return None
        texts[k:k + 2] = [texts[k] + texts[k + 1]]
    if len(texts) == n - 1:
        return [""] + texts
    return texts if len(texts) == n else None


def _short_row(texts: tuple[str, ...], n: int, numeric: list[bool]) -> list[str]:
    """A row with fewer cells than columns (合计 55.49): its label in the first column, its figures in the
    numeric columns after it, in order."""
    row = [""] * n
    row[0] = texts[0]
    free = [k for k in range(1, n) if numeric[k]]
    for x in texts[1:]:
        if free:
            row[free.pop(0)] = x
    return row


def _cut(cell: str) -> bool:
    opened = sum(cell.count(c) for c in _OPENERS) > sum(cell.count(c) for c in _CLOSERS)
    return opened or cell[-1:] in _CUT_END


def _continue(prev: list[str], parts: tuple[str, ...], wide: int) -> None:
    """Append a continuation line's pieces, in order, to text cells of the row above: cells cut at an open bracket
    or a list mark first, then the widest text column; a tie goes to the later cells."""
    cand = [k for k, v in enumerate(prev) if v and not _is_number(v)]
    best: tuple[int, tuple[int, ...]] | None = None

    def walk(i: int, lo: int, chosen: tuple[int, ...]) -> None:
        nonlocal best
        if i == len(parts):
            score = sum(2 * _cut(prev[k]) + (k == wide) for k in chosen)
            if best is None or (score, chosen) >= best:
                best = (score, chosen)
            return
        for j in range(lo, len(cand)):
            walk(i + 1, j + 1, chosen + (cand[j],))

    walk(0, 0, ())
    if best is None:
        return
    for k, x in zip(best[1], parts, strict=True):
        prev[k] += x


def ocr_table(lines: list[str], i: int, body: list[int]) -> tuple[list[tuple[str, ...]], int] | None:
    """The table whose header is lines[i] read row by row (``body``: the indexes of the lines that may belong to
    it, page furniture passed over): rows of cell texts and the index after it, or None when its rows do not
    hold the header's count of cells."""
    head = _letter_spaced(tokens(lines[i]))
    n = len(head.texts)
    header = list(head.texts)
    first = tokens(lines[i]).texts
    rows: list[list[str]] = []
    lead = head.starts[0]
    end = i + 1
    for j in body:
        t = tokens(lines[j])
        if t.texts == first:
            end = j + 1
            continue  # the header repeated at the top of a page
        indented = t.starts[0] >= lead + _INDENT
        if not rows and indented and len(t.texts) < n and not any(_is_number(x) for x in t.texts):
            for s, x in zip(t.starts, t.texts, strict=True):
                header[_column(s, head.starts)] += x  # the header's second line
            end = j + 1
            continue
        if rows and indented and len(t.texts) < n - 1:
            wide = max(range(n), key=lambda k: sum(len(r[k]) for r in rows if not _is_number(r[k])))
            _continue(rows[-1], t.texts, wide)
            end = j + 1
            continue
        row = _fit(list(t.texts), n)
        if row is None:
            if not rows or len(t.texts) < 2:
                break
            numeric = [sum(_is_number(r[k]) for r in rows) * 2 > len(rows) for k in range(n)]
            row = _short_row(t.texts, n, numeric)
        rows.append(row)
        end = j + 1
    if len(rows) < 2:
        return None
    for k, row in enumerate(rows[1:], 1):
        if not row[0]:
            row[0] = rows[k - 1][0]  # a merged group cell read on its group's first row only
    return [tuple(header)] + [tuple(r) for r in rows], end
