"""Row × column questions on tables that are not indicator tables: one cell, with its unit, citing table and row.

A question names a row (a place, a year, a project: matched against the tables' row keys, or a 合计/总计 question
for a total row) and a column (by its header words, its unit, its year, or a period word such as 规划期末 resolved
through the plan's own period). ``表3-1`` named in the question scopes it to the tables of that number. Numbers
come only from the cells; indicator tables are left to the indicator answers.

Beyond one cell: several measures asked of one row (多少充电站、多少根桩: the column each 多少 names); a column
named without a row (折减系数取值多少: read down its rows); the row holding a column's largest or smallest value
(哪一年涨得最猛); the rows of a column whose total the question quotes (新增的13座在哪些区). A cell the table
leaves empty (—, /, 暂无) gives nothing: it is said to be empty, and a question asking only such cells is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from assistant.index.chunk import table_row_text
from assistant.ingest.forms import table_number
from assistant.ingest.table_model import is_data_cell
from assistant.text.numbers import parse_value, to_halfwidth
from assistant.text.patterns import FIGURE_RE, NOTE_RE, QUANTITY_RE, TABLE_REF_RE, YEAR_RE
from assistant.text.sentences import sentences
from assistant.types import Answer, Document, Table, TableRow

from . import reasons
from .lexicon import lexicon
from .quantity import MONEY, SHARE, asked_kind, fits, other_thing, unit_kind
from .render import refuse, render
from .structured import Evidence, Part, cell_text, doc_name, escape_md, is_blank, table_text
from .terms import question_aliases
from .understand import Question, find_docs

BRACKET_RE = re.compile(r"[（(][^（）()]*[）)]")
_MIN_SCORE = 4.0


@dataclass(frozen=True)
class Cell:
    doc_id: str
    table: Table
    row: TableRow
    column: str
    score: float


def _bigrams(text: str) -> set[str]:
    text = re.sub(r"[\s\d\W_]+", " ", text)
    return {text[i:i + 2] for i in range(len(text) - 1) if " " not in text[i:i + 2]}


def _key_names(key: str) -> list[tuple[str, bool]]:
    """How a question may name a row: its key without a unit or a total word (full), or most of it (长春 for
    长春市, not full)."""
    base = BRACKET_RE.sub("", key).strip()
    base = lexicon().regex("table_total").sub("", base).strip()
    if not base:
        return []
    names = [(base, True)]
    if len(base) >= 3 and not base[-1].isdigit():
        names.append((base[:-1], False))
    return names


def _row_score(row: TableRow, q: str, asks_total: bool, raw: str = "") -> float:
    """How clearly the question names this row; 0 when it does not. A 合计 question takes the total row unless
    it names a data row in full. ``q`` has the plans' names blanked (吉林省 names the plan, not the row 吉林市);
    ``raw``, the question as asked, still names a row in full that holds a plan's short name (吉林市)."""
    score = 0.0
    names = _key_names(row.key)
    if names and names[0][0] in q and not _names(names[0][0], q):
        names = []  # named only as what is left out: not by part of its name either (中心城 of 中心城区以外)
    for name, full in names:
        if _names(name, q) or (full and len(name) >= 3 and _names(name, raw)):
            score = max(score, (2.0 + len(name) / 2) if full else (1.0 + len(name) / 4))
    if row.kind == "total":  # "中心城区合计" answers for 中心城区 even when 合计 is not asked
        if not asks_total:
            return score
        return score + 2.0 if score else 1.5
    if asks_total and not any(full and _names(name, q) for name, full in _key_names(row.key)):
        return 0.0
    return score


def _names(name: str, q: str) -> bool:
    """The question names ``name`` other than as what it leaves out (中心城区以外那些区县 is not 中心城区: lexicon
    role ``excluding``)."""
    excluding = lexicon().regex("excluding")
    i = q.find(name)
    while i >= 0:
        if not excluding.match(q, i + len(name)):
            return True
        i = q.find(name, i + 1)
    return False


_LEFT_OUT_SPAN = 8  # 长春核心区以外: the excluding word ends within this many characters after the row's name


def _left_out(name: str, q: str) -> bool:
    """The question names ``name`` as what it leaves out (长春核心区以外的其他城市: lexicon role ``excluding``)."""
    excluding = lexicon().regex("excluding")
    i = q.find(name)
    while i >= 0:
        end = i + len(name)
        if excluding.search(q[end:end + _LEFT_OUT_SPAN]):
            return True
        i = q.find(name, i + 1)
    return False


def _column_score(table: Table, column: str, q: str, years: tuple[str, ...], asked: str | None,
                  kind: str | None = None) -> float:
    """``asked``: the measure word after 多少/几 when some table uses it; ``kind``: the kind of quantity asked
    (count, money, share: assistant/answer/quantity.py)."""
    lex = lexicon()
    if not fits(kind, table.unit(column)):
        return -10.0  # 多少个充电桩 / 充电站数量 is not answered by the 投资（亿元） column
    score = 0.0
    year = dict(table.years).get(column)
    if year is not None and str(year) in years:
        score += 3.0
    elif year is not None and years and not set(years) & {str(y) for _, y in table.years}:
        return -10.0  # 规划期末 (2025) does not state the 2035 value asked; the text may
    for role in ("table_target", "table_baseline"):
        if lex.regex(role).search(column) and lex.regex(role).search(q):
            score += 3.0
    if _named_with_sibling(table, column, q):
        return -10.0  # 充换电站 asks 充电站 and 换电站 together: neither column alone answers it
    words = _bigrams(BRACKET_RE.sub("", column))
    shared = words & _bigrams(q)
    score += len(shared)
    if _whole_header(column, q):
        score += _WHOLE_HEADER  # 换电站 named as such, not its two characters shared with 充电桩 (充电站)
    ask = lex.regex("ask_quantity").search(q)
    if shared and ask:  # 运营商充电站有几座: the thing counted is named next to the asking word
        score -= 0.01 * min(abs(ask.start() - (q.find(w) + 2)) for w in shared)
    unit = table.unit(column)
    if unit and asked:  # 多少座 asks a count of 座, not 亿元
        score += 1.5 if unit.startswith(asked) else -2.0
    elif unit and unit in q:
        score += 1.0
    return score


_WHOLE_HEADER = 2.0  # a column whose whole header the question writes is named, not merely sharing characters


def _whole_header(column: str, q: str) -> bool:
    head = BRACKET_RE.sub("", column).strip()
    return len(head) >= 2 and head in q


def _named_with_sibling(table: Table, column: str, q: str) -> bool:
    """The question writes the column's header contracted with another column's, the two sharing all but their
    first character (充换电站 for 充电站 and 换电站, both columns of 表3-1): it asks the two together, not one."""
    head = BRACKET_RE.sub("", column).strip()
    if len(head) < 2:
        return False
    for c in table.columns:
        other = BRACKET_RE.sub("", c).strip()
        if c != column and other[1:] == head[1:] and other[0] != head[0] and (
                head[0] + other[0] + head[1:] in q or other[0] + head[0] + head[1:] in q):
            return True
    return False


def measures_other(column: str, kind: str | None) -> bool:
    """Whether a column's header names a money or share measure (规划投资（亿元）, 占比（%）: lexicon roles ask_money,
    ask_share) of another kind than the one asked: its cells say how much is spent on, or the share of, the row's
    thing, not how many there are. A column headed by a year or a plain name (2025年, 充电站（座）) measures the row."""
    lex = lexicon()
    head = BRACKET_RE.sub("", column)
    return any(k != kind and lex.regex(role).search(head) for k, role in ((MONEY, "ask_money"), (SHARE, "ask_share")))


_MEASURED = 2  # two-character pieces of what a share or money column measures that name it (优良·良天·天数)


def _names_measured(column: str, q: str) -> bool:
    """The question names what a share or money column measures, beyond its measure and period words (优良天数 of
    空气质量优良天数比例2030年目标（%））: the column is asked, though no share word is."""
    lex = lexicon()
    head = BRACKET_RE.sub("", column)
    for role in ("ask_money", "ask_share", "table_target", "table_baseline"):
        head = lex.regex(role).sub(" ", head)
    return len(_bigrams(head) & _bigrams(q)) >= _MEASURED


def _named_column(table: Table, column: str, q: str, years: tuple[str, ...]) -> bool:
    """The question names the column by its words, its year or its role (现状, 规划期末), not by its unit alone."""
    lex = lexicon()
    year = dict(table.years).get(column)
    return bool(_bigrams(BRACKET_RE.sub("", column)) & _bigrams(q)) or (year is not None and str(year) in years) \
        or any(lex.regex(r).search(column) and lex.regex(r).search(q) for r in ("table_target", "table_baseline"))


def asked_unit(q: str) -> str | None:
    """The measure word right after 多少/几 (lexicon role ``ask_quantity``): 座 in 多少座."""
    m = re.search(f"(?:{lexicon().regex('ask_quantity').pattern})([^\\s\\d，。？?])", q)
    return m.group(1) if m else None


def _units_in(tables: list[Table]) -> set[str]:
    return {u[0] for t in tables for _, u in t.units}


def _asks_total(q: str) -> bool:
    return bool(lexicon().regex("ask_total").search(q))


def _total_asked_apart(q: str, row: TableRow) -> bool:
    """A total asked in a clause naming no row (公务车的呢，合计多少): the table's 合计 row is asked too. A total word
    in the clause naming the row (开州区规划期末一共多少座) asks all of that row's, not the table's total."""
    total = lexicon().regex("ask_total")
    return any(total.search(c) and not any(name in c for name, _ in _key_names(row.key))
               for c in re.split(r"[，,。；;？?！!]", q))


def find_cells(q: Question, docs: dict[str, Document], scope: tuple[str, ...], place: str | None = None) -> list[Cell]:
    """The best-matching cells, best first; only those that clearly name a row and a column (and, with
    ``place``, only rows keyed by that place, in a table titled by it, or in a table the question names)."""
    text = to_halfwidth(q.resolved)
    named = {table_number(m.group(0))[0] for m in TABLE_REF_RE.finditer(text)}
    asks_total = _asks_total(text)
    asked = said = asked_unit(text)
    kind = asked_kind(text)
    part_kind = asked_kind(_without_part_share(text))  # 投多少钱，换电站占多少: money, of a table without shares
    if asked not in _units_in([t for d in scope for t in docs[d].tables]):
        asked = None  # 多少的…: not a measure word any table uses
    plain = lexicon().regex("ask_total").sub(" ", text)  # 合计 names the row, not the 合计 column
    measures = asked_measures(plain)
    counted = _counted(plain)
    # rows are named outside the plans' own names (吉林省 names the plan, not the row 吉林市)
    rowtext = find_docs(text, question_aliases(q, [d.meta for d in docs.values()]))[1]
    cells: list[Cell] = []
    left_out: set[int] = set()  # the tables with a data row the question leaves out (长春核心区以外)
    lex = lexicon()
    for d in scope:
        for t in docs[d].tables:
            if t.indicator_rows or not t.records or (named and t.number not in named):
                continue
            if q.years and t.years and not set(q.years) & {str(y) for _, y in t.years}:
                continue  # its columns are for 2020 and 2025: it states nothing for the 2030 asked
            if not named and _counts_other(t, counted):
                continue  # 多少座充电站 is not answered by a table of 加油站
            title_fit = len(_bigrams(t.name or t.title) & _bigrams(plain)) * 0.5
            target_table = bool(lex.regex("table_target").search(t.title))
            if target_table and "target" in q.wants and "baseline" not in q.wants:
                title_fit += 1.0  # 谁新建的多: a table of targets, not one of what stands today
            if lex.regex("table_baseline").search(t.title) and "baseline" in q.wants and "target" not in q.wants \
                    and lex.regex("table_ask").search(text):
                title_fit += 1.0  # 现状那张表里…现在有多少: the table of what stands today (…概况) asked by its kind
            same_unit = sum(1 for c in t.columns if asked and (t.unit(c) or "").startswith(asked))
            tkind = part_kind if part_share(text) and not _has_shares(t) else kind
            for row in t.records:
                if row.kind != "total" and any(_left_out(n, rowtext) for n, _ in _key_names(row.key)):
                    left_out.add(id(t))
                rs = _row_score(row, rowtext, asks_total, text)
                if rs <= 0 or (place and place not in t.title and not named
                               and not any(n in place or place in n for n, _ in _key_names(row.key))):
                    continue  # a place no plan is about: only a row keyed by it, or a table titled by it
                for col, cell in row.cells:
                    if cell == row.key or not cell.strip() or (row.kind == "total" and is_blank(cell)):
                        continue  # a total row leaves blank what is not summed (服务半径): no cell asked
                    if other_thing(said, t.unit(col)) and not _whole_header(col, plain):
                        continue  # 多少辆 is not answered by a column of 座 (几座换电站和充电桩 names 充电桩（根）)
                    if not named and measures_other(col, tkind) and not (tkind is None and _names_measured(col, plain)):
                        continue  # 换电站 in a column of 规划投资（亿元）: the amount measures what is not asked
                    cs = _column_score(t, col, plain, q.years, asked, tkind)
                    if len(measures) > 1:  # 多少线路、多少辆车: each column a measure names is asked
                        cs += max(_measure_fit(col, m) for m in measures)
                    if cs < 1.5 and len(t.columns) > 2:
                        continue
                    if same_unit > 1 and not _named_column(t, col, plain, q.years):
                        continue  # 有几座 alone does not say which of several 座 columns
                    if target_table and "baseline" in q.wants and not lex.regex("table_baseline").search(col):
                        continue  # 截至…已建成 is not stated by a table of targets
                    bonus = (3.0 if named else 0.0) - (_BLANK if is_blank(cell) else 0.0)
                    cells.append(Cell(d, t, row, col, rs + cs + title_fit + bonus))
    if left_out and asks_total and not named:
        # 长春核心区以外的其他城市合计: the row left out (长春市) is in one table; another table's total row,
        # matched only by 合计 and a few title words (以外, 其他), answers something else
        cells = [c for c in cells if id(c.table) in left_out]
    cells.sort(key=lambda c: -c.score)
    return [c for c in cells if c.score >= _MIN_SCORE]


_BLANK = 0.5  # a cell the table leaves empty answers (it gives nothing) only where no filled cell fits as well


def part_share(text: str) -> re.Match[str] | None:
    """The words asking what part of a total a row is (换电站占多少, 占总投资多少: lexicon role ``ask_part_share``)."""
    return lexicon().regex("ask_part_share").search(text)


def _without_part_share(text: str) -> str:
    m = part_share(text)
    return text if m is None else f"{text[:m.start()]} {text[m.end():]}"


def _has_shares(t: Table) -> bool:
    """Whether a table has a column of shares (占比（%）): a share asked is read from it, not from two cells."""
    shares = lexicon().regex("ask_share")
    return any(unit_kind(t.unit(c)) == SHARE or shares.search(BRACKET_RE.sub("", c)) for c in t.columns)


def share_parts(docs: dict[str, Document], best: Cell) -> tuple[list[Cell], list[Part]]:
    """A row's share of its table's total asked (换电站占多少) of a table without a share column: the total row's
    cell to cite beside the row's, and the plan's own sentence stating the row's share (…4.83 亿元，约占总投资的
    40%: a sentence of the table's section holding the row's value followed by 占…%, lexicon role
    ``share_stated``), else a plain word that the plan states no share (no figure the plan does not state)."""
    t, row, col = best.table, best.row, best.column
    total = next((r for r in t.records if r.kind == "total" and r.value(col)), None)
    if row.kind == "total" or total is None or _has_shares(t) or row.value(col) is None:
        return [], []
    cells = [Cell(best.doc_id, t, total, col, best.score)]
    value = row.cell(col).strip()
    stated = lexicon().regex("share_stated")
    section = next((s for s in docs[best.doc_id].sections if s.id == t.section_id), None)
    for p in section.paragraphs if section else ():
        for sent in sentences(p.text):
            i = sent.find(value)
            if i >= 0 and not sent[i + len(value):i + len(value) + 1].isdigit() \
                    and stated.search(sent[i + len(value):i + len(value) + _STATED_SPAN]):
                ev = Evidence(best.doc_id, section.path, sent.strip(), highlight=sent.strip())
                return cells, [Part(lines=[f"原文：{escape_md(sent.strip())}"], evidence=[ev])]
    line = (f"规划未直接写出“{escape_md(row.key)}”所占比例，以上是该行与合计行的数值（本助手不自行计算原文没有的数字）。")
    return cells, [Part(lines=[line])]


def share_answer(q: Question, docs: dict[str, Document], scope: tuple[str, ...]) -> Answer | None:
    """"充电桩投资多少？占总投资多少": a row's value and its share of its table's total, answered as one question
    (the share is of the row the question names, not of a part asked alone); None unless a data row of a table
    with a total row and no share column is named."""
    if not part_share(to_halfwidth(q.resolved)):
        return None
    cells = find_cells(q, docs, scope)
    if not cells or not share_parts(docs, cells[0])[0]:
        return None
    return table_cell_answer(q, docs, scope)


def rest_answer(q: Question, docs: dict[str, Document], scope: tuple[str, ...]) -> Answer | None:
    """"长春核心区要新建几座换电站，那其他城市加起来呢" (lexicon role ``rest_followup`` closing the question): the
    cell the earlier clause names, then the table's other data rows in that column, each cited, saying the plan
    states no sum of them (no figure the plan does not state is computed)."""
    text = to_halfwidth(q.resolved)
    head, sep, last = text.rpartition("，")
    if not sep or not lexicon().regex("rest_followup").match(last.strip()):
        return None
    cells = find_cells(replace(q, resolved=head), docs, scope)
    if not cells or cells[0].row.kind == "total" or cells[0].row.value(cells[0].column) is None:
        return None
    best = cells[0]
    t, col = best.table, best.column
    rest = [r for r in t.records if r.kind != "total" and r is not best.row and r.value(col) is not None]
    if not rest:
        return None
    unit = _unit(best)
    listed = "、".join(f"{escape_md(r.key)}{cell_text(r.cell(col).strip())}" for r in rest)
    line = (f"**{escape_md(doc_name(docs[best.doc_id]))}** {escape_md(_label(t))}中，“{escape_md(col)}”一栏"
            f"“{escape_md(best.row.key)}”为{cell_text(best.row.cell(col).strip(), unit)}，其余各行为：{listed}。"
            f"规划未直接写出其余各行的合计（本助手不自行计算原文没有的数字）。")
    ev = Evidence(best.doc_id, t.heading_path + (t.title,), "\n".join(table_row_text(t, r) for r in [best.row, *rest]),
                  highlight=rest[0].key)
    return replace(render(q, [Part(lines=[line], evidence=[ev])], docs, False), reason=reasons.UNSTATED_SUM)


def earlier_row_columns(resolved: str, text: str, previous: str, earlier_answer: str, docs: dict[str, Document],
                        scope: tuple[str, ...]) -> str | None:
    """"那吉林市呢" after an answer giving 长春市's 27座充电站、75座换电站、2645根充电桩: the resolved follow-up asking
    the same columns of the row it names. The columns are those of the one table row holding every figure of the
    earlier answer (two or more, each in its own column); the follow-up names another row of that table (written
    in ``resolved``, not in ``previous``) and no column of its own (``text``). None otherwise. Pure."""
    figures = {parse_value(f) for f in QUANTITY_RE.findall(earlier_answer)}
    if len(figures) < 2:
        return None
    for doc in scope:
        for t in docs[doc].tables if doc in docs else ():
            heads = {c: BRACKET_RE.sub("", c).strip() for c in t.columns}
            if any(h and h in text for h in heads.values()):
                continue
            for row in t.records:
                cols = [c for c in t.columns if c != "" and _figure(row, c) in figures and row.cell(c) != row.key]
                if len(cols) < 2 or {_figure(row, c) for c in cols} != figures:
                    continue
                if not any(r is not row and r.key and r.key in resolved and r.key not in previous for r in t.records):
                    continue
                asked = [heads[c] for c in cols if heads[c] and heads[c] not in resolved]
                return re.sub(r"[？?。！!]+$", "", resolved) + "".join(f"、{h}" for h in asked) if asked else None
    return None


def _figure(row: TableRow, column: str) -> float | None:
    """A cell's figure: its value, or the one figure a cell written with its unit holds (1.0公里)."""
    value = row.value(column)
    if value is not None:
        return value
    found = QUANTITY_RE.findall(row.cell(column))
    return parse_value(found[0]) if len(found) == 1 else None


_STATED_SPAN = 24  # the share the plan states follows the row's value within this many characters


def _unit(cell: Cell) -> str:
    """The unit to write after a cell's value: its column's, else the one its row's name ends with
    (电动公交车充电桩(根)); none when the value already ends with it or with a unit of its own (35.66%)."""
    value = cell.row.cell(cell.column)
    unit = cell.table.unit(cell.column)
    if not unit:
        m = re.search(r"[（(]([^（）()\d]{1,6})[）)]$", cell.row.key)
        unit = m.group(1) if m else ""
    return "" if not unit or value.endswith(unit) or _OWN_UNIT_RE.search(value) else unit


_OWN_UNIT_RE = re.compile(r"[%％\u4e00-\u9fff]$")  # a value written with its own unit (35.66%, 1.0公里)


def _label(t: Table) -> str:
    return f"{t.number + ' ' if t.number else ''}{t.name or t.title}"


def _chars(text: str) -> set[str]:
    return set(re.findall(r"[\u4e00-\u9fff]", text))


def _measure_fit(column: str, phrase: str) -> float:
    """How clearly a phrase names a column: the header's (unit left out) two-character pieces it shares, and half
    a point per character (多少根桩: 桩 names 充电桩数量)."""
    head = BRACKET_RE.sub("", column)
    return len(_bigrams(head) & _bigrams(phrase)) + 0.5 * len(_chars(head) & _chars(phrase))


def ask_bounds() -> str:
    """Where a phrase a 多少/几 asks of ends: punctuation, a space or a conjunction."""
    return rf"[\s，,。；;？?！!、]|{lexicon().pattern('conjunction')}"


def _asked_after(text: str, m: re.Match[str], bounds: str) -> str:
    """The words right after an asking word ``m``, up to the next bound, a measure word left out (多少根桩 -> 桩)."""
    after = re.split(bounds, text[m.end():], maxsplit=1)[0]
    return re.sub(f"^(?:{lexicon().pattern('count_unit')})", "", after)


def asked_measures(text: str, before: bool = True) -> list[str]:
    """What each 多少/几 of a question asks for (lexicon role ``ask_quantity``): the words right after it up to the
    next comma or conjunction, a measure word left out (多少根桩 -> 桩), else (``before``) its clause's words
    before it (充电桩有多少根 -> 充电桩有). One phrase per asking word."""
    bounds = ask_bounds()
    out = []
    for m in lexicon().regex("ask_quantity").finditer(text):
        after = _asked_after(text, m, bounds)
        if _chars(after):
            out.append(after)
        elif before:
            out.append(re.split(bounds, text[:m.start()])[-1])
    return out


def row_measures(text: str) -> list[str]:
    """The measures a question asks of one row, one phrase each: each 多少/几 with the words of its clause before
    it (新规划几座站 names 新规划, not the 站 every column of a table of stations counts; the clause runs back to the
    previous ask or punctuation), else, one ask or none for several things, the items the question lists
    (现状站、新规划、期末 三个数; 投资和床位各多少)."""
    bounds = ask_bounds()
    out, start = [], 0
    for m in lexicon().regex("ask_quantity").finditer(text):
        after = _asked_after(text, m, bounds)
        before = re.split(bounds, text[start:m.start()].rstrip())[-1]
        out.append(before + after)
        start = m.end() + len(after)
    if len([p for p in out if _chars(p)]) >= 2:
        return out
    return _listed(text)


def _listed(text: str) -> list[str]:
    """The items of the longest list a question writes (A、B和C), less the words that only ask."""
    lex = lexicon()
    asking = re.compile(f"(?:{lex.pattern('ask_quantity')})(?:{lex.pattern('count_unit')})?|{lex.pattern('question_word')}"
                        f"|{lex.pattern('each')}|{lex.pattern('each_adverb')}")
    best: list[str] = []
    for clause in re.split(r"[\s，,。；;？?！!]", text):
        items = [asking.sub("", i) for i in re.split(f"、|{lex.pattern('conjunction')}", clause)]
        items = [i for i in items if _chars(i)]
        if len(items) > len(best):
            best = items
    return best if len(best) >= 2 else []


def _counts_other(t: Table, phrases: list[str]) -> bool:
    """The thing counted right after 多少 (多少座充电站, 多少万辆) is nowhere in the table (title, headers, row
    names): its cells count something else (加油站, 座)."""
    own = _bigrams(" ".join((t.title, *t.columns, *(r.key for r in t.records))))
    return any(len(_chars(p)) >= 2 and not _bigrams(p) & own for p in phrases)


def _counted(text: str) -> list[str]:
    """The things counted right after each 多少 (多少座充电站 -> 充电站), less words that hedge the amount or ask
    (左右, 以内: lexicon role ``approx``; 呢: ``question_word``)."""
    lex = lexicon()
    hedge = re.compile(f"{lex.pattern('approx')}|{lex.pattern('question_word')}")
    return [hedge.sub("", p) for p in asked_measures(text, before=False)]


def _columns_asked(cell: Cell, measures: list[str]) -> list[str] | None:
    """Several measures asked of one row (多少充电站、多少根桩): the numeric column each phrase names most
    clearly, when each names a different one; None for a question asking one measure."""
    if len(measures) < 2:
        return None
    row = cell.row
    cols = [c for c, v in row.cells if v.strip() and v != row.key and row.value(c) is not None]
    picked: list[str] = []
    for phrase in measures:
        fits = sorted(((_measure_fit(c, phrase), c) for c in cols), reverse=True)
        if not fits or fits[0][0] <= 0 or (len(fits) > 1 and fits[0][0] == fits[1][0]):
            return None
        picked.append(fits[0][1])
    return picked if len(set(picked)) == len(picked) else None


def table_cell_answer(q: Question, docs: dict[str, Document], scope: tuple[str, ...],
                      place: str | None = None) -> Answer | None:
    """One cell named by row and column (or several columns of the row, one per measure asked); with ``place``
    (a place no plan is about), only a row keyed by it. No row named: the column named in full, read down."""
    rest = rest_answer(q, docs, scope) if place is None else None
    if rest is not None:
        return rest
    cells = find_cells(q, docs, scope, place)
    if not cells:
        return None if place else column_answer(q, docs, scope)
    best = cells[0]
    measures = row_measures(lexicon().regex("ask_total").sub(" ", to_halfwidth(q.resolved)))
    for c in cells:  # 一共有多少充电站、多少根桩: the best row of which each measure names a column
        columns = _columns_asked(c, measures)
        if columns is not None:
            return cells_answer(q, docs, [Cell(c.doc_id, c.table, c.row, col, c.score) for col in columns])
        if len(measures) < 2:
            break
    chosen = [best] + [c for c in cells[1:2] if c.score == best.score and c.table is not best.table
                       and c.row.cell(c.column) != best.row.cell(best.column)]  # two tables that disagree: both
    chosen += named_rows(cells, best)  # 万州和涪陵谁多: the other rows named, same column
    chosen += named_columns(cells, best, to_halfwidth(q.resolved))  # 换电站和充电桩各几: the other columns named, same row
    chosen += year_columns(best, q.years)  # 25年和30年分别是多少: the measure's other year asked, same row
    total = next((r for r in best.table.records if r.kind == "total" and r.cell(best.column).strip()), None)
    shares: list[Part] = []
    if part_share(to_halfwidth(q.resolved)):  # 换电站占多少: the row and the total, and the share stated or computed
        totals, shares = share_parts(docs, best)
        chosen += [c for c in totals if all(c.row is not o.row for o in chosen)]
    elif total is not None and best.row.kind != "total" and _total_asked_apart(to_halfwidth(q.resolved), best.row):
        chosen.append(Cell(best.doc_id, best.table, total, best.column, best.score))  # 公务车的呢，合计多少: both
    return cells_answer(q, docs, chosen, compare=q.compare, extra=shares)


def render_cells(q: Question, docs: dict[str, Document], chosen: list[Cell], compare: bool = False,
                 extra: list[Part] | None = None, by_row: bool = False) -> Answer:
    """One line per cell, citing its row (``by_row``: one line per row, its cells in order); ``extra`` parts (a
    share stated or computed) after them."""
    parts = []
    for cells in _row_runs(chosen) if by_row else [[c] for c in chosen]:
        c = cells[0]
        t, row = c.table, c.row
        group = f"{row.group} · " if row.group else ""
        said = "；".join(f"“{escape_md(x.column)}”为 **{cell_text(row.cell(x.column), _unit(x))}**"
                        for x in cells)
        line = (f"**{escape_md(doc_name(docs[c.doc_id]))}** {escape_md(_label(t))}中，“{escape_md(group + row.key)}”"
                f"一行{'：' if len(cells) > 1 else ''}{said}。")
        ev = Evidence(c.doc_id, t.heading_path + (t.title,), table_row_text(t, row), highlight=row.key)
        parts.append(Part(lines=[line], evidence=[ev]))
    most = _largest(chosen)
    if most is not None and compare:
        more = "更多" if len(chosen) == 2 else "最多"
        parts.append(Part(lines=[f"其中“{escape_md(most.row.key)}”{more}（{cell_text(most.row.cell(most.column))}）。"]))
    return render(q, parts + list(extra or ()), docs, False)


def blank_answer(q: Question, docs: dict[str, Document], cells: list[Cell]) -> Answer:
    """Cells asked that their table leaves empty (—, /, 无, nothing): a refusal saying so, their row shown as the
    closest passage. A blank mark is no figure: it is never written as one (—亿元)."""
    c = cells[0]
    t, row = c.table, c.row
    columns = "、".join(f"“{escape_md(x.column)}”" for x in cells)
    marks = {x.row.cell(x.column).strip() for x in cells} - {""}
    shown = "、".join(f"“{escape_md(m)}”" for m in sorted(marks))
    # a refusal cites nothing (its row is shown as the closest passage): what it names carries no figure, which
    # the number guard would drop with the line; a title with one (附件3, （2026—2028年）) is left unnamed
    label = "的表" if FIGURE_RE.search(_label(t)) else f" {escape_md(_label(t))}"
    message = (f"{escape_md(doc_name(docs[c.doc_id]))}{label}中“{escape_md(row.key)}”一行的{columns}{'一栏' if len(cells) == 1 else '各栏'}为空"
               f"{f'（表中填{shown}）' if shown else ''}，规划没有给出这一项。")
    ev = Evidence(c.doc_id, t.heading_path + (t.title,), table_row_text(t, row), highlight=row.key)
    return refuse(q, docs, message, [ev], reasons.BLANK_CELL)


def cells_answer(q: Question, docs: dict[str, Document], cells: list[Cell], **kw) -> Answer:
    """The cells asked, each row's in one line (``render_cells``); cells the table leaves empty are said to be
    empty, and when every one is, the answer is a refusal (``blank_answer``)."""
    filled = [c for c in cells if not is_blank(c.row.cell(c.column))]
    if not filled:
        return blank_answer(q, docs, cells)
    empty = [c for c in cells if c not in filled]
    extra = [Part(lines=[f"“{escape_md(c.row.key)}”一行的“{escape_md(c.column)}”一栏表中为空，规划没有给出。"])
             for c in empty]
    return render_cells(q, docs, filled, extra=[*extra, *kw.pop("extra", [])], **kw)


def _row_runs(cells: list[Cell]) -> list[list[Cell]]:
    """The cells in runs of one row each, in order."""
    runs: list[list[Cell]] = []
    for c in cells:
        if runs and runs[-1][0].row is c.row and runs[-1][0].table is c.table:
            runs[-1].append(c)
        else:
            runs.append([c])
    return runs


_FULL_HEADER = 4  # a column named without its row only by a header of at least this many characters, in full
_MAX_READ_DOWN = 12  # rows listed when a column named alone holds different values


def column_answer(q: Question, docs: dict[str, Document], scope: tuple[str, ...]) -> Answer | None:
    """"表3-1里新能源车折减系数取值多少": no row named, a column named by its whole header (unit left out), in a
    table the question names by number or by two of its title's words: the column read down its rows (one
    value when every row has the same, 均为). A table not named by number answers only with one value: rows
    holding different values answer a row the question names that the table lacks."""
    text = to_halfwidth(q.resolved)
    named = {table_number(m.group(0))[0] for m in TABLE_REF_RE.finditer(text)}
    found: list[tuple[int, str, Table, str]] = []
    for d in scope:
        for t in docs[d].tables:
            if t.indicator_rows or not t.records or (named and t.number not in named):
                continue
            for col in t.columns[1:]:
                head = BRACKET_RE.sub("", col).strip()
                if len(head) < _FULL_HEADER or head not in text:
                    continue
                rest = text.replace(head, " ")
                if not named and len(_bigrams(t.name or t.title) & _bigrams(rest)) < 2:
                    continue
                found.append((len(head), d, t, col))
    found.sort(key=lambda f: -f[0])
    if not found or (len(found) > 1 and found[1][0] == found[0][0]):
        return None  # no column named, or two equally
    _, d, t, col = found[0]
    rows = [r for r in t.records if r.cell(col).strip() and r.cell(col) != r.key and r.value(col) is not None]
    if not rows or len(rows) > _MAX_READ_DOWN:
        return None
    values = {r.cell(col) for r in rows}
    if not named and len(values) > 1:
        return None  # 北区规划期末有多少 names a row the table lacks: its rows' different values do not answer it
    unit = _unit(Cell(d, t, rows[0], col, 0.0))
    head = f"**{escape_md(doc_name(docs[d]))}** {escape_md(_label(t))}中，“{escape_md(col)}”一栏"
    if len(rows) > 1 and len(values) == 1:
        keys = "、".join(escape_md(r.key) for r in rows)
        line = f"{head}{keys}均为 **{cell_text(rows[0].cell(col), unit)}**。"
    else:
        listed = "，".join(f"“{escape_md(r.key)}”{cell_text(r.cell(col), unit)}" for r in rows)
        line = f"{head}：{listed}。"
    ev = Evidence(d, t.heading_path + (t.title,), "\n".join(table_row_text(t, r) for r in rows), highlight=rows[0].key)
    return render(q, [Part(lines=[line], evidence=[ev])], docs, False)


_MIN_EXTREME_FIT = 1.5  # a column an extreme is asked of: at least one shared two-character piece and a character


def _extreme_phrase(text: str, at: int) -> str:
    """The words an extreme is asked of: its clause up to the superlative (机动车涨得最猛 -> 机动车涨得)."""
    return re.split(r"[，,。；;？?！!、]", text[:at])[-1]


def _extreme_fit(column: str, phrase: str) -> float:
    """A header's fit to what an extreme is asked of; a rise asked (涨得最猛, lexicon role ``rise``) is a growth
    column's (增长率, role ``growth``)."""
    lex = lexicon()
    fit = _measure_fit(column, phrase)
    if lex.regex("rise").search(phrase) and lex.regex("growth").search(column):
        fit += 3.0
    return fit


def extreme_answer(q: Question, docs: dict[str, Document], scope: tuple[str, ...]) -> Answer | None:
    """"哪一年涨得最猛" / "哪个区最多、哪个最少": the row holding a column's largest (lexicon role ``extreme_max``)
    or smallest (``extreme_min``) value, with the value, over the data rows of the table whose column the words
    before the superlative name best. Columns named equally (增长率（全市） / 增长率（中心城区）): the one whose
    qualifier the question names, else the whole area's (全市), else each."""
    text = to_halfwidth(q.resolved)
    lex = lexicon()
    asks = sorted([(m.start(), role) for role in ("extreme_max", "extreme_min")
                   for m in lex.regex(role).finditer(text)])
    if not asks or not lex.regex("ask_which_row").search(text):
        return None
    phrase = _extreme_phrase(text, asks[0][0])
    named = {table_number(m.group(0))[0] for m in TABLE_REF_RE.finditer(text)}
    columns = [(d, t, col) for d in scope for t in docs[d].tables
               if not t.indicator_rows and t.records and (not named or t.number in named) for col in t.columns[1:]
               if sum(r.kind != "total" and r.value(col) is not None for r in t.records) >= 2]
    growth = [c for c in columns if lex.regex("growth").search(c[2])]
    if growth and lex.regex("rise").search(phrase):
        columns = growth  # 涨得最猛: a growth column, not the totals it grows from
    best: list[tuple[float, str, Table, str]] = []
    for d, t, col in columns:
        fit = _extreme_fit(col, phrase)
        if fit >= _MIN_EXTREME_FIT:
            best.append((fit + len(_bigrams(t.name or t.title) & _bigrams(text)) * 0.5, d, t, col))
    if not best:
        return None
    top = max(f for f, *_ in best)
    tied = [b for b in best if b[0] == top]
    if len({id(t) for _, _, t, _ in tied}) > 1:
        return None  # two tables fit alike: not clear which is asked
    tied = _qualified(tied, text) or tied
    parts = []
    for _, d, t, col in tied[:2]:
        rows = [r for r in t.records if r.kind != "total" and r.value(col) is not None]
        for _, role in dict.fromkeys(asks):
            pick = max if role == "extreme_max" else min
            value = pick(r.value(col) for r in rows)
            hit = [r for r in rows if r.value(col) == value]
            word = "最高" if role == "extreme_max" else "最低"
            cell = Cell(d, t, hit[0], col, 0.0)
            keys = "、".join(f"“{escape_md(r.key)}”" for r in hit)
            line = (f"**{escape_md(doc_name(docs[d]))}** {escape_md(_label(t))}中，“{escape_md(col)}”一栏{word}的是"
                    f"{keys}一行：**{cell_text(hit[0].cell(col), _unit(cell))}**。")
            ev = Evidence(d, t.heading_path + (t.title,), "\n".join(table_row_text(t, r) for r in hit),
                          highlight=hit[0].key)
            parts.append(Part(lines=[line], evidence=[ev]))
    return render(q, parts, docs, False)


def _qualified(tied: list[tuple[float, str, Table, str]], text: str) -> list[tuple[float, str, Table, str]]:
    """Of columns told apart only by a bracketed qualifier, those whose qualifier the question names, else those
    qualified by the whole area (全市: lexicon role ``whole_area``)."""
    def qualifier(col: str) -> str:
        return "".join(re.findall(r"[（(]([^（）()]*)[）)]", col))
    named = [b for b in tied if qualifier(b[3]) and qualifier(b[3]) in text]
    whole = lexicon().regex("whole_area")
    return named or [b for b in tied if whole.search(qualifier(b[3]))]


# a row named as clearly as the best one (within this much of its score) is asked too: 万州和涪陵 names two rows
_SIBLING_MARGIN = 1.0


def named_rows(cells: list[Cell], best: Cell) -> list[Cell]:
    """The other rows of the best cell's table that the question names as clearly, in the same column, each
    once: a question naming two places of one table (万州和涪陵，规划期末谁多) asks each one's cell."""
    out: list[Cell] = []
    for c in cells[1:]:
        if c.table is best.table and c.column == best.column and c.row is not best.row \
                and c.row.kind == best.row.kind and c.score >= best.score - _SIBLING_MARGIN \
                and all(c.row is not o.row for o in out):
            out.append(c)
    return out


def named_columns(cells: list[Cell], best: Cell, q: str) -> list[Cell]:
    """The other columns of the best cell's row that the question names by their whole header, as it names the
    best one's: a question naming two measures of one row (甲市的换电站和充电桩各几个) asks each one's cell."""
    if not _whole_header(best.column, q):
        return []
    out: list[Cell] = []
    for c in cells[1:]:
        if c.table is best.table and c.row is best.row and c.column != best.column \
                and _whole_header(c.column, q) and all(c.column != o.column for o in out):
            out.append(c)
    return out


def year_columns(best: Cell, years: tuple[str, ...]) -> list[Cell]:
    """The best cell's measure at the other years the question asks, in the same row: a header of a group over year
    columns (床位数（张）/2025年 | 床位数（张）/2030年) read at each year named (25年和30年分别是多少)."""
    year_of = {col: str(y) for col, y in best.table.years}
    if len(years) < 2 or year_of.get(best.column) not in years:
        return []
    stem = YEAR_RE.sub("", best.column)
    return [Cell(best.doc_id, best.table, best.row, col, best.score) for col in best.table.columns
            if col != best.column and year_of.get(col) in years and YEAR_RE.sub("", col) == stem]


def _largest(cells: list[Cell]) -> Cell | None:
    """Of several rows' cells in one column, the one with the largest value; None unless every cell is a number
    and one is strictly the largest."""
    if len(cells) < 2 or len({(c.table.title, c.column) for c in cells}) != 1:
        return None
    values = [c.row.value(c.column) for c in cells]
    if any(v is None for v in values):
        return None
    top = max(values)
    return cells[values.index(top)] if values.count(top) == 1 else None


MIN_LISTED_ROWS = 2  # a list of rows is asked only where at least this many rows are keyed by the thing asked
_CLEARLY = 0.5  # the column named must score this much above the next one
_MIN_ROWS_SCORE = 2.5  # column and table title together (no row is named: the rows are what is asked)


def _keyed_rows(t: Table, kind: str) -> int:
    """How many data rows of the table have keys ending with ``kind`` (区 for 渝中区, 江北区)."""
    return sum(r.kind != "total" and r.key.endswith(kind) for r in t.records)


def _asked_row_kind(text: str, tables: list[Table], fits=None) -> str | None:
    """What a "which rows" question asks for (在哪几个区 -> 区): the words right after its list word (lexicon
    role ``list``), cut to the longest ending that the keys of several data rows of a table end with (or that
    ``fits(table, kind)`` accepts)."""
    lex = lexicon()
    fits = fits or (lambda t, kind: _keyed_rows(t, kind) >= MIN_LISTED_ROWS)
    for m in lex.regex("list").finditer(text):
        after = re.match(rf"(?:{lex.pattern('count_unit')}|{lex.pattern('list_measure')})?([\u4e00-\u9fff]{{1,4}})",
                         text[m.end():])
        if not after:
            continue
        words = after.group(1)
        for n in range(len(words), 0, -1):
            kind = words[:n]
            if any(fits(t, kind) for t in tables):
                return kind
    return None


_QUOTED = 3.0  # a column whose total the question quotes (新增的13座在哪些区: the column totalling 13) is named


def _quoted_totals(t: Table, text: str) -> set[str]:
    """The columns whose total row holds a number the question quotes (a year is not a quoted total)."""
    quoted = {float(n) for n in QUANTITY_RE.findall(TABLE_REF_RE.sub(" ", text))}
    return {col for r in t.records if r.kind == "total" for col in t.columns
            if r.cell(col) != r.key and r.value(col) in quoted} if quoted else set()


def rows_answer(q: Question, docs: dict[str, Document], scope: tuple[str, ...], none: bool = False) -> Answer | None:
    """"新规划的有几座，在哪几个区": the rows of a table (keyed by the kind asked: 区) whose cell in the column the
    question names is a non-zero number, each with its value, and the table's total for that column. ``none``
    ("哪些区一座新规划的都没有", lexicon role ask_none): the rows whose cell is zero or empty instead."""
    text = to_halfwidth(q.resolved)
    if none and not lexicon().regex("ask_none").search(text):
        return None
    tables = [t for d in scope for t in docs[d].tables if not t.indicator_rows and t.records]
    kind = _asked_row_kind(text, tables)
    if kind is None:
        return None
    asked, asked_as = asked_unit(text), asked_kind(text)
    best: tuple[float, Table, str] | None = None
    for t in tables:
        keyed = [r for r in t.records if r.kind != "total" and r.key.endswith(kind)]
        if len(keyed) < MIN_LISTED_ROWS:
            continue
        fit = len(_bigrams(t.name or t.title) & _bigrams(text)) * 0.5
        totals = _quoted_totals(t, text)
        scored = sorted(((_column_score(t, col, text, q.years, asked, asked_as) + (_QUOTED if col in totals else 0.0),
                          col) for col in t.columns if not all(r.cell(col) == r.key for r in keyed)), reverse=True)
        if not scored or not (_named_column(t, scored[0][1], text, q.years) or scored[0][1] in totals) or (
                len(scored) > 1 and scored[0][0] - scored[1][0] < _CLEARLY):
            continue  # the column is not named, or not one more clearly than another
        if best is None or scored[0][0] + fit > best[0]:
            best = (scored[0][0] + fit, t, scored[0][1])
    if best is None or best[0] < _MIN_ROWS_SCORE:
        return None
    _, t, col = best
    rows = [r for r in t.records if r.kind != "total" and r.key.endswith(kind) and (r.value(col) or 0) > 0]
    if none:
        return _rows_without(q, docs, t, col, kind, rows)
    if not rows:
        return None
    unit = t.unit(col) or ""
    total = next((r for r in t.records if r.kind == "total" and (r.value(col) or 0) > 0), None)
    label = f"{t.number + ' ' if t.number else ''}{t.name or t.title}"
    listed = "、".join(f"{escape_md(r.key)}{cell_text(r.cell(col), unit)}" for r in rows)
    head = f"“{escape_md(total.key)}”共{cell_text(total.cell(col), unit)}，" if total else ""
    line = (f"**{escape_md(doc_name(docs[t.doc_id]))}** {escape_md(label)}中，“{escape_md(col)}”一栏{head}"
            f"分布在{len(rows)}个{escape_md(kind)}：{listed}。")
    cited = [*rows, *([total] if total else [])]
    ev = Evidence(t.doc_id, t.heading_path + (t.title,), "\n".join(table_row_text(t, r) for r in cited),
                  highlight=rows[0].key)
    return render(q, [Part(lines=[line], evidence=[ev])], docs, False)


_KINDS_NAMED = 2  # bigrams of a table's name the question must share to name a table of kinds without its label


def _key_column(t: Table) -> str:
    """The column the table's rows are keyed by (the one whose cell is the row's key), "" when none is."""
    first = next((r for r in t.records if r.kind != "total"), None)
    return next((c for c in t.columns if first and first.cell(c) == first.key), "")


def _kind_rows(t: Table, kind: str) -> list:
    """The rows of a table that are kinds of ``kind``: every data row when its key column names the kind (车辆类型
    for 车), else the rows keyed by it (公交车, 出租车 for 车); none when fewer than two."""
    every = kind in _key_column(t)
    keyed = [r for r in t.records if r.kind != "total" and (every or r.key.endswith(kind))]
    return keyed if len(keyed) >= MIN_LISTED_ROWS else []


def kinds_answer(q: Question, docs: dict[str, Document], scope: tuple[str, ...]) -> Answer | None:
    """"分析充电需求特点时分了哪几类车": the kinds a descriptive table (no figures) sets out, when the question
    names it by its title (or label): its rows keyed by the kind asked (公交车, 出租车, … end with 车), or every
    row when its key column names the kind (车辆类型), in the table's order (not counted: the plan states no
    count). A table with figures is left to ``rows_answer`` and the cells."""
    text = to_halfwidth(q.resolved)
    tables = [t for d in scope for t in docs[d].tables if not t.indicator_rows and t.records
              and all(v is None for r in t.records for _, v in r.values)]
    kind = _asked_row_kind(text, tables, lambda t, k: bool(_kind_rows(t, k)))
    if kind is None:
        return None
    named = [(len(_bigrams(t.name or t.title) & _bigrams(text)) + (_QUOTED if t.number and t.number in text else 0), t)
             for t in tables if _kind_rows(t, kind)]
    named = sorted((x for x in named if x[0] >= _KINDS_NAMED), key=lambda x: -x[0])
    if not named or (len(named) > 1 and named[1][0] == named[0][0]):
        return None  # no table named, or two named alike
    t = named[0][1]
    rows = _kind_rows(t, kind)
    label = f"{t.number + ' ' if t.number else ''}{t.name or t.title}"
    column = _key_column(t)
    by = f"按“{escape_md(column)}”" if column else ""
    line = (f"**{escape_md(doc_name(docs[t.doc_id]))}** {escape_md(label)}{by}分列："
            f"{'、'.join(escape_md(r.key) for r in rows)}。")
    ev = Evidence(t.doc_id, t.heading_path + (t.title,), "\n".join(table_row_text(t, r) for r in rows),
                  highlight=rows[0].key)
    return render(q, [Part(lines=[line], evidence=[ev])], docs, False)


def _rows_without(q: Question, docs: dict[str, Document], t: Table, col: str, kind: str, held: list) -> Answer | None:
    """The rows keyed by ``kind`` whose cell in ``col`` is zero or empty, when other rows hold a value there."""
    rows = [r for r in t.records if r.kind != "total" and r.key.endswith(kind) and r not in held]
    if not rows or not held:
        return None
    label = f"{t.number + ' ' if t.number else ''}{t.name or t.title}"
    listed = "、".join(escape_md(r.key) for r in rows)
    line = (f"**{escape_md(doc_name(docs[t.doc_id]))}** {escape_md(label)}中，“{escape_md(col)}”一栏为零或空的"
            f"{escape_md(kind)}：{listed}。")
    ev = Evidence(t.doc_id, t.heading_path + (t.title,), "\n".join(table_row_text(t, r) for r in rows),
                  highlight=rows[0].key)
    return render(q, [Part(lines=[line], evidence=[ev])], docs, False)


def note_answer(q: Question, docs: dict[str, Document], scope: tuple[str, ...], terms: list[str]) -> Answer | None:
    """A figure asked of a thing that no cell, column or title of a table holds, but that the table's note counts
    under one of its rows, while the question's other words name the table's measure (苍梧高新区…床位 under a
    per-district table whose 注 says 苍梧高新区医疗卫生资源纳入澜溪区统计): the note, cited with its table. None
    when the question names a row the table has, asks no figure, or no note places what it names under a row."""
    if q.intent not in ("indicator", "comparison"):
        return None
    parts = []
    for d in scope:
        indicators = " ".join(r.name for r in docs[d].indicators)
        for t in docs[d].tables:
            if not t.notes or not t.records:
                continue
            cells = " ".join(c for r in t.records for _, c in r.cells)
            own = " ".join((t.title, *t.columns, cells, indicators))
            named = [w for w in terms if len(w) >= 2 and w not in own and any(w in n for n in t.notes)]
            measure = [w for w in terms if len(w) >= 2 and (w in t.title or any(w in c for c in t.columns))]
            rows = [w for w in terms if len(w) >= 2 and w in cells]
            keys = [r.key for r in t.records if len(r.key) >= 2 and not is_data_cell(r.key)]
            note = next((n for n in t.notes if named and all(w in n for w in named) and any(k in n for k in keys)),
                        None)
            if note is None or not measure or rows:
                continue
            ev = Evidence(d, t.heading_path + (t.title,), table_text(t), highlight=note)
            said = NOTE_RE.sub("", note).strip()
            parts.append(Part(lines=[f"{escape_md(_label(t))}没有单列“{escape_md('、'.join(named))}”一行，表注："
                                     f"{escape_md(said)}"], evidence=[ev]))
    return render(q, parts[:1], docs, False) if len(parts) == 1 else None
