"""What a plan says of a year for which it gives no figure. Pure.

"那到2030年呢，有具体降多少吗？" after a question answered with the 2025 figure: when no passage holds a
number for the year the follow-up names, but the plan states an aim for that year (到2030年，…达到国际领先水平;
展望2035年，…迈向繁荣成熟期), that statement answers, saying that no figure is given for the year. The year's
statements are the plan's goal records (assistant/ingest: a sentence opening 到20XX年 or the like); the
sentence of the statement that best holds what is asked is quoted, with the sentence naming the year, and the asked terms it does not hold are named as those it gives no figure for.
"""

from __future__ import annotations

from assistant.text.numbers import to_halfwidth
from assistant.text.patterns import YEAR_RE
from assistant.text.sentences import sentences
from assistant.types import Answer, Document

from .answerability import asked_amount_unit
from .render import render
from .structured import Evidence, Part, escape_md
from .terms import present, term_coverage
from .understand import Question


def _statements(doc: Document, year: str):
    """(section, the paragraph holding the year's goal) for each goal of that year, in the plan's order."""
    sections = {s.id: s for s in doc.sections}
    for g in doc.goals:
        if g.year != year or not g.text:
            continue
        s = sections.get(g.section_id)
        para = next((p.text for p in s.paragraphs if g.text[:20] in p.text), g.text) if s else g.text
        yield (s.path if s else g.heading_path), para


def year_aim_answer(q: Question, docs: dict[str, Document], scope: tuple[str, ...], year: str,
                    terms: list[str], weight=None) -> Answer | None:
    """The plan's statement for ``year`` that best covers the question's terms (any of them), as an answer that
    names no figure for the year; None when no plan in scope states an aim for that year."""
    best = None
    for doc_id in q.docs or scope:
        doc = docs.get(doc_id)
        if doc is None:
            continue
        for path, para in _statements(doc, year):
            sents = [s.strip() for s in sentences(para) if s.strip()]
            lead = next((s for s in sents if year in s), None)
            if lead is None:
                continue
            own = [s for s in sents if {m.group(1) for m in YEAR_RE.finditer(s)} <= {year}]  # no other year's
            top = max(own or [lead], key=lambda s: term_coverage(terms, s, weight))
            cov = term_coverage(terms, top, weight)
            if cov > 0 and (best is None or cov > best[0]):
                best = (cov, doc_id, path, lead, top)
    if best is None:
        return None
    _, doc_id, path, lead, top = best
    quoted = [lead] if top == lead else [lead, top]
    ev = Evidence(doc_id, tuple(path), "".join(quoted), highlight=top)
    said = "".join(quoted)
    lacking = "、".join(t for t in terms if t not in said and not present(t, said) and not YEAR_RE.search(t))
    unit = asked_amount_unit(to_halfwidth(q.resolved))
    what = (f"“{escape_md(lacking)}”" if lacking else "") + (f"（以{unit}计）" if unit else "")
    line = f"规划没有给出{year}年{what}的具体数值，对{year}年的表述是：" + "……".join(
        f"“{escape_md(s)}”" for s in quoted)
    return render(q, [Part(lines=[line], evidence=[ev])], docs, False, long_ok=True)
