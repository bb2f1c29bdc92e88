"""Questions about a part of a plan, answered from that part's structure and its sentences. Pure.

- A topic's figures: "生态那块有哪些量化指标 / 钢铁行动里废钢有啥硬指标" asks for the sentences that state a
  quantity inside the part about that topic, not its number-less sentences. The part is the heading (or the
  titled paragraph: ——融合应用加速普及。…) whose heading path names the most of the question's key terms; the
  terms it does not name choose among its sentences. A part named before 那部分 with something else asked after
  it (数字丝绸之路那部分要跟哪些国家合作) is answered from its sentences holding what is asked.
- A part by its number: 第七部分 (the plan's seventh top-level part, whatever its heading form) with its items;
  保障措施第一条 (the named section's first item) from that item's own sentences.
- Headings of one kind: 部署了哪些专项行动 -> the sibling headings ending in ……行动.
- A plan's parts: 《若干政策》一共支持哪几个方面 (nothing asked beyond the plan's own names) -> its top-level headings.
"""

from __future__ import annotations

import re

from assistant.text.numbers import cn_to_int
from assistant.text.patterns import (
    INNER_UNIT,
    ITEM_NUMBER_RE,
    NUMBER_LABEL_RE,
    NUMBERED_PART_RE,
    NUMERAL_RE,
    ORDINAL_RE,
    PART_UNIT,
    QUANTITY_RE,
)
from assistant.text.sentences import sentences
from assistant.types import Answer, Document

from .aims import numbered_parts, plan_topic
from .lexicon import lexicon
from .reasons import NO_FIGURES
from .render import MAX_CITES_PER_DOC, refuse, render
from .sections import MAX_PLANS_LISTED, running_part, section_part, section_title, subtree, titled
from .structured import Evidence, Part, doc_name, escape_md
from .synonyms import present
from .terms import plain, term_coverage
from .understand import Question

_PLAN_PARTS_RE = lexicon().regex("plan_parts_ask")  # 哪几个方面, 分几部分: a plan's parts asked
_FIGURES_RE = lexicon().regex("ask_figures")  # 量化指标, 硬指标, 哪些目标: the figures of a topic asked
MAX_FIGURES = 6  # sentences quoted for a topic's figures
# a sentence chosen by the terms its part's headings do not name holds this much of them, and nearly as much as
# the sentence holding most (公园数量 and 自然岸线 asked together are stated in two sentences)
REST_FLOOR = 0.3
NEAR_BEST = 0.8
TOPIC_NAMED = 0.8  # a sentence naming a topic no heading names holds this much of its words
MAX_TOPIC_SENTENCES = 3  # sentences quoted of a part for what else the question names


def asks_figures(question: str) -> bool:
    return bool(_FIGURES_RE.search(question))


def states_figure(sentence: str) -> bool:
    """A quantity stated, not a list item's number (12﹒…), a table's or box's label (专栏7) or a year alone."""
    return bool(QUANTITY_RE.search(NUMBER_LABEL_RE.sub(" ", ITEM_NUMBER_RE.sub("", sentence))))


def _units(doc: Document):
    """Every titled part of a plan with what names it: a heading (its paragraphs are those of its subtree) and a
    paragraph led by its own title (——融合应用加速普及。…) alone, as (title, section, paragraph or None)."""
    for sec in _body_sections(doc):
        yield " ".join(sec.path), sec, None
        for p in sec.paragraphs:
            if p.topic:
                yield f"{' '.join(sec.path)} {p.topic}", sec, p


def _pairs(doc: Document, sec, para) -> list:
    """The (section, paragraph) pairs of a unit: the paragraph alone, or every paragraph of the heading's subtree."""
    if para is not None:
        return [(sec, para)]
    return [(s, p) for s in subtree(doc, sec) for p in s.paragraphs]


def _body_sections(doc: Document) -> list:
    """The headings of the plan's running text as written (sections.titled)."""
    return [s for s in doc.sections if titled(s)]


def _figures(pairs, rest: list[str], weight, figures: bool = True) -> list[tuple[float, object, object, str]]:
    """The sentences of ``pairs`` (section, paragraph) stating a quantity (any, when not ``figures``), with their
    coverage of ``rest``."""
    out = []
    for sec, para in pairs:
        for sent in sentences(para.text):
            sent = sent.strip()
            if sent and (not figures or states_figure(sent)):
                out.append((term_coverage(rest, sent, weight) if rest else 1.0, sec, para, sent))
    return out


def _best_units(doc: Document, terms: list[str], weight) -> tuple[float, list]:
    """The weight of the terms the best-named parts of a plan name, and those parts (title, paragraphs)."""
    best: list = []
    top = 0.0
    for title, sec, para in _units(doc):
        named = sum(weight(t) for t in terms if present(t, title))
        if named <= 0 or named < top:
            continue
        if named > top:
            best, top = [], named
        best.append((title, sec, para))
    return top, [(title, _pairs(doc, sec, para)) for title, sec, para in best]


def _stated_figures(q: Question, docs, scope, named: list[str], weight) -> Answer:
    """"虚拟电厂这块有没有量化指标" where no heading names the topic: the figure sentences naming it, per plan; a
    refusal when none does (the plan speaks of the topic without a figure)."""
    parts = []
    for d in scope:
        pairs = [(s, p) for s in docs[d].sections for p in s.paragraphs]
        found = [f for f in _figures(pairs, named, weight) if f[0] >= TOPIC_NAMED][:MAX_CITES_PER_DOC]
        if found:
            part = Part(lines=[escape_md(f[3]) for f in found],
                        evidence=[Evidence(d, f[1].path, f[2].text, highlight=f[3]) for f in found])
            part.lines[0] = f"**{escape_md(doc_name(docs[d]))}**：{part.lines[0]}"
            parts.append(part)
    if not parts:
        return refuse(q, docs, "所收录的规划中没有给出这方面的量化指标。", [], NO_FIGURES)
    return render(q, parts, docs, False, long_ok=True)


def topic_figures_answer(q: Question, docs, scope, terms: list[str], weight=None, said=None,
                         locating: list[str] | None = None, figures: bool = True) -> Answer | None:
    """The figure-stating sentences of the parts whose headings name the most of the key terms (by weight, over
    the plans in scope; every such part, a heading with its whole subtree), narrowed to those naming the terms its
    headings do not (公园数量 and 自然岸线 of 碳汇那部分); where no heading names any term, the plan's figure
    sentences naming them all. ``said``: whether the plans write a term at all (an asker's word no plan writes
    does not narrow). ``locating``: the terms that name the part (those before 那部分), when the question says
    which; ``figures`` False: any sentence of the part holding the other terms (数字丝绸之路那部分要跟哪些国家合作),
    at most ``MAX_TOPIC_SENTENCES``. None when no plan states such a figure."""
    if not terms:
        return None
    said = said or (lambda t: True)
    weight = weight or (lambda t: min(len(t), 4))
    naming = locating or terms
    bests = {d: _best_units(docs[d], naming, weight) for d in scope}
    top = max((n for n, _ in bests.values()), default=0.0)
    if locating and top < sum(weight(t) for t in locating) - 1e-9:  # no part's headings name them all
        return _stated_figures(q, docs, scope, locating, weight) if figures else None
    parts = []
    for d in scope:
        doc = docs[d]
        named, best = bests[d]
        chosen = []
        for title, pairs in (best if top > 0 and named >= top - 1e-9 else []):
            rest = [t for t in terms if said(t) and (t not in locating if locating else not present(t, title))]
            found = _figures(pairs, rest, weight, figures)
            most = max((f[0] for f in found), default=0.0)
            near = NEAR_BEST * most if figures else 0.0
            chosen += [f for f in found if (not rest and figures) or (rest and f[0] >= max(REST_FLOOR, near))]
        if not figures:
            chosen = sorted(chosen, key=lambda f: -f[0])[:MAX_TOPIC_SENTENCES]
        elif top <= 0:  # no heading names any term: the plan's figure sentences naming them all
            pairs = [(s, p) for s in doc.sections for p in s.paragraphs]
            chosen = [f for f in _figures(pairs, [t for t in terms if said(t)], weight) if f[0] >= TOPIC_NAMED]
        ranked = sorted(dict((f[3], f) for f in chosen).values(), key=lambda f: -f[0])
        paras: list = []  # a plan is cited at most MAX_CITES_PER_DOC times: sentences of that many paragraphs
        chosen = []
        for f in ranked:
            if len(chosen) == MAX_FIGURES:
                break
            if f[2] not in paras and len(paras) < MAX_CITES_PER_DOC:
                paras.append(f[2])
            if f[2] in paras:
                chosen.append(f)
        if not chosen:
            continue
        order = {id(p): i for i, p in enumerate(p for s in doc.sections for p in s.paragraphs)}
        chosen.sort(key=lambda f: (order.get(id(f[2]), 0), f[2].text.find(f[3])))
        part = Part()
        for _, sec, para, sent in chosen:
            part.lines.append(escape_md(sent))
            part.evidence.append(Evidence(d, sec.path, para.text, highlight=sent))
        part.lines[0] = f"**{escape_md(doc_name(doc))}**：{part.lines[0]}"
        parts.append(part)
    return render(q, parts, docs, False, long_ok=True) if parts else None


# ---------------------------------------------------------------- parts named by number


def _children(doc: Document, sec) -> list:
    return [s for s in _body_sections(doc) if s.parent_id == sec.id]


def top_part(doc: Document, n: int):
    """The plan's n-th top-level part (第七部分 of a plan headed 一、…七、…): the top-level heading numbered n,
    when the plan's top-level headings are numbered."""
    body = _body_sections(doc)
    if not body:
        return None
    top = min(s.level for s in body)
    found = [s for s in body if s.level == top and s.number and _numeral(s.number) == n]
    return found[0] if len(found) == 1 else None


def last_part(doc: Document):
    """The plan's last top-level part (最后一章, 最后那部分); None when it has no titled headings."""
    body = _body_sections(doc)
    if not body:
        return None
    top = min(s.level for s in body)
    return [s for s in body if s.level == top][-1]


def plan_parts_answer(q: Question, docs, terms: list[str]) -> Answer | None:
    """"《支持工业互联网发展若干政策》一共支持哪几个方面": the one plan named, asked of nothing beyond its own names
    (its title, issuer, 文号), answers with its top-level headings, when it has two or more."""
    if len(q.docs) != 1 or not _PLAN_PARTS_RE.search(q.resolved):
        return None
    d = q.docs[0]
    asked = [t for t in terms if not _PLAN_PARTS_RE.search(t)]
    if plan_topic(asked, docs, (d,)):
        return None  # 目标分哪几个方面: the parts of something the plan names (parts_section_answer)
    body = [s for s in docs[d].sections if running_part(s)]  # a chapter whose heading was lost is a part too
    top = min((s.level for s in body), default=0)
    heads = [s for s in body if s.level == top]
    if len(heads) < 2:
        return None
    part = Part(lines=[f"**{escape_md(doc_name(docs[d]))}**："])
    part.lines.extend(f"- {escape_md(s.path[-1])}" for s in heads)
    part.evidence.append(Evidence(d, (), "\n".join(s.path[-1] for s in heads)))
    return render(q, [part], docs, False, long_ok=True)


def _numeral(number: str) -> int | None:
    m = NUMERAL_RE.search(number)
    return cn_to_int(m.group(0)) if m else None


def numbered_part_answer(q: Question, docs, scope) -> Answer | None:
    """"第七部分讲什么 / 具体分哪几块": the plan's part numbered so at its top level, with what it holds, where
    the plan names no part 第七部分 itself (assistant/answer/aims.py answers a 第四章 the plan writes)."""
    m = NUMBERED_PART_RE.search(q.resolved)
    if m is None or m.group(2) != PART_UNIT:
        return None
    n = cn_to_int(m.group(1))
    parts = []
    for d in scope:
        if numbered_parts(q.resolved, docs[d]):
            return None
        sec = top_part(docs[d], n) if n else None
        if sec is not None:
            parts.append(section_part(docs[d], sec))
    return render(q, parts, docs, False, long_ok=True) if 0 < len(parts) <= MAX_PLANS_LISTED else None


_LAST_PART_RE = lexicon().regex("last_part_ref")
_IN_END_RE = re.compile(f"(?:{lexicon().pattern('section_in')})$")  # 最后一章: the plan's last part


def inner_part_answer(q: Question, docs, scope) -> Answer | None:
    """"高新区规划最后一章第三节是啥" / "第十章第二节讲什么": the section numbered so inside the chapter named before it
    (by its number among the plan's top-level parts, or as the last of them), with what it holds; None when the
    question names no such pair or not one plan has it."""
    found = list(NUMBERED_PART_RE.finditer(q.resolved))
    inner = next((m for m in reversed(found) if m.group(2) == INNER_UNIT), None)
    if inner is None:
        return None
    outer = next((m for m in found if m.group(2) != INNER_UNIT and m.end() <= inner.start()), None)
    last = _LAST_PART_RE.search(q.resolved[:inner.start()]) if outer is None else None
    if outer is None and last is None:
        return None
    n, k = (cn_to_int(outer.group(1)) if outer else 0), cn_to_int(inner.group(1))
    parts = []
    for d in scope:
        doc = docs[d]
        chapter = top_part(doc, n) if n else last_part(doc)
        kids = [c for c in _children(doc, chapter) if c.number and _numeral(c.number) == k] if chapter and k else []
        if len(kids) == 1:
            parts.append(section_part(doc, kids[0]))
    return render(q, parts, docs, False, long_ok=True) if len(parts) == 1 else None


def nth_item_answer(q: Question, docs, scope, terms: list[str], weight=None) -> Answer | None:
    """"保障措施第一条要建立什么机制": the n-th item (sub-heading, or paragraph led by its title) of the section the
    question names just before the ordinal, answered with that item's sentences holding the most of the other
    key terms (not the list of the section's items)."""
    m = ORDINAL_RE.search(q.resolved)
    if m is None:
        return None
    n = cn_to_int(m.group(1))
    before = _IN_END_RE.sub("", plain(q.resolved[:m.start()]))  # 政策创新里第四条: the section's own title ends it
    parts = []
    for d in scope:
        doc = docs[d]
        named = [s for s in _body_sections(doc) if len(t := plain(section_title(s))) >= 2 and before.endswith(t)]
        if len(named) != 1 or not n:
            continue
        sec = named[0]
        items = [(c, c.paragraphs) for c in _children(doc, sec)] or [(sec, (p,)) for p in sec.paragraphs if p.topic]
        if n > len(items):
            continue
        item, paras = items[n - 1]
        rest = [t for t in terms if not present(t, section_title(sec)) and t not in m.group(0)]
        sents = [(term_coverage(rest, s, weight) if rest else 0.0, i, s.strip(), p)
                 for p in paras for i, s in enumerate(sentences(p.text)) if s.strip()]
        if not sents:
            continue
        best = max(sents, key=lambda x: (x[0], -x[1]))
        label = item.path[-1] if item is not sec else (best[3].topic or "")
        # the item by its own label (（一）…): a digit for 第一条 would be a number no cited passage states
        head = f"**{escape_md(doc_name(doc))} · {escape_md(section_title(sec))} › {escape_md(label)}**："
        parts.append(Part(lines=[head + escape_md(best[2])],
                          evidence=[Evidence(d, item.path, best[3].text, highlight=best[2])]))
    return render(q, parts, docs, False, long_ok=True) if len(parts) == 1 else None


# ---------------------------------------------------------------- headings of one kind

MIN_KIND_HEADINGS = 3  # sibling headings ending alike that make a plan's list of that kind (十项行动)


def kind_headings(doc: Document, head: str) -> list:
    """"部署了哪些专项行动": the sibling headings whose titles end with the asked head noun's last word (……行动),
    the longest ending that some are titled with; [] unless exactly one heading has at least
    ``MIN_KIND_HEADINGS`` such children (which list is meant is otherwise not said)."""
    body = _body_sections(doc)
    for n in range(len(head), 1, -1):
        end = head[-n:]
        groups: dict[str | None, list] = {}
        for s in body:
            if plain(section_title(s)).endswith(end):
                groups.setdefault(s.parent_id, []).append(s)
        big = [g for g in groups.values() if len(g) >= MIN_KIND_HEADINGS]
        if big:
            return big[0] if len(big) == 1 else []
    return []


def kind_list_answer(q: Question, docs, scope, head: str | None, count: int | None = None) -> Answer | None:
    """Per plan in scope, the headings of the kind a list question asks for (assistant/answer/topics.py
    ``kind_headings``), listed under the heading that holds them. When the question says how many (哪五个),
    a list of another length is not the one asked: all the holding heading's sub-headings when they are that
    many, else nothing (the items ending alike are then only part of the list: 淡水渔业 among ……产业)."""
    if not head or len(head) < 2:
        return None
    parts = []
    for d in scope:
        found = kind_headings(docs[d], head)
        if not found:
            continue
        parent = next((s for s in docs[d].sections if s.id == found[0].parent_id), None)
        if count is not None and len(found) != count:
            siblings = _children(docs[d], parent) if parent is not None else []
            if len(siblings) != count:
                continue
            found = siblings
        where = f" · {escape_md(parent.path[-1])}" if parent is not None else ""
        part = Part(lines=[f"**{escape_md(doc_name(docs[d]))}{where}**："])
        part.lines.extend(f"- {escape_md(s.path[-1])}" for s in found)
        part.evidence.append(Evidence(d, parent.path if parent is not None else found[0].path,
                                      "\n".join(s.path[-1] for s in found)))
        parts.append(part)
    return render(q, parts, docs, False, long_ok=True) if 0 < len(parts) <= MAX_PLANS_LISTED else None
