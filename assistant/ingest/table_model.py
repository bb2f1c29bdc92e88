"""Any table -> columns by meaning and rows keyed by their first cell. Pure.

Works on rows of cell texts, whatever the layout they came from (a pipe table, tab-separated lines, one cell per
line, an HTML, Word or PDF table). The header is found by what its cells say, not by its position: an empty or
decorative first row and a title row above the header are skipped; ``<br>`` and bold marks inside header cells are
dropped; a second header row under a group cell is joined as "group/sub" (aligned, with the group repeated or left
blank over its span, or misaligned, the group row shorter than the body); a row with one filled cell inside the
body is a group label for the rows below it; a row keyed 合计/总计 (lexicon role ``table_total``) is a total row.
Header-role words come from the lexicon, never from this module.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from assistant.answer.lexicon import lexicon
from assistant.text.numbers import BLANK_CELLS, parse_value, to_halfwidth

from ..types import TableRow
from .tables import split_unit

_MARKUP_RE = re.compile(r"<br\s*/?>|</?(?:b|strong|span|p)\b[^>]*>|\*\*|__", re.I)
_PURE_NUMBER_RE = re.compile(r"^[\[【［〔(（]?[-+]?\d[\d,.]*\s*%?[\]】］〕)）]?$")
_BARE_YEAR_RE = re.compile(r"^(?:19|20)\d\d$")
_YEAR_IN_RE = re.compile(r"((?:19|20)\d\d)\s*年?")
_HEADER_UNIT_RE = re.compile(r"^(.+?)[（(]([^（）()\d]{1,6})[）)]$")  # a header's bracketed tail is its unit


def clean_cell(text: str) -> str:
    """A cell without markup (``<br>``, ``**``), its inner line breaks and padding."""
    return re.sub(r"\s*\n\s*", "", _MARKUP_RE.sub("", text)).strip()


def is_data_cell(text: str) -> bool:
    """A cell that states a number (12, 13.86%, [7.76]) rather than naming a column."""
    return bool(_PURE_NUMBER_RE.match(to_halfwidth(text).strip()))


def _filled(cells: tuple[str, ...]) -> list[str]:
    return [c for c in cells if c.strip()]


def _header_like(cells: tuple[str, ...]) -> bool:
    """Cells naming columns: none states a number, a bare year (2026 under 年度目标) aside."""
    filled = _filled(cells)
    return len(filled) >= 2 and not any(is_data_cell(c) and not _BARE_YEAR_RE.match(c) for c in filled)


@dataclass(frozen=True)
class Shape:
    """What the parser read from a table's rows: columns, body rows and what it noticed on the way."""

    columns: tuple[str, ...]
    rows: tuple[TableRow, ...]
    title_rows: tuple[str, ...]  # a title row above the header (a caption written inside the table)
    warnings: tuple[str, ...]
    header_rows: int = 1  # 2: a group row over a sub-header row, read as one header ("目标值/2026年")


def _sum_fits(sub: list[int], total: int, body: list[tuple[str, ...]]) -> bool:
    """In every body row with numbers, the cells ``sub`` add up to the cell ``total``."""
    checked = 0
    for cells in body:
        vals = [parse_value(cells[i]) if i < len(cells) else None for i in sub + [total]]
        if any(v is None for v in vals):
            continue
        checked += 1
        if abs(sum(vals[:-1]) - vals[-1]) > 0.5:
            return False
    return checked > 0


def _misaligned(top: list[str], sub: list[str], width: int, body: list[tuple[str, ...]]) -> tuple[str, ...] | None:
    """A group row shorter than the body over its sub-header row: ``top`` has one cell spanning ``sub``.

    Which top cell spans is read from the body when it can be (the sub-columns add up to one of them, or a leaf
    column next to the group equals the group's total plus another column); otherwise the first top cell after
    the row key that names neither a year nor a role of its own."""
    if len(top) - 1 + len(sub) != width or len(top) < 2:
        return None
    lex = lexicon()
    total_re = lex.regex("table_total")

    def layout(g: int) -> tuple[str, ...]:
        return tuple(top[:g]) + tuple(f"{top[g]}/{s}" for s in sub) + tuple(top[g + 1:])

    totals = [k for k, s in enumerate(sub) if total_re.search(s)]
    for g in range(1, len(top)):
        for k in totals:
            parts = [g + j for j in range(len(sub)) if j != k]
            if _sum_fits(parts, g + k, body):
                return layout(g)
    plain = [g for g in range(1, len(top)) if not _YEAR_IN_RE.search(top[g])
             and not lex.regex("table_target").search(top[g]) and not lex.regex("table_baseline").search(top[g])]
    return layout(plain[0] if plain else 1)


def _aligned(top: tuple[str, ...], sub: tuple[str, ...]) -> tuple[str, ...] | None:
    """A group cell repeated (or left blank) over its span, its sub-headers in the row below."""
    width = len(sub)
    top = tuple(top) + ("",) * (width - len(top))
    spans = any(top[i] and top[i] == top[i + 1] for i in range(width - 1)) or any(
        not top[i] and sub[i] for i in range(1, width))
    if not spans:
        return None
    cols, group = [], ""
    for i in range(width):
        group = top[i] or (group if sub[i] else "")
        below = sub[i]
        if not group:
            cols.append(below)
        elif not below or below == group:
            cols.append(group)
        else:
            cols.append(f"{group}/{below}")
    return tuple(cols)


def _distinct(columns: list[str]) -> tuple[str, ...]:
    """Two columns of the same name (增长率 after each of 全市机动车总量, 中心城区机动车总量) are told apart by
    what differs between the columns before them: 增长率（全市）, 增长率（中心城区）."""
    out = list(columns)
    for name in {c for c in columns if c and columns.count(c) > 1}:
        spots = [i for i, c in enumerate(columns) if c == name]
        before = [split_unit(columns[i - 1])[0] if i > 0 else "" for i in spots]
        pre = os.path.commonprefix(before)
        suf = os.path.commonprefix([b[::-1] for b in before])[::-1]
        for i, b in zip(spots, before, strict=True):
            own = b[len(pre):len(b) - len(suf)] if len(pre) + len(suf) < len(b) else b
            out[i] = f"{name}（{own}）" if own else name
    if len(set(out)) < len(out):  # still the same: number them
        out = [f"{c}（{i + 1}）" if out.count(c) > 1 else c for i, c in enumerate(out)]
    return tuple(c or f"第{i + 1}列" for i, c in enumerate(out))


def read_shape(rows: list[tuple[tuple[str, ...], int]]) -> Shape | None:
    """Rows of raw cell texts with line numbers -> Shape; None when no row looks like a header."""
    rows = [(tuple(clean_cell(c) for c in cells), ln) for cells, ln in rows]
    rows = [(c, ln) for c, ln in rows if _filled(c)]
    if not rows:
        return None
    width = max(len(c) for c, _ in rows)
    titles: list[str] = []
    k = 0
    while k < len(rows) and width > 1 and len(_filled(rows[k][0])) == 1 and k + 1 < len(rows):
        titles.append(_filled(rows[k][0])[0])  # a title row above the header
        k += 1
    if k >= len(rows) or len(_filled(rows[k][0])) < 2:
        return None
    top = rows[k][0]
    k += 1
    body = [c for c, _ in rows[k + 1:]]
    columns: tuple[str, ...] | None = None
    if k < len(rows) and _header_like(rows[k][0]) and k + 1 < len(rows):
        sub = rows[k][0]
        if len(_filled(top)) < width and len(sub) < width:
            columns = _misaligned(_filled(top), _filled(sub), width, body)
        elif len(sub) == width:
            columns = _aligned(top, sub)
        if columns is not None:
            k += 1
    header_rows = 1 if columns is None else 2
    if columns is None:
        columns = top + ("",) * (width - len(top))
    columns = _distinct(list(columns))
    return Shape(columns, _body(rows[k:], columns), tuple(titles), (), header_rows)


def _group_column(rows: list[tuple[tuple[str, ...], int]], col: int, width: int) -> bool:
    """Whether column ``col`` names each group once, on its first row, and is left empty below (a 类别 cell merged
    down its rows in Word, 设施网络 over 综合交通网总里程 … 城市轨道交通运营里程), the column after it naming
    every row: the rows are keyed by the column after it and grouped by this one. A 合计 row is left aside."""
    if col + 2 > width:
        return False
    total_re = lexicon().regex("table_total")
    data = [c for c, _ in rows if len(_filled(c)) >= 2 and not (col < len(c) and total_re.search(c[col]))]
    below = [c for c in data if col + 1 < len(c) and c[col + 1] and not is_data_cell(c[col + 1])]
    if len(data) < 3 or len(below) < len(data):
        return False
    heads = [c[col] for c in data if c[col]]
    if not heads or data[0][col] == "" or any(map(is_data_cell, heads)):
        return False
    return len(heads) < len(data) or _repeated_runs([c[col] for c in data], [c[col + 1] for c in below])


def _repeated_runs(groups: list[str], names: list[str]) -> bool:
    """A merged cell filled into each row it spans (an HTML rowspan, a PDF group name given to each of its rows):
    each group's name repeated down consecutive rows, at least one run longer than a row, no name coming back
    after another, while the next column names every row differently."""
    runs = [g for k, g in enumerate(groups) if k == 0 or g != groups[k - 1]]
    return len(runs) < len(groups) and len(set(runs)) == len(runs) and len(set(names)) == len(names)


def _body(rows: list[tuple[tuple[str, ...], int]], columns: tuple[str, ...]) -> tuple[TableRow, ...]:
    lex = lexicon()
    total_re, seq_re = lex.regex("table_total"), lex.regex("table_seq")
    key_col = 1 if len(columns) > 2 and seq_re.fullmatch(columns[0]) else 0
    grouped = _group_column(rows, key_col, len(columns))
    out: list[TableRow] = []
    group: str | None = None
    for cells, lineno in rows:
        filled = _filled(cells)
        if len(columns) > 1 and len(filled) == 1 and not is_data_cell(filled[0]) and filled[0] in cells[:key_col + 1]:
            group = filled[0]  # a group row inside the body (电力方面, 一、开放平台)
            continue
        cells = tuple(cells[:len(columns)]) + ("",) * (len(columns) - len(cells))
        if grouped and not total_re.search(cells[key_col]):
            group = cells[key_col] or group  # the group's name, written on its first row, carried down
        key = (cells[key_col + 1] if grouped and not total_re.search(cells[key_col]) else cells[key_col]) or cells[0]
        total = any(total_re.search(c) for c in cells[:key_col + 1] if c and not is_data_cell(c))
        values = tuple((col, _value(c)) for col, c in zip(columns, cells, strict=True))
        out.append(TableRow(tuple(zip(columns, cells, strict=True)), values, group, "total" if total else "data",
                            key, lineno))
    return tuple(out)


def _value(cell: str) -> float | None:
    c = cell.strip()
    if not c or c in BLANK_CELLS:
        return None
    return parse_value(c)


def column_units(columns: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Units named in column headers ("充电站(座)" -> 座; the last part of a merged header decides)."""
    out = []
    for col in columns:
        for part in reversed(col.split("/")):
            m = _HEADER_UNIT_RE.match(part.strip())
            if m:
                out.append((col, m.group(2).strip()))
                break
    return tuple(out)


def column_years(columns: tuple[str, ...], period: tuple[int, int] | None) -> tuple[tuple[str, int], ...]:
    """The year each column stands for: written in it (2025年目标), or a period role resolved from the plan's own
    period (规划期末, 目标值 -> its last year; 现状 -> the year before it starts)."""
    lex = lexicon()
    out = []
    for col in columns:
        m = _YEAR_IN_RE.search(col)
        if m:
            out.append((col, int(m.group(1))))
        elif period and lex.regex("table_target").search(col):
            out.append((col, period[1]))
        elif period and lex.regex("table_baseline").search(col):
            out.append((col, period[0] - 1))
    return tuple(out)
