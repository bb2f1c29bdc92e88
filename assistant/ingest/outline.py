"""The heading tree as indented text (what `assistant outline` prints). Pure."""

from __future__ import annotations

from ..types import Document


def render_outline(doc: Document) -> str:
    """One node per line, two spaces per level; inferred headings are shown as such."""
    return "".join("  " * (s.level - 1) + s.path[-1] + "\n" for s in doc.sections if s.kind != "title")
