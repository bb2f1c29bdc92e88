"""Example questions built from the corpus the page serves, so an uploaded or other corpus gets examples it
answers: an indicator's target, a 专栏's projects, a plan's goals, and, with two plans, the same indicator in both.
Pure: Documents in, question strings out."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from assistant.answer.indicators import name_score
from assistant.answer.lexicon import lexicon

from ..ingest.forms import BOX_RE
from ..types import Document, IndicatorRow

MAX_NAME = 16  # longer indicator names read badly as a question
SAME_MEASURE = 0.85  # name similarity (both ways) at which two plans' rows count as the same indicator
_NAME_RE = re.compile(r"^[\u4e00-\u9fffA-Za-z“”\"]+$")  # a plain name: no numbers, brackets or notes
_BOX_SEP = re.compile(r"^[\s:：、.．]+")
_BOX_KINDS = lexicon().words("box_kind")  # a box listing things to build, not a table box


def plan_name(doc: Document) -> str:
    """How a question names the plan: its short name (place or body) when the catalog or title gives one."""
    return doc.meta.short_names[0] if doc.meta.short_names else ""


def _good_row(row: IndicatorRow) -> bool:
    return (row.target is not None and bool(row.target_year) and 2 <= len(row.name) <= MAX_NAME
            and bool(_NAME_RE.match(row.name)))


def indicator_question(doc: Document) -> str | None:
    row = next((r for r in doc.indicators if _good_row(r)), None)
    if row is None:
        return None
    return f"{plan_name(doc)}{row.target_year}年{row.name}目标是多少？"


def box_topic(title: str) -> str:
    """A 专栏's title without its number ("专栏6-1  新一代信息技术产业开放发展重点工程" -> the name)."""
    m = BOX_RE.match(title)
    return _BOX_SEP.sub("", title[m.end():] if m else title).strip()


def box_question(doc: Document) -> str | None:
    for box in doc.boxes:
        topic = box_topic(box.title)
        if box.projects and topic and topic.endswith(_BOX_KINDS):
            return f"{plan_name(doc)}{topic}有哪些？"
    return None


def goal_question(doc: Document) -> str | None:
    years = sorted({g.year for g in doc.goals if g.year})
    if not years:
        return None
    return f"{plan_name(doc)}到{years[-1]}年的发展目标是什么？"


def comparison_question(a: Document, b: Document) -> str | None:
    """The same indicator (similar names, same target year) in two plans that both have a short name."""
    if not (plan_name(a) and plan_name(b)) or plan_name(a) == plan_name(b):
        return None
    rows_b = [r for r in b.indicators if _good_row(r)]
    for ra in (r for r in a.indicators if _good_row(r)):
        for rb in rows_b:
            if ra.target_year == rb.target_year and \
                    min(name_score(ra.name, rb.name), name_score(rb.name, ra.name)) >= SAME_MEASURE:
                name = min(ra.name, rb.name, key=len)
                return f"{plan_name(a)}和{plan_name(b)}{ra.target_year}年{name}目标分别是多少？"
    return None


def _round_robin(makers, docs: Sequence[Document]) -> Iterable[str]:
    """Each kind of question in turn, each from the next plan that has one, so the examples spread over plans."""
    start = 0
    for make in makers:
        for i in range(len(docs)):
            doc = docs[(start + i) % len(docs)]
            q = make(doc)
            if q:
                start = (start + i + 1) % len(docs)
                yield q
                break


def example_questions(documents: Sequence[Document], limit: int = 4) -> tuple[str, ...]:
    """Up to ``limit`` questions the corpus answers: one indicator, one goal, one 专栏, one comparison, then more
    of each kind from the other plans."""
    docs = list(documents)
    if len(docs) > 1:  # a question that names no plan may be answered from another one
        docs = [d for d in docs if plan_name(d)]
    if not docs or limit <= 0:
        return ()
    out: list[str] = []

    def add(q: str | None) -> None:
        if q and q not in out and len(out) < limit:
            out.append(q)

    for q in _round_robin((indicator_question, goal_question, box_question), docs):
        add(q)
    for i, a in enumerate(docs):
        for b in docs[i + 1:]:
            add(comparison_question(a, b))
    for make in (indicator_question, goal_question, box_question):
        for d in docs:
            add(make(d))
    return tuple(out)
