"""RawDocument -> Document: sections with heading paths, indicator tables, 专栏 projects, goals. Pure."""

from __future__ import annotations

import hashlib
import re

from assistant.answer.lexicon import lexicon
from assistant.text.numbers import normalise_years, numbers_in
from assistant.text.patterns import BASE_YEAR_RE, LEAD_YEAR_RE, STATED_YEAR_RE

from ..text.sentences import sentences
from ..types import Box, DocMeta, Document, Goal, Paragraph, Project, RawDocument, Section, Table
from .forms import lead_sentence, plan_period, table_number, table_title
from .front import Front
from .segment import segment
from .structure import Node, build_tree, infer_missing
from .table_model import Shape, clean_cell, column_units, column_years, read_shape
from .tables import TableContext, build_rows

# "到2025年，…" / "展望2035年，…"; not a bare horizon ("展望到2035年。")
_GOAL_YEAR_RE = re.compile(r"(?:到|至|力争到|预计到|计划到|展望到?)\s*((?:19|20)\d\d)\s*年(?![。的])")
_GOAL_SECTION_RE = re.compile(r"目标")


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
            text = normalise_years(p.text, typed=False)  # plan text: no two-digit years
            sents = sentences(text)
            if in_goals and year and not any(_GOAL_YEAR_RE.search(x) for x in sents) and sec.kind != "box":
                goals.append(Goal(doc_id, year, text.strip(), numbers_in(text), sec.id, sec.path, p.lineno))
                continue
            k = 0
            while k < len(sents):
                m = _GOAL_YEAR_RE.search(sents[k]) or (LEAD_YEAR_RE.match(sents[k]) if k == 0 else None)
                if not m:
                    k += 1
                    continue
                if in_goals and scope is None:
                    year, scope = m.group(1), next(sec.path[:i + 1] for i, t in enumerate(sec.path)
                                                   if _GOAL_SECTION_RE.search(t))
                elif in_goals:
                    year = m.group(1)
                j = k + 1  # the goal runs on until another year is named (较2020年 is its base, not another year;
                while j < len(sents) and not _other_year(sents[j], m.group(1)):  # 2030年前实现… is its own)
                    j += 1
                if in_goals and not goals_before(goals, sec.id, p.lineno):
                    k = _figures_ahead(sents, k)
                body = "".join(sents[k:j]).strip()
                goals.append(Goal(doc_id, m.group(1), body, numbers_in(body), sec.id, sec.path, p.lineno))
                k = j
    return goals


def _other_year(sentence: str, year: str) -> bool:
    """The sentence names a year other than ``year`` (a base year 较2020年 aside)."""
    return any(y.group(1) != year for y in STATED_YEAR_RE.finditer(BASE_YEAR_RE.sub("", sentence)))


def goals_before(goals: list[Goal], section_id: str, lineno: int) -> bool:
    """Whether a goal was already taken from this paragraph."""
    return any(g.section_id == section_id and g.lineno == lineno for g in goals)


def _figures_ahead(sents: list[str], k: int) -> int:
    """Where a goal section's first goal of a paragraph starts: at the run of sentences before its year that
    state figures and no year of their own ("“十四五”期间，规划新建各类充电桩7000个…。到2025年，…": the period's
    targets belong to it)."""
    while k > 0 and numbers_in(sents[k - 1]) and not STATED_YEAR_RE.search(sents[k - 1]):
        k -= 1
    return k


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
            shape = read_shape([(ev.header, ev.lineno)] + list(ev.rows))
            rows, row_warns = build_rows(*_indicator_header(ev, shape), ctx)
            warns.extend(row_warns)
            tables.append(_table(ev, shape, node.display, ctx, rows, meta, warns))
        else:
            projects = tuple(
                Project(meta.doc_id, name, text, node.display, parent_id, sec.path, ln)
                for ln, text, name in ev.items
            )
            if not projects:
                warns.append((ev.lineno, "专栏没有条目 / box has no items"))
            boxes.append(Box(meta.doc_id, node.display, parent_id, projects, sec.paragraphs, ev.lineno,
                             ev.line_end or ev.lineno))
    used = {t.number for t in tables if t.number}
    for sec in sections:
        for p in sec.paragraphs:
            number = table_number(p.text)[0] if table_title(p.text) else None
            if number and number not in used:
                warns.append((p.lineno, f"表格标题下没有表格 / caption {p.text!r} names no table in the file; "
                                        "kept as text, no table invented"))
    messages = tuple(f"{raw.path}:{ln}: {msg}" for ln, msg in sorted(warns)) + tuple(raw.warnings)
    return Document(
        meta=meta, path=raw.path, sha256=_sha(raw), sections=tuple(sections), tables=tuple(tables),
        boxes=tuple(boxes), goals=tuple(_goals(sections, meta.doc_id)), warnings=messages,
        chrome=tuple(Paragraph(t, ln) for ln, t in front.chrome) if front else (),
        toc=tuple(Paragraph(t, ln) for ln, t in front.toc) if front else (),
        repeats=tuple(Paragraph(t, ln) for ln, t in repeats),
    )


def _indicator_header(ev, shape: Shape | None) -> tuple[tuple[str, ...], list[tuple[tuple[str, ...], int]]]:
    """The header the indicator rows are read under, and the rows below it: the header the table model read (a
    group row over a sub-header row, 目标值 merged over 2026年 | 2027年 | 2028年目标 with 指标名称 merged down both
    rows, is one header of joined columns, each year column named by its year; a title row written inside the
    table above it is passed over); otherwise the table's first row."""
    skip = 0 if shape is None else len(shape.title_rows) + shape.header_rows - 1
    if not skip:
        return ev.header, list(ev.rows)
    body = [r for r in ev.rows if any(c.strip() for c in r[0])]
    return shape.columns, body[skip:]


def _table(ev, shape: Shape | None, title: str, ctx: TableContext, indicators: list, meta: DocMeta,
           warns: list[tuple[int, str]]) -> Table:
    """The table read by meaning (columns, rows, units, years, projects) beside its indicator rows."""
    number, name = table_number(title)
    if shape is None:
        warns.append((ev.lineno, "表格未识别出表头 / no header row found; rows kept as cells only"))
    elif not indicators:
        warns.append((ev.lineno, "表格不是指标表 / not an indicator table (no 指标 + year columns); "
                                 "kept as a table of rows"))
    columns = shape.columns if shape else ()
    records = shape.rows if shape else ()
    used = {tuple(x for x in (clean_cell(c) for c in r.cells) if x) for r in indicators}
    marks = tuple(i for i, rec in enumerate(records) if tuple(c for _, c in rec.cells if c) in used)
    return Table(meta.doc_id, title, ctx.section_id, ev.header, tuple(r for r, _ in ev.rows),
                 tuple(t for _, t in ev.notes), tuple(indicators), ev.lineno, ev.line_end or ev.lineno,
                 number=number, name=name, heading_path=ctx.heading_path, columns=columns, records=records,
                 units=column_units(columns), years=column_years(columns, plan_period(meta.title)),
                 projects=_projects(columns, records, title, ctx), indicator_rows=marks)


def _projects(columns: tuple[str, ...], records, title: str, ctx: TableContext) -> tuple[Project, ...]:
    """A table whose header names project fields (项目名称, 建设内容, 建设地点 …) lists projects: one per row."""
    lex = lexicon()
    fields = [c for c in columns if lex.regex("project_field").search(c)]
    name_col = next((c for c in columns if lex.regex("project_field").search(c) and lex.regex("table_name").search(c)),
                    None)
    if name_col is None or len(fields) < 2:
        return ()
    out = []
    for rec in records:
        name = rec.cell(name_col)
        if rec.kind != "data" or not name:
            continue
        desc = "；".join(f"{c}：{v}" for c, v in rec.cells
                        if v and c != name_col and not lex.regex("table_seq").fullmatch(c))
        out.append(Project(ctx.doc_id, name, f"{name}。{desc}" if desc else name, title, ctx.section_id,
                           ctx.heading_path, rec.lineno))
    return tuple(out)


def _sha(raw: RawDocument) -> str:
    h = hashlib.sha256()
    for b in raw.blocks:
        h.update(repr(b).encode("utf-8"))
    return h.hexdigest()
