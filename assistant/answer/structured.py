"""Answers from structured records: indicator rows, goals, projects, boxes. Pure formatting and selection.

Each function returns a ``Part``: markdown lines plus the evidence they cite, so the composer can number
citations and the number guard can check every figure against the cited source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.index.chunk import indicator_source_text
from assistant.ingest.tables import extra_columns as table_extra_columns
from assistant.text.numbers import BLANK_CELLS, is_cumulative, marked_figure
from assistant.text.patterns import (
    AIM_YEAR_RE,
    ASK_CLAUSE_RE,
    CJK_GAP_RE,
    CLAUSE_RE,
    FIGURE_RE,
    HEADING_NUMBER_RE,
    NOTE_RE,
    STATED_YEAR_RE,
    YEAR,
)
from assistant.text.sentences import is_lead, sentences
from assistant.types import CELL_SEP, Document, Goal, IndicatorRow, Project, Table, YearValue

from .indicators import score_names
from .lexicon import lexicon
from .reasons import BLANK_CELL, NO_ATTRIBUTE, TABLE_YEAR
from .synonyms import present
from .terms import names_term, term_coverage


@dataclass
class Evidence:
    doc_id: str
    heading_path: tuple[str, ...]
    text: str
    score: float = 1.0
    highlight: str | None = None


@dataclass
class Part:
    lines: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    refused: bool = False  # the fact asked for is absent
    reason: str = ""  # then why: a code of assistant/answer/reasons.py
    rows: list[IndicatorRow] = field(default_factory=list)


def table_text(t: Table) -> str:
    """A table as a citation quotes it: its title, header, rows and notes, one line each."""
    lines = [t.title, CELL_SEP.join(t.header)] + [CELL_SEP.join(r) for r in t.rows] + list(t.notes)
    return "\n".join(lines)


def escape_md(text: str) -> str:
    """Plan text inside markdown: no links, images, emphasis or HTML."""
    text = text.replace("\\", "\\\\")
    text = re.sub(r"([\[\]()*_`#|<>!~])", r"\\\1", text)
    return text


_MD_MARK = re.compile(r"\\([\\\[\]()*_`#|<>!~])|\*\*")


def plain_text(markdown: str) -> str:
    """What :func:`escape_md` and ``**bold**`` wrote, as plain text: escapes undone, bold marks dropped."""
    return _MD_MARK.sub(lambda m: m.group(1) or "", markdown)


def fmt_num(x: float) -> str:
    s = f"{x:.4f}".rstrip("0").rstrip(".")
    return s if s != "-0" else "0"


def doc_name(doc: Document) -> str:
    return doc.meta.short_names[0] if doc.meta.short_names else doc.meta.title


def is_blank(raw: str | None) -> bool:
    """A table cell that gives nothing: empty, a blank mark (—, /) or a word saying so (无, 待定: lexicon role
    ``blank_cell``). It states no figure and no name; an answer says the table leaves it empty."""
    cell = (raw or "").strip()
    return not cell or cell in BLANK_CELLS or bool(lexicon().regex("blank_cell").fullmatch(cell))


CUMULATIVE_KIND = "五年累计数"  # what a marked cell ([45], 【10000】, 〔3000〕) is, as the tables' notes define it


def value_text(raw: str | None, unit: str | None) -> str:
    """A table cell with its unit, as an answer writes it. A five-year cumulative cell keeps its figure and unit
    together and says so in words, the mark as the table writes it after them: [45] of 亿美元 ->
    45亿美元（五年累计数，表中记作[45]）, so the figure reads as written and the asker need not know the mark."""
    if raw is None:
        return "（表中为空）"
    if is_blank(raw):
        return f"{escape_md(raw.strip())}（表中未填）"
    marked = marked_figure(raw)
    if marked is not None:
        figure, after, mark = marked
        return f"{escape_md(figure)}{escape_md(after or unit or '')}（{CUMULATIVE_KIND}，表中记作{escape_md(mark)}）"
    # a unit follows a figure (≥90 %, 〔300〕人), not a value written in words (力争每年降低0.5个百分点以上), and a
    # unit cell left blank (医护比's —) is no unit
    figure = bool(re.search(r"[\d\]】］〕)）]$", raw.strip()))
    u = unit if unit and figure and not is_blank(unit) and not raw.endswith(unit) else ""
    return f"{escape_md(raw)}{escape_md(u)}"


def cell_text(raw: str, unit: str = "") -> str:
    """A cell of any table followed by its column's unit: a five-year cumulative cell as :func:`value_text` writes
    it, any other as the table writes it."""
    return value_text(raw, unit) if marked_figure(raw) else f"{escape_md(raw)}{escape_md(unit)}"


def indicator_part(doc: Document, row: IndicatorRow, years: tuple[str, ...], wants: frozenset[str],
                   with_name: bool = True) -> Part:
    """One indicator, exactly as the table gives it; absent years or columns named as absent."""
    part = Part(rows=[row])
    table_years = [v.year for v in row.values] or [y for y in (row.baseline_year, row.target_year) if y]
    values = year_values(row)
    by_year = {v.year: v for v in values}
    label = f"**{escape_md(doc_name(doc))} · {escape_md(row.name)}**" if with_name else ""
    unit = f"（单位：{escape_md(row.unit)}）" if row.unit and not is_blank(row.unit) else ""
    asked_years = [y for y in years if y in by_year]
    missing_years = [y for y in years if y not in by_year]
    bits = []
    for v in values:
        tag = "年目标" if v.year == row.target_year else "年"
        bits.append(f"{v.year}{tag} {value_text(v.raw, row.unit)}")
    line = f"{label}{unit}：{'，'.join(bits)}"
    for head, cell in extra_columns(row):
        line += f"；{escape_md(head)}：{escape_md(cell)}"
    if row.attribute:
        line += f"；指标属性：{escape_md(row.attribute)}"
    part.lines.append(line + "。")
    blank = [y for y in asked_years if is_blank(by_year[y].raw)]
    if blank and len(blank) == len(asked_years) and not missing_years:  # 2025年基数 where the table writes —
        part.refused, part.reason = True, BLANK_CELL
        marks = "、".join(dict.fromkeys(f"“{escape_md(m)}”" for y in blank if (m := (by_year[y].raw or "").strip())))
        part.lines.insert(0, f"{escape_md(doc_name(doc))}的指标表中，{escape_md(row.name)}{'、'.join(blank)}年一栏为空"
                             f"{f'（表中填{marks}）' if marks else ''}，规划没有给出{'、'.join(blank)}年的数值：")
    if missing_years:
        absent = f"表中没有{'、'.join(missing_years)}年的数值（只列出{'、'.join(table_years)}年）。"
        if not asked_years:
            part.refused, part.reason = True, TABLE_YEAR
            part.lines.insert(0, f"所收录的规划没有给出{escape_md(row.name)}{'、'.join(missing_years)}年的数值，"
                                 f"{escape_md(doc_name(doc))}的指标表只列出{'、'.join(table_years)}年：")
        else:
            part.lines.append(absent)
    if "attribute" in wants and not row.attribute:
        part.lines.append("该表没有“指标属性”一栏，规划未说明此指标是预期性还是约束性。")
        part.refused, part.reason = True, NO_ATTRIBUTE
    if row.cumulative and row.note:
        part.lines.append(f"注：{escape_md(NOTE_RE.sub('', row.note.strip()).strip().strip('；;。'))}。")  # once 注：
    elif "cumulative" in wants and not row.cumulative:
        part.lines.append("该指标不是五年累计数（表中未加累计标记）。")
    base, target = by_year.get(row.baseline_year or ""), by_year.get(row.target_year or "")
    if base and target and base.value is not None and target.value is not None:
        u = row.unit or ""
        diff = target.value - base.value
        if "increase" in wants:
            part.lines.append(f"增加：{fmt_num(target.value)} − {fmt_num(base.value)} = {fmt_num(diff)}{escape_md(u)}。")
        if "growth" in wants and base.value:
            pct = diff / base.value * 100
            part.lines.append(f"增长：({fmt_num(target.value)} − {fmt_num(base.value)}) ÷ {fmt_num(base.value)} × 100% "
                              f"≈ {pct:.1f}%。")
    part.evidence.append(Evidence(doc.doc_id, row.heading_path + (row.table,), indicator_source_text(row),
                                  highlight=" | ".join(row.cells)))
    return part


def extra_columns(row: IndicatorRow) -> list[tuple[str, str]]:
    """Columns a table has beyond name, unit, years and attribute (年均增长（%）, 责任单位), with this row's cells."""
    return [(row.header[i].strip(), row.cells[i].strip()) for i in table_extra_columns(row.header)
            if i < len(row.cells) and row.header[i].strip() and row.cells[i].strip()
            and row.cells[i].strip() not in BLANK_CELLS]


def year_values(row: IndicatorRow) -> tuple[YearValue, ...]:
    """A row's values by year: its year columns, or the baseline and target of a two-year table."""
    return row.values or tuple(_pairs(row))


def _pairs(row: IndicatorRow):
    """Baseline and target of a two-year table as YearValues (tables with more years carry row.values)."""
    if row.baseline_year:
        yield YearValue(row.baseline_year, row.baseline_raw, row.baseline, is_cumulative(row.baseline_raw))
    if row.target_year:
        yield YearValue(row.target_year, row.target_raw, row.target, is_cumulative(row.target_raw))


def comparison_table(pairs: list[tuple[Document, IndicatorRow]]) -> Part:
    """Indicators of several plans side by side."""
    part = Part()
    years = sorted({y for _, r in pairs for y in (r.baseline_year, r.target_year) if y})
    part.lines.append("| 规划 | 指标 | 单位 | " + " | ".join(f"{y}年" for y in years) + " |")
    part.lines.append("|---|---|---|" + "---|" * len(years))
    for doc, r in pairs:
        vals = {r.baseline_year: r.baseline_raw, r.target_year: r.target_raw}
        cells = [value_text(vals[y], r.unit) if vals.get(y) else "—" for y in years]  # 20亿美元, as the plans write it
        part.lines.append(f"| {escape_md(doc_name(doc))} | {escape_md(r.name)} | {escape_md(r.unit or '—')} | "
                          + " | ".join(cells) + " |")
        part.rows.append(r)
        part.evidence.append(Evidence(doc.doc_id, r.heading_path + (r.table,), indicator_source_text(r),
                                      highlight=" | ".join(r.cells)))
    notes = {r.note for _, r in pairs if r.cumulative and r.note}
    for n in sorted(notes):
        part.lines.append(f"\n注：{escape_md(n.replace('备注：', '').strip('；;。'))}。")
    return part


def goal_years(goal: Goal) -> set[str]:
    """The years a goal sets aims for: its own, and those a later clause of it names (到2025年，A达到100万千瓦，
    到2030年，A达到150万千瓦 answers for 2030 too)."""
    return {goal.year, *(y for m in AIM_YEAR_RE.finditer(goal.text) for y in re.findall(YEAR, m.group(0)))}


NAMED_LEAD = 0.25  # a goal led by a short title sentence naming the key terms (——基层基础持续夯实。)
NAMED_HEADING = 0.25  # a goal under the heading the question names (总体目标), of goals naming as much


def goal_score(goal: Goal, question: str, years: tuple[str, ...], terms: list[str], weight=None,
               title: str = "") -> float:
    """1 for the asked year plus the (weighted) share of key terms the goal states (across a PDF's wrapped
    lines: 充 电站), a little for a heading the question names, and a tie-breaking touch for each word the
    question and the goal both write whole that the tokenizer split (``ADJACENT``), unless the plan's ``title``
    writes it (达峰试点 of 碳达峰试点 names the plan, not what is asked)."""
    weight = weight or (lambda t: min(len(t), 4))
    s = 0.0
    if years and goal_years(goal) & set(years):
        s += 1.0
    elif years:
        return 0.0
    total = sum(weight(t) for t in terms)
    heading = HEADING_NUMBER_RE.sub("", goal.heading_path[-1]).strip() if goal.heading_path else ""
    hay = CJK_GAP_RE.sub("", goal.text + " " + heading)  # a sub-goal's heading names its field
    if total:
        s += sum(weight(t) for t in terms if present(t, hay)) / total
    if len(heading) >= 2 and heading in question:
        s += NAMED_HEADING
    return s + ADJACENT * sum(1 for a, b in zip(terms, terms[1:], strict=False)
                              if a + b in question and a + b in hay and a + b not in title)


# two key terms the question writes as one word (充换 + 电站 of 充换电站, split by the tokenizer) that a goal writes
# as one word too: it breaks a tie with a goal holding them apart (充换电基础设施 … 充电站)
ADJACENT = 0.01


def lead_named(goal: Goal, terms: list[str], weight=None) -> float:
    """The weighted share of ``terms`` the goal's short title sentence names (——基层基础持续夯实。…), 0 for a
    goal with no such lead: a goal titled by what is asked ranks over one naming it among many."""
    weight = weight or (lambda t: min(len(t), 4))
    total = sum(weight(t) for t in terms)
    lead = sentences(goal.text)[0].strip() if goal.text else ""
    if not total or not is_lead(lead) or lead == goal.text.strip() or re.search(r"\d", lead):
        return 0.0  # a title states no figure (到2030年，光伏装机达240万千瓦。 is a goal, not its title)
    return sum(weight(t) for t in terms if present(t, CJK_GAP_RE.sub("", lead))) / total


MEASURE_CLAUSE = 0.75  # of the key terms a goal holds, the weighted share one of its clauses must hold to state them


def measure_clauses(goal: Goal, terms: list[str], weight=None) -> int:
    """How many of the goal's clauses state a figure of what is asked: a clause holding ``MEASURE_CLAUSE`` of the
    key terms the goal holds, and a figure. Of two goals naming as much, "禾阳市、南塘市城市防洪标准达到200年一遇，
    其他设区市…达到100年一遇" states the measure for more of what it covers than a goal list naming it once."""
    held = [t for t in terms if present(t, goal.text)]
    if not held:
        return 0
    return sum(1 for m in CLAUSE_RE.finditer(goal.text)
               if term_coverage(held, m.group(0), weight) >= MEASURE_CLAUSE
               and FIGURE_RE.search(STATED_YEAR_RE.sub(" ", m.group(0))))


def best_sentences_of_goal(goal: Goal, limit: int = 260, focus: str = "") -> str:
    """The goal's text, cut at a sentence end; with ``focus`` (the measure a number question asks), the
    sentences that name it, when the whole is too long to show."""
    text = goal.text
    if len(text) <= limit:
        return text
    if focus:
        named = [s for s in sentences(text) if names_term(focus, s)]
        if named and len("".join(named)) <= limit:
            return "".join(s.strip() for s in named)
    cut = max(text.rfind(p, 0, limit) for p in "。；")
    return text[: cut + 1] if cut > 40 else text[:limit] + "……"


def goal_part(doc: Document, goal: Goal, source_text: str, focus: str = "", before: tuple[str, ...] = (),
              after: tuple[str, ...] = ()) -> Part:
    """A goal quoted under its plan's name; ``before`` / ``after``: the sentences of its paragraph stating the same
    measure for another period (“十四五”期间累计新增…；到2030年…), quoted in their places around it."""
    part = Part()
    text = "".join((*before, best_sentences_of_goal(goal, focus=focus), *after))
    part.lines.append(f"**{escape_md(doc_name(doc))}**：{escape_md(text)}")
    part.evidence.append(Evidence(doc.doc_id, goal.heading_path, source_text, highlight=goal.text[:80]))
    return part


def project_matches(projects: list[Project], question: str, min_score: float = 0.6) -> list[tuple[float, Project]]:
    scores = score_names([p.name for p in projects], question)
    scored = [(scores[p.name], p) for p in projects if scores.get(p.name, 0.0) >= min_score]
    scored.sort(key=lambda x: (-x[0], len(x[1].name)))
    return scored


def project_part(doc: Document, p: Project, limit: int = 240) -> Part:
    part = Part()
    desc = p.description
    body = re.sub(r"^\s*(\d{1,2}[.．、]|[（(]\d{1,2}[）)])\s*", "", desc)
    if len(body) > limit:
        cut = max(body.rfind(c, 0, limit) for c in "。；")
        body = body[: cut + 1] if cut > 40 else body[:limit] + "……"
    part.lines.append(f"**{escape_md(p.name)}**（{escape_md(doc_name(doc))}，{escape_md(p.box)}）："
                      f"{escape_md(body[len(p.name):].lstrip('：:。') if body.startswith(p.name) else body)}")
    # the box or table the project sits in is where it is cited from (its title's 表2 / 专栏3 is then sourced)
    path = p.heading_path if not p.box or any(p.box in h for h in p.heading_path) else (*p.heading_path, p.box)
    part.evidence.append(Evidence(doc.doc_id, tuple(path), desc, highlight=desc[:80]))
    return part


def box_list_part(doc: Document, box_title: str, projects: list[Project]) -> Part:
    # a sentence the box runs on into (…实行“建设一所”，新建普通高中…) is no item of it
    named = [p for p in projects if len(ASK_CLAUSE_RE.findall(p.name)) == 1]
    if len(named) >= 2 and 2 * len(named) > len(projects):
        projects = named
    part = Part()
    part.lines.append(f"{escape_md(doc_name(doc))}《{escape_md(box_title)}》列出的项目：")
    for i, p in enumerate(projects, 1):
        part.lines.append(f"{i}. {escape_md(p.name)}")
    if projects:
        part.evidence.append(Evidence(doc.doc_id, projects[0].heading_path,
                                      "\n".join(p.description for p in projects), highlight=None))
    return part

