"""The row of a table written as one clause ("A、B、C中的占比分别达到40%、60%、50%"): the value aligned with
the item a number question asks. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text.numbers import to_halfwidth
from assistant.text.patterns import QUANTITY_RE

from .lexicon import lexicon

_LIST_SEP_RE = re.compile(r"、")


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def _trimmed(items: list[str]) -> list[str]:
    """The items without the words the list shares: the first item's lead beyond the others' length (在运 of
    在运工商业制冷设备) and the last item's tail (中的高效节能产品占比 of 通用照明设备中的…)."""
    inner = items[1:-1] or [min(items[0], items[-1], key=len)]
    size = max(len(i) for i in inner)
    return [items[0][-size:], *items[1:-1], items[-1][:size]]


@dataclass(frozen=True)
class Aligned:
    item: str  # the item of the list asked (家用制冷设备)
    value: str  # its value (60%)


def respective_value(sentence: str, question: str) -> Aligned | None:
    """"A、B、C…分别达到x、y、z" (lexicon role ``respective_marker``): of the clause sharing most words with the
    question, the value aligned with the one item the question names by words no other item has (家用 of
    家用制冷设备). None when no clause lists as many values as items or no single item is named."""
    marker = lexicon().regex("respective_marker")
    asked = _bigrams(to_halfwidth(question))
    best: tuple[int, int, Aligned] | None = None
    tie = False
    for clause in re.split(r"[，；。,;]", to_halfwidth(sentence)):
        m = marker.search(clause)
        if not m:
            continue
        items = [i for i in _LIST_SEP_RE.split(clause[:m.start()]) if i]
        values = [v[d.start():] for v in _LIST_SEP_RE.split(clause[m.end():]) if (d := QUANTITY_RE.search(v))]
        if len(items) < 2 or len(values) != len(items):
            continue
        cut = _trimmed(items)
        own = [_bigrams(c) - set().union(*(_bigrams(o) for o in cut if o is not c)) for c in cut]
        hits = [len(o & asked) for o in own]
        top = max(hits)
        if top == 0 or hits.count(top) > 1:
            continue
        k = hits.index(top)
        score = (len(_bigrams(clause) & asked), top)
        if best is not None and score == best[:2]:
            tie = True
        elif best is None or score > best[:2]:
            best, tie = (*score, Aligned(items[k], values[k])), False
    return None if best is None or tie else best[2]
