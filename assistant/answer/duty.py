"""Who is responsible for an item, who leads a body, and what a named unit is responsible for. Pure.

"这条是哪些部门负责的", "光伏装机由哪些部门负责": the paragraph that best states what is asked about (read with
its heading; the question's own asking words aside) answers: the responsibility note closing it (（责任单位：…）
or an inline 责任单位：…), or, when a paragraph whose sentence opens with bodies doing the work (国家发展改革委要…,
由市数据局牵头…) states it better, those sentences. A question asking an amount or a list as well keeps that
part: the note's sentences that state it are quoted with it. "专项工作组谁牵头": the leader lines of the body's
roster (组长：…). "重点项目里由市民政局负责的有哪些": the items whose field, table column or opening body names
that unit. Label, asking, body, agent and leader words are lexicon roles (duty_note, ask_duty, duty_word,
duty_body, duty_verb, duty_by, duty_leader); the shapes (a bracketed label, a colon, names joined by 、) are
structural.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text.patterns import ITEM_NAME_RE
from assistant.text.sentences import sentences
from assistant.types import Answer, Document, Hit

from .aims import plan_topic
from .extract import hit_evidence
from .lexicon import lexicon
from .render import render
from .structured import Evidence, Part, escape_md
from .terms import term_coverage
from .understand import Question

MIN_COVERAGE = 0.5  # of the question's content terms, in the paragraph that carries the note


def _note_re() -> re.Pattern[str]:
    """A responsibility note closing a paragraph or item, bracketed (（责任单位：A、B）) or inline (…，责任单位：A、B。)."""
    label = lexicon().pattern("duty_note")
    return re.compile(rf"[（(]\s*(?:{label})\s*[：:]\s*[^（）()]+[）)]|(?<![（(])(?:{label})\s*[：:]\s*[^（）()。；;\n]+")


_BODY_CHARS = 12  # the longest stretch before a body's last characters (国家发展和改革 + 委员会)
MAX_BODIES = 3  # sentences quoted when bodies named as subjects answer


def _body_re() -> re.Pattern[str]:
    """A sentence opening with one or more bodies (国家发展改革委、中央网信办…), or with them after a word making
    them the agent (由市数据局牵头…: ``duty_by``), and what they do (要, 负责, 会同). Group ``bodies``: the names."""
    lex = lexicon()
    body = rf"[\u4e00-\u9fff]{{1,{_BODY_CHARS}}}?(?:{lex.pattern('duty_body')})"
    return re.compile(rf"^\s*(?:{lex.pattern('duty_by')})?(?P<bodies>{body}(?:、{body})*)(?:{lex.pattern('duty_verb')})")


def body_answer(q: Question, hits: list[Hit], content: list[str], docs, weight=None) -> Answer | None:
    """"这个方案谁来统筹？碳排放强度目标归谁管": the sentences of the plans in scope whose subject is a body
    (国家发展改革委要加强统筹协调) whose paragraphs best state what is asked about (read with their headings), up
    to MAX_BODIES of them, each covering at least MIN_BODY_COVERAGE of it."""
    body_re = _body_re()
    found: dict[str, tuple[float, float, Hit]] = {}
    for hit in [h for h in hits if h.chunk.kind != "indicator"][:10]:
        if q.docs and hit.chunk.doc_id not in q.docs:
            continue
        head = " ".join(hit.chunk.heading_path[-1:])
        for para in hit.chunk.text.split("\n"):
            for sent in sentences(para):
                sent = sent.strip()
                if not body_re.match(sent):
                    continue
                cov = term_coverage(content, sent, weight)
                if cov < MIN_BODY_COVERAGE:
                    continue
                key = (_score(content, head, para, weight), cov)
                if key > found.get(sent, (0.0, 0.0))[:2]:
                    found[sent] = (*key, hit)
    if not found:
        return None
    parts = []
    for sent, (_, _, hit) in sorted(found.items(), key=lambda x: (-x[1][0], -x[1][1]))[:MAX_BODIES]:
        ev = hit_evidence(hit)
        ev.highlight = sent
        parts.append(Part(lines=[escape_md(sent)], evidence=[ev]))
    return render(q, parts, docs, False)


MIN_BODY_COVERAGE = 0.25  # of the question's content terms, in a sentence whose subject is a body


def asks_duty(text: str) -> bool:
    return bool(lexicon().regex("ask_duty").search(text))


def _leader_re() -> re.Pattern[str]:
    """A roster line naming who leads a body (组　长：王清宪 省长): a leader word, spaces allowed between its
    characters as rosters align them, a colon, the name."""
    words = sorted(lexicon().words("duty_leader"), key=len, reverse=True)
    spaced = "|".join(r"\s*".join(map(re.escape, w)) for w in words)
    return re.compile(rf"^\s*(?:{spaced})\s*[：:]\s*\S")


def roster_answer(q: Question, docs: dict[str, Document], scope: tuple[str, ...], content: list[str],
                  weight=None) -> Answer | None:
    """"专项工作组谁牵头": a body asked of (a term ending in a body word, ``duty_body``: 工作组, 领导小组) is led by
    the leaders its roster names (组长, 副组长: ``duty_leader``), in a section whose title names the body and
    covers at least MIN_COVERAGE of what is asked; None when no such roster is found."""
    body_end = re.compile(rf"(?:{lexicon().pattern('duty_body')})$")
    named = [t for t in content if len(t) >= 2 and body_end.search(t)]
    if not named:
        return None
    leader = _leader_re()
    best = None
    for d in scope:
        for sec in docs[d].sections:
            title = " ".join(sec.path[-1:])
            if not any(t in title for t in named):
                continue
            lines = [p for p in sec.paragraphs if leader.match(p.text)]
            cov = term_coverage(content, title, weight)
            if lines and cov >= MIN_COVERAGE and (best is None or cov > best[0]):
                best = (cov, d, sec, lines)
    if best is None:
        return None
    _, d, sec, lines = best
    parts = [Part(lines=[escape_md(p.text.strip())], evidence=[Evidence(d, sec.path, p.text, highlight=p.text.strip())])
             for p in lines[:MAX_LEADERS]]
    return render(q, parts, docs, False)


MAX_LEADERS = 2  # a roster's leader lines quoted (组长, 副组长)


def asks_more(text: str) -> bool:
    """The question asks something besides who is responsible (…要打造哪几个中心？归谁管, 到2030年要到多少，谁负责):
    the answer quotes what the note's paragraph says of it as well as the note."""
    lex = lexicon()
    duty = lex.regex("ask_duty")
    rest = [c for c in _CLAUSE_RE.split(text) if not duty.search(c)]  # 责任单位是哪几个: the list is of the units
    return any(lex.regex("how_much").search(c) or lex.regex("list").search(c) for c in rest)


_CLAUSE_RE = re.compile(r"[，,？?。；;！!]")


HEAD_SHARE = 0.5  # of a paragraph's score that is its heading's coverage: a section about the asked task


def _score(content: list[str], head: str, body: str, weight) -> float:
    """How well a paragraph states what is asked: its coverage read with its heading, and more when the heading
    itself names it (（五）强化监测评估 for 评估督导, not a paragraph that mentions 督导 in passing)."""
    whole = term_coverage(content, f"{head} {body}", weight)
    return HEAD_SHARE * term_coverage(content, head, weight) + (1 - HEAD_SHARE) * whole


def _quoted(content: list[str], body: str, more: bool, wants_number: bool, weight) -> str:
    """The sentence of the note's paragraph the question is about; when it asks more than who (a list, an
    amount), every sentence nearly as close to it (KEEP_SHARE of the best), those with a figure if it asks one."""
    sents = [s.strip() for s in sentences(body) if s.strip()]
    scored = [(term_coverage(content, s, weight), s) for s in sents]
    if not scored:
        return body.strip()
    best = max(c for c, _ in scored)
    if not more:
        return next(s for c, s in scored if c == best)
    kept = [s for c, s in scored if c >= KEEP_SHARE * best]
    figured = [s for s in kept if any(ch.isdigit() for ch in s)]
    return "".join(figured if wants_number and figured else kept)


KEEP_SHARE = 0.8


def duty_answer(q: Question, hits: list[Hit], terms: list[str], docs, weight=None,
                scope: tuple[str, ...] = ()) -> Answer | None:
    """The leaders of a body asked of, from its roster; else the responsibility note of the paragraph that best
    states what the question is about, or the sentences naming bodies as subjects when a paragraph holding one
    states it better; None when none covers it."""
    lex = lexicon()
    content = [t for t in terms if not lex.regex("ask_duty").search(t) and not lex.regex("duty_word").search(t)]
    # words naming the plan asked of (深圳 of 国家碳达峰试点（深圳）实施方案) say which plan, not which item: an
    # item that happens to write them is no closer to what is asked
    content = plan_topic(content, docs, q.docs) or content
    content = [t for t in content if not _names_table(t, q.resolved)] or content
    if not content:
        return None
    roster = roster_answer(q, docs, scope, content, weight)
    if roster is not None:
        return roster
    note_re, body_re = _note_re(), _body_re()
    best = None
    best_body = 0.0
    for hit in [h for h in hits if h.chunk.kind != "indicator"][:10]:
        head = " ".join(hit.chunk.heading_path[-1:])  # 5．着力培育氢能经济
        for para in hit.chunk.text.split("\n"):
            note = note_re.search(para)
            if note is None:
                if any(body_re.match(s.strip()) for s in sentences(para)):
                    best_body = max(best_body, _score(content, head, para, weight))
                continue
            body = para[:note.start()].strip() or head  # a note on a line of its own: its section's task
            if term_coverage(content, f"{head} {body}", weight) < MIN_COVERAGE:
                continue
            score = _score(content, head, body, weight)
            if best is None or score > best[0]:
                best = (score, hit, body, note)
    if best is None or best_body > best[0]:
        found = body_answer(q, hits, content, docs, weight)
        if found is not None or best is None:
            return found
    _, hit, body, note = best
    more = asks_more(q.resolved)
    sent = _quoted(content, body, more, bool(lex.regex("how_much").search(q.resolved)), weight)
    ev = hit_evidence(hit)
    ev.highlight = sent
    sent = sent.rstrip("，,、 ")  # an inline note's item ends at the comma before its label
    line = f"“{escape_md(sent)}”一项的{escape_md(note.group(0).strip('（()）'))}。"
    return render(q, [Part(lines=[line], evidence=[ev])], docs, False)


def _names_table(term: str, question: str) -> bool:
    """The term names the table the question points at (分工 of 分工表里好像是空的, 表里: lexicon role ``table_ask``):
    it says where the asker looked, not what the item is; the text's note answers a cell the table leaves blank."""
    return bool(lexicon().regex("table_ask").search(term)) or f"{term}表" in question


MAX_ITEMS = 12  # items listed for a body asked of


def _field_re() -> re.Pattern[str]:
    """A responsibility field, bracketed or inline (（责任单位：A、B） / ，责任单位：A、B。): its names."""
    return re.compile(rf"(?:{lexicon().pattern('duty_note')})\s*[：:]\s*([^（）()。；;\n]+)")


def _names(field: str) -> list[str]:
    return [n.strip() for n in re.split(r"[、，,]", field) if n.strip()]


def _named_in(question: str, names: list[str]) -> bool:
    """A unit of the field is named in the question, in full or without the level character that opens a full
    name (民政局 of 市民政局)."""
    return any(n in question or (len(n) >= 4 and n[1:] in question) for n in names)


def asks_items_of(text: str) -> bool:
    """"重点项目里由市民政局负责的有哪些": a list asked of what a named unit is responsible for (a list word and a
    duty word, not who is responsible)."""
    lex = lexicon()
    return bool(lex.regex("list").search(text) and (lex.regex("duty_word").search(text)
                                                      or lex.regex("duty_note").search(text))) and not asks_duty(text)


@dataclass(frozen=True)
class _Item:
    evidence: Evidence
    said: str  # what the answer lists
    names: tuple[str, ...]  # the units its field names that the question names too


def _asked(text: str, field: str) -> tuple[str, ...]:
    return tuple(n for n in _names(field) if _named_in(text, [n]))


def unit_items_answer(q: Question, docs: dict[str, Document], scope: tuple[str, ...], terms: list[str],
                      weight=None) -> Answer | None:
    """The items (paragraphs, list items, table rows) whose responsibility field names the unit the question
    names, or one of whose sentences it opens as the body doing the work (由市数据局牵头…); of them, those under a heading holding the question's other terms (重点项目) when any are."""
    text = q.resolved
    field, label, body_re = _field_re(), lexicon().regex("duty_note"), _body_re()
    items: list[_Item] = []
    for d in scope:
        doc = docs[d]
        for sec in doc.sections:
            for para in sec.paragraphs:
                names = tuple(n for m in field.finditer(para.text) for n in _asked(text, m.group(1)))
                names += tuple(n for sent in sentences(para.text) if (m := body_re.match(sent))
                               for n in _asked(text, m.group("bodies")))
                if not names:
                    continue
                items.append(_Item(Evidence(d, sec.path, para.text, highlight=para.text.strip()),
                                   _item_name(sec, para.text), names))
        for table in doc.tables:
            cols = [c for c in table.columns if label.search(c)]  # a 责任单位 column
            for row in table.records if cols else ():
                names = tuple(n for c in cols for n in _asked(text, row.cell(c)))
                if names:
                    said = "；".join(f"{c}：{v}" for c, v in row.cells if v)
                    items.append(_Item(Evidence(d, (*table.heading_path, table.title), said, highlight=said),
                                       row.key or said, names))
    if not items:
        return None
    return _render_items(q, docs, items, _other_terms(text, terms, items), weight)


def _other_terms(text: str, terms: list[str], items: list[_Item]) -> list[str]:
    """The question's terms besides the unit it names and its duty words (重点项目 of 重点项目里由市民政局负责的)."""
    lex = lexicon()
    rest = text
    for n in sorted({n for it in items for n in it.names}, key=len, reverse=True):
        rest = rest.replace(n, "").replace(n[1:], "") if len(n) >= 4 else rest.replace(n, "")
    rest = lex.regex("duty_word").sub("", rest)
    return [t for t in terms if t in rest and not lex.regex("duty_word").search(t)]


def _item_name(sec, text: str) -> str:
    """What names an item in a list: its own lead (1. 某工程：), else the numbered heading it sits under
    ((二)培育数据市场), else its first sentence."""
    lead = ITEM_NAME_RE.match(text)
    if lead:
        return lead.group(0).strip().rstrip("：:")
    if sec.number and sec.path:
        return sec.path[-1]
    return next((s.strip() for s in sentences(text) if s.strip()), text.strip())


def _render_items(q: Question, docs, items: list[_Item], other: list[str], weight) -> Answer:
    """Items under a heading holding the question's other terms when some are, else all, in the plans' order:
    one list, its items' passages cited on its opening line."""
    scored = [(term_coverage(other, " ".join(it.evidence.heading_path), weight) if other else 0.0, it) for it in items]
    top = max(s for s, _ in scored)
    kept = [it for s, it in scored if s >= MIN_COVERAGE or top < MIN_COVERAGE][:MAX_ITEMS]
    units = "、".join(dict.fromkeys(n for it in kept for n in it.names))
    lines = [f"{escape_md(units)}负责的有：", *(f"- {escape_md(it.said)}" for it in kept)]
    return render(q, [Part(lines=lines, evidence=[it.evidence for it in kept])], docs, False, long_ok=True)
