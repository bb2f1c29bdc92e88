"""The years a claim names that its answer does not state (有人说…2035年迈向全面扩展期，是不是？ answered by 到2025年，…迈向
全面扩展期): the plan's sentence for that year on the claim's topic (展望2035年，数字经济将迈向繁荣成熟期) is quoted
after the answer, so the asker sees what the plan says for the year they were told about."""

from __future__ import annotations

from dataclasses import replace

from assistant.text.patterns import STATED_YEAR_RE
from assistant.text.sentences import sentences
from assistant.types import Answer, Citation

from .claims import Claim
from .render import MORE
from .structured import escape_md
from .terms import term_coverage

# The share of the question's key terms a sentence stating a claimed year holds to be that year's word on the claim's
# topic (展望2035年，数字经济将迈向繁荣成熟期 for …2035年迈向全面扩展期: 数字经济 and 迈向 of its four terms).
YEAR_COVER = 0.3
YEAR_PASSAGES = 20  # passages of the answering plans holding the claimed year, read for its sentence


def with_claimed_years(answer: Answer, claim: Claim | None, terms: list[str], weight, retriever) -> Answer:
    """``answer`` with the plan's sentence for each year the claim names when it states another year for what is
    claimed (到2025年…迈向全面扩展期 for 2035年): the sentence of the plans it cites that states the claimed year and
    holds the most of the question's key terms (at least ``YEAR_COVER``), quoted after the answer with its citation.
    A refusal, an answer stating no year, or a claim naming none is returned as it is."""
    if claim is None or not claim.years or answer.refused:
        return answer
    stated = set(STATED_YEAR_RE.findall(answer.answer))
    if not stated:  # the answer puts what is claimed in no year (a table's row): nothing to set the claim's year against
        return answer
    docs = sorted({c.doc_id for c in answer.citations})
    quoted = [c.highlight or c.text for c in answer.citations]
    for year in claim.years:
        if year in stated:
            continue
        found = _year_sentence(year, docs, terms, weight, retriever, quoted)
        if found is not None:
            answer = _appended(answer, *found)
            quoted.append(found[0])
    return answer


def _year_sentence(year: str, docs: list[str], terms: list[str], weight, retriever,
                   quoted: list[str]) -> tuple[str, object] | None:
    best, best_cover = None, YEAR_COVER
    for hit in retriever.containing([year], docs, YEAR_PASSAGES):
        for sent in sentences(hit.chunk.text):
            sent = sent.strip()
            if year not in STATED_YEAR_RE.findall(sent) or any(sent in q or q in sent for q in quoted):
                continue
            cover = term_coverage(terms, sent, weight)
            if cover > best_cover:
                best, best_cover = (sent, hit.chunk), cover
    return best


def _appended(answer: Answer, sentence: str, chunk) -> Answer:
    """The answer with one more quoted line, cited by the passage it comes from (its number when already cited)."""
    cited = next((c for c in answer.citations if c.doc_id == chunk.doc_id and c.text == chunk.text), None)
    citations = answer.citations
    if cited is None:
        first = next(c for c in answer.citations if c.doc_id == chunk.doc_id)
        cited = Citation(len(citations) + 1, chunk.doc_id, first.doc_title, tuple(chunk.heading_path), chunk.text,
                         0.0, sentence, first.doc_ref)
        citations = (*citations, cited)
    body, more = (answer.answer[:-len(MORE)].rstrip("\n"), f"\n{MORE}") if answer.answer.endswith(MORE) else (
        answer.answer, "")
    return replace(answer, answer=f"{body}\n{escape_md(sentence)} [{cited.n}]{more}", citations=citations)
