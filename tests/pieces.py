"""Every text a parsed Document holds, for the nothing-lost checks (shared by the parser tests)."""

from __future__ import annotations

import re


def document_texts(doc) -> list[str]:
    """Paragraphs of every section, table titles, headers, cells and notes, and 专栏 titles."""
    out = [p.text for s in doc.sections for p in s.paragraphs]
    for t in doc.tables:
        out.append(t.title)
        out.extend(t.header)
        out.extend(c for row in t.rows for c in row)
        out.extend(t.notes)
    out.extend(b.title for b in doc.boxes)
    return out


def _key(text: str) -> str:
    return re.sub(r"<br\s*/?>|[\s*#_`>\\|]", "", text)


def accounted_lines(docs, text_lines: list[str]) -> list[tuple[int, str]]:
    """Lines of a file that none of its parsed documents accounts for: each non-blank line must be the title,
    a heading, inside a table or box, part of a paragraph (a sentence cut by a page break is joined to the one
    before), or kept aside as chrome (metadata), a contents line or a repeat of a kept paragraph."""
    aside: set[int] = set()
    spans: list[tuple[int, int]] = []
    pieces: list[str] = []
    heads: dict[int, list[str]] = {}
    for d in docs:
        aside.update(p.lineno for p in (*d.chrome, *d.toc, *d.repeats))
        spans.extend((t.line_start, t.line_end) for t in d.tables)
        spans.extend((b.line_start, b.line_end) for b in d.boxes)
        pieces.extend(_key(t) for t in document_texts(d))
        for s in d.sections:
            if s.kind == "title":
                aside.add(s.line_start)
            elif not s.inferred and s.kind not in ("front", "table", "box"):
                heads.setdefault(s.line_start, []).append(_key(s.title))
                pieces.append(_key(s.title))  # a heading spelt over two lines (附件 / its title)
    whole = "\n".join(pieces)
    missing = []
    for lineno, line in enumerate(text_lines, 1):
        k = _key(line)
        if not k or lineno in aside or any(a <= lineno <= b for a, b in spans):
            continue
        if lineno in heads:
            rest = k
            for title in heads[lineno]:
                at = rest.find(title)
                rest = rest[at + len(title):] if at >= 0 else rest
            if not rest.lstrip("。：:") or rest.lstrip("。：:") in whole:
                continue
        if k in whole:
            continue
        if line.lstrip().startswith("|") and all(_key(c) in whole for c in line.strip().strip("|").split("|")
                                                 if not re.fullmatch(r"\s*:?-+:?\s*", c)):
            continue  # a row of a pipe table: every cell is kept
        missing.append((lineno, line[:40]))
    return missing
