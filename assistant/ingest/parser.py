"""RawDocument -> Document: sections with heading paths, indicator tables, 专栏 projects, goals. Pure."""

from __future__ import annotations

import hashlib
import re

from ..numbers import normalise_years, numbers_in
from ..types import Box, DocMeta, Document, Goal, Paragraph, Project, RawDocument, Section, Table
from .forms import lead_sentence
from .front import Front
from .segment import segment
from .structure import Node, build_tree, infer_missing
from .tables import TableContext, build_rows

# "到2025年，…" / "展望2035年，…"; not a bare horizon ("展望到2035年。")
_GOAL_YEAR_RE = re.compile(r"(?:到|至|力争到|预计到|计划到|展望到?)\s*((?:19|20)\d\d)\s*年(?![。的])")
_GOAL_SECTION_RE = re.compile(r"目标")
_SENT_RE = re.compile(r"[^。；！？]+[。；！？]?")


def _sections(root: Node, doc_id: str) -> list[tuple[Node, Section]]:
    out: list[tuple[Node, Section]] = []

    def walk(node: Node, path: tuple[str, ...], sid: str, parent: str | None, level: int) -> int:
        paragraphs = tuple(Paragraph(text, ln, lead_sentence(text)) for ln, text in node.paragraphs)
        if node.kind == "box":
            paragraphs = tuple(Paragraph(t, ln, name or None) for ln, t, name in node.event.items)
        sec = Section(id=sid, doc_id=doc_id, kind=node.kind, number=node.number, title=node.title, path=path,
                      level=level, parent_id=parent, paragraphs=paragraphs, line_start=node.lineno,
                      line_end=node.last_line, inferred=node.inferred, source=node.source)
        pos = len(out)
        out.append((node, sec))
        end = max([node.last_line, node.lineno] + [p.lineno for p in paragraphs])
        for i, child in enumerate(node.children, 1):
            end = max(end, walk(child, path + (child.display,), f"{sid}.{i}", sid, level + 1))
        out[pos] = (node, Section(**{**sec.__dict__, "line_end": end}))
        return end

    for i, child in enumerate(root.children, 1):
        walk(child, (child.display,), f"{doc_id}:{i}", None, 1)
    return out


def _goals(sections: list[Section], doc_id: str) -> list[Goal]:
    """"到2025年，…" statements, and the paragraphs of a 发展目标 section that follow one (the sub-goals
    "（四）数字治理效能显著提升。政务服务事项全程网办率达到90%…" belong to the year stated above them)."""
    goals: list[Goal] = []
    year, scope = None, None  # the year stated last inside a 目标 section, and that section's path
    for sec in sections:
        if sec.kind == "table":
            continue
        in_goals = any(_GOAL_SECTION_RE.search(t) for t in sec.path)
        if scope is not None and sec.path[:len(scope)] != scope:
            year, scope = None, None
        for p in sec.paragraphs:
            text = normalise_years(p.text)
            sentences = [s for s in _SENT_RE.findall(text) if s.strip()]
            if in_goals and year and not any(_GOAL_YEAR_RE.search(x) for x in sentences) and sec.kind != "box":
                goals.append(Goal(doc_id, year, text.strip(), numbers_in(text), sec.id, sec.path, p.lineno))
                continue
            k = 0
            while k < len(sentences):
                m = _GOAL_YEAR_RE.search(sentences[k])
                if not m:
                    k += 1
                    continue
                if in_goals and scope is None:
                    year, scope = m.group(1), next(sec.path[:i + 1] for i, t in enumerate(sec.path)
                                                   if _GOAL_SECTION_RE.search(t))
                elif in_goals:
                    year = m.group(1)
                j = k + 1  # the goal runs on until another year is named
                while j < len(sentences) and not re.search(r"(?:19|20)\d\d\s*年", sentences[j]):
                    j += 1
                body = "".join(sentences[k:j]).strip()
                goals.append(Goal(doc_id, m.group(1), body, numbers_in(body), sec.id, sec.path, p.lineno))
                k = j
    return goals


def _note_text(ev) -> str | None:
    return "\n".join(t for _, t in ev.notes) or None


def parse(raw: RawDocument, meta: DocMeta, front: Front | None = None) -> Document:
    """``front`` (from ``read_front``) names the title lines and the chrome / contents lines already taken out."""
    title_lines = frozenset(ln for p in front.parts for ln in p.title_lines) if front else frozenset()
    breaks = frozenset(ln for ln, _ in front.chrome) if front else frozenset()
    plain_lines = frozenset(front.notice_lines) if front else frozenset()
    events, repeats = segment(raw, title_lines, breaks, plain_lines)
    events, warns = infer_missing(events, "zhang")
    root = build_tree(events)
    pairs = _sections(root, meta.doc_id)
    parent_of = {s.id: s.parent_id for _, s in pairs}
    sections = [s for _, s in pairs]
    section_by_id = {s.id: s for s in sections}
    tables: list[Table] = []
    boxes: list[Box] = []
    for node, sec in pairs:
        ev = node.event
        if node.kind not in ("table", "box"):
            continue
        parent_id = parent_of[sec.id] or sec.id
        parent_path = section_by_id[parent_id].path if parent_of[sec.id] else ()
        if node.kind == "table":
            ctx = TableContext(meta.doc_id, node.display, parent_id, parent_path, _note_text(ev))
            rows, row_warns = build_rows(ev.header, ev.rows, ctx)
            warns.extend(row_warns)
            if not rows:
                warns.append((ev.lineno, "表格未识别出指标表头 / no indicator header (指标 + year columns) found; "
                                         "rows kept as a plain table"))
            tables.append(Table(meta.doc_id, node.display, parent_id, ev.header, tuple(r for r, _ in ev.rows),
                                tuple(t for _, t in ev.notes), tuple(rows), ev.lineno, ev.line_end or ev.lineno))
        else:
            projects = tuple(
                Project(meta.doc_id, name, text, node.display, parent_id, sec.path, ln)
                for ln, text, name in ev.items
            )
            if not projects:
                warns.append((ev.lineno, "专栏没有条目 / box has no items"))
            boxes.append(Box(meta.doc_id, node.display, parent_id, projects, sec.paragraphs, ev.lineno,
                             ev.line_end or ev.lineno))
    messages = tuple(f"{raw.path}:{ln}: {msg}" for ln, msg in sorted(warns)) + tuple(raw.warnings)
    return Document(
        meta=meta, path=raw.path, sha256=_sha(raw), sections=tuple(sections), tables=tuple(tables),
        boxes=tuple(boxes), goals=tuple(_goals(sections, meta.doc_id)), warnings=messages,
        chrome=tuple(Paragraph(t, ln) for ln, t in front.chrome) if front else (),
        toc=tuple(Paragraph(t, ln) for ln, t in front.toc) if front else (),
        repeats=tuple(Paragraph(t, ln) for ln, t in repeats),
    )


def _sha(raw: RawDocument) -> str:
    h = hashlib.sha256()
    for b in raw.blocks:
        h.update(repr(b).encode("utf-8"))
    return h.hexdigest()
