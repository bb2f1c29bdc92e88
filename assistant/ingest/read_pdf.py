"""PDF reader: page text lines and ruled tables -> the same blocks as a text file.

A PDF keeps only where glyphs sit, so reading it means undoing layout:
running headers, footers and page numbers are dropped, lines wrapped at the
right margin are joined back into paragraphs, and a table broken by a page
break is merged again. ``read_pdf`` gathers page geometry with pdfplumber;
everything after that is pure functions over ``_Line`` / ``_Table`` records.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from statistics import median

from assistant.errors import DocumentError
from assistant.text.patterns import CONTINUED_TABLE_RE
from assistant.types import Block, RawDocument, SourceLine, SourceTable

logger = logging.getLogger(__name__)

_PAGE_NO = re.compile(
    r"^[\s\-—–－_·•~]*(?:第\s*)?(?:\d{1,4}|[ivxlcdm]{1,6})(?:\s*页)?(?:\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[\s\-—–－_·•~]*$",
    re.IGNORECASE,
)
_STARTS_ITEM = re.compile(
    r"^(第\s*[一二三四五六七八九十百零〇\d]+\s*[篇章节]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]"
    r"|\d{1,2}[.．、](?!\d)|[\u2460-\u2473]|专栏\s*\d|附?表\s*\d|——|(备注|注|说明|数据来源)\s*\d*\s*[:：])"
)
_TOC_ENTRY = re.compile(r"(?:[.．·…]\s?){4,}\s*\d{1,4}$|(?:[-_—]\s?){6,}\s*\d{1,4}$")
_SENTENCE_END = re.compile(r"[。；！？：][”’」』）)]?$")  # a closing quote alone (“三个代表”) ends no sentence
_NO_LINE_START = frozenset("，。、；：！？）》」』”’%％,.;:!?)")  # punctuation a line break never precedes
_HEADER_ROWS = 3  # the most rows a header repeated on each page of a table spans
_ZONE = 0.1  # the top and bottom tenth of a page may hold running headers and footers


@dataclass(frozen=True)
class _Line:
    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    width: float  # page width and height, to tell margin zones and text width
    height: float
    lead: float = 0.0  # width of the first unbreakable piece: it did not fit at the end of the line above
    framed: bool = False  # inside a one-column frame: a 专栏 box drawn as a one-cell table
    first_page: int = 0  # page where a joined paragraph starts


@dataclass(frozen=True)
class _Table:
    page: int
    top: float
    rows: tuple[tuple[str, ...], ...]
    ncols: int
    last_page: int = 0  # the page its last rows sit on, once merged with its continuation


_Item = _Line | _Table


# ---------------------------------------------------------------- pure layout rules


def join_wrapped(a: str, b: str) -> str:
    """Glue two pieces of a wrapped line: no space in Chinese, one space between Latin words."""
    if a and b and a[-1].isascii() and a[-1].isalpha() and b[0].isascii() and b[0].isalpha():
        return a + " " + b
    return a + b


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NO.match(text.strip()))


def is_toc_entry(text: str) -> bool:
    """A table-of-contents line: title, dot leaders, page number. It repeats a heading, so it is dropped."""
    return bool(_TOC_ENTRY.search(text.strip()))


def _in_zone(line: _Line) -> bool:
    return line.top < _ZONE * line.height or line.bottom > (1 - _ZONE) * line.height


def _key(line: _Line) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text))


def remove_furniture(pages: list[list[_Item]]) -> list[list[_Item]]:
    """Drop running headers/footers (short lines repeated in the margin zone of most pages),
    page numbers and table-of-contents entries."""
    counts: Counter[str] = Counter()
    for items in pages:
        counts.update({_key(i) for i in items if isinstance(i, _Line) and _in_zone(i) and len(i.text) <= 80})
    threshold = max(2, 0.4 * len(pages))

    def furniture(line: _Line, edge: set[int]) -> bool:
        if ((_in_zone(line) or id(line) in edge) and is_page_number(line.text)) or is_toc_entry(line.text):
            return True
        return _in_zone(line) and len(line.text) <= 80 and counts[_key(line)] >= threshold

    out = []
    for items in pages:
        lines = [i for i in items if isinstance(i, _Line)]
        edge = {id(x) for x in lines[:1] + lines[-1:]}
        out.append([i for i in items if not (isinstance(i, _Line) and furniture(i, edge))])
    return out


@dataclass(frozen=True)
class _Edges:
    left: float
    right: float
    indents: bool  # paragraphs open with a first-line indent, so an unindented line continues one


def _edges(items: list[_Item]) -> dict[float, _Edges]:
    """Text edges for each page width (portrait and landscape pages differ)."""
    by_width: dict[float, list[_Line]] = {}
    for i in items:
        if isinstance(i, _Line) and len(i.text) >= 4:
            by_width.setdefault(round(i.width), []).append(i)
    out = {}
    for w, lines in by_width.items():
        left = min(x.x0 for x in lines)
        indented = sum(left + 1.2 * x.size <= x.x0 <= left + 2.8 * x.size for x in lines)
        ends = [round(x.x1) for x in lines]
        near = [v for v in ends if v >= max(ends) - 3 * median(x.size for x in lines)]
        right = Counter(near).most_common(1)[0][0]  # where full lines end; a few overhang with punctuation
        out[w] = _Edges(left, right, indented >= 0.1 * len(lines))
    return out


def _continues(a: _Line, b: _Line, edges: dict[float, _Edges]) -> bool:
    """Is ``b`` the rest of a paragraph that wrapped at the end of ``a``?"""
    e = edges.get(round(a.width), _Edges(a.x0, float("inf"), False))  # no long line on such pages: no wraps
    if e.right - a.x1 > b.lead + 1.5 * a.size:
        return False  # b's first word would have fitted: a ends its paragraph (or is a heading)
    if _STARTS_ITEM.match(b.text) or b.x0 > a.x0 + 0.5 * b.size or abs(a.size - b.size) > 0.5:
        return False  # b starts a heading, an item, or an indented new paragraph
    if _SENTENCE_END.search(a.text) and not (e.indents and b.x0 < e.left + 0.5 * b.size):
        return False  # a sentence ended at the margin and nothing says the paragraph goes on
    return b.page != a.page or b.top - a.bottom < 1.5 * max(a.size, b.size)


def _continued_mark(out: list[_Item], item: _Item) -> bool:
    """Whether the last item out is a 续表 / 表1（续） caption between a table and its next page's part."""
    return (isinstance(item, _Table) and len(out) >= 2 and isinstance(out[-1], _Line) and isinstance(out[-2], _Table)
            and bool(CONTINUED_TABLE_RE.match(out[-1].text)) and out[-1].page == item.page)


def _repeated_header(rows: tuple[tuple[str, ...], ...], more: tuple[tuple[str, ...], ...]) -> int:
    """How many of a continued table's first rows repeat the header rows it opened with (a header of one row,
    or a group row over its years, repeated on every page)."""
    n = 0
    while n < min(_HEADER_ROWS, len(rows) - 1, len(more)) and more[n] == rows[n]:
        n += 1
    return n


def assemble(items: list[_Item]) -> list[_Item]:
    """Join wrapped lines into paragraphs and tables broken by a page break into one table (a 续表 caption
    between the two parts passed over)."""
    edges = _edges(items)
    out: list[_Item] = []
    for item in items:
        if _continued_mark(out, item):
            out.pop()
        prev = out[-1] if out else None
        if isinstance(item, _Line) and isinstance(prev, _Line) and prev.framed == item.framed and _continues(prev, item, edges):
            out[-1] = replace(item, text=join_wrapped(prev.text, item.text), first_page=prev.first_page or prev.page)
        elif isinstance(item, _Table) and isinstance(prev, _Table) and item.page == (prev.last_page or prev.page) + 1 \
                and item.rows:
            repeated = _repeated_header(prev.rows, item.rows)
            if repeated or item.ncols == prev.ncols:  # a table over three or more pages goes on from its last page
                out[-1] = replace(prev, rows=prev.rows + item.rows[repeated:], last_page=item.page)
            else:
                out.append(item)
        else:
            out.append(item)
    return out


def to_blocks(items: list[_Item]) -> tuple[Block, ...]:
    """Number the blocks; a blank line after a framed box marks where the box ends, as in a .txt export."""
    blocks: list[Block] = []
    prev: _Item | None = None
    for i in items:
        if isinstance(i, _Table):
            blocks.append(SourceTable(len(blocks) + 1, i.rows, page=i.page))
        else:
            if isinstance(prev, _Line) and prev.framed and not i.framed:
                blocks.append(SourceLine(len(blocks) + 1, "", page=prev.page))
            blocks.append(SourceLine(len(blocks) + 1, i.text, page=i.first_page or i.page))
        prev = i
    return tuple(blocks)


# ---------------------------------------------------------------- pdfplumber geometry


def _cell_text(text: str | None) -> str:
    parts = [p.strip() for p in (text or "").split("\n") if p.strip()]
    out = ""
    for p in parts:
        out = join_wrapped(out, p)
    return out


def _table_rows(table) -> tuple[tuple[str, ...], ...]:
    """Rows of cell texts; a vertically merged cell appears as ''. A horizontally merged cell appears once,
    followed by '' for each column it covers, so the cells after it stay under their columns (a 合计 cell over
    序号, 项目名称 and 建设内容 leaves its total under 总投资); a cell across the whole row stays one cell."""
    col_x0 = sorted({c[0] for c in table.cells})
    rows = []
    for row, texts in zip(table.rows, table.extract(), strict=False):
        cells: list[str] = []
        whole = sum(b is not None for b in row.cells) == 1
        for c, (bbox, text) in enumerate(zip(row.cells, texts, strict=False)):
            if bbox is None:
                left = next((row.cells[k] for k in range(c - 1, -1, -1) if row.cells[k] is not None), None)
                if left is not None and c < len(col_x0) and left[2] > col_x0[c] + 1 and whole:
                    continue  # covered by a cell across the whole row: a group or title row
                cells.append("")
            else:
                cells.append(_cell_text(text))
        rows.append(tuple(cells))
    return tuple(rows)


def _lead_width(chars: list[dict]) -> float:
    if not chars:
        return 0.0
    k = 0
    if chars[0]["text"].isascii() and chars[0]["text"].isalnum():  # a Latin word or number is not broken
        while k + 1 < len(chars) and chars[k + 1]["text"].isascii() and (chars[k + 1]["text"].isalnum() or chars[k + 1]["text"] in ".-/_"):
            k += 1
    while k + 1 < len(chars) and chars[k + 1]["text"] in _NO_LINE_START:
        k += 1
    return float(chars[k]["x1"] - chars[0]["x0"])


def _page_items(page, number: int) -> list[_Item]:
    width, height = float(page.width), float(page.height)
    items: list[_Item] = []
    finder = page.debug_tablefinder()  # its .tables are what find_tables() returns
    in_tables = {c for t in finder.tables for c in t.cells}
    frames = [c for c in finder.cells if c not in in_tables]  # lone rectangles: boxes drawn around text
    boxes = []
    for t in finder.tables:
        if len({c[0] for c in t.cells}) < 2:
            frames.append(t.bbox)  # a one-column frame around text (a 专栏 box), not a table: read it as lines
            continue
        x0, top, x1, bottom = t.bbox
        boxes.append((x0 - 1, top - 1, x1 + 1, bottom + 1))
        items.append(_Table(number, float(top), _table_rows(t), len({c[0] for c in t.cells})))

    def outside(obj) -> bool:
        if obj.get("object_type") != "char":
            return True
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)

    source = page.filter(outside) if boxes else page
    for ln in source.extract_text_lines(strip=True, return_chars=True):
        if not ln["text"].strip():
            continue
        size = median(float(c.get("size") or 0) for c in ln["chars"]) if ln["chars"] else 10.0
        cx, cy = (ln["x0"] + ln["x1"]) / 2, (ln["top"] + ln["bottom"]) / 2
        framed = any(f[0] <= cx <= f[2] and f[1] <= cy <= f[3] for f in frames)
        items.append(_Line(number, ln["text"], float(ln["x0"]), float(ln["x1"]), float(ln["top"]),
                           float(ln["bottom"]), size or 10.0, width, height, _lead_width(ln["chars"]), framed))
    return sorted(items, key=lambda i: i.top)


def _open_error(err: Exception, name: str) -> DocumentError:
    causes = [err, *(a for a in err.args if isinstance(a, Exception)), err.__cause__, err.__context__]
    kinds = [type(c).__name__ for c in causes if c is not None]
    kind = next((k for k in kinds if k != "PdfminerException"), kinds[0])
    if any("Password" in k or "Encrypt" in k for k in kinds):
        msg = ("PDF 已加密，无法读取；请去掉密码后再导入。 / the PDF is encrypted; remove the password "
               "(print or save it as an unprotected PDF) and try again.")
    else:
        msg = (f"无法读取 PDF（文件可能已损坏）/ cannot read the PDF, the file may be damaged ({kind}: {err}); "
               "re-export it from the source document and try again.")
    return DocumentError(msg, name)


def read_pdf(path: Path) -> RawDocument:
    import pdfplumber

    name = str(path)
    pages: list[list[_Item]] = []
    blank: list[int] = []
    try:
        with pdfplumber.open(name) as pdf:
            for number, page in enumerate(pdf.pages, 1):
                if not page.chars:
                    blank.append(number)
                pages.append(_page_items(page, number) if page.chars else [])
                page.close()
    except DocumentError:
        raise
    except Exception as err:  # pdfminer raises many unrelated types for damaged or encrypted files
        raise _open_error(err, name) from err
    if not pages or len(blank) == len(pages):
        raise DocumentError(
            "PDF 没有文字层（可能是扫描件），需要先进行文字识别/OCR 再导入。 / the PDF has no text layer "
            "(it looks scanned); run OCR on it first (需要先进行文字识别/OCR), or use the .docx/.txt original.",
            name,
        )
    warnings = []
    if blank:
        shown = ", ".join(map(str, blank[:20])) + (" …" if len(blank) > 20 else "")
        warnings.append(f"{name}: 第 {shown} 页没有文字层（可能是扫描页），其内容未读入。"
                        f" / pages {shown} have no text layer (scanned?); their content was skipped. Run OCR to include them.")
        logger.warning(warnings[-1])
    items = [i for page_items in remove_furniture(pages) for i in page_items]
    return RawDocument(name, "pdf", to_blocks(assemble(items)), warnings=tuple(warnings))
