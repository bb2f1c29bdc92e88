"""Who is responsible for an item: the responsibility note (（责任单位：…）) that closes the plan's paragraph
stating it, else the sentences whose subject is a body doing what is asked (国家发展改革委要加强统筹协调). Pure.

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


_BODY_CHARS = 12  # the longest stretch before a body's last characters (国家发展和改革 + 委员会)
MAX_BODIES = 3  # sentences quoted when bodies named as subjects answer


def _body_re() -> re.Pattern[str]:
    """A sentence opening with one or more bodies (国家发展改革委、中央网信办…) and what they do (要, 负责, 会同)."""
    lex = lexicon()
    body = rf"[\u4e00-\u9fff]{{1,{_BODY_CHARS}}}?(?:{lex.pattern('duty_body')})"
    return re.compile(rf"^\s*{body}(?:、{body})*(?:{lex.pattern('duty_verb')})")


def body_answer(q: Question, hits: list[Hit], content: list[str], docs, weight=None) -> Answer | None:
    """"这个方案谁来统筹？碳排放强度目标归谁管": the sentences of the plans in scope whose subject is a body
    (国家发展改革委要加强统筹协调) that best hold what is asked about, up to MAX_BODIES of them, each covering at
    least MIN_BODY_COVERAGE of it."""
    body_re = _body_re()
    found: dict[str, tuple[float, Hit, str]] = {}
    for hit in [h for h in hits if h.chunk.kind != "indicator"][:10]:
        if q.docs and hit.chunk.doc_id not in q.docs:
            continue
        for sent in sentences(hit.chunk.text):
            sent = sent.strip()
            if not body_re.match(sent):
                continue
            cov = term_coverage(content, sent, weight)
            if cov >= MIN_BODY_COVERAGE and cov > found.get(sent, (0.0,))[0]:
                found[sent] = (cov, hit, sent)
    if not found:
        return None
    parts = []
    for _, hit, sent in sorted(found.values(), key=lambda x: -x[0])[:MAX_BODIES]:
        ev = hit_evidence(hit)
        ev.highlight = sent
        parts.append(Part(lines=[escape_md(sent)], evidence=[ev]))
    return render(q, parts, docs, False)


MIN_BODY_COVERAGE = 0.25  # of the question's content terms, in a sentence whose subject is a body


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
        return body_answer(q, hits, content, docs, weight)
    _, hit, body, note = best
    sent = max(sentences(body), key=lambda s: term_coverage(content, s, weight)).strip()
    ev = hit_evidence(hit)
    ev.highlight = sent
    line = f"“{escape_md(sent)}”一项的{escape_md(note.group(0).strip('（()）'))}。"
    return render(q, [Part(lines=[line], evidence=[ev])], docs, False)
