"""One immutable Context per question, built once, and the scored Candidate every answer handler returns.

Handlers (assistant/answer/compose.py) are small callables ``(ctx) -> Candidate | None`` over this one record, so a new
answer path is one function in the registry rather than another branch with its own signature.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from assistant.types import Answer, DocMeta, Document, Hit

from .labels import labelled_scope
from .project_rows import lookalike_rows
from .scope import PlanScope, plan_scopes
from .terms import askers_word, function_word, is_name_word, key_terms
from .understand import Question, understand

# The share of its weight a word of the asker's own keeps: a verb no plan writes (聚到, 办完), a word naming nothing
# (已经, 各个) and, when deciding whether a line answers (``TermWeights.said``), any term no plan writes.
ASKERS_SHARE = 0.15


class TermWeights:
    """IDF-by-length weight of a question term, cached per question. A term found nowhere weighs like a rare
    one (capped), and a word of the asker's own (聚到, 办完) or one that names nothing (已经, 各个) weighs little:
    it is not a thing the plans lack."""

    def __init__(self, retriever, tokenizer):
        self._retriever, self._tokenizer = retriever, tokenizer
        self._unseen = retriever.idf("\0")
        self._cap = self._unseen * 0.6
        self._cache: dict[str, float] = {}
        self._said: dict[str, float] = {}
        self._askers: dict[str, bool] = {}

    def _asker(self, term: str) -> bool:
        """An asker's verb no plan writes (聚到) or a word naming nothing (已经): its weight is discounted."""
        if term not in self._askers:
            self._askers[term] = askers_word(term, self._retriever, self._tokenizer) or function_word(
                term, self._tokenizer)
        return self._askers[term]

    def __call__(self, term: str) -> float:
        if term not in self._cache:
            w = min(len(term), 4) * min(self._retriever.idf(term), self._cap)
            if self._asker(term):
                w *= ASKERS_SHARE
            self._cache[term] = w
        return self._cache[term]

    def said(self, term: str) -> float:
        """The weight for deciding whether a quoted line answers: a term no plan of the corpus writes that the
        tagger does not read as one name (气电多 of a casual 气电多弄出, 年均增速) is the asker's wording, not a thing
        the plans state elsewhere, so it weighs little too (once: an asker's verb is not discounted twice). A
        name no plan writes (京东方, 投资规模) keeps its weight: the plans lack that thing; so does a term the
        plans write, so a line lacking it is evidence of another measure."""
        if term not in self._said:
            w = self(term)
            if self._retriever.idf(term) >= self._unseen and not is_name_word(term, self._tokenizer) \
                    and not self._asker(term):
                w *= ASKERS_SHARE
            self._said[term] = w
        return self._said[term]


@dataclass(frozen=True)
class Context:
    """Everything a handler may use, fixed before any handler runs."""

    question: Question  # as understood: resolved text, plans named, intent, years, wants
    documents: Mapping[str, Document]  # every plan by id (read-only)
    metas: tuple[DocMeta, ...]
    scope: tuple[str, ...]  # the plans in scope: named ones, else the caller's filter, else all
    terms: tuple[str, ...]  # key terms of the resolved question
    hits: tuple[Hit, ...]  # retrieved candidates for the resolved question
    weight: TermWeights
    retriever: object = field(repr=False)
    tokenizer: object = field(repr=False)
    deadline: float | None = None  # a time.thread_time() value (this thread's CPU time, fair under load); past it only the retrieval-only answer is tried
    history: tuple = ()  # the earlier turns the question was understood with (Turn records or pairs)
    doc_filter: tuple[str, ...] = ()  # the plans the caller restricted the question to
    query_vector: object = field(default=None, repr=False)  # the resolved question's embedding (None: sparse only)
    plans: tuple[PlanScope, ...] = ()  # every plan's scope (areas, period, whole-area words), computed once
    shunned: frozenset[str] = frozenset()  # project rows named only by a look-alike (project_rows.lookalike_rows)

    @property
    def docs(self) -> dict[str, Document]:
        return dict(self.documents)

    @property
    def resolved(self) -> str:
        return self.question.resolved

    def expired(self) -> bool:
        return self.deadline is not None and time.thread_time() >= self.deadline


@dataclass(frozen=True)
class Candidate:
    """A scored candidate answer: which handler made it (its answer type) and how sure it is (0..1)."""

    answer: Answer
    kind: str
    score: float = 1.0


MAX_OPEN_SCOPE = 16  # plans the handlers read for a question that names none (the corpus may hold hundreds)


def build_context(question: str, history: list, documents: tuple[Document, ...], retriever, tokenizer,
                  doc_filter: tuple[str, ...] = (), deadline: float | None = None, k: int = 16,
                  query_vector=None) -> Context:
    """``query_vector``: an embedding to search with instead of embedding the resolved question (a part of a
    question asked of one plan, whose words are the whole question's less the plan names)."""
    docs = {d.doc_id: d for d in documents}
    metas = tuple(d.meta for d in documents)
    plans = plan_scopes(documents, tokenizer.tag)
    q = understand(question, history, list(metas), tokenizer.tag, plans)
    scope = tuple(d for d in (q.docs or doc_filter or tuple(docs)) if d in docs)
    if not q.docs:  # 表2-1 / 专栏1 name the plans that have them
        scope = labelled_scope(q.resolved, docs, scope)
    terms = key_terms(q, tokenizer, list(metas), retriever.idf, len(retriever.chunks))
    if query_vector is None:
        query_vector = retriever.query_vector(q.resolved)
    hits = retriever.search(q.resolved, k, scope, query_vector=query_vector)
    shunned = lookalike_rows(q, docs, scope)  # 数字孪生桐江 asked: not the row of 数字孪生青溪江建设工程
    hits = [h for h in hits if not shuns(shunned, h)]
    if not q.docs and not doc_filter and len(scope) > MAX_OPEN_SCOPE:
        # a question naming no plan, over a corpus of many: the handlers read the plans retrieval found (their
        # order), not every plan's every section (200 plans took a list question past its time budget)
        found = tuple(dict.fromkeys(h.chunk.doc_id for h in hits if h.chunk.doc_id in scope))
        scope = found[:MAX_OPEN_SCOPE] or scope
    return Context(q, MappingProxyType(docs), metas, scope, tuple(terms), tuple(hits),
                   TermWeights(retriever, tokenizer), retriever, tokenizer, deadline, tuple(history), tuple(doc_filter),
                   query_vector, plans, shunned)


ROW_KINDS = ("table_row", "project")  # the passages a project table's row is read into (its cells; its project)


def shuns(shunned: frozenset[str], hit: Hit) -> bool:
    """Whether a retrieved passage is a project row the question names only by a look-alike name."""
    return hit.chunk.kind in ROW_KINDS and hit.chunk.text in shunned


def part_context(ctx: Context, question: str, history: list, plans: tuple[str, ...] = (),
                 same_ask: bool = False) -> Context:
    """The context of one part of a multi-part question: same plans, caller's filter and deadline; ``plans``
    narrows it to the plans that part is asked of. ``same_ask``: the part asks what the whole question asks,
    of one plan, so it searches with the whole question's vector within that plan (no second embedding)."""
    return build_context(question, history, tuple(ctx.documents.values()), ctx.retriever, ctx.tokenizer,
                         plans or ctx.doc_filter, ctx.deadline,
                         query_vector=ctx.query_vector if same_ask and plans else None)
