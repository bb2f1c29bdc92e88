"""A project table's row asked by one of its fields: 地铁3号线一期总投资多少 (the 总投资 cell of the row the question
names in its own words), 青石到云台那条高速哪年开工 (建设年限), 谁负责 (责任单位), 项目总投资加起来多少 (the 合计 row),
市轨道交通集团负责哪几个项目 (the rows whose 责任单位 is the body named), 附表里生态环保类有哪些项目 (the rows under
a category row, 三、生态环保（4项）). Pure.

A row is named by the two-character pieces its project name shares with the question (digits kept: 3号线 is not
4号线), outside the table's and plans' own names, clearly more than any other row, and by enough of its name's
pieces or by the name shortened in order (澜岚高速岚溪段 of 澜州至岚溪高速公路岚溪段). A field is named by its header,
a header word of its kind (年限) or asked by its kind (lexicon roles: ask_money → a money header, ask_duty →
duty_note, ask_schedule → table_schedule, ask_scale → table_scale, ask_owner → table_owner: 业主单位, never the
text's 责任单位). The parts of one message asking fields of one
row are read from that row; a follow-up asking fields of its own (实施年限呢？归哪个部门) asks them of the row the
earlier question named.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.index.chunk import table_row_text
from assistant.text.numbers import to_halfwidth
from assistant.text.patterns import NUM_PREFIX_RE
from assistant.types import Answer, Document, Table, TableRow

from .lexicon import lexicon
from .multipart import content_of, names_nothing
from .reasons import ABSENT_COLUMN
from .render import refuse, render
from .structured import Evidence, Part, doc_name, escape_md, is_blank
from .tables import BRACKET_RE, Cell, asked_unit, cells_answer, render_cells
from .terms import masked_question
from .understand import Question

MIN_SHARED = 2.0  # weighted pieces a project name shares with the question to be named by it (青石·云台·高速)
_MARGIN = 0.5  # over the next row
MIN_COVER = 0.35  # of the row name's pieces the question must share (3号线一期 holds 4 of 城市轨道交通3号线一期's 10)
ABBREVIATION_CHARS = 4  # a run of the question naming a row by its name shortened: at least this many characters
MIN_ABBREVIATION = 0.4  # …and this share of the name's (澜岚高速岚溪段: 7 of 澜州至岚溪高速公路岚溪段's 12)
MIN_TITLE_FIT = 2  # pieces of a table's own title (重大项目, 附表·项目) a sum question names it by
_FIELDS = (("ask_money", "ask_money"), ("ask_duty", "duty_note"), ("ask_schedule", "table_schedule"),
           ("ask_scale", "table_scale"), ("ask_owner", "table_owner"))
_MIN_VALUE = 3  # a field value the question quotes to pick rows by it (市轨道交通集团, 高新区), at least this long


def _grams(text: str) -> set[str]:
    text = re.sub(r"[^\w]|_", " ", to_halfwidth(text))
    return {text[i:i + 2] for i in range(len(text) - 1) if " " not in text[i:i + 2]}


def _masked(q: Question, docs: dict[str, Document]) -> str:
    """The question with the plans' names blanked (``masked_question``), in half-width characters."""
    return to_halfwidth(masked_question(q, [d.meta for d in docs.values()]))


def _plan_grams(docs: dict[str, Document], scope: tuple[str, ...]) -> set[str]:
    """The pieces of the titles of the plans in scope: they name the plan, no row."""
    return _grams(" ".join(docs[x].meta.title for x in scope))


def _edge_grams(resolved: str, masked: str) -> set[str]:
    """The question's pieces across the edge of a plan's name it writes (``masked``: blanked there): 溪段 of
    澜岚高速岚溪段, where 岚溪 names the plan's county and the row's section. They help name a row, never its
    look-alike (县医 of 霁山县医院 names no 县医养结合中心)."""
    text = to_halfwidth(resolved)
    if len(text) != len(masked):
        return set()
    inside = {i for i, ch in enumerate(masked) if ch != text[i]}
    return set().union(*(_grams(text[i:i + 2]) for i in range(len(text) - 1) if len({i, i + 1} & inside) == 1))


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
        # asked by its kind (投多少钱, 哪个部门), or by a header word of its kind (年限 for 建设年限)
        asked = any((lex.regex(ask).search(q) or lex.regex(kind).search(q)) and lex.regex(kind).search(head)
                    for ask, kind in _FIELDS)
        if named or asked:
            out.append(col)
    return out


def _named_row(t: Table, resolved: str, masked: str, own: set[str]) -> TableRow | None:
    """The data row the question names clearly more than any other (``_best_row``), unless the question names its
    look-alike (``_names_another``). ``masked``: the question with the plans' names blanked."""
    rows, grams = _row_grams(t, own)
    q = _grams(masked)
    best = _best_row(grams, q | _edge_grams(resolved, masked), resolved, [_core(r.key) for r in rows])
    return None if best is None or _names_another(q, grams, best, rows[best]) else rows[best]


def _core(name: str) -> str:
    """A project's name less a suffix any project's name may end with (建设项目, 工程)."""
    return lexicon().regex("project_suffix").sub("", name) or name


def _row_grams(t: Table, own: set[str]) -> tuple[list[TableRow], list[set[str]]]:
    """The data rows and the pieces of each one's name (less a suffix such as 建设项目, and less ``own``: pieces of
    the table's title and the plans' names, 岚川, 项目表, which name no row)."""
    rows = [r for r in t.records if r.kind == "data"]
    return rows, [_grams(_core(r.key)) - own for r in rows]


def _best_row(grams: list[set[str]], q: set[str], asked: str, names: list[str]) -> int | None:
    """The row the question names clearly more than any other. Each piece of a row's name counts by how few rows
    share it (中心 names many rows, 3号 one). ``asked``: the question as asked (岚川东站, plan name and all), which
    shares MIN_COVER of the row name's pieces or abbreviates the name (``_abbreviates``)."""
    df: dict[str, int] = {}
    for g in grams:
        for piece in g:
            df[piece] = df.get(piece, 0) + 1
    scored = sorted(((sum(1 / df[p] for p in g & q), i) for i, g in enumerate(grams)), reverse=True)
    if not scored or scored[0][0] < MIN_SHARED or (len(scored) > 1 and scored[0][0] - scored[1][0] < _MARGIN):
        return None
    best = scored[0][1]
    if len(grams[best] & _grams(asked)) < MIN_COVER * len(grams[best]) and not _abbreviates(asked, names[best]):
        return None  # 柳塘镇集镇污水处理站 shares the town and 污水 with 柳塘镇等6个乡镇污水管网延伸, not the thing
    return best


def _abbreviates(text: str, name: str) -> bool:
    """Whether a run of the text is the name shortened as people shorten names, keeping its characters in order
    (澜岚高速岚溪段 of 澜州至岚溪高速公路岚溪段, 茶旅示范区 of 茶亭茶旅融合示范区): at least MIN_ABBREVIATION of
    the name's characters and ABBREVIATION_CHARS in all."""
    text, name = to_halfwidth(text), to_halfwidth(name)
    longest = 0
    for i in range(len(text)):
        at, n = 0, 0
        for ch in text[i:]:
            at = name.find(ch, at) + 1
            if not at:
                break
            n += 1
        longest = max(longest, n)
    return longest >= ABBREVIATION_CHARS and longest >= MIN_ABBREVIATION * len(name)


def lookalike_rows(q: Question, docs: dict[str, Document], scope: tuple[str, ...]) -> frozenset[str]:
    """The project-table rows the question names only by a look-alike name (数字孪生桐江 for 数字孪生青溪江建设工程),
    as their passages read (the row's cells, the project read from it): such a row is not what is asked and does
    not answer it."""
    masked = _masked(q, docs)
    grams = _grams(masked)
    plans = _plan_grams(docs, scope)
    out = set()
    for _, t in _project_tables(docs, scope):
        rows, row_grams = _row_grams(t, _own_grams(t, plans))
        best = _best_row(row_grams, grams, q.resolved, [_core(r.key) for r in rows])
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


def project_row_answer(q: Question, docs: dict[str, Document], scope: tuple[str, ...],
                       quoted: str = "") -> Answer | None:
    """One field (or several) of a project row the question names; the total row when a sum is asked of the
    table; the rows whose field holds the body or value the question quotes, when it asks which projects.
    ``quoted``: the passage the earlier answer quoted first (``_row_cells``)."""
    masked = _masked(q, docs)
    tables = _project_tables(docs, scope)
    listed = _rows_by_value(q, docs, scope, masked) or _group_answer(q, docs, scope, tables, masked)
    if listed is not None:
        return listed
    found = _row_cells(q, docs, scope, masked, quoted)
    if found:
        return cells_answer(q, docs, found, by_row=True) if len({id(c.table) for c in found}) == 1 else None
    return _total_answer(q, docs, scope, masked)


def row_parts_answer(q: Question, docs: dict[str, Document], scope: tuple[str, ...],
                     parts: tuple[str, ...], quoted: str = "") -> Answer | None:
    """"茶亭茶旅融合示范区 投资、年限、责任单位" / "澜岚高速岚溪段多长，总投资多少" / "实施年限呢？归哪个部门":
    the parts of one message each asking a field of the one project row it names are that row's fields, read
    together, when each part names that row or nothing but fields (管网建设多长 names a thing of its own)."""
    masked = _masked(q, docs)
    found = _row_cells(q, docs, scope, masked, quoted)
    if not found or len({id(c.table) for c in found}) != 1:
        return None
    t, row = found[0].table, found[0].row
    own = _own_grams(t, _plan_grams(docs, scope))
    said = {c.column for c in found}
    for part in map(to_halfwidth, parts):
        named = _named_row(t, part, part, own)
        if not said & set(_field_columns(t, part)) or named is not row and (named is not None
                                                                            or not _fields_only(part)):
            return None  # a part asking no field the row states, or of a thing of its own
    return cells_answer(q, docs, found, by_row=True)


def _fields_only(text: str) -> bool:
    """The text asks fields (实施年限呢？归哪个部门) and names nothing else: no row of its own."""
    return names_nothing(_beyond_fields(text))


def _beyond_fields(text: str) -> str:
    """What the text names besides the fields it asks and its asking words (停车那块 of 停车那块谁负责)."""
    lex = lexicon()
    for ask, kind in _FIELDS:
        text = lex.regex(kind).sub(" ", lex.regex(ask).sub(" ", text))
    return content_of(text)


def _of_row(words: str, t: Table, row: TableRow, own: set[str]) -> bool:
    """Whether the words name nothing but that row: a piece of its cells (停车 of 城市公共停车设施建设工程), no piece
    of another row's name that it does not write."""
    rows, grams = _row_grams(t, own)
    mine = _grams(" ".join(cell for _, cell in row.cells))
    others = set().union(*(g for r, g in zip(rows, grams, strict=True) if r is not row)) - mine
    pieces = _grams(words)
    return bool(pieces & mine) and not pieces & others


def _asked_columns(t: Table, q: Question, masked: str) -> list[str]:
    """The columns asked: a follow-up's own when it asks some (实施年限呢？归哪个部门 after 总投资多少: not the
    money again), else the question's."""
    own = _field_columns(t, to_halfwidth(q.text)) if q.is_followup else []
    return own or _field_columns(t, masked)


def _row_cells(q: Question, docs: dict[str, Document], scope: tuple[str, ...], masked: str,
               quoted: str = "") -> list[Cell]:
    """The cells asked of the project row the question names, in each project table naming one. A question after
    another naming nothing but fields (实施年限呢？归哪个部门, 那谁牵头) asks of the row the earlier question named,
    else of the row the earlier answer quoted (``quoted``: 谁负责 after 实施年限呢 answered from the row)."""
    plans = _plan_grams(docs, scope)
    rest = _beyond_fields(to_halfwidth(q.text))
    before = q.previous and (names_nothing(rest) or q.is_followup)
    if before:
        masked_before = _masked(replace(q, resolved=q.previous), docs)
    found: list[Cell] = []
    for d, t in _project_tables(docs, scope):
        columns = _asked_columns(t, q, masked)
        if not columns:
            continue
        own = _own_grams(t, plans)
        row = _named_row(t, q.resolved, masked, own)
        if row is None and before:
            row = _named_row(t, q.previous, masked_before, own) or (_named_row(t, quoted, quoted, own)
                                                                    if quoted else None)
            row = row if row is None or names_nothing(rest) or _of_row(rest, t, row, own) else None
        if row is not None:
            found.extend(Cell(d, t, row, c, 0.0) for c in columns)  # a cell left empty, or —, is said to be blank
    return found


def _total_answer(q: Question, docs: dict[str, Document], scope: tuple[str, ...], masked: str) -> Answer | None:
    """A sum asked of the project table the question names by its title's words: its 合计 row's fields."""
    if len(set(q.docs) or set(scope)) != 1:
        return None  # a sum of a table, only where the plan is named or alone
    grams = _grams(masked)
    plans = _plan_grams(docs, scope)
    totals: list[Cell] = []
    for d, t in _project_tables(docs, scope):
        columns = _field_columns(t, masked)
        total = next((r for r in t.records if r.kind == "total"), None)
        fit = len((_grams(t.title) - plans) & grams)
        if columns and total is not None and fit >= MIN_TITLE_FIT and _asks_total(masked, t):
            totals.extend(Cell(d, t, total, c, fit) for c in columns if total.cell(c).strip())
    if not totals:
        return None
    best = max(c.score for c in totals)
    chosen = [c for c in totals if c.score == best]
    return render_cells(q, docs, chosen) if len({id(c.table) for c in chosen}) == 1 else None


def _asked_kinds(q: str) -> list[str]:
    """The kinds of field (lexicon role of their header) the question asks for, by its asking words or a header
    word of that kind it writes (牵头单位)."""
    lex = lexicon()
    return [kind for ask, kind in _FIELDS if lex.regex(ask).search(q) or lex.regex(kind).search(q)]


def absent_column_answer(q: Question, docs: dict[str, Document], scope: tuple[str, ...]) -> Answer | None:
    """"附表里冷链物流集散中心的牵头单位是哪个": a field asked of a row of the project table the question names
    (附表, 项目表) that none of the plans' project tables has as a column is refused, showing the row, rather
    than answered with the row's other fields or a sentence of the text."""
    masked = _masked(q, docs)
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
    plans = _plan_grams(docs, scope)
    for d, t in tables:
        row = _named_row(t, q.resolved, masked, _own_grams(t, plans))
        if row is not None:
            shown = [Evidence(d, t.heading_path + (t.title,), table_row_text(t, row), highlight=row.key)]
            columns = "、".join(f"“{escape_md(BRACKET_RE.sub('', c).strip())}”" for c in t.columns)
            return refuse(q, docs, f"{escape_md(t.title)}中没有问到的这一栏（该表只列{columns}），"
                                   "所收录的规划中没有给出这一项。", shown, ABSENT_COLUMN)
    return None


def _rows_by_value(q: Question, docs: dict[str, Document], scope: tuple[str, ...], masked: str) -> Answer | None:
    """"市轨道交通集团负责哪几个项目" / "高新区那边列了哪些重点项目" / "分工表里哪些任务的完成时限是2027年底前": every
    data row of a table whose field holds the value the question quotes (a whole cell, or a cell less the plan's own
    place that opens it: 高新区 of 雁屿高新区), the rows whose cell writes that value listed in full. One table and
    column must hold it more clearly than any other (its header or title named as well)."""
    lex = lexicon()
    if not (lex.regex("ask_which_projects").search(masked) or lex.regex("list").search(masked)):
        return None
    grams = _grams(masked)
    found: list[tuple[tuple[int, int, int], str, Table, str, str]] = []
    for d in scope:
        title = docs[d].meta.title
        for t in docs[d].tables:
            if t.indicator_rows or not t.records:
                continue
            key = _key_column(t)
            if key is None or not (lex.regex("ask_which_projects").search(masked) or _grams(key) & grams):
                continue  # the rows asked are the table's (哪些任务 of 重点任务), not things of a row (五大中心)
            for col in t.columns:
                if col == key or lex.regex("table_seq").fullmatch(BRACKET_RE.sub("", col).strip()):
                    continue
                forms = {f for r in t.records if r.kind == "data" and r.cell(col) != r.key and r.value(col) is None
                         for f in _value_forms(r.cell(col), title) if f in masked}  # a number picks no rows
                if forms:
                    form = max(forms, key=len)
                    fit = (len(_grams(BRACKET_RE.sub("", col)) & grams), len(_grams(t.title) & grams), len(form))
                    found.append((fit, d, t, col, form))
    found.sort(key=lambda f: f[0], reverse=True)
    if not found or (len(found) > 1 and found[1][0] == found[0][0]):
        return None
    _, d, t, col, value = found[0]
    rows = [r for r in t.records if r.kind == "data" and _holds(r.cell(col), value, docs[d].meta.title)]
    said = "为" if all(r.cell(col).strip() == value for r in rows) else "写有"
    lines = [f"**{escape_md(doc_name(docs[d]))}** {escape_md(t.title)}中，“{escape_md(col)}”{said}"
             f"“{escape_md(value)}”的{'项目' if t.projects else '各行'}："]  # no count: a figure no source writes
    lines += [f"- {escape_md(r.key)}" + (f"（{escape_md(r.cell(col))}）" if r.cell(col) != value else "") for r in rows]
    ev = Evidence(d, t.heading_path + (t.title,), "\n".join(table_row_text(t, r) for r in rows), highlight=rows[0].key)
    return render(q, [Part(lines=lines, evidence=[ev])], docs, False, long_ok=True)


def _holds(cell: str, value: str, title: str) -> bool:
    """The cell writes the value as one of its items (东澜区 of 东澜区、南汐区), in full, less the plan's own place
    (雁屿高新区), or opening it as a place inside (东澜区屿头岛); not inside a longer phrase of a description."""
    items = [i.strip() for i in re.split(r"[、，,；;/／]", cell) if i.strip()]
    return any(i.startswith(value) or value in _value_forms(i, title) for i in items)


def _value_forms(cell: str, title: str) -> list[str]:
    """How a question quotes a cell's value: in full, or less the plan's own place opening it (雁屿高新区 ->
    高新区, in a plan titled 雁屿市…); at least _MIN_VALUE characters, never a blank one."""
    cell = cell.strip()
    if is_blank(cell) or len(cell) < _MIN_VALUE:
        return []
    forms = [cell]
    for n in range(len(cell) - _MIN_VALUE, 1, -1):
        if cell[:n] in title:
            forms.append(cell[n:])
            break
    return forms


def _group_answer(q: Question, docs: dict[str, Document], scope: tuple[str, ...], tables: list[tuple[str, Table]],
                  masked: str) -> Answer | None:
    """"附表里生态环保类列了几个项目，分别是哪些": the rows under the category row of a project table (三、生态环保
    （4项）) the question names, when it names the table (附表, 项目表, its title's words) and asks which or how many
    projects; the category row, quoted as written, states their count where the plan gives one. The fields the
    question asks too (各投资多少) follow each row."""
    lex = lexicon()
    if not (any(lex.regex(r).search(masked) for r in ("list", "ask_which_projects", "each", "each_adverb"))
            or asked_unit(masked) in lex.words("count_unit")):
        return None
    plans = _plan_grams(docs, scope)
    grams = _grams(masked)
    named = [(d, t, g) for d, t in tables if _names_table(masked, grams, t, plans)
             for g in dict.fromkeys(r.group for r in t.records if r.kind == "data" and r.group)
             if len(core := _group_core(g)) >= 2 and core in masked]
    if len(named) != 1:
        return None
    d, t, group = named[0]
    rows = [r for r in t.records if r.kind == "data" and r.group == group]
    columns = _field_columns(t, masked)
    lines = [f"**{escape_md(doc_name(docs[d]))}** {escape_md(t.title)}中，“{escape_md(group)}”一类所列项目："]
    lines += [f"- {escape_md(r.key)}" + "".join(f"；{escape_md(c)}：{escape_md(r.cell(c))}"
                                                 for c in columns if r.cell(c).strip()) for r in rows]
    evidence = [Evidence(d, t.heading_path + (t.title,), "\n".join(table_row_text(t, r) for r in rows),
                         highlight=group)]
    return render(q, [Part(lines=lines, evidence=evidence)], docs, False, long_ok=True)


def _names_table(masked: str, grams: set[str], t: Table, plans: set[str]) -> bool:
    """The question names a project table: 附表, 项目表, or MIN_TITLE_FIT pieces of its title beyond the plans' names."""
    return bool(lexicon().regex("project_table_ref").search(masked)) or len((_grams(t.title) - plans) & grams) >= MIN_TITLE_FIT


def _group_core(group: str) -> str:
    """A category row's name without its number and count (三、生态环保（4项） -> 生态环保) or a project suffix."""
    return _core(BRACKET_RE.sub("", NUM_PREFIX_RE.sub("", group.strip())).strip())
