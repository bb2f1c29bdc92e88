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
