"""Indicator tables: find the header, category rows and value columns; build IndicatorRow records. Pure.

Works on rows of cell texts, whatever the layout they came from (one cell per
line, tab-separated lines, a Word or PDF table).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answer.lexicon import lexicon
from assistant.text.numbers import BLANK_CELLS, is_cumulative, parse_value, to_halfwidth

from ..types import IndicatorRow, YearValue

_YEAR_RE = re.compile(r"^(?:(19|20)\d\d)\s*年?(?:\s*(?:年末|年底|基数|基期|目标|目标值|预期|值|现状|完成|规划值|实际))*$")
_SEQ_WORDS = ("序号", "编号")
_NAME_WORDS = ("指标名称", "指标", "名称", "项目", "内容")
_UNIT_WORDS = ("单位", "计量单位")
_ATTR_WORDS = ("指标属性", "属性", "性质", "指标类型", "类型")
_CATEGORY_WORDS = ("类别", "分类", "领域", "指标类别")
_CATEGORY_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|[A-Z][.、])\S")
_UNIT_TAIL_RE = re.compile(r"^(.+?)[（(]([^（）()]{1,12})[）)]$")
_UNIT_HINT_RE = re.compile(
    r"(元|美元|%|％|‰|个|家|人|次|项|所|座|条|件|公里|千米|米|km|m|平方|亩|公顷|吨|标箱|TEU|万|亿|小时|天|日|"
    r"工作日|年|月|户|辆|艘|架|张|部|台|套|床|位|本|册|场|届|批|处|栋|个百分点|倍|兆瓦|千瓦|度|立方)"
)
ATTRIBUTE_VALUES = ("预期性", "约束性")


@dataclass(frozen=True)
class Columns:
    """Which header column holds what."""

    seq: int | None
    name: int | None
    unit: int | None
    years: tuple[tuple[int, str], ...]  # (column, year)
    attribute: int | None
    category: int | None = None  # a 类别 column, filled on the first row of each group
    base: int | None = None  # the year column its header names the base of (2025年基期, 现状值（2025年）)


def header_columns(header: tuple[str, ...]) -> Columns | None:
    """Map a header row to columns; None if this is not an indicator-table header."""
    def find(words: tuple[str, ...]) -> int | None:
        for w in words:
            for i, h in enumerate(header):
                if h.replace(" ", "") == w or (len(w) > 2 and w in h):
                    return i
        return None

    cells = [to_halfwidth(h).replace(" ", "") for h in header]
    years = tuple((i, y) for i, c in enumerate(cells) if (y := _column_year(c)))
    name = find(_NAME_WORDS)
    if name is None:  # 主要指标, 核心指标: a header naming its indicators by a qualified 指标
        name = next((i for i, c in enumerate(cells) if c.endswith(_NAME_WORDS[1]) and len(c) <= 6), None)
    if not years or name is None:
        return None
    attribute, category = find(_ATTR_WORDS), find(_CATEGORY_WORDS)
    based = lexicon().regex("table_baseline")
    base = next((i for i, _ in years[:-1] if based.search(header[i])), None)
    return Columns(find(_SEQ_WORDS), name, find(_UNIT_WORDS), years, attribute,
                   category if category not in (name, attribute) else None, base)


def _column_year(cell: str) -> str | None:
    """The year a header cell names as a whole ("2025年基期"), or as the part under a group cell it was joined to
    ("目标值/2026年": a merged group header over its year columns)."""
    for part in reversed(cell.split("/")):
        if _YEAR_RE.match(part):
            return part[:4]
    return None


def extra_columns(header: tuple[str, ...]) -> list[int]:
    """Columns of an indicator table that hold none of name, unit, years, attribute, 序号 or 类别
    (年均增长（%）, 责任单位)."""
    cols = header_columns(header)
    if cols is None:
        return []
    known = {cols.seq, cols.name, cols.unit, cols.attribute, cols.category, *(c for c, _ in cols.years)}
    return [i for i in range(len(header)) if i not in known]


def is_header(cells: tuple[str, ...]) -> bool:
    return header_columns(cells) is not None


def is_category_row(cells: tuple[str, ...]) -> bool:
    filled = [c for c in cells if c.strip()]
    return len(filled) == 1 and (bool(_CATEGORY_RE.match(filled[0])) or parse_value(filled[0]) is None) and len(
        filled[0]) <= 30


def split_unit(name: str) -> tuple[str, str | None]:
    """'轨道通车里程（公里）' -> ('轨道通车里程', '公里'); '国（境）外政府常驻机构' is left alone."""
    m = _UNIT_TAIL_RE.match(name.strip())
    if m and _UNIT_HINT_RE.search(m.group(2)):
        return m.group(1).strip(), m.group(2).strip()
    return name.strip(), None


def _fits(col: str, cell: str) -> bool:
    c = cell.strip()
    if col == "seq":
        return bool(re.fullmatch(r"\d{1,3}", to_halfwidth(c)))
    if col == "attribute":
        return c in ATTRIBUTE_VALUES or c.endswith("性")
    if col == "unit":
        return len(c) <= 6 and bool(_UNIT_HINT_RE.search(c)) and parse_value(c) is None
    if col == "category":
        return bool(c) and parse_value(c) is None and len(c) <= 12
    if col == "year":
        return parse_value(c) is not None or is_cumulative(c) or bool(re.match(r"^[<>≥≤＞＜~～\d\[【]", to_halfwidth(c)))
    return bool(c) and parse_value(c) is None  # name


def align_cells(cells: tuple[str, ...], cols: Columns, width: int) -> tuple[str | None, ...]:
    """Place the cells of a short row under their columns by what each cell looks like."""
    kinds: list[str] = []
    for i in range(width):
        if i == cols.seq:
            kinds.append("seq")
        elif i == cols.name:
            kinds.append("name")
        elif i == cols.unit:
            kinds.append("unit")
        elif i == cols.attribute:
            kinds.append("attribute")
        elif i == cols.category:
            kinds.append("category")
        elif any(i == c for c, _ in cols.years):
            kinds.append("year")
        else:
            kinds.append("other")
    out: list[str | None] = [None] * width
    ci = 0
    for col in range(width):
        if ci >= len(cells):
            break
        spare = (width - col) - (len(cells) - ci)  # columns we may still leave empty
        if _fits(kinds[col], cells[ci]) or spare <= 0 or kinds[col] == "other":
            out[col] = cells[ci]
            ci += 1
    return tuple(out)


def _base_year(values: tuple[YearValue, ...], named: int | None = None) -> YearValue | None:
    """The base-year column: the one its header names the base (2025年基期, ``named``, an index into ``values``);
    else five years before the target (2020 for a 2025 target) when the table has it, so an interim column (2023)
    is not taken for the base; otherwise the column before the target."""
    if len(values) < 2:
        return None
    if named is not None:
        return values[named]
    target = int(values[-1].year)
    return next((v for v in values[:-1] if int(v.year) == target - 5), values[-2])


@dataclass(frozen=True)
class TableContext:
    doc_id: str
    title: str
    section_id: str
    heading_path: tuple[str, ...]
    note: str | None


def build_rows(
    header: tuple[str, ...], rows: list[tuple[tuple[str, ...], int]], ctx: TableContext
) -> tuple[list[IndicatorRow], list[tuple[int, str]]]:
    """Indicator rows from (cells, lineno) pairs; also warnings as (lineno, message)."""
    cols = header_columns(header)
    if cols is None:
        return [], []
    width = len(header)
    out: list[IndicatorRow] = []
    warnings: list[tuple[int, str]] = []
    category: str | None = None
    for cells, lineno in rows:
        if is_category_row(cells):
            category = next(c for c in cells if c.strip()).strip()
            continue
        placed: tuple[str | None, ...] = cells
        if len(cells) < width:
            placed = align_cells(cells, cols, width)
            missing = [header[i] for i, v in enumerate(placed) if v is None]
            warnings.append((lineno, f"表格行缺少单元格 / table row is missing cell(s) {missing} "
                                     f"(有 {len(cells)} 个，表头 {width} 个)；缺失值按空值处理，请核对原文"))
        elif len(cells) > width:
            warnings.append((lineno, f"表格行多出单元格 / table row has {len(cells)} cells, header has {width}; "
                                     f"extra cells {list(cells[width:])} ignored"))
            placed = cells[:width]
        if cols.category is not None and (placed[cols.category] or "").strip():
            category = placed[cols.category].strip()  # the group's name, carried down to its later rows
        name_raw = (placed[cols.name] or "").strip()
        if not name_raw:
            warnings.append((lineno, "表格行没有指标名称 / table row has no indicator name; row skipped"))
            continue
        name, unit = split_unit(name_raw)
        if cols.unit is not None and placed[cols.unit] and placed[cols.unit].strip() not in BLANK_CELLS:
            unit = placed[cols.unit].strip()  # a dash means the measure has no unit (PUE)
        values = tuple(
            YearValue(year, raw, parse_value(raw), is_cumulative(raw))
            for ci, year in cols.years
            for raw in [(placed[ci] or "").strip() or None]
        )
        target = values[-1]
        base = _base_year(values, next((k for k, (ci, _) in enumerate(cols.years) if ci == cols.base), None))
        attr = placed[cols.attribute].strip() if cols.attribute is not None and placed[cols.attribute] else None
        out.append(IndicatorRow(
            doc_id=ctx.doc_id, table=ctx.title,
            seq=(placed[cols.seq] or "").strip() or None if cols.seq is not None else None,
            category=category, name=name, unit=unit,
            baseline_year=base.year if base else None, baseline_raw=base.raw if base else None,
            baseline=base.value if base else None,
            target_year=target.year, target_raw=target.raw, target=target.value,
            attribute=attr or None, cumulative=any(v.cumulative for v in values),
            values=values if len(values) > 2 else (),
            heading_path=ctx.heading_path, section_id=ctx.section_id, note=ctx.note,
            header=tuple(header), cells=tuple(c or "" for c in placed), lineno=lineno,
        ))
    return out, warnings
