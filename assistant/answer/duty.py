"""Who is responsible for an item: the responsibility note (（责任单位：…）) that closes the plan's paragraph
stating it. Pure.

"这条是哪些部门负责的" after a question about one measure, or "光伏装机由哪些部门负责": the paragraph that best
holds what is asked about (the question's own asking words aside) and carries such a note answers, with the
sentence it is about. The note's label words (lexicon role ``duty_note``) and the asking words (``ask_duty``)
are vocabulary; the shape of the note (a bracketed label, a colon, the names) is structural.
"""

from __future__ import annotations

import re

from assistant.text.sentences import sentences
from assistant.types import Answer, Hit

from .extract import hit_evidence
from .lexicon import lexicon
from .render import render
from .structured import Part, escape_md
from .terms import term_coverage
from .understand import Question

MIN_COVERAGE = 0.5  # of the question's content terms, in the paragraph that carries the note


def _note_re() -> re.Pattern[str]:
    return re.compile(rf"[（(]\s*(?:{lexicon().pattern('duty_note')})\s*[：:]\s*([^（）()]+)[）)]")


def asks_duty(text: str) -> bool:
    return bool(lexicon().regex("ask_duty").search(text))


def duty_answer(q: Question, hits: list[Hit], terms: list[str], docs, weight=None) -> Answer | None:
    """The responsibility note of the paragraph that best states what the question is about, or None."""
    lex = lexicon()
    content = [t for t in terms if not lex.regex("ask_duty").search(t) and not lex.regex("duty_word").search(t)]
    if not content:
        return None
    note_re = _note_re()
    best = None
    for hit in [h for h in hits if h.chunk.kind != "indicator"][:10]:
        for para in hit.chunk.text.split("\n"):
            note = note_re.search(para)
            if note is None:
                continue
            body = para[:note.start()]
            cov = term_coverage(content, " ".join((*hit.chunk.heading_path[-1:], body)), weight)  # 5．着力培育氢能经济
            if cov >= MIN_COVERAGE and (best is None or cov > best[0]):
                best = (cov, hit, body, note)
    if best is None:
        return None
    _, hit, body, note = best
    sent = max(sentences(body), key=lambda s: term_coverage(content, s, weight)).strip()
    ev = hit_evidence(hit)
    ev.highlight = sent
    line = f"“{escape_md(sent)}”一项的{escape_md(note.group(0).strip('（()）'))}。"
    return render(q, [Part(lines=[line], evidence=[ev])], docs, False)
