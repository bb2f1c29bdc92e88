"""Number answers: indicator rows (named, or in other words via retrieval), whole indicator tables, and goals
in running text. Pure."""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant.answer.sections import NUM_PREFIX_RE
from assistant.index.chunk import indicator_source_text
from assistant.text.patterns import QUANTITY_RE, STATED_YEAR_RE
from assistant.text.sentences import sentences
from assistant.types import Answer, Document, Hit, IndicatorRow

from .extract import hit_evidence
from .figure_kind import kind_claim, written_values
from .indicators import (
    QUALIFIER_RE,
    Match,
    best_per_doc,
    common_pieces,
    core_name,
    match_rows,
    name_score,
    other_qualifier,
)
from .lexicon import lexicon
from .quantity import several_values, unit_kind
from .reasons import ABSENT_GOAL_YEAR, ABSENT_INDICATOR, NO_ATTRIBUTE
from .render import refuse, render
from .scope import plan_period
from .structured import (
    NAMED_LEAD,
    Evidence,
    Part,
    cell_text,
    comparison_table,
    doc_name,
    escape_md,
    fmt_num,
    goal_part,
    goal_score,
    goal_years,
    indicator_part,
    lead_named,
    measure_clauses,
    table_text,
    year_values,
)
from .synonyms import abbreviates, gapped, present
from .terms import char_bigrams, masked_question, plain, term_coverage
from .understand import _PRONOUN_RE, Question

_PER_YEAR_RE = lexicon().regex("per_year_statement")


def asks_per_year(question: str) -> bool:
    """每年/年均 asked, or the plans' own per-year wording (年实际利用外资呢, 年新增多少)."""
    return bool(lexicon().regex("ask_per_year").search(question) or _PER_YEAR_RE.search(question))


def _text_support(q: Question, row, hits: list[Hit]) -> Part | None:
    """A running-text sentence that states the same measure per year (年均/每年), when the question asks so; the
    measure may be written with a short insertion (外资企业 as 外商投资企业)."""
    if not asks_per_year(q.resolved):
        return None
    core = core_name(row.name)
    for h in hits:
        if h.chunk.doc_id != row.doc_id or h.chunk.kind == "indicator":
            continue
        for sent in sentences(h.chunk.text):
            if (core in sent or gapped(core, sent)) and _PER_YEAR_RE.search(sent) and re.search(r"\d", sent):
                ev = hit_evidence(h)
                ev.highlight = sent
                return Part(lines=[f"规划正文：{escape_md(sent.strip())}"], evidence=[ev])
    return None


_ASPECT_WORD_RE = lexicon().regex("row_aspect")


_SUM_RE = lexicon().regex("ask_sum")


def _sum_line(rows, q: Question) -> str | None:
    """"两家目标加一块有多少": the targets added up, with the sum shown, when every row gives one in the same unit."""
    if not _SUM_RE.search(q.resolved) or len({r.unit for r in rows}) != 1 or any(r.target is None for r in rows):
        return None
    total = sum(r.target for r in rows)
    terms = " + ".join(fmt_num(r.target) for r in rows)
    return f"合计（{rows[0].target_year}年目标）：{terms} = {fmt_num(total)}{escape_md(rows[0].unit or '')}。"


def _rows_from_hits(hits, rows, scope, terms: list[str], weight=None, placeless: bool = False) -> list:
    """An indicator named in other words (出口退税要压缩到几个工作日 -> 出口退税时间（工作日）): among the rows
    retrieval ranks in its top five, per plan the one whose name and unit hold the largest fair share of the
    key terms: at least two of them, or, in a question naming no place (``placeless``), the row's whole name as one
    term heavier than every term the row leaves out (耕地保有量这个指标啥属性: the corpus dictionary keeps a row's
    name whole; not 重庆全市…外贸进出口总额, another area's, nor 服务贸易企业…多少家 by the row 服务贸易额)."""
    w = weight or len
    terms = [t for t in terms if not _ASPECT_WORD_RE.fullmatch(t)]  # 约束性, 指标: what is asked of the row
    if not terms:
        return []
    best: dict[str, Match] = {}
    for h in hits[:5]:
        if h.chunk.kind != "indicator" or h.chunk.doc_id not in scope:
            continue
        row = next((r for r in rows if r.doc_id == h.chunk.doc_id and indicator_source_text(r) == h.chunk.text), None)
        if row is None:
            continue
        names = f"{row.name} {row.unit or ''}"
        cov = term_coverage(terms, names, weight)  # the asker's own words already weigh little
        held = [t for t in terms if present(t, names) or any(g in names for g in char_bigrams(t)) or abbreviates(t, names)]
        d = row.doc_id
        enough = len(held) >= min(2, len(terms)) or (placeless and row.name in terms and all(
            w(row.name) > w(u) for u in terms if u not in held))
        if cov >= 0.3 and enough and not _outweighed(terms, held, row.name, weight) and (d not in best or cov > best[d].score):
            best[d] = Match(row, cov)
    return sorted(best.values(), key=lambda m: -m.score)


def _outweighed(terms: list[str], held: list[str], name: str, weight=None) -> bool:
    """The row names a measure of its own that the question does not ask (持证上岗率 beyond 养老护理员), and a term
    the row leaves out weighs more, as said (``TermWeights.said``: the asker's own wording little, a thing no plan
    writes in full), than all the terms it holds together: the question asks another measure of the same subject
    (养老护理员平均工资, 年收入 answered by 养老护理员持证上岗率). What is asked of a row (五年累计) is left aside."""
    said = getattr(weight, "said", None) or weight or len
    own = name
    for t in held:
        own = own.replace(t, "")
    if len(plain(own)) < 2:
        return False
    left = [t for t in terms if t not in held and not _ASPECT_WORD_RE.search(t)]  # 五年累计: asked of the row
    return max(map(said, left), default=0.0) > sum(map(said, held))


def _rows_by_table_words(text: str, docs: dict[str, Document], scope, min_score: float) -> list[Match]:
    """A row named in full together with words of its table's title, note or heading (按弹性系数法…电动汽车保有量预测
    -> 表2-1 注：采用弹性系数法, or 表2-1 under （1）弹性系数法; row 电动汽车保有量): those words say which table,
    not what is measured, so they do not count against the row. Rows of a table whose words the question does not
    use are not found here."""
    found: list[Match] = []
    for d in scope:
        for t in docs[d].tables:
            about = " ".join((t.title, *t.notes, *t.heading_path[-1:]))  # …or the heading it sits under
            for r in t.indicators:
                core = core_name(r.name)
                if len(core) < 2 or core not in text:
                    continue
                rest = text.replace(core, "\0")
                places = [m.group(0) for m in QUALIFIER_RE.finditer(rest)]  # 两江新区 is no table word
                pieces = [p for p in common_pieces(rest, about) if "\0" not in p and not any(p in x for x in places)]
                if not pieces:
                    continue
                for piece in pieces:
                    rest = rest.replace(piece, "")
                score = name_score(r.name, rest.replace("\0", core))
                if score >= min_score:
                    found.append(Match(r, score))
    found.sort(key=lambda m: -m.score)
    return found


def _totals_of(matches: list[Match], rows) -> list[Match]:
    """A total asked (总投资, 合计多少): each matched row of a table with one total row (合计) stands for that
    row, not for one of its parts (充电桩 of 充电桩 / 充电站 / 换电站 / 合计)."""
    total_re = lexicon().regex("table_total")
    out: list[Match] = []
    for m in matches:
        totals = [r for r in rows if r.doc_id == m.row.doc_id and r.table == m.row.table
                  and total_re.fullmatch(core_name(r.name))]
        row = totals[0] if len(totals) == 1 and not total_re.search(m.row.name) else m.row
        if all(x.row is not row for x in out):
            out.append(Match(row, m.score))
    return out


def same_measure(a: IndicatorRow, b: IndicatorRow) -> bool:
    """Two rows name one measure in other words: their names alike once a generic tail is off (外资企业 counted in
    个 and 外资企业数 in 家: the count of foreign firms both), their units of one kind (or one unit)."""
    kinds = unit_kind(a.unit), unit_kind(b.unit)
    return core_name(a.name) == core_name(b.name) and (kinds[0] == kinds[1] if kinds[0] or kinds[1] else a.unit == b.unit)


def indicator_answer(q: Question, docs: dict[str, Document], scope: tuple[str, ...], hits=(),
                      weight=None, min_score: float = 0.6, terms=None) -> Answer | None:
    all_rows = [r for d in docs.values() for r in d.indicators]
    text = masked_question(q, [d.meta for d in docs.values()])
    in_scope = (match_rows(text, [r for r in all_rows if r.doc_id in scope], min_score=min_score)
                or _rows_holding_figure(q, text, [r for r in all_rows if r.doc_id in scope]))
    if not in_scope and min_score > 0.6:
        return None
    elsewhere = match_rows(text, [r for r in all_rows if r.doc_id not in scope]) if q.docs else []
    # the other plan has the indicator by (nearly) this very name, this plan only a look-alike
    # (外贸进出口企业数 asked of 渝中, whose table has 外贸进出口额): not in this plan's table
    shadowed = bool(in_scope and elsewhere and elsewhere[0].score >= 0.9
                    and elsewhere[0].score - in_scope[0].score >= 0.1
                    and not same_measure(in_scope[0].row, elsewhere[0].row))
    if not in_scope or shadowed:
        if q.docs and elsewhere and elsewhere[0].score >= 0.75:
            m = elsewhere[0]
            names = "、".join(f"《{docs[d].meta.title}》" for d in scope)
            msg = (f"所收录的{names}的指标表中没有“{escape_md(m.row.name)}”这一指标；"
                   f"该指标见于《{docs[m.row.doc_id].meta.title}》（仅供参考，见“可能相关”）。")
            return render(q, [], docs, True, [Evidence(m.row.doc_id, m.row.heading_path + (m.row.table,),
                                                       indicator_source_text(m.row))], intro=msg,
                          reason=ABSENT_INDICATOR)
        in_scope = (_rows_by_table_words(text, docs, scope, min_score)
                    or _rows_from_hits(hits, all_rows, scope, terms or [], weight,
                                       placeless=not (q.local_places or q.foreign_places)))
        in_scope = [m for m in in_scope if not other_qualifier(m.row.name, text)]  # 60岁以上: not the 65岁 row
        if not in_scope:
            return None
    if lexicon().regex("ask_total").search(q.resolved):
        in_scope = _totals_of(in_scope, all_rows)
    per_doc = best_per_doc(in_scope)
    if q.compare and len(per_doc) >= 2:
        pairs = [(docs[m.row.doc_id], m.row) for m in per_doc.values()]
        part = comparison_table(pairs)
        total = _sum_line([r for _, r in pairs], q)
        if total:
            part.lines.append(total)
        return render(q, [part], docs, False, long_ok=True)
    parts = []
    for doc_id in scope:
        ms = [m for m in in_scope if m.row.doc_id == doc_id][:2]
        for m in ms:
            row_part = indicator_part(docs[doc_id], m.row, q.years, q.wants)
            support = _text_support(q, m.row, list(hits))
            if support is None:
                parts.append(row_part)
            elif _PER_YEAR_RE.search(m.row.name):
                parts.extend((row_part, support))
            else:  # 每年多少 of a row of levels or five-year sums: the sentence stating the yearly figure first
                parts.extend((support, row_part))
    refused = all(p.refused for p in parts)
    missing = [d for d in (q.docs or ()) if d not in per_doc]
    intro = None
    if missing:
        intro = "；".join(f"《{docs[d].meta.title}》的指标表中没有这一指标" for d in missing) + "。"
    return render(q, parts, docs, refused, intro=intro, long_ok=len(parts) > 1)


FIGURE_ROW_SCORE = 0.4  # the name match a row holding the figure a kind check writes needs (its figure and asking
# words leave the name's share of the question short of MIN_SCORE: 新增注册企业写的10000，是一年的吗)


def _rows_holding_figure(q: Question, text: str, rows: list[IndicatorRow]) -> list:
    """A check of a figure's kind quoting the figure ("新增注册企业写的10000，是一年的吗"): the rows holding it whose
    name the question names in part; none for any other question."""
    stated = q.claim.stated if q.claim else q.text  # a claim is asked with its figures taken out: they are checked
    if not kind_claim(stated, claimed=q.claim is not None):
        return []
    written = written_values(stated)
    held = [r for r in rows if any(v.value in written for v in year_values(r) if v.value is not None)]
    return match_rows(text, held, min_score=FIGURE_ROW_SCORE) if held else []


_TABLE_Q_RE = lexicon().regex("ask_indicator_table")


def table_answer(q: Question, docs, scope) -> Answer | None:
    """Questions about an indicator table as a whole: which indicators, how many, which are 约束性."""
    if not _TABLE_Q_RE.search(q.resolved) or (q.is_followup and _PRONOUN_RE.match(q.text)):
        return None  # "这个算约束性指标吗" asks about the indicator just discussed, not the table
    if kind_claim(q.text):
        return None  # "指标表里…写的10000，是一年的量吗" asks what kind one figure is, not about the table
    if lexicon().regex("ask_how_many").search(lexicon().regex("count_of_indicators").sub("", q.resolved)):  # 指标表里…有多少人
        return None
    parts = []
    for d in scope:
        for t in docs[d].tables:
            if not t.indicators:
                continue
            rows = list(t.indicators)
            part = Part()
            head = f"**{escape_md(doc_name(docs[d]))} · {escape_md(t.title)}**"
            attr = lexicon().regex("indicator_attribute").search(q.resolved)
            cats = [c for c in dict.fromkeys(r.category for r in rows if r.category)
                    if NUM_PREFIX_RE.sub("", c) and NUM_PREFIX_RE.sub("", c) in q.resolved]
            if cats and not attr:  # "开放平台方面的指标": the rows of that category
                sel = [r for r in rows if r.category in cats]
                part.lines.append(f"{head}中“{escape_md('、'.join(cats))}”类指标：" + "、".join(
                    f"{escape_md(r.name)}（{cell_text(r.baseline_raw or '—')} → {cell_text(r.target_raw or '—', r.unit or '')}）"
                    for r in sel) + "。")
            elif attr:
                want = attr.group(0)
                has_col = any(r.attribute for r in rows)
                if not has_col:
                    part.lines.append(f"{head}：该表没有“指标属性”一栏，未区分预期性和约束性。")
                    part.refused, part.reason = True, NO_ATTRIBUTE
                else:
                    sel = [r for r in rows if r.attribute == want]
                    others = sorted({r.attribute for r in rows if r.attribute and r.attribute != want})
                    if sel:
                        part.lines.append(f"{head}中的{want}指标：" + "、".join(escape_md(r.name) for r in sel) + "。")
                    else:
                        part.lines.append(f"{head}中没有{want}指标，各项指标均为{'、'.join(others)}。")
            else:
                cats = list(dict.fromkeys(r.category for r in rows if r.category))
                last = rows[-1].seq
                line = f"{head}共列 {escape_md(last)} 项指标" if last and last.isdigit() else f"{head}列出的指标"
                if cats:
                    line += "，分为" + "、".join(escape_md(c) for c in cats)
                part.lines.append(line + "：" + "、".join(escape_md(r.name) for r in rows) + "。")
            part.evidence.append(Evidence(d, t.indicators[0].heading_path + (t.title,), table_text(t)))
            parts.append(part)
    if not parts:
        return None
    return render(q, parts, docs, all(p.refused for p in parts), long_ok=True)


def _ahead(g, doc: Document) -> bool:
    """A goal lies in or after the plan's own period: "增加到2020年底的10万余吨" in a 2021–2025 plan is a state
    reached before the plan, which the text handlers answer as a fact, not a goal (unless what stands today is
    asked: see ``status_before``)."""
    own = plan_period(doc.meta.title)
    return own is None or not g.year.isdigit() or int(g.year) >= own[0]


def _other_whole(g, question: str, own: frozenset[str]) -> bool:
    """The question asks the plan's own whole (全市) and the goal speaks of another whole (全县) only."""
    whole = lexicon().regex("whole_area")
    asked = set(whole.findall(question)) & own
    said = set(whole.findall(g.text))
    return bool(asked) and bool(said) and not said & asked


TARGET_YEAR_PREFERENCE = 0.2  # no year asked: of goals naming as much, the one for the plan's own target year
GOAL_SECTION_PREFERENCE = 0.2  # no topic asked: of a year's goals, one stated under a goal heading (总体目标)


def goal_answer(q: Question, docs: dict[str, Document], scope, terms, weight=None, measure: str = "",
                target_years: Mapping[str, str] | None = None,
                status_before: Mapping[str, int] | None = None,
                wholes: Mapping[str, frozenset[str]] | None = None) -> Answer | None:
    """Goals in running text for the asked year. A goal whose year lies outside a period the question names
    (十四五 -> 2021–2025) does not answer it (the text or a table may: the caller tries them). ``measure``: for a
    number question, the measure asked; of a long goal, the sentences naming it are shown. A year no goal is set
    for is refused, naming the years the plans set goals for. ``target_years``: each plan's own last year, which
    applies when the question writes no year (a 2024—2025 plan's aim is its 2025 one, not its 2024 milestone).
    ``status_before``: for a question about what stands today (已建成, 现有), each plan's first year: only the
    statements of years before it (截至2024年底…) answer, not its aims. ``wholes``: each plan's own whole-area
    words (全市 of a city's plan): a question asking the plan's whole is not answered by a goal of a smaller whole
    (到2025年全县… quoted in a city's plan speaks of one county)."""
    in_period = [g for d in scope for g in docs[d].goals
                 if q.period is None or (g.year.isdigit() and q.period[0] <= int(g.year) <= q.period[1])]
    if status_before is not None:
        in_period = [g for g in in_period if g.year.isdigit() and g.doc_id in status_before
                     and int(g.year) < status_before[g.doc_id]]
    else:
        in_period = [g for g in in_period if _ahead(g, docs[g.doc_id])]
    if wholes:
        in_period = [g for g in in_period if not _other_whole(g, q.resolved, wholes.get(g.doc_id, frozenset()))]
    goals = [(goal_score(g, q.resolved, q.years, terms, weight, docs[g.doc_id].meta.title), g) for g in in_period]
    known_years = sorted({y for d in scope for g in docs[d].goals for y in goal_years(g)})
    asked = [y for y in q.years if y not in ("2020", "2021")]
    if asked and not any(y in known_years for y in asked):
        msg = (f"所收录的规划中没有{'、'.join(asked)}年的目标"
               f"（规划给出的是{'、'.join(known_years)}年的目标）。")
        return refuse(q, docs, msg, [], ABSENT_GOAL_YEAR)
    goals = [(s, g) for s, g in goals if s >= (1.0 if q.years else 0.5) and term_coverage(terms, g.text, weight) >= 0.45]
    if not terms:  # the plan's goal for the year as a whole: its goal section's statement, not a task's figure
        goal_head = lexicon().regex("goal")
        goals = [(s + (GOAL_SECTION_PREFERENCE if g.heading_path and goal_head.search(g.heading_path[-1]) else 0.0), g)
                 for s, g in goals]
    own = target_years or {}
    if not q.years and own:
        goals = [(s + (TARGET_YEAR_PREFERENCE if own.get(g.doc_id) == g.year else 0.0), g) for s, g in goals]
    if not goals:
        return None
    # of goals scored alike, one titled by a key term that is not the plan's own subject (基层 of an 应急 plan; not
    # 数字经济 of a 数字经济 plan, whose every bullet names it) comes first; the score alone admits a goal
    own = {d: [t for t in terms if not present(t, docs[d].meta.title)] for d in scope}
    goals.sort(key=lambda x: -(x[0] + NAMED_LEAD * lead_named(x[1], own.get(x[1].doc_id, []), weight)))
    best = max(s for s, _ in goals)
    parts = []
    shown: set[tuple[str, str]] = set()
    asked_years = set(q.years) if len(set(q.years)) > 1 else set()
    several = several_values(q.resolved)
    for s, g in goals:
        # one goal per plan; per plan and asked year when several years are asked (到2024年底…，2025年呢); each
        # goal scored as high when the values of several things are asked (要降的几个指标分别是多少)
        keys = {(g.doc_id, y) for y in goal_years(g) & asked_years} or {(g.doc_id, g.text if several else "")}
        if s < best * 0.75 or keys <= shown:
            continue
        shown |= keys
        doc = docs[g.doc_id]
        para = _paragraph(doc, g)
        before, after = other_periods(para, g.text, terms, weight) if not q.years and q.period is None \
            and status_before is None else ((), ())
        parts.append(goal_part(doc, g, para, measure, before, after))
        fuller = _fuller_goal(goals, s, g, terms, weight) if measure else None
        if fuller is not None:
            parts.append(goal_part(doc, fuller, _paragraph(doc, fuller), measure))
    return render(q, parts, docs, False, long_ok=len(parts) > 1 or bool(before or after))


def _paragraph(doc: Document, g) -> str:
    """The paragraph a goal was read from (its text when not found)."""
    return next((p.text for sec in doc.sections if sec.id == g.section_id for p in sec.paragraphs
                 if p.lineno == g.lineno and g.text[:10] in p.text), g.text)


def _fuller_goal(goals, score: float, g, terms: list[str], weight=None):
    """For a figure asked, another goal of the same plan, scored as high, that states the figure ``g`` states in
    more clauses: a goal list's "青川市、云台市…收集率达到80%" is said with its section's "…80%，其他设区市…达到
    70%". None when ``g`` states no such figure (another goal's figure is not more of it) or no goal says more."""
    mine = measure_clauses(g, terms, weight)
    return next((h for t, h in goals if mine and h is not g and h.doc_id == g.doc_id and t >= score
                 and measure_clauses(h, terms, weight) > mine), None)


def other_periods(para: str, goal_text: str, terms: list[str], weight=None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The sentences of a goal's paragraph that state the goal's measure for another period, before and after the
    goal: a figure, a time (a year, 十四五, 期间) and the question's key terms as fully as the goal holds them. With
    no year asked, every target stated is quoted, each with its own year (“十四五”期间累计新增光伏装机150万千瓦；
    到2030年光伏装机达240万千瓦 for 光伏装机目标), not only the plan's last one."""
    at = para.find(goal_text[:10])
    if at < 0 or not terms:
        return (), ()
    need = max(0.45, term_coverage(terms, goal_text, weight))
    timed = re.compile(f"{STATED_YEAR_RE.pattern}|{lexicon().pattern('five_year_plan')}|{lexicon().pattern('period_whole')}")
    before, after, pos = [], [], 0
    for s in sentences(para):
        i = para.find(s, pos)
        pos = max(pos, i + len(s)) if i >= 0 else pos
        if i < 0 or s in goal_text or goal_text[:10] in s:
            continue
        if QUANTITY_RE.search(s) and timed.search(s) and term_coverage(terms, s, weight) >= need:
            (before if i < at else after).append(s)
    return tuple(before), tuple(after)


def cumulative_note_answer(q: Question, docs: dict[str, Document], scope) -> Answer | None:
    """"累计数用什么符号标注" with no indicator named: each plan's table note saying how its cumulative
    (five-year) figures are marked (备注：带[ ]为五年累计数), cited with its table. None when the question does not
    ask about cumulative figures, asks an amount (累计利用外资多少: a row's value, or nothing), checks the kind of a
    figure it writes (每年新增30家，是一年的还是累计的: that figure's passage says) or no plan in scope marks any."""
    if "cumulative" not in q.wants or lexicon().regex("how_much").search(q.resolved):
        return None
    stated = q.claim.stated if q.claim else q.text
    if kind_claim(stated, claimed=q.claim is not None) and written_values(stated):
        return None
    parts = []
    for d in scope:
        row = next((r for r in docs[d].indicators if r.cumulative and r.note), None)
        table = next((t for t in docs[d].tables if row is not None and row in t.indicators), None)
        if table is None:
            continue
        head = f"**{escape_md(doc_name(docs[d]))}** {escape_md(table.title)}：" if len(scope) > 1 else f"{escape_md(table.title)}："
        parts.append(Part(lines=[head + escape_md(row.note)],
                          evidence=[Evidence(d, row.heading_path + (table.title,), table_text(table), highlight=row.note)]))
    return render(q, parts, docs, False) if parts else None
