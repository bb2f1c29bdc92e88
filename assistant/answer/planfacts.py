"""A plan's own facts: who issued it, when, its 文号, its period, its target year, how far it looks ahead and the
area it covers (规划范围).

Answered from the plan's own lines, never from metadata alone: the notice's 文号 / date / issuer line, the title
line with its years, the sentence stating 规划期限…, a goal sentence 到20XX年…. A fact no line of the plan states
is refused for that plan. The asking words are rows of ``lexicon.toml`` (roles ``fact_*``). Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from assistant.text.patterns import WRITTEN_YEAR_RE, YEAR_SPAN_RE
from assistant.text.sentences import sentences
from assistant.types import Answer, Document

from .lexicon import lexicon
from .reasons import NO_FACT, OTHER_PLAN, WHICH_PLAN
from .render import refuse, render
from .scope import five_year_plan_years, plan_period
from .structured import Evidence, Part, escape_md
from .understand import Question

ISSUER, DATE, NUMBER, PERIOD, TARGET_YEAR, HORIZON = "issuer", "date", "number", "period", "target_year", "horizon"
SCOPE = "scope"
LABELS = {ISSUER: "印发单位", DATE: "印发日期", NUMBER: "文号", PERIOD: "规划期", TARGET_YEAR: "目标年",
          HORIZON: "展望年份", SCOPE: "规划范围"}
_VERB_TAIL = 1  # characters an issuing verb may stand from the question's end (…是哪年印发的)
_SHORT_LINE = 40  # a notice's 文号, date or signature line is short


@dataclass(frozen=True)
class Fact:
    """One plan's answer: the value as written and the line of the plan that states it, where it sits."""

    doc_id: str
    kind: str
    value: str
    line: str
    path: tuple[str, ...]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _ends_with_issuing(text: str) -> bool:
    """An issuing verb at the question's end (这个规划是谁发的), not inside its topic (谁负责发布数据)."""
    body = re.sub(r"[\s\W]+$", "", text)
    return any(len(body) - m.end() <= _VERB_TAIL for m in lexicon().regex("fact_issue_verb").finditer(body))


def asked_fact(text: str) -> str | None:
    """Which fact of the plan the question asks, or None for a question about the plan's content."""
    lex = lexicon()
    if lex.regex("fact_number").search(text):
        return NUMBER
    if lex.regex("fact_issuer").search(text) or (lex.regex("fact_who").search(text) and _ends_with_issuing(text)):
        return ISSUER
    if lex.regex("fact_date").search(text) or (lex.regex("fact_when").search(text) and _ends_with_issuing(text)):
        return DATE
    if lex.regex("fact_target_year").search(text):
        return TARGET_YEAR
    if lex.regex("fact_scope").search(text):
        return SCOPE
    if lex.regex("fact_horizon").search(text) and lex.regex("fact_which_year").search(text):
        return HORIZON
    if lex.regex("period_end").search(text):
        return None  # 规划期末: a value at the period's end, not the period
    if lex.regex("fact_period").search(text) or (
            lex.regex("fact_period_weak").search(text) and lex.regex("fact_which_year").search(text)):
        return PERIOD
    return None


_BARE_ASK = 6  # characters of a clause that is only an asking word (…出的，啥时候)


def asked_facts(text: str) -> tuple[str, ...]:
    """Every fact the question asks, one per clause, in order ("各是哪天印发的，文号多少" -> date, 文号). A
    clause that is only an asking word (啥时候, 谁) asks a fact when another clause of the question does: the
    issuing verb of one clause serves them all."""
    clauses = [c for c in re.split(r"[，,；;？?。！!\s]+", text) if c]
    kinds = [asked_fact(c) for c in clauses]
    if any(kinds):
        lex = lexicon()
        for i, c in enumerate(clauses):
            if kinds[i] is None and len(c) <= _BARE_ASK:
                kinds[i] = (DATE if lex.regex("fact_when").search(c) else
                            ISSUER if lex.regex("fact_who").search(c) else None)
    whole = asked_fact(text)
    found = [k for k in kinds if k] or ([whole] if whole else [])
    return tuple(dict.fromkeys(found))


def other_period(text: str, docs: list[Document]) -> str | None:
    """A five-year plan the question names (十三五) that no plan asked about is of: the word, else None."""
    periods = {plan_period(d.meta.title) for d in docs}
    for m in lexicon().regex("five_year_plan").finditer(text):
        span = five_year_plan_years(m.group(0))
        if span is not None and not any(p and p[0] <= span[1] and span[0] <= p[1] for p in periods):
            return m.group(0)
    return None


def _front_lines(doc: Document, siblings: tuple[Document, ...]) -> Iterator[tuple[tuple[str, ...], str, str]]:
    """(path, line, owner doc_id): the lines of the file's preamble (the notice, shared with every document it
    issues) and title, then short lines anywhere (a signature at the end)."""
    for d in (doc, *siblings):
        for s in d.sections:
            if s.kind in ("front", "title"):
                for p in s.paragraphs:
                    yield s.path, p.text, d.doc_id
                if s.kind == "title":
                    yield s.path, s.title, d.doc_id
    for s in doc.sections:
        for p in s.paragraphs:
            if len(p.text) <= _SHORT_LINE:
                yield s.path, p.text, doc.doc_id


def _metadata_fact(doc: Document, kind: str, siblings: tuple[Document, ...]) -> Fact | None:
    value = {ISSUER: doc.meta.issuer, DATE: doc.meta.date, NUMBER: doc.meta.doc_number}[kind]
    if not value:
        return None
    for path, line, owner in _front_lines(doc, siblings):
        if _squash(value) in _squash(line):
            return Fact(owner, kind, value, line.strip(), path)
    return None  # metadata from a page's chrome only: not a line of the plan


def _title_lines(doc: Document) -> Iterator[tuple[tuple[str, ...], str]]:
    titles = [s for s in doc.sections if s.kind == "title"]
    if titles:
        yield titles[0].path[:1], "".join(s.title for s in titles)
    yield (), doc.meta.title


def _span_value(m: re.Match[str]) -> str:
    """A year span as written, ending in 年 (2021—2025 -> 2021—2025年)."""
    return m.group(0) if m.group(0).endswith("年") else m.group(0) + "年"


def _period_fact(doc: Document) -> Fact | None:
    """The sentence stating the period (规划期限为2021—2035年, or the first sentence with a year under a
    规划期限 heading), else the title line with its years."""
    words = lexicon().regex("period_statement")
    for s in doc.sections:
        headed = bool(words.search(s.title))
        for p in s.paragraphs:
            for sent in sentences(p.text):
                m = YEAR_SPAN_RE.search(sent)
                if (headed and WRITTEN_YEAR_RE.search(sent)) or (m and words.search(sent)):
                    return Fact(doc.doc_id, PERIOD, _span_value(m) if m else sent.strip(), sent.strip(), s.path)
    for path, line in _title_lines(doc):
        m = YEAR_SPAN_RE.search(line)
        if m:
            return Fact(doc.doc_id, PERIOD, _span_value(m), line, path)
    for path, line in _title_lines(doc):  # a five-year plan named in its title: that period, as the title says it
        m = lexicon().regex("five_year_plan").search(line)
        if m:
            return Fact(doc.doc_id, PERIOD, f"“{m.group(0)}”时期", line, path)
    return None


SCOPE_CHARS = 200  # characters of the paragraph under a 规划范围 heading quoted (whole sentences)


def _scope_fact(doc: Document) -> Fact | None:
    """The area the plan covers: the paragraph under a heading naming it (（三）规划范围), its sentences up to
    ``SCOPE_CHARS`` (the places it covers, then where it puts its weight), else the sentence stating it
    (本规划的范围为：…)."""
    words = lexicon().regex("scope_statement")
    for s in doc.sections:
        if words.search(s.title) and s.paragraphs:
            said, used = [], 0
            for x in sentences(s.paragraphs[0].text):
                if said and used + len(x) > SCOPE_CHARS:
                    break
                said.append(x.strip())
                used += len(x)
            return Fact(doc.doc_id, SCOPE, "".join(said), "".join(said), s.path)
    for s in doc.sections:
        for p in s.paragraphs:
            sent = next((x.strip() for x in sentences(p.text) if words.search(x)), None)
            if sent:
                return Fact(doc.doc_id, SCOPE, sent, sent, s.path)
    return None


def _goal_of_year(doc: Document, year: int, later: bool = False) -> Fact | None:
    for g in doc.goals:
        if (int(g.year) > year if later else int(g.year) == year) and g.text:
            sent = next((x for x in sentences(g.text) if g.year in x), g.text)
            return Fact(doc.doc_id, HORIZON if later else TARGET_YEAR, f"{g.year}年", sent.strip(), g.heading_path)
    return None


def plan_fact(doc: Document, kind: str, siblings: tuple[Document, ...] = ()) -> Fact | None:
    """The fact asked, from a line of ``doc`` (or of the notice it shares with ``siblings``); None when the plan
    states no such thing."""
    if kind in (ISSUER, DATE, NUMBER):
        return _metadata_fact(doc, kind, siblings)
    if kind == SCOPE:
        return _scope_fact(doc)
    period = _period_fact(doc)
    if kind == PERIOD:
        return period
    span = plan_period(doc.meta.title) or (
        tuple(int(y) for y in YEAR_SPAN_RE.search(period.line).groups())
        if period and YEAR_SPAN_RE.search(period.line) else None)
    if span is None:
        return None
    end = span[1]
    if kind == TARGET_YEAR:  # the goal set for the last year (到2025年，…), else the line stating the period
        goal = _goal_of_year(doc, end)
        if goal is None and period and str(end) in period.line:
            return Fact(doc.doc_id, kind, f"{end}年", period.line, period.path)
        return goal
    return _goal_of_year(doc, end, later=True)


MAX_PLANS = 4  # more plans than this, none named: ask which one rather than list them all


def plan_fact_answer(q: Question, docs: dict[str, Document], scope: tuple[str, ...],
                     kinds: str | tuple[str, ...]) -> Answer:
    """Each plan asked about, each fact asked: the fact and the line stating it, or a plain word that the plan
    does not state it."""
    kinds = (kinds,) if isinstance(kinds, str) else tuple(kinds)
    label = "、".join(LABELS[k] for k in kinds)
    asked = [docs[d] for d in (q.docs or scope) if d in docs]
    foreign = other_period(q.resolved, asked)
    if foreign:
        return refuse(q, docs, f"所收录的规划中没有“{escape_md(foreign)}”的这份规划，无法回答它的{label}。", [], OTHER_PLAN)
    if not asked or (len(asked) > MAX_PLANS and not q.docs):
        return refuse(q, docs, f"所收录的规划不止一份，请指明是哪一份规划的{label}。", [], WHICH_PLAN)
    parts, found = [], False
    for doc in asked:
        siblings = tuple(d for d in docs.values() if d.path == doc.path and d.doc_id != doc.doc_id)
        head = f"**{escape_md(doc.meta.title)}**：" if len(asked) > 1 else ""  # one plan: its citation names it
        for kind in kinds:
            fact = plan_fact(doc, kind, siblings)
            if fact is None:
                parts.append(Part(lines=[f"{head}规划原文中没有写明{LABELS[kind]}。"]))
                continue
            found = True
            ev = Evidence(fact.doc_id, fact.path, fact.line, highlight=fact.line)
            said = (escape_md(fact.line) if fact.value == fact.line and kind in (PERIOD, SCOPE)
                    else f"{LABELS[kind]}为{escape_md(fact.value)}。")
            parts.append(Part(lines=[head + said], evidence=[ev]))
    if not found:
        names = "、".join(f"《{d.meta.title}》" for d in asked)
        return refuse(q, docs, f"{escape_md(names)}的原文中没有写明{label}。", [], NO_FACT)
    return render(q, parts, docs, False, long_ok=True)
