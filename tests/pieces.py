"""Every text a parsed Document holds, for the nothing-lost checks (shared by the parser tests)."""

from __future__ import annotations


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
