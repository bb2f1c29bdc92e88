"""Indicator lookup: match a question to indicator rows by name, robust to the wording staff use. Pure.

外贸进出口额 / 外贸进出口总额 / 进出口总额, 利用外资 / 实际利用外资额, 500强 / 世界500强企业或项目数:
the score is the longest common substring with the (synonym-expanded) question over the name's length,
with credit for distinctive pieces (digits, four or more characters) and exact containment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text.numbers import to_halfwidth
from assistant.text.patterns import QUALIFYING_NUMBER_RE
from assistant.types import IndicatorRow

from .lexicon import lexicon
from .synonyms import unabbreviate, variants  # noqa: E402 - interchangeable words in questions

_GENERIC_TAIL = lexicon().regex("indicator_generic_tail")
_OPTIONAL_HEAD = lexicon().regex("indicator_optional_head")
MIN_SCORE = 0.6
MATCH_CHARS = 200  # of a question matched against row names: a real question is well under 100 characters


def lcs_len(a: str, b: str) -> tuple[int, str]:
    """Longest common substring (length, text); of several that long, the one that starts first in ``a``.
    Each start in ``a`` only tries to beat the best so far, and ``in`` does the scanning: the same answer as
    the dynamic programme over every pair of characters, at a tenth of its CPU (a tenth of a warm answer's)."""
    best, best_s = 0, ""
    for i in range(len(a) - best):
        k = best + 1
        while i + k <= len(a) and a[i:i + k] in b:
            best, best_s = k, a[i:i + k]
            k += 1
        if best >= len(a) - i - 1:
            break
    return best, best_s


def _clean(s: str) -> str:
    return re.sub(r"[“”\"'（）()、，,\s＿]", "", s)


def expand(question: str) -> list[str]:
    """The question plus variants with synonyms swapped in."""
    return variants(question)


def core_name(name: str) -> str:
    """The part of a name that identifies it: qualifiers staff leave out and generic tails removed."""
    core = _clean(name)
    core = _OPTIONAL_HEAD.sub("", core)
    core = _GENERIC_TAIL.sub("", core) or core
    return core


def spelled_share(name: str, text: str, floor: float) -> float:
    """The share of ``name`` that ``text`` spells out in common substrings of two or more characters, or 0 when
    it cannot reach ``floor``: a cheap character count rules most names out before the substring search."""
    if not name:
        return 0.0
    chars = set(text)
    if sum(c in chars for c in name) < floor * len(name):
        return 0.0
    return _covered(name, text) / len(name)


def _covered(a: str, b: str) -> int:
    """Characters of ``a`` covered by common substrings (length >= 2) with ``b``, taken greedily."""
    covered = 0
    while True:
        length, common = lcs_len(a, b)
        if length < 2:
            return covered
        covered += length
        a = a.replace(common, "\0", 1)
        b = b.replace(common, "\1", 1)


_ASKING = lexicon().regex("indicator_asking")


def question_content(text: str) -> str:
    """What is left of a question once plan names and asking words are removed: the measure it names."""
    return _ASKING.sub("", text)


QUALIFIER_RE = lexicon().regex("place_qualifier")


def name_score(name: str, question: str) -> float:
    """How well a row name matches the measure the question names: F1 of how much of the name's core the
    question covers and how much of the question's content the name covers. Content the name leaves
    unexplained that names a place or zone (西永综保区…) means the question is about something else."""
    n = _clean(name)
    if not n:
        return 0.0
    question = question[:MATCH_CHARS]  # the matching below is quadratic in length (bench/redteam.py)
    core = core_name(name)
    best = 0.0
    for q in expand(_clean(question)):
        content = question_content(q)
        if not content:
            continue
        ncov = 1.0 if (n in q or core in content) else _covered(core, content) / len(core)
        covered_q = _covered(content, n)
        qcov = covered_q / len(content)
        if not (ncov and qcov):
            continue
        score = 2 * ncov * qcov / (ncov + qcov)
        left = content
        for piece in sorted(common_pieces(content, n), key=len, reverse=True):
            left = left.replace(piece, " ")
        if QUALIFIER_RE.search(left.replace(" ", "")) and not QUALIFIER_RE.search(n):
            score *= 0.7
        if other_qualifier(n, q):
            continue  # 60岁以上 is not measured by a row of 65岁及以上
        best = max(best, score)
    return round(best, 4)


def other_qualifier(name: str, question: str) -> bool:
    """Whether the name and the question qualify the measure by different numbers of one unit: 65岁及以上 in the
    name, 60岁以上 in the question (structural pattern QUALIFYING_NUMBER_RE)."""
    def numbers(text: str) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for m in QUALIFYING_NUMBER_RE.finditer(to_halfwidth(text)):
            out.setdefault(m.group(2), set()).add(m.group(1))
        return out

    asked = numbers(question)
    return any(unit in asked and not values & asked[unit] for unit, values in numbers(name).items())


def common_pieces(a: str, b: str) -> list[str]:
    out = []
    while True:
        length, common = lcs_len(a, b)
        if length < 2:
            return out
        out.append(common)
        a = a.replace(common, "\0", 1)
        b = b.replace(common, "\1", 1)


@dataclass(frozen=True)
class Match:
    row: IndicatorRow
    score: float


def score_names(names, question: str) -> dict[str, float]:
    """name_score for each distinct name sharing at least two characters with the question (or its synonym
    variants, or its abbreviations spelt out); a corpus of many plans repeats names, so each is scored once."""
    chars = set("".join(expand(_clean(question))))
    out = {}
    for n in dict.fromkeys(names):
        if len(chars & set(n)) >= 2:
            full = unabbreviate(question, n)
            out[n] = max(name_score(n, question), name_score(n, full) if full != question else 0.0)
    return out


def match_rows(question: str, rows: list[IndicatorRow] | tuple[IndicatorRow, ...], docs: tuple[str, ...] = (),
               min_score: float = MIN_SCORE) -> list[Match]:
    """Rows whose name the question asks about, best first (at most the best few per document).
    Names sharing fewer than two characters with the question (or its synonym variants) are not scored."""
    scores = score_names([r.name for r in rows if not docs or r.doc_id in docs], question)
    scored = [Match(r, scores[r.name]) for r in rows if (not docs or r.doc_id in docs) and r.name in scores]
    scored = [m for m in scored if m.score >= min_score]
    scored.sort(key=lambda m: (-m.score, len(m.row.name)))
    out: list[Match] = []
    for m in scored:
        top = next((x for x in out if x.row.doc_id == m.row.doc_id), None)
        if top is None or m.score >= top.score - 0.02:
            out.append(m)
    return out


def best_per_doc(matches: list[Match]) -> dict[str, Match]:
    out: dict[str, Match] = {}
    for m in matches:
        out.setdefault(m.row.doc_id, m)
    return out
