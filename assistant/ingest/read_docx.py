"""Word (.docx) reader: body paragraphs and tables in order, auto-numbering made visible.

Chinese plans number their headings with Word lists ("第%1章", "%1、", "（%1）"),
so the number is not in the paragraph text; ``Numbering`` replays Word's list
counters from numbering.xml and the label is prepended to the text.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import DocumentError, EmptyDocumentError
from assistant.types import Block, RawDocument, SourceLine, SourceTable

logger = logging.getLogger(__name__)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_TOC_NAME = re.compile(r"^(?:toc\b|目录\s*\d)", re.IGNORECASE)  # "toc 1".."toc 9", "TOC Heading"
_SPACED_LABEL = ("章", "节", "篇", "编", "部分")
_SKIP = frozenset({W + "pPr", W + "rPr", W + "del", W + "moveFrom", W + "txbxContent", _MC_FALLBACK})


def _val(el, path: str) -> str | None:
    found = el.find(path) if el is not None else None
    return None if found is None else found.get(W + "val")


def _int(el, path: str) -> int | None:
    """An integer attribute; None when absent or malformed (a bad number must not sink the document)."""
    try:
        return int(_val(el, path))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


# ---------------------------------------------------------------- number formats


def _chinese(n: int, digits: str, units: str, drop_leading_one: bool) -> str:
    if not 0 < n < 10000:
        return str(n)
    s = str(n)
    out, zero = "", False
    for i, ch in enumerate(s):
        d, pos = int(ch), len(s) - 1 - i
        if d == 0:
            zero = True
            continue
        out += (digits[0] if zero and out else "") + digits[d] + (units[pos - 1] if pos else "")
        zero = False
    return out[1:] if drop_leading_one and 10 <= n < 20 else out


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_SERIES = {  # formats that count through a fixed list of symbols
    "ideographTraditional": "甲乙丙丁戊己庚辛壬癸",
    "ideographZodiac": "子丑寅卯辰巳午未申酉戌亥",
    "decimalEnclosedCircle": "".join(map(chr, range(0x2460, 0x2474))),
    "decimalEnclosedCircleChinese": "".join(map(chr, range(0x2460, 0x2474))),
}


def format_number(n: int, fmt: str) -> str:
    """Render a list counter the way Word's numFmt does (the common formats; others as decimal)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting"):
        return _chinese(n, "〇一二三四五六七八九", "十百千", True)
    if fmt in ("chineseLegalSimplified", "japaneseLegal", "taiwaneseCountingThousand"):
        return _chinese(n, "零壹贰叁肆伍陆柒捌玖", "拾佰仟", False)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand", "decimalFullWidth"):
        zero = 0xFF10 if fmt == "decimalFullWidth" else None
        return "".join(chr(zero + int(c)) if zero else "〇一二三四五六七八九"[int(c)] for c in str(n))
    if fmt in _SERIES and 0 < n <= len(_SERIES[fmt]):
        return _SERIES[fmt][n - 1]
    if fmt in ("upperRoman", "lowerRoman") and 0 < n < 4000:
        out = ""
        for value, sym in _ROMAN:
            count, n = divmod(n, value)
            out += sym * count
        return out if fmt == "upperRoman" else out.lower()
    if fmt in ("upperLetter", "lowerLetter") and n > 0:
        out = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return out if fmt == "upperLetter" else out.lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return "" if fmt == "none" else str(n)


# ---------------------------------------------------------------- numbering.xml


@dataclass(frozen=True)
class Level:
    start: int
    fmt: str
    text: str
    restart: int | None  # w:lvlRestart; None = restart after any higher level
    legal: bool
    style_id: str | None


class Numbering:
    """Word list counters. Numbers sharing an abstractNum continue one another;
    a num with a startOverride restarts the count the first time it is used."""

    def __init__(self, root=None):
        self.abstract: dict[str, dict[int, Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._used: set[str] = set()
        if root is None:
            return
        for an in root.iterfind(W + "abstractNum"):
            levels = {}
            for lvl in an.iterfind(W + "lvl"):
                ilvl = lvl.get(W + "ilvl", "0")
                levels[int(ilvl) if ilvl.isdigit() else 0] = Level(
                    _int(lvl, W + "start") or 1, _val(lvl, W + "numFmt") or "decimal", _val(lvl, W + "lvlText") or "",
                    _int(lvl, W + "lvlRestart"), lvl.find(W + "isLgl") is not None, _val(lvl, W + "pStyle"))
            self.abstract[an.get(W + "abstractNumId", "")] = levels
        for num in root.iterfind(W + "num"):
            overrides = {}
            for o in num.iterfind(W + "lvlOverride"):
                start, ilvl = _int(o, W + "startOverride"), o.get(W + "ilvl", "0")
                if start is not None and ilvl.isdigit():
                    overrides[int(ilvl)] = start
            self.nums[num.get(W + "numId", "")] = (_val(num, W + "abstractNumId") or "", overrides)

    def level_for_style(self, num_id: str, style_id: str) -> int:
        levels = self.abstract.get(self.nums.get(num_id, ("", {}))[0], {})
        return next((i for i, lvl in levels.items() if lvl.style_id == style_id), 0)

    def label(self, num_id: str, ilvl: int) -> str | None:
        """Advance the counter of (num, level) and return the label Word shows; None for bullets."""
        abs_id, overrides = self.nums.get(num_id, ("", {}))
        levels = self.abstract.get(abs_id, {})
        lvl = levels.get(ilvl)
        if lvl is None:
            return None
        counters = self._counters.setdefault(abs_id, {})
        if num_id not in self._used:
            self._used.add(num_id)
            for i, start in overrides.items():
                counters[i] = start - 1
        counters[ilvl] = counters.get(ilvl, lvl.start - 1) + 1
        for deeper, dl in levels.items():
            if deeper > ilvl and (dl.restart is None or (dl.restart and ilvl < dl.restart)):
                counters.pop(deeper, None)
        if lvl.fmt == "bullet":
            return None

        def render(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            other = levels.get(k)
            value = counters.get(k, other.start if other else 1)
            return format_number(value, "decimal" if lvl.legal else (other.fmt if other else "decimal"))

        return re.sub(r"%([1-9])", render, lvl.text)


# ---------------------------------------------------------------- styles


@dataclass(frozen=True)
class _Style:
    name: str
    based_on: str | None
    num_id: str | None
    ilvl: int | None
    outline: int | None


def _styles(root) -> tuple[dict[str, _Style], str | None]:
    styles, default = {}, None
    for st in root.iterfind(W + "style") if root is not None else ():
        if st.get(W + "type") != "paragraph":
            continue
        sid, ppr = st.get(W + "styleId", ""), st.find(W + "pPr")
        styles[sid] = _Style(_val(st, W + "name") or sid, _val(st, W + "basedOn"), _val(ppr, f"{W}numPr/{W}numId"),
                             _int(ppr, f"{W}numPr/{W}ilvl"), _int(ppr, W + "outlineLvl"))
        if st.get(W + "default") in ("1", "true"):
            default = sid
    return styles, default


# ---------------------------------------------------------------- body walk


_LITERAL = {W + "tab": "\t", W + "noBreakHyphen": "-"}


def _text(el) -> str:
    """Visible text of a paragraph: runs, hyperlinks, insertions, fields; not deletions or text boxes."""
    out = []
    for child in el:
        tag = child.tag
        if tag == W + "t":
            out.append(child.text or "")
        elif tag in _LITERAL:
            out.append(_LITERAL[tag])
        elif tag in (W + "br", W + "cr"):  # a page or column break is no line break
            out.append("\n" if child.get(W + "type") in (None, "textWrapping") else "")
        elif tag not in _SKIP and isinstance(tag, str):
            out.append(_text(child))
    return "".join(out)


def _continued(tc) -> bool:
    """A vertically merged cell below the first one: its text belongs to the cell above."""
    vmerge = tc.find(f"{W}tcPr/{W}vMerge")
    return vmerge is not None and vmerge.get(W + "val") in (None, "continue")


class _Walker:
    def __init__(self, numbering: Numbering, styles: dict[str, _Style], default_style: str | None):
        self.numbering, self.styles, self.default_style = numbering, styles, default_style
        self.blocks: list[Block] = []
        self.toc_lines = 0

    def _chain(self, style_id: str | None) -> Iterator[tuple[str, _Style]]:
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            yield style_id, self.styles[style_id]
            style_id = self.styles[style_id].based_on

    def _level(self, ppr, style_id: str | None) -> int | None:
        outline = _int(ppr, W + "outlineLvl")
        if outline is not None:  # 0-8 are outline levels, 9 is body text
            return outline + 1 if outline < 9 else None
        if style_id in self.styles and (m := _HEADING_NAME.match(self.styles[style_id].name.strip())):
            return int(m.group(1))
        for _, st in self._chain(style_id):
            if st.outline is not None:
                return st.outline + 1 if st.outline < 9 else None
        return None

    def _label(self, ppr, style_id: str | None) -> str | None:
        num_id, ilvl = _val(ppr, f"{W}numPr/{W}numId"), _int(ppr, f"{W}numPr/{W}ilvl")
        if num_id is None:
            for sid, st in self._chain(style_id):
                if st.num_id is not None:
                    num_id = st.num_id
                    ilvl = st.ilvl if st.ilvl is not None else self.numbering.level_for_style(num_id, sid)
                    break
        if num_id is None or num_id == "0":
            return None
        return self.numbering.label(num_id, ilvl or 0)

    def paragraph(self, p) -> tuple[str, int | None]:
        ppr = p.find(W + "pPr")
        style_id = _val(ppr, W + "pStyle") or self.default_style
        text, label = _text(p), self._label(ppr, style_id)
        if label:
            text = label + (" " if label.endswith(_SPACED_LABEL) and text[:1] not in (" ", "\t", "\u3000") else "") + text
        return text, self._level(ppr, style_id)

    def _emit_paragraph(self, p) -> None:
        style = self.styles.get(_val(p.find(W + "pPr"), W + "pStyle") or "")
        if style is not None and _TOC_NAME.match(style.name):
            self.toc_lines += 1  # a table-of-contents entry repeats a heading: leave it out
            return
        text, level = self.paragraph(p)
        self.blocks.append(SourceLine(len(self.blocks) + 1, text, style_level=level))
        for box in p.iter(W + "txbxContent"):  # text boxes anchored here, read after the anchor
            if not any(a.tag in (_MC_FALLBACK, W + "txbxContent") for a in box.iterancestors()):
                self.walk(box)
                self._end_box()

    def _end_box(self) -> None:
        """A blank line after a box's content marks where the box ends, as in a .txt export."""
        last = self.blocks[-1] if self.blocks else None
        if isinstance(last, SourceLine) and last.text.strip():
            self.blocks.append(SourceLine(len(self.blocks) + 1, ""))

    def _cell_text(self, tc) -> str:
        parts = []
        for p in tc.iter(W + "p"):
            if not any(a.tag == _MC_FALLBACK for a in p.iterancestors()):
                parts.append(self.paragraph(p)[0])
        return "\n".join(parts).strip()

    def _table(self, tbl) -> None:
        rows = [tr.xpath("./w:tc | ./w:sdt/w:sdtContent/w:tc") for tr in tbl.xpath("./w:tr | ./w:sdt/w:sdtContent/w:tr")]
        rows = [r for r in rows if r]
        if rows and all(len(r) == 1 for r in rows):  # a 专栏 box drawn as a one-column table
            for (tc,) in rows:
                if not _continued(tc):
                    self.walk(tc)
            self._end_box()
            return
        cells = []
        for r in rows:
            row: list[str] = []
            for tc in r:
                row.append("" if _continued(tc) else self._cell_text(tc))
                if len(r) > 1:  # a cell merged across columns keeps the cells after it under their columns
                    row.extend([""] * ((_int(tc, f"{W}tcPr/{W}gridSpan") or 1) - 1))
            cells.append(tuple(row))
        self.blocks.append(SourceTable(len(self.blocks) + 1, tuple(cells)))

    def walk(self, container) -> None:
        for child in container:
            if child.tag == W + "p":
                self._emit_paragraph(child)
            elif child.tag == W + "tbl":
                self._table(child)
            elif child.tag in (W + "sdt", W + "sdtContent", W + "customXml"):
                self.walk(child)


def read_docx(path: Path) -> RawDocument:
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    name = str(path)
    with path.open("rb") as fh:
        magic = fh.read(8)
    if magic.startswith(b"\xd0\xcf\x11\xe0"):
        raise DocumentError("这是旧版 Word/WPS 文件或已加密的文档，请去掉密码并另存为 .docx。 / this is an old-format "
                            "(.doc/.wps) or password-protected file; remove the password and save as .docx.", name)
    try:
        document = docx.Document(name)
        try:
            numbering = Numbering(document.part.part_related_by(RT.NUMBERING).element)
        except KeyError:
            numbering = Numbering()
        styles, default_style = _styles(document.styles.element)
        walker = _Walker(numbering, styles, default_style)
        walker.walk(document.element.body)
    except Exception as err:  # python-docx/lxml/zipfile raise many types for damaged files
        raise DocumentError(f"无法作为 .docx 打开（文件可能已损坏）/ cannot open as .docx, the file may be damaged: "
                            f"{err}. Open it in Word or WPS and save it again as .docx.", name) from err
    if walker.toc_lines:
        logger.info("%s: left out %d table-of-contents lines", name, walker.toc_lines)
    blocks = tuple(walker.blocks)
    if not any(b.rows if isinstance(b, SourceTable) else b.text.strip() for b in blocks):
        raise EmptyDocumentError("文档中没有文字 / the document has no text; check that it is the right file.", name)
    return RawDocument(name, "docx", blocks)
