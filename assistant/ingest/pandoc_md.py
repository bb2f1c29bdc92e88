"""What pandoc writes when it turns a Word file into Markdown (``pandoc -t markdown``), read back as lines and tables.
Pure: lines in, blocks out.

- simple and multiline tables (a rule of dash groups under the header, a multiline table's rows a blank line
  apart between two long rules) -> a SourceTable, columns cut where the dash groups start (in display width);
- grid tables (``+---+`` borders, ``+===+`` under the header, ``|`` rows, a cell wrapped over several text lines of
  one row) -> a SourceTable, the wrapped lines of each cell joined; a grid table of one cell (a 专栏 box drawn as a
  framed paragraph) -> its paragraphs as lines, a blank line after them, as a Word one-cell table is read;
- raw HTML tables (``<table>`` … ``</table>``, with rowspan / colspan) -> a SourceTable, spanned cells filled in
  (``read_html.html_blocks``);
- setext headings (a line over ``===`` / ``---``) -> a line with its heading level, as ``#`` / ``##`` give it;
- fenced divs (``::: {.box}`` … ``:::``) -> their lines, the fences blank lines (the div's end ends a box);
- ``<!-- -->`` comments (pandoc puts one between two lists) -> blank lines;
- footnote definitions (``[^1]: …``, continued by indented lines) -> one line of their text;
- line blocks (``| 苍梧市人民政府办公室``, lines Word broke by hand) -> the lines without their marks.

Inline marks (``inline``): ``{#id .class}`` after a heading, ``[text]{.underline}`` spans, ``^sup^`` / ``~sub~``,
inline HTML tags (``<u>``, ``<sup>``), footnote markers and backslash escapes (``1\\.``, ``\\*``, ``\\[``) -> plain text.
"""

from __future__ import annotations

import re

from assistant.ingest.read_pdf import join_wrapped
from assistant.text.width import width
from assistant.types import Block, SourceLine, SourceTable

_BORDER = re.compile(r"^\s*\+(?:[-=:]+\+)+\s*$")  # +----+-----+ / +====+=====+ / +:---+
_ROW = re.compile(r"^\s*\|.*\|\s*$")
_ROW_ENDS = re.compile(r"^\s*[|+].*[|+]\s*$")
_SEGMENT = re.compile(r"\+[-=:]{3,}\+")
_DASHES = re.compile(r"^\s*-{2,}(?:[ \t]+-{2,})+\s*$")  # a simple or multiline table's column rule: ---- ------ --
_RULE = re.compile(r"^\s*-{10,}\s*$")  # a multiline table's top and bottom rule
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_DIV_FENCE = re.compile(r"^ {0,3}:{3,}\s*(?:\{[^}]*\}|[\w-]+)?\s*(?::{3,})?\s*$")
_HTML_TABLE_OPEN = re.compile(r"^\s*<table\b", re.I)
_HTML_TABLE_CLOSE = re.compile(r"</table\s*>", re.I)
_FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^([^\]\s]{1,16})\]:[ \t]*")  # "[^1]: 紧密型县域医共体：指…"
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]{1,16}\]")  # "医共体[^1]4个": the marker, not part of 4
_CODE_FENCE = re.compile(r"^ {0,3}(```|~~~)")
# {#id .class key=value} after a heading or a span; [text]{.underline} / [text]{.mark}
_ATTRS = r"\{\s*(?:[#.][^\s{}]*|[\w-]+=(?:\"[^\"]*\"|\S*?))(?:\s+(?:[#.][^\s{}]*|[\w-]+=(?:\"[^\"]*\"|\S*?)))*\s*\}"
_TRAILING_ATTRS = re.compile(r"\s*" + _ATTRS + r"\s*$")
_SPAN = re.compile(r"\[([^\[\]]*)\]" + _ATTRS)
_SUPER_SUB = re.compile(r"(?<=\S)(\^|~)(?!\1)([^\s^~]{1,10})\1")  # m^2^, CO~2~
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~ ])")  # any escaped ASCII punctuation (or space): the character itself
_INLINE_HTML = re.compile(r"</?(?:span|u|sup|sub|br|strong|em|b|i|mark|small|font)\b[^<>]*>", re.I)
_LINE_BLOCK = re.compile(r"^\|[ \t]+(?=\S)(?!.*(?<!\\)\|)")  # "| 苍梧市人民政府办公室": a line kept as its own line
_HARD_BREAK = re.compile(r"\\$")


def unescape(text: str) -> str:
    return _ESCAPE.sub(r"\1", text)


def without_comments(text: str) -> str:
    """The text without its <!-- … --> comments, found by one scan (a regex would rescan the rest of the text from
    every unclosed <!-- : quadratic on a pathological line); an unclosed one is kept as text."""
    out, at = [], 0
    while (start := text.find("<!--", at)) >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            break
        out.append(text[at:start])
        at = end + 3
    out.append(text[at:])
    return "".join(out)


def inline(text: str) -> str:
    """A line without pandoc's inline marks: attributes, spans, footnote markers, escapes; the text as written."""
    text = without_comments(text)
    text = _SPAN.sub(r"\1", text)
    text = _TRAILING_ATTRS.sub("", text)
    text = _FOOTNOTE_REF.sub("", text)
    text = _SUPER_SUB.sub(r"\2", _INLINE_HTML.sub("", text))
    return unescape(_HARD_BREAK.sub("", text))


def _bounds(border: str) -> list[int]:
    """Display columns of a border's ``+`` signs."""
    out, col = [], 0
    for ch in border.rstrip():
        if ch == "+":
            out.append(col)
        col += width(ch)
    return out


def _split_row(line: str, bounds: list[int]) -> list[str]:
    """A grid row's cell texts: split at its ``|`` signs when there is one per border column (a hand-aligned table
    counting a Chinese character as one column), else at the border's columns counted in display width."""
    body = line.strip()
    parts = re.split(r"(?<!\\)\|", body[1:-1]) if len(body) >= 2 else []
    if len(parts) == len(bounds) - 1:
        return [p.strip() for p in parts]
    cells = [[] for _ in range(len(bounds) - 1)]
    col = 0
    indent = len(line) - len(line.lstrip())
    for ch in line[indent:].rstrip():
        k = next((i for i in range(len(bounds) - 1) if bounds[i] < col < bounds[i + 1]), None)
        if k is not None:
            cells[k].append(ch)
        col += width(ch)
    return ["".join(c).strip() for c in cells]


def _columns(rule: str) -> list[int]:
    """Display columns where each dash group of a column rule starts: a cell runs from its group's start to the
    next one's (left-aligned text starts at its dashes, right-aligned ends at them)."""
    starts, col, prev = [], 0, " "
    for ch in rule.rstrip():
        if ch == "-" and prev != "-":
            starts.append(col)
        prev, col = ch, col + width(ch)
    return starts


def _cut(line: str, starts: list[int]) -> list[str]:
    cells = [[] for _ in starts]
    col = 0
    for ch in line.rstrip():
        k = max((i for i, s in enumerate(starts) if s <= col), default=0)
        cells[k].append(ch)
        col += width(ch)
    return ["".join(c).strip() for c in cells]


def _dash_rows(chunks: list[list[str]], starts: list[int]) -> list[tuple[str, ...]]:
    """Rows of a simple or multiline table: each chunk of text lines one row, a cell's lines joined."""
    out = []
    for chunk in chunks:
        cells = list(zip(*(_cut(ln, starts) for ln in chunk), strict=True))
        out.append(tuple(inline(_join_cell(list(c))) for c in cells))
    return out


def dash_table(lines: list[str], i: int) -> tuple[list[tuple[str, ...]], int] | None:
    """A pandoc simple table (a header line over a rule of dash groups, a row a line, a blank line after) or
    multiline table (a long rule, header lines, the dash groups, rows a blank line apart, a long rule) starting at
    lines[i]: its rows (the header first) and the index after it. None when lines[i] starts neither."""
    if _RULE.match(lines[i]):
        j = i + 1
        while j < len(lines) and lines[j].strip() and not _DASHES.match(lines[j]) and not _RULE.match(lines[j]):
            j += 1
        if j >= len(lines) or not _DASHES.match(lines[j]):
            return None
        chunks, cur, k = [lines[i + 1:j]] if j > i + 1 else [], [], j + 1
        while k < len(lines) and not _RULE.match(lines[k]) and not _DASHES.match(lines[k]):
            if lines[k].strip():
                cur.append(lines[k])
            elif cur:
                chunks, cur = [*chunks, cur], []
            k += 1
        if k >= len(lines) or len(chunks) + bool(cur) < 2:
            return None
        return _dash_rows([*chunks, cur] if cur else chunks, _columns(lines[j])), k + 1
    if not lines[i].strip() or i + 1 >= len(lines) or not _DASHES.match(lines[i + 1]) or _ROW.match(lines[i]):
        return None
    k = i + 2
    while k < len(lines) and lines[k].strip() and not _DASHES.match(lines[k]):
        k += 1
    if k == i + 2:
        return None
    end = k + 1 if k < len(lines) and _DASHES.match(lines[k]) else k
    return _dash_rows([[ln] for ln in [lines[i], *lines[i + 2:k]]], _columns(lines[i + 1])), end


def _join_cell(pieces: list[str]) -> str:
    """The text lines of one cell: a wrapped line joined to the one before it, paragraphs (a blank line between)
    kept apart by a space."""
    paras: list[str] = []
    cur = ""
    for p in pieces:
        if not p:
            if cur:
                paras.append(cur)
            cur = ""
        else:
            cur = join_wrapped(cur, p) if cur else p
    if cur:
        paras.append(cur)
    return " ".join(paras)


def _separator(line: str) -> bool:
    """A full border, or a partial one (a cell spanning rows keeps its ``|`` beside the border of the others)."""
    return bool(_BORDER.match(line) or (_ROW_ENDS.match(line) and _SEGMENT.search(line)))


def grid_table(lines: list[str], i: int) -> tuple[list[tuple[int, list[list[str]]]], int] | None:
    """The grid table starting at the border lines[i]: its rows (the index of the row's first text line, and its
    cells, each cell its text lines) and the index after the table. None when lines[i] opens no grid table."""
    if not _BORDER.match(lines[i]) or i + 1 >= len(lines) or not _ROW.match(lines[i + 1]):
        return None
    bounds = _bounds(lines[i])
    rows: list[tuple[int, list[list[str]]]] = []
    j = i + 1
    while j < len(lines) and _ROW.match(lines[j]) and not _separator(lines[j]):
        start, cells = j, [[] for _ in range(len(bounds) - 1)]
        while j < len(lines) and _ROW.match(lines[j]) and not _separator(lines[j]):
            for k, text in enumerate(_split_row(lines[j], bounds)):
                cells[k].append(text)
            j += 1
        rows.append((start, cells))
        if j < len(lines) and _separator(lines[j]):
            j += 1
    return (rows, j) if rows else None


def _box_lines(rows: list[tuple[int, list[list[str]]]]) -> list[Block]:
    """A one-column grid table (a framed 专栏): its paragraphs as lines (wrapped lines joined), each followed by a
    blank line."""
    out: list[Block] = []
    for start, (pieces,) in rows:
        cur, first = "", start
        for n, piece in enumerate([*pieces, ""], start):
            if piece:
                cur, first = (join_wrapped(cur, piece), first) if cur else (piece, n)
            elif cur:
                out.extend((SourceLine(first + 1, cur), SourceLine(n + 1, "")))
                cur = ""
    return out


def _closing_lines(lines: list[str] | tuple[str, ...]) -> list[int]:
    """For each line, the first line at or after it that closes an HTML table (len(lines) when none does): one
    backward pass, so that many <table> lines left open cost no rescan each."""
    out, nxt = [len(lines)] * len(lines), len(lines)
    for j in range(len(lines) - 1, -1, -1):
        if _HTML_TABLE_CLOSE.search(lines[j]):
            nxt = j
        out[j] = nxt
    return out


def _html_table(lines: list[str], i: int, closing: list[int]) -> tuple[list[Block], int] | None:
    if not _HTML_TABLE_OPEN.match(lines[i]):
        return None
    j = closing[i]
    if j >= len(lines):
        return None
    from assistant.ingest.read_html import html_blocks  # read_html reads files through read_text

    out: list[Block] = []
    for b in html_blocks("\n".join(lines[i:j + 1])):
        if isinstance(b, SourceTable):
            out.append(SourceTable(i + 1, tuple(tuple(inline(c) for c in r) for r in b.rows)))
        elif isinstance(b, SourceLine) and b.text.strip():
            out.append(SourceLine(i + 1, inline(b.text)))
    return out, j + 1


def _footnote(lines: list[str], i: int) -> tuple[str, int] | None:
    """A footnote definition and its indented continuation lines -> its text; None when lines[i] is none."""
    m = _FOOTNOTE_DEF.match(lines[i])
    if not m:
        return None
    text = lines[i][m.end():].strip()
    j = i + 1
    while j < len(lines) and lines[j].startswith(("    ", "\t")) and lines[j].strip():
        text = join_wrapped(text, lines[j].strip())
        j += 1
    return text, j


def _setext_level(lines: list[str], i: int) -> int | None:
    """1 or 2 when lines[i] is a one-line paragraph underlined by ``===`` / ``---`` (a blank or a heading above)."""
    if i + 1 >= len(lines) or not lines[i].strip() or _ROW.match(lines[i]) or _BORDER.match(lines[i]):
        return None
    m = _SETEXT.match(lines[i + 1])
    if not m or (i > 0 and lines[i - 1].strip() and not lines[i - 1].lstrip().startswith("#")):
        return None
    if lines[i].lstrip().startswith(("-", "*", "+", ">", "|", "<")) or "|" in lines[i + 1]:
        return None
    return 1 if m.group(1)[0] == "=" else 2


def pandoc_blocks(lines: list[str] | tuple[str, ...]) -> list[Block]:
    """Lines as blocks: pandoc's block structures read (see the module's docstring), every other line as it is
    (``SourceLine`` with its own line number, inline marks left for the markdown reader)."""
    lines = list(lines)
    closing = _closing_lines(lines)
    out: list[Block] = []
    in_code = False
    i = 0
    while i < len(lines):
        ln = lines[i]
        if _CODE_FENCE.match(ln):
            in_code = not in_code
        if in_code or _CODE_FENCE.match(ln):
            out.append(SourceLine(i + 1, ln))
            i += 1
            continue
        if "<!--" in ln and "-->" not in ln.split("<!--", 1)[1]:  # a comment over several lines
            j = i + 1
            while j < len(lines) and "-->" not in lines[j]:
                j += 1
            head = ln.split("<!--", 1)[0]
            out.append(SourceLine(i + 1, head if head.strip() else ""))
            out.extend(SourceLine(k + 1, "") for k in range(i + 1, min(j, len(lines))))
            if j < len(lines):
                tail = lines[j].split("-->", 1)[1]
                out.append(SourceLine(j + 1, tail if tail.strip() else ""))
            i = j + 1
            continue
        if (grid := grid_table(lines, i)) is not None:
            rows, end = grid
            if len(rows[0][1]) == 1:
                out.extend(_box_lines(rows))
            else:
                out.append(SourceTable(i + 1, tuple(tuple(inline(_join_cell(c)) for c in cells) for _, cells in rows)))
            i = end
            continue
        if (dashed := dash_table(lines, i)) is not None:
            out.append(SourceTable(i + 1, tuple(dashed[0])))
            i = dashed[1]
            continue
        if (html := _html_table(lines, i, closing)) is not None:
            out.extend(html[0])
            i = html[1]
            continue
        if (note := _footnote(lines, i)) is not None:
            out.append(SourceLine(i + 1, note[0]))
            i = note[1]
            continue
        if _DIV_FENCE.match(ln) or not without_comments(ln).strip():
            out.append(SourceLine(i + 1, ""))
            i += 1
            continue
        if (level := _setext_level(lines, i)) is not None:
            out.extend((SourceLine(i + 1, ln.strip(), style_level=level), SourceLine(i + 2, "")))
            i += 2
            continue
        out.append(SourceLine(i + 1, _LINE_BLOCK.sub("", ln)))
        i += 1
    return out
