"""A project table's row asked by one of its fields: 地铁3号线一期总投资多少 (the 总投资 cell of the row the question
names in its own words), 青石到云台那条高速哪年开工 (建设年限), 谁负责 (责任单位), 项目总投资加起来多少 (the 合计 row),
市轨道交通集团负责哪几个项目 (the rows whose 责任单位 is the body named). Pure.

A row is named by the two-character pieces its project name shares with the question (digits kept: 3号线 is not
4号线), outside the table's and plans' own names, clearly more than any other row. A field is named by its header
or asked by its kind (lexicon roles: ask_money → a money header, ask_duty → duty_note, ask_schedule →
table_schedule, ask_scale → table_scale).
"""

from __future__ import annotations

import re

from assistant.index.chunk import table_row_text
from assistant.text.numbers import to_halfwidth
from assistant.types import Answer, Document, Table, TableRow

from .lexicon import lexicon
from .reasons import ABSENT_COLUMN
from .render import refuse, render
from .structured import Evidence, Part, doc_name, escape_md
from .tables import BRACKET_RE, Cell, render_cells
from .terms import masked_question
from .understand import Question

MIN_SHARED = 2.0  # weighted pieces a project name shares with the question to be named by it (青石·云台·高速)
_MARGIN = 0.5  # over the next row
MIN_COVER = 0.35  # of the row name's pieces the question must share (3号线一期 holds 4 of 城市轨道交通3号线一期's 10)
MIN_TITLE_FIT = 2  # pieces of a table's own title (重大项目, 附表·项目) a sum question names it by
_FIELDS = (("ask_money", "ask_money"), ("ask_duty", "duty_note"), ("ask_schedule", "table_schedule"),
           ("ask_scale", "table_scale"))
_MIN_VALUE = 4  # a field value the question quotes to pick rows by it (市轨道交通集团), at least this long


def _grams(text: str) -> set[str]:
    text = re.sub(r"[^\w]|_", " ", to_halfwidth(text))
    return {text[i:i + 2] for i in range(len(text) - 1) if " " not in text[i:i + 2]}


def _key_column(t: Table) -> str | None:
    return next((c for c in t.columns if t.records and t.records[0].key == t.records[0].cell(c)), None)


def _field_columns(t: Table, q: str) -> list[str]:
    """The columns the question asks for: named by their header (总投资, 责任单位) or by the kind asked (投多少钱,
    哪个部门, 哪年开工, 多大)."""
    lex = lexicon()
    key = _key_column(t)
    out = []
    for col in t.columns:
        head = BRACKET_RE.sub("", col).strip()
        if col == key or lex.regex("table_seq").fullmatch(head):
            continue
        named = len(head) >= 2 and head in q
        asked = any(lex.regex(ask).search(q) and lex.regex(kind).search(head) for ask, kind in _FIELDS)
        if named or asked:
            out.append(col)
    return out


def _named_row(t: Table, q: set[str], own: set[str], asked: set[str]) -> TableRow | None:
    """The data row the question names clearly more than any other (``_best_row``), unless the question names its
    look-alike (``_names_another``)."""
    rows, grams = _row_grams(t, own)
    best = _best_row(grams, q, asked)
    return None if best is None or _names_another(q, grams, best, rows[best]) else rows[best]


def _row_grams(t: Table, own: set[str]) -> tuple[list[TableRow], list[set[str]]]:
    """The data rows and the pieces of each one's name (less a suffix such as 建设项目, and less ``own``: pieces of
    the table's title and the plans' names, 岚川, 项目表, which name no row)."""
    rows = [r for r in t.records if r.kind == "data"]
    suffix = lexicon().regex("project_suffix")  # 建设项目, 工程: what any project's name may end with
    return rows, [_grams(suffix.sub("", r.key) or r.key) - own for r in rows]


def _best_row(grams: list[set[str]], q: set[str], asked: set[str]) -> int | None:
    """The row the question names clearly more than any other. Each piece of a row's name counts by how few rows
    share it (中心 names many rows, 3号 one). ``asked``: the pieces of the question as asked (岚川东站, plan name
    and all), of which the row's name must share MIN_COVER."""
    df: dict[str, int] = {}
    for g in grams:
        for piece in g:
            df[piece] = df.get(piece, 0) + 1
    scored = sorted(((sum(1 / df[p] for p in g & q), i) for i, g in enumerate(grams)), reverse=True)
    if not scored or scored[0][0] < MIN_SHARED or (len(scored) > 1 and scored[0][0] - scored[1][0] < _MARGIN):
        return None
    best = scored[0][1]
    if len(grams[best] & asked) < MIN_COVER * len(grams[best]):
        return None  # 柳塘镇集镇污水处理站 shares the town and 污水 with 柳塘镇等6个乡镇污水管网延伸, not the thing
    return best


def lookalike_rows(q: Question, docs: dict[str, Document], scope: tuple[str, ...]) -> frozenset[str]:
    """The project-table rows the question names only by a look-alike name (数字孪生桐江 for 数字孪生青溪江建设工程),
    as their passages read (the row's cells, the project read from it): such a row is not what is asked and does
    not answer it."""
    masked = to_halfwidth(masked_question(q, [d.meta for d in docs.values()]))
    grams, asked = _grams(masked), _grams(q.resolved)
    plans = _grams(" ".join(docs[x].meta.title for x in scope))
    out = set()
    for _, t in _project_tables(docs, scope):
        rows, row_grams = _row_grams(t, _own_grams(t, plans))
        best = _best_row(row_grams, grams, asked)
        if best is not None and _names_another(grams, row_grams, best, rows[best]):
            row = rows[best]
            out |= {table_row_text(t, row)} | {p.description for p in t.projects if p.name == row.key}
    return frozenset(out)


def _own_grams(t: Table, plans: set[str]) -> set[str]:
    """The pieces of a table's title no row's name uses, and the plans' names: they name the table, not a row."""
    return (_grams(t.title) - _grams(" ".join(r.key for r in t.records))) | plans


def _names_another(q: set[str], grams: list[set[str]], best: int, row: TableRow) -> bool:
    """Whether the question names the row's look-alike: a piece of another row's name (桐江 of 桐江下游防洪治理工程)
    that no cell of the chosen row writes (数字孪生桐江 is not 数字孪生青溪江建设工程, though they share 数字孪生). A
    piece the row writes in another cell (its place, 柳营市 of 凤栖水库工程) names nothing else."""
    others = set().union(*(g for i, g in enumerate(grams) if i != best)) - grams[best]
    return bool((q & others) - _grams(" ".join(cell for _, cell in row.cells)))


def _project_tables(docs: dict[str, Document], scope: tuple[str, ...]) -> list[tuple[str, Table]]:
    return [(d, t) for d in scope for t in docs[d].tables if t.projects and t.records and not t.indicator_rows]


def _asks_total(q: str, t: Table) -> bool:
    """合计 / 加起来 asked, not the 总 of a header the question writes (总投资)."""
    for col in t.columns:
        head = BRACKET_RE.sub("", col).strip()
        if len(head) >= 2:
            q = q.replace(head, " ")
    lex = lexicon()
    return bool(lex.regex("ask_total").search(q) or lex.regex("ask_sum").search(q))


def project_row_answer(q: Question, docs: dict[str, Document], scope: tuple[str, ...]) -> Answer | None:
    """One field (or several) of a project row the question names; the total row when a sum is asked of the
    table; the rows whose field holds the body or value the question quotes, when it asks which projects."""
    masked = to_halfwidth(masked_question(q, [d.meta for d in docs.values()]))
    grams = _grams(masked)
    tables = _project_tables(docs, scope)
    listed = _rows_by_value(q, docs, tables, masked)
    if listed is not None:
        return listed
    found: list[Cell] = []
    totals: list[Cell] = []
    one_plan = len(set(q.docs) or set(scope)) == 1  # a sum of a table, only where the plan is named or alone
    for d, t in tables:
        columns = _field_columns(t, masked)
        if not columns:
            continue
        plans = _grams(" ".join(docs[x].meta.title for x in scope))
        row = _named_row(t, grams, _own_grams(t, plans), _grams(q.resolved))
        if row is not None:
            found.extend(Cell(d, t, row, c, 0.0) for c in columns if row.cell(c).strip())
        elif one_plan and _asks_total(masked, t):
            total = next((r for r in t.records if r.kind == "total"), None)
            fit = len((_grams(t.title) - plans) & grams)
            if total is not None and fit >= MIN_TITLE_FIT:
                totals.extend(Cell(d, t, total, c, fit) for c in columns if total.cell(c).strip())
    if found:
        tables_hit = {id(c.table) for c in found}
        return render_cells(q, docs, found) if len(tables_hit) == 1 else None
    if totals:
        best = max(c.score for c in totals)
        chosen = [c for c in totals if c.score == best]
        if len({id(c.table) for c in chosen}) == 1:
            return render_cells(q, docs, chosen)
    return None


def _asked_kinds(q: str) -> list[str]:
    """The kinds of field (lexicon role of their header) the question asks for, by its asking words or a header
    word of that kind it writes (牵头单位)."""
    lex = lexicon()
    return [kind for ask, kind in _FIELDS if lex.regex(ask).search(q) or lex.regex(kind).search(q)]


def absent_column_answer(q: Question, docs: dict[str, Document], scope: tuple[str, ...]) -> Answer | None:
    """"附表里冷链物流集散中心的牵头单位是哪个": a field asked of a row of the project table the question names
    (附表, 项目表) that none of the plans' project tables has as a column is refused, showing the row, rather
    than answered with the row's other fields or a sentence of the text."""
    masked = to_halfwidth(masked_question(q, [d.meta for d in docs.values()]))
    if not lexicon().regex("project_table_ref").search(masked):
        return None
    tables = _project_tables(docs, scope)
    kinds = _asked_kinds(masked)
    if not tables or not kinds:
        return None
    lex = lexicon()
    held = {kind for _, t in tables for col in t.columns for kind in kinds
            if lex.regex(kind).search(BRACKET_RE.sub("", col))}
    if held:
        return None
    grams = _grams(masked)
    plans = _grams(" ".join(docs[x].meta.title for x in scope))
    for d, t in tables:
        row = _named_row(t, grams, _own_grams(t, plans), _grams(q.resolved))
        if row is not None:
            shown = [Evidence(d, t.heading_path + (t.title,), table_row_text(t, row), highlight=row.key)]
            columns = "、".join(f"“{escape_md(BRACKET_RE.sub('', c).strip())}”" for c in t.columns)
            return refuse(q, docs, f"{escape_md(t.title)}中没有问到的这一栏（该表只列{columns}），"
                                   "所收录的规划中没有给出这一项。", shown, ABSENT_COLUMN)
    return None


def _rows_by_value(q: Question, docs: dict[str, Document], tables: list[tuple[str, Table]],
                   masked: str) -> Answer | None:
    """"市轨道交通集团负责哪几个项目": the rows of a project table whose field holds the value the question quotes."""
    if not lexicon().regex("ask_which_projects").search(masked):
        return None
    hits: list[tuple[str, Table, str, list[TableRow]]] = []
    for d, t in tables:
        key = _key_column(t)
        for col in t.columns:
            if col == key:
                continue
            values = {r.cell(col) for r in t.records if r.kind == "data" and len(r.cell(col)) >= _MIN_VALUE}
            for v in sorted(values, key=len, reverse=True):
                if v in masked:
                    hits.append((d, t, col, [r for r in t.records if r.kind == "data" and r.cell(col) == v]))
                    break
    if len(hits) != 1:
        return None
    d, t, col, rows = hits[0]
    value = rows[0].cell(col)
    lines = [f"**{escape_md(doc_name(docs[d]))}** {escape_md(t.title)}中，“{escape_md(col)}”为"
             f"“{escape_md(value)}”的项目有{len(rows)}个："]
    lines += [f"- {escape_md(r.key)}" for r in rows]
    evidence = [Evidence(d, t.heading_path + (t.title,), table_row_text(t, r), highlight=r.key) for r in rows]
    return render(q, [Part(lines=lines, evidence=evidence)], docs, False, long_ok=True)
