"""Understanding a question: which plans, what is asked, which years and columns, and follow-ups. Pure
(given the tokenizer and the plans' metadata)."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from assistant.text.numbers import cn_to_int, normalise_years, to_halfwidth
from assistant.text.patterns import (
    BOX_RE,
    CODE,
    COUNT_OF_RE,
    DIGIT_GAP_RE,
    INNER_UNIT,
    LABEL_RE,
    NUMBERED_PART_RE,
    ORDINAL_RE,
    PLAN_YEAR_RE,
    WRITTEN_YEAR_RE,
    YEAR_RE,
    YEAR_RUN_RE,
    blank_titles,
)
from assistant.types import DocMeta, Turn

from .claims import Claim, checked_question, read_claim
from .followups import written_spans
from .framing import without_frame
from .gazetteer import gazetteer
from .lexicon import lexicon
from .scope import PlaceMention, PlanScope, period_words, place_mentions, plan_scope

LEX = lexicon()
_COMPARE_RE = LEX.regex("compare")
_LOCATION_RE = LEX.regex("location")
_LIST_RE = LEX.regex("list")
_NUMBER_RE = LEX.regex("number")
_GOAL_RE = LEX.regex("goal")
_LEVEL_ASK_RE = LEX.regex("level_ask")  # 要达到什么水平: a level asked, a goal unless a measure is named too
_PROJECT_RE = LEX.regex("project")
_ATTR_RE = LEX.regex("attribute")
_BINDING_RE = LEX.regex("binding_ask")
_CUMUL_RE = LEX.regex("cumulative")
_INCREASE_RE = LEX.regex("increase")
_GROWTH_RE = LEX.regex("growth")
_BASE_RE = LEX.regex("baseline")
_TARGET_RE = LEX.regex("target")
_YEAR_RE = YEAR_RE
_FOLLOWUP_RE = re.compile(rf"^(?:{LEX.pattern('followup_lead')})|{LEX.pattern('followup_tail')}")
_PRONOUN_RE = re.compile(rf"^(?:{LEX.pattern('pronoun_lead')})")
_FILLER_LEAD_RE = re.compile(rf"^(?:{LEX.pattern('filler_lead')})[\s,，。.!！~～]*")
_SUBJECTLESS_RE = re.compile(rf"^(?:{LEX.pattern('subjectless_ask')})")
_NOW_RE = LEX.regex("now_ask")
_BASELINE_RE = LEX.regex("baseline")
_ITEM_PRONOUN_RE = re.compile(rf"^(?:{LEX.pattern('item_pronoun')})")
GENERIC_WORDS = LEX.regex("topic_generic")
QUESTION_WORDS = LEX.regex("question_word")
_PLAN_WORD_RE = LEX.regex("plan_title_word")
_FILLER = frozenset(LEX.words("plan_pointer"))  # 那个, 这个: between a place and a plan word
_OF = frozenset(LEX.words("of"))  # 的: between words of a plan's title as the asker writes it
# a plan named by the words of its title before a plan word (节能降碳方案) or before a pointer alone (国务院节能那份)
_PLAN_NAME_END_RE = re.compile(f"(?:{LEX.pattern('plan_title_word')})|(?:{LEX.pattern('plan_pointer')})")
_PERIOD_END_RE = re.compile(rf"(?:{LEX.pattern('five_year_plan')})(?:{LEX.pattern('five_year_plan_end')})"
                            rf"|{LEX.pattern('period_end')}")

_TRAD = None


def to_simplified(text: str) -> str:
    """Traditional to simplified Chinese (opencc, pure Python); unchanged when the converter is absent."""
    global _TRAD
    if _TRAD is None:
        try:
            from opencc import OpenCC

            _TRAD = OpenCC("t2s")
        except ImportError:  # pragma: no cover
            _TRAD = False
    return _TRAD.convert(text) if _TRAD else text


def normalise_question(text: str) -> str:
    """NFKC-lite: control characters dropped, full-width digits folded, traditional -> simplified, years as digits."""
    text = "".join(" " if unicodedata.category(c) in ("Cc", "Zs") else c for c in text
                   if unicodedata.category(c) not in ("Cf", "Co", "Cs"))
    text = re.sub(r"<[^>]{0,200}>", " ", text)  # markup is not part of a question
    text = DIGIT_GAP_RE.sub("", to_halfwidth(re.sub(r"\s+", " ", text))).strip()
    return normalise_years(to_simplified(without_lead_ins(text)))


def without_lead_ins(text: str) -> str:
    """The question without what only leads into it, in any order (我在写个材料，请问一下，…; 您好，领导让我查下，…)."""
    for _ in range(4):
        out = without_asker(without_courtesy(without_frame(text)))
        if out == text:
            break
        text = out
    return text


_COURTESY_RE = LEX.regex("courtesy")
_ASKER_RE = re.compile(f"^(?:{LEX.pattern('asker_intro')})")
_RELAY_RE = re.compile(f"^(?:{LEX.pattern('asker_relay')})")
_PURPOSE_RE = re.compile(f"^(?:{LEX.pattern('asker_purpose')})")
_ADMIN_SUFFIX_RE = LEX.regex("admin_suffix")


def without_asker(text: str) -> str:
    """The question without the office the asker speaks for (机关事务这边问：…), the member of the public who asked
    it first (群众问：…), or the writing they are doing
    (我在写个材料，…): their words are no topic. A place the office is (开州这边问：新规划几座; a gazetteer name or
    a word with an area's suffix) is what is asked of, and kept; so is what the writing is about (在写外贸的材料，)."""
    for asker in (_ASKER_RE, _RELAY_RE):
        m = asker.match(text)
        if m is not None and text[m.end():].strip():
            who = m.group("who")
            if gazetteer().scan(who) or _ADMIN_SUFFIX_RE.search(who):
                return who + "，" + text[m.end():]
            return text[m.end():]
    m = _PURPOSE_RE.match(text)
    if m is not None and text[m.end():].strip():
        return (m.group("who") + "，" if m.group("who") else "") + text[m.end():]
    return text


def without_courtesy(text: str) -> str:
    """The question without the greeting, self-introduction and thanks around it (您好，我是新来的，…？谢谢): they
    ask nothing, and their words are no topic. A message of courtesy alone is kept as it is."""
    out = text
    for _ in range(3):  # a greeting, then the introduction it led
        stripped = _COURTESY_RE.sub("", out).strip()
        if stripped == out:
            break
        out = stripped
    return out or text


@dataclass(frozen=True)
class Question:
    text: str  # as asked, normalised
    resolved: str  # with the conversation folded in
    docs: tuple[str, ...]  # plans named (empty: all)
    foreign_places: tuple[str, ...]  # places named that no plan in scope is about
    intent: str  # indicator | goal | project | location | comparison | list | open
    years: tuple[str, ...]
    wants: frozenset[str]  # baseline, target, attribute, cumulative, increase, growth
    compare: bool
    is_followup: bool
    local_places: tuple[PlaceMention, ...] = ()  # inside a plan's area: answered only from text naming them
    period: tuple[int, int] | None = None  # a whole period named (十五五, 规划期内)
    named_as: tuple[tuple[str, str], ...] = ()  # plans named in the asker's words: (words, doc_id), as aliases
    mentions: tuple[tuple[int, int, str], ...] = ()  # where in ``resolved`` each plan is named: (start, end, doc_id)
    previous: str = ""  # the earlier question, resolved, when there was one (a follow-up's generic merge)
    claim: Claim | None = None  # a claim to check (同事说…，是这样吗): ``text`` is it asked as a question


def alias_table(metas: list[DocMeta]) -> list[tuple[str, str]]:
    """(alias, doc_id), longest alias first so 重庆高新区 wins over 高新区 (computed once per set of plans: a
    question asks for it several times, and a corpus of 200 plans has a thousand aliases)."""
    return list(_alias_table(tuple(metas)))


@functools.lru_cache(maxsize=8)
def _alias_table(metas: tuple[DocMeta, ...]) -> tuple[tuple[str, str], ...]:
    pairs = set()
    for m in metas:
        for a in (*m.short_names, m.doc_id, m.title):
            if a and len(a) >= 2:
                pairs.add((a, m.doc_id))
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p[0])))


def find_spans(text: str, aliases: list[tuple[str, str]]) -> tuple[tuple[tuple[int, int, str], ...], str]:
    """Where each plan is named in the text, (start, end, doc_id) in order of mention, and the text with the
    aliases blanked out (longest alias first)."""
    found: list[tuple[int, int, str]] = []
    masked = text
    for alias, doc in aliases:
        start = masked.find(alias)
        while start >= 0:
            found.append((start, start + len(alias), doc))
            masked = masked[:start] + "＿" * len(alias) + masked[start + len(alias):]
            start = masked.find(alias)
    return tuple(sorted(found)), masked


def find_docs(text: str, aliases: list[tuple[str, str]]) -> tuple[tuple[str, ...], str]:
    """Doc ids named in the text, in order of mention, and the text with the aliases blanked out."""
    spans, masked = find_spans(text, aliases)
    return tuple(dict.fromkeys(d for _, _, d in spans)), masked


def _plain_name(text: str) -> str:
    return re.sub(r"[\W_]", "", text)


def casual_names(text: str, metas: Sequence[DocMeta], tagger) -> tuple[tuple[str, str], ...]:
    """A plan named in the asker's own words ("国务院节能降碳方案", "吉林充换电规划"): the words right before a
    plan word (规划, 方案, 计划, 政策…) that a plan's title, short names or issuer contain, when one plan contains
    more of them than any other. A pointer (那份, 那个) ends such a name as a plan word does ("国务院节能那份",
    "吕梁能源站那个"): the asker points at a plan by the words of its title. Returns (words as written + plan
    word, doc_id) pairs, to be treated as aliases of that plan."""
    names = {m.doc_id: _plain_name(" ".join((m.title, *m.short_names, m.issuer or ""))) for m in metas}
    found: list[tuple[str, str]] = []
    for m in _PLAN_NAME_END_RE.finditer(text):
        lead = re.split(r"[^\w“”\"]", text[max(0, m.start() - 16):m.start()])[-1]
        words = [w for w, _ in tagger(lead)]
        best: list[tuple[int, int, str, str]] = []
        for doc, name in names.items():
            got, span, named = 0, "", ""
            for j in range(len(words) - 1, -1, -1):
                w, plain = words[j], _plain_name(words[j])
                # 安徽那个政策: 那个 points, it names nothing; …工业互联网的若干政策: 的 joins words of one name, not a
                # plan named whole to what it says (崇阳加油站规划的规划原则)
                if (plain in _FILLER or plain in _OF and not (j and _PLAN_WORD_RE.fullmatch(words[j - 1]))) \
                        and plain not in name:
                    span = w + span
                    continue
                if plain and plain not in name:
                    break
                got += len(plain) if len(plain) >= 2 else 0
                span = named = w + span
            span = span if span.startswith(named) or any(span.startswith(f) for f in _FILLER) else named
            best.append((got, m.group() in name, doc, span))
        best.sort(reverse=True)
        if best and best[0][0] >= 2 and (len(best) == 1 or best[0][:2] > best[1][:2]) \
                and not _after_other_plan(text[:m.start() - len(best[0][3])], best[0][2], metas):
            found.append((best[0][3] + m.group(), best[0][2]))
    return tuple(found)


def _after_other_plan(before: str, doc: str, metas: Sequence[DocMeta]) -> bool:
    """Words right after another plan's name describe what that plan says (吕梁十四五油站规划数: 吕梁's own
    十四五 加油站 plan figure), not a second plan whose title holds the same words."""
    return any(before.endswith(a) for a, d in alias_table(list(metas)) if d != doc)


def split_places(text: str, tagger, aliases: list[tuple[str, str]],
                 plans: Sequence[PlanScope]) -> tuple[str, tuple[str, ...], tuple[PlaceMention, ...],
                                                      tuple[tuple[int, int, str], ...],
                                                      tuple[tuple[int, int, str], ...]]:
    """The places no plan in scope is about, and those inside a plan's area or named by its text (answered only
    from a passage that names them). Plans named in the question are the scope, else every plan; the plans'
    own names are not place mentions, and a place right before a plan's name is another zone (成都 + 高新区).
    Returns (text with the foreign places blanked, foreign places, local places, and where a plan's own area is
    named: (start, end, doc_id), and where a place inside exactly one plan's area is named: (start, end, doc_id))."""
    named, masked = find_docs(text, aliases)
    scope = [p for p in plans if p.doc_id in named] or list(plans)
    foreign, local, owners, inside = [], [], [], []
    # a place that is the own area of a plan not named (吕梁和深圳…: 深圳 of 国家碳达峰试点（深圳）) names that plan
    elsewhere = {m.text: m.docs for m in place_mentions(masked, tagger, plans)
                 if m.status == "own" and m.docs} if len(scope) < len(plans) else {}
    for m in place_mentions(masked, tagger, scope, every=plans):
        start = masked.find(m.text)
        end = start + len(m.text)
        while end < len(masked) and masked[end] == "＿":
            end += 1
        if m.status == "foreign" and m.text in elsewhere:
            m = replace(m, status="own", docs=elsewhere[m.text])
        if m.status == "own" and end == start + len(m.text):
            owners += [(start, end, d) for d in m.docs]
            continue
        if len(m.within) == 1 and end == start + len(m.text):  # a city of one plan's province: where that
            inside.append((start, end, m.within[0]))  # plan's part of a comparison is named
        if m.status in ("local", "named") and end == start + len(m.text):
            local.append(m)
            continue
        foreign.append(text[start:end])
    blanked = text
    for f in foreign:
        blanked = blanked.replace(f, "＃" * len(f))
    return blanked, tuple(dict.fromkeys(foreign)), tuple(local), tuple(owners), tuple(inside)


def years_in(text: str, plans: Sequence[PlanScope] = ()) -> tuple[str, ...]:
    """Years written out, then the years period words stand for (十四五末; 规划期末 as each plan's last year).
    Not those inside a 《title》: 《2024—2025年节能降碳行动方案》 names a plan, it asks no year; nor four digits inside
    a longer number (C32021年: the number guard reads no 2021 there either, so no answer may state it)."""
    text = blank_titles(text)
    out = [m.group(1) for m in WRITTEN_YEAR_RE.finditer(text) if 1990 <= int(m.group(1)) <= 2100]
    out += period_words(text, plans).years
    return tuple(dict.fromkeys(out))


def wants_of(text: str, plans: Sequence[PlanScope] = ()) -> frozenset[str]:
    w = set()
    if set(years_in(text, plans)) & {str(p.period[1]) for p in plans if p.period}:
        w.add("target")  # a plan's last year is its target year
    if _ATTR_RE.search(text) or _BINDING_RE.search(text):
        w.add("attribute")  # 有没有硬性要求: whether the row is 约束性, not a figure asked (the intent stays)
    if _CUMUL_RE.search(text):
        w.add("cumulative")
    if _GROWTH_RE.search(text):
        w.add("growth")
    elif _INCREASE_RE.search(text):
        w.add("increase")
    if _BASE_RE.search(text):
        w.add("baseline")
    if _TARGET_RE.search(text):
        w.add("target")
    return frozenset(w)


_DUTY_ASK_RE = LEX.regex("ask_duty")


# two sides named before 分别 (高新区和渝中, 2020年、2025年): things joined by a conjunction or a list comma
_SIDES_RE = re.compile(rf"(?:{LEX.pattern('conjunction')})(?!{LEX.pattern('bound_tail')})|{LEX.pattern('plan_join')}|、")


def _names_sides(text: str, at: int) -> bool:
    """Two sides named before ``at`` (高新区和渝中…分别) or counted anywhere (两个区的…分别, 两家各自)."""
    return bool(_SIDES_RE.search(text[:at])) or any(m.group(0) not in _EACH_WORDS
                                                    for m in LEX.regex("each_plan").finditer(text))


def classify(text: str, n_docs: int, states: bool = False) -> tuple[str, bool]:
    """The intent and whether plans are compared. 分别 (lexicon role each) compares only sides the question names:
    of a question naming one plan it asks each of that plan's items (保障措施一共几条 分别是啥), and of one naming
    no plan and no two things joined before it, the several figures one plan states of one subject (公共机构要降的
    几个指标分别是多少), not each plan. ``states``: the text states something to check and asks no amount, so a
    word naming a measure in it (指标, 数量) asks no value."""
    found = list(_COMPARE_RE.finditer(text))
    compare = any(m.group(0) not in _EACH_WORDS or n_docs == 0 and _names_sides(text, m.start())
                  for m in found) or n_docs >= 2
    if _LOCATION_RE.search(text):
        return "location", compare
    if compare:
        return "comparison", True
    if _LIST_RE.search(text):
        return "list", False
    unlevelled = _LEVEL_ASK_RE.sub("", text)
    figure = _DUTY_ASK_RE.sub(" ", unlevelled)  # 责任单位是谁: the unit that leads, no unit of measure asked
    if (_NUMBER_RE.search(figure) and not states) or _ATTR_RE.search(unlevelled) or _CUMUL_RE.search(unlevelled):
        return "indicator", False
    if unlevelled != text:
        return "goal", False
    if _GOAL_RE.search(text):
        return "goal", False
    if _PROJECT_RE.search(text):
        return "project", False
    return "open", False


def topic_of(text: str, aliases: list[tuple[str, str]]) -> str:
    """What a question is about once plan names, years, asking and generic words are removed."""
    _, masked = find_docs(text, aliases)
    masked = _YEAR_RE.sub("", masked.replace("＿", ""))
    masked = LEX.regex("how_much").sub("", QUESTION_WORDS.sub("", masked))  # 有几个: an ask, not a topic
    masked = GENERIC_WORDS.sub("", masked)
    return re.sub(r"[\W\d_]+", "", masked)


def is_followup(text: str, aliases: list[tuple[str, str]] = ()) -> bool:
    """Elliptical or pronoun questions that only make sense with the previous turn."""
    topic = topic_of(text, list(aliases))
    aspect = re.sub(r"[\W\d_]+", "", _ASPECT_RE.sub("", QUESTION_WORDS.sub("", _ASPECT_RE.sub("", text))))
    short = len(re.sub(r"[\W_]", "", text)) <= 8 and not find_docs(text, list(aliases))[0]
    return (bool(_FOLLOWUP_RE.search(text)) or bool(_PRONOUN_RE.match(text)) or short
            or bool(FIGURE_POINTER_RE.search(text))
            or bool(_SUBJECTLESS_RE.match(text.strip()))
            or len(topic) <= 2 or len(_ASPECT_RE.sub("", topic)) <= 1 or len(aspect) <= 1)


_ASPECT_RE = LEX.regex("aspect")
_BOTH_RE = LEX.regex("both_plans")
# 分别: each of several things, plans or items; 都是: all of them, plans or items
_EACH_WORDS = frozenset(LEX.words("each"))
_ALL_ITEMS_RE = LEX.regex("all_items")


def _asks_each_plan(text: str, docs_prev: tuple[str, ...]) -> bool:
    """A follow-up asking the same of every plan (两个区分别是多少). A bare 分别 or 都是 after a question about one
    plan (保障措施有几条？→ 分别是什么; 城区有几座加油站 → 都是国企的吗) asks of that plan's items, not each plan."""
    return any((m.group(0) not in _EACH_WORDS and not _ALL_ITEMS_RE.fullmatch(m.group(0))) or len(docs_prev) != 1
               for m in _BOTH_RE.finditer(text))
_ASK_TAIL_RE = re.compile(rf"(?:{LEX.pattern('ask_tail_measure')})?(?:{LEX.pattern('ask_tail_verb')})?"
                          rf"(?:{LEX.pattern('ask_tail_ask')})?[？?。！!]*$")


_GRAM_STOP_END_RE = re.compile(f"(?:{LEX.pattern('gram_stop')})+$")


def asked_of(question: str) -> str:
    """What a question asks about, without its ask: its ask tail (是多少) and an ask of where it is written
    (碳预算管理是放在哪一部分讲的 -> 碳预算管理), which a follow-up asking another thing of it (责任单位有哪些)
    does not ask again."""
    where = _LOCATION_RE.search(question)
    text = _ASK_TAIL_RE.sub("", question[:where.start()] if where else question)
    return _GRAM_STOP_END_RE.sub("", text) if where else text


def _swap_docs(new: str, docs_prev, docs_now, text: str, aliases) -> str:
    names = [a for a, d in aliases if d in docs_prev and a in new]
    def label(x: str) -> str:
        own = [a for a, d in aliases if d == x and a != x and not a.isascii()]
        places_ = [a for a in own if LEX.regex("area_suffix").fullmatch(a[-1:])] or own
        return next((a for a in own if a in text), min(places_, key=len) if places_ else x)

    targets = [label(x) for x in docs_now]
    target = "和".join(targets)
    for a in sorted(names, key=len, reverse=True):
        new = new.replace(a, "\0")
    return re.sub("\0+", target, new, count=1).replace("\0", "") if "\0" in new else target + new


def _named_places(text: str, aliases) -> list[int]:
    """Where each place named by a plan's name plus an area suffix (吉林市 in the 吉林 plan) ends in the text."""
    names = {a for a, _ in aliases}
    return [end + 1 for start, end, _ in find_spans(text, aliases)[0]
            if end < len(text) and LEX.regex("area_suffix").fullmatch(text[end]) and text[start:end + 1] not in names]


def _place_swap(text: str, previous: str, docs_now, docs_prev, aliases, anchors: Sequence[str]) -> str | None:
    """A follow-up naming a place that shares its name with the plan (那吉林市呢 after a question on the 吉林 plan's
    长春): the plan's name plus an area suffix that is no name of a plan names a place inside it, and the one
    place the previous question was about is swapped for it (not the plan named again). The previous question may
    have named no plan at all (表3-1里长春市…: its table and place scoped it), and is then of the plan too."""
    if not docs_now or docs_prev and set(docs_now) != set(docs_prev):
        return None
    places = [a for a in anchors if not LABEL_RE.fullmatch(a) and a in previous and a not in text]
    if len(places) != 1:
        return None
    names = {a for a, _ in aliases}
    for start, end, _ in find_spans(text, aliases)[0]:
        place = text[start:end + 1]
        if end < len(text) and LEX.regex("area_suffix").fullmatch(text[end]) and place not in names:
            return previous.replace(places[0], place, 1)
    return None


_AREA_PART_LOOK_RE = re.compile(rf"(?=({LEX.pattern('area_part')}|{LEX.pattern('whole_area')}))")


def _areas(text: str, aliases, plans: Sequence[PlanScope], tagger) -> list[tuple[str, str]]:
    """The parts of an area a question is asked of, each with its kind: the whole area ("whole": 全市), a part of
    it or of its roads ("part": 中心城区, 国道) and the places inside a plan's area it names ("place")."""
    spans = [(m.start(1), m.end(1)) for m in _AREA_PART_LOOK_RE.finditer(text)]
    spans = [(a, b) for a, b in spans if not any((c, d) != (a, b) and c <= a and b <= d for c, d in spans)]
    # two words overlapping (样例县城区: 县城 or 城区?) say neither for sure
    found = [text[a:b] for a, b in spans if not any(c < b and a < d and (c, d) != (a, b) for c, d in spans)]
    kinds = [(w, "whole" if _WHOLE_AREA_RE.fullmatch(w) else "part") for w in found]
    if tagger is not None and plans:
        kinds += [(p.text, "place") for p in split_places(text, tagger, aliases, plans)[2] if p.status == "local"]
    return list(dict.fromkeys(kinds))


_WHOLE_AREA_RE = LEX.regex("whole_area")
# what an area named in a follow-up stands in for: a part (国道, 城区) for another part or the whole, a place (临县)
# for another place or the whole; a part asked after a place is a part of that place (临县 … "高速上几个")
_REPLACES = {"part": ("part", "whole"), "place": ("place", "whole"), "whole": ("whole", "place", "part")}


def _area_swap(text: str, previous: str, docs_now, aliases, plans: Sequence[PlanScope], tagger) -> str | None:
    """A follow-up naming only another part of the area ("那城区呢" after a 全县 figure, "国道上呢" after a figure
    for 城区) asks the previous question of that part: the one area of a kind it stands in for (``_REPLACES``)
    that the previous question named is replaced in place, so its measure, year, place and ask are kept. A part
    asked after a question on one place ("高速上几个" after "…临县布局多少个") is that place's part, and a place
    asked after a question on one part is that part of the place."""
    if docs_now:
        return None
    now = [(a, k) for a, k in _areas(text, aliases, plans, tagger) if a not in previous]
    if len(now) != 1:
        return None
    (area, kind), = now
    bare = re.sub(rf"^(?:{LEX.pattern('pronoun_strip')})", "", text.strip())
    rest = topic_of(without_aspects(bare.replace(area, " "), tagger), aliases)
    named = [(a, k) for a, k in _areas(previous, aliases, plans, tagger) if a not in text and a not in area]
    if len(rest) > 1:
        return None
    swapped = _swapped_area(text, previous, area, kind, named)
    if swapped and _HOW_MUCH_RE.search(bare) and not _HOW_MUCH_RE.search(previous):
        # "高速上有几座" after "…城区有加油站，都是国企的吗": its own ask of the same things, not the check
        return swapped.partition("，")[0] + "，" + bare
    return swapped


def _swapped_area(text: str, previous: str, area: str, kind: str, named: list[tuple[str, str]]) -> str | None:
    """The previous question with the one area ``area`` stands in for replaced (see ``_area_swap``)."""
    before = [a for a, k in named if k in _REPLACES[kind]]
    if len(before) == 1:
        return previous.replace(before[0], area, 1)
    places, parts = [a for a, k in named if k == "place"], [a for a, k in named if k == "part"]
    if not before and kind == "part" and len(places) == 1:
        return previous.replace(places[0], places[0] + area, 1)
    if not before and kind == "place" and len(parts) == 1:  # "那临县呢" after "…城区有几座": 临县's 城区
        return previous.replace(parts[0], area + parts[0], 1)
    return None


def _sibling(topic: str, previous: str, tagger=None) -> str | None:
    """The thing of the previous question that a follow-up's topic stands in for: a word of the same length and
    kind (the same last character) that differs from it in one character (充电站 -> 换电站, 公交车 -> 公务车), and
    (given the tagger) does not start inside a word of the previous question that ends within it: 江新区 of 两江新区
    (two words or one) is no word."""
    n = len(topic)
    if not 2 < n <= 6 or not re.fullmatch(r"[\u4e00-\u9fff]+", topic) or topic in previous:
        return None
    words = [] if tagger is None else _word_spans(previous, tagger)
    for i in range(len(previous) - n + 1):
        s = previous[i:i + n]
        if (s[-1] == topic[-1] and re.fullmatch(r"[\u4e00-\u9fff]+", s)
                and sum(a == b for a, b in zip(s, topic, strict=True)) == n - 1
                and not any(a < i < b <= i + n for a, b in words)):
            return s
    return None


def _word_spans(text: str, tagger) -> list[tuple[int, int]]:
    at, out = 0, []
    for w, _ in tagger(text):
        out.append((at, at + len(w)))
        at += len(w)
    return out


SIBLING_WINDOW = 40  # characters: two things the plan states side by side (a clause apart, adjacent table rows)
ITEM_WINDOW = 400  # characters: two items of one list or box (专栏7's 1. and 4.), for things named by ITEM_CHARS or more
ITEM_CHARS = 4
_THING_FLAGS = ("n", "b", "j", "x", "l", "eng", "vn")  # the tagger's words that name a thing (not 集聚, 要)


def _spans(text: str, tagger, most: int = 3) -> list[str]:
    """Runs of one to ``most`` consecutive words of the tagger's, longest first at each start, in order of start
    (畜禽 + 粪污 -> 畜禽粪污, 畜禽): the things a question may name, however the tagger cut them; a run of verbs
    and function words alone (集聚, 要) names none, nor a run a noun follows (养老 of 养老护理员: the thing is the
    noun it ends with; 换电站 of 换电站投资估算 stands, a measure of it follows), nor the unit of an ask (人次 of
    多少人次)."""
    tags = tagger(text)
    return [("".join(w for w, _ in tags[i:j])) for i in range(len(tags)) for j in range(min(len(tags), i + most), i, -1)
            if any(f.startswith(_THING_FLAGS) for _, f in tags[i:j]) and (j == len(tags) or not tags[j][1].startswith("n"))
            and not (i and _HOW_MUCH_RE.fullmatch(tags[i - 1][0]))]


def _text_sibling(topic: str, previous: str, text: str, aliases, plans: Sequence[PlanScope], tagger) -> str | None:
    """The thing of the previous question a follow-up's topic stands beside in the plan's own text ("秸秆呢" after
    "…畜禽粪污一年产生多少": the plan states 畜禽粪污 and 秸秆 a clause apart; "充电桩那项呢" after "…换电站投资估算…":
    adjacent rows of one table; "生态修复那块呢" after "水污染防治占规划总投资多少": 水污染防治工程约530亿元 beside
    生态保护修复工程约260亿元, the topic written with words inside it): the first run of words of the previous
    question (past the plan's name and any 表/专栏 label), sharing no word with the follow-up, that a plan's text
    names within ``SIBLING_WINDOW`` characters of the topic; else one of ``ITEM_CHARS`` or more within
    ``ITEM_WINDOW`` (items of one box). The plans: those the previous question names, else every plan."""
    if tagger is None or not 2 <= len(topic) <= 8 or topic in previous:
        return None
    docs, masked = find_docs(previous, aliases)
    bodies = [p.text for p in plans if p.text and (not docs or p.doc_id in docs)]
    if docs and len(bodies) != 1:
        return None
    said = {text[i:i + 2] for i in range(len(text) - 1)}
    runs = [run for run in _spans(LABEL_RE.sub(" ", masked.replace("＿", " ")), tagger)
            if len(run) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", run) and not GENERIC_WORDS.fullmatch(run)
            and not any(run[i:i + 2] in said for i in range(len(run) - 1)) and run not in topic]
    for window, shortest in ((SIBLING_WINDOW, 2), (ITEM_WINDOW, ITEM_CHARS)):
        for body in bodies:
            near = [body[max(0, a - window):b + window] for a, b in written_spans(body, topic)]
            found = next((run for run in runs if len(run) >= shortest and any(run in n for n in near)), None)
            if found:
                return found
    return None


_CONJUNCTION_RE = LEX.regex("conjunction")


def _sibling_run(text: str, previous: str, aliases) -> tuple[str, str] | None:
    """A follow-up naming several things joined by a conjunction ("甲站和乙桩呢" after "…建几座丙站"), one of them a
    sibling of the previous question's thing (``_sibling``): (that thing, the run that replaces it), so the same
    question is asked of them all (the parts of a multi-part question)."""
    parts = [topic_of(p, aliases) for p in _CONJUNCTION_RE.split(text)]
    parts = [p for p in parts if p]
    if not 2 <= len(parts) <= 4:
        return None
    for p in parts:
        s = _sibling(p, previous)
        if s:
            return s, "和".join(parts)
    return None


def _beyond(topic: str, previous: str) -> str:
    """What of ``topic`` the previous question does not hold: its runs of two or more characters found there
    removed, longest first."""
    rest = topic
    while True:
        runs = [rest[i:j] for i in range(len(rest)) for j in range(i + 2, len(rest) + 1) if rest[i:j] in previous]
        if not runs:
            return rest
        rest = rest.replace(max(runs, key=len), "", 1)


_CODE_RUN_RE = re.compile(rf"(?:{CODE})(?:(?:{LEX.pattern('conjunction')})(?:{CODE}))*")


def _code_swap(text: str, previous: str) -> str | None:
    """A follow-up naming codes of the same shape as the one code of the previous question ("那3A和4A呢" after
    "…拿到5A级的企业奖多少") asks the same question of them: the code is replaced in place."""
    runs = _CODE_RUN_RE.findall(text)
    before = re.findall(CODE, previous)
    if len(runs) != 1 or len(set(before)) != 1:
        return None
    shape = re.sub(r"\d+", "0", before[0]).upper()
    codes = re.findall(CODE, runs[0])
    if runs[0] in previous or any(re.sub(r"\d+", "0", c).upper() != shape for c in codes):
        return None
    return previous.replace(before[0], runs[0], 1)


def _kind_swap(text: str, previous: str, tagger) -> str | None:
    """A follow-up naming a thing by "X那个K" (那用Logistic那个方法算出来呢) after a question naming one thing of
    that kind (…用弹性系数法预测…: a word ending as K ends) asks the same question of X: that word is replaced
    by X and K."""
    if tagger is None:
        return None
    words = [w for w, _ in tagger(text)]
    for i in range(1, len(words) - 1):
        if words[i] not in _FILLER or words[i - 1] in previous:
            continue
        x, kind = words[i - 1], words[i + 1]
        if not re.fullmatch(r"\w+", x) or not re.fullmatch(r"[\u4e00-\u9fff]+", kind):
            continue
        toks = [w for w, _ in tagger(previous)]
        # a one-character suffix split off (弹性系数 + 法) belongs to the word before it
        joined = [toks[j - 1] + w if len(w) == 1 and j else w for j, w in enumerate(toks)]
        named = [w for w in joined if len(w) > len(kind) and w.endswith(kind[-1]) and w not in text]
        if len(named) == 1:
            return previous.replace(named[0], x + kind, 1)
    return None


def _joined_words(text: str, tagger) -> list[str]:
    """The tagger's words, a one-character noun suffix split off (弹性系数 + 法, Logistic + 法) joined to the word
    before; not a particle (呢) or verb (是)."""
    tags = list(tagger(text))
    toks = [w for w, _ in tags]
    out: list[str] = []
    for j, (w, flag) in enumerate(tags):
        if len(w) == 1 and j and (flag.startswith("n") or flag in ("j", "k")) and re.fullmatch(r"\w{2,}", toks[j - 1]):
            out[-1] += w
        else:
            out.append(w)
    return out


def _switched_kind(text: str, previous: str, tagger) -> str | None:
    """A follow-up switching to another thing of the same kind ("换成Logistic法算呢", "如果是趋势外推法呢" after
    "…用弹性系数法预测…"; the switch marker already stripped): its first words up to one ending as one word of the
    previous question ends (法), not in it, replace that word."""
    text = re.sub(rf"^(?:{LEX.pattern('pronoun_strip')})", "", text)
    if tagger is None:
        return None
    before = [w for w in _joined_words(previous, tagger) if len(w) > 2 and w not in text and re.fullmatch(r"\w+", w)]
    x = ""
    for w in _joined_words(text, tagger)[:MAX_SWITCH_WORDS]:
        if not re.fullmatch(r"\w+", w):
            break
        x += w
        named = {b for b in before if b[-1] == x[-1]}
        if len(x) >= 2 and x not in previous and len(named) == 1:
            return previous.replace(named.pop(), x, 1)
    return None


MAX_SWITCH_WORDS = 3  # words of a switched-to name (趋势 + 外推法)


def anchors_of(question: str, places: Sequence[str] = ()) -> tuple[str, ...]:
    """What a question is scoped to besides its plan: the tables and boxes it names (表4-2, 专栏3) and its places
    (黔江). A follow-up asking a new measure keeps them ("调整的有多少" after "表4-2里黔江现状站有几座")."""
    labels = [m.group(0) for m in LABEL_RE.finditer(question)]
    return tuple(dict.fromkeys([*labels, *(p for p in places if p in question)]))


def without_aspects(text: str, tagger=None) -> str:
    """The text with its aspect words (增加了, 累计, 目标值) blanked, except one inside a longer word of the
    tagger's (增加 of 增加值: a measure's own name, not an aspect asked)."""
    if tagger is None:
        return _ASPECT_RE.sub(" ", text)
    words = _word_spans(text, tagger)

    def blank(m: re.Match[str]) -> str:
        inside = any(a <= m.start() and m.end() <= b and b - a > m.end() - m.start() for a, b in words)
        return m.group(0) if inside else " "

    return _ASPECT_RE.sub(blank, text)


_HOW_MUCH_RE = LEX.regex("how_much")
_COUNTED_ASK_RE = re.compile(rf"(?:{LEX.pattern('ask_total')})?(?:{LEX.pattern('how_much')})(?:{LEX.pattern('count_unit')})?"
                             rf"|{LEX.pattern('ask_total')}|{LEX.pattern('period_end')}")


def counted(question: str) -> str:
    """What a quantity question counts: the question without its ask, its total word or its period's end
    (重庆中心城区加油站规划期末合计多少座 -> 重庆中心城区加油站), which a follow-up breaking it down (其中…) keeps."""
    body = _COUNTED_ASK_RE.sub("", re.sub(r"[？?。！!\s]+$", "", question))
    return _ASK_TAIL_RE.sub("", body).rstrip("，,、 ")


def _without_years(text: str, years: Sequence[str]) -> str:
    """The text without the phrases naming these years (到2023年底), those inside a 《title》 kept."""
    for y in years:
        at = blank_titles(text).find(y)
        if at >= 0:
            m = re.compile(rf"(?:{LEX.pattern('year_lead')})?{y}(?:{LEX.pattern('year_tail')})").search(text, max(0, at - 2))
            text = text[:m.start()] + text[m.end():] if m else text
    return text


def resolve(text: str, previous: str, aliases: list[tuple[str, str]], previous_turn: Turn | None = None,
            plans: Sequence[PlanScope] = (), anchors: Sequence[str] = (), tagger=None) -> str:
    """Fold an elliptical follow-up into the previous (already resolved) question.

    Plan or year named now replaces the one named before ("那渝中区呢？", "2020年呢？"); a new measure
    replaces the topic ("那外资企业呢？" keeps plan, year and what was asked); an aspect ("单位是什么？",
    "它属于约束性指标吗？", "增加了多少？") is asked of the previous topic.
    """
    docs_now, masked_now = find_docs(text, aliases)
    docs_prev, _ = find_docs(previous, aliases)
    if not docs_now and _asks_each_plan(text, docs_prev):  # "两个区分别是多少？": every plan
        docs_now = tuple(dict.fromkeys(d for _, d in aliases))
    if docs_now and docs_prev and LEX.regex("with_followup").match(text.strip()):  # "和高新区比呢": both
        docs_now = tuple(dict.fromkeys(docs_prev + docs_now))
    m = LEX.regex("except_followup").match(text.strip())
    if m and m.group(1) in previous:  # "除了铁路还有别的吗": the rest of what was listed
        return _ASK_TAIL_RE.sub("", previous.replace(m.group(1), "")) + "有哪些"
    # "那其他城市加起来呢": the rest of the rows besides the one just asked, summed; "每年都要新增这么多？": a check of
    # the figure just given, which the earlier question is asked for
    if not docs_now and (LEX.regex("rest_followup").match(text.strip()) or FIGURE_POINTER_RE.search(text)):
        return re.sub(r"[？?。！!]+$", "", previous) + "，" + text.strip()
    place = _place_swap(text, previous, docs_now, docs_prev, aliases, anchors) or _area_swap(
        text, previous, docs_now, aliases, plans, tagger)
    if place:
        return place
    previous_answer = previous_turn.answer if previous_turn else ""
    box = previous_turn.box if previous_turn else None
    if box and not BOX_RE.search(previous) and LEX.regex("box_details").search(text):
        previous = previous + f"（{box}）"  # "具体有哪些项目" after an answer naming 专栏4
    body = re.sub(rf"^(?:{LEX.pattern('lead_strip')})", "", text).strip()
    body = LEX.regex("tail_strip").sub("", body).strip()
    new = _swap_docs(previous, docs_prev, docs_now, text, aliases) if docs_now else previous
    in_scope = [p for p in plans if p.doc_id in docs_now + docs_prev] or plans  # 规划期末: these plans' last year
    years_now, years_prev = years_in(text, in_scope), years_in(previous, in_scope)
    if LEX.regex("compare_year").search(text):  # "比2020年多多少" compares with a year, it does not switch to it
        years_now = ()
    run_now, run_prev = YEAR_RUN_RE.search(blank_titles(text)), YEAR_RUN_RE.search(blank_titles(new))
    if len(years_now) >= 2 and run_now and run_prev:  # "那2028到2029年呢" after "…26、27年两年…": the span swapped
        new = new[:run_prev.start()] + run_now.group(0) + new[run_prev.end():]
    elif years_now:
        if years_prev:  # the year asked is replaced, not one inside a 《title》
            at = blank_titles(new).find(years_prev[0])
            new = new if at < 0 else new[:at] + years_now[0] + new[at + len(years_prev[0]):]
        else:
            new = re.sub(r"[？?。]*$", "", new) + f"（{years_now[0]}年）"
    stripped = re.sub(rf"^(?:{LEX.pattern('pronoun_strip')})", "", text.strip())
    stripped = _PERIOD_END_RE.sub(" ", stripped)  # "那规划期末呢": a year asked (above), not a new topic
    if years_now:  # "基期2020年那会儿呢": the year named as the base, not a new topic
        stripped = _BASELINE_RE.sub(" ", stripped)
    topic = topic_of(without_aspects(stripped, tagger), aliases)
    aspect_only = len(topic) <= 1
    marker = bool(re.match(rf"^(?:{LEX.pattern('switch_marker')})", text.strip())) or bool(
        LEX.regex("ne_tail").search(text))
    if LEX.regex("per_year").search(text) and years_prev and not years_now and not docs_now:
        # "那每年的培育数呢" after "…到2023年新增多少家": the same thing per year, the previous year dropped
        kept = counted(_without_years(new, years_prev))
        own = _beyond(topic_of(without_aspects(LEX.regex("per_year").sub(" ", stripped), tagger), aliases), previous)
        if len(own) >= 2 and tagger is not None:
            # "每年培育多少" after "…新增多少家企业": its own measure (培育), not the verb asked before (新增)
            kept = "".join(w for w, flag in tagger(kept) if not flag.startswith("v") or w in stripped)
        return kept + "，" + body
    if _NOW_RE.search(text) and years_prev and not years_now and not docs_now:
        # "那现在有多少家" after "…2025年要到多少家": the same measure now (its base value), the year dropped
        return counted(_without_years(new, years_prev)) + "，" + body
    if _SUBJECTLESS_RE.match(stripped) and not docs_now:
        # "啥时候推到所有设区市" after "城市生命线安全工程先在哪试点": no subject of its own, the previous one's
        return _ASK_TAIL_RE.sub("", new) + "，" + body
    if ((LEX.regex("per_item").match(stripped) or LEX.regex("all_items").match(stripped)) and not docs_now
            and _HOW_MUCH_RE.search(previous) and not _LIST_RE.search(previous)):
        # "每个加多少床位" after "…要建几个县域医疗次中心": each of the things just counted; "都是国企的吗" after
        # "…城区有几座加油站": all of them
        return counted(new) + "，" + body
    switch = re.match(rf"^(?:{LEX.pattern('switch_marker')})", text.strip())
    switched = _switched_kind(text.strip()[switch.end():], new, tagger) if switch and not docs_now else None
    if switched:  # "换成Logistic法算呢": the same question of another thing of the kind just named
        return switched
    among = re.match(rf"^(?:{LEX.pattern('among_lead')})", text.strip())
    if among and not docs_now:
        rest = text.strip()[among.end():].lstrip("，, ")
        if _HOW_MUCH_RE.search(previous) and not _LIST_RE.search(previous):
            return counted(previous) + "，" + rest  # "其中新规划的有几座": a part of what was just counted
        plan = next((a for a, d in aliases if docs_prev and d == docs_prev[0] and a in previous), "")
        return plan + rest  # "其中X…": X, one of what was just listed, same plan
    passage = previous_turn.passage if previous_turn else ""
    if passage and _ITEM_PRONOUN_RE.match(body) and not docs_now:
        # "这条由谁负责", "那这项是哪些部门负责的": the item the previous answer quoted, not another passage on its topic
        plan = next((a for a, d in aliases if docs_prev and d == docs_prev[0] and a in previous), "")
        rest = re.sub(rf"^(?:{LEX.pattern('pronoun_strip')})", "", body).lstrip("的，, ")
        return f"{plan}{passage.rstrip('。；;')}，{rest or body}"
    if _PRONOUN_RE.match(text.strip()) and not docs_now and len(_beyond(topic, previous)) >= 2:
        # "它核心区服务半径要求多少" after "分区域目标里吉林市要建多少根充电桩": a new measure of the place or table
        # the previous question was scoped to, not its measure again: the previous question up to that scope
        ends = [previous.find(a) + len(a) for a in anchors if a in previous] + _named_places(previous, aliases)
        if ends:
            return previous[:max(ends)] + (re.sub(rf"^(?:{LEX.pattern('pronoun_strip')})", "", body) or body)
    if _PRONOUN_RE.match(text.strip()) and not docs_now:  # "它在哪个专栏": more about what was just asked
        return _ASK_TAIL_RE.sub("", new) + "，" + (re.sub(rf"^(?:{LEX.pattern('pronoun_strip')})", "", body) or body)
    swapped = (_code_swap(stripped, new) or _kind_swap(stripped, new, tagger)) if not docs_now else None
    if swapped:
        return swapped
    # a project field asked or named by its header (实施年限, 责任单位): of what was just asked
    fields = re.sub(f"{LEX.pattern('ask_duty')}|{LEX.pattern('ask_schedule')}|{LEX.pattern('table_schedule')}"
                    f"|{LEX.pattern('duty_note')}", " ", stripped)
    if fields != stripped and not docs_now and len(topic_of(without_aspects(fields, tagger), aliases)) <= 1:
        return asked_of(new) + "，" + body  # "谁负责？啥时候建", "实施年限呢": who and when, of what was just asked
    head, _, rest = re.sub(r"[,，]", "，", stripped).partition("，")
    first = topic_of(_ASPECT_RE.sub(" ", head), aliases) if rest and not docs_now else ""
    sibling = (_sibling(first, new, tagger) or _text_sibling(first, new, text, aliases, plans, tagger)) if first else None
    if sibling:  # "公务车的呢，合计多少" after "…电动公交车充电桩…多少根": the sibling asked of, then the rest
        # a rest naming a measure of its own ("占总投资多少") is a question of its own, a part to answer apart
        asked = topic_of(without_aspects(rest, tagger), aliases)  # 合计多少 asks the sum, no measure of its own
        own = len(_beyond(asked, new)) >= 2 and not LEX.regex("ask_total").fullmatch(asked)
        # that part is asked of the sibling too ("充电桩占总投资多少"), not of nothing
        return re.sub(r"[？?。！!]+$", "", new.replace(sibling, first, 1)) + (
            f"？{first}{rest.rstrip('？?')}？" if own else "，" + rest)
    run = _sibling_run(stripped, new, aliases) if topic and not docs_now else None
    if run:  # "换电站和充电桩呢" after "…建几座充电站": the same question of each of them
        return new.replace(run[0], run[1], 1)
    if topic and not aspect_only and len(topic) >= 2 and not marker and not docs_now:
        if any(w in previous_answer for w in re.findall(r"[\u4e00-\u9fff]{2,}", topic)):
            return _ASK_TAIL_RE.sub("", new) + "，" + body  # more about what was just answered
        plan = next((a for a, d in aliases if docs_prev and d == docs_prev[0] and a in previous), "")
        kept = "".join(a for a in anchors if a not in text)
        return plan + (kept + "里" if kept else "") + text  # a new subject in the same plan, table and place
    sibling = (_sibling(topic, new, tagger) or (_text_sibling(topic, new, text, aliases, plans, tagger) if marker else None)
               ) if topic and not docs_now else None
    if sibling:  # "换电站呢" after "…新建几座充电站": the same question of the sibling thing
        return new.replace(sibling, topic, 1)
    switched = _switched_kind(body, new, tagger) if marker and topic and not docs_now and not switch else None
    if switched and re.sub(r"\W", "", body) in switched:
        # "企业级平台呢" after "…对双跨平台最多奖补多少钱": the same question of another thing of its kind, when that
        # thing is all the follow-up names (废钢用量呢 names a measure of its own too)
        return switched
    if topic and not docs_now and len(_beyond(topic, new)) <= 1:
        aspect_only = True  # "那2035年有没有给比重" after "…占GDP比重目标多少": the same measure, not a new one
    if topic and not aspect_only and len(topic) >= 2 and len(text) <= 16:
        # a new measure or subject: keep the plan, year and what was asked
        _, prev_masked = find_docs(new, aliases)
        plan = "和".join(a for a in (next((a for a, d in aliases if d == x and a in new), "") for x in
                                         (docs_now or docs_prev)) if a)
        own_ask = LEX.regex("own_ask").search(body)
        if (own_ask or _LOCATION_RE.search(body)) and not docs_now:  # "那国道上的放在哪条路": its own ask
            return plan + "".join(a for a in anchors if a not in text) + body
        ask = _ASK_TAIL_RE.search(previous).group(0) if _ASK_TAIL_RE.search(previous) else ""
        years = years_now or years_prev
        # the table and place the previous question was scoped to (表2里青川市 … 地表水优良比例呢) stay
        kept = "".join(a for a in anchors if a not in text and a not in plan)
        return f"{plan}{kept}{topic}{years[0] + '年' if years else ''}{ask or '是多少'}"
    asks_aspect = LEX.regex("aspect_ask").search(body) or _LOCATION_RE.search(body)  # 在哪部分讲的: where it is
    if body and (asks_aspect or (topic and not docs_now and not years_now)):
        new = _ASK_TAIL_RE.sub("", new) + "，" + body
    return new


_ORDINAL_RE = ORDINAL_RE
_LIST_ITEM_RE = re.compile(r"^\s*(?:[-*]\s+|\d+[.、．]\s*)(.+?)\s*$")


def _plain_answer(text: str) -> str:
    """Answer text without citation markers ([1]) and markdown escapes."""
    return re.sub(r"\\(.)", r"\1", re.sub(r"\s*\[\d+\]", "", text))


def list_items(answer: str) -> list[str]:
    """Items of a list in an earlier answer ("- 坚持……", "2. 中新……", or "四个：A、B、C、D"), markdown
    escapes removed."""
    items = []
    for line in answer.split("\n"):
        m = _LIST_ITEM_RE.match(line)
        if m:
            items.append(_plain_answer(m.group(1)))
    if not items:  # an inline list after a colon, or the whole answer
        text = _plain_answer(answer)
        # items joined by ； are the list, a 、 inside one joins its words (创新引领、融合发展；应用牵引、数据赋能)
        runs = [re.split(r"[；;]", r) if re.search(r"[；;]", r) else r.split("、")
                for r in re.findall(r"[：:]([^。：:\n]+)", text)]
        runs += [LEX.regex("list_etc").sub("", text.strip(), count=1).split("、")] if "：" not in text and ":" not in text else []
        runs = [[x.strip(" ；;，,。") for x in r if x.strip(" ；;，,。")] for r in runs]
        items = max(runs, key=len, default=[])
        items = items if len(items) >= 2 else []
    return items


PASSAGE_CHARS = 200  # the quoted passage a turn keeps for "这条" is cut here


def first_passage(answer: str) -> str:
    """The passage an answer handed in from outside quotes first: its first line without a bold lead-in
    (**某规划**：) and citation markers."""
    line = next((ln for ln in _plain_answer(answer).split("\n") if ln.strip()), "")
    return re.sub(r"^\s*\*\*[^*]+\*\*[：:]?", "", line).strip()[:PASSAGE_CHARS]


def turn_record(question: str, answer: str, resolved: str | None = None, passage: str | None = None) -> Turn:
    """The structured record of a turn: made once by the engine for its own answers (with ``resolved`` and the
    sentence its first citation quotes), and for history handed in from outside from its text."""
    box = BOX_RE.search(answer)
    passage = first_passage(answer) if passage is None else passage[:PASSAGE_CHARS]
    return Turn(question, answer, resolved, tuple(list_items(answer)), box.group(0) if box else None, passage)


def as_turn(h) -> Turn:
    if isinstance(h, Turn):
        return h
    return turn_record(h, "") if isinstance(h, str) else turn_record(h[0], h[1])


def resolve_ordinal(text: str, previous: str, previous_turn: Turn) -> str | None:
    """"第二条具体怎么说" after a listed answer -> the second item, asked about in the previous context; "第三节是啥"
    after a question on a chapter -> that section of the chapter."""
    inner = _inner_part(text, previous)
    if inner is not None:
        return inner
    m = _ORDINAL_RE.search(text)
    items = list(previous_turn.items)
    if m and not items:
        return _ordinal_of_previous(text, previous, m)
    if not m:
        return None
    from assistant.text.numbers import cn_to_int

    n = cn_to_int(m.group(1))
    if not n or n > len(items):
        return None
    rest = _ORDINAL_RE.sub("", text)
    return f"{items[n - 1]}{rest}"


def with_relative_year(text: str, previous: str, aliases, plans: Sequence[PlanScope]) -> str:
    """A follow-up naming its year from the year asked before, written as that year: "第二年呢" (the plan's second
    year, when the plan asked of has a period; else the year after), "下一年呢" / "前一年呢" (the year after or before
    the one asked): after "…24年非化石能源消费占比定的多少" in a 2024—2025 plan, "2025年呢". The text as it is when
    it names no such year or the previous question no year."""
    docs = find_docs(previous, aliases)[0]
    periods = {p.period for p in plans if p.doc_id in docs and p.period}
    nth = PLAN_YEAR_RE.search(text)
    if nth and len(periods) == 1:
        first, last = next(iter(periods))
        year = first + (cn_to_int(nth.group(1)) or 0) - 1
        if first <= year <= last:
            return text[:nth.start()] + f"{year}年" + text[nth.end():]
    asked = years_in(previous, plans)
    for role, step in (("next_year", 1), ("previous_year", -1)):
        m = LEX.regex(role).search(text)
        if m and asked:
            return text[:m.start()] + f"{int(asked[0]) + step}年" + text[m.end():]
    return text


def _inner_part(text: str, previous: str) -> str | None:
    """"第三节是啥" after "高新区规划最后一章讲什么" (or "…第十章讲什么"): the section so numbered inside the chapter the
    previous question named, asked as the follow-up asks it; None when the follow-up names no such section or the
    previous question no chapter (by its number, or as the last)."""
    m = NUMBERED_PART_RE.search(text)
    if m is None or m.group(2) != INNER_UNIT or NUMBERED_PART_RE.search(text, m.end()):
        return None
    outer = next((x for x in NUMBERED_PART_RE.finditer(previous) if x.group(2) != INNER_UNIT), None)
    outer = outer or LEX.regex("last_part_ref").search(previous)
    return previous[:outer.end()] + text[m.start():].strip() if outer else None


def _ordinal_of_previous(text: str, previous: str, m: re.Match[str]) -> str | None:
    """An ordinal asked after an answer listing nothing: another one of the same list when the previous question
    asked one by its ordinal ("第四条呢" after "…政策创新里第一条是啥"), or one of what it counted ("第一条是啥" after
    "…保障措施有几条")."""
    before = _ORDINAL_RE.search(previous)
    if before:
        return previous[:before.start()] + m.group(0) + previous[before.end():]
    if COUNT_OF_RE.search(previous):
        return counted(previous) + text.strip()
    return None


def _kept_plan(text: str, previous: str, aliases: list[tuple[str, str]], tagger,
               plans: Sequence[PlanScope]) -> str:
    """A new question in a conversation that names no plan (单站一年按多少吨算的, after a question about one
    plan) stays in the plan the conversation is about: that plan's name as the previous question wrote it, or
    "" when the question names a plan, a plan's own area or a place, or the conversation was about several."""
    docs_prev, _ = find_docs(previous, aliases)
    if len(docs_prev) != 1 or find_docs(text, aliases)[0]:
        return ""
    _, foreign, _, owners, _ = split_places(text, tagger, aliases, plans)
    if foreign or owners:
        return ""
    plan = next((a for a, d in aliases if d == docs_prev[0] and a in previous), "")
    return plan + _kept_place(text, previous, aliases, tagger, plans)


def _names_thing(text: str, tagger) -> bool:
    """Whether the text names a thing of its own (a noun of two or more characters that is no asking, generic, year
    or period word): "到规划期末控制在多少座" names none, only a measure's verb and its counting word."""
    bare = _PERIOD_END_RE.sub(" ", _YEAR_RE.sub(" ", text))
    return any(len(w) >= 2 and f.startswith(("n", "j", "x")) and re.fullmatch(r"[\u4e00-\u9fff]+", w)
               and not QUESTION_WORDS.fullmatch(w) and not GENERIC_WORDS.fullmatch(w) for w, f in tagger(bare))


def _kept_place(text: str, previous: str, aliases, tagger, plans: Sequence[PlanScope]) -> str:
    """The place a conversation is about, kept by a question asking only of a part of an area ("国道上那俩在哪条
    国道上" after turns on 临县), or naming no thing at all ("到规划期末控制在多少座" after turns on 巫山县): the
    one place the previous question named."""
    kinds = {k for _, k in _areas(text, aliases, plans, tagger)}
    if kinds != {"part"} and (kinds or _names_thing(text, tagger)):
        return ""
    places = [a for a, k in _areas(previous, aliases, plans, tagger) if k == "place" and a not in text]
    return places[0] if len(places) == 1 else ""


_ENTITY_PRONOUN_RE = LEX.regex("entity_pronoun")
_OBJECT_PRONOUN_RE = LEX.regex("object_pronoun")
_WHICH_RE = LEX.regex("which_ask")
_ENTITY_FLAGS = ("n", "x", "j", "eng")  # the tagger's nouns (ns, nt, nz …) and the plans' own terms


def pronoun_entity(text: str, previous: str, turn: Turn | None, anchors: Sequence[str], tagger) -> str:
    """What 它 in a follow-up stands for: after a question asking which one (哪个县市区布点最多), the first thing of
    that kind the earlier answer names (孝义市: a word ending in a character of the kind asked, 县市区); else, for
    它 after a coverb (给它规划了几座), the one place the earlier question was asked of (渝中区); "" when neither
    (它属于约束性指标吗 asks more of the measure itself)."""
    if tagger is None or not _ENTITY_PRONOUN_RE.search(text):
        return ""
    item = _item_answered(previous, turn)
    if item:
        return item
    which = _WHICH_RE.search(previous)
    if which and turn is not None:
        kind = next((w for w, _ in tagger(previous[which.end():]) if re.fullmatch(r"[\u4e00-\u9fff]+", w)), "")
        for said in (turn.passage, turn.answer):
            tags = tagger(_plain_answer(said or ""))
            for i, (w, flag) in enumerate(tags):
                # a one-character suffix split off (太谷 + 区) belongs to the word before it
                joined = w + tags[i + 1][0] if i + 1 < len(tags) and len(tags[i + 1][0]) == 1 else w
                for x in dict.fromkeys((joined, w)):
                    if (len(x) >= 2 and kind and x[-1] in kind and x not in previous and flag.startswith(_ENTITY_FLAGS)
                            and re.fullmatch(r"[\u4e00-\u9fff]+", x)):
                        return x
        return ""
    places = [a for a in anchors if not LABEL_RE.fullmatch(a)]
    return places[0] if len(places) == 1 and _OBJECT_PRONOUN_RE.search(text) else ""


ITEM_NAME_CHARS = 40  # an item quoted longer than this is a passage, not an item's name 它 can stand for


def _item_answered(previous: str, turn: Turn | None) -> str:
    """The item the earlier answer gave when the earlier question asked one item of a list by its place (专栏里头一个
    是啥, 第二条是什么): its first sentence, or "" when it asked no such thing or quoted more than an item's name."""
    if turn is None or not (_ORDINAL_RE.search(previous) or _ONE_ITEM_RE.search(previous)):
        return ""
    first = re.split(r"[。；;！!\n]", (turn.passage or "").strip())[0].strip(" ，,：:")
    return first if 2 <= len(first) <= ITEM_NAME_CHARS else ""


_ONE_ITEM_RE = LEX.regex("one_item_ask")
FIGURE_POINTER_RE = LEX.regex("figure_pointer")


def with_entity(text: str, entity: str) -> str:
    """The follow-up with its 它 written as the thing it stands for, its lead (那) dropped: a question of its own."""
    named = _ENTITY_PRONOUN_RE.sub(entity, text, count=1)
    return re.sub(rf"^(?:{LEX.pattern('lead_strip')})", "", named.strip()).strip()


MEASURE_WORDS = 3  # words before the ask that name the measure asked (总 + 投资, 外贸 + 进出口额)
_MEASURE_FLAGS = frozenset({"n", "vn", "b", "nz"})  # the tagger's nouns, verbal nouns and attributives


def measure_asked(question: str, tagger) -> str:
    """The measure the question's last ask is of: the nouns right before its 多少 (…、总投资多少 -> 总投资)."""
    if tagger is None:
        return ""
    words = tagger(question)
    at = max((i for i, (w, _) in enumerate(words) if _HOW_MUCH_RE.fullmatch(w)), default=-1)
    run = []
    for w, flag in reversed(words[max(0, at - MEASURE_WORDS):max(at, 0)]):
        if flag not in _MEASURE_FLAGS:
            break
        run.insert(0, w)
    measure = "".join(run)
    return measure if len(measure) >= 2 else ""


def with_share_whole(text: str, previous: str, tagger) -> str:
    """A share asked with no whole ("户厕改造那个项目占多少" after "…重点项目一共几个、总投资多少") is a share of
    the measure the previous question asked: it is named after 占."""
    m = LEX.regex("share_bare").search(text)
    measure = measure_asked(previous, tagger) if m and previous else ""
    return text[:m.end()] + measure + text[m.end():] if measure and measure not in text else text


def _anchors_later(resolved: str, table: str | None, tagger, aliases, plans) -> Callable[[], tuple[str, ...]]:
    """A turn's anchors (its table and the places inside a plan's area it names), read when a follow-up first needs
    them: only the last turn's are read for most questions (a place pass over each of eight pasted 2,000-character
    turns cost ~0.1 s a turn)."""
    @functools.cache
    def anchors() -> tuple[str, ...]:
        local = [p for p in split_places(resolved, tagger, aliases, plans)[2] if p.status == "local"]
        found = anchors_of(resolved, [p.text for p in local])
        return (*found, table) if table and table not in found else found  # a later part of one message stays
    return anchors                                                          # in that part's table


RESOLVED_CHARS = 2000  # a resolved follow-up is cut here (or at the question's own length, if longer)


def understand(text: str, history: list, metas: list[DocMeta], tagger,
               plans: Sequence[PlanScope] | None = None) -> Question:
    """``history`` holds the earlier turns, oldest first: ``Turn`` records, (question, answer) pairs or plain
    questions. A turn the engine answered itself carries its resolved question; others are resolved again.
    ``plans`` (from scope.plan_scopes) adds what each plan's text names; without it, metadata alone."""
    text = normalise_question(text)
    claim = read_claim(text)
    text = claim.checked if claim else text  # its figures and years are checked, not asked for
    plans = tuple(plans) if plans is not None else tuple(plan_scope(m, tagger) for m in metas)
    turns = [as_turn(h) for h in history]
    # plans named in the asker's words earlier in the conversation name them in a follow-up's resolution too
    earlier = {n for t in turns for n in casual_names(normalise_question(t.resolved or t.question), metas, tagger)}
    # and a plan the question itself names so ("深圳碳达峰方案呢" after a question on another plan) is a plan swapped
    # in, not a new topic asked of the earlier plan
    now = set(casual_names(text, metas, tagger)) if turns else set()
    aliases = (sorted({*alias_table(metas), *earlier, *now}, key=lambda p: (-len(p[0]), p[0])) if earlier or now
               else alias_table(metas))
    resolved_prev, prev = "", Turn("")
    cap = max(len(text), RESOLVED_CHARS)
    anchors = _anchors_later("", None, tagger, aliases, plans)
    for turn in turns:  # resolve the chain turn by turn
        if turn.resolved is not None:
            resolved_prev = turn.resolved
        else:
            h = with_share_whole(checked_question(normalise_question(turn.question)), resolved_prev, tagger)
            ordinal = resolve_ordinal(h, resolved_prev, prev) if resolved_prev else None
            if ordinal is None and resolved_prev and not is_followup(h, aliases) and not casual_names(h, metas, tagger):
                # a new question in the chain keeps the plan, as the question asked now does (below)
                ordinal = _kept_plan(h, resolved_prev, aliases, tagger, plans) + h
            resolved_prev = ordinal or (resolve(h, resolved_prev, aliases, prev, plans, anchors(), tagger)
                                        if resolved_prev and is_followup(h, aliases) else h)
        resolved_prev = resolved_prev[:cap]  # a chain of follow-ups must not grow without bound
        prev = turn
        anchors = _anchors_later(resolved_prev, turn.table, tagger, aliases, plans)
    asked = text
    if resolved_prev:  # "嗯 那现在有多少家": the filler is no part of the follow-up
        text = _FILLER_LEAD_RE.sub("", text) or text
    text = with_share_whole(text, resolved_prev, tagger)
    text = with_relative_year(text, resolved_prev, aliases, plans) if resolved_prev else text
    ordinal = resolve_ordinal(text, resolved_prev, prev) if resolved_prev else None
    follow = bool(resolved_prev) and (ordinal is not None or is_followup(text, aliases))
    # 它 anywhere in the message ("这次给它规划了几座") makes it a follow-up of what it stands for
    entity = pronoun_entity(text, resolved_prev, prev, anchors(), tagger) if resolved_prev and ordinal is None else ""
    follow = follow or bool(entity)
    if ordinal is not None:
        docs_prev, _ = find_docs(resolved_prev, aliases)
        plan = next((a for a, d in aliases if docs_prev and d == docs_prev[0] and a in resolved_prev), "")
        resolved = ordinal if plan and plan in ordinal else plan + ordinal
    elif entity:  # "那它城区布了几个" after "哪个县市区布点最多" (孝义市): a question of that thing, in the same plan
        own = with_entity(text, entity)
        resolved = _kept_plan(own, resolved_prev, aliases, tagger, plans) + own
    else:
        resolved = resolve(text, resolved_prev, aliases, prev, plans, anchors(), tagger) if follow else text
        if not follow and resolved_prev and not casual_names(text, metas, tagger):
            resolved = _kept_plan(text, resolved_prev, aliases, tagger, plans) + resolved
    resolved = resolved[:cap]
    named_as = tuple(dict.fromkeys((*casual_names(resolved, metas, tagger),
                                    *(n for n in earlier if n[0] in resolved))))
    aliases = sorted({*aliases, *named_as}, key=lambda p: (-len(p[0]), p[0]))
    blanked, foreign, local, owners, inside = split_places(resolved, tagger, aliases, plans)
    named = find_spans(blanked, aliases)[0]
    mentions = tuple(sorted((*named, *owners, *inside)))
    # a plan's own area names the plan
    docs = tuple(dict.fromkeys([*(d for _, _, d in named), *(d for _, _, d in owners)]))
    # a claim stating no figure is checked by the plan's sentence: words naming a measure in it (发展指标纳入考核)
    # ask no value
    intent, compare = classify(resolved, len(docs), states=claim is not None and not _HOW_MUCH_RE.search(resolved))
    in_scope = [p for p in plans if p.doc_id in docs] or plans
    # a plan named by a title that holds years (2024—2025年节能降碳行动方案) or a period (“十四五”数字经济发展规划)
    # asks no year and no period: its 展望2035年 answers "…规划对2035年是如何展望的"
    unnamed = find_docs(resolved, [(a, d) for a, d in aliases
                                   if YEAR_RE.search(a) or LEX.regex("five_year_plan").search(a)])[1]
    return Question(asked, resolved, docs, foreign, intent, years_in(unnamed, in_scope), wants_of(unnamed, in_scope),
                    compare, follow, local, period_words(unnamed, in_scope).period, named_as, mentions, resolved_prev,
                    claim)

