"""Sentences that read as the rows of a table nobody drew: one per place, each opening with the same words and a
count ("甲县综合能源站布局21个…", "乙市综合能源站布局27个…"). An extreme asked over them ("哪个县最多、哪个最少")
is the sentence holding the largest or smallest count; which of them have none of a thing ("哪几个县一个高速上的
站点都没有") are those not naming what the others break their count down into. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text.numbers import to_halfwidth
from assistant.types import Answer, Document

from .lexicon import lexicon
from .render import render
from .structured import Evidence, Part, doc_name, escape_md
from .synonyms import present
from .understand import Question

# a paragraph's first clause: a name and shared words, a count, a measure word of at most two characters
_LEAD_RE = re.compile(r"^([^，。；,;：:（）()\d\s]{3,30}?)(\d+(?:\.\d+)?)([^\d，。；,;（）()\s]{0,2})(?=[，。；,;（(]|$)")
MIN_ROWS = 4  # parallel sentences: at least this many, each of another name
_MIN_SHARED = 3  # characters of the words every sentence shares before its count


@dataclass(frozen=True)
class Lead:
    doc_id: str
    path: tuple[str, ...]
    text: str  # the paragraph
    name: str  # what the sentence is about (甲县)
    said: str  # its first clause up to the count's measure word
    value: float


def _common_suffix(words: list[str]) -> str:
    out = words[0]
    for w in words[1:]:
        while out and not w.endswith(out):
            out = out[1:]
    return out


def parallel_rows(doc: Document) -> list[list[Lead]]:
    """Groups of paragraphs in one plan opening alike: the same words and measure word before and after a count,
    each about another name."""
    found: dict[tuple[str, str], list[tuple[str, float, str, tuple[str, ...], str]]] = {}
    for s in doc.sections:
        for p in s.paragraphs:
            m = _LEAD_RE.match(to_halfwidth(p.text))
            if m:
                head, unit = m.group(1), m.group(3)
                found.setdefault((head[-_MIN_SHARED:], unit), []).append(
                    (head, float(m.group(2)), m.group(0), s.path, p.text))
    groups = []
    for rows in found.values():
        if len(rows) < MIN_ROWS:
            continue
        shared = _common_suffix([h for h, *_ in rows])
        suffix = lexicon().regex("area_suffix")
        if suffix.match(shared):  # 甲县…, 乙县…: the 县 every name ends with is theirs, not the shared words'
            shared = shared[1:]
        names = [h[:len(h) - len(shared)] for h, *_ in rows]
        if len(shared) < _MIN_SHARED or not all(names) or len(set(names)) != len(names):
            continue
        groups.append([Lead(doc.doc_id, path, text, name, said, value)
                       for name, (_, value, said, path, text) in zip(names, rows, strict=True)])
    return groups


def parallel_extreme(q: Question, docs: dict[str, Document], scope: tuple[str, ...]) -> Answer | None:
    """"哪个县市区布点最多、哪个最少": of one group of parallel sentences whose names all end with a character of
    the kind the question asks (县、市、区 of 县市区), the sentence with the largest (lexicon role ``extreme_max``)
    and the one with the smallest (``extreme_min``) count. None unless exactly one group fits."""
    text = to_halfwidth(q.resolved)
    lex = lexicon()
    asks = sorted({(m.start(), role) for role in ("extreme_max", "extreme_min") for m in lex.regex(role).finditer(text)})
    if not asks or not lex.regex("ask_which_row").search(text):
        return None
    fits = [g for d in scope for g in parallel_rows(docs[d]) if all(r.name[-1] in text for r in g)]
    if len(fits) != 1:
        return None
    group = fits[0]
    parts = []
    for role in dict.fromkeys(r for _, r in asks):
        pick = max if role == "extreme_max" else min
        value = pick(r.value for r in group)
        hit = [r for r in group if r.value == value]
        word = "最多" if role == "extreme_max" else "最少"
        said = "、".join(f"“{escape_md(r.said)}”" for r in hit)
        line = f"**{escape_md(doc_name(docs[hit[0].doc_id]))}**：{word}的是{said}。"
        parts.append(Part(lines=[line], evidence=[Evidence(r.doc_id, r.path, r.text) for r in hit]))
    return render(q, parts, docs, False)


def parallel_absent(q: Question, docs: dict[str, Document], scope: tuple[str, ...], terms: list[str],
                    weight) -> Answer | None:
    """"哪几个县一个高速上的站点都没有" (lexicon role ``ask_none``): of one group of parallel sentences, those of the
    kind asked (names ending with a character the question writes: 县) that never name the thing asked, where
    others of the group do. The thing is the heaviest of the question's terms that some rows name and some do not
    (高速: not 能源, which every row names). None unless exactly one group holds such a term."""
    text = to_halfwidth(q.resolved)
    lex = lexicon()
    if not lex.regex("ask_none").search(text) or not lex.regex("ask_which_row").search(text):
        return None
    fits = []
    for d in scope:
        for group in parallel_rows(docs[d]):
            rows = [r for r in group if r.name[-1] in text]
            split = [t for t in terms if 0 < sum(present(t, r.text) for r in rows) < len(rows)]
            if len(rows) >= MIN_ROWS and split:
                fits.append((rows, max(split, key=weight)))
    if len(fits) != 1:
        return None
    rows, thing = fits[0]
    lacking = [r for r in rows if not present(thing, r.text)]
    names = "、".join(escape_md(r.name) for r in lacking)
    line = f"**{escape_md(doc_name(docs[lacking[0].doc_id]))}**：没有写到“{escape_md(thing)}”的是{names}。"
    return render(q, [Part(lines=[line], evidence=[Evidence(r.doc_id, r.path, r.text, highlight=r.said)
                                                   for r in lacking])], docs, False)
