"""Front matter and debris of a real plan file, before its structure is parsed. Pure.

A file as users upload it wraps the plan: a notice that issues it (关于印发《X》的通知, with a number, issuer and
date), web-page chrome and repost boilerplate, a table of contents, page-break debris. This step finds them:
the plan's own title(s) (one part per document a notice issues), the metadata, and the lines that are chrome or
table of contents, so that the parser never reads them as plan text or headings. The words are rows of
``lexicon.toml``; the shapes (dates, 文号, page debris, dot leaders) are in ``forms``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answer.lexicon import lexicon

from ..types import RawDocument, SourceLine
from .forms import (
    BREADCRUMB_RE,
    DATE_LINE_RE,
    DOC_NUMBER_RE,
    FIELD_LABEL_RE,
    FIELD_ROW_RE,
    IMAGE_LINE_RE,
    NAV_BAR_RE,
    PAGE_DEBRIS_RE,
    SENTENCE_END,
    TOC_LEADER_RE,
    YEAR_RANGE_LINE_RE,
    clean,
    heading_form,
)

_MARKUP_RE = re.compile(r"^[#>\s]+|[*_]{2,}|(?<![\w])_|_(?![\w])|\\(?=[\[\]])")
_ISO_DATE_RE = re.compile(r"(?:19|20)\d\d-\d\d-\d\d")
_HEAD_LINES = 40  # a notice, its number and the plan's title sit in the file's first lines
_TAIL_SHARE = 0.3  # a repost footer sits in the last part of the file


@dataclass(frozen=True)
class Part:
    """One document of the file: its title as the plan writes it, the lines that spell it, where it begins."""

    title: str | None
    title_lines: tuple[int, ...]
    start: int  # index in raw.blocks


@dataclass(frozen=True)
class Front:
    parts: tuple[Part, ...]
    issuer: str | None = None
    doc_number: str | None = None
    date: str | None = None
    chrome: tuple[tuple[int, str], ...] = ()  # (lineno, text): page chrome, boilerplate, page debris
    toc: tuple[tuple[int, str], ...] = ()  # (lineno, text): table-of-contents lines, 目录 heading included
    notice_lines: tuple[int, ...] = ()  # the notice's own title: text of the preamble, never a heading


def plain(text: str) -> str:
    """A line without markdown markup and whitespace runs (what the words and shapes are matched against)."""
    return clean(_MARKUP_RE.sub("", text))


def key(text: str) -> str:
    """Comparison form of a title or heading: no markup, spaces or bracket/dash variants."""
    t = re.sub(r"\s+", "", plain(text))
    return t.translate(str.maketrans("()－—–~～", "（）-----"))


def _lines(raw: RawDocument) -> list[tuple[int, int, str]]:
    """(block index, lineno, plain text) of every non-blank text line."""
    out = []
    for i, b in enumerate(raw.blocks):
        if isinstance(b, SourceLine):
            t = plain(b.text)
            if t:
                out.append((i, b.lineno, t))
    return out


def _chrome(lines: list[tuple[int, int, str]]) -> set[int]:
    """Block indexes of chrome lines, repost footers (to the end) and page numbers standing before a page break."""
    lex = lexicon()
    line_rx, footer_rx, notice_rx = lex.regex("chrome_line"), lex.regex("chrome_footer"), lex.regex("notice_line")
    out: set[int] = set()
    tail = int(len(lines) * (1 - _TAIL_SHARE))
    last_sentence = max((pos for pos, (_, _, t) in enumerate(lines) if t[-1:] in SENTENCE_END), default=-1)
    out.update(_field_pairs(lines[:_HEAD_LINES]))
    for pos, (i, _, t) in enumerate(lines):
        if pos >= tail and (footer_rx.match(t) or (pos > last_sentence and line_rx.match(t))):
            out.update(j for j, _, _ in lines[pos:])  # a footer, or page chrome after the last sentence: to the end
            break
        if BREADCRUMB_RE.match(t):
            out.add(i)
        if line_rx.match(t) or notice_rx.fullmatch(t) or IMAGE_LINE_RE.match(t):
            out.add(i)
        elif re.fullmatch(r"(?:[*＊·\-—_=]\s*){3,}", t):
            out.add(i)
            if pos and PAGE_DEBRIS_RE.match(lines[pos - 1][2]):  # the page's number just above the break
                out.add(lines[pos - 1][0])
    return out | _page_header(lines[:_HEAD_LINES], out)


def _page_header(head: list[tuple[int, int, str]], chrome: set[int]) -> set[int]:
    """Block indexes of a web page's header around the chrome found so far: its navigation bar (or a repost's
    follow prompt among the first lines), the site's or account's name above it, and the metadata field lines
    next to a chrome line (发文日期：…⇥主题分类：… beside 索引号：…)."""
    lex = lexicon()
    out: set[int] = set()
    nav = next((pos for pos, (i, _, t) in enumerate(head[:4]) if NAV_BAR_RE.match(t) or (pos < 3 and i in chrome)),
               None)
    if nav is not None:
        out.add(head[nav][0])
        for _, _, t in head[:nav]:
            if len(t) > 30 or t[-1:] in SENTENCE_END or lex.regex("plan_title_word").search(t) \
                    or lex.regex("notice_verb").search(t):
                break
        else:
            out.update(i for i, _, _ in head[:nav])  # the site's name over its navigation bar
    grown = True
    while grown:
        grown = False
        for pos, (i, _, t) in enumerate(head):
            if i in chrome or i in out or not FIELD_ROW_RE.match(t) or t[-1:] in SENTENCE_END:
                continue
            near = [head[q][0] for q in (pos - 1, pos + 1) if 0 <= q < len(head)]
            if any(j in chrome or j in out for j in near):
                out.add(i)
                grown = True
    return out


def _field_pairs(head: list[tuple[int, int, str]]) -> set[int]:
    """Block indexes of a page's metadata fields copied one per line ("索引号：" over its value): a bare label
    ending in a colon, then a short value line, at least two such pairs in a row."""
    out: set[int] = set()
    run: list[int] = []
    pos = 0
    while pos < len(head):
        t = head[pos][2]
        nxt = head[pos + 1][2] if pos + 1 < len(head) else ""
        if FIELD_LABEL_RE.match(t) and nxt and len(nxt) <= 40 and nxt[-1:] not in SENTENCE_END \
                and not FIELD_LABEL_RE.match(nxt):
            run += [head[pos][0], head[pos + 1][0]]
            pos += 2
            continue
        if len(run) >= 4:
            out.update(run)
        run = []
        pos += 1
    if len(run) >= 4:
        out.update(run)
    return out


def _toc(lines: list[tuple[int, int, str]], chrome: set[int]) -> set[int]:
    """Block indexes of a table of contents: a 目录 line, then entries until the body repeats the first entry."""
    toc_rx = lexicon().regex("toc_heading")
    body = [x for x in lines if x[0] not in chrome]
    for pos, (i, _, t) in enumerate(body[:_HEAD_LINES * 2]):
        if not toc_rx.fullmatch(re.sub(r"\s+", "", t)):
            continue
        entries = [(j, TOC_LEADER_RE.sub("", u) or u, u) for j, _, u in body[pos + 1:]]
        entries = [x for x in entries if not toc_rx.fullmatch(key(x[1]))]
        if not entries:
            return set()
        first = key(entries[0][1])
        out = {i}
        for j, entry, line in entries:
            if j != entries[0][0] and key(entry).startswith(first) and not TOC_LEADER_RE.search(line):
                return out  # the body starts: its first heading repeats the first entry
            if len(entry) > 60 or entry[-1:] in SENTENCE_END:
                break
            out.add(j)
        # no repeat found: keep only the lines that carry dot leaders or page numbers
        return {i} | {j for j, _, line in entries if j in out and TOC_LEADER_RE.search(line)}
    return set()


def _candidates(head: list[tuple[int, int, str]]) -> tuple[int, int, list[str], str | None]:
    """The notice among the first lines: (its first and last position in ``head``, the titles it issues, issuer).
    (-1, -1, [], None) when the file does not open with a notice."""
    lex = lexicon()
    verb, end = lex.regex("notice_verb"), lex.regex("notice_end")
    for pos, (_, _, t) in enumerate(head[:8]):
        m = verb.search(t)
        if not m:
            continue
        first, last, text = pos, pos, t
        while not end.search(text) and last + 1 < len(head) and last - pos < 3:
            last += 1
            text += head[last][2]
        if not end.search(text):
            continue
        issuer = t[:m.start()].strip() or None
        if issuer is None and pos and len(head[pos - 1][2]) <= 30 and not re.search(r"[，。；：\d]", head[pos - 1][2]):
            first, issuer = pos - 1, head[pos - 1][2]
        issued = text[m.end():end.search(text).start()]
        quoted = re.findall(r"《(.+?)》", issued)
        # the notice's body names what it issues (现将《X》印发给你们 / 《X》《Y》已经…同意), spelt as the plan spells it
        whole = key(issued)
        for _, _, u in ([] if quoted else head[last + 1:last + 8]):
            names = re.findall(r"《(.+?)》", u)
            if names and all(key(n) in whole for n in names):
                quoted = names
                break
        return first, last, quoted or [issued.strip()], issuer
    return -1, -1, [], None


def _find_title(head: list[tuple[int, int, str]], frm: int, wanted: str) -> tuple[int, int] | None:
    """Position range in ``head`` of the line(s) after ``frm`` that spell ``wanted`` (a year range may be on the
    next line, or missing from either side)."""
    want = key(wanted)
    bare = re.sub(r"（[^（）]*\d{4}[^（）]*）$", "", want)
    for pos in range(frm, len(head)):
        k = key(head[pos][2])
        nxt = key(head[pos + 1][2]) if pos + 1 < len(head) else ""
        if k in (want, bare) or (k.startswith(want) and len(k) <= len(want) + 12 and not heading_form(head[pos][2])):
            if k == bare and YEAR_RANGE_LINE_RE.match(head[pos + 1][2] if pos + 1 < len(head) else ""):
                return pos, pos + 1
            return pos, pos
        if k + nxt == want:
            return pos, pos + 1
    return None


def _cover_title(head: list[tuple[int, int, str]]) -> tuple[int, int] | None:
    """A title-like line among the first ones (no notice): the plan's name, with a year-range line below it."""
    for pos, (_, _, t) in enumerate(head[:6]):
        if len(t) > 60 or re.search(r"[，。；：]", t) or heading_form(t) or PAGE_DEBRIS_RE.match(t):
            continue
        if not lexicon().regex("plan_title_word").search(t):
            continue
        nxt = head[pos + 1][2] if pos + 1 < len(head) else ""
        end = pos + 1 if YEAR_RANGE_LINE_RE.match(nxt) else pos
        while end + 1 < len(head) and key(head[end + 1][2]) == key(t):  # the title repeated (cover, then page 1)
            end += 1
        return pos, end
    return None


def _signature(lines: list[tuple[int, int, str]], lo: int, hi: int) -> tuple[str | None, str | None]:
    """(issuer, date) from a date line and the short line just above it, between positions lo and hi."""
    for pos in range(lo, min(hi, len(lines))):
        t = lines[pos][2]
        if DATE_LINE_RE.match(re.sub(r"\s+", "", t)):
            above = lines[pos - 1][2] if pos > lo else ""
            ok = above and len(above) <= 30 and not re.search(rf"[{SENTENCE_END}，：:\d]", above) \
                and not heading_form(above)
            return (above if ok else None), re.sub(r"\s+", "", t)
    return None, None


def read_front(raw: RawDocument) -> Front:
    lines = _lines(raw)
    chrome = _chrome(lines)
    toc = _toc(lines, chrome)
    body = [x for x in lines if x[0] not in chrome and x[0] not in toc]
    head = body[:_HEAD_LINES]
    first, last, issued, issuer = _candidates(head)
    parts: list[Part] = []
    date = None
    if first >= 0:
        spans = []
        frm = last + 1
        for title in issued:
            span = _find_title(head, frm, title) if frm < len(head) else None
            if span is None:  # the plan names it later than the head: search the whole file
                span = _find_title(body, frm, title)
            if span is not None:
                spans.append((title, span))
                frm = span[1] + 1
        notice_end = spans[0][1][0] if spans else len(head)
        number = next((m.group(0) for _, _, t in body[first:notice_end] if len(t) <= 40
                       and (m := DOC_NUMBER_RE.search(t))), None)
        sig_issuer, date = _signature(body, last + 1, notice_end)
        issuer = issuer or sig_issuer
        if not spans:  # a notice whose plan has no title line of its own
            parts.append(Part(re.sub(r"\s+", "", issued[0]), (), 0))
        for n, (title, (a, b)) in enumerate(spans):
            written = "".join(plain(body[p][2]) for p in range(a, b + 1))
            if key(written) != key(title) and not YEAR_RANGE_LINE_RE.search(written):
                written = title  # the line holds more than the title: the notice's spelling
            parts.append(Part(re.sub(r"\s+", "", written), tuple(body[p][1] for p in range(a, b + 1)),
                              0 if n == 0 else body[a][0]))
    else:
        number = None
        span = _cover_title(head)
        if span is not None:
            a, b = span
            year = head[a + 1][2] if a + 1 <= b and YEAR_RANGE_LINE_RE.match(head[a + 1][2]) else ""
            parts.append(Part(re.sub(r"\s+", "", plain(head[a][2]) + year), tuple(head[p][1] for p in range(a, b + 1)),
                              0))
            issuer, date = _signature(head, b + 1, min(len(head), b + 8))
        else:
            parts.append(Part(None, (), 0))
    if date is None and body:  # a signature at the end of the plan
        tail_issuer, date = _signature(body, max(0, len(body) - 3), len(body))
        issuer = issuer or tail_issuer
    if number is None:  # the page's 文号 field
        number = next((m.group(0) for i, _, t in lines if i in chrome and len(t) <= 40
                       and (m := DOC_NUMBER_RE.search(t))), None)
    if date is None:  # the page's publication line
        date = next((m.group(0) for i, _, t in lines if i in chrome and (m := _ISO_DATE_RE.search(t))), None)
    blocks = raw.blocks

    def rows(ids: set[int]) -> tuple[tuple[int, str], ...]:
        return tuple((blocks[i].lineno, blocks[i].text) for i in sorted(ids))

    notice = tuple(body[p][1] for p in range(first, last + 1)) if first >= 0 else ()
    return Front(tuple(parts), issuer, number, date, rows(chrome), rows(toc), notice)
