"""A topic asked of a named part of a plan: "保障措施里对资金是怎么讲的 / 最后工作机制那部分对钱怎么说 / 第五章里
用地怎么保障" is answered from the item of that part about the topic (a sub-heading, or a paragraph led by its own
title) with its sentences, cited by the item's heading; not with the part's list of items, nor a sentence from
elsewhere in the plan. Pure.

- The part: one the question names by number (第五章, 第五部分), by words of its title before a pointer (工作机制那部分;
  最后 before it: the last such part; 最后一章 alone: the plan's last part), by its title (保障措施), or by a term
  its title ends with after a short qualifier (保障措施 of 规划实施保障措施).
- The topic: the key terms that neither name the part nor the plan (nor the items a list asks for), that some plan
  writes or that name a thing no plan writes (then no item says it); and an asker's everyday one-character word a
  synonym row gives the plans' words for (钱 -> 资金, 财政; 地 -> 用地).
- The item: the one whose heading names the topic (加大资金支持力度), quoted whole up to ``ITEM_CHARS``, the
  sentences on the topic first; where no heading names it and the question puts itself inside the part
  (保障措施里, 那部分, 第五章), the item holding the sentence that says it best, with its sentences on the topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text.numbers import cn_to_int
from assistant.text.patterns import NUMBERED_PART_RE, PART_UNIT
from assistant.text.sentences import sentences
from assistant.types import Answer, Document, Section

from .aims import aim_sentences, asks_aim, numbered_parts, plan_words
from .lexicon import lexicon
from .render import MAX_CITES_PER_DOC, render
from .sections import MAX_PLANS_LISTED, headed_sections, named_sections, pointed_section, subtree, titled
from .structured import Evidence, Part, doc_name, escape_md
from .synonyms import present, synonyms
from .terms import term_coverage
from .topics import last_part, top_part
from .understand import Question

ITEM_CHARS = 300  # characters of an item about the topic quoted (whole sentences; at least one)
TITLE_NAMES = 0.5  # share of the topic's weight an item's heading names for the item to be about the topic
SENTENCE_SAYS = 0.6  # share a sentence holds to be quoted as saying the topic (of an item its heading does not name)
TOPIC_SAID = 0.8  # share the item (its heading and text; else its best sentence) holds to be about the topic at all
TOPIC_SENTENCES = 3  # sentences quoted of an item whose heading does not name the topic

_SECTION_REF_RE = lexicon().regex("section_ref")  # 那部分, 那块: the words before it name the part
_LAST_REF_RE = lexicon().regex("last_part_ref")  # 最后一章: the plan's last part
_LAST_RE = lexicon().regex("last_part")  # 最后 before the pointer: the last of the parts its words name
_SECTION_IN_RE = lexicon().regex("section_in")  # 保障措施里: a word after a part's name putting the question in it
_WORD_RE = re.compile(r"\w")  # a term of punctuation only (——) names no topic


def everyday_terms(words: list[str]) -> list[str]:
    """The one-character words of a question that a synonym row gives the plans' words for (钱, 地): jieba leaves
    them as words of their own, which key terms never are."""
    return list(dict.fromkeys(w for w in words if len(w) == 1 and synonyms(w)))


def _plan_forms(term: str) -> tuple[str, ...]:
    """What a text writes for the term: a one-character everyday word only as the plans' words of its row."""
    return synonyms(term) if len(term) == 1 else (term,)


def _weight_of(weight):
    """The term weight, a one-character everyday word weighing as the heaviest of the plans' words for it."""
    return lambda t: max(weight(w) for w in _plan_forms(t)) if len(t) == 1 else weight(t)


def topic_cover(topic: list[str], text: str, weight) -> float:
    """The weighted share of the topic a text says: a term as ``term_coverage`` reads it, an everyday
    one-character word by any of the plans' words for it."""
    total = sum(weight(t) for t in topic)
    if not total:
        return 0.0
    got = sum(weight(t) * (float(any(present(w, text) for w in _plan_forms(t))) if len(t) == 1
                           else term_coverage([t], text)) for t in topic)
    return got / total


@dataclass(frozen=True)
class AskedPart:
    """The part a question names, the key terms naming it, and whether the question puts itself inside that part
    (第五章, 工作机制那部分, 最后一章, 保障措施里): then the part's sentence saying the topic answers though no
    item's heading names it; a title only mentioned (…的保障措施…) scopes nothing, so only such a heading does."""

    section: Section
    naming: tuple[str, ...]
    scoped: bool


def asked_part(q: Question, doc: Document, docs, metas, terms: list[str]) -> AskedPart | None:
    """The part of ``doc`` the question names: by number, by the words before a pointer (with 最后: the last such
    part), by its whole title, or by a term its title ends with after a short qualifier (规划实施保障措施). None
    when it names none."""
    text = q.resolved
    numbered = NUMBERED_PART_RE.search(text)
    if numbered:
        secs = numbered_parts(text, doc)
        if not secs and numbered.group(2) == PART_UNIT and (n := cn_to_int(numbered.group(1))):
            secs = [s for s in [top_part(doc, n)] if s is not None]
        said = tuple(t for t in terms if t in numbered.group(0) or numbered.group(0) in t)  # 第十一部分 names it
        return AskedPart(secs[-1], said, True) if secs else None
    ref = _SECTION_REF_RE.search(text) or _LAST_REF_RE.search(text)
    if ref:
        before = tuple(t for t in terms if 0 <= text.find(t) < ref.start())
        last = bool(_LAST_RE.search(text, 0, ref.end()))
        if before:
            sec = pointed_section(doc, list(before), last)
            if sec is not None:
                return AskedPart(sec, before, True)
        elif last and (sec := last_part(doc)) is not None:
            return AskedPart(sec, (), True)
    secs = named_sections(q, docs, (doc.doc_id,), metas)
    if len(secs) == 1:  # the terms its title holds name it
        naming = tuple(t for t in terms if present(t, secs[0].path[-1]))
        return AskedPart(secs[0], naming, _scoped(text, naming))
    # 保障措施 of a plan titling it 规划实施保障措施: the one section titled by a term after a short qualifier
    headed = [(t, secs[0]) for t in terms if len(secs := headed_sections(docs, (doc.doc_id,), t)) == 1]
    return AskedPart(headed[0][1], (headed[0][0],), _scoped(text, (headed[0][0],))) if len(headed) == 1 else None


def _scoped(text: str, naming: tuple[str, ...]) -> bool:
    """A word right after the part's name puts the question inside it (保障措施里, 保障措施中, 保障措施那块)."""
    for t in naming:
        at = text.find(t)
        if at >= 0 and (_SECTION_IN_RE.match(text, at + len(t)) or _SECTION_REF_RE.match(text, at + len(t))):
            return True
    return False


def _items(doc: Document, part) -> list[tuple[tuple[str, ...], list]]:
    """The items of a part as (their headings below the part, their (section, paragraph) pairs): each titled
    section under it with its subtree's paragraphs and each paragraph led by its own title (its lead paragraph,
    将全县划分为三类区域, is none of them)."""
    out = []
    for s in subtree(doc, part):
        if not titled(s):
            continue
        below = tuple(s.path[len(part.path):])
        if s.id != part.id:
            out.append((below, [(x, p) for x in subtree(doc, s) if titled(x) for p in x.paragraphs]))
        out.extend(((*below, p.topic), [(s, p)]) for p in s.paragraphs if p.topic)
    return out


def _kind_words(items, topic: list[str]) -> set[str]:
    """Topic terms every heading of two or more items names (行动 of ……行动 headings): the kind of the items, not
    what one of them is about."""
    heads = [" ".join(below) for below, _ in items]
    return {t for t in topic if len(heads) >= 2 and all(present(t, h) for h in heads)}


def _quoted(pairs: list, topic: list[str], weight, whole: bool) -> list[tuple[object, object, str]]:
    """The sentences of an item quoted for the topic, in the item's order, as (section, paragraph, sentence).
    ``whole`` (its heading names the topic): its sentences up to ``ITEM_CHARS``, those saying most of the topic first;
    otherwise at most ``TOPIC_SENTENCES`` of those saying it."""
    sents = [(sec, p, s.strip()) for sec, p in pairs for s in sentences(p.text) if s.strip()]
    scored = [(topic_cover(topic, s, weight), i) for i, (_, _, s) in enumerate(sents)]
    if whole:
        ranked = sorted(scored, key=lambda x: (-round(x[0], 2), x[1]))
    else:
        ranked = sorted((x for x in scored if x[0] >= SENTENCE_SAYS), key=lambda x: (-x[0], x[1]))[:TOPIC_SENTENCES]
    chosen, used = [], 0
    for _, i in ranked:
        if chosen and used + len(sents[i][2]) > ITEM_CHARS:
            continue
        chosen.append(i)
        used += len(sents[i][2])
    return [sents[i] for i in sorted(chosen)]


def topic_item(doc: Document, part, topic: list[str], weight,
               scoped: bool = True) -> tuple[tuple[str, ...], list] | None:
    """The item of the part about the topic and its sentences quoted: the item whose heading names most of it
    (at least ``TITLE_NAMES``; of several, the one whose text says more of it), else the item holding the
    sentence that says it best, where the question is ``scoped`` to the part (``AskedPart``). None when the part
    does not say it: the item with its heading, or that sentence, holds less than ``TOPIC_SAID`` of it (资金
    named, 碳交易 asked with it said nowhere in the part)."""
    items = _items(doc, part)
    topic = [t for t in topic if t not in _kind_words(items, topic)]
    if not items or not topic:  # an item named itself (发展家庭养老床位) is quoted whole by the section handlers
        return None
    named = [(topic_cover(topic, " ".join(below), weight), below, pairs) for below, pairs in items]
    top = max((n for n, *_ in named), default=0.0)
    if top >= TITLE_NAMES:
        _, below, pairs = max((x for x in named if x[0] >= top - 1e-9),
                              key=lambda x: topic_cover(topic, " ".join(p.text for _, p in x[2]), weight))
        if topic_cover(topic, " ".join([*below, *(p.text for _, p in pairs)]), weight) < TOPIC_SAID:
            return None
        return below, _quoted(pairs, topic, weight, whole=True)
    if not scoped:
        return None
    said = [(topic_cover(topic, s, weight), -len(below), below, pairs)
            for below, pairs in items for _, p in pairs for s in sentences(p.text)]
    best = max(said, key=lambda x: x[:2], default=None)
    if best is None or best[0] < TOPIC_SAID:
        return None
    _, _, below, pairs = best
    return below, _quoted(pairs, topic, weight, whole=False)


def _item_part(doc: Document, label: str, quoted: list) -> Part:
    """The quoted sentences under the plan's name and the item's headings, each paragraph they come from cited
    (at most ``MAX_CITES_PER_DOC``), highlighting its first sentence quoted."""
    out = Part(lines=[f"**{escape_md(doc_name(doc))} · {escape_md(label)}**："])
    for key in list(dict.fromkeys((sec.id, id(p)) for sec, p, _ in quoted))[:MAX_CITES_PER_DOC]:
        here = [(sec, p, s) for sec, p, s in quoted if (sec.id, id(p)) == key]
        out.lines[-1] += escape_md("".join(s for *_, s in here))
        out.evidence.append(Evidence(doc.doc_id, here[0][0].path, here[0][1].text, highlight=here[0][2]))
    return out


_AIM_VERB_RE = lexicon().regex("aim_verb")  # 建成, 打造: an aim asked as what a thing is to become
_QUESTION_RE = lexicon().regex("question_word")


def pointed_aim_answer(q: Question, docs: dict[str, Document], scope, metas, terms: list[str]) -> Answer | None:
    """"城市建设那章，最后想把高新区建成个什么样的城市": the aim of a part the question points at by words of its
    title (X那章, X那块; 最后那部分), not by number (``chapter_aim_answer``): per plan, the sentences stating that
    part's aim (``aim_sentences``: its lead paragraph's, then its 目标 sub-sections'). None when the question asks
    no aim or points at no part."""
    text = q.resolved
    if NUMBERED_PART_RE.search(text) or not (_SECTION_REF_RE.search(text) or _LAST_REF_RE.search(text)):
        return None
    if not (asks_aim(text) or _AIM_VERB_RE.search(text) and _QUESTION_RE.search(text)):
        return None
    parts = []
    for d in scope:
        asked = asked_part(q, docs[d], docs, metas, terms)
        aims = aim_sentences(docs[d], asked.section) if asked is not None else []
        if not aims:
            continue
        head = f"**{escape_md(doc_name(docs[d]))} · {escape_md(asked.section.path[-1])}**："
        part = Part(lines=[head + escape_md(aims[0][0]), *(escape_md(a) for a, _ in aims[1:])])
        part.evidence.extend(Evidence(d, src.path, src.text, highlight=a) for a, src in aims)
        parts.append(part)
    if not parts or len(parts) > MAX_PLANS_LISTED:
        return None
    return render(q, parts, docs, False)


def part_topic_answer(q: Question, docs: dict[str, Document], scope, metas, terms: list[str], weight=None,
                      said=None, everyday: list[str] = (), listed: tuple[str, ...] = ()) -> Answer | None:
    """Per plan in scope, the item of the part the question names that is about the topic it asks of that part
    (module docstring), headed by the part's and the item's headings. ``said``: whether a term is part of the
    topic (the asker's framing, 概念 or 求教, is not; a thing no plan writes is, so no item says it);
    ``everyday``: the question's one-character words standing for the plans' words (``everyday_terms``);
    ``listed``: the words of what a list question asks for (整治区域 of 划分为哪几类整治区域), which are the
    part's items, not a topic. None when no plan in scope has such a part, the question asks nothing of it
    beyond its name, or the part does not say the topic."""
    said = said or (lambda t: True)
    weight = _weight_of(weight or (lambda t: min(len(t), 4)))
    parts, answered = [], []
    for d in scope:
        doc = docs[d]
        asked = asked_part(q, doc, docs, metas, terms)
        if asked is None:
            continue
        part, naming = asked.section, asked.naming
        own = plan_words(doc)
        topic = [t for t in terms if said(t) and _WORD_RE.search(t) and t not in naming and t not in own
                 and not any(present(t, h) for h in listed)]
        topic += [w for w in everyday if not any(w in t for t in topic)]
        if not topic:
            continue
        got = topic_item(doc, part, topic, weight, asked.scoped)
        if got is None or not got[1]:
            continue
        below, quoted = got
        parts.append(_item_part(doc, " › ".join((part.path[-1], *below)), quoted))
        answered.append(d)
    if not parts or len(parts) > MAX_PLANS_LISTED or (len(q.docs) >= 2 and set(q.docs) - set(answered)):
        return None  # plans compared are each answered, by the handlers that find a plan's counterpart too
    return render(q, parts, docs, False, long_ok=True)
