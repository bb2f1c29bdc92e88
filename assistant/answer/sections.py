"""Section answers: a section named in the question, its counterpart in a plan lacking that heading, the
clause that defines a thin section, and where in a plan a topic is (location). Pure."""

from __future__ import annotations

import functools
import re

from assistant.answer.lists import box_evidence
from assistant.text.patterns import FIELD_LINE_RE, GLOSSARY_RE, NUM_PREFIX_RE, PLACEHOLDER_LIST_RE, QUOTED_RE
from assistant.text.sentences import sentences
from assistant.types import Answer, Citation, Document, Hit

from .extract import extractive, hit_evidence
from .indicators import spelled_share
from .lexicon import lexicon
from .render import MAX_CITES_PER_DOC, render
from .structured import (
    Evidence,
    Part,
    doc_name,
    escape_md,
    table_text,
)
from .synonyms import present
from .tables import asked_unit
from .terms import char_bigrams, masked_question, plain, term_coverage, without_subject
from .understand import Question

NEAR_HITS = 8  # passages looked at for a heading above several that answer
NEAR_COVER_GAP = 0.2  # a passage covering the key terms this much less than the best one does not say it as well
MAX_QUOTED = 150  # characters of the sentence a where-is-it answer quotes after the place it names
_UNTITLED = ("table", "box", "title", "front")  # section kinds whose title names no part of the plan's text


def titled(sec) -> bool:
    """A heading of the plan's running text as written (not a table, box, title or preamble, nor inferred)."""
    return sec.kind not in _UNTITLED and not sec.inferred


def running_part(sec) -> bool:
    """A part of the plan's running text, its heading written or inferred (第二章（原文缺标题）)."""
    return sec.kind not in _UNTITLED


def subtree(doc: Document, sec):
    """The section and the sections under it, in order."""
    return (s for s in doc.sections if s.id == sec.id or s.id.startswith(sec.id + "."))


def location_answer(q: Question, docs, hits: list[Hit], terms, metas=(), scope=(), weight=None,
                    listed: bool = False) -> Answer | None:
    """Where a topic is: a section the question names, else the headings of the passage that covers the key terms
    best (down to the titled item holding it), or the heading above several such passages. ``weight``: how much
    each term counts (a rare word of the plans, 托育, more than a common one, 服务). ``listed``: things were asked
    before the place (发现了哪些问题，哪一节讲的), so a passage whose section lists items under it comes first."""
    secs = named_sections(q, docs, scope, metas) if scope else []
    # a term's entry in the glossary (名词解释 › 城市体检) is where it is defined, and a section titled by one word
    # of things asked before the place (城市体检发现了哪些问题，…) is not their list: their place only when the
    # passages show none
    if secs and not (all(_defined_only(s) for s in secs)
                     or listed and _share(terms, " ".join(secs[0].path), weight) < 0.5):
        return _named_place(q, docs, secs, terms, weight)
    found = _passage_place(q, docs, hits, terms, weight, listed)
    return found if found is not None or not secs else _named_place(q, docs, secs, terms, weight)


def _defined_only(sec) -> bool:
    """A section under the plan's glossary (名词解释)."""
    return any(GLOSSARY_RE.match(plain(t)) for t in sec.path[:-1])


def _share(terms, text: str, weight) -> float:
    """How much of what is asked ``text`` says: each thing named counts, and a rare one (托育) more than a common
    one (服务)."""
    return (term_coverage(terms, text) + term_coverage(terms, text, weight)) / 2


def _named_place(q: Question, docs, secs, terms=(), weight=None) -> Answer:
    """The sections the question names by title, with the boxes under them, each with the sentence of its own text
    that says the asked words most (国道省道沿线的站间距写在哪一节 -> 4.2.2间距要求, 原文：国道、省道沿线每百公里…), as a
    place found by its passage is quoted."""
    parts = []
    used: dict[str, int] = {}  # citations per plan: a box named in the answer must be one of them
    for sec in secs[:2]:
        doc = docs[sec.doc_id]
        room = MAX_CITES_PER_DOC - used.get(doc.doc_id, 0) - 1
        boxes = [b for b in doc.boxes if b.section_id == sec.id][:max(room, 0)]
        used[doc.doc_id] = used.get(doc.doc_id, 0) + 1 + len(boxes)
        extra = f"（其中有{'、'.join(escape_md(b.title) for b in boxes)}）" if boxes else ""
        highlight = _saying_most(sec.text or "", [t for t in terms if not any(t in p for p in sec.path)], weight)
        quote = f"原文：{escape_md(highlight)}" if highlight and len(highlight) <= MAX_QUOTED else ""
        parts.append(Part(lines=[f"在《{escape_md(doc.meta.title)}》的 {escape_md(' › '.join(sec.path))} 部分{extra}。"
                                 f"{quote}"],
                          evidence=[Evidence(doc.doc_id, sec.path, sec.text or sec.path[-1],
                                             highlight=highlight if quote else None)]
                          + [box_evidence(doc, b) for b in boxes]))
    return render(q, parts, docs, False, long_ok=True)


def _saying_most(text: str, terms: list[str], weight) -> str:
    """The sentence of ``text`` naming the most of ``terms`` (words the section's title does not already say),
    stripped; empty when none names any."""
    said = [s.strip() for s in sentences(text) if any(t in s for t in terms)]
    return max(said, key=lambda s: term_coverage(terms, s, weight)) if said else ""


def cited_place(q: Question, docs, cited: Citation) -> Answer:
    """Where a passage an answer cited sits (its headings), with the sentence it quoted: the place of what an
    earlier part of the message was answered by."""
    doc = docs[cited.doc_id]
    said = (cited.highlight or "").strip()
    quote = f"原文：{escape_md(said)}" if said and len(said) <= MAX_QUOTED else ""
    path = list(cited.heading_path)
    sec = next((s for s in doc.sections if s.path == tuple(cited.heading_path)), None)
    item = _paragraph_title(sec, tuple(cited.heading_path), said) if sec is not None else None
    path += [item] if item else []  # （四）加大节能监察力度: the titled item holding the quoted sentence
    part = Part(lines=[f"在《{escape_md(doc.meta.title)}》的 {escape_md(' › '.join(path))} 部分。{quote}"],
                evidence=[Evidence(cited.doc_id, cited.heading_path, cited.text, cited.score, cited.highlight)])
    return render(q, [part], docs, False)


def _passage_place(q: Question, docs, hits: list[Hit], terms, weight, listed: bool) -> Answer | None:
    """The headings of the passage that says the topic best (down to the titled item holding it), or the heading
    above several such passages."""
    if not hits:
        return None

    def share(text: str) -> float:
        return _share(terms, text, weight)

    def passage(h: Hit) -> str:  # what a passage and its headings say (各县市区布局情况 › 1.离石区)
        return f"{h.chunk.text} {' '.join(h.chunk.heading_path)}"

    def cover(h: Hit) -> float:
        return share(passage(h))

    def headed(h: Hit) -> float:  # a passage under a heading that names the topic (发展普惠托育服务 for 托育)
        return share(" ".join(h.chunk.heading_path))

    def lists(h: Hit) -> bool:  # its section has sections under it: the items a list asked for
        return listed and any(s.parent_id == h.chunk.section_id and titled(s) for s in docs[h.chunk.doc_id].sections)

    # the passage naming most of the things asked, then the one saying the rarer ones
    passing = [h for h in hits[:5] if cover(h) >= 0.5]
    if not passing:
        return None
    hit = max(passing, key=lambda h: (lists(h), term_coverage(terms, passage(h)), cover(h), headed(h), -h.rank))
    doc = docs[hit.chunk.doc_id]
    # passages that say it about as fully as the best one: a passage stating the whole topic (加油站之间 of
    # 4.2.2间距要求) is where it is, not the chapter above it and passages naming only part of it (加油站)
    near = [h for h in hits[:NEAR_HITS] if h.chunk.doc_id == hit.chunk.doc_id
            and cover(h) >= max(0.5, cover(hit) - NEAR_COVER_GAP)]
    common = _common_path([h.chunk.heading_path for h in near])
    below = " ".join(hit.chunk.heading_path[len(common):])
    # several sub-sections of one heading that names it, their own headings do not
    if len(near) >= 2 and common and below and share(" ".join(common)) >= 0.5 > share(below):
        near = near[:MAX_CITES_PER_DOC]  # the sub-sections named are the ones cited
        below_titles = list(dict.fromkeys(h.chunk.heading_path[len(common)] for h in near))
        part = Part(lines=[f"在《{escape_md(doc.meta.title)}》的 {escape_md(' › '.join(common))} 部分"
                           f"（{'、'.join(escape_md(t) for t in below_titles[:3])}等）。"],
                    evidence=[hit_evidence(h) for h in near])
        return render(q, [part], docs, False)
    path = " › ".join(hit.chunk.heading_path)
    said = [s for s in sentences(hit.chunk.text) if any(t in s for t in terms)]
    highlight = max(said, key=lambda s: term_coverage(terms, s, weight)) if said else None  # the sentence saying it most
    item = _item_title(doc, hit, highlight)
    if item:  # 14﹒利用工业互联网提升安全生产: the numbered item under the heading that holds it
        path += f" › {item}"
    also = [h for h in hits[:5] if h is not hit and h.chunk.doc_id == hit.chunk.doc_id
            and h.chunk.heading_path != hit.chunk.heading_path and cover(h) >= 0.5][:1]
    more = "".join(f"；另见 {escape_md(' › '.join(h.chunk.heading_path))}" for h in also)
    boxes = [b for b in doc.boxes if b.section_id == hit.chunk.section_id
             and b.title not in hit.chunk.heading_path and term_coverage(terms, "\n".join(b.body_text())) >= 0.3]
    boxes = boxes[:max(MAX_CITES_PER_DOC - 1 - len(also), 0)]  # only boxes that can be cited are named
    if boxes:
        more += f"（该节还有{'、'.join(escape_md(b.title) for b in boxes)}）"
    quote = f"原文：{escape_md(highlight.strip())}" if highlight and len(highlight) <= MAX_QUOTED else ""
    part = Part(lines=[f"在《{escape_md(doc.meta.title)}》的 {escape_md(path)} 部分{more}。{quote}"],
                evidence=[hit_evidence(hit)] + [hit_evidence(h) for h in also] + [box_evidence(doc, b) for b in boxes])
    part.evidence[0].highlight = highlight
    return render(q, [part], docs, False)


def _common_path(paths: list[tuple[str, ...]]) -> tuple[str, ...]:
    if not paths:
        return ()
    n = 0
    while all(len(p) > n and p[n] == paths[0][n] for p in paths):
        n += 1
    return paths[0][:n]


def _item_title(doc: Document, hit: Hit, sentence: str | None) -> str | None:
    """The title of the paragraph that holds ``sentence``, when the paragraph is an item led by its own title
    (14﹒利用工业互联网提升安全生产。…) that its headings do not already name."""
    if not sentence:
        return None
    sec = next((s for s in doc.sections if s.id == hit.chunk.section_id), None)
    return _paragraph_title(sec, tuple(hit.chunk.heading_path), sentence) if sec else None


def _paragraph_title(sec, headings: tuple[str, ...], sentence: str) -> str | None:
    """The title of the paragraph of ``sec`` holding ``sentence``, when it is an item led by its own title that
    ``headings`` do not already name."""
    para = next((p for p in sec.paragraphs if sentence.strip() in p.text), None) if sentence else None
    if para is None or not para.topic or any(para.topic in h for h in headings):
        return None
    return para.topic


def section_title(sec) -> str:
    return _bare_title(sec.title)


@functools.lru_cache(maxsize=1 << 16)
def _bare_title(title: str) -> str:
    return NUM_PREFIX_RE.sub("", title).strip()


_PERIOD_RE = lexicon().regex("five_year_plan")


def _own_words(title: str, subject: str) -> str:
    """What a section's title says beyond the plan's own subject and a five-year period (十四五 of 十四五规划目标
    says when, not which section: 十四五清规的时候 does not name it)."""
    return _PERIOD_RE.sub("", without_subject(title, subject)).replace(" ", "")


def named_sections(q: Question, docs, scope, metas) -> list:
    """Sections whose own title the question names (基本原则, 发展定位, 统筹“五区联动”…), best first:
    the whole title, or (for titles of four or more characters) most of it and most of what it says beyond the
    plan's own subject (加油站 of 加油站转型 in a 加油站 plan names no section; 期限 of 规划期限 does). Of a
    section named and one named under it, the inner one."""
    masked = plain(masked_question(q, metas))
    found = []
    for d in scope:
        subject = plain(docs[d].meta.title)
        for sec in docs[d].sections:
            if not titled(sec):
                continue
            t = plain(section_title(sec))
            if len(t) < 2:
                continue
            if t in masked or _shares_head(t, masked):
                found.append((2.0 + len(t) / 100, sec))
            elif len(t) >= 4 and (share := spelled_share(t, masked, 0.6)) >= 0.6 and len(
                    rest := _own_words(t, subject)) >= 2 and spelled_share(rest, masked, 0.6) >= 0.6:
                found.append((share + len(t) / 100, sec))
    if not found and q.docs:  # 加油站规划有啥原则 names 规划原则: the plan's 原则, its plan word gone with its name
        raw = masked_question(q, metas)
        found = [(1.0, sec) for d in scope for sec in docs[d].sections
                 if titled(sec) and _asked_after_plan_name(_after_plan_word(plain(section_title(sec))), raw)]
    found += _qualified_twins(docs, scope, found)
    found += _named_under(q, docs, scope, found)
    # 布局原则里的远近结合 / 农林植保作业是重点任务的第几条: a section named (whole, or most of its title) under one
    # named whole is the one asked, not its parent's list
    outer = [o for n, o in found if n >= 2.0]
    nested = [(n, sec) for n, sec in found if any(sec.id.startswith(o.id + ".") and (
        n >= 2.0 or _named_beyond(sec, o, masked)) for o in outer)]
    found = nested or found
    found.sort(key=lambda x: -x[0])
    if not found:
        return []
    best = found[0][0]
    return [sec for n, sec in found if n >= best - 0.001]


def _named_beyond(inner, outer, masked: str) -> bool:
    """The question spells most of what the inner section's title says beyond the outer one's (农林植保作业 of
    发展农林植保作业 under 重点任务), not only the words they share (布局原则 of 科学布局原则 under 规划布局原则)."""
    rest = without_subject(plain(section_title(inner)), plain(section_title(outer))).replace(" ", "")
    return len(rest) >= 2 and spelled_share(rest, masked, 0.6) >= 0.6


MIN_NAMED_UNDER = 3  # characters of a sub-section's title the question must write whole to name it


def _named_under(q: Question, docs, scope, found) -> list:
    """Sections under one the question names whole, whose whole title the question writes as typed, the plan's
    own area in it (分区施策里岷江新区 of a 岷江省 plan: masking the plan's name hid it): the part asked inside
    the one named, scored as a title named whole."""
    outer = [sec for n, sec in found if n >= 2.0]
    raw = plain(q.resolved)
    have = {sec.id for _, sec in found}
    return [(2.0 + len(t) / 100, sec) for d in scope for sec in docs[d].sections
            if sec.id not in have and titled(sec) and any(sec.id.startswith(o.id + ".") for o in outer)
            and len(t := plain(section_title(sec))) >= MIN_NAMED_UNDER and t in raw]


_CONJUNCTION = lexicon().pattern("conjunction")
_PLAN_WORD_LEAD_RE = re.compile(f"^(?:{lexicon().pattern('plan_title_word')})")


def _after_plan_word(title: str) -> str:
    """A title led by a plan word (规划原则, 方案目标) without it: what a question naming the plan asks of it
    (重庆加油站规划有啥原则, whose plan word went with the plan's name); empty for other titles."""
    m = _PLAN_WORD_LEAD_RE.match(title)
    return title[m.end():] if m else ""


_FILLER_RE = re.compile("|".join(f"(?:{lexicon().pattern(r)})" for r in ("question_word", "generic", "of", "list",
                                                                          "ask_quantity", "count_unit")))


def _asked_after_plan_name(rest: str, masked: str) -> bool:
    """``rest`` follows the blanked plan name and closes the question, with only asking words around it
    (＿＿有啥原则, ＿＿的原则有哪几条): the plan's own 原则, not another title's (＿＿确定的基本原则) nor a thing
    under it (＿＿原则里的统筹城乡是啥意思)."""
    if len(rest) < 2:
        return False
    m = re.search(f"＿([^＿]*?){re.escape(rest)}([^＿]*)$", masked)
    return m is not None and not any(plain(_FILLER_RE.sub("", g)) for g in m.groups())
SHARED_HEAD_GAP = 4  # characters of the other conjunct between a title's first word and its shared head


def _shares_head(title: str, question: str) -> bool:
    """The question names the title with its head word shared by two conjuncts: 高速和干线公路 names 高速公路 (and
    干线公路 as written). The title splits into a first word and a head of two characters or more each."""
    for i in range(2, len(title) - 1):
        first, head = title[:i], title[i:]
        if first in question and re.search(
                rf"{re.escape(first)}(?:{_CONJUNCTION})[\u4e00-\u9fff]{{1,{SHARED_HEAD_GAP}}}?{re.escape(head)}", question):
            return True
    return False


def _qualified_twins(docs, scope, found) -> list:
    """For plans in scope where no section is titled as the question names it whole (布局原则), the one section
    titled so after a short qualifier (规划布局原则) that has items, scored as the whole title it ends with: a
    question naming no plan covers every plan with such a section."""
    whole = {plain(section_title(sec)): n for n, sec in found if n >= 2.0}
    have = {sec.doc_id for n, sec in found if n >= 2.0}
    out = []
    for d in scope:
        if d in have or not whole:
            continue
        twins = []
        for sec in docs[d].sections:
            if not titled(sec):
                continue
            t = plain(section_title(sec))
            named = [w for w in whole if t.endswith(w) and 0 < len(t) - len(w) <= MAX_QUALIFIER]
            if named and len(_items_of(docs[d], sec)) >= 2:
                twins.append((whole[named[0]], sec))
        if len(twins) == 1:  # several such sections: which one is not said
            out += twins
    return out


MAX_FIELD_LINE = 100  # a "label：value" line is short; longer paragraphs are running text


def field_answer(q: Question, docs, scope, terms: list[str], weight=None) -> Answer | None:
    """"工作组的组长是谁": a "label：value" line (组　长：王清宪 省长) whose label is a key term of the question,
    under a title (its heading path, or the line before the fields) that holds most of the other key terms. Several
    labels named under one ask (组长副组长是谁, 组长和副组长是谁) are each quoted, from the one list whose title
    holds the rest best."""
    found = []  # (doc, section, title, label, line) of each field line whose label the question names
    for d in scope:
        for sec in docs[d].sections:
            title = " ".join(sec.path)  # the list's title: the heading, or the line before its fields
            for para in sec.paragraphs:
                m = FIELD_LINE_RE.match(para.text) if len(para.text) <= MAX_FIELD_LINE else None
                if not m:
                    title = " ".join(sec.path) + " " + para.text
                    continue
                label = re.sub(r"\s+", "", m.group("label"))
                if label in terms:
                    found.append((docs[d], sec, title, label, para.text.strip()))
    labels = {f[3] for f in found}
    # what the list's title must hold: the terms no label asked names (组长 of 副组长 is a label's, not the title's)
    rest = [t for t in terms if not any(t in label for label in labels)]
    scored = [(term_coverage(rest, title, weight) if rest else 1.0, doc.doc_id, sec.id, title) for doc, sec, title, *_ in found]
    kept = [x for x in scored if x[0] >= 0.5]
    if not kept:
        return None
    best = max(kept, key=lambda x: x[0])  # the first list of the best cover
    lines, seen = [], set()
    for (doc, sec, _title, label, line), (_, d, sid, t) in zip(found, scored, strict=True):
        if (d, sid, t) == best[1:] and label not in seen:
            seen.add(label)
            lines.append(line)
            shown = (doc, sec)
    doc, sec = shown
    part = Part(lines=[f"**{escape_md(doc_name(doc))} · {escape_md(sec.path[-1])}**：{escape_md('；'.join(lines))}"],
                evidence=[Evidence(doc.doc_id, sec.path, sec.text or lines[0], highlight=lines[0])])
    return render(q, [part], docs, False)


def names_section(q: Question, docs, metas, scope: tuple[str, ...] | None = None) -> bool:
    """Whether the question names a section by its whole title (第四章的基本原则有哪些), not by most of it. Any
    plan's titles count: a plan without that heading (高新区基本原则有哪些) is answered from its counterpart;
    with ``scope``, only those plans' titles."""
    masked = plain(masked_question(q, metas))
    held = tuple(docs[d] for d in scope) if scope is not None else tuple(docs.values())
    return any(t in masked for t in _all_titles(held))


_TITLES: dict[tuple[int, ...], tuple[tuple, frozenset[str]]] = {}


def _all_titles(docs: tuple) -> frozenset[str]:
    """The plain titles (two characters or more) of every titled section of these plans, once per set of plans
    (by identity; the plans are kept with the entry so the ids stay theirs)."""
    key = tuple(id(d) for d in docs)
    hit = _TITLES.get(key)
    if hit is None:
        titles = frozenset(t for doc in docs for sec in doc.sections if titled(sec)
                           and len(t := plain(section_title(sec))) >= 2)
        if len(_TITLES) >= 8:
            _TITLES.clear()
        _TITLES[key] = hit = (docs, titles)
    return hit[1]


def section_part(doc: Document, sec, where: bool = False) -> Part:
    """What a section says: its sub-headings, or its paragraphs' lead sentences, or its first sentences; named by
    its whole heading path when ``where`` it is was asked."""
    children = [s for s in doc.sections if s.parent_id == sec.id and s.kind not in ("table", "box")]
    body = sec.text
    part = Part()
    name = f"**{escape_md(doc_name(doc))} · {escape_md(' › '.join(sec.path) if where else sec.path[-1])}**"
    if children:
        part.lines.append(f"{name}包括：")
        part.lines.extend(f"- {escape_md(c.path[-1])}" for c in children)
        # the cited passage is what the lines quote, the sub-headings, not the section's lead paragraph
        part.evidence.append(Evidence(doc.doc_id, sec.path, "\n".join(c.path[-1] for c in children)))
        return part
    tables = [t for t in doc.tables if t.section_id == sec.id]
    if not body.strip() and tables:  # a section that is its table (五、主要指标 holding 表1 alone)
        part.lines.append(f"{name}：" + "；".join(escape_md(table_gist(t)) for t in tables) + "。")
        part.evidence.extend(Evidence(doc.doc_id, sec.path + (t.title,), table_text(t)) for t in tables)
        return part
    topics = [p.topic for p in sec.paragraphs if p.topic]
    # items led by their own titles (——数据要素市场体系初步建立。…): the section's list, even between a lead
    # paragraph (到2025年，…) and a closing one (展望2035年，…)
    if len(topics) >= 2 and len(topics) >= len(sec.paragraphs) - 2:
        part.lines.append(f"{name}：")
        part.lines.extend(f"- {escape_md(t)}" for t in topics)
    else:
        sents = sentences(body)
        text, used = [], 0
        for x in sents:
            if used + len(x) > 260 and text:
                break
            text.append(x)
            used += len(x)
        part.lines.append(f"{name}：{escape_md(''.join(text).strip())}")
    part.evidence.append(Evidence(doc.doc_id, sec.path, body))
    return part


GIST_ROWS = 12  # of a table without groups, the row names a section's summary lists


def table_gist(t) -> str:
    """What a table lists, in a line: its title and its groups (防洪减灾、供水保障…), else its rows' names."""
    groups = list(dict.fromkeys(r.group for r in t.records if r.group))
    names = groups or [r.key for r in t.records if r.kind == "data" and r.key][:GIST_ROWS]
    return f"{t.title}（{'、'.join(names)}）" if names else t.title


@functools.lru_cache(maxsize=65536)
def _gram_set(text: str) -> frozenset[str]:
    return frozenset(char_bigrams(plain(text)))


def _dice(a: str, b: str) -> float:
    """Dice overlap of character bigrams; topics repeat across plans, so their bigram sets are cached."""
    x, y = _gram_set(a), _gram_set(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def _items_of(doc: Document, sec) -> list[str]:
    children = [section_title(s) for s in doc.sections if s.parent_id == sec.id and s.kind not in ("table", "box")]
    return children or [p.topic for p in sec.paragraphs if p.topic]


def _counterpart_part(doc: Document, other: Document, sec, title: str) -> Part | None:
    """A plan without a section titled like ``sec`` (the 高新区 plan lost its 基本原则 heading): the run of its
    paragraphs whose lead sentences match ``sec``'s items (坚持战略引领、辐射带动 ~ 战略引领、辐射带动)."""
    items = _items_of(other, sec)
    if len(items) < 2:
        return None
    best = None
    for cand in doc.sections:
        if cand.kind in ("table", "box"):
            continue
        paras = [p for p in cand.paragraphs if p.topic and max(_dice(p.topic, it) for it in items) >= 0.5]
        if len(paras) >= 2 and (best is None or len(paras) > len(best[1])):
            best = (cand, paras)
    if best is None:
        return None
    cand, paras = best
    part = Part(lines=[f"**{escape_md(doc_name(doc))}**（未设“{escape_md(title)}”标题，对应内容在 "
                       f"{escape_md(' › '.join(cand.path))}）："])
    part.lines.extend(f"- {escape_md(p.topic)}" for p in paras)
    part.evidence.append(Evidence(doc.doc_id, cand.path, "\n".join(p.text for p in paras)))
    return part


def _defining_clause(doc: Document, sec) -> Part | None:
    """A clause elsewhere in the plan that states what a thin section is about: "牢牢把握“科学之城、创新高地”发展定位",
    "以提高城市国际化水平……为发展主线" for a section titled 发展定位 / 发展主线."""
    title = plain(section_title(sec))
    if len(title) < 2:
        return None
    pat = re.compile(lexicon().pattern("named_as") + re.escape(title))
    for other in doc.sections:
        if other.id == sec.id:
            continue
        for para in other.paragraphs:
            for clause in re.findall(r"[^，。；]+", para.text):
                if pat.search(clause):
                    return Part(lines=[f"规划在 {escape_md(' › '.join(other.path))} 中写道：{escape_md(clause.strip())}。"],
                                evidence=[Evidence(doc.doc_id, other.path, para.text, highlight=clause.strip())])
    return None


_GENERIC_RE = lexicon().regex("generic")


def _headed_by(title: str, term: str) -> bool:
    """The title is the term after generic words only (发展定位 for 定位, 总体目标 …): it names that aspect."""
    return len(term) >= 2 and title.endswith(term) and not _GENERIC_RE.sub("", title[:-len(term)])


def path_sections(docs, scope, terms: list[str]) -> list:
    """Sections whose heading path holds every key term, one of them in the section's own title
    (工业互联网 + 定位 -> 三、发展定位 › （二）长江上游工业互联网融合应用示范区), deepest first. A single term
    asked (两份规划各自的定位) names the section titled by it after generic words (第三节 发展定位)."""
    if len(terms) == 1:
        return [sec for d in scope for sec in docs[d].sections
                if titled(sec) and _headed_by(plain(section_title(sec)), terms[0])][:2]
    if not terms:
        return []
    found = []
    for d in scope:
        for sec in docs[d].sections:
            if not titled(sec):
                continue
            path = " ".join(sec.path)
            own = section_title(sec)
            if all(present(t, path) for t in terms) and any(present(t, own) for t in terms):
                found.append(sec)
    return sorted(found, key=lambda s: -len(s.path))[:2] if len(found) <= 3 else []


_SECTION_REF_RE = lexicon().regex("section_ref")  # 那节, 保障那块, 数据要素那章: words referring to a section
_SECTION_IN_RE = lexicon().regex("section_in")  # 总体目标中: a word putting the question inside the section named
MAX_PLANS_LISTED = 4  # sections shown for a question naming a section title no plan is asked of
MAX_QUALIFIER = 4  # characters before the head noun in a list's own heading (规划实施 of 规划实施保障措施)


def headed_sections(docs, scope, head: str | None) -> list:
    """Per plan in scope, the one section titled as a list of what a list question asks for (保障措施有几条 ->
    第五章 规划实施保障措施): its title is the asked head noun with a short qualifier at most (not a task that
    ends with it: 加快建设多元开放国际化城市) and it has items (sub-headings or titled paragraphs). None where a
    plan has several such sections (which one is not said)."""
    if not head or len(head) < 2:
        return []
    found = []
    for d in scope:
        secs = [sec for sec in docs[d].sections if titled(sec) and (t := plain(section_title(sec))).endswith(head)
                and len(t) - len(head) <= MAX_QUALIFIER and len(_items_of(docs[d], sec)) >= 2]
        if len(secs) == 1:
            found.append(secs[0])
    return found


COUNTERPART_PLANS = 16  # other plans searched for the heading a plan lacks


def section_answer(q: Question, docs, scope, metas, retriever=None, weight=None, terms=(),
                   head: str | None = None, where: bool = False) -> Answer | None:
    """A section the question names (by title, or by its heading path holding the key terms), else the section
    titled as a list of ``head`` (what a list question asks for); ``where``: named by its whole heading path."""
    secs = (named_sections(q, docs, scope, metas) or path_sections(docs, scope, list(terms))
            or headed_sections(docs, scope, head))
    if not secs:  # the plan asked about lost the heading another plan has (高新区 基本原则): its matching paragraphs
        rest = tuple(d for d in docs if d not in scope)
        # (among a few plans; in a corpus of hundreds another plan's heading says nothing of this one's)
        others = named_sections(q, docs, rest, metas) if len(rest) <= COUNTERPART_PLANS else []
        if not others:
            return None
        sec = others[0]
        twins = [_counterpart_part(docs[d], docs[sec.doc_id], sec, section_title(sec)) for d in scope]
        twins = [t for t in twins if t is not None]
        return render(q, twins, docs, False, long_ok=True) if twins else None
    parts = []
    for sec in secs[:MAX_PLANS_LISTED]:
        parts.append(section_part(docs[sec.doc_id], sec, where))
        if len(sec.paragraphs) <= 1 and not any(s.parent_id == sec.id for s in docs[sec.doc_id].sections):
            extra = _defining_clause(docs[sec.doc_id], sec)  # a one-paragraph section may not say it all
            if extra is not None:
                parts.append(extra)
    if retriever is not None:  # a comparison: plans without such a section answer from their own passages
        title = section_title(secs[0])
        for d in scope:
            if any(sec.doc_id == d for sec in secs):
                continue
            twin = _counterpart_part(docs[d], docs[secs[0].doc_id], secs[0], title)
            if twin is not None:
                parts.append(twin)
                continue
            hs = retriever.search(title + " " + q.resolved, 5, [d])
            sub = extractive(hs, [title], False, limit=160, max_sentences=2, weight=weight)
            label = f"**{escape_md(doc_name(docs[d]))}**（未设“{escape_md(title)}”标题，以下为最相关的原文）："
            sub.lines = [label + sub.lines[0], *sub.lines[1:]] if sub.lines else [label + "未找到。"]
            parts.append(sub)
    return render(q, parts, docs, False, long_ok=True)


def section_figure_answer(q: Question, docs, scope, metas, terms, weight=None,
                          wholes: dict[str, frozenset[str]] | None = None) -> Answer | None:
    """"总体目标那节说全市一共新规划多少座": a number asked of a section the question names as a section (its whole
    title, then 那节 / 这部分 or 中 / 里: lexicon roles ``section_ref``, ``section_in``; 巴南区 alone names a place,
    not its section) is
    the figure that section states in the unit asked (本次共计新规划加油站427座), not a table's total elsewhere.
    A whole-area word (全市) keeps the plans of that level (``wholes``: each plan's own whole-area words); of a
    plan's sections, the longest title named; of its sentences, the one holding most of the key terms."""
    unit = asked_unit(q.resolved)
    if unit is None:
        return None
    masked = plain(masked_question(q, metas))
    named: dict[str, list] = {}
    for d in scope:
        for sec in docs[d].sections:
            if not titled(sec):
                continue
            t = plain(section_title(sec))
            at = masked.find(t) if len(t) >= 2 else -1
            if at >= 0 and (_SECTION_REF_RE.match(masked, at + len(t))  # 总体目标那节: the title, a word for a section
                            or _SECTION_IN_RE.match(masked, at + len(t))):  # or for within it (总体目标中)
                named.setdefault(d, []).append((len(t), sec))
    asked_wholes = set(lexicon().regex("whole_area").findall(q.resolved))
    if asked_wholes and wholes:
        named = {d: s for d, s in named.items() if asked_wholes & wholes.get(d, frozenset())} or named
    figure = re.compile(rf"\d+(?:\.\d+)?\s*{re.escape(unit)}")
    parts = []
    for d, found in named.items():
        longest = max(n for n, _ in found)
        best = None
        for _, sec in (x for x in found if x[0] == longest):
            for para in (p for s in subtree(docs[d], sec) for p in s.paragraphs):
                for sent in sentences(para.text):
                    if not figure.search(sent):
                        continue
                    cover = term_coverage(terms, sent, weight) if terms else 0.0
                    if best is None or cover > best[0]:
                        best = (cover, sec, para.text, sent.strip())
        if best is None:
            continue
        _, sec, text, sent = best
        head = f"**{escape_md(doc_name(docs[d]))} · {escape_md(sec.path[-1])}**："
        parts.append(Part(lines=[head + escape_md(sent)], evidence=[Evidence(d, sec.path, text, highlight=sent)]))
    return render(q, parts, docs, False) if parts else None


QUOTED_ITEM_MAX = 10  # an item of a quoted slogan list (政府支持) is short


def quoted_shape_answer(q: Question, docs, scope, metas) -> Answer | None:
    """"规划原则里那句“xx、xx、xx”的基本原则是哪三个": a quoted shape of placeholders asks for the quoted list of
    that many short items (“政府支持、企业主导、公共先行”) in the section the question names, in whichever plan
    has one. None when the question holds no such shape or no named section quotes a list of that length."""
    m = PLACEHOLDER_LIST_RE.search(q.resolved)
    if m is None:
        return None
    n = m.group(0).count("、") + 1
    parts = []
    for sec in named_sections(q, docs, scope, metas):
        doc = docs[sec.doc_id]
        if any(p.evidence[0].doc_id == doc.doc_id for p in parts):
            continue
        found = next(((s, p.text, sent) for s in subtree(doc, sec) for p in s.paragraphs for sent in sentences(p.text)
                      for quote in QUOTED_RE.findall(sent)
                      if len(items := quote.split("、")) == n and all(1 < len(i) <= QUOTED_ITEM_MAX for i in items)),
                     None)
        if found is None:
            continue
        src, text, sent = found
        head = f"**{escape_md(doc_name(doc))} · {escape_md(src.path[-1])}**："
        parts.append(Part(lines=[head + escape_md(sent.strip())],
                          evidence=[Evidence(doc.doc_id, src.path, text, highlight=sent.strip())]))
    return render(q, parts, docs, False) if parts else None


_SECTION_CONTENT_RE = lexicon().regex("section_content")  # 几块内容, 分别是啥: what a section holds is asked


def referenced_section_answer(q: Question, docs, scope, terms: list[str]) -> Answer | None:
    """"保障那块一共几条？分别是啥 / 数据要素那章讲了几块内容": a section the question points at by words of its title
    (the key terms before 那块 / 那章), asked for what it holds and nothing more of it: per plan, the highest
    section whose title holds every such word and that has items, answered with its items."""
    text = q.resolved
    ref = _SECTION_REF_RE.search(text)
    asks = [m.span() for m in _SECTION_CONTENT_RE.finditer(text)]
    if ref is None or not asks or ref.start() == 0:
        return None
    spans = [ref.span(), *asks]

    def at(t: str) -> int:
        return text.find(t)

    before = [t for t in terms if 0 <= at(t) < ref.start()]
    start = ref.end()
    if not before:  # 最后那章保障措施 一共几条: the title's words right after the pointer, before the ask
        ask = min((a for a, _ in asks if a >= ref.end()), default=len(text))
        before = [t for t in terms if ref.end() <= at(t) and at(t) + len(t) <= ask]
        start = ask
    after = [t for t in terms if at(t) >= start and not any(a <= at(t) and at(t) + len(t) <= b
                                                            for a, b in spans)]
    if not before or after:  # 工业互联网这块的定位: an aspect of the section is asked, not its items
        return None
    parts = []
    for d in scope:
        sec = pointed_section(docs[d], before)
        if sec is not None:
            parts.append(section_part(docs[d], sec))
    if not parts or len(parts) > MAX_PLANS_LISTED:
        return None
    return render(q, parts, docs, False, long_ok=True)


def pointed_section(doc: Document, words: list[str], last: bool = False):
    """The section a question points at by words of its title (保障 of 保障那块): the highest titled section whose
    title holds every word and that has items; of several at that level the shortest title, or the last in the
    plan when the question says 最后 (最后工作机制那部分). None when no section's title holds them all."""
    found = [sec for sec in doc.sections if titled(sec) and all(present(t, section_title(sec)) for t in words)
             and len(_items_of(doc, sec)) >= 2]
    if not found:
        return None
    top = min(len(s.path) for s in found)
    found = [s for s in found if len(s.path) == top]
    return found[-1] if last else min(found, key=lambda s: len(section_title(s)))


_BREAKDOWN_RE = lexicon().regex("breakdown")  # 分成, 由哪些构成: the parts of something asked
_CJK_RUN_RE = re.compile(r"[\u4e00-\u9fff]+$")


_STAGE_ASK_RE = lexicon().regex("stage_ask")  # 分几步, 几个阶段: the stages a plan is carried out in
_STAGE_ITEM_RE = lexicon().regex("stage_item")  # 阶段: what a stage's heading holds


def stages_answer(q: Question, docs, scope) -> Answer | None:
    """"实施分几步走": per plan, the section whose sub-headings are all stages (（一）启动实施阶段（2021—2022年）),
    not one matched by a title word (规划实施) whose items are of another kind; of several, the one whose title
    shares most of the words before the ask, then the innermost."""
    m = _STAGE_ASK_RE.search(q.resolved)
    if m is None:
        return None
    before = set(char_bigrams(plain(q.resolved[:m.start()])))
    parts = []
    for d in scope:
        found = [sec for sec in docs[d].sections if titled(sec)
                 and len(items := _items_of(docs[d], sec)) >= 2 and all(_STAGE_ITEM_RE.search(i) for i in items)]
        if found:
            sec = max(found, key=lambda s: (len(before & set(char_bigrams(plain(section_title(s))))), len(s.path)))
            parts.append(section_part(docs[d], sec))
    if not parts or len(parts) > MAX_PLANS_LISTED:
        return None
    return render(q, parts, docs, False, long_ok=True)


def parts_section_answer(q: Question, docs, scope) -> Answer | None:
    """"2025年的目标分成了几个方面": the section titled as what is split (发展目标 for 目标, the longest such
    word before the asking words) with its items, per plan; with a year asked, only sections stating it."""
    m = _BREAKDOWN_RE.search(q.resolved)
    run = _CJK_RUN_RE.search(q.resolved[:m.start()]) if m else None
    if run is None:
        return None
    word = run.group(0)
    for n in range(min(len(word), MAX_QUALIFIER + 2), 1, -1):
        secs = [sec for sec in headed_sections(docs, scope, word[-n:])
                if not q.years or any(y in sec.text for y in q.years)]
        if secs and len(secs) <= MAX_PLANS_LISTED:
            return render(q, [section_part(docs[sec.doc_id], sec) for sec in secs], docs, False, long_ok=True)
    return None
