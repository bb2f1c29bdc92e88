"""Answerability as one explicit decision: explicit checks (made while understanding: a place no plan covers, an
absent year, column or indicator) plus one score threshold, chosen on the dev sets (dev, dev2, realdev; see
eval/answerability.py), under which an answer is withdrawn and its passages shown as the closest ones. Pure."""

from __future__ import annotations

from dataclasses import replace

from assistant.types import Answer, Citation

from .context import Context
from .terms import term_coverage

# Answers whose best passage covers less of the question than this are refused. Chosen on dev, dev2 and
# realdev by eval/answerability.py (the highest summed accuracy; ties: the lowest threshold).
REFUSE_BELOW = 0.0
REFUSAL = "所收录的规划中没有找到能回答这个问题的内容。"


def passage_text(c: Citation) -> str:
    return f"{c.text} {' '.join(c.heading_path)}"


def answerability(ctx: Context, answer: Answer) -> float:
    """0..1: the weighted share of the question's key terms that the best passage covers, the passages being
    those the answer cites or, for a refusal, the closest ones it shows. 0 for a place no plan covers."""
    q = ctx.question
    if q.foreign_places and not q.docs:
        return 0.0
    passages = answer.citations or answer.related
    if not passages:
        return 0.0
    return round(max(term_coverage(list(ctx.terms), passage_text(c), ctx.weight) for c in passages), 4)


def decide(ctx: Context, answer: Answer, threshold: float = REFUSE_BELOW) -> Answer:
    """The answer with its score; below the threshold a refusal that still shows the closest passages."""
    score = answerability(ctx, answer)
    if answer.refused or score >= threshold:
        return replace(answer, score=score)
    related = tuple(replace(c, n=i) for i, c in enumerate(answer.citations, 1))
    return replace(answer, answer=REFUSAL, refused=True, citations=(), indicators=(), related=related, score=score)
