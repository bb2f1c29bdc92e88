"""Undo a page layout kept in a plain-text export (text copied or extracted from a PDF). Pure.

A PDF turned into text keeps its page furniture (a running header, "— 3 —" footers) on lines of their own, its
lines broken at the right margin (even between a number and its unit), and its tables as columns aligned with runs
of spaces. Everything here is told by structure, never by words: lines repeated next to page numbers, the
file's line-length statistics, and cell start columns shared by consecutive lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text.patterns import CELL_NUMBER_RE, CONTINUED_TABLE_RE, ENDS_WITH_NUMBER_RE, PAGE_NUMBER_LINE_RE
from assistant.text.width import width

from .forms import ANNEX_RE, NOTE_RE, SENTENCE_END, box_title, heading_form, table_title
from .ocr_table import columns_kept, ocr_table

_GAP_RE = re.compile(r"(?: {2,}|\t|\u3000{2,})")
_CELL_RE = re.compile(r"[^ \t\u3000](?:[^ \t\u3000]| (?! )|\u3000(?!\u3000))*")  # up to a gap of 2+ spaces
_NO_LINE_START = "，。、；：！？）》」』”’%％,.;:!?)"
_PAGE_LINES = 12  # text lines a page holds at least
_NEAR_PAGE = 3  # a running header or footer sits this close (in non-blank lines) to a page number
_WRAPPED_SHARE = 0.3  # share of long lines ending mid-sentence above which a file is taken as hard-wrapped
_PAGE_WIDTH = 80  # characters a printed page's line holds at most: lines cut at a wider "margin" are paragraphs


# ---------------------------------------------------------------- page furniture


def _page(line: str) -> int:
    m = PAGE_NUMBER_LINE_RE.match(line)
    return int(next(g for g in m.groups() if g))


def page_numbers(lines: list[str]) -> list[int]:
    """Indexes of lone numbers that count pages: each one more than the last, a page of text apart (the last page,
    ending the file, may be short). The numbers of a table flattened to one cell per line (序号 1, 2, … a few lines
    apart) never form such a chain."""
    chain: list[int] = []
    for i, ln in enumerate(lines):
        m = PAGE_NUMBER_LINE_RE.match(ln)
        if not m:
            continue
        n = _page(ln)
        if chain and n == _page(lines[chain[-1]]) + 1:
            last = not any(x.strip() for x in lines[i + 1:])  # the last page may be short
            if last or sum(1 for x in lines[chain[-1] + 1:i] if x.strip()) >= _PAGE_LINES:
                chain.append(i)
        elif not chain or len(chain) == 1:
            chain = [i]
    return chain if len(chain) >= 2 else []


def furniture(lines: list[str]) -> set[int]:
    """Indexes of page numbers and running headers/footers. A lone number counts as a page number only when the
    file has several; a short line counts as a running header when it repeats at least three times and most of its
    copies stand next to a page number. Only those copies are furniture: a copy far from every page number (the
    plan's title on its cover, when the running header repeats the title) is text."""
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
        near = [j for j in where if any(abs(pos[j] - p) <= _NEAR_PAGE for p in page_pos)]
        if len(near) * 2 > len(where):
            out.update(near)
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


def _table_lines(lines: list[str], i: int, skip: set[int], columns: tuple[int, ...]) -> list[int]:
    """Indexes of the lines after the header at lines[i] that may belong to its table: up to a text line (or a
    heading) starting left of the second column, blank lines, ``skip`` lines (page furniture) and a continuation
    caption (续表) passed over."""
    out = []
    for j in range(i + 1, len(lines)):
        if j in skip or not lines[j].strip() or CONTINUED_TABLE_RE.match(lines[j]):
            continue
        c = cells(lines[j])
        if not c.texts or (len(c.texts) < 2 and c.starts[0] < columns[min(1, len(columns) - 1)] - 2):
            break
        out.append(j)
    return out


def _split_header(head: _Cells, body: list[_Cells]) -> _Cells:
    """A header cell of two words one space apart ("序号 指标") is two columns when rows below start a cell under
    its second word: the exporter left one space where the columns were narrow."""
    starts: list[int] = []
    texts: list[str] = []
    for s, t in zip(head.starts, head.texts, strict=True):
        words = t.split(" ")
        at = s
        cut = [0]
        for k, w in enumerate(words[:-1]):
            at += width(w) + 1
            if sum(any(abs(x - at) <= 1 for x in b.starts) for b in body) >= 2:
                cut.append(k + 1)
        for a, b in zip(cut, cut[1:] + [len(words)], strict=True):
            starts.append(s + sum(width(w) + 1 for w in words[:a]))
            texts.append(" ".join(words[a:b]))
    return _Cells(tuple(starts), tuple(texts))


def _place(c: _Cells, columns: tuple[int, ...]) -> list[str]:
    placed = [""] * len(columns)
    for s, t in zip(c.starts, c.texts, strict=True):
        k = _column(s, columns)
        placed[k] = (placed[k] + " " + t).strip() if placed[k] else t
    return placed


def centred_spans(labels: list[int], n: int) -> list[tuple[int, int]] | None:
    """The rows each label of a vertically centred merged cell spans: contiguous groups covering rows 0..n-1, each
    label on its group's middle row (the upper one of two), the most even sizes when several fit; None if none."""
    best: dict[int, tuple[int, list[tuple[int, int]]]] = {labels[0]: (0, [])}  # rows above the label -> cost, spans
    for i, p in enumerate(labels):
        nxt: dict[int, tuple[int, list[tuple[int, int]]]] = {}
        for up, (cost, spans) in best.items():
            for down in (up, up + 1):
                last = p + down
                if i + 1 < len(labels):
                    above = labels[i + 1] - last - 1
                    if above < 0:
                        continue
                elif last != n - 1:
                    continue
                else:
                    above = 0
                size = up + down + 1
                cand = (cost + size * size, spans + [(p - up, last)])
                if above not in nxt or cand[0] < nxt[above][0]:
                    nxt[above] = cand
        best = nxt
    return min(best.values())[1] if best else None


def _spread_groups(rows: list[list[str]], key: int) -> None:
    """Columns left of the key column hold a group's name once, beside the middle of its rows (a merged cell
    centred vertically): every row of the group takes the name (the nearest name when no centred spans fit)."""
    for k in range(key):
        named = [(r, row[k]) for r, row in enumerate(rows) if row[k]]
        if not named:
            continue
        spans = centred_spans([r for r, _ in named], len(rows))
        for r, row in enumerate(rows):
            if spans is not None:
                row[k] = next(name for (a, b), (_, name) in zip(spans, named, strict=True) if a <= r <= b)
            else:
                row[k] = min(named, key=lambda n, r=r: (abs(n[0] - r), n[0] > r))[1]


def aligned_table(lines: list[str], i: int, skip: set[int]) -> tuple[list[tuple[str, ...]], int] | None:
    """A table of space-aligned columns starting at lines[i] (its header): rows of cell texts and the index after
    it, or None. A header cell broken onto the next line ("总投资" over "（亿元）") is joined; a line that leaves the
    key column empty (the first column the first row fills) continues the cells of the row above (a wrapped cell),
    unless it puts a bare number where the row above has one too (a 合计 row). Blank lines, ``skip`` lines (page
    furniture), a 续表 caption and the header repeated on a new page are passed over. Group names written once
    beside the middle of their rows (the first row has none) are given to every row of the group."""
    head = cells(lines[i])
    if len(head.texts) < 3 or not _is_row(lines[i]) or lines[i][:1] in " \t":
        return None
    first = " ".join(head.texts)
    body = _table_lines(lines, i, skip, head.starts)
    head = _split_header(head, [cells(lines[j]) for j in body])
    if not columns_kept(head.starts, [cells(lines[j]).starts for j in body], [lines[j] for j in body]):
        return ocr_table(lines, i, body)  # an OCR'd table: rows kept, columns not
    columns = head.starts
    header = list(head.texts)
    rows: list[list[str]] = []
    end = i + 1
    for j in body:
        c = cells(lines[j])
        if " ".join(c.texts) == first:
            end = j + 1
            continue  # the header repeated at the top of a page
        placed = _place(c, columns)
        if not rows and not placed[0] and 2 * sum(bool(v) for v in placed) < len(columns) and not any(
                CELL_NUMBER_RE.match(v) for v in placed if v):
            header = [h + v for h, v in zip(header, placed, strict=True)]  # the header's own wrapped cells
            end = j + 1
            continue
        key = next((k for k, v in enumerate(rows[0]) if v), 0) if rows else 0
        prev = rows[-1] if rows else None
        continues = (prev is not None and not placed[key] and not any(
            CELL_NUMBER_RE.match(v) and CELL_NUMBER_RE.match(prev[k]) for k, v in enumerate(placed) if v))
        if continues:
            for k, v in enumerate(placed):
                if v:
                    prev[k] = prev[k] + v if prev[k] else v
        else:
            if sum(bool(v) for v in placed) < 2:
                break
            rows.append(placed)
        end = j + 1
    if len(rows) < 2:
        return None
    key = next((k for k, v in enumerate(rows[0]) if v), 0)
    _spread_groups(rows, key)
    return [tuple(header)] + [tuple(r) for r in rows], end


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
    if a[-1] in SENTENCE_END + "：:" or ANNEX_RE.match(a):
        return False  # a sentence's end, or a bare 附件1 over its title
    if _starts_block(b) and not (_cut_at_margin(a, wrap) and _figure_not_heading(b)):
        return False
    if (f := heading_form(a)) is not None and not f.rest.strip() and not any(ch in f.title for ch in SENTENCE_END + "，,：:；;"):
        return False  # a heading alone on its line (a run-in heading's body, or a list item's, runs on)
    return len(a) >= 0.7 * wrap or bool(ENDS_WITH_NUMBER_RE.search(a))


def _cut_at_margin(a: str, wrap: int) -> bool:
    return len(a) >= 0.9 * wrap


def _figure_not_heading(b: str) -> bool:
    """A line opening with a decimal figure ("1.58万人。…") after a line cut at the margin goes on with that line's
    sentence: a decimal heading number (1.2) is not what a cut sentence runs into."""
    f = heading_form(b)
    return f is not None and f.kind.startswith("decimal")
