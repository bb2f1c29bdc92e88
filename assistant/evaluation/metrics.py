"""Evaluation metrics. Pure: gold evidence, ranked passages and answer rows in, numbers out.

Definitions (also in bench/README.md and the eval report):

Evidence. An item's quotes are grouped by (doc, heading). A quote is *short* when, whitespace
removed, it has at most SHORT_QUOTE_CHARS characters or is a bare number (``3700``, ``[45]``,
``【10000】``, ``35%``): table cells, units, attribute words. A passage *carries* a quote when its text,
whitespace removed, contains the quote, whitespace removed, or when a segment of its heading path does
(so a location answer's heading counts). A passage *hits* a group when it is from the group's doc, carries
EVERY short quote of the group and, if the group has long quotes, AT LEAST ONE of them. So a table row
counts only when the name cell and all the value cells the item quotes are in the same passage, while a
list quoted in several long pieces counts with any one piece.

Two forms of a quote are also carried, because the passage renders the same words differently (and only then):
a *row quote*, a table row copied from the file with its cell boundaries (``| 巴南区 | 51 | … | 87 |``, cells on
lines or tabs, or columns of a PDF extraction set apart by two or more spaces), is carried by a passage line whose
cells, ``|``-separated as passages render rows, hold every quoted cell, whole and in the same order with no other
cell between them (empty cells skipped); a *heading quote*, a quote ending in 。 or ； (a list item or sub-heading
as the file writes it, ``（一）加强组织领导。``), is carried by a passage line or heading-path segment that ends
with the quote without that mark (passages and heading paths hold headings without it).

Retrieval. The evidence rank of an item is the first rank at which, for EVERY doc its evidence names,
some passage at or above that rank has hit a group of that doc (for a one-plan question: the first
hitting passage; for a comparison: the rank by which both plans have appeared). hit@k = share of
items with evidence whose rank <= k; MRR@10 = mean of 1/rank (0 beyond 10).

Answers. A must_contain string is found when it occurs in the answer body with whitespace removed and
markdown escapes undone (``\\[`` -> ``[``); citations are not searched. An answerable item is correct
when every must_contain string is found; an unanswerable item is correct when the system refused.
``answer.acc_strict`` also requires an answerable item not to be refused. Indicator exactness: indicator
items with every must_contain string found and not refused.

Citations. Citation accuracy: among answerable items that were answered (not refused), the share where
some citation hits an evidence group. Citation precision: among all citations of those answers, the
share that hit an evidence group of their item.

Refusal. Positive = expect_refusal. precision = refused & expected / refused (0.0 when nothing was
refused); recall = refused & expected / expected (None when the gold has no unanswerable item);
F1 = harmonic mean (0.0 when both are 0). refusal.auc = ROC AUC of the engine's answerability score (Answer.score)
as a predictor of "answerable": the chance that an answerable item scores above an unanswerable one (ties count
half; None when either class is empty or a row has no score).

Numbers without source: see assistant.evaluation.numcheck; counted on every answer body. Length: characters of
the bodies of answered (not refused) items. Percentiles interpolate linearly between ranks.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

SHORT_QUOTE_CHARS = 4
K_VALUES = (1, 5, 10)
MRR_K = 10

_WS = re.compile(r"\s+")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
_NUMERIC = re.compile(r"^[\[【［(（]?[\d.,，%％]+[\]】］)）]?$")
_CELL_SEP = re.compile(r"[|｜]|\t|\n|\s{2,}")  # cell boundaries of a copied table row
_SENTENCE_END = "。；;"


def squash(text: str) -> str:
    """Whitespace removed: quotes, passages and must_contain strings compare this way."""
    return _WS.sub("", text)


def answer_text(body: str) -> str:
    """An answer body as must_contain is checked against: escapes undone, whitespace removed."""
    return squash(_MD_ESCAPE.sub(r"\1", body))


def is_short(quote: str) -> bool:
    q = squash(quote)
    return len(q) <= SHORT_QUOTE_CHARS or bool(_NUMERIC.match(q))


# ------------------------------------------------------------------ evidence


@dataclass(frozen=True)
class Passage:
    """What a retriever ranks or an answer cites: its plan, its text and where it sits."""

    doc: str
    text: str
    heading_path: tuple[str, ...] = ()


@dataclass(frozen=True)
class EvidenceGroup:
    doc: str
    heading: str
    short: tuple[str, ...]  # squashed
    long: tuple[str, ...]  # squashed
    rows: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (squashed quote, its cells) for each row quote


def row_cells(quote: str) -> tuple[str, ...]:
    """The squashed cells of a quote copied from a table row (two or more cells), else ()."""
    if not _CELL_SEP.search(quote.strip()):
        return ()
    cells = tuple(c for c in map(squash, _CELL_SEP.split(quote)) if c)
    return cells if len(cells) >= 2 else ()


def evidence_groups(evidence: Iterable) -> tuple[EvidenceGroup, ...]:
    """Group quotes (objects or dicts with doc, quote, heading) by (doc, heading), in order."""
    groups: dict[tuple[str, str], tuple[list[str], list[str], dict[str, tuple[str, ...]]]] = {}
    for e in evidence:
        doc, quote, heading = (e["doc"], e["quote"], e.get("heading", "")) if isinstance(e, dict) else (
            e.doc, e.quote, e.heading)
        short, long_, rows = groups.setdefault((doc, squash(heading)), ([], [], {}))
        (short if is_short(quote) else long_).append(squash(quote))
        if cells := row_cells(quote):
            rows[squash(quote)] = cells
    return tuple(EvidenceGroup(d, h, tuple(s), tuple(lg), tuple(r.items()))
                 for (d, h), (s, lg, r) in groups.items())


def _holds_row(text: str, cells: tuple[str, ...]) -> bool:
    """A line of ``text`` whose non-empty cells hold ``cells`` as one unbroken run."""
    n = len(cells)
    for line in text.splitlines():
        have = tuple(c for c in map(squash, _CELL_SEP.split(line)) if c)
        if any(have[i:i + n] == cells for i in range(len(have) - n + 1)):
            return True
    return False


def _ends_a_line(passage: Passage, quote: str) -> bool:
    """``quote`` without its closing 。/； ends a passage line or a heading-path segment."""
    if len(quote) < 2 or quote[-1] not in _SENTENCE_END:
        return False
    bare = quote[:-1]
    return any(squash(line).endswith(bare) for line in [*passage.text.splitlines(), *passage.heading_path])


def carries(passage: Passage, quote: str, cells: tuple[str, ...] = ()) -> bool:
    """``quote`` is already squashed; ``cells`` are its cells when it is a row quote (module docstring)."""
    return (quote in squash(passage.text) or any(quote in squash(seg) for seg in passage.heading_path)
            or bool(cells) and _holds_row(passage.text, cells) or _ends_a_line(passage, quote))


def same_file(doc_id: str, gold_doc: str) -> bool:
    """A gold set names a file's plan by its id; a file that holds several documents (a notice issuing two) gives
    the later ones ids ``<id>-2``, ``<id>-3`` … (assistant/ingest/loader.py), which count as that file's."""
    return doc_id == gold_doc or (doc_id.startswith(gold_doc + "-") and doc_id[len(gold_doc) + 1:].isdigit())


def hits_group(passage: Passage, group: EvidenceGroup) -> bool:
    if not same_file(passage.doc, group.doc):
        return False
    rows = dict(group.rows)
    return (all(carries(passage, q, rows.get(q, ())) for q in group.short)
            and (not group.long or any(carries(passage, q, rows.get(q, ())) for q in group.long)))


def docs_hit(passage: Passage, groups: Sequence[EvidenceGroup]) -> set[str]:
    return {g.doc for g in groups if hits_group(passage, g)}


def evidence_rank(groups: Sequence[EvidenceGroup], ranked: Sequence[Passage], k: int | None = None) -> int | None:
    """1-based rank by which every doc of the evidence has a hitting passage; None if not within k."""
    needed = {g.doc for g in groups}
    if not needed:
        return None
    seen: set[str] = set()
    for rank, passage in enumerate(ranked[:k] if k else ranked, 1):
        seen |= docs_hit(passage, groups)
        if needed <= seen:
            return rank
    return None


def hit_at(ranks: Sequence[int | None], k: int) -> float | None:
    return sum(1 for r in ranks if r is not None and r <= k) / len(ranks) if ranks else None


def mrr_at(ranks: Sequence[int | None], k: int = MRR_K) -> float | None:
    return sum(1 / r for r in ranks if r is not None and r <= k) / len(ranks) if ranks else None


def retrieval_metrics(ranks: Sequence[int | None], attainable: Sequence[bool] = ()) -> dict[str, float | None]:
    """Over items that have evidence: hit@1/5/10, MRR@10 and the share whose evidence is in the index at all."""
    out: dict[str, float | None] = {f"retrieval.hit@{k}": hit_at(ranks, k) for k in K_VALUES}
    out[f"retrieval.mrr@{MRR_K}"] = mrr_at(ranks, MRR_K)
    out["retrieval.items"] = len(ranks)
    if attainable:
        out["retrieval.attainable"] = sum(attainable) / len(attainable)
    return out


# ------------------------------------------------------------------ answers


def must_contain_hits(body: str, must_contain: Sequence[str]) -> tuple[bool, ...]:
    text = answer_text(body)
    return tuple(squash(m) in text for m in must_contain)


def is_correct(expect_refusal: bool, refused: bool, must_hits: Sequence[bool]) -> bool:
    """The gold scoring contract: unanswerable -> refused; answerable -> every must_contain string found."""
    return refused if expect_refusal else all(must_hits)


@dataclass(frozen=True)
class Row:
    """One question as a system handled it. The eval JSON's ``rows`` are these, as dicts."""

    id: str
    category: str
    question: str
    doc: str | None = None
    history: tuple[str, ...] = ()
    expected: str = ""
    must_contain: tuple[str, ...] = ()
    expect_refusal: bool = False
    answer: str = ""
    refused: bool = False
    must_hits: tuple[bool, ...] = ()
    correct: bool = False
    cited_docs: tuple[str, ...] = ()
    citations_hit: tuple[bool, ...] = ()  # per citation: does it hit an evidence group of the item
    unsupported_numbers: tuple[str, ...] = ()
    answer_chars: int = 0
    latency_ms: float = 0.0
    rank: int | None = None  # evidence rank in the top 10 of the retrieval query
    evidence_in_index: bool | None = None  # does any passage of the index hit the evidence (None: no evidence)
    intent: str = ""
    query: str = ""  # the retrieval query
    error: str | None = None  # the system raised instead of answering
    score: float | None = None  # the engine's answerability score (None: the system gives none)
    refusal_reason: str = ""  # a refusal's code (assistant/answer/reasons.py); "" for an answer or a system giving none


def refusal_prf(expected: Sequence[bool], predicted: Sequence[bool]) -> tuple[float, float | None, float | None]:
    tp = sum(1 for e, p in zip(expected, predicted, strict=True) if e and p)
    n_pred, n_pos = sum(predicted), sum(expected)
    precision = tp / n_pred if n_pred else 0.0
    if not n_pos:
        return precision, None, None
    recall = tp / n_pos
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def roc_auc(positive: Sequence[bool], scores: Sequence[float]) -> float | None:
    """P(score of a positive > score of a negative), ties counting half (Mann-Whitney U / n+ n-)."""
    pos = [s for p, s in zip(positive, scores, strict=True) if p]
    neg = [s for p, s in zip(positive, scores, strict=True) if not p]
    if not pos or not neg:
        return None
    wins = sum((a > b) + 0.5 * (a == b) for a in pos for b in neg)
    return wins / (len(pos) * len(neg))


def percentile(values: Sequence[float], q: float) -> float | None:
    """q in [0, 100], linear interpolation between closest ranks (numpy's default)."""
    if not values:
        return None
    xs = sorted(values)
    pos = (len(xs) - 1) * q / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _share(flags: Sequence[bool]) -> float | None:
    return sum(flags) / len(flags) if flags else None


def answer_metrics(rows: Sequence[Row]) -> dict[str, float | int | None]:
    """The flat answer metrics of one system over its rows (see the module docstring)."""
    answerable = [r for r in rows if not r.expect_refusal]
    answered = [r for r in answerable if not r.refused]
    out: dict[str, float | int | None] = {
        "n.items": len(rows), "n.answerable": len(answerable), "n.unanswerable": len(rows) - len(answerable),
        "n.refused": sum(r.refused for r in rows), "n.errors": sum(1 for r in rows if r.error),
        "answer.acc": _share([r.correct for r in rows]),
        "answer.acc_strict": _share([r.correct and (r.expect_refusal or not r.refused) for r in rows]),
    }
    for cat in dict.fromkeys(r.category for r in rows):
        out[f"answer.acc.{cat}"] = _share([r.correct for r in rows if r.category == cat])
    indicator = [r for r in rows if r.category == "indicator"]
    out["answer.indicator_exact"] = _share([all(r.must_hits) and not r.refused for r in indicator])
    out["citation.accuracy"] = _share([any(r.citations_hit) for r in answered])
    out["citation.precision"] = _share([h for r in answered for h in r.citations_hit])
    out["citation.per_answer"] = mean([len(r.citations_hit) for r in answered])
    p, rec, f1 = refusal_prf([r.expect_refusal for r in rows], [r.refused for r in rows])
    out.update({"refusal.precision": p, "refusal.recall": rec, "refusal.f1": f1})
    scored = all(r.score is not None for r in rows)
    out["refusal.auc"] = roc_auc([not r.expect_refusal for r in rows], [r.score for r in rows]) if scored else None
    out["numbers.unsupported"] = sum(len(r.unsupported_numbers) for r in rows)
    out["numbers.answers_with_unsupported"] = sum(1 for r in rows if r.unsupported_numbers)
    lengths = [r.answer_chars for r in rows if not r.refused]
    out["length.mean"] = mean(lengths)
    out["length.p95"] = percentile(lengths, 95)
    latencies = [r.latency_ms for r in rows]
    out["latency.p50_ms"] = percentile(latencies, 50)
    out["latency.p95_ms"] = percentile(latencies, 95)
    return out


@dataclass(frozen=True)
class ReasonCount:
    """The refusals one reason code made: on items the gold answers (false refusals) and on items it expects
    refused (true ones)."""

    reason: str
    answerable: int
    unanswerable: int

    @property
    def precision(self) -> float:
        return self.unanswerable / (self.answerable + self.unanswerable)


def refusal_reasons(rows: Sequence[Row]) -> list[ReasonCount]:
    """Per reason code, the refusals on answerable and on unanswerable items, most refusals first (a refusal
    without a code counts under "")."""
    counts: dict[str, list[int]] = {}
    for r in rows:
        if r.refused:
            counts.setdefault(r.refusal_reason, [0, 0])[r.expect_refusal] += 1
    return sorted((ReasonCount(k, a, u) for k, (a, u) in counts.items()),
                  key=lambda c: (-(c.answerable + c.unanswerable), c.reason))


def row_metrics(rows: Sequence[Row], retrieval: bool = True) -> dict[str, float | int | None]:
    """Answer metrics plus, when ``retrieval``, retrieval metrics over rows that have evidence."""
    out = answer_metrics(rows)
    if retrieval:
        scored = [r for r in rows if r.evidence_in_index is not None]
        out.update(retrieval_metrics([r.rank for r in scored], [bool(r.evidence_in_index) for r in scored]))
    return out
