"""Which plans a question is about when it names none: a table or box label (表2-1, 专栏1) names the plans that
have it. Pure."""

from __future__ import annotations

from assistant.text.patterns import LABEL_RE, label_key
from assistant.types import Document


def labels_in(text: str) -> set[str]:
    return {label_key(m.group(1), m.group(2)) for m in LABEL_RE.finditer(text)}


def doc_labels(doc: Document) -> set[str]:
    """The labels that head the plan's tables, boxes and sections (at the start of the title)."""
    titles = [s.title for s in doc.sections] + [t.title for t in doc.tables] + [b.title for b in doc.boxes]
    out = set()
    for t in titles:
        m = LABEL_RE.match(t.strip())
        if m:
            out.add(label_key(m.group(1), m.group(2)))
    return out


def labelled_scope(text: str, documents: dict[str, Document], scope: tuple[str, ...]) -> tuple[str, ...]:
    """The plans in scope that have every table or box label the question names; the scope unchanged when the
    question names none, or when no plan has them (then the label is not what decides)."""
    asked = labels_in(text)
    if not asked:
        return scope
    having = tuple(d for d in scope if asked <= doc_labels(documents[d]))
    return having or scope


def unheld_labels(text: str, documents: dict[str, Document], scope: tuple[str, ...]) -> tuple[str, ...]:
    """The table or box labels the question names (专栏2, 表3-1) that a plan in scope writes in its text but that
    head no table, box or section of any of them: a 专栏 reposted as an image leaves only its caption line
    (专栏2 冷链物流骨干网络建设工程（图片）), so the text holds nothing under it. A label no plan writes at all is
    left alone (the asker's own numbering)."""
    asked = labels_in(text)
    if not asked:
        return ()
    docs = [documents[d] for d in scope if d in documents]
    asked -= set().union(*(doc_labels(d) for d in docs))
    if not asked:  # every label asked heads something: no paragraph need be read
        return ()
    written = {k for d in docs for s in d.sections for p in s.paragraphs for k in labels_in(p.text) if k in asked}
    return tuple(sorted(written))
