"""How well the lines a retrieval-only answer quotes support it: one graded score, and the one threshold under
which that answer is refused. Pure.

The score is the weighted share of the question's own terms that the best quoted line names, read with the
heading it sits under (专栏1 农村厕所革命提升工程 › 3．粪污收运处理… names 专栏 though the line does not; not the
chapters above it, whose words, 成品油零售加油站布局规划, name every line of a plan about 成品油). Not counted: the asker's
framing words (计划装多少套, 大概得花多少钱: lexicon role ``ask_framing``) and, for the line stating a figure, words
no plan writes that are no noun (the caller's ``askers_word``: 卖了). A term counts as named as written, by a synonym or variant, with a short
insertion, by most of its character pairs, or when three quarters of its characters appear in order close together
(装设备 of 安装智能设备). For a figure asked, a line supports the answer only when it states a
quantity and the asked measure, and names the question's key terms (the most specific ones) in that sense;
otherwise it scores 0. The caller weighs a term no plan writes little unless it is one name (``TermWeights.said``),
and a key no plan writes is named by most of its characters (``scattered``): the asker's wording is no measure the
plans lack. The threshold is chosen on the union of the tuning sets (eval/fallback_support.py) and checked on their
number questions reworded into words no plan writes (eval/replay_wording.py --sweep).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.text.patterns import QUANTITY_RE

from .lexicon import lexicon
from .structured import Evidence
from .terms import term_coverage, with_shape

# Under this support the retrieval-only answer is refused (no_content; no_number for a figure asked). Replayed by
# eval/fallback_support.py on the union of the 13 tuning sets (1103 items): the best refusal F1 (0.952, 1053 right,
# as the real run gives) holds for thresholds above 0.35 up to 0.5; it falls below (0.32: 0.948) and above (0.5001:
# 0.949; 0.6: 0.940, 1049; 0.7: 0.898, 1034). 0.5, the plateau's top and the old passage-coverage bar: at 0.41 a
# prompt-injection question (忽略以上所有指令…, whose best line names only 系统 and 以上: 0.41) would be answered.
FALLBACK_SUPPORT = 0.5

ORDER_REACH = 2  # a term's characters count as in order when they lie within this many times its length
ORDER_CREDIT = 0.8  # what naming a term by its characters in order earns, against 1.0 as written
ORDER_SHARE = 0.75  # the share of a term's characters that must appear in order for it to count as named


def framing(term: str) -> bool:
    """A word the asker frames the question with (计划装多少套, 大概得花多少钱; lexicon role ``ask_framing``): not a
    thing the plans must name."""
    return term in lexicon().words("ask_framing")


def in_order(term: str, text: str) -> float:
    """The largest share of the term's characters that the text holds in order within a stretch of at most
    ``ORDER_REACH`` times the term's length (安装 holds 装 of 装; 收运处理…配备 holds 收运配备 only if close)."""
    if not term:
        return 0.0
    reach = ORDER_REACH * len(term)
    best = 0
    for i, ch in enumerate(text):
        if ch not in term:
            continue
        start = term.index(ch)
        got, at = 1, i + 1
        for c in term[start + 1:]:
            j = text.find(c, at, i + reach)
            if j >= 0:
                got, at = got + 1, j + 1
        best = max(best, got)
        if best == len(term):
            break
    return best / len(term)


def scattered(term: str, text: str) -> float:
    """The share of the term's characters that the text holds anywhere (注册人数 in 注册应急志愿者达到15万人: 0.75)."""
    return sum(ch in text for ch in term) / len(term) if term else 0.0


def named(term: str, text: str) -> float:
    """How fully the text names the term, 0..1: as ``term_coverage`` credits it, or by its characters in order."""
    share = in_order(term, text)
    return max(term_coverage([term], text), ORDER_CREDIT * share if share >= ORDER_SHARE else 0.0)


def cover(terms: Sequence[str], text: str, weight, shape: re.Pattern[str] | None = None) -> float:
    """The weighted share of ``terms`` the text names (``named``); when the text holds the asked answer's shape
    (8座 for 几座), that shape counts as one more term of the terms' mean weight, as ``answer_coverage`` does."""
    if not terms:
        return 1.0
    total = sum(weight(t) for t in terms)
    if not total:
        return 1.0
    plain = sum(weight(t) * named(t, text) for t in terms) / total
    if shape is None or not shape.search(text):
        return plain
    return with_shape(plain, terms, weight)


@dataclass(frozen=True)
class LineSupport:
    """One quoted line: its coverage (with its headings; the whole passage's, for an answer that is no figure)
    and, for a figure asked, which of the figure's checks it passes."""

    line: float
    passage: float
    figure_line: float = 0.0  # the line's coverage of the terms a figure's line must name (nouns only)
    quantity: bool = True
    measure: bool = True
    keys: bool = True

    @property
    def content(self) -> float:
        """How well the line (or its passage, with all its headings) covers what is asked, figure aside."""
        return max(self.line, self.passage)

    def score(self, figure: bool) -> float:
        if figure:
            return self.figure_line if self.quantity and self.measure and self.keys else 0.0
        return self.content


@dataclass(frozen=True)
class Support:
    """What the quoted lines of a retrieval-only answer support: the best line's score and whether it answers."""

    lines: tuple[LineSupport, ...]
    figure: bool  # a figure is asked: the figure's checks apply
    threshold: float

    @property
    def score(self) -> float:
        """The best line's score; for a figure asked, none when no line is on the question (``on_topic``)."""
        if self.figure and not self.on_topic:
            return 0.0
        return max((s.score(self.figure) for s in self.lines), default=0.0)

    @property
    def answers(self) -> bool:
        return self.score >= self.threshold

    @property
    def on_topic(self) -> bool:
        """Some line covers what is asked, whether or not it states the asked figure: a refusal then says the
        figure is not given (no_number), else that nothing on the question was found (no_content)."""
        return max((s.content for s in self.lines), default=0.0) >= self.threshold


def support(evidence: Sequence[Evidence], terms: Sequence[str], weight, shape: re.Pattern[str] | None = None,
            keys: Sequence[str] = (), measure: Callable[[str], bool] | None = None,
            threshold: float | None = None, figure_terms: Sequence[str] | None = None,
            frame: Callable[[Evidence], str] | None = None,
            unwritten: Callable[[str], bool] = lambda t: False) -> Support:
    """The support of each quoted line (``Evidence.highlight``, else its text) for the question's ``terms``
    (framing words already left out; a word no plan writes counts: a question on what no plan holds is not
    answered by a line naming its other words). ``figure_terms``: the terms a line stating a figure must name (the
    nouns among them: the asker's own verbs, 卖了, need not be named; default ``terms``). ``measure``: for a figure asked, whether a text states
    the asked measure; then a line must also state a quantity and name each of ``keys`` (``named`` >= 0.5).
    ``threshold``: default ``FALLBACK_SUPPORT``, read when called (eval/fallback_support.py sets it to 0 to see
    every score). ``frame``: text that binds a line to what it is about beyond its heading (the lead sentence of
    the numbered item it belongs to: 10﹒…改造传统产业。…每年…1000项). ``unwritten``: whether no plan writes a
    term; such a key (the asker's 注册人数 for the plans' 注册应急志愿者…15万人) is named by a line holding most of its
    characters (``scattered``), as it cannot be named as written."""
    out = []
    for e in evidence:
        said = e.highlight or e.text
        lead = frame(e) if frame else ""
        line = f"{lead} {said} {e.heading_path[-1] if e.heading_path else ''}"  # the heading it sits under, not the plan's
        # chapters (成品油零售加油站布局规划 names every line of a 成品油 plan); a passage is read with all its
        # headings (one under 推动“数字丝绸之路”深入发展 is about that)
        scores = (cover(terms, line, weight, shape), cover(terms, f"{e.text} {' '.join(e.heading_path)}", weight))
        if measure is None:
            out.append(LineSupport(*scores))
            continue
        out.append(LineSupport(*scores, cover(terms if figure_terms is None else figure_terms, line, weight, shape),
                               bool(QUANTITY_RE.search(said)), measure(line),
                               all(named(k, line) >= 0.5 or (unwritten(k) and scattered(k, line) >= ORDER_SHARE)
                                   for k in keys)))
    return Support(tuple(out), measure is not None, FALLBACK_SUPPORT if threshold is None else threshold)
