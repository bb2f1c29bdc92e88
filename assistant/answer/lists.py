"""List answers: 专栏 boxes and their projects, projects named outright, and the sentence that enumerates
the kind of thing asked for (哪五个中心). Pure."""

from __future__ import annotations

import re

from assistant.text.patterns import (
    ASK_CLAUSE_RE,
    BOX_NUMBER_RE,
    BOX_PREFIX_RE,
    NUMBER_LABEL_RE,
    QUANTITY_RE,
    QUOTED_RE,
    YEAR_RE,
    box_numbered,
)
from assistant.text.sentences import full_sentences, is_lead, leads_joined, sentences
from assistant.types import Answer, Document, Hit

from .enumerations import ListAsk, clause_lists, enumeration_score, enumerations
from .extract import hit_evidence
from .indicators import common_pieces, core_name, lcs_len, question_content, score_names, spelled_share
from .lexicon import lexicon
from .render import render
from .structured import (
    Evidence,
    Part,
    box_list_part,
    doc_name,
    escape_md,
    project_matches,
    project_part,
)
from .synonyms import present
from .terms import masked_question, plain, term_coverage, without_subject
from .understand import Question

LEX = lexicon()
_HOW_MUCH_RE = LEX.regex("how_much")


def _named_projects(projects, question: str) -> list:
    """Projects whose name the question spells out (梧桐港二期 for 梧桐港二期工程), however much else it asks:
    (coverage of the name's core, project), best first."""
    shares: dict[str, float] = {}  # many plans repeat project names: each distinct name is scored once
    out = []
    for p in projects:
        if p.name not in shares:
            core = lexicon().regex("project_suffix").sub("", core_name(p.name)) or core_name(p.name)
            shares[p.name] = spelled_share(core, question, 0.8) if len(core) >= 4 else 0.0
        if shares[p.name] >= 0.8 or (shares[p.name] >= 0.75 and len(p.name) >= 8):  # 网上政务平台 ~ 网上政务服务平台
            out.append((shares[p.name], p))
    return sorted(out, key=lambda x: -x[0])


def project_over_rows(q: Question, docs, scope, row_names: list[str]) -> bool:
    """Whether the question spells out a project's name (a 专栏 item, a project table's row) that holds more of
    what it asks than every indicator row answering it: 江湾街道那个综合养老服务中心规模多大 asks of the project
    江湾街道综合养老服务中心, not of the row 街道（镇）综合养老服务中心数量 that shares only part of its words."""
    if not row_names:
        return False
    masked = masked_question(q, [d.meta for d in docs.values()])
    named = _named_projects([p for d in scope for p in docs[d].projects], masked)
    if not named:
        return False
    content = question_content(plain(masked))

    def shared(name: str) -> int:
        return sum(map(len, common_pieces(content, plain(name))))

    rows = max(map(shared, row_names))
    return any(shared(p.name) > rows for _, p in named)


def project_answer(q: Question, docs, scope, terms=(), weight=None, min_score: float = 0.75,
                    named: bool = False) -> Answer | None:
    projects = [p for d in scope for p in docs[d].projects]
    masked = masked_question(q, [d.meta for d in docs.values()])
    m = _named_projects(projects, masked) if named else project_matches(projects, masked, min_score)
    if q.intent == "indicator":  # a number is asked: only a project item that states it, named as asked
        key = max(terms, key=weight or len) if terms else ""
        m = [(sc, p) for sc, p in m if QUANTITY_RE.search(p.description) and (named or sc >= 0.9 or (  # named, or
             term_coverage(list(terms), p.description, weight) >= 0.6 and (not key or present(key, p.description))))]
    if not m:
        return None
    best = m[0][0]
    parts = [project_part(docs[p.doc_id], p) for s, p in m[:2] if s >= best - 0.05]
    return render(q, parts, docs, False)


_BOX_SET_RE = lexicon().regex("ask_box_set")
_WHICH_RE = LEX.regex("list")  # 哪几, 哪些: which things asked


def _box_set_answer(q: Question, docs, scope) -> Answer | None:
    """"有哪些专栏": the 专栏 boxes of each plan, by title."""
    if not _BOX_SET_RE.search(q.resolved) or BOX_NUMBER_RE.search(q.resolved):
        return None
    parts = []
    for d in scope:
        boxes = [b for b in docs[d].boxes if b.projects]
        if not boxes:
            continue
        part = Part(lines=[f"**{escape_md(doc_name(docs[d]))}**的重点项目专栏："])
        part.lines.extend(f"- {escape_md(b.title)}" for b in boxes)
        part.evidence.append(Evidence(d, (), "\n".join(b.title for b in boxes)))
        parts.append(part)
    return render(q, parts, docs, False, long_ok=True) if parts else None


MIN_BOX_COVER = 0.6  # share of the question's own key terms a box's sentence must hold to answer a number in it


def box_number_answer(q: Question, docs, scope, terms, weight=None) -> Answer | None:
    """"专栏12里面，试点示范全省要选几家": the sentence of the box the question names that states a quantity and
    holds what is asked beyond the box's own title; None when no sentence of it does."""
    chosen = _named_box(q, docs, scope, by_kind=True)
    if chosen is None:
        return None
    own = [t for t in terms if not present(t, chosen.title) and not BOX_NUMBER_RE.fullmatch(t)]
    if not own:
        return None
    best = None
    for p in chosen.projects:
        for sent in sentences(p.description):
            if not QUANTITY_RE.search(sent):
                continue
            cov = term_coverage(own, f"{p.name} {sent}", weight)
            if cov >= MIN_BOX_COVER and (best is None or cov > best[0]):
                best = (cov, sent.strip(), p)
    if best is None:
        return None
    _, sent, p = best
    doc = docs[chosen.doc_id]
    ev = box_evidence(doc, chosen)
    ev.highlight = sent
    part = Part(lines=[f"{escape_md(doc_name(doc))}《{escape_md(chosen.title)}》：{escape_md(sent)}"], evidence=[ev])
    return render(q, [part], docs, False)


def box_list_answer(q: Question, docs, scope, terms=(), weight=None) -> Answer | None:
    chosen = _named_box(q, docs, scope)  # "对外通道那个专栏都有哪些项目": that box, not the list of boxes
    if chosen is None:
        ans = _box_set_answer(q, docs, scope)
        if ans is not None:
            return ans
    if chosen is None or not chosen.projects:
        return None
    kind = _kind_in_box(q, docs, chosen, list(terms), weight)  # "那个专栏里公园湖泊要建哪些": the items of that kind
    if kind is not None:
        return kind
    items = _prose_items(chosen)
    if items and _NUMBER_ASK_RE.search(q.resolved):  # 有哪些量化数: each task with the figures it states
        items = _prose_items(chosen, figures=True)
    if items:  # one paragraph of short task sentences, each with what it means: the tasks are its items
        doc = docs[chosen.doc_id]
        part = Part(lines=[f"{escape_md(doc_name(doc))}《{escape_md(chosen.title)}》的主要内容："]
                    + [f"{i}. {escape_md(t)}" for i, t in enumerate(items, 1)], evidence=[box_evidence(doc, chosen)])
        return render(q, [part], docs, False, long_ok=True)
    group = _asked_group(q, docs, chosen)  # "专栏7-1里的隧道项目": the items under 隧道建设项目, not the groups
    if group is not None:
        return render(q, [_group_part(docs[chosen.doc_id], chosen, group)], docs, False, long_ok=True)
    if len(chosen.projects) < 2 and _WHICH_RE.search(q.resolved):
        return None  # 那个专栏点名支持哪几个市: a box of one paragraph lists nothing; the sentence enumerating answers
    return render(q, [box_list_part(docs[chosen.doc_id], chosen.title, list(chosen.projects))], docs, False,
                  long_ok=True)


_NUMBER_ASK_RE = LEX.regex("number")  # 量化, 多少: the question asks for figures, not only the tasks
_BOX_KIND_WORDS = frozenset(LEX.words("box_kind")) | frozenset(LEX.words("topic_generic"))
KIND_COVER = 0.8  # share of the kind's own words a sentence of the box holds to be one of its items


def _kind_terms(box, terms: list[str]) -> list[str]:
    """The words naming the kind of item asked beyond the box itself: the key terms its title does not hold, less
    the box's label and the words of every box (工程, 项目)."""
    return [t for t in terms if t not in _BOX_KIND_WORDS and t != "专栏" and not BOX_NUMBER_RE.fullmatch(t)
            and not present(t, box.title)]


def _kind_in_box(q: Question, docs, box, terms: list[str], weight) -> Answer | None:
    """"国际化城市那个专栏里公园湖泊要建哪些": a kind of item the box holds below its group headings. The one group
    whose heading names the kind gives its items; else the sentences of the box that name it (推进科学公园、……等公园
    湖泊建设工程), in the box's order; None when the question names no kind beyond the box or no sentence holds it."""
    own = _kind_terms(box, terms)
    if not own:
        return None
    doc = docs[box.doc_id]
    groups = [p for p in box.projects if term_coverage(own, p.name, weight) >= KIND_COVER]
    if len(groups) == 1 and len(_group_items(groups[0])) >= 2:
        return render(q, [_group_part(doc, box, groups[0])], docs, False, long_ok=True)
    if groups:
        return None  # several groups are of the kind: the box's list answers
    found = [s.strip() for p in box.projects for s in sentences(p.description)
             if term_coverage(own, s, weight) >= KIND_COVER]
    if not found:
        return None
    ev = box_evidence(doc, box)
    ev.highlight = found[0]
    lines = [f"{escape_md(doc_name(doc))}《{escape_md(box.title)}》中："]
    lines += [escape_md(found[0])] if len(found) == 1 else [f"{i}. {escape_md(x)}" for i, x in enumerate(found, 1)]
    return render(q, [Part(lines=lines, evidence=[ev])], docs, False, long_ok=True)


def _prose_items(box, figures: bool = False) -> list[str]:
    """The short sentences of a box written as one paragraph (培育综合型平台。支持…。建设区域型平台。引导…), which
    the parser reads as a single project: each states one task; with ``figures``, each followed by the sentences
    under it that state a quantity (力争建设10个…). Empty for a box of several projects, or one with fewer than
    three such sentences."""
    if len(box.projects) != 1:
        return []
    items: list[list[str]] = []
    for s in sentences(box.projects[0].description):
        if is_lead(s):
            items.append([s.strip().rstrip("。")])
        elif figures and items and QUANTITY_RE.search(s):
            items[-1].append(s.strip())
    if len(items) < 3:
        return []
    return [t[0] + ("：" + "".join(t[1:]) if len(t) > 1 else "") for t in items]


def _group_core(name: str) -> str:
    """A group heading without its generic tail (隧道建设项目 -> 隧道)."""
    tails = [w for w in LEX.words("topic_generic") if len(w) >= 2]
    changed = True
    while changed:
        changed = False
        for w in tails:
            if name.endswith(w) and len(name) > len(w) + 1:
                name, changed = name[:-len(w)], True
    return name


def _group_items(project) -> list[str]:
    # its own heading, written as a label (隧道建设项目：) or as a lead sentence (国际化医疗设施建设项目。)
    text = re.sub(rf"^{re.escape(project.name)}\s*[：:。]\s*", "", project.description.strip())
    text = LEX.regex("list_etc").sub("", text)
    return [x.strip() for x in text.split("、") if x.strip()]


def _asked_group(q: Question, docs, box):
    """The one group heading of the box the question names, when its description lists items."""
    text = plain(masked_question(q, [d.meta for d in docs.values()]))
    named = [p for p in box.projects if len(core := _group_core(p.name)) >= 2 and core in text
             and core not in box.title and len(_group_items(p)) >= 2]
    return named[0] if len(named) == 1 else None


def _group_part(doc: Document, box, project) -> Part:
    part = Part(lines=[f"{escape_md(doc_name(doc))}《{escape_md(box.title)}》{escape_md(project.name)}："])
    part.lines.extend(f"{i}. {escape_md(x)}" for i, x in enumerate(_group_items(project), 1))
    part.evidence.append(Evidence(doc.doc_id, project.heading_path, project.description,
                                  highlight=project.description))
    return part


def _named_box(q: Question, docs, scope, by_kind: bool = False):
    """The 专栏 the question names by number (专栏3) or by title (开放通道建设重点工程), if any; ``by_kind``: also
    by the title's own words with its kind word and no 专栏 (标识解析增强工程), as a number asked of it does."""
    num = BOX_NUMBER_RE.search(q.resolved)
    boxes = [b for d in scope for b in docs[d].boxes]
    text = masked_question(q, [d.meta for d in docs.values()])
    chosen = None
    if num:
        n = re.sub(r"\s|[－—]", "-", num.group(1))
        chosen = next((b for b in boxes if box_numbered(n).match(b.title)), None)
    if chosen is None:
        names = {b.title: BOX_PREFIX_RE.sub("", b.title) for b in boxes}
        scores = score_names(list(names.values()), text)  # each distinct title once: many plans repeat them
        scored = sorted(((scores.get(names[b.title], 0.0), b) for b in boxes), key=lambda x: -x[0])
        if scored and scored[0][0] >= 0.7:
            chosen = scored[0][1]
    if chosen is None:  # "对外通道那个专栏": the title's own words (专栏1 对外通道重点项目)
        for b in boxes:
            title = BOX_PREFIX_RE.sub("", b.title)
            kind = lexicon().regex("box_kind_suffix").search(title)
            core = title[:kind.start()] if kind else title
            # what the title says beyond its plan's subject (平台培育 of 工业互联网平台培育工程 in a 工业互联网 plan)
            own = without_subject(core, docs[b.doc_id].meta.title).replace(" ", "")
            if "专栏" in q.resolved:
                names = (core, own)
            elif by_kind and kind and kind.group(0)[-2:] in text:  # "标识解析增强工程": its own words with its kind (工程)
                names = (own + kind.group(0)[-2:],)
            else:
                continue
            if any(len(c) >= 3 and spelled_share(c, plain(text), 0.8) >= 0.8 for c in names):
                chosen = b
                break
    if chosen is None and "专栏" in q.resolved and _WHICH_RE.search(q.resolved):  # what the box holds asked
        chosen = _box_by_stretch(q, docs, boxes, plain(text))  # (not 那个专栏里说要学哪家: one thing in it)
    return chosen


MIN_TITLE_STRETCH = 4  # characters of a box's title the asker quotes to name it (垃圾分类减量那个专栏)


def _box_by_stretch(q: Question, docs, boxes, text: str):
    """The box whose title, beyond its plan's subject, shares the longest stretch with the question, when that
    stretch is long enough and no other box shares one as long: 垃圾分类减量那个专栏 names 农村生活垃圾分类减量工程."""
    found = []
    for b in boxes:
        title = BOX_PREFIX_RE.sub("", b.title)
        own = without_subject(title, docs[b.doc_id].meta.title).replace(" ", "") or title
        found.append((lcs_len(own, text)[0], b))
    found.sort(key=lambda x: -x[0])
    if not found or found[0][0] < MIN_TITLE_STRETCH or (len(found) > 1 and found[1][0] == found[0][0]
                                                         and found[1][1].title != found[0][1].title):
        return None
    return found[0][1]


def box_evidence(doc: Document, box) -> Evidence:
    """A 专栏 as cited: its title and items, verbatim."""
    sec = next((s for s in doc.sections if s.id == box.section_id), None)
    path = (sec.path if sec else ()) + (box.title,)
    return Evidence(doc.doc_id, path, "\n".join(box.body_text()))


KIND_NAMED = 0.5  # a list that names the kind of item asked (开放平台 for 哪些平台 in 开放平台方面) over one that does not


def enumeration_answer(q: Question, docs, hits: list[Hit], terms, ask: ListAsk, scope, weight=None,
                        retriever=None) -> Answer | None:
    """"哪五个中心 / 隧道有哪些": the sentence that lists items of the asked kind (加工制造中心、研发设计中心……)
    in a passage about what the question names, one per plan when no plan is named."""
    # what the list is about: not the head, nor a word asking for a list (分为 of 分为哪几类)
    rest = [t for t in terms if ask.head not in t and t not in ask.head and not _WHICH_RE.fullmatch(t)]
    kinds = [t for t in terms if ask.head in t and len(t) > len(ask.head) + 1]  # 开放平台 of 平台: the kind asked
    pool = [h for h in hits if h.chunk.kind != "indicator"][:16]
    if retriever is not None:
        seen = {h.chunk.id for h in pool}
        pool += [h for h in retriever.containing([ask.head], list(scope), limit=60) if h.chunk.id not in seen]
    best: dict[str, tuple[float, str, Hit]] = {}
    for h in pool:
        context = " ".join(h.chunk.heading_path)
        sents = leads_joined(sentences(h.chunk.text))
        for i, sent in enumerate(sents + clause_lists(h.chunk.text)):
            es = enumeration_score(sent, ask)
            if not es:
                continue
            cov = max(term_coverage(rest, sent, weight), 0.8 * term_coverage(rest, context + sent, weight),
                      _beside_cover(rest, sents, i, weight))
            if rest and cov < 0.5:
                continue
            score = es + 2.0 * cov + 0.3 / (min(h.rank, 100) + 1) + KIND_NAMED * any(k in sent for k in kinds)
            d = h.chunk.doc_id
            if d not in best or score > best[d][0]:
                best[d] = (score, _passage_run(sents, i, ask) if i < len(sents) else sent.strip(), h)
    if not best:
        return None
    top = max(s for s, _, _ in best.values())
    parts = []
    for d, (score, sent, h) in sorted(best.items(), key=lambda x: -x[1][0]):
        if (score < 0.85 * top and not q.compare) or (q.docs and d not in q.docs):
            continue  # a comparison shows every plan's own list
        ev = hit_evidence(h)
        ev.highlight = sent
        label = f"**{escape_md(doc_name(docs[d]))}**：" if len(scope) > 1 else ""
        parts.append(Part(lines=[label + escape_md(sent)], evidence=[ev]))
        full = _listed_in_full(docs[d], sent)
        if full is not None:  # 新建甲校区、乙校区等普通高中3所: the box naming them lists every one
            parts.append(box_list_part(docs[d], full.title, list(full.projects)))
    return render(q, parts, docs, False, long_ok=len(parts) > 1)


_ETC_RE = LEX.regex("enum_item_etc")  # 甲、乙等: a list the sentence cuts short


def _listed_in_full(doc: Document, sent: str):
    """The 专栏 whose items a list sentence names only some of before its 等 (新建栖霞湾高级中学临港校区、澜州湾中学
    新澜校区等普通高中3所 of a box listing four schools): at least two of the box's items named, the last of them
    followed by 等, and more items in the box than the sentence names. None otherwise."""
    text = re.sub(r"\s", "", sent)
    for box in doc.boxes:
        names = [n for p in box.projects if len(p.name) >= 4 and (n := re.sub(r"\s", "", p.name)) in text]
        if len(names) < 2 or len(box.projects) <= len(names):
            continue
        end = max(text.find(n) + len(n) for n in names)
        if _ETC_RE.search(text[:end + 1]):
            return box
    return None


MAX_RUN = 4  # sentences of one passage read as one list


def _passage_run(sents: list[str], i: int, ask: ListAsk) -> str:
    """The list sentence ``sents[i]`` with the sentences right after it that go on naming things of the kind asked
    (中国—东盟…合作、中国—中东欧…合作。…拓展与东盟、欧盟的…合作伙伴关系，与非盟和非洲国家…开展…合作。): a passage
    enumerating members over several sentences, each naming the head. The one sentence when the question counts
    the items (哪五个中心) or the list closes itself with a count (……等四大功能)."""
    sent = sents[i].strip()
    if ask.count is not None or any(e.count_after for e in enumerations(sent, ask.head)):
        return sent
    run = [sent]
    after = [x for s in sents[i + 1:] for x in sentences(s)]  # a short sentence is read alone, not with the next
    for nxt in after[:MAX_RUN - 1]:
        if not _names_of_kind(nxt, ask) or (ask.inner and ask.inner in sent and ask.inner not in nxt):
            break  # 与规资、住建……等部门的衔接沟通 asked of 部门: not the next sentence's 等单位的沟通
        run.append(nxt.strip())
    return "".join(run)


def _names_of_kind(sent: str, ask: ListAsk) -> bool:
    """Whether a sentence names a thing of the kind asked: a list of them, or a clause ending in the head (与非盟和
    非洲国家研究开展数字经济领域合作), not one that only mentions it (严格控制普通高中学校规模)."""
    return bool(enumeration_score(sent, ask)) or any(
        c.strip().endswith(ask.head) and len(c.strip()) > len(ask.head) for c in ASK_CLAUSE_RE.findall(sent))


BESIDE = 0.8  # what the sentences beside a list count for, as its headings do


def _beside_cover(rest: list[str], sents: list[str], i: int, weight) -> float:
    """The share of ``rest`` a list sentence holds with the names quoted in the sentences right before and after
    it, when it holds some itself: the programme a list belongs to may be named beside it (在京津冀、长三角……等地区
    布局国家枢纽节点。加快实施“东数西算”工程), while any other word beside it is another sentence's topic. 0 for a
    sentence outside ``sents`` (a clause list) or holding none of ``rest``."""
    if i >= len(sents) or not rest or term_coverage(rest, sents[i], weight) <= 0:
        return 0.0
    named = [n for x in (sents[i - 1] if i else "", sents[i + 1] if i + 1 < len(sents) else "")
             for n in QUOTED_RE.findall(x)]
    return BESIDE * term_coverage(rest, " ".join([sents[i], *named]), weight) if named else 0.0


_BREAKDOWN_RE = LEX.regex("breakdown")  # 怎么分, 由哪些构成: the parts of a total asked
MIN_PARTS = 3  # quantities besides the total a sentence states to break the total down
MIN_BREAKDOWN_COVER = 0.6  # share of the key terms a total's sentence holds when the question quotes no number


def _unquoted_breakdown(q: Question, docs, scope, terms: list[str], weight, hits) -> Answer | None:
    """"这轮规划了多少座，怎么拆分的": a total asked with its parts and no number quoted: the retrieved sentence
    (its ；-clauses together) that names the heaviest key term and most of the others and states a total with at
    least ``MIN_PARTS`` more quantities; None when no sentence does."""
    if not _HOW_MUCH_RE.search(_WHICH_RE.sub(" ", q.resolved)) or not terms:
        return None  # 分了哪几个方面 asks which parts, not a total (几个 inside 哪几个 asks no amount)
    key = max(terms, key=weight or len)
    best = None
    for h in hits:
        if h.chunk.doc_id not in scope or h.chunk.kind == "indicator":
            continue
        for text in full_sentences(h.chunk.text):
            figures = len(QUANTITY_RE.findall(YEAR_RE.sub(" ", text)))
            cover = term_coverage(terms, text, weight)
            if figures > MIN_PARTS and present(key, text) and cover >= MIN_BREAKDOWN_COVER and (
                    best is None or (cover, figures) > best[0]):
                best = ((cover, figures), text, h)
    return _quoted(q, docs, best)


def _quoted(q: Question, docs, best) -> Answer | None:
    """The breakdown sentence chosen, ``(key, text, hit)`` or None, quoted with its passage."""
    if best is None:
        return None
    _, text, h = best
    ev = hit_evidence(h)
    ev.highlight = text
    return render(q, [Part(lines=[escape_md(text)], evidence=[ev])], docs, False)


def _unit_after(text: str, n: str) -> str:
    """The character right after the number ``n`` where the text writes it (座 of 69座加油站): the unit its
    parts are counted in. "" when none follows."""
    m = re.search(rf"(?<![\d.]){re.escape(n)}(?![\d.])\s*([^\W\d_])", text)
    return m.group(1) if m else ""


def _same_unit(text: str, n: str, unit: str) -> int:
    """How many quantities besides ``n`` the text states in the total's unit (48座, 17座, 4座 of 69座): the parts
    of a breakdown are counted as the total is, a sentence of other figures (1500吨, 9.07万吨) breaks nothing down."""
    if not unit:
        return 0
    return sum(m.group(0) != n and text[m.end():m.end() + 1] == unit for m in QUANTITY_RE.finditer(text))


def breakdown_answer(q: Question, docs, scope, retriever, terms=(), weight=None, hits=()) -> Answer | None:
    """"这138个按路的类型怎么分的 / 1738座现状站里中石油中石化各占几座": the sentence that states the number the
    question quotes and breaks it into parts, each with its own quantity (共布局138个，其中高速34个……), read with
    the next sentence when that one names more of what is asked (1738座。从权属看：中石油541座……); the one
    covering the question best, then with the most parts. The retrieved ``hits`` are read before the chunks
    that merely hold the number: a small number (8个) is in more chunks than the literal scan keeps."""
    if not _BREAKDOWN_RE.search(q.resolved) or retriever is None:
        return None
    terms = list(terms)
    quoted = NUMBER_LABEL_RE.sub(" ", YEAR_RE.sub(" ", q.resolved))  # 专栏1, 表2-1 and 2025年 quote no total
    if not QUANTITY_RE.search(quoted):
        return _unquoted_breakdown(q, docs, scope, terms, weight, hits)
    best = None
    for n in dict.fromkeys(m.group(0) for m in QUANTITY_RE.finditer(quoted)):
        pat = re.compile(rf"(?<![\d.]){re.escape(n)}(?![\d.])")
        pool = [h for h in hits if h.chunk.doc_id in scope] + retriever.containing([(pat,)], list(scope), limit=20)
        seen: dict[str, Hit] = {}
        for h in pool:
            seen.setdefault(h.chunk.id, h)
        for h in seen.values():
            sents = [x.strip() for x in sentences(h.chunk.text)]
            for i, sent in enumerate(sents):
                if not pat.search(sent):
                    continue
                text = sent
                unit = _unit_after(q.resolved, n)
                if i + 1 < len(sents) and (term_coverage(terms, sent + sents[i + 1], weight) > term_coverage(
                        terms, sent, weight) or _same_unit(sents[i + 1], n, unit)):
                    text = sent + sents[i + 1]  # 共布置69座。其中在营48座……: the next sentence breaks it down
                parts = sum(m.group(0) != n for m in QUANTITY_RE.finditer(text))
                key = (round(term_coverage(terms, text, weight), 2), _same_unit(text, n, unit), parts)
                if parts >= MIN_PARTS and (best is None or key > best[0]):
                    best = (key, text, h)
    return _quoted(q, docs, best)
