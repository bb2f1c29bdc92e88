"""Turn a file's blocks into a flat stream of events: headings, paragraphs, 专栏 boxes and tables. Pure.

Boxes and tables are recognised before headings, because the numbered items
inside a 专栏 ("1.探索发展……：") look exactly like "1." headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from assistant.answer.lexicon import lexicon
from assistant.text.numbers import cn_to_int, to_halfwidth
from assistant.text.patterns import (
    ANNEX_LIST_RE,
    ANNEX_TITLED_RE,
    CELL_VALUE_RE,
    ITEM_NAME_RE,
    ITEM_NUMBER_RE,
    TABLE_LABEL_RE,
)

from ..types import RawDocument, SourceLine, SourceTable
from .forms import (
    ANNEX_RE,
    GLUED_HEADING_RE,
    MAX_TITLE,
    SENTENCE_END,
    HeadingForm,
    box_title,
    clean,
    heading_form,
    is_indented,
    is_note,
    run_in_items,
    table_title,
)
from .table_model import is_data_cell
from .tables import is_header

_ITEM_NUM_RE = re.compile(r"^(?:(\d{1,2})[\.．、](?!\d)|[（(](\d{1,2})[）)]|([\u2460-\u2473]))\s*")
_NAME_CUT_RE = re.compile(r"[：:。]")
_TITLE_NUM_RE = re.compile(r"^(?:附)?(?:表|专栏)\s*(\d+)")
UNTITLED = "（未命名表格）"
_CAPTION_REACH = 40  # lines between a caption and a table it names, with other text between them
_FLAT_CELL = 30  # the longest line read as one cell of a flattened table


@dataclass(frozen=True)
class Line:
    lineno: int
    raw: str
    text: str
    indented: bool
    style_level: int | None = None
    lead: str | None = None


@dataclass
class Event:
    kind: str  # heading | para | box | table | blank
    lineno: int
    text: str = ""
    raw: str = ""
    form: HeadingForm | None = None
    inferred: bool = False
    # boxes: items as (lineno, text, name); tables: header, rows, notes
    items: list[tuple[int, str, str]] = field(default_factory=list)
    header: tuple[str, ...] = ()
    rows: list[tuple[tuple[str, ...], int]] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)
    extra: list[tuple[int, str]] = field(default_factory=list)  # other lines kept in a box or table
    line_end: int = 0
    style_level: int | None = None

    @property
    def title_number(self) -> int | None:
        m = _TITLE_NUM_RE.match(self.text)
        return int(m.group(1)) if m else None


def to_lines(raw: RawDocument) -> list[Line | SourceTable]:
    out: list[Line | SourceTable] = []
    for b in raw.blocks:
        if isinstance(b, SourceTable):
            out.append(b)
        elif isinstance(b, SourceLine):
            text = clean(b.text)
            items = [text] if b.lead else run_in_items(text)
            if len(items) > 1:  # numbered items run together on one line: a line each, as written apart
                out.extend(Line(b.lineno, t, t, is_indented(b.text), b.style_level) for t in items)
                continue
            out.append(Line(b.lineno, b.text, text, is_indented(b.text), b.style_level,
                            clean(b.lead) if b.lead else None))
    return out


def item_number(text: str) -> int | None:
    m = _ITEM_NUM_RE.match(text)
    if not m:
        return None
    if m.group(3):
        return ord(m.group(3)) - 0x2460 + 1
    return int(m.group(1) or m.group(2))


def project_name(text: str) -> str:
    """Item text -> project name: number removed, cut before the first ：/:/。."""
    body = _ITEM_NUM_RE.sub("", text, count=1).strip()
    m = _NAME_CUT_RE.search(body)
    return body[: m.start()].strip() if m else body


def _cells(line: Line, width: int | None = None) -> tuple[str, ...]:
    """A cell line's cells; given the table's ``width``, empty cells at the line's ends are kept when that makes the
    row as wide as the table (a 合计 row "\t合计\t\t184.1\t\t" keeps its empty 序号 cell)."""
    if "\t" in line.raw.strip("\t \u3000"):
        cells = tuple(clean(c) for c in line.raw.strip().split("\t"))
        if width is not None and len(cells) != width:
            whole = tuple(clean(c) for c in line.raw.strip(" \u3000\r\n").split("\t"))
            return whole if len(whole) == width else cells
        return cells
    return (line.text,)


def _tab_width(line: Line) -> int:
    """How many cells a tab-separated line holds (0 for a line without tabs between cells)."""
    return len(line.raw.strip(" \u3000\r\n").split("\t")) if "\t" in line.raw.strip("\t \u3000") else 0


def _group_line(lines: list, j: int, width: int) -> bool:
    """A short line between rows of a tab-separated table, with rows of the same width after it, is a group row of
    that table ("一、文化事业" over its indicators), not a heading that ends the table. A row after it that holds no
    number is another table's header: the line is then a heading between two tables."""
    ln = lines[j]
    if not isinstance(ln, Line) or not ln.text or len(ln.text) > _FLAT_CELL or ln.text[-1:] in SENTENCE_END:
        return False
    if is_note(ln.text) or box_title(ln.text) or table_title(ln.text):
        return False
    nxt = lines[j + 1] if j + 1 < len(lines) else None
    return isinstance(nxt, Line) and width >= 3 and _tab_width(nxt) == width \
        and any(is_data_cell(c) for c in _cells(nxt))


def _tab_block(lines: list, i: int) -> bool:
    """A header row (no cell a number) and at least two rows of its width, all tab-separated: a table even without
    a caption."""
    width = _tab_width(lines[i]) if isinstance(lines[i], Line) else 0
    if width < 3 or lines[i].indented or any(is_data_cell(c) for c in _cells(lines[i])):
        return False
    run = lines[i + 1:i + 3]
    return len(run) == 2 and all(isinstance(ln, Line) and _tab_width(ln) == width for ln in run)


def _is_cell_line(line: Line) -> bool:
    return line.indented or "\t" in line.raw.strip("\t \u3000")


def _is_header_word(cell: str) -> bool:
    c = to_halfwidth(cell).replace(" ", "")
    return bool(re.match(r"^((19|20)\d\d年?.{0,4}|序号|编号|指标.{0,3}|名称|单位|计量单位|属性|类型|项目)$", c))


def _group_rows(cell_lines: list[list[Line]], titled: bool = False
                ) -> tuple[tuple[str, ...], list[tuple[tuple[str, ...], int]]] | None:
    """Groups of cell lines (split at blank lines) -> header and rows, or None if no header. Under a caption
    (``titled``) the first row of several cells is the header whatever it names (地区, 充电站（座）…)."""
    rows: list[tuple[tuple[str, ...], int]] = []
    width = next((len(_cells(ln)) for group in cell_lines for ln in group if _tab_width(ln)), None)
    for group in cell_lines:
        if len(group) == 1 or all("\t" not in ln.raw.strip("\t \u3000") for ln in group):
            if any("\t" in ln.raw.strip("\t \u3000") for ln in group):
                rows.extend((_cells(ln, width), ln.lineno) for ln in group)
            else:
                rows.append((tuple(ln.text for ln in group), group[0].lineno))
        else:
            rows.extend((_cells(ln, width), ln.lineno) for ln in group)
    if not rows:
        return None
    header, first_line = rows[0]
    if titled and not is_header(header) and len(header) >= 2 and len(rows) >= 2 \
            and all(len(r) == len(header) for r, _ in rows[1:]):
        return header, rows[1:]
    if not is_header(header):
        # one long run without blank separators: the header is the leading run of header words
        n = 0
        while n < len(header) and _is_header_word(header[n]):
            n += 1
        if n < 2 or not is_header(header[:n]):
            return None
        flat = header[n:]
        regrouped = [(flat[i:i + n], first_line) for i in range(0, len(flat), n)]
        return header[:n], regrouped + rows[1:]
    return header, rows[1:]


def _collect_cells(lines: list, i: int) -> tuple[list[list[Line]], int]:
    """Cell lines from i on, grouped at blank lines; returns groups and the index after the last cell."""
    groups: list[list[Line]] = [[]]
    j, end = i, i
    while j < len(lines):
        ln = lines[j]
        if not isinstance(ln, Line):
            break
        if not ln.text:
            if groups[-1]:
                groups.append([])
            j += 1
            continue
        if not _is_cell_line(ln):
            width = next((w for x in reversed(groups[-1]) if (w := _tab_width(x))), 0)
            if not _group_line(lines, j, width):
                break
        # a category row or value cell is a cell; a long tab-indented paragraph is not
        groups[-1].append(ln)
        j += 1
        end = j
    return [g for g in groups if g], end


_RULE_RE = re.compile(r"^[\s*\-_=]{3,}$")  # a page break or thematic break (* * *, ---) between a table and its note


def _note_item(text: str) -> int | None:
    """A numbered note's item number, also when a figure follows the number at once ("2.2025年数据为预计数")."""
    m = ITEM_NUMBER_RE.match(text)
    return int(re.sub(r"\D", "", m.group(0))) if m else None


def _collect_notes(lines: list, i: int, ev: Event) -> int:
    def skip(j: int) -> int:
        while j < len(lines) and isinstance(lines[j], Line) and (not lines[j].text or _RULE_RE.match(lines[j].text)):
            j += 1
        return j

    j = skip(i)
    if j < len(lines) and isinstance(lines[j], Line) and is_note(lines[j].text):
        ev.notes.append((lines[j].lineno, lines[j].text))
        ev.line_end = lines[j].lineno
        numbered = bool(re.search(r"[:：]\s*1[\.．、]", lines[j].text))
        j += 1
        expected = 2
        while numbered:  # "注：1．…" then "2．…", blank lines between allowed
            k = skip(j)
            if not (k < len(lines) and isinstance(lines[k], Line) and _note_item(lines[k].text) == expected):
                break
            ev.notes.append((lines[k].lineno, lines[k].text))
            ev.line_end = lines[k].lineno
            expected += 1
            j = k + 1
        return j
    return i


def _try_table(lines: list, i: int, title: str, lineno: int, tabbed: bool = False) -> tuple[Event, int] | None:
    """A table starting at lines[i] (after skipping blanks), titled ``title``; ``tabbed``: its first line heads a
    block of tab-separated rows (see ``_tab_block``), a header whatever it names."""
    j = i
    while j < len(lines) and isinstance(lines[j], Line) and not lines[j].text:
        j += 1
    if j < len(lines) and isinstance(lines[j], SourceTable):
        t = lines[j]
        rows = [tuple(clean(c) for c in r) for r in t.rows if any(c.strip() for c in r)]
        if not rows:
            return None
        ev = Event("table", lineno, text=title, header=rows[0],
                   rows=[(r, t.lineno) for r in rows[1:]], line_end=t.lineno)
        return ev, _collect_notes(lines, j + 1, ev)
    if (j < len(lines) and isinstance(lines[j], Line) and not _is_cell_line(lines[j])
            and (title != UNTITLED or _is_header_word(lines[j].text))):
        flat = _flat_table(lines, j)
        if flat is None:
            return None
        header, rows, end = flat
        ev = Event("table", lineno, text=title, header=header, rows=rows, line_end=lines[end - 1].lineno)
        return ev, _collect_notes(lines, end, ev)
    if j >= len(lines) or not isinstance(lines[j], Line) or not _is_cell_line(lines[j]):
        return None
    groups, end = _collect_cells(lines, j)
    grouped = _group_rows(groups, titled=title != UNTITLED or tabbed)
    if grouped is None:
        return None
    header, rows = grouped
    ev = Event("table", lineno, text=title, header=header, rows=rows, line_end=lines[end - 1].lineno)
    return ev, _collect_notes(lines, end, ev)


def _is_flat_cell(text: str) -> bool:
    return 0 < len(text) <= _FLAT_CELL and text[-1:] not in SENTENCE_END and not is_note(text)


def _flat_table(lines: list, j: int) -> tuple[tuple[str, ...], list[tuple[tuple[str, ...], int]], int] | None:
    """A table flattened to one cell per line under its caption (a web page copied as text): a header of N
    header words, then rows of N short lines each, up to a note, a sentence or a heading at a row's start.
    Every row must hold a value (a number or a blank mark) outside its first cell."""
    n = 0
    while j + n < len(lines) and isinstance(lines[j + n], Line) and _is_header_word(lines[j + n].text):
        n += 1
    if n < 3 or not is_header(tuple(ln.text for ln in lines[j:j + n])):
        return None
    header = tuple(ln.text for ln in lines[j:j + n])
    rows: list[tuple[tuple[str, ...], int]] = []
    k = j + n
    while k + n <= len(lines):
        run = lines[k:k + n]
        if not all(isinstance(ln, Line) and _is_flat_cell(ln.text) for ln in run):
            break
        if heading_form(run[0].text) is not None and rows:
            break
        if not any(CELL_VALUE_RE.match(to_halfwidth(ln.text)) for ln in run[1:]):
            break
        rows.append((tuple(ln.text for ln in run), run[0].lineno))
        k += n
    if len(rows) < 2:
        return None
    return header, rows, k


def _ends_box(text: str) -> bool:
    f = heading_form(text)
    return bool(box_title(text) or table_title(text) or (f and f.kind not in ("arabic", "paren_arabic", "circled")))


def _collect_box(lines: list, i: int, ev: Event) -> int:
    """Items of a 专栏 box from lines[i]; a box ends at a heading, or at a blank line not followed by the next item."""
    expected = 1
    j = i
    while j < len(lines):
        ln = lines[j]
        if not isinstance(ln, Line):
            break
        if not ln.text:
            k = j
            while k < len(lines) and isinstance(lines[k], Line) and not lines[k].text:
                k += 1
            nxt = lines[k] if k < len(lines) else None
            if ev.items and isinstance(nxt, Line) and item_number(nxt.text) == expected:
                j = k
                continue
            if not ev.items and k < len(lines) and isinstance(nxt, Line) and not _ends_box(nxt.text):
                j = k  # blank right after the title
                continue
            break
        if _ends_box(ln.text) or ln.style_level is not None:
            break
        num = item_number(ln.text)
        if num is not None and ev.items and num != expected:
            break
        if num is not None:
            expected = num + 1
        ev.items.append((ln.lineno, ln.text, project_name(ln.text)))
        ev.line_end = ln.lineno
        j += 1
    return j


def _is_doc_title(ln: Line, events: list[Event]) -> bool:
    """A first, top-level styled heading naming a plan is the document's title, not a section."""
    return (ln.style_level == 1 and all(e.kind == "blank" for e in events)
            and bool(lexicon().regex("plan_title_word").search(ln.text)))


def _annex(lines: list, i: int, title_lines: frozenset[int]) -> tuple[Event, int] | None:
    """A bare 附件 line and the annex's title on the next line: one heading ("附件 工作组名单")."""
    ln = lines[i]
    if (m := ANNEX_TITLED_RE.match(ln.text)) and ln.lineno not in title_lines:
        display = f"{m.group(1)} {m.group(2)}"
        facts = ln.text if re.search(r"\d", m.group(2)) else ""  # (共10项，总投资…): kept as text too
        form = HeadingForm("preface", None, display, display, display, facts)
        return Event("heading", ln.lineno, text=display, raw=ln.raw, form=form, style_level=ln.style_level), i + 1
    if not ANNEX_RE.match(ln.text):
        return None
    j = i + 1
    while j < len(lines) and isinstance(lines[j], Line) and not lines[j].text:
        j += 1
    nxt = lines[j] if j < len(lines) else None
    if (not isinstance(nxt, Line) or nxt.lineno in title_lines or len(nxt.text) > MAX_TITLE
            or nxt.text[-1:] in SENTENCE_END or heading_form(nxt.text) is not None):
        return None
    display = f"{ln.text} {nxt.text}"
    form = HeadingForm("preface", None, display, display, display, "")
    return Event("heading", ln.lineno, text=display, raw=ln.raw, form=form, style_level=ln.style_level), j + 1


def _annex_names(lines: list, i: int) -> list[Event]:
    """The list of annexes closing a plan or notice ("附件：1. 重点任务分工表", then "2. 主要指标" on the next
    line): text naming the annexes that follow, not an annex heading with a "2." heading under it."""
    if not (isinstance(lines[i], Line) and ANNEX_LIST_RE.match(lines[i].text)):
        return []
    out = [Event("para", lines[i].lineno, text=lines[i].text, raw=lines[i].raw)]
    while i + len(out) < len(lines) and isinstance(nxt := lines[i + len(out)], Line) \
            and item_number(nxt.text) == len(out) + 1 and len(nxt.text) <= MAX_TITLE:
        out.append(Event("para", nxt.lineno, text=nxt.text, raw=nxt.raw))
    return out


def _annex_titles(lines: list, i: int) -> tuple[list[Event], int] | None:
    """A bare 附件 heading over a numbered list of short titles and nothing else (1. 某某专项规划 / 2. …, blank
    lines between them or not): the annexes' names, listed as text under the 附件 heading, not headings of their own.
    None when any other text stands between the numbered lines."""
    ln = lines[i]
    if not (isinstance(ln, Line) and ANNEX_RE.match(ln.text)):
        return None
    items: list[Line] = []
    j = i + 1
    while j < len(lines) and isinstance(lines[j], Line):
        if lines[j].text:
            if item_number(lines[j].text) != len(items) + 1 or len(lines[j].text) > MAX_TITLE \
                    or lines[j].text[-1:] in SENTENCE_END:
                break
            items.append(lines[j])
        j += 1
    end = items[-1].lineno if items else 0
    after = next((x for x in lines[j:] if not isinstance(x, Line) or x.text), None)
    if len(items) < 2 or (isinstance(after, Line) and item_number(after.text) is not None):
        return None
    title = ln.text.rstrip("：: ")
    head = Event("heading", ln.lineno, text=title, raw=ln.raw, style_level=ln.style_level,
                 form=HeadingForm("preface", None, title, title, title, ""))
    k = next(k for k in range(i + 1, len(lines)) if isinstance(lines[k], Line) and lines[k].lineno == end)
    return [head, *(Event("para", x.lineno, text=x.text, raw=x.raw) for x in items)], k + 1


def _annex_list(lines: list, i: int, heading: Event) -> tuple[Event, int] | None:
    """An annex that is a numbered list of named entries ("1. 某某工程：新建……，总投资……") lists projects as a 专栏
    does: read it as a box under the annex heading, one item per entry. None when any entry is not so named."""
    j = i
    while j < len(lines) and isinstance(lines[j], Line) and not lines[j].text:
        j += 1
    if not (j < len(lines) and isinstance(lines[j], Line) and item_number(lines[j].text) == 1):
        return None
    ev = Event("box", lines[j].lineno, text=heading.text, line_end=lines[j].lineno)
    end = _collect_box(lines, j, ev)
    named = [t for _, t, _ in ev.items if ITEM_NAME_RE.match(t) and item_number(t) is not None]
    if len(ev.items) < 2 or len(named) < len(ev.items):
        return None
    ev.items = [(ln, t, project_name(t)) for ln, t, _ in ev.items]
    return ev, end


def _heading_events(ln: Line) -> list[Event] | None:
    """Events for a line that is (or holds) a heading: a run-in bold heading ("**1．现状** 正文"), headings run
    together ("第一篇 总则 第一章 …", "……取得成效。第三节 发展目标"), or one heading form."""
    if ln.lead and (f := heading_form(ln.lead.rstrip("。：:"))) is not None and not f.rest:
        flat = re.sub(r"\s+", "", ln.text)
        rest = ln.text[len(ln.lead):].strip() if ln.text.startswith(ln.lead) else (
            flat[len(ln.lead):] if flat.startswith(ln.lead) else "")
        if rest:
            form = HeadingForm(f.kind, f.number, f.title, f.display, ln.lead, rest)
            return [Event("heading", ln.lineno, text=ln.text, raw=ln.raw, form=form, style_level=ln.style_level)]
    m = GLUED_HEADING_RE.match(ln.text)
    if m and (second := heading_form(m.group(2))) is not None:
        first = heading_form(m.group(1))
        if first is not None and first.kind == "pian":
            return [Event("heading", ln.lineno, text=m.group(1), raw=ln.raw, form=first),
                    Event("heading", ln.lineno, text=m.group(2), raw=ln.raw, form=second)]
        if first is None and m.group(1)[-1:] in SENTENCE_END:
            return [Event("para", ln.lineno, text=m.group(1), raw=ln.raw),
                    Event("heading", ln.lineno, text=m.group(2), raw=ln.raw, form=second)]
    return None


def segment(raw: RawDocument, title_lines: frozenset[int] = frozenset(),
            breaks: frozenset[int] = frozenset(),
            plain_lines: frozenset[int] = frozenset()) -> tuple[list[Event], list[tuple[int, str]]]:
    """Events of the file, and the (lineno, text) of paragraphs dropped as repeats. ``title_lines`` spell the
    plan's title; ``breaks`` are lines taken out as page chrome (a sentence cut by one is re-joined);
    ``plain_lines`` are text whatever their form (a notice's title)."""
    lines = to_lines(raw)
    events: list[Event] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        if isinstance(ln, SourceTable):
            title = UNTITLED
            found = _try_table(lines, i, title, ln.lineno)
            if found:
                events.append(found[0])
                i = found[1]
            else:
                events.extend(Event("para", ln.lineno, text=clean(" ".join(r)), raw=" ".join(r)) for r in ln.rows)
                i += 1
            continue
        if not ln.text:
            events.append(Event("blank", ln.lineno))
            i += 1
            continue
        box = box_title(ln.text)
        ttl = box or table_title(ln.text)
        if ttl:
            found = _try_table(lines, i + 1, ttl, ln.lineno)
            if found:
                events.append(found[0])
                i = found[1]
                continue
            if box:
                ev = Event("box", ln.lineno, text=box, line_end=ln.lineno)
                i = _collect_box(lines, i + 1, ev)
                events.append(ev)
                continue
        tabbed = _tab_block(lines, i)
        if tabbed or _is_header_word(ln.text) or (_is_cell_line(ln) and is_header(_cells(ln))):
            found = _try_table(lines, i, UNTITLED, ln.lineno, tabbed)
            if found:
                prev = next((e for e in reversed(events) if e.kind != "blank"), None)
                if prev is not None and prev.kind == "para" and len(prev.text) <= 40 and prev.text[-1:] not in "。；":
                    found[0].text = prev.text  # the line above names the table
                    found[0].lineno = prev.lineno
                    events.remove(prev)
                events.append(found[0])
                i = found[1]
                continue
        if ln.lineno in title_lines or ln.lineno in plain_lines:
            events.append(Event("title" if ln.lineno in title_lines else "para", ln.lineno, text=ln.text, raw=ln.raw))
            i += 1
            continue
        named = _annex_names(lines, i)
        if named:
            events.extend(named)
            i += len(named)
            continue
        titles = _annex_titles(lines, i) if ln.lineno not in title_lines else None
        if titles is not None:
            events.extend(titles[0])
            i = titles[1]
            continue
        annex = _annex(lines, i, title_lines)
        if annex is not None:
            events.append(annex[0])
            i = annex[1]
            listed = _annex_list(lines, i, annex[0])
            if listed is not None:
                events.append(listed[0])
                i = listed[1]
            continue
        several = _heading_events(ln)
        if several is not None:
            events.extend(several)
            i += 1
            continue
        form = heading_form(ln.text)
        if form is None and ln.style_level is not None:
            form = HeadingForm("styled", None, ln.text, ln.text, ln.text, "")
        if form is not None and form.kind == "styled" and not title_lines and _is_doc_title(ln, events):
            events.append(Event("title", ln.lineno, text=ln.text, raw=ln.raw))
        elif form is not None:
            events.append(Event("heading", ln.lineno, text=ln.text, raw=ln.raw, form=form, style_level=ln.style_level))
        else:
            events.append(Event("para", ln.lineno, text=ln.text, raw=ln.raw))
        i += 1
    events = _decimal_headings(_list_runs_as_text(_attach_captions(events)))
    return _mend(events, breaks)


def _attach_captions(events: list[Event]) -> list[Event]:
    """A caption apart from its table names it: an untitled table takes the nearest caption above it (within
    a few lines, no other table between); a caption broken over two lines ("表4-2 …加油站" / "发展规划汇总表")
    is joined when its second line sits right above the table, and a bare label ("表3", set on its own line
    above a centred title) takes the title line after it. An annex heading ("附表" over its title) names the
    table and stays the annex's heading. A caption that names no table stays text."""
    out: list[Event] = []
    for ev in events:
        if ev.kind == "table" and ev.text == UNTITLED:
            found = None
            for j in range(len(out) - 1, -1, -1):
                e = out[j]
                if e.kind in ("table", "box") or ev.lineno - e.lineno > _CAPTION_REACH:
                    break
                if e.kind in ("para", "heading") and (table_title(e.text) or TABLE_LABEL_RE.match(e.text)):
                    found = j
                    break
            if found is not None:
                between = [k for k in range(found + 1, len(out)) if out[k].kind != "blank"]
                title = out[found].text
                bare = bool(TABLE_LABEL_RE.match(title))
                if len(between) == 1 and _caption_tail(out[between[0]], MAX_TITLE if bare else 20):
                    title += (" " if bare else "") + out[between[0]].text
                    del out[between[0]]
                ev.text = title
                if not _is_annex(out[found]):
                    del out[found]
            else:
                last = next((e for e in reversed(out) if e.kind != "blank"), None)
                if last is not None and _is_annex(last):
                    ev.text = last.form.display  # an annex that opens with its table ("附件：重点项目表") names it
        out.append(ev)
    return out


def _is_annex(ev: Event) -> bool:
    return ev.kind == "heading" and ev.form.kind == "preface" and bool(ANNEX_RE.match(ev.form.display.split(" ")[0]))


def _caption_tail(ev: Event, longest: int = 20) -> bool:
    return ev.kind == "para" and len(ev.text) <= longest and ev.text[-1:] not in "。；：:，,"


def _decimal_headings(events: list[Event]) -> list[Event]:
    """Decimal headings (1.1, 4.4.1.1) count only where they follow the numbering: under 第N章 their first number
    is N; without chapters, another decimal heading shares it. Otherwise the line is text ("1.5万辆…")."""
    firsts = [int(re.split(r"[.．]", e.form.number)[0]) for e in events if e.kind == "heading" and e.form.kind
              .startswith("decimal")]
    chapter = None
    out = []
    for e in events:
        if e.kind == "heading" and e.form.kind in ("zhang", "pian"):
            chapter = cn_to_int(e.form.number) if e.form.kind == "zhang" else chapter
        if e.kind == "heading" and e.form.kind.startswith("decimal"):
            n = int(re.split(r"[.．]", e.form.number)[0])
            ok = n == chapter if chapter is not None else firsts.count(n) >= 2
            if not ok:
                e = Event("para", e.lineno, text=e.text, raw=e.raw)
        out.append(e)
    return out


def _mend(events: list[Event], breaks: frozenset[int]) -> tuple[list[Event], list[tuple[int, str]]]:
    """Undo a bad extraction: a paragraph repeated (whole, or as the tail of the one before) is kept once; a
    sentence cut by a page break (chrome lines taken out between its halves) is joined again."""
    out: list[Event] = []
    repeats: list[tuple[int, str]] = []
    recent: list[Event] = []  # the last few paragraphs
    for e in events:
        if e.kind == "heading" and not e.inferred:
            last = next((p for p in reversed(out) if p.kind != "blank"), None)
            if last is not None and last.kind == "heading" and last.text == e.text and len(e.text) >= 8:
                repeats.append((e.lineno, e.text))  # the same heading and its text twice in a row
                continue
        if e.kind != "para":
            if e.kind != "blank":
                recent = []
            out.append(e)
            continue
        k = re.sub(r"\s+", "", e.text)
        if len(k) >= 8 and any(re.sub(r"\s+", "", p.text).endswith(k) for p in recent):
            repeats.append((e.lineno, e.text))
            continue
        prev = next((p for p in reversed(out) if p.kind != "blank"), None)
        tail = prev.form.rest if prev is not None and prev.kind == "heading" else (prev.text if prev else "")
        if (prev is not None and prev.kind in ("para", "heading") and tail and tail[-1:] not in SENTENCE_END + "：:”）)"
                and any(prev.lineno < b < e.lineno for b in breaks) and not item_number(e.text)):
            if prev.kind == "heading":  # the body text after a run-in heading goes on after the break
                prev.form = replace(prev.form, rest=prev.form.rest + e.text)
                prev.extra.append((e.lineno, e.text))
                continue
            prev.text = prev.text + e.text
            prev.extra.append((e.lineno, e.text))
            recent = [*recent[-2:], prev]
            continue
        recent = [*recent[-2:], e]
        out.append(e)
    return out, repeats


_ITEM_RE = re.compile(r"^(\d{1,2})[\.．、](?!\d)")


def _list_runs_as_text(events: list[Event]) -> list[Event]:
    """A run of numbered lines (1. 2. 3. with nothing but blank lines between) in which some items are plain
    sentences is a list: its short items are list items too, not headings ("3. 支持……上市挂牌融资。")."""
    out = list(events)
    run: list[int] = []

    def close():
        kinds = {out[k].kind for k in run}
        if len(run) >= 2 and kinds == {"para", "heading"}:
            # run-in headings with their own body text ("2.水运与多式联运。开发……") stay headings when most of the
            # run is such headings
            heads = sum(1 for k in run if out[k].kind == "heading" and out[k].form.rest)
            keep = heads * 2 > len(run)
            for k in run:
                if out[k].kind == "heading" and not (keep and out[k].form.rest):
                    out[k] = Event("para", out[k].lineno, text=out[k].text, raw=out[k].raw)

    for k, ev in enumerate(out):
        if ev.kind == "blank":
            continue
        m = _ITEM_RE.match(ev.text) if ev.kind in ("para", "heading") else None
        is_item = m is not None and (ev.kind == "para" or (ev.form is not None and ev.form.kind == "arabic"))
        if is_item and run and int(m.group(1)) == int(_ITEM_RE.match(out[run[-1]].text).group(1)) + 1:
            run.append(k)
            continue
        close()
        run = [k] if is_item else []
    close()
    return out

