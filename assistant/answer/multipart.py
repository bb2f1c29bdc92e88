"""Multi-part questions split into their parts. Pure.

Two shapes: several questions in one message ("…是多少？…是什么？", each later one read as a follow-up of the
earlier ones), and several things asked of one subject ("A和B的目标分别是多少", "目标、单位和属性分别是什么"),
which become one question per thing with the shared subject and ask (the plan, year, 的 phrase, 是多少).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text.patterns import YEAR_RE

from .lexicon import lexicon

LEX = lexicon()
_SENTENCE_END = "？?"
MAX_ITEM_CHARS = 12


@dataclass(frozen=True)
class Parts:
    questions: tuple[str, ...]  # one question per part
    labels: tuple[str, ...]  # what each part asks about, to head its answer
    sequential: bool  # parts after the first are follow-ups of the earlier ones (several questions)


def _asks(text: str) -> bool:
    return bool(LEX.regex("question_word").search(text) or LEX.regex("how_much").search(text))


def split_questions(text: str) -> list[str]:
    """Several questions in one message: split after ？, a piece that asks nothing (就是表里那栏) staying with the
    question before it."""
    pieces = [p for p in re.split(rf"(?<=[{_SENTENCE_END}])", text.strip()) if p.strip()]
    out: list[str] = []
    for p in pieces:
        body = p.strip(_SENTENCE_END + " ，,。")
        if out and (len(body) < 2 or not _asks(body)):
            out[-1] += p
        else:
            out.append(p.strip())
    return out


def _prefix_end(segment: str, aliases: list[str]) -> int:
    """Where the shared subject at the start of the first item ends: after the last plan name, year or 的."""
    end = 0
    for a in aliases:
        i = segment.rfind(a)
        if i >= 0:
            end = max(end, i + len(a))
    for m in YEAR_RE.finditer(segment):
        end = max(end, m.end())
    of = LEX.pattern("of")
    for m in re.finditer(of, segment):
        if m.end() < len(segment):
            end = max(end, m.end())
    return end


def _suffix_start(segment: str) -> int:
    """Where the shared ask at the end of the last item starts: at its last 的, else at a run of generic words
    (总体目标)."""
    of = [m.start() for m in re.finditer(LEX.pattern("of"), segment) if m.start() > 0]
    if of:
        return of[-1]
    for w in LEX.words("generic"):
        if len(w) >= 2 and segment.endswith(w) and len(segment) > len(w):
            return len(segment) - len(w)
    return len(segment)


def split_items(text: str, aliases: list[str]) -> Parts | None:
    """"A和B的目标分别是多少" -> "A的目标是多少", "B的目标是多少"; None when the question is not of that shape or
    the things joined are plans (a comparison, answered per plan elsewhere)."""
    each = LEX.regex("each").search(text)
    if not each:
        return None
    head, tail = text[:each.start()], text[each.end():]
    segments = [s for s in re.split(LEX.pattern("conjunction"), head)]
    if len(segments) < 2 or any(not s.strip() for s in segments):
        return None
    start = _prefix_end(segments[0], aliases)
    prefix, first = segments[0][:start], segments[0][start:]
    cut = _suffix_start(segments[-1])
    last, suffix = segments[-1][:cut], segments[-1][cut:]
    items = [first, *segments[1:-1], last]
    if any(not i or len(i) > MAX_ITEM_CHARS or any(a in i for a in aliases) for i in items):
        return None
    questions = tuple(f"{prefix}{i}{suffix}{tail}" for i in items)
    return Parts(questions, tuple(items), sequential=False)


def split_parts(text: str, aliases: list[str]) -> Parts | None:
    """The parts of a multi-part question, or None for a single question."""
    qs = split_questions(text)
    if len(qs) > 1:
        return Parts(tuple(qs), tuple(q.rstrip(_SENTENCE_END) for q in qs), sequential=True)
    return split_items(text, aliases)
