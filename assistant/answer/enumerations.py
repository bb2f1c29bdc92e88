"""Enumerations in plan sentences, for "哪五个中心 / 有哪几项功能 / 隧道有哪些" questions (pure logic).

A list question names what it wants listed (the head noun: 中心, 功能, 隧道) and sometimes how many (五).
Plans state such lists as runs of items joined by 、, either with the head on every item
(加工制造中心、研发设计中心、……) or after the run (通关作业、保税加工……四大主要功能; 隧道建设项目：虎溪隧道、……).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text.numbers import cn_to_int
from assistant.text.patterns import COUNT_TAIL_RE, SMALL_COUNT
from assistant.text.sentences import full_sentences

from .lexicon import lexicon

_COUNT = SMALL_COUNT
_STOP_RE = lexicon().regex("enum_stop")  # words that end the head phrase: 哪五个中心[是]…, 隧道[都]有哪些
_MEASURE = lexicon().pattern("list_measure")  # 个 / 项 / 类 / 大 of 五个 / 几项 / 三类 / 四大
# 哪五个中心 / 哪几项功能 / 哪些隧道 / 几大平台
_ASK_AFTER_RE = lexicon().regex("enum_ask_after")
_COUNT_BEFORE_RE = re.compile(rf"(?P<n>{_COUNT})(?:{_MEASURE})")
# 隧道有哪些 / 功能包括什么 / 中心都有哪几个
_ASK_BEFORE_RE = lexicon().regex("enum_ask_before")
_QUOTED_HEAD_RE = lexicon().regex("enum_quoted_head")
_VAGUE_COUNTS = lexicon().words("count_vague")  # 哪几个 / 哪些: no number given
_ETC_RE = lexicon().regex("enum_item_etc")  # 虎溪隧道等: the last item's 等
_CATEGORY_ASK_RE = lexicon().regex("enum_ask_category")  # 分哪几类: the kinds themselves asked
_CATEGORY_HEAD = lexicon().words("category_head")  # 类: what each of them ends in (拆除新建类)
_TASK_ASK_RE = lexicon().regex("task_ask")  # 哪几件事: tasks asked in everyday words
_TASK_HEADS = lexicon().words("task_head")
_ITEM_SEP = "、"
_RUN_RE = re.compile(r"[^，。；！？：:\n、“”《》]{1,24}(?:、[^，。；！？：:\n、“”《》]{1,24})+")
# “不会转”、“不能转”、“不敢转”: quoted items joined by 、 (each item holds the quoted head asked: 三个“不”)
_QUOTED_RUN_RE = re.compile(r"[“\"「][^”\"」、，。]{1,12}[”\"」](?:、[“\"「][^”\"」、，。]{1,12}[”\"」])+")
# 面临一些问题和挑战：A；B；C。 clauses joined by ； after a colon, each clause one item
_CLAUSE_LIST_RE = re.compile(r"[：:](?P<body>[^：:。！？\n]+；[^：:。！？\n]+)")
_HEAD_BEFORE = lexicon().pattern("enum_head_before_run")
_CLAUSE_SEP_RE = re.compile(r"[，；,;]")  # 实施A项目，扩建B项目: clauses that each name one item
MAX_CLAUSE_ITEM = 40  # characters of a clause read as one named item


@dataclass(frozen=True)
class ListAsk:
    head: str  # the noun to list (中心, 功能, 隧道)
    count: int | None  # how many the question expects, when it says
    inner: str | None = None  # the word before the head in a compound (国际化医院项目 -> 医院)
    tail: str | None = None  # a one-character head jieba cut off the compound asked (轨道线 -> 线): items end in it

    @property
    def heads(self) -> tuple[str, ...]:
        return tuple(h for h in (self.head, self.inner, self.tail) if h)


def _head_of(ws: list[str], generic) -> tuple[str, str | None] | None:
    """The head noun of a phrase's words and, when jieba cut a one-character head off it (轨道 + 线), that
    character: the compound is the head (轨道线), its items end in the character (7号线). None when generic."""
    head, tail = ws[-1], None
    if len(head) == 1 and len(ws) >= 2 and re.fullmatch(r"[^\W\d_]", head) and len(ws[-2]) >= 2:
        head, tail = ws[-2] + head, head
    if head in generic or len(head) < 2:
        return None
    return head, tail


def _inner(ws: list[str], generic) -> str | None:
    if len(ws) < 2 or len(ws[-2]) < 2 or ws[-2] in generic or re.match(rf"{_COUNT}(?:{_MEASURE})", ws[-2]):
        return None
    return ws[-2]


@dataclass(frozen=True)
class Enumeration:
    items: tuple[str, ...]
    head_on_items: float  # share of items ending with the head
    head_after: bool  # the head follows the run (……四大主要功能, ……等隧道) or introduces it (隧道：……)
    count_after: int | None  # a number stated with the head after the run (五大中心)


def _number(text: str | None) -> int | None:
    return cn_to_int(text) if text and text not in _VAGUE_COUNTS else None


def category_ask(question: str) -> ListAsk | None:
    """"城中村改造分哪几类，各多少个 / 有哪几种类型": the kinds themselves asked, each an item ending in 类
    (拆除新建类21个、整治提升类34个); None when a thing is named after the measure (分几类项目)."""
    m = _CATEGORY_ASK_RE.search(re.sub(r"\s", "", question))
    return ListAsk(_CATEGORY_HEAD[0], _number(m.group("n"))) if m and _CATEGORY_HEAD else None


def list_ask(question: str, words, generic=frozenset()) -> ListAsk | None:
    """The head noun and count a list question asks for (哪五个中心 -> 中心, 5; 隧道有哪些 -> 隧道), or None
    when the head is a generic word (有什么安排); ``words`` splits a phrase into words (jieba)."""
    q = re.sub(r"[？?。！!\s]", "", question)
    m = _QUOTED_HEAD_RE.search(q)  # 哪几个“区”: a quoted head may be a single character
    if m:
        return ListAsk(m.group("h"), _number(m.group("n")))
    if _TASK_ASK_RE.search(q) and _TASK_HEADS:  # 主要抓哪几件事: the plan's tasks (……四大核心任务)
        return ListAsk(_TASK_HEADS[0], None)
    category = category_ask(q)
    if category is not None:
        return category
    m = _ASK_AFTER_RE.search(q)
    if m:
        ws = [w for w in words(_STOP_RE.split(m.group("h"))[0]) if w.strip()]
        if ws:  # the last word of the phrase after 哪N个 / 哪些 / 什么 (重点平台 -> 平台, 大科学装置 -> 装置)
            found = _head_of(ws, generic)
            if found is None:
                return None
            head, tail = found
            return ListAsk(head, _number(m.group("n")), None if tail else _inner(ws, generic), tail)
    m = _ASK_BEFORE_RE.search(q)
    if m:
        ws = [w for w in words(m.group("h")) if w.strip() and not _STOP_RE.fullmatch(w)]
        found = _head_of(ws, generic) if ws else None
        if found is not None:
            head, tail = found
            before = m.group("h")[:m.group("h").rfind(head)]
            n = [x.group("n") for x in _COUNT_BEFORE_RE.finditer(before)]  # 四大开放平台是哪些
            return ListAsk(head, _number(n[-1]) if n else None, None if tail else _inner(ws, generic), tail)
    return None


def enumerations(sentence: str, head: str) -> list[Enumeration]:
    """Runs of 、-joined items in ``sentence`` with how strongly each is tied to ``head``; a run of quoted
    items is tied to a head each item holds (“不会转”、“不能转” to 不)."""
    out = []
    for m in _QUOTED_RUN_RE.finditer(sentence):
        items = tuple(x.strip("“”\"「」") for x in m.group(0).split(_ITEM_SEP))
        held = sum(head in x for x in items) / len(items)
        if held >= 0.5:
            out.append(Enumeration(items, held, False, None))
    for m in _CLAUSE_LIST_RE.finditer(sentence):  # the head just before the colon introduces the clauses
        items = tuple(x.strip(" 。") for x in m.group("body").split("；") if x.strip(" 。"))
        before = sentence[max(0, m.start() - 12):m.start()]
        if len(items) >= 2 and re.search(re.escape(head) + _HEAD_BEFORE, before):
            out.append(Enumeration(items, 0.0, True, None))
    out += _clause_runs(sentence, head)
    for m in _RUN_RE.finditer(sentence):
        items = tuple(_ETC_RE.sub("", x.strip()) for x in m.group(0).split(_ITEM_SEP) if x.strip())
        if len(items) < 2:
            continue
        on_items = sum(COUNT_TAIL_RE.sub("", x).endswith(head) for x in items) / len(items)  # 甲类21个 ends in 类
        # the run's end as written: the last item runs on into "……四大主要功能" or "……等隧道"
        after = items[-1] + sentence[m.end():m.end() + 12]
        before = sentence[max(0, m.start() - 12):m.start()]
        tail = re.search(lexicon().pattern("enum_head_after_run") + re.escape(head), after)  # “…”的基本原则
        intro = re.search(re.escape(head) + lexicon().pattern("enum_head_before_run"), before)
        count_after = _number(tail.group("n") or tail.group("n2")) if tail else None
        out.append(Enumeration(items, on_items, bool(tail or intro), count_after))
    return out


def _clause_runs(sentence: str, head: str) -> list[Enumeration]:
    """Runs of two or more clauses in a row that each end in the head (实施妈湾电厂…改造项目，扩建华润海丰电厂…
    项目): items named one to a clause, each with its own verb, rather than joined by 、."""
    out, run = [], []
    for c in [*_CLAUSE_SEP_RE.split(sentence.strip().rstrip("。")), ""]:
        c = c.strip()
        if c.endswith(head) and len(head) < len(c) <= MAX_CLAUSE_ITEM:
            run.append(c)
            continue
        if len(run) >= 2:
            out.append(Enumeration(tuple(run), 1.0, False, None))
        run = []
    return out


def clause_lists(text: str) -> list[str]:
    """The sentences of ``text`` (its ；-joined clauses read as one) that list clauses after a colon: a list the
    sentence splitter cuts at every ；."""
    return [s for s in full_sentences(text) if _CLAUSE_LIST_RE.search(s)]


def enumeration_score(sentence: str, ask: ListAsk) -> float:
    """How well ``sentence`` lists what ``ask`` wants: 0 when it holds no run of items tied to the head.
    A run whose items name the compound's inner word (医院 in 国际化医院项目) scores higher."""
    best = 0.0
    if ask.tail and ask.head[:-1] not in sentence:
        return best  # 轨道线: a list of …线 in a sentence about 轨道 (轨道交通建设项目：5号线…), not any …线
    for head in ask.heads:
        for e in enumerations(sentence, head):
            if e.head_on_items < 0.5 and (not e.head_after or ask.tail):
                continue  # a head jieba cut (轨道 + 线) ties only items ending in it, not a run it follows
            s = 1.0 + e.head_on_items + (0.5 if e.head_after else 0.0)
            n = len(e.items)
            if ask.count is not None:
                if ask.count in (n, e.count_after):
                    s += 1.5
                elif abs(n - ask.count) > 1:
                    s -= 0.7
            if ask.inner and head != ask.inner:
                s += 0.8 * sum(ask.inner in x for x in e.items) / n
            best = max(best, s + min(n, 6) / 12)
    return best

