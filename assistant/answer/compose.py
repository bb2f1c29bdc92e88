"""Question + retrieval + structured records -> Answer with numbered citations, or an honest refusal.

One ``Context`` is built per question (assistant/answer/context.py); each answer path is a handler ``(ctx) ->
Candidate | None`` in the ordered ``HANDLERS`` registry: a place no plan covers; where-is-it; indicator rows
(exact table values); 专栏 boxes; a named section's aim; a project named outright; goals in running text;
named sections; enumerations; projects; comparisons per plan; otherwise extractive sentences from the best
passages (the retrieval-only answer, also used once the request's deadline has passed). Refusal comes from
understanding (absent place, year, column, indicator, key terms) and from answerability's explicit checks on what
an answer quotes (assistant/answer/answerability.py: a candidate quoting a near sentence that lacks the asked year, unit,
code or list lets the later handlers try), not from a score cut-off.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from assistant.answer.aims import aim_clause_answer, chapter_aim_answer
from assistant.answer.duty import asks_duty, duty_answer
from assistant.answer.lists import box_list_answer, enumeration_answer, project_answer
from assistant.answer.numeric import goal_answer, indicator_answer, table_answer
from assistant.answer.planfacts import asked_fact, plan_fact_answer
from assistant.answer.sections import field_answer, location_answer, names_section, path_sections, section_answer
from assistant.answer.tables import table_cell_answer
from assistant.text.patterns import QUANTITY_RE, YEAR_RE
from assistant.text.sentences import sentences
from assistant.types import Answer, Citation, Document, Hit

from .answerability import decide, missing, withdraw
from .context import Candidate, Context, build_context, part_context
from .enumerations import list_ask
from .extract import extractive, hit_evidence, related_evidence
from .lexicon import lexicon
from .multipart import Parts, split_parts, split_plans
from .quantity import COUNT, asked_kind, stated_kinds
from .render import refuse, render
from .scope import plan_scopes
from .structured import (
    Part,
    doc_name,
    escape_md,
)
from .synonyms import present, synonyms, variants
from .terms import GENERIC, askers_word, measure_term, names_term, noun_like, term_coverage
from .understand import Question, alias_table, turn_record

log = logging.getLogger(__name__)


def _extractive_answer(q: Question, docs, hits, terms, per_doc: dict[str, list[Hit]] | None = None,
                       weight=None, retriever=None, tokenizer=None) -> Answer:
    if per_doc:
        parts = []
        for d, hs in per_doc.items():
            if not hs or term_coverage(terms, " ".join(h.chunk.text for h in hs[:3]), weight) < 0.4:
                parts.append(Part(lines=[f"**{escape_md(doc_name(docs[d]))}**：规划中没有找到直接相关的内容。"]))
                continue
            sub = extractive(hs, terms, q.intent == "indicator", limit=160, max_sentences=2, weight=weight)
            if sub.lines:
                sub.lines[0] = f"**{escape_md(doc_name(docs[d]))}**：{sub.lines[0]}"
            parts.append(sub)
        refused = all(not p.evidence for p in parts)
        return render(q, parts, docs, refused, related_evidence(hits) if refused else None, long_ok=True)
    part = extractive(hits, terms, q.intent == "indicator", weight=weight)
    if (not part.lines or max(term_coverage(terms, e.text, weight) for e in part.evidence) < 0.8) and retriever:
        rare = sorted((t for t in terms if retriever.idf(t) < retriever.idf("\0") or synonyms(t)),
                      key=lambda t: -weight(t))[:2]
        alts = [tuple(dict.fromkeys([*variants(t), *synonyms(t)])) for t in rare]
        extra = retriever.containing(alts, sorted({h.chunk.doc_id for h in hits})) if rare else []
        seen = {h.chunk.id for h in hits}
        pool = [h for h in hits if h.chunk.kind != "indicator"][:10] + [h for h in extra if h.chunk.id not in seen]
        part = extractive(pool, terms, q.intent == "indicator", weight=weight, depth=len(pool))
    # answer only when a passage that is quoted covers what the question is about
    if not part.lines or max(term_coverage(terms, e.text, weight) for e in part.evidence) < 0.5:
        return refuse(q, docs, "所收录的规划中没有找到关于这个问题的明确内容。", related_evidence(hits))
    nouns = [t for t in terms if tokenizer is None or retriever is None
             or not askers_word(t, retriever, tokenizer)] or terms  # without the asker's own verbs (提速, 聚到)
    key = max(nouns, key=weight) if nouns else ""
    measure = measure_term(q.resolved, [t for t in nouns if tokenizer is None or noun_like(t, tokenizer)])

    def names(line: str, t: str) -> bool:
        return not t or present(t, line) or term_coverage([t], line) >= 0.5

    def states_it(line: str) -> bool:  # a quantity, most of the things named, the most specific one and the measure
        return bool(QUANTITY_RE.search(line)) and term_coverage(nouns, line, weight) >= 0.6 and names(line, key) \
            and names(line, measure)

    if q.intent == "indicator" and not any(states_it(ln) for ln in part.lines):
        return refuse(q, docs, "所收录的规划中没有给出这个数值。", related_evidence(hits))
    return render(q, [part], docs, not part.lines, None if part.lines else related_evidence(hits))


def _foreign_answer(q: Question, docs, hits: list[Hit], terms: list[str]) -> Answer:
    """A place no plan is about: answer only from a sentence that names that place and what is asked."""
    place = q.foreign_places[0]
    rest = [t for t in terms if t not in place and place not in t]
    for h in hits:
        for sent in sentences(h.chunk.text):
            if place in sent and term_coverage(rest, sent) >= 0.6 and (
                    q.intent != "indicator" or re.search(r"\d", sent)):
                ev = hit_evidence(h)
                ev.highlight = sent
                return render(q, [Part(lines=[escape_md(sent.strip())], evidence=[ev])], docs, False)
    mentioned = [h for h in hits if place in h.chunk.text]
    names = "、".join(doc_name(d) for d in docs.values())
    msg = (f"所收录的规划（{escape_md(names)}）中没有关于“{escape_md(place)}”的这项内容"
           + ("；规划中虽提到该地，但没有给出所问的内容。" if mentioned else "。"))
    return refuse(q, docs, msg, related_evidence(mentioned or hits))


# ---------------------------------------------------------------- handlers: (ctx) -> Candidate | None


def _candidate(answer: Answer | None, kind: str) -> Candidate | None:
    return None if answer is None else Candidate(answer, kind, 0.0 if answer.refused else 1.0)


def _retrieval_only(ctx: Context) -> Candidate:
    """Extractive sentences from the best passages (per plan for a comparison): always an answer or a refusal."""
    q, docs, terms = ctx.question, ctx.docs, list(ctx.terms)
    if q.compare and len(ctx.scope) > 1:
        per = ctx.retriever.search_per_doc(q.resolved, list(ctx.scope), 5)
        return _candidate(_extractive_answer(q, docs, list(ctx.hits), terms, per_doc=per, weight=ctx.weight),
                          "comparison")
    return _candidate(_extractive_answer(q, docs, list(ctx.hits), terms, weight=ctx.weight,
                                         retriever=ctx.retriever, tokenizer=ctx.tokenizer), "extractive")


def foreign_place(ctx: Context) -> Candidate | None:
    q = ctx.question
    if not (q.foreign_places and not q.docs):
        return None
    cell = table_cell_answer(q, ctx.docs, ctx.scope, q.foreign_places[0])  # a place that keys a table row (长春市 in 表3-1)
    if cell is not None:
        return _candidate(cell, "table_cell")
    return _candidate(_foreign_answer(q, ctx.docs, list(ctx.hits), list(ctx.terms)), "foreign_place")


def plan_fact(ctx: Context) -> Candidate | None:
    """"这个规划是谁发的 / 哪年印发的 / 文号 / 规划期 / 目标年": each plan's own line stating it, or a refusal."""
    kind = asked_fact(ctx.question.resolved)
    if kind is None:
        return None
    return _candidate(plan_fact_answer(ctx.question, ctx.docs, ctx.scope, kind), "plan_fact")


def location(ctx: Context) -> Candidate | None:
    """Where something is in the plans; "放在哪些地区" (several asked in this very question, not in the one it
    follows up) asks for the places a sentence enumerates first."""
    q = ctx.question
    if q.intent != "location":
        return None
    ask = list_ask(q.resolved, ctx.tokenizer.words, GENERIC) if _LIST_RE.search(q.text) else None
    if ask is not None:
        listed = enumeration_answer(q, ctx.docs, list(ctx.hits), list(ctx.terms), ask, ctx.scope, ctx.weight,
                                    ctx.retriever)
        if listed is not None and not listed.refused:
            return _candidate(listed, "list")
    ans = location_answer(q, ctx.docs, list(ctx.hits), list(ctx.terms), list(ctx.metas), ctx.scope)
    if ans is not None:
        return _candidate(ans, "location")
    return _candidate(_extractive_answer(q, ctx.docs, list(ctx.hits), list(ctx.terms), weight=ctx.weight,
                                         retriever=ctx.retriever, tokenizer=ctx.tokenizer), "extractive")


def duty(ctx: Context) -> Candidate | None:
    """这条是哪些部门负责的: the responsibility note of the paragraph stating what is asked about."""
    if not asks_duty(ctx.question.resolved):
        return None
    return _candidate(duty_answer(ctx.question, list(ctx.hits), list(ctx.terms), ctx.docs, ctx.weight), "duty")


def chapter_aim(ctx: Context) -> Candidate | None:
    """第四章要实现什么目标: the sentences stating the numbered part's aim."""
    return _candidate(chapter_aim_answer(ctx.question, ctx.docs, ctx.scope), "goal")


def indicator(ctx: Context) -> Candidate | None:
    """Exact table values: one indicator clearly named, a whole table, or rows named in other words. A bare
    indicator name ("高新区道路网密度") is a question about its values."""
    q, docs, scope, hits = ctx.question, ctx.docs, ctx.scope, list(ctx.hits)
    if q.intent in ("indicator", "comparison", "list") or q.wants:
        ans = (indicator_answer(q, docs, scope, hits, ctx.weight, min_score=0.9)
               or table_answer(q, docs, scope) or table_cell_answer(q, docs, scope)  # a row × column cell
               or indicator_answer(q, docs, scope, hits, ctx.weight, terms=list(ctx.terms)))
    elif q.intent == "open":
        ans = indicator_answer(q, docs, scope, hits, ctx.weight, min_score=0.9)
    else:
        return None
    return _candidate(ans, "indicator")


def box_list(ctx: Context) -> Candidate | None:
    q = ctx.question
    if not (q.intent == "list" or "专栏" in q.resolved):
        return None
    return _candidate(box_list_answer(q, ctx.docs, ctx.scope), "box")


def field(ctx: Context) -> Candidate | None:
    """"工作组的组长是谁": the "组长：…" line of the section the question names."""
    if ctx.question.intent not in ("open", "list"):
        return None
    return _candidate(field_answer(ctx.question, ctx.docs, ctx.scope, list(ctx.terms), ctx.weight), "field")


def section_aim(ctx: Context) -> Candidate | None:
    """工业互联网这块的定位: the section whose heading path names what is asked."""
    q, terms = ctx.question, list(ctx.terms)
    if not (q.intent == "goal" and not q.years and path_sections(ctx.docs, ctx.scope, terms)):
        return None
    return _candidate(section_answer(q, ctx.docs, ctx.scope, list(ctx.metas), None, ctx.weight, terms), "goal")


def named_project(ctx: Context) -> Candidate | None:
    """A number of a project named outright (梧桐港二期建几个泊位): its own item."""
    if ctx.question.intent != "indicator":
        return None
    return _candidate(project_answer(ctx.question, ctx.docs, ctx.scope, list(ctx.terms), ctx.weight, named=True),
                      "project")


_HOW_MUCH_RE = lexicon().regex("how_much")  # 多少, 几座: a quantity asked outright
_LIST_RE = lexicon().regex("list")  # 哪些, 哪几: several things asked


def _states_quantity(answer: Answer, kind: str | None = None) -> bool:
    """Whether the answer's text states a quantity (not only a year), of the ``kind`` asked when one is (a count
    asked is not stated by an amount in 亿元), citation markers aside."""
    text = _MARKER_RE.sub(" ", answer.answer)
    return bool(QUANTITY_RE.search(text)) and (kind is None or kind in stated_kinds(text))


def aim_clause(ctx: Context) -> Candidate | None:
    """"物流方面最终想建成个什么": the clause whose aim verb takes the topic as its object, before the plan-wide
    goals of running text. Not for a goal of a year asked (到2025年…)."""
    q = ctx.question
    if q.intent != "goal" or q.years:
        return None
    return _candidate(aim_clause_answer(q, ctx.docs, list(ctx.hits), list(ctx.terms), ctx.weight), "goal")
def _key_noun(ctx: Context) -> str:
    """The heaviest noun of the question, the asker's own words aside: what a stated number must be about."""
    terms = list(ctx.terms)
    nouns = [t for t in terms if not askers_word(t, ctx.retriever, ctx.tokenizer)] or terms
    return max(nouns, key=ctx.weight) if nouns else ""


def _text_states_year(ctx: Context, key: str) -> bool:
    """A retrieved sentence states a quantity for an asked year and names the measure ``key``."""
    for h in ctx.hits:
        if h.chunk.kind == "indicator":
            continue
        for sent in sentences(h.chunk.text):
            if any(y in sent for y in ctx.question.years) and names_term(key, sent) and QUANTITY_RE.search(
                    YEAR_RE.sub(" ", sent)):
                return True
    return False


def goal(ctx: Context) -> Candidate | None:
    """Goals in running text (到2025年…). A number question is not answered by a goal that states no quantity
    (预计到2030年…需求将进一步增强 for 已建成多少座): the later handlers try the text."""
    q = ctx.question
    if not (q.intent in ("goal", "indicator") or q.years):
        return None
    kind = asked_kind(q.resolved)
    kind = kind if kind == COUNT else None  # 布局总数, 多少座: a count asked, as 多少 asks a quantity
    how_much = bool(_HOW_MUCH_RE.search(q.resolved)) or kind is not None
    key = _key_noun(ctx) if how_much else ""
    periods = {p.doc_id: p.period for p in plan_scopes(ctx.documents.values(), ctx.tokenizer.tag) if p.period}
    # 已建成多少座 asks what stands today: a statement of a year before the plan's period, not an aim for later
    status = not q.years and "baseline" in q.wants and "target" not in q.wants
    ans = goal_answer(q, ctx.docs, ctx.scope, list(ctx.terms), ctx.weight, key,
                      {d: str(e) for d, (_, e) in periods.items()},
                      {d: s for d, (s, _) in periods.items()} if status else None)
    if ans is not None and how_much and not ans.refused and not _states_quantity(ans, kind):
        return None
    if ans is not None and ans.refused and key and _text_states_year(ctx, key):
        return None  # no goal for that year, but a sentence states the measure for it (a forecast): the text answers
    return _candidate(ans, "goal")


def section(ctx: Context) -> Candidate | None:
    q = ctx.question
    if q.intent == "indicator":
        return None
    return _candidate(section_answer(q, ctx.docs, ctx.scope, list(ctx.metas),
                                     ctx.retriever if q.compare else None, ctx.weight), "section")


def enumeration(ctx: Context) -> Candidate | None:
    q = ctx.question
    if q.intent not in ("list", "project", "open", "comparison"):
        return None
    ask = list_ask(q.resolved, ctx.tokenizer.words, GENERIC)
    if ask is None:
        return None
    return _candidate(enumeration_answer(q, ctx.docs, list(ctx.hits), list(ctx.terms), ask, ctx.scope, ctx.weight,
                                         ctx.retriever), "list")


def listed_items(ctx: Context) -> Candidate | None:
    """"取消了哪几个加油站项目": a list asked by what its items are (a head noun), from the sentence that
    enumerates them, before a section matched by only part of its title; a section named whole answers first."""
    q = ctx.question
    if q.intent != "list" or names_section(q, ctx.docs, list(ctx.metas)):
        return None
    return enumeration(ctx)


def project(ctx: Context) -> Candidate | None:
    if ctx.question.intent not in ("project", "open", "list", "indicator"):
        return None
    return _candidate(project_answer(ctx.question, ctx.docs, ctx.scope, list(ctx.terms), ctx.weight), "project")


def table_cell(ctx: Context) -> Candidate | None:
    """A row × column question worded otherwise (长春市要建几座换电站): the cell of any table."""
    if ctx.question.intent == "indicator":
        return None
    return _candidate(table_cell_answer(ctx.question, ctx.docs, ctx.scope), "table_cell")


_MARKER_RE = re.compile(r"(?<!\\)\[(\d+)\]")  # a citation marker [n], not an escaped bracket of plan text


def merge_answers(q: Question, parts: Parts, answers: list[Answer]) -> Answer:
    """One answer from the answers to the parts: each under its label with its citations renumbered into one
    list; a part the plans do not answer says so. Parts answered alike (目标、单位和属性 of one indicator row)
    are shown once."""
    kept: list[tuple[str, Answer]] = []
    for label, ans in zip(parts.labels, answers, strict=True):
        if not any(a.answer == ans.answer for _, a in kept):
            kept.append((label, ans))
    if len(kept) == 1:
        return kept[0][1]
    cites: list[Citation] = []
    index: dict[tuple[str, str], int] = {}
    lines: list[str] = []
    for label, ans in kept:
        renumber = {}
        for c in ans.citations:
            key = (c.doc_id, c.text)
            if key not in index:
                index[key] = len(cites) + 1
                cites.append(replace(c, n=index[key]))
            renumber[c.n] = index[key]
        head = f"**{escape_md(label)}**："
        if ans.refused:
            lines.append(head + "所收录的规划中没有找到这一项。")
            continue
        if ans.answer.startswith(f"**{escape_md(label)}"):  # the part's answer names its plan already
            head = ""
        lines.append(head + _MARKER_RE.sub(lambda m, r=renumber: f"[{r.get(int(m.group(1)), m.group(1))}]",
                                          ans.answer))
    related = [c for _, a in kept for c in a.related]
    related = tuple(replace(c, n=i) for i, c in enumerate(dict.fromkeys(related), 1))
    rows = tuple(dict.fromkeys(r for _, a in kept for r in a.indicators))
    return Answer(q.text, "\n".join(lines), all(a.refused for _, a in kept), tuple(cites), rows, related,
                  kept[0][1].intent, q.docs)


def _plan_passages(sub: Context, doc: str) -> Answer | None:
    """One plan's part that no handler answered: its best sentences, as a comparison quotes each plan; None when
    its passages do not cover what is asked."""
    hits = sub.retriever.search_per_doc(sub.question.resolved, [doc], 5).get(doc, [])
    terms = list(sub.terms)
    if not hits or term_coverage(terms, " ".join(h.chunk.text for h in hits[:3]), sub.weight) < 0.4:
        return None
    part = extractive(hits, terms, sub.question.intent == "indicator", limit=160, max_sentences=2, weight=sub.weight)
    return render(sub.question, [part], sub.docs, False, None, long_ok=True) if part.lines else None


def multi_part(ctx: Context) -> Candidate | None:
    """"A和B的目标分别是多少" / "…是多少？…是什么？" / "甲方案和乙方案的X各是多少": each part answered on its
    own (later questions of one message as follow-ups of the earlier ones, a plan's part from that plan only),
    then shown together, each part cited."""
    parts = split_parts(ctx.question.text, [a for a, _ in alias_table(list(ctx.metas))])
    return None if parts is None else _answer_parts(ctx, parts)


def per_plan(ctx: Context) -> Candidate | None:
    """"甲方案和乙方案，X各是怎么定的" / "两份规划各自的定位": one question per plan, each answered from that
    plan only, unless the indicator rows already answer for every plan asked (one table of both). When no
    plan's part is answered, the handlers after it try the question as a whole (a comparison's passages)."""
    q = ctx.question
    parts = split_plans(q.resolved, q.mentions, ctx.scope, {d: doc_name(doc) for d, doc in ctx.documents.items()})
    if parts is None:
        return None
    whole = indicator(ctx)
    if whole is not None and not whole.answer.refused and {d for p in parts.plans for d in p} <= {
            c.doc_id for c in whole.answer.citations}:
        return whole
    split = _answer_parts(ctx, parts)
    return None if split.answer.refused else split  # no plan's part answered: the question as a whole is tried


def _answer_parts(ctx: Context, parts: Parts) -> Candidate:
    history = list(ctx.history)
    answers = []
    for i, text in enumerate(parts.questions):
        plans = parts.plans[i] if parts.plans else ()
        sub = part_context(ctx, text, history, plans)
        ans = decide(sub, dispatch(sub, PART_HANDLERS).answer)
        if ans.refused and len(plans) == 1:
            ans = _plan_passages(sub, plans[0]) or ans
        answers.append(ans)
        if parts.sequential:
            history.append(turn_record(text, ans.answer, sub.question.resolved))
    return _candidate(merge_answers(ctx.question, parts, answers), "multi_part")


@dataclass(frozen=True)
class Handler:
    name: str
    run: Callable[[Context], Candidate | None]


# Tried in this order; the first candidate wins (a later, more general handler only answers what the more
# specific ones before it could not). The retrieval-only answer closes the list and always answers.
HANDLERS: tuple[Handler, ...] = (
    Handler("multi_part", multi_part),  # first: its parts go through the handlers after it
    Handler("per_plan", per_plan),  # its parts go through the handlers after it
    Handler("foreign_place", foreign_place),
    Handler("plan_fact", plan_fact),  # a plan's own facts (issuer, date, 文号, period), before its content
    Handler("location", location),
    Handler("duty", duty),
    Handler("chapter_aim", chapter_aim),
    Handler("indicator", indicator),
    Handler("box_list", box_list),
    Handler("field", field),
    Handler("section_aim", section_aim),
    Handler("named_project", named_project),
    Handler("aim_clause", aim_clause),
    Handler("goal", goal),
    Handler("listed_items", listed_items),
    Handler("section", section),
    Handler("enumeration", enumeration),
    Handler("project", project),
    Handler("table_cell", table_cell),
)


PART_HANDLERS = HANDLERS[2:]  # a part of a multi-part question is not split again

OVER_BUDGET = ("这个问题的分析超出了单次回答的时间预算，以下只列出检索到的相关段落；请换一个更简短、更具体的问法。"
               " / answering ran over the time budget of one request, so only the retrieved passages are listed; "
               "please ask a shorter, more specific question.")


def _over_budget(ctx: Context) -> Candidate:
    """Past the request's deadline: the retrieved passages, and a plain word that the answer stopped there."""
    return Candidate(refuse(ctx.question, ctx.docs, OVER_BUDGET, related_evidence(list(ctx.hits))), "over_budget", 0.0)


def dispatch(ctx: Context, handlers: tuple[Handler, ...] = HANDLERS,
             fallback: Callable[[Context], Candidate] = _retrieval_only) -> Candidate:
    """Try the handlers in order and take the first candidate that passes answerability's explicit checks (a
    year, an amount's unit or a code the question names is in what it quotes); once the deadline passes, stop
    trying and list the retrieved passages, saying so. When no answer passes, the first near answer is withdrawn:
    a refusal naming what was missing, its passages shown as the closest ones."""
    held: Candidate | None = None  # the first answer that failed an explicit check, with what it lacked
    gap = None
    for h in handlers:
        if ctx.expired():
            log.warning("deadline passed before handler %s; answering from retrieval only", h.name)
            return _over_budget(ctx)
        cand = h.run(ctx)
        if cand is None:
            continue
        lack = None if cand.kind == "multi_part" else missing(ctx, cand.answer)
        if lack is None:
            return cand
        held, gap = held or cand, gap or lack  # a near answer: let the later handlers find one that holds it
    cand = fallback(ctx)
    if held is None or missing(ctx, cand.answer) is None and not cand.answer.refused:
        return cand
    return Candidate(withdraw(held.answer, gap.message(ctx.question.text), 0.0), held.kind, 0.0)


def answer_question(question: str, history: list, documents: tuple[Document, ...], retriever, tokenizer,
                    doc_filter: tuple[str, ...] = (), deadline: float | None = None) -> Answer:
    """``history``: earlier turns, oldest first (``Turn`` records or (question, answer) pairs). ``deadline``: a
    ``time.thread_time()`` value (this thread's CPU time) after which no further handler is tried. A place inside
    a plan's area (a town of the district) is answered only from a passage that names it."""
    ctx = build_context(question, history, documents, retriever, tokenizer, doc_filter, deadline)
    answer = decide(ctx, dispatch(ctx).answer)
    q = ctx.question
    missing = [p for p in q.local_places if not any(n in c.text for c in answer.citations for n in p.names)]
    if missing and not answer.refused:
        answer = replace(_foreign_answer(replace(q, foreign_places=(missing[0].text,)), ctx.docs, list(ctx.hits),
                                         list(ctx.terms)), score=0.0)  # scored as a place no plan answers for
    return replace(answer, turn=turn_record(question, answer.answer, ctx.question.resolved))
