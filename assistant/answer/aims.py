"""A chapter's or section's aim ("第四章要实现什么目标", "第五章要打造什么样的…"): the sentences that state it
(到20XX年…, 建成 / 打造 / 成为 / 构建…), from the part's lead paragraph and then its 目标 sub-section, rather than
the list of its sub-headings. Pure."""

from __future__ import annotations

import re

from assistant.text.numbers import cn_to_int
from assistant.text.patterns import (
    AIM_YEAR_RE,
    CLAUSE_RE,
    HEADING_NUMBER_RE,
    ITEM_NAME_RE,
    NUMBERED_PART_RE,
    QUANTITY_RE,
    QUOTED_RE,
)
from assistant.text.sentences import sentences
from assistant.types import Answer, Document, Hit, Section

from .lexicon import lexicon
from .render import render
from .sections import section_title, subtree, titled
from .structured import Evidence, Part, doc_name, escape_md
from .terms import plain, term_by, term_coverage
from .understand import Question

LEX = lexicon()
MAX_AIMS = 3


def asks_aim(text: str) -> bool:
    return bool(LEX.regex("aim_ask").search(text))


def states_aim(sentence: str) -> bool:
    return bool(AIM_YEAR_RE.search(sentence) or LEX.regex("aim_verb").search(sentence))


def numbered_parts(text: str, doc: Document) -> list[Section]:
    """Sections the question names by number (第四章, 第四章第二节: the innermost)."""
    named = [(cn_to_int(m.group(1)), m.group(2)) for m in NUMBERED_PART_RE.finditer(text)]
    if not named:
        return []
    found: list[Section] = []
    parent: str | None = None
    for n, unit in named:
        hits = [s for s in doc.sections
                if (parent is None or s.parent_id == parent) and (m := NUMBERED_PART_RE.match(s.path[-1]))
                and m.group(2) == unit and cn_to_int(m.group(1)) == n]
        if len(hits) != 1:
            return []
        parent = hits[0].id
        found = hits
    return found


def aim_sentences(doc: Document, sec: Section) -> list[tuple[str, Section]]:
    """The sentences stating the part's aim: its lead paragraph's, then those of its 目标 sub-sections (at any
    depth, nearest first); a lead paragraph stating none is the part's aim as a whole (its first sentence)."""
    goal_words = LEX.regex("goal")
    subs = sorted((s for s in doc.sections if s.id.startswith(sec.id + ".") and goal_words.search(s.title)),
                  key=lambda s: s.level)
    out: list[tuple[str, Section]] = []
    for s in [sec, *subs]:
        for p in s.paragraphs[:2]:
            out.extend((x.strip(), s) for x in sentences(p.text) if states_aim(x))
    if not out and sec.paragraphs:
        out = [(x.strip(), sec) for x in sentences(sec.paragraphs[0].text)[:1]]
    return list(dict.fromkeys(out))[:MAX_AIMS]


def _title_share(sec: Section, text: str) -> float:
    """How much of the part's own title (without 第X章) the question spells."""
    title = NUMBERED_PART_RE.sub("", sec.path[-1]).strip()
    return sum(c in text for c in title) / len(title) if title else 0.0


def chapter_aim_answer(q: Question, docs: dict[str, Document], scope: tuple[str, ...]) -> Answer | None:
    if not asks_aim(q.resolved) or not NUMBERED_PART_RE.search(q.resolved):
        return None
    found = [(d, sec) for d in scope for sec in numbered_parts(q.resolved, docs[d])]
    titled = [(d, sec) for d, sec in found if _title_share(sec, q.resolved) >= 0.6]
    parts = []
    for d, sec in titled or found:  # a question spelling the title means that plan's part
        aims = aim_sentences(docs[d], sec)
        if not aims:
            continue
        head = f"**{escape_md(doc_name(docs[d]))} · {escape_md(sec.path[-1])}**："
        part = Part(lines=[head + escape_md(aims[0][0]), *(escape_md(a) for a, _ in aims[1:])])
        for a, src in aims:  # one passage per sentence, where it sits
            part.evidence.append(Evidence(d, src.path, src.text, highlight=a))
        parts.append(part)
    if not parts:
        return None
    return render(q, parts, docs, False)


DONE_REACH = 2  # how far before the aim verb a word saying it is done (已经, 已) may stand
AIM_COVER = 0.8  # the share of the topic (weighted) the aim's object must name


def aim_clause_answer(q: Question, docs: dict[str, Document], hits: list[Hit], terms: list[str], weight,
                      depth: int = 10) -> Answer | None:
    """"物流方面最终想建成个什么": the sentence whose aim verb (打造, 建成, 建设成为) takes the topic asked as its
    object (加快打造内陆国际物流枢纽和国际集散分拨中心), rather than a plan-wide goal that only mentions it; a
    clause saying the thing stands already (已经建成…) states no aim; a term of the question that is the passage's
    heading (指导思想里…) says where to look and need not be in the clause.
    None when no retrieved clause names the topic after an aim verb."""
    aim, goal, done = LEX.regex("aim_verb"), LEX.regex("goal"), LEX.regex("done")
    topic = [t for t in terms if not aim.search(t) and not goal.search(t)]
    if not topic:
        return None
    best = None
    for hit in [h for h in hits if h.chunk.kind != "indicator"][:depth]:
        # a term that is the title of the clause's own heading is where the question looks (指导思想里), not what
        # is aimed at; a word a longer title merely contains (物流 in 建设国际物流枢纽) is still the topic
        aimed = [t for t in topic if not any(_is_title(t, h) for h in hit.chunk.heading_path)] or topic
        for sent in sentences(hit.chunk.text):
            for clause in CLAUSE_RE.findall(sent):
                m = aim.search(clause)
                if m and done.search(clause[max(0, m.start() - DONE_REACH):m.start()]):
                    continue  # 已经建成…: what stands, not an aim
                cover = term_coverage(aimed, clause[m.start():], weight) if m else 0.0
                if cover >= AIM_COVER and (best is None or cover > best[0]):
                    best = (cover, hit, sent.strip())
    if best is None:
        return None
    _, hit, sent = best
    said = [sent, *labelled_goal_rest(sent, hit.chunk.text)]
    ev = Evidence(hit.chunk.doc_id, hit.chunk.heading_path, hit.chunk.text, hit.score)
    ev.highlight = sent
    return render(q, [Part(lines=["".join(escape_md(s) for s in said)], evidence=[ev])], docs, False)


STATE_COVER = 0.5  # the share of the topic (weighted) the sentence stating the end state must name
STATE_DEPTH = 6  # the retrieved passages searched for it
GOAL_HEAD_PREFERENCE = 0.1  # of sentences covering the topic alike, one under a 目标 heading states the plan's aim


def end_state_answer(q: Question, docs: dict[str, Document], hits: list[Hit], terms: list[str], weight,
                     depth: int = STATE_DEPTH) -> Answer | None:
    """"乡镇充电这块最后要做到啥程度" / "最后想搭成一个什么样的站点格局" (lexicon role state_ask): the sentence
    stating an aim (an aim verb, or a reach verb: 实现…全覆盖, 构建…格局) that names most of the topic, one under
    a 目标 heading first, then the best retrieved; a sentence saying it stands already (已经建成) states no aim.
    The asked state's own noun (格局) counts as topic: the sentence forming the 格局 answers. None for a year asked
    (the goal handlers answer 到2030年要达到啥样) or when no retrieved sentence names enough of the topic."""
    asked = LEX.regex("state_ask").search(q.resolved)
    if q.years or asked is None or not (q.intent == "goal" or (
            q.intent == "open" and LEX.regex("state_noun").search(asked.group(0)))):
        return None  # 有什么样的要求 asks no state; 要形成怎样的格局 does, goal word or not
    aim, reach, goal, done = LEX.regex("aim_verb"), LEX.regex("reach_verb"), LEX.regex("goal"), LEX.regex("done")
    topic = [t for t in terms if not aim.search(t) and not reach.search(t) and not goal.search(t)]
    if not topic:
        return None
    best = None
    for hit in [h for h in hits if h.chunk.kind != "indicator"][:depth]:
        aimed = any(goal.search(h) for h in hit.chunk.heading_path)
        for sent in sentences(hit.chunk.text):
            m = aim.search(sent) or reach.search(sent)
            if not m or done.search(sent[max(0, m.start() - DONE_REACH):m.start()]):
                continue
            cover = term_coverage(topic, sent, weight)
            score = cover + GOAL_HEAD_PREFERENCE * aimed
            if cover >= STATE_COVER and (best is None or score > best[0]):
                best = (score, hit, sent.strip())
    if best is None:
        return None
    _, hit, sent = best
    ev = Evidence(hit.chunk.doc_id, hit.chunk.heading_path, hit.chunk.text, hit.score)
    ev.highlight = sent
    return render(q, [Part(lines=[escape_md(sent)], evidence=[ev])], docs, False)


TITLE_SHARE = 0.6  # the share of a heading's Chinese characters a term must make up to be its title


def _is_title(term: str, heading: str) -> bool:
    title = "".join(c for c in heading if "\u4e00" <= c <= "\u9fff")
    return bool(title) and term in title and len(term) >= TITLE_SHARE * len(title)


def labelled_goal_rest(sent: str, text: str) -> list[str]:
    """A sentence led by a goal label (总体目标：建成…) opens the goal, which runs on to its paragraph's end
    (实现乡镇30分钟上高速、行政村双车道覆盖率100%。) or to the next labelled item; other sentences stand alone."""
    m = ITEM_NAME_RE.match(sent)
    if not m or not LEX.regex("goal").search(m.group(0)):
        return []
    line = next((ln for ln in text.split("\n") if sent in ln), "")
    rest = line[line.index(sent) + len(sent):] if line else ""
    out = []
    for x in sentences(rest):
        if ITEM_NAME_RE.match(x) or len(out) >= MAX_AIMS - 1:
            break
        out.append(x.strip())
    return [x for x in out if x]


ROLE_LEAD_MAX = 2  # what may stand before the become verb in its clause: an adverb (努力, 力争), not a subject
ROLE_COVER = 0.3  # the share of the question's other terms the role's sentence must hold


def role_answer(q: Question, docs: dict[str, Document], scope: tuple[str, ...], terms: list[str],
                weight) -> Answer | None:
    """"渝中在全市开放大局里要当什么角色" / "两份规划各自的定位" of a plan with no section titled so: what the plan
    means its area to become, in its own words. The roles it gives the things asked among each other (以A为主体，
    以B为辅助: ``_assigned_roles``) first; else a clause of its running text (not a 专栏 item) that begins with
    a become verb (努力建设成为新时代重庆面向全球的窗口、名片, 基本建成全省重要的…集聚区) and counts nothing, not one making something else the subject (把科学会堂
    打造成为…). Of those, the one whose sentence holds most of the question's other terms, the earliest first."""
    role = LEX.regex("role_ask")
    if not role.search(q.resolved):
        return None
    become = LEX.regex("become_verb")
    rest = plan_topic([t for t in terms if not role.search(t)], docs, scope)  # 方案 of 这个方案 names the plan
    parts = []
    for d in scope:
        # where the plan says where things stand (发展现状: 国外形成了以氢能为核心的模式) is no role it gives
        assigned = _assigned_roles(docs[d], rest, weight)
        if assigned is not None:
            sec, para, said = assigned
            head = f"**{escape_md(doc_name(docs[d]))}**：" if len(scope) > 1 else ""
            parts.append(Part(lines=[head + escape_md(said)],
                              evidence=[Evidence(d, sec.path, para.text, highlight=said.lstrip("…"))]))
            continue
        best = None
        for sec, para, sent, clause in _clauses(docs[d]):
            m = become.search(clause)
            if not m or len(clause[:m.start()].strip()) > ROLE_LEAD_MAX or _stands(sec) or QUANTITY_RE.search(clause):
                continue  # a clause counting what it builds (建成起降点150个) states a target, not a role
            cover = term_coverage(rest, sent, weight) if rest else 1.0
            if cover >= ROLE_COVER and (best is None or cover > best[0]):
                best = (cover, sec, para, clause.strip("，；、。 "))
        if best is None:
            continue
        _, sec, para, clause = best
        head = f"**{escape_md(doc_name(docs[d]))}**：" if len(scope) > 1 else ""
        head += _item_lead(sec, rest)
        parts.append(Part(lines=[f"{head}……{escape_md(clause)}。"],
                          evidence=[Evidence(d, sec.path, para.text, highlight=clause)]))
    return render(q, parts, docs, False) if parts else None


def _stands(sec: Section) -> bool:
    """A section under a heading stating where things stand (一、发展现状, 发展基础)."""
    return any(LEX.regex("past_section").search(h) for h in sec.path)


def _item_lead(sec: Section, terms: list[str]) -> str:
    """The numbered item title a role's clause sits under (5．着力培育氢能经济), to lead it, when the title names
    a term asked: the title is the plan's point on it; "" otherwise."""
    title = sec.path[-1] if sec.path else ""
    bare = HEADING_NUMBER_RE.sub("", title).strip()
    if bare == title.strip() or re.search(r"\d", bare) or not any(t in bare for t in terms):
        return ""
    return f"{escape_md(bare)}："


ASSIGN_COVER = 0.6  # the share of the question's other terms the things given roles must name


def _assigned_roles(doc: Document, terms: list[str], weight):
    """The sentence giving the things asked their roles among each other (以专用充电基础设施为主体，以公用充电基础设施
    为辅助，以充换电站为补充): of the sentences whose role clauses (lexicon ``role_assignment``) name most of
    ``terms``, the one naming most, then the one with most such clauses. (section, paragraph, the sentence from its
    first role clause) or None."""
    if not terms:
        return None
    assign = LEX.regex("role_assignment")
    best = None
    for sec in doc.sections:
        if sec.kind in ("table", "box", "title", "front") or _stands(sec):
            continue
        for para in sec.paragraphs:
            for sent in sentences(para.text):
                given = list(assign.finditer(sent))
                if not given:
                    continue
                key = (term_coverage(terms, " ".join(m.group(0) for m in given), weight), len(given))
                if key[0] >= ASSIGN_COVER and (best is None or key > best[0]):
                    start = given[0].start()  # from the first role clause: what went before frames it
                    best = (key, sec, para, ("……" if sent[:start].strip() else "") + sent[start:].strip())
    return None if best is None else best[1:]


def _clauses(doc: Document):
    """(section, paragraph, sentence, clause) of the plan's running text, in order; its opening text before the
    first heading too (本规划所称综合能源站是指：…，打造氢都吕梁，…: what the plan says it is for)."""
    for sec in doc.sections:
        if sec.kind in ("table", "box", "title"):
            continue
        for para in sec.paragraphs:
            for sent in sentences(para.text):
                for clause in CLAUSE_RE.findall(sent):
                    yield sec, para, sent, clause


def plan_words(doc: Document) -> str:
    """What names the plan itself: its title, short names, issuer and 文号 (皖政办秘〔2021〕82号)."""
    return " ".join((doc.meta.title, *doc.meta.short_names, doc.meta.issuer or "", doc.meta.doc_number or ""))


def plan_topic(terms: list[str], docs: dict[str, Document], plans: tuple[str, ...]) -> list[str]:
    """The terms beyond those naming one of ``plans`` (深圳 and 试点 of 国家碳达峰试点（深圳）实施方案, 国务院 as
    its issuer): what the question asks about within the plan. None left: the plan as a whole is asked."""
    named = " ".join(plan_words(docs[d]) for d in plans if d in docs)
    return [t for t in terms if t not in named]


def _asks_plan_aim(q: Question) -> bool:
    """Why the plan was made (为了啥, 目的是什么), or what it means to achieve (主要是想达成什么) asked of a plan
    (方案, 规划), not of a year, a numbered part or a section (到2030年要达到什么, 第四章要实现什么)."""
    text = q.resolved
    if LEX.regex("purpose_ask").search(text):
        return True
    return bool(LEX.regex("plan_aim_ask").search(text) and LEX.regex("plan_title_word").search(text)
                and not q.years and not NUMBERED_PART_RE.search(text))


CLOSING_MAX = 60  # characters of the guiding thought's closing clauses quoted (the final aim, not the whole)


def closing_aim(doc: Document) -> tuple[Section, str, str] | None:
    """The closing clauses of the plan's guiding thought (its 指导思想 section, or the paragraph opening 以……为指导:
    ……为实现碳达峰碳中和目标奠定坚实基础), where
    the plan says what it serves as a whole: (section, its paragraph, the clauses), at most ``CLOSING_MAX``
    characters of whole clauses from the end of its last sentence (at least one)."""
    heads, lead = LEX.regex("guiding_title"), LEX.regex("guiding_lead")
    found = next(((s, s.paragraphs[-1]) for s in doc.sections if s.paragraphs and heads.fullmatch(section_title(s))),
                 None) or next(((s, p) for s in doc.sections for p in s.paragraphs if lead.search(p.text)), None)
    if found is None:  # no section titled so: the paragraph opening with the guiding formula (以……思想为指导)
        return None
    sec, para = found
    last = [x for x in sentences(para.text) if x.strip()]
    if not last:
        return None
    clauses = CLAUSE_RE.findall(last[-1].strip())
    kept: list[str] = []
    for c in reversed(clauses):
        if kept and len(c) + sum(map(len, kept)) > CLOSING_MAX:
            break
        kept.insert(0, c)
    return sec, para.text, "".join(kept).strip()


def purpose_answer(q: Question, docs: dict[str, Document], scope: tuple[str, ...],
                   terms: list[str] = ()) -> Answer | None:
    """"出这个方案主要是为了达成什么": the plan's own sentence stating why it was made (为……，制定本方案), the
    first such sentence of each plan in scope, with the closing clauses of its guiding thought (what it serves
    as a whole). None when the question asks no purpose, asks it of something the plan names (布局原则里的远近结合
    是为了啥: ``terms`` beyond the plan's own names) or no plan states one."""
    if not _asks_plan_aim(q) or plan_topic(list(terms), docs, q.docs or scope):
        return None
    made = LEX.regex("purpose_statement")
    parts = []
    for d in scope:
        found = next(((sec, para, x.strip()) for sec in docs[d].sections for para in sec.paragraphs
                      for x in sentences(para.text) if made.search(x)), None)
        if found is None:
            continue
        sec, para, sent = found
        head = f"**{escape_md(doc_name(docs[d]))}**：" if len(scope) > 1 else ""
        part = Part(lines=[head + escape_md(sent)], evidence=[Evidence(d, sec.path, para.text, highlight=sent)])
        closing = closing_aim(docs[d])
        if closing is not None:
            src, text, clause = closing
            part.lines.append(f"{escape_md(src.path[-1])}：……{escape_md(clause)}")
            part.evidence.append(Evidence(d, src.path, text, highlight=clause))
        parts.append(part)
    return render(q, parts, docs, False) if parts else None


NAMED_ITEM_MAX = 8  # characters of an item's own name a question may spell without quoting it (一个平台)
HEADED_NAME_MIN = 3  # characters of a quoted name a heading holds (“碳预算管理” of 试点实施碳预算管理)
_PERIOD_WORD_RE = LEX.regex("five_year_plan")  # “十四五” quoted names a period, not an item


def _headed_by_name(doc: Document, names: set[str]) -> list[tuple]:
    """Sections without sub-headings whose own heading holds a quoted name (（一）试点实施碳预算管理 for
    “碳预算管理”), with their first paragraph: what the named thing is and how it is done. Not a period word
    (“十四五”); a heading with items is a list the section handlers answer."""
    out = []
    for name in names:
        if len(name) < HEADED_NAME_MIN or _PERIOD_WORD_RE.search(name):
            continue
        for sec in doc.sections:
            if titled(sec) and sec.paragraphs and name in plain(section_title(sec)) \
                    and not any(s.parent_id == sec.id and titled(s) for s in doc.sections):
                out.append((True, plain(section_title(sec)) == name, len(name), doc.doc_id, sec, sec.paragraphs[0]))
    return out
ITEM_BODY_MAX = 260  # characters of the item's paragraph quoted


ITEM_COVER = 0.6  # the share of the question's topic an item's name spelled unquoted must hold


def named_item_answer(q: Question, docs: dict[str, Document], scope: tuple[str, ...], masked: str,
                      terms: list[str] = (), weight=None) -> Answer | None:
    """"那个“一个平台”是干嘛用的": a paragraph led by its own short name (一个平台。秉持智慧降碳的理念，打造……), which
    the question quotes, is what that item is for: the paragraph, cut at a sentence end. A name spelled whole but
    not quoted counts when no year is asked and the name holds most of the question's topic (``terms`` beyond the
    plan's own names): 节能降碳 inside 虚拟电厂这块国家节能降碳方案有没有量化指标 names no item. ``masked``: the
    question without plan names. None when no paragraph's name is asked so."""
    quoted = {plain(x) for x in QUOTED_RE.findall(q.resolved)}
    text = plain(masked)
    topic = plan_topic(list(terms), docs, q.docs or scope)
    found = []
    for d in scope:
        for sec in docs[d].sections:
            if sec.kind in ("table", "box", "title", "front"):
                continue
            for para in sec.paragraphs:
                name = plain(para.topic or "")
                if len(name) < 2 or not (name in quoted or (
                        not q.years and 4 <= len(name) <= NAMED_ITEM_MAX and name in text
                        and topic and term_coverage(topic, name, weight) >= ITEM_COVER)):
                    continue
                found.append((name in quoted, True, len(name), d, sec, para))
        found += _headed_by_name(docs[d], set(plan_topic(sorted(quoted), docs, q.docs or scope)))
    if not found:
        return None
    best = max(x[:3] for x in found)
    parts = []
    for *_, d, sec, para in (x for x in found if x[:3] == best):
        body, used = [], 0
        for x in sentences(para.text):
            if body and used + len(x) > ITEM_BODY_MAX:
                break
            body.append(x.strip())
            used += len(x)
        said = "".join(body)
        head = f"**{escape_md(doc_name(docs[d]))} · {escape_md(sec.path[-1])}**："
        parts.append(Part(lines=[head + escape_md(said)], evidence=[Evidence(d, sec.path, para.text, highlight=said)]))
    return render(q, parts[:MAX_AIMS], docs, False)


DEFINITION_MAX = 160  # characters of a defining sentence quoted


def asks_definition(text: str) -> bool:
    """“综合能源站”是如何界定的 / 什么是X / X指的是什么 / X是什么意思."""
    return bool(LEX.regex("define_ask").search(text))


def _defines(term: str, sentence: str) -> bool:
    """The sentence says what ``term`` means: 本规划所称X是指…, X（…）是指…, X，指的是…, X系指…."""
    cue = LEX.pattern("define_cue")
    return bool(re.search(rf"{re.escape(term)}[”\"」』]?(?:[（(][^）)]{{0,30}}[）)])?[，,：:]?\s*(?:{cue})", sentence))


def _defining_clause(term: str, sentence: str) -> str:
    """Of a sentence defining several parts in turn (“一核”即…；“两带”即…；“三区”即…), the ；-clause defining
    ``term``; the whole sentence when it is one clause."""
    clauses = [c for c in re.split(r"(?<=；)", sentence) if c.strip()]
    return next((c.strip() for c in clauses if _defines(term, c)), sentence) if len(clauses) > 1 else sentence


def definition_answer(q: Question, docs: dict[str, Document], scope: tuple[str, ...], terms: list[str],
                      weight=None) -> Answer | None:
    """"“综合能源站”是如何界定的": the plan's sentence defining the asked term (本规划所称综合能源站是指：……), the
    quoted term first, else the heaviest key term a sentence defines; one per plan. None when the question asks no
    definition or no plan defines the term."""
    if not asks_definition(q.resolved):
        return None
    weight = weight or (lambda t: min(len(t), 4))
    quoted = [plain(x) for x in QUOTED_RE.findall(q.resolved)]
    part = LEX.regex("part_of").search(q.resolved)  # 一核两带三区里的三区: the part after 里的 is asked
    tail = q.resolved[part.end():] if part else ""
    # the term the asking words govern first (三园 of 一区三园 三园指哪几个): of a compound name, the part asked
    governed = term_by(q.resolved, terms, LEX.regex("define_ask").search(q.resolved), 0)
    asked = [t for t in quoted if t] or sorted(terms, key=lambda t: (t not in tail, t != governed, -weight(t)))
    for term in asked:
        parts = []
        for d in scope:
            hit = next(((sec, para, _defining_clause(term, x.strip())) for sec in docs[d].sections
                        if sec.kind not in ("table", "title") for para in sec.paragraphs for x in sentences(para.text)
                        if len(x) <= DEFINITION_MAX and _defines(term, x)), None)
            if hit is None:
                continue
            sec, para, said = hit
            head = f"**{escape_md(doc_name(docs[d]))} · {escape_md(sec.path[-1])}**："
            parts.append(Part(lines=[head + escape_md(said)],
                              evidence=[Evidence(d, sec.path, para.text, highlight=said)]))
        if parts:
            return render(q, parts[:MAX_AIMS], docs, False)
    return None


# ---------------------------------------------------------------- an area's goals

def _names_chars(term: str, text: str) -> bool:
    """``text`` names ``term``: it writes it, or every character of it (增收 in 农民收入更快增长)."""
    return term in text or all(ch in text for ch in term)


def _goal_sections(doc: Document) -> list[Section]:
    """The plan's goal sections: headings titled by a goal-heading word (发展目标, 主要目标)."""
    heading = LEX.regex("goal_heading")
    return [s for s in doc.sections if titled(s) and heading.search(plain(section_title(s)))]


def area_goal_answer(q: Question, docs: dict[str, Document], scope: tuple[str, ...], terms: list[str]) -> Answer | None:
    """"农民增收方面的目标是什么" / "科技装备方面到2030年的发展目标有哪些": the goals a plan's goal section sets
    for the area the question names. The goal section's sub-heading whose title names every term of the area
    (its characters at least: 农民收入更快增长 names 农民增收) answers with all its sentences; without such a
    sub-heading and no year asked, the sentences of the goal section naming every term (a year asked: the goal
    handler's sentences of that year). None when the area is named by no part of
    a goal section (the other goal handlers try the text), or by several sub-headings alike."""
    if not terms:
        return None
    parts = []
    for d in scope:
        doc = docs[d]
        for goal in _goal_sections(doc):
            below = [s for s in subtree(doc, goal) if s.id != goal.id and titled(s)]
            named = [s for s in below if all(_names_chars(t, plain(section_title(s))) for t in terms)]
            if len(named) > 1:
                return None
            if named:
                sec = named[0]
                paras = [p for s in subtree(doc, sec) for p in s.paragraphs]
                said = "".join(p.text.strip() for p in paras)
                if not said:
                    continue
                part = Part(lines=[f"**{escape_md(doc_name(doc))} · {escape_md(sec.path[-1])}**：" + escape_md(said)],
                            evidence=[Evidence(d, sec.path, p.text, highlight=p.text.strip()) for p in paras])
                if q.years and not any(y in said for y in q.years):  # the year the goal section's lead sets
                    lead = next(((p, x.strip()) for p in goal.paragraphs for x in sentences(p.text)
                                 if any(y in x for y in q.years)), None)
                    if lead is not None:
                        part.lines.insert(0, f"**{escape_md(doc_name(doc))} · {escape_md(goal.path[-1])}**："
                                          + escape_md(lead[1]))
                        part.evidence.insert(0, Evidence(d, goal.path, lead[0].text, highlight=lead[1]))
                parts.append(part)
                break
            if q.years:  # goals of a year: the goal handler takes the sentences of that year, not of the section
                continue
            hits = [(s, p, x.strip()) for s in subtree(doc, goal) for p in s.paragraphs for x in sentences(p.text)
                    if x.strip() and all(t in x for t in terms)]
            if hits:
                lines = [f"**{escape_md(doc_name(doc))} · {escape_md(goal.path[-1])}**："
                         + "".join(escape_md(x) for _, _, x in hits)]
                parts.append(Part(lines=lines, evidence=[Evidence(d, s.path, p.text, highlight=x) for s, p, x in hits]))
                break
    return render(q, parts[:MAX_AIMS], docs, False, long_ok=True) if parts else None
