"""Extractive answers: the best sentences of the best passages, quoted around the clauses that hold the
question's key terms. Pure."""

from __future__ import annotations

import re

from assistant.text.numbers import matching_form, to_halfwidth
from assistant.text.patterns import CLAUSE_RE, ITEM_NAME_RE, ITEM_NUMBER_RE, LABEL_RE, QUANTITY_RE
from assistant.text.sentences import is_lead, items_after, sentences
from assistant.types import Hit

from .lexicon import lexicon
from .render import MAX_BODY
from .structured import (
    Evidence,
    Part,
    escape_md,
)
from .synonyms import contains, present
from .terms import answer_coverage

_FOCUS_OVER = 150  # a sentence longer than this is quoted around the clauses that hold the key terms


_CLAUSE_RE = CLAUSE_RE


def focus(sentence: str, terms: list[str], weight=None, budget: int = 80) -> str:
    """The verbatim stretch of a long sentence around its best clause: 471 characters of 指导思想 become
    "以提高城市国际化水平和产业国际竞争力为发展主线，" when 主线 is asked."""
    weight = weight or (lambda t: min(len(t), 4))
    clauses = _CLAUSE_RE.findall(sentence)
    if len(clauses) < 2 or not terms:
        return sentence
    scores = [sum(weight(t) for t in terms if t in c) for c in clauses]
    i = max(range(len(clauses)), key=lambda k: (scores[k], -k))
    if scores[i] == 0:
        return sentence
    lo = hi = i
    used = len(clauses[i])
    while True:  # grow towards the side whose clause holds more key terms, then the following side
        options = [k for k in (hi + 1, lo - 1) if 0 <= k < len(clauses) and used + len(clauses[k]) <= budget]
        if not options:
            break
        k = max(options, key=lambda k: (scores[k], k))
        used += len(clauses[k])
        lo, hi = min(lo, k), max(hi, k)
    return "".join(clauses[lo:hi + 1]).rstrip("，；")


_TITLE_QUOTE_RE = re.compile(r"《([^《》]{2,60})》")


def notice_sentences(sents: list[str]) -> set[int]:
    """The positions of a passage's sentences that belong to the issuing notice, not to the plan: the notice's
    title (…关于印发《X》的通知: lexicon role ``notice_verb``) and a sentence handing X out (现将《X》印发给你们).
    They answer who issued the plan (plan facts), never what the plan says on a topic."""
    verb = lexicon().regex("notice_verb")
    heads = [i for i, s in enumerate(sents) if verb.search(s)]
    if not heads:
        return set()
    titled = " ".join(sents[i] for i in heads)
    return set(heads) | {i for i, s in enumerate(sents)
                         if any(m.group(1) in titled for m in _TITLE_QUOTE_RE.finditer(s))}


def states_figure(sentence: str) -> bool:
    """The sentence states a quantity, its list item's number (10﹒以数字化…改造传统产业) aside."""
    return bool(QUANTITY_RE.search(ITEM_NUMBER_RE.sub("", sentence)))


def hit_evidence(hit: Hit) -> Evidence:
    return Evidence(hit.chunk.doc_id, hit.chunk.heading_path, hit.chunk.text, hit.score)


def extractive(hits: list[Hit], terms: list[str], wants_number: bool, limit: int = MAX_BODY,
               max_sentences: int = 3, weight=None, depth: int = 10, shape: re.Pattern[str] | None = None,
               only: re.Pattern[str] | None = None, stated: tuple[str, ...] = (), means: bool = False) -> Part:
    """The best sentences of the best passages, each with its citation. Table rows are left to the
    structured answers; a sentence scores by the (rarity-weighted) key terms it holds, read with the heading
    it sits under (一、推动金融服务扩大开放 › 1.外资金融集聚区：… is about 金融 and 开放), and more when the
    lead sentence it continues or the item name it begins with names them (国际交往中心。加强…, 1.外资金融集聚区：
    …: about it, not a list naming it), and, when the question asks an amount, by holding one of the asked shape
    (terms.answer_shape: 50米 for 多远). ``only``: when some chosen sentence holds it (a limit asked: 控制在18座之内),
    the chosen sentences that do not are left out. ``stated``: figures the question itself states (规划了817座，实际
    建成多少): a chosen sentence is quoted with the sentence before it in its passage that states one of them
    (``with_premise``), so the answer shows the asker's figure where the plan gives it. ``means``: the question asks
    how a problem is solved (靠什么解决): the best sentence, naming the problem, is quoted with the measures its passage
    sets out after it (``_measures_after``)."""
    weight = weight or (lambda t: min(len(t), 4))
    total = sum(weight(t) for t in terms) or 1.0

    def share(text: str) -> float:
        return sum(weight(t) * (1.0 if contains(t, text) else 0.9 if present(t, text) else 0.0) for t in terms) / total

    cands = []
    for hit in [h for h in hits if h.chunk.kind != "indicator"][:depth]:
        head = hit.chunk.heading_path[-1] if hit.chunk.heading_path else ""
        sents = sentences(hit.chunk.text)
        notice = notice_sentences(sents)
        for pos, s in enumerate(sents):
            s = s.strip()
            if len(s) < 6 or pos in notice:
                continue
            lead = m.group(0) if (m := ITEM_NAME_RE.match(s)) else ""  # 1.外资金融集聚区：…
            if is_lead(s) and pos + 1 < len(sents):
                lead = s
                s = s + sents[pos + 1].strip()  # a lead sentence alone says little: keep what it introduces
            elif items := items_after(sents, pos):
                lead = s
                s = s + "、".join(items)  # 重点做好以下人群的心理健康服务： over its bulleted items: one list
            framed = f"{head} {s}"
            score = 4.0 * answer_coverage(terms, framed, weight, shape) * (share(framed) + 0.5) + share(lead) \
                + 1.0 / (hit.rank + 1)
            cands.append((score + (1.0 if wants_number and re.search(r"\d", ITEM_NUMBER_RE.sub("", s)) else 0.0), hit.rank, pos, s, hit))
            if wants_number and not states_figure(s) and pos + 1 < len(sents) \
                    and states_figure(nxt := sents[pos + 1].strip()) and nxt not in s:
                # a number asked of a topic that this sentence introduces and the next one quantifies
                # (……推动货运向铁路、水路转移。到2025年，……占比提升至34%。): scored by this sentence's terms, below
                # a sentence that states the terms and a number itself
                cands.append((score + 0.5, hit.rank, pos, s + nxt, hit))
            elif shape is not None and not wants_number and not shape.search(s):
                named = _naming_after(sents, pos, shape)
                if named is not None:
                    # a name asked (建个啥中心) of what this sentence states (解决企业“不会转”…的难题), named by a
                    # later sentence of its paragraph (建设数字化转型促进中心…): quoted after it, scored by its terms
                    cands.append((score + 0.5, hit.rank, named, sents[named].strip(), hit))
    cands.sort(key=lambda c: (-c[0], c[1], c[2]))
    chosen, used = [], 0
    for c in cands:
        if len(chosen) >= max_sentences or (chosen and c[0] < 0.6 * chosen[0][0]):
            break
        if used + len(c[3]) > limit and chosen:
            continue
        if any(c[3] in x[3] or x[3] in c[3] for x in chosen):
            continue
        chosen.append(c)
        used += len(c[3])
    if wants_number and any(states_figure(c[3]) for c in chosen):  # a number is asked: lines that give one
        chosen = [c for c in chosen if states_figure(c[3])]
    if only is not None and any(only.search(c[3]) for c in chosen):
        # a sentence naming more of the key terms than every stretch stating the limit stays: it is about what is
        # asked (企业级平台…一次性奖补100万元 beside …企业级工业互联网平台。对跨行业…最高3000万元, asked the top award of
        # 企业级平台: the limit is set for another thing)
        def named(c, text: str) -> float:
            return share(f"{c[4].chunk.heading_path[-1] if c[4].chunk.heading_path else ''} {text}")
        bar = max(named(c, _stretch(c[3], m)) for c in chosen if (m := only.search(c[3])))
        chosen = [c for c in chosen if only.search(c[3]) or named(c, c[3]) > bar]
    chosen.sort(key=lambda c: (c[1], c[2]))
    if stated:
        chosen = [(*c[:3], with_premise(sentences(c[4].chunk.text), c[2], c[3], stated), c[4]) for c in chosen]
    best = max(chosen, key=lambda c: c[0]) if means and chosen else None
    part = Part()
    for c in chosen:
        quote = focus(c[3], terms, weight) if len(c[3]) > _FOCUS_OVER else c[3]
        whole = c[3]
        if c is best:
            more = _measures_after(sentences(c[4].chunk.text), c[2], c[3], limit - len(quote))
            quote, whole = quote + more, whole + more
        text = quote if len(quote) <= limit else quote[:limit] + "……"
        if quote != whole:
            text = ("" if whole.startswith(quote) else "……") + text + ("" if whole.endswith(quote) else "……")
        ev = hit_evidence(c[4])
        ev.highlight = quote
        part.lines.append(escape_md(text))
        part.evidence.append(ev)
    return part


def _stretch(sentence: str, m: re.Match) -> str:
    """The stretch of ``sentence`` holding the match, between the sentence or clause-group ends (。；) around it."""
    start = max(sentence.rfind(c, 0, m.start()) for c in "。；;") + 1
    ends = [i for c in "。；;" if (i := sentence.find(c, m.end())) >= 0]
    return sentence[start:min(ends, default=len(sentence))]


def with_premise(sents: list[str], pos: int, sentence: str, stated: tuple[str, ...]) -> str:
    """``sentence`` (the passage's ``pos``-th, or begun by it) led by the passage's sentence before it when that one
    states a figure of ``stated`` that ``sentence`` does not: “十四五”期间，全市加油站规划817座…。截至目前，加油站实际
    建成约510座 for 规划了817座，实际建成多少."""
    if pos < 1 or pos > len(sents) - 1:
        return sentence
    before = sents[pos - 1].strip()
    if before in sentence or not any(_states(f, before) and not _states(f, sentence) for f in stated):
        return sentence
    return before + sentence


def _states(figure: str, text: str) -> bool:
    """The text states the figure (817座) as written, not inside a longer number (1817座)."""
    return re.search(rf"(?<![\d.]){re.escape(figure)}", to_halfwidth(matching_form(text))) is not None


def stated_figures(question: str) -> tuple[str, ...]:
    """The figures a question states itself, each a number with the character after it (817座 of 规划了817座，实际建成
    多少): not a year, not a table's or box's label (表4-2)."""
    text = LABEL_RE.sub(" ", to_halfwidth(matching_form(question)))
    return tuple(text[m.start():m.end() + 1] for m in QUANTITY_RE.finditer(text)
                 if m.end() < len(text) and not text[m.end()].isspace())


MEANS_REACH = 4  # the sentences after one naming a problem read as the measures against it


def _measures_after(sents: list[str], pos: int, sentence: str, room: int) -> str:
    """The sentences after the ``pos``-th of a passage (which ``sentence`` quotes), as many of the next
    ``MEANS_REACH`` as fit in ``room`` characters: 解决企业“不会转”…的难题。培育推广一批数字化解决方案。培育一批
    第三方专业化服务机构…"""
    out = ""
    for s in sents[pos + 1:pos + 1 + MEANS_REACH]:
        s = s.strip()
        if not s or s in sentence:
            continue
        if len(out) + len(s) > room:
            break
        out += s
    return out


NAMING_REACH = 6  # the sentences after one stating the asked topic that may name what it asks for


def _naming_after(sents: list[str], pos: int, shape: re.Pattern[str]) -> int | None:
    """The position of the first sentence after ``pos`` in its passage holding the asked shape, within reach."""
    return next((j for j in range(pos + 1, min(len(sents), pos + 1 + NAMING_REACH)) if shape.search(sents[j])), None)


def related_evidence(hits: list[Hit], n: int = 3) -> list[Evidence]:
    return [hit_evidence(h) for h in hits[:n]]
