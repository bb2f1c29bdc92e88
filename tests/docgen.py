"""Build .docx and .pdf plan files from plan text, for tests.

The input is plan text in the corpus .txt format: heading lines (第X章, 第X节,
一、, （一）, 1.), 专栏 boxes, 表 titles, and indicator tables laid out one cell
per tab-indented line with rows separated by blank lines. ``parse_plan`` turns
it into pieces; ``plan_to_docx`` / ``plan_to_pdf`` lay the pieces out the way a
Word user would (heading styles, real tables, merged category rows).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

_DEBRIS = re.compile(r"\[bookmark:[^\]]*\]")
_CN = "一二三四五六七八九十百零〇"
_FORMS = (  # heading form, pattern (group 1 = the number label), Word lvlText, numFmt
    ("pian", re.compile(rf"^(第([{_CN}\d]+)篇)\s*"), "第%{k}篇", "chineseCounting"),
    ("zhang", re.compile(rf"^(第([{_CN}\d]+)章)\s*"), "第%{k}章", "chineseCounting"),
    ("jie", re.compile(rf"^(第([{_CN}\d]+)节)\s*"), "第%{k}节", "chineseCounting"),
    ("cn", re.compile(rf"^(([{_CN}]+)、)\s*"), "%{k}、", "chineseCounting"),
    ("paren", re.compile(rf"^([（(]([{_CN}]+)[）)])\s*"), "（%{k}）", "chineseCounting"),
    ("arabic", re.compile(r"^((\d{1,2})[.．](?!\d))\s*"), "%{k}.", "decimal"),
)
_PREFACE = re.compile(r"^(前\s*言|序\s*言)$")
_BOX = re.compile(r"^专栏\s*\d")
_TABLE_TITLE = re.compile(r"^(附)?表\s*\d")
_ITEM = re.compile(r"^\d{1,2}[.．、]")


@dataclass(frozen=True)
class Heading:
    text: str
    form: str  # one of the _FORMS names, or "preface"


@dataclass(frozen=True)
class Para:
    text: str
    caption: bool = False  # a 专栏 / 表 title: Word's Caption style, not a heading


@dataclass(frozen=True)
class Grid:
    rows: tuple[tuple[str, ...], ...]  # rows[0] is the header; a one-cell row is a category row


@dataclass(frozen=True)
class Box:
    title: str
    items: tuple[str, ...]


Piece = Heading | Para | Grid | Box


def cn_to_int(s: str) -> int:
    if s.isdigit():
        return int(s)
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}
    total, num = 0, 0
    for ch in s:
        if ch in digits:
            num = digits[ch]
        elif ch == "十":
            total += (num or 1) * 10
            num = 0
        elif ch == "百":
            total += num * 100
            num = 0
    return total + num


def heading_form(line: str) -> str | None:
    if _PREFACE.match(line):
        return "preface"
    if len(line) > 40 or "。" in line[:-1]:
        return None
    return next((name for name, rx, _, _ in _FORMS if rx.match(line)), None)


def _table_at(lines: list[str], i: int) -> tuple[Grid, int] | None:
    """Tab-indented cell lines from i on, rows split at blank lines; a table needs a header of 2+ cells."""
    rows: list[tuple[str, ...]] = []
    j = i
    while j < len(lines) and lines[j].startswith("\t"):
        k = j
        while k < len(lines) and lines[k].startswith("\t"):
            k += 1
        rows.append(tuple(c.strip() for c in lines[j:k]))
        if len(rows[0]) < 2:
            return None
        j = k
        while j < len(lines) and not lines[j].strip():
            j += 1
    return (Grid(tuple(rows)), j) if len(rows) >= 2 else None


def _box_items(lines: list[str], i: int) -> tuple[tuple[str, ...], int]:
    """Items after a 专栏 title: until two blank lines, a heading, or a blank not followed by a numbered item."""
    items: list[str] = []
    j = i
    while j < len(lines):
        if not lines[j].strip():
            k = j
            while k < len(lines) and not lines[k].strip():
                k += 1
            if k - j > 1 or k == len(lines) or not _ITEM.match(lines[k].strip()):
                break
            j = k
        s = lines[j].strip()
        if heading_form(s) in ("pian", "zhang", "jie", "cn", "preface") or _BOX.match(s) or _TABLE_TITLE.match(s):
            break
        items.append(s)
        j += 1
    return tuple(items), j


def parse_plan(text: str) -> list[Piece]:
    lines = [_DEBRIS.sub("", ln) for ln in text.splitlines() if not (_DEBRIS.search(ln) and not _DEBRIS.sub("", ln).strip())]
    pieces: list[Piece] = []
    i = 0
    while i < len(lines):
        s = lines[i].strip()
        if not s:
            i += 1
            continue
        if lines[i].startswith("\t") and (found := _table_at(lines, i)):
            pieces.append(found[0])
            i = found[1]
            continue
        if _BOX.match(s):
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            if _table_at(lines, j):
                pieces.append(Para(s, caption=True))
                i = j
            else:
                items, i = _box_items(lines, i + 1)
                pieces.append(Box(s, items))
            continue
        form = heading_form(s)
        lead = lines[i][: len(lines[i]) - len(lines[i].lstrip(" \u3000"))]  # Word keeps a paragraph's leading spaces
        pieces.append(Heading(s, form) if form else Para(lead + s, caption=bool(_TABLE_TITLE.match(s))))
        i += 1
    return pieces


def heading_levels(pieces: list[Piece]) -> dict[str, int]:
    """Heading level per form: the forms the plan uses, ranked in their canonical order."""
    order = [name for name, *_ in _FORMS]
    used = sorted({p.form for p in pieces if isinstance(p, Heading) and p.form != "preface"}, key=order.index)
    levels = {form: n for n, form in enumerate(used, 1)}
    levels["preface"] = levels.get("zhang", 1)
    return levels


# ---------------------------------------------------------------- .docx


def add_numbering(doc, levels: dict[str, int]) -> str:
    """Add one multi-level list (第%1章 / 第%2节 / %3、 / ...) to numbering.xml; return its numId."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    numbering = doc.part.numbering_part.element
    abs_id = str(1 + max((int(a.get(qn("w:abstractNumId"))) for a in numbering.iterfind(qn("w:abstractNum"))), default=0))
    num_id = str(1 + max((int(n.get(qn("w:numId"))) for n in numbering.iterfind(qn("w:num"))), default=0))
    lvls = "".join(
        f'<w:lvl w:ilvl="{levels[name] - 1}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text.replace("{k}", str(levels[name]))}"/><w:lvlJc w:val="left"/></w:lvl>'
        for name, _, text, fmt in _FORMS if name in levels
    )
    abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abs_id}">'
                         f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abs_id}"/></w:num>'))
    return num_id


def set_numbering(paragraph_or_style, num_id: str, ilvl: int) -> None:
    """Attach list ``num_id`` level ``ilvl`` to a paragraph or a paragraph style (schema order kept by python-docx)."""
    element = getattr(paragraph_or_style, "_p", None)
    if element is None:
        element = paragraph_or_style.element
    num_pr = element.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = int(num_id)


def _docx_table(doc, rows: tuple[tuple[str, ...], ...]) -> None:
    ncols = max(len(r) for r in rows)
    table = doc.add_table(rows=len(rows), cols=ncols)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        cells = table.rows[r].cells
        if len(row) == 1 and ncols > 1:
            merged = cells[0].merge(cells[-1])
            merged.text = row[0]
            continue
        for c, text in enumerate(row):
            cells[c].text = text


def plan_to_docx(text: str, path: str | Path, autonumber: bool = False, box_as_table: bool = False) -> Path:
    """Write plan text as a .docx: Heading N styles by form, real tables, 专栏 boxes.

    ``autonumber``: 章/节/一、/（一）/1. numbers come from a Word list in numbering.xml
    instead of the text (only where Word's counter would show the same number).
    ``box_as_table``: a 专栏 box is drawn as a one-cell table.
    """
    import docx

    pieces = parse_plan(text)
    levels = heading_levels(pieces)
    doc = docx.Document()
    num_id = add_numbering(doc, {k: v for k, v in levels.items() if k != "preface"}) if autonumber else None
    counters: dict[int, int] = {}
    for piece in pieces:
        if isinstance(piece, Heading):
            level = levels[piece.form]
            body, ilvl = piece.text, None
            if num_id and piece.form != "preface":
                m = next(rx for name, rx, _, _ in _FORMS if name == piece.form).match(piece.text)
                if m and cn_to_int(m.group(2)) == counters.get(level - 1, 0) + 1:
                    ilvl, body = level - 1, piece.text[m.end():]
                    counters[ilvl] = counters.get(ilvl, 0) + 1
                    counters = {k: v for k, v in counters.items() if k <= ilvl}
            p = doc.add_paragraph(body, style=f"Heading {min(level, 9)}")
            if ilvl is not None:
                set_numbering(p, num_id, ilvl)
        elif isinstance(piece, Para):
            doc.add_paragraph(piece.text, style="Caption" if piece.caption else None)
        elif isinstance(piece, Grid):
            _docx_table(doc, piece.rows)
        elif box_as_table:
            cell = doc.add_table(rows=1, cols=1).cell(0, 0)
            cell.paragraphs[0].text = piece.title
            for item in piece.items:
                cell.add_paragraph(item)
        else:
            doc.add_paragraph(piece.title, style="Caption")
            for item in piece.items:
                doc.add_paragraph(item)
            doc.add_paragraph()  # the empty paragraph Word users leave after a box
    doc.save(str(path))
    return Path(path)


# ---------------------------------------------------------------- .pdf

_FONT = "STSong-Light"
_DRAWABLE = str.maketrans({"·": "・"})  # STSong-Light has no U+00B7; U+30FB is drawn and extracts as "·"


def _p(text: str, style):
    from reportlab.platypus import Paragraph

    return Paragraph(escape(text.translate(_DRAWABLE)), style)


def _push_into_page(table, width: float):
    """Placed before a long table: leaves half the table's height on the page, so a page break splits it."""
    from reportlab.platypus import Flowable

    class Push(Flowable):
        def wrap(self, avail_w, avail_h):
            _, table_h = table.wrap(width, 10**6)
            if avail_h <= 60:  # too little room to start the table here: push it to a fresh page
                self.height = avail_h + 1
            else:
                self.height = avail_h - table_h / 2 if avail_h > table_h / 2 + 60 else 0
            return avail_w, self.height

        def draw(self):
            pass

    return Push()


def _pdf_table(rows: tuple[tuple[str, ...], ...], width: float, style, repeat_header: bool):
    from reportlab.platypus import Table

    ncols = max(len(r) for r in rows)
    weights = [max(2, *(len(r[c]) for r in rows if len(r) == ncols)) for c in range(ncols)]
    widths = [width * w / sum(weights) for w in weights]
    data, commands = [], [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    for r, row in enumerate(rows):
        cells = [_p(c, style) for c in row] + [""] * (ncols - len(row))
        if len(row) == 1 and ncols > 1:
            commands.append(("SPAN", (0, r), (-1, r)))
        data.append(cells)
    return Table(data, colWidths=widths, repeatRows=1 if repeat_header else 0, style=commands)


def plan_to_pdf(text: str, path: str | Path, title: str | None = None, repeat_header: bool = False,
                box_as_table: bool = False) -> Path:
    """Write plan text as an A4 PDF with a running header (``title``) and a "— N —" footer on every page.

    Tables are ruled (so pdfplumber finds them); a table of 8+ rows is pushed so a
    page break falls inside it. ``repeat_header`` repeats its header row on the next page.
    ``box_as_table`` draws a 专栏 box inside a frame (a one-column table with only an outer border).
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import SimpleDocTemplate, Spacer, Table

    pdfmetrics.registerFont(UnicodeCIDFont(_FONT))
    pieces = parse_plan(text)
    levels = heading_levels(pieces)
    title = title or "规划文本（测试用）"

    def style(name: str, size: float, indent: float = 0, align: int = 0) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=_FONT, fontSize=size, leading=size * 1.5, firstLineIndent=indent,
                              alignment=align, wordWrap="CJK", spaceBefore=size * 0.3)

    body, caption, cell = style("body", 12, indent=24), style("caption", 12, align=1), style("cell", 10)
    heads = {n: style(f"h{n}", max(12, 18 - 2 * n)) for n in range(1, 10)}
    width = A4[0] - 5 * cm
    story = []
    for piece in pieces:
        if isinstance(piece, Heading):
            story.append(_p(piece.text, heads[levels[piece.form]]))
        elif isinstance(piece, Para):
            story.append(_p(piece.text, caption if piece.caption else body))
        elif isinstance(piece, Box) and box_as_table:
            rows = [[_p(piece.title, caption)]] + [[_p(item, body)] for item in piece.items]
            frame = [("BOX", (0, 0), (-1, -1), 0.5, "black"),  # closed on both sides of a page break, as Word draws it
                     ("LINEBELOW", (0, "splitlast"), (-1, "splitlast"), 0.5, "black"),
                     ("LINEABOVE", (0, "splitfirst"), (-1, "splitfirst"), 0.5, "black")]
            story.extend([Table(rows, colWidths=[width], style=frame), Spacer(1, 6)])
        elif isinstance(piece, Box):
            story.append(_p(piece.title, caption))
            story.extend(_p(item, body) for item in piece.items)
        else:
            table = _pdf_table(piece.rows, width, cell, repeat_header)
            if len(piece.rows) >= 8:
                story.append(_push_into_page(table, width))
            story.extend([table, Spacer(1, 6)])

    def furniture(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(_FONT, 10)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 1.3 * cm, title)
        canvas.drawCentredString(A4[0] / 2, 1.2 * cm, f"— {doc.page} —")
        canvas.restoreState()

    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=2.5 * cm, rightMargin=2.5 * cm,
                            topMargin=2.5 * cm, bottomMargin=2.5 * cm, title=title)
    doc.build(story, onFirstPage=furniture, onLaterPages=furniture)
    return Path(path)
