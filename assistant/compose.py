"""Question + retrieval + structured records -> Answer with numbered citations, or an honest refusal.

Order of attempts: a place no plan covers -> refuse; indicator rows (exact table values); goals in running
text; 专栏 projects and boxes; where-is-it; comparisons per plan; otherwise extractive sentences from the
best passages. Refusal comes from understanding (absent place, year, column, indicator, key terms), not
from a score cut-off.
"""

from __future__ import annotations

import re
import time
from dataclasses import replace

from .answer_lists import box_list_answer, enumeration_answer, project_answer
from .answer_numbers import goal_answer, indicator_answer, table_answer
from .answer_sections import location_answer, path_sections, section_answer
from .answer_tables import table_cell_answer
from .enumerations import list_ask
from .extract import extractive, hit_evidence, related_evidence
from .render import refuse, render
from .scope import plan_scopes
from .structured import (
    Part,
    doc_name,
    escape_md,
)
from .synonyms import present, synonyms, variants
from .terms import GENERIC, QUANTITY_RE, askers_word, key_terms, measure_term, noun_like, term_coverage
from .text.sentences import sentences
from .types import Answer, Document, Hit
from .understand import Question, understand


def _extractive_answer(q: Question, docs, hits, terms, per_doc: dict[str, list[Hit]] | None = None,
                       weight=None, retriever=None, tokenizer=None) -> Answer:
    if per_doc:
        parts = []
        for d, hs in per_doc.items():
            if not hs or term_coverage(terms, " ".join(h.chunk.text for h in hs[:3]), weight) < 0.4:
                parts.append(Part(lines=[f"**{escape_md(doc_name(docs[d]))}**：规划中没有找到直接相关的内容。"]))
                continue
            sub = extractive(hs, terms, q.intent == "indicator", limit=160, max_sentences=2, weight=weight)
            if sub.lines:
                sub.lines[0] = f"**{escape_md(doc_name(docs[d]))}**：{sub.lines[0]}"
            parts.append(sub)
        refused = all(not p.evidence for p in parts)
        return render(q, parts, docs, refused, related_evidence(hits) if refused else None, long_ok=True)
    part = extractive(hits, terms, q.intent == "indicator", weight=weight)
    if (not part.lines or max(term_coverage(terms, e.text, weight) for e in part.evidence) < 0.8) and retriever:
        rare = sorted((t for t in terms if retriever.idf(t) < retriever.idf("\0") or synonyms(t)),
                      key=lambda t: -weight(t))[:2]
        alts = [tuple(dict.fromkeys([*variants(t), *synonyms(t)])) for t in rare]
        extra = retriever.containing(alts, sorted({h.chunk.doc_id for h in hits})) if rare else []
        seen = {h.chunk.id for h in hits}
        pool = [h for h in hits if h.chunk.kind != "indicator"][:10] + [h for h in extra if h.chunk.id not in seen]
        part = extractive(pool, terms, q.intent == "indicator", weight=weight, depth=len(pool))
    # answer only when a passage that is quoted covers what the question is about
    if not part.lines or max(term_coverage(terms, e.text, weight) for e in part.evidence) < 0.5:
        return refuse(q, docs, "所收录的规划中没有找到关于这个问题的明确内容。", related_evidence(hits))
    nouns = [t for t in terms if tokenizer is None or retriever is None
             or not askers_word(t, retriever, tokenizer)] or terms  # without the asker's own verbs (提速, 聚到)
    key = max(nouns, key=weight) if nouns else ""
    measure = measure_term(q.resolved, [t for t in nouns if tokenizer is None or noun_like(t, tokenizer)])

    def names(line: str, t: str) -> bool:
        return not t or present(t, line) or term_coverage([t], line) >= 0.5

    def states_it(line: str) -> bool:  # a quantity, most of the things named, the most specific one and the measure
        return bool(QUANTITY_RE.search(line)) and term_coverage(nouns, line, weight) >= 0.6 and names(line, key) \
            and names(line, measure)

    if q.intent == "indicator" and not any(states_it(ln) for ln in part.lines):
        return refuse(q, docs, "所收录的规划中没有给出这个数值。", related_evidence(hits))
    return render(q, [part], docs, not part.lines, None if part.lines else related_evidence(hits))


def _foreign_answer(q: Question, docs, hits: list[Hit], terms: list[str]) -> Answer:
    """A place no plan is about: answer only from a sentence that names that place and what is asked."""
    place = q.foreign_places[0]
    rest = [t for t in terms if t not in place and place not in t]
    for h in hits:
        for sent in sentences(h.chunk.text):
            if place in sent and term_coverage(rest, sent) >= 0.6 and (
                    q.intent != "indicator" or re.search(r"\d", sent)):
                ev = hit_evidence(h)
                ev.highlight = sent
                return render(q, [Part(lines=[escape_md(sent.strip())], evidence=[ev])], docs, False)
    mentioned = [h for h in hits if place in h.chunk.text]
    names = "、".join(doc_name(d) for d in docs.values())
    msg = (f"所收录的规划（{escape_md(names)}）中没有关于“{escape_md(place)}”的这项内容"
           + ("；规划中虽提到该地，但没有给出所问的内容。" if mentioned else "。"))
    return refuse(q, docs, msg, related_evidence(mentioned or hits))


class _OverBudget(Exception):
    """The request's time budget ran out between two answer attempts."""


def _on_time(deadline: float | None) -> None:
    if deadline is not None and time.thread_time() > deadline:
        raise _OverBudget


OVER_BUDGET = ("这个问题的分析超出了单次回答的时间预算，以下只列出检索到的相关段落；请换一个更简短、更具体的问法。"
               " / answering ran over the time budget of one request, so only the retrieved passages are listed; "
               "please ask a shorter, more specific question.")


def answer_question(question: str, history: list[tuple[str, str]], documents: tuple[Document, ...], retriever, tokenizer,
                    doc_filter: tuple[str, ...] = (), deadline: float | None = None) -> Answer:
    """A place inside a plan's area (a town of the district) is answered only from a passage that names it.
    ``deadline`` (a time.thread_time() value: this thread's CPU time) is checked between answer attempts: once it has
    passed, the answer degrades to the retrieved passages and says so (a running attempt is not interrupted; input
    limits bound it)."""
    q = understand(question, history, [d.meta for d in documents], tokenizer.tag, plan_scopes(documents, tokenizer.tag))
    seen: dict = {}
    try:
        ans = _dispatch(q, documents, retriever, tokenizer, doc_filter, deadline, seen)
    except _OverBudget:
        return refuse(seen["q"], seen["docs"], OVER_BUDGET, related_evidence(seen["hits"]))
    missing = [p for p in q.local_places if not any(n in c.text for c in ans.citations for n in p.names)]
    if ans.refused or not missing:
        return ans
    docs = {d.doc_id: d for d in documents}
    scope = tuple(d for d in (q.docs or doc_filter or tuple(docs)) if d in docs)
    terms = key_terms(q, tokenizer, [d.meta for d in documents], retriever.idf, len(retriever.chunks))
    return _foreign_answer(replace(q, foreign_places=(missing[0].text,)), docs, retriever.search(q.resolved, 16, scope),
                           terms)


def _dispatch(q: Question, documents: tuple[Document, ...], retriever, tokenizer, doc_filter: tuple[str, ...],
              deadline: float | None, seen: dict) -> Answer:
    docs = {d.doc_id: d for d in documents}
    metas = [d.meta for d in documents]
    scope = tuple(d for d in (q.docs or doc_filter or tuple(docs)) if d in docs)
    terms = key_terms(q, tokenizer, metas, retriever.idf, len(retriever.chunks))
    cap = retriever.idf("\0") * 0.6  # a term found nowhere weighs like a rare one, not infinitely
    weights: dict[str, float] = {}

    def weight(t: str) -> float:
        if t not in weights:
            w = min(len(t), 4) * min(retriever.idf(t), cap)
            if askers_word(t, retriever, tokenizer):
                w *= 0.15  # 聚到, 办完, 新开: not a thing the plans lack
            weights[t] = w
        return weights[t]

    hits = retriever.search(q.resolved, 16, scope)
    seen.update(q=q, docs=docs, hits=hits)
    _on_time(deadline)

    if q.foreign_places and not q.docs:  # a place inside a plan's area may key a table row (长春市 in 表3-1)
        return table_cell_answer(q, docs, scope, q.foreign_places[0]) or _foreign_answer(q, docs, hits, terms)
    if q.intent == "location":
        _on_time(deadline)
        return (location_answer(q, docs, hits, terms, metas, scope)
                or _extractive_answer(q, docs, hits, terms, weight=weight, retriever=retriever, tokenizer=tokenizer))
    if q.intent in ("indicator", "comparison", "list") or q.wants:
        _on_time(deadline)
        ans = (indicator_answer(q, docs, scope, hits, weight, min_score=0.9)  # one indicator clearly named
               or table_answer(q, docs, scope) or table_cell_answer(q, docs, scope)  # a row × column cell
               or indicator_answer(q, docs, scope, hits, weight, terms=terms))
        if ans is not None:
            return ans
    elif q.intent == "open":  # a bare indicator name ("高新区道路网密度") is a question about its values
        _on_time(deadline)
        ans = indicator_answer(q, docs, scope, hits, weight, min_score=0.9)
        if ans is not None:
            return ans
    if q.intent == "list" or "专栏" in q.resolved:
        _on_time(deadline)
        ans = box_list_answer(q, docs, scope)
        if ans is not None:
            return ans
    if q.intent == "goal" and not q.years and path_sections(docs, scope, terms):  # 工业互联网这块的定位
        _on_time(deadline)
        ans = section_answer(q, docs, scope, metas, None, weight, terms)
        if ans is not None:
            return ans
    if q.intent == "indicator":  # a number of a project named outright (梧桐港二期建几个泊位): its own item
        _on_time(deadline)
        ans = project_answer(q, docs, scope, terms, weight, named=True)
        if ans is not None:
            return ans
    if q.intent in ("goal", "indicator") or q.years:
        _on_time(deadline)
        ans = goal_answer(q, docs, scope, terms, weight)
        if ans is not None:
            return ans
    if q.intent != "indicator":
        _on_time(deadline)
        ans = section_answer(q, docs, scope, metas, retriever if q.compare else None, weight)
        if ans is not None:
            return ans
    ask = list_ask(q.resolved, tokenizer.words, GENERIC) if q.intent in ("list", "project", "open", "comparison") else None
    if ask is not None:
        _on_time(deadline)
        ans = enumeration_answer(q, docs, hits, terms, ask, scope, weight, retriever)
        if ans is not None:
            return ans
    if q.intent in ("project", "open", "list", "indicator"):
        _on_time(deadline)
        ans = project_answer(q, docs, scope, terms, weight)
        if ans is not None:
            return ans
    if q.intent != "indicator":  # a row × column question worded otherwise (长春市要建几座换电站)
        ans = table_cell_answer(q, docs, scope)
        if ans is not None:
            return ans
    if q.compare and len(scope) > 1:
        _on_time(deadline)
        per = retriever.search_per_doc(q.resolved, list(scope), 5)
        return _extractive_answer(q, docs, hits, terms, per_doc=per, weight=weight)
    _on_time(deadline)
    return _extractive_answer(q, docs, hits, terms, weight=weight, retriever=retriever, tokenizer=tokenizer)
