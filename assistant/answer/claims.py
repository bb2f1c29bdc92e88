"""A claim to check: "同事说…，是这样吗？", "有人说…，是不是？", "帮忙核实一下：…". The claim's figures and years are what
is being checked, not constraints an answer must hold, so the claim is asked as a question of its subject (its
figures asked as 多少, its years as 哪年) and answered from the plan's own sentence (a year the claim names that the
answer does not state is added from the plan's sentence for it: assistant/answer/claim_years.py). A claim about
something the plans never mention is refused like any other question. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text.patterns import STATED_FIGURE_RE, YEAR, YEAR_SPAN_RE, blank_titles

from .lexicon import lexicon

LEX = lexicon()
_LEAD_RE = re.compile(rf"^(?:(?:{LEX.pattern('polite_lead')})[\s,，：:]*)?(?:{LEX.pattern('claim_lead')})[\s,，：:]*")
# the tail closes the claim: at the end of the text or of its sentence (…是这样吗？企业级的呢？ asks on after it)
_TAIL_RE = re.compile(rf"[\s,，。]*(?:{LEX.pattern('claim_tail')})(?:\s*[？?。！!]+|\s*$)")
_FIGURE_RE = re.compile(rf"(?:{STATED_FIGURE_RE.pattern})(?!{LEX.pattern('figure_name_suffix')})")
_YEAR_PHRASE_RE = re.compile(rf"(?:{LEX.pattern('year_lead')})?({YEAR})\s*(?:{LEX.pattern('year_tail')})")
ASK = LEX.words("figure_ask")[0]  # a figure claimed is asked: 5000万 -> 多少万
YEAR_ASK = LEX.words("year_ask")[0]  # and a year: 到2035年 -> 到哪年, 2026年印发 -> 哪年印发


@dataclass(frozen=True)
class Claim:
    """A claim read from a question: ``checked`` is it asked as a question (framing off, its figures and years asked);
    ``stated`` is it as written, which a plan stating its very figures confirms."""

    checked: str
    figures: tuple[str, ...] = ()  # as written: 5000, 二十多
    years: tuple[str, ...] = ()  # 2035
    stated: str = ""  # the claim as written, framing off: its figures and years kept


def read_claim(text: str) -> Claim | None:
    """The claim a question states, or None when it is framed as no claim (neither a lead saying who said it nor a
    tail asking whether it holds). Pure."""
    lead, tail = _LEAD_RE.search(text), _TAIL_RE.search(text)
    if not lead and not tail:
        return None
    body = text[lead.end() if lead else 0:tail.start() if tail else len(text)].strip(" ，,：:")
    if not body:
        return None
    rest = text[tail.end():].strip() if tail else ""  # a question asked after the claim, as written
    plain = blank_titles(body)
    periods = [m.span() for m in YEAR_SPAN_RE.finditer(plain)]  # 2024—2025年 names a plan's period, not a claimed year
    said = [m for m in _YEAR_PHRASE_RE.finditer(plain) if not any(a <= m.start(1) < b for a, b in periods)]
    years = tuple(dict.fromkeys(m.group(1) for m in said))
    open_body = _without(body, [(m.start(1), m.end()) for m in said], YEAR_ASK)
    figures = tuple(m.group() for m in _FIGURE_RE.finditer(blank_titles(open_body)))
    checked = _without(open_body, [m.span() for m in _FIGURE_RE.finditer(blank_titles(open_body))], ASK)
    return Claim(_asked(checked, rest), figures, years, _asked(body, rest))


def _asked(claim: str, rest: str) -> str:
    return claim.rstrip("？?。！! ") + "？" + rest


def checked_question(text: str) -> str:
    """The question a text asks: a claim asked as a question of its subject, any other text as it is."""
    claim = read_claim(text)
    return claim.checked if claim else text


def _without(text: str, spans: list[tuple[int, int]], put: str = "") -> str:
    for a, b in sorted(spans, reverse=True):
        text = text[:a] + put + text[b:]
    return text
