"""Multi-part questions split into their parts. Pure.

Three shapes: several questions in one message ("…是多少？…是什么？", each later one read as a follow-up of the
earlier ones); several things asked of one subject ("A和B的目标分别是多少", "目标、单位和属性分别是什么"),
which become one question per thing with the shared subject and ask (the plan, year, 的 phrase, 是多少); and one
thing asked of each of several plans ("甲方案和乙方案，X各是怎么定的", "甲的X与乙的Y", "两份规划各自的定位"),
which become one question per plan, asked of that plan only. Clauses of one sentence with asks of their own
(二级节点建几个，哪些地方建平台) are several questions, each led by the clauses before the first ask; things
joined before one ask without 分别 ("A和B有啥量化要求") are parts the caller answers each only when one answer
leaves one of them unsaid.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.text.patterns import BASE_YEAR_RE, CJK_GAP_RE, YEAR_PHRASE_RE, YEAR_RE, YEAR_SPAN_RE

from .lexicon import lexicon

LEX = lexicon()
_SENTENCE_END = "？?"
# 和, 及 joining two things; not the 及 of a bound (4A及以上, 二级及以下), which is part of one thing's name
_JOIN = rf"(?:{LEX.pattern('conjunction')})(?!{LEX.pattern('bound_tail')})"
MAX_ITEM_CHARS = 12


@dataclass(frozen=True)
class Parts:
    questions: tuple[str, ...]  # one question per part
    labels: tuple[str, ...]  # what each part asks about, to head its answer
    sequential: bool  # parts after the first are follow-ups of the earlier ones (several questions)
    plans: tuple[tuple[str, ...], ...] = ()  # per part, the plans it is asked of (empty: those the part names)
    same_ask: bool = False  # every part asks what the whole question asks, each of its own plan
    joined: bool = False  # the parts are things joined by 和 (no 分别): each is named by its label


def _asks(text: str) -> bool:
    """The text asks something: an asking word or an amount asked, beyond the asker's polite lead (请问《X》中 asks
    nothing: it names the plan the next clause asks about), nor does an ask inside a noun phrase (降到多少的要求
    names a requirement). A clause's bare 谁 asks too (组长谁，办公室在哪个厅), though as a key-term filter it is no
    question word."""
    text = LEX.regex("ask_in_name").sub(" ", LEX.regex("polite_lead").sub("", text))
    return any(LEX.regex(r).search(text) for r in ("question_word", "how_much", "clause_ask"))


_ASK_ONLY_RE = re.compile("|".join(f"(?:{LEX.pattern(r)})" for r in ("question_word", "each", "list", "ask_tail_verb",
                                                                       "generic", "each_adverb", "ask_quantity",
                                                                       "count_unit")))


# the words that only ask, whatever they ask of (几个, 哪些, 分别): what _ASK_ONLY_RE takes out but generic words
_ASKING_RE = re.compile("|".join(f"(?:{LEX.pattern(r)})" for r in ("question_word", "each", "list", "each_adverb",
                                                                     "ask_quantity", "count_unit")))


def _asks_only(text: str) -> bool:
    """A piece made of asking words only (分别是什么, 都有哪些): it asks again about the thing just named, so it
    is the same question (有几条？分别是什么: one list; 在哪些区？各几座: one list with its counts), not a second one."""
    return not re.sub(r"[\W_]", "", _ASK_ONLY_RE.sub("", text))


def split_questions(text: str) -> list[str]:
    """Several questions in one message: split after ？, a piece that asks nothing (就是表里那栏), only asks
    again (分别是什么) or asks which item said it (是哪一条) staying with the question before it."""
    pieces = [c for p in re.split(rf"(?<=[{_SENTENCE_END}])", text.strip()) if p.strip() for c in _counted_asks(p)]
    out: list[str] = []
    for p in pieces:
        body = p.strip(_SENTENCE_END + " ，,。")
        if out and not _NEXT_ASK_RE.match(body) and (len(body) < 2 or not _asks(body) or _asks_only(body)
                                                     or _WHICH_ITEM_RE.fullmatch(body)):
            out[-1] += p
        else:
            out.append(p.strip())
    lead = _lead(out[0]) if len(out) > 1 else ""
    # 培训，总目标多少人？每年多少人: a later question naming nothing of its own asks of the first one's subject
    return [out[0], *(q if q.startswith(lead) or len(_content(q)) >= MIN_OWN_CHARS else lead + q for q in out[1:])]


# a piece asking only which item said it (是哪一条): answered by the item heading the earlier question's answer
_WHICH_ITEM_RE = LEX.regex("which_item")
# a piece led by 顺便问下 asks of the thing it names, though it has no asking word of its own
_NEXT_ASK_RE = re.compile(f"(?:{LEX.pattern('next_ask_lead')})")
MIN_OWN_CHARS = 3  # a later question naming fewer characters than this besides its asking words names no subject


def _clauses(text: str) -> list[str]:
    """A text's clauses, each with the comma ending it. A space between two Chinese characters parts clauses as a
    comma does (开州 期末一共多少站 新规划几个: typed without punctuation) and is written as one."""
    return [c for c in re.split(r"(?<=[，,])", CJK_GAP_RE.sub("，", text)) if c.strip()]


def _lead(question: str) -> str:
    """The clauses of a question before its first ask (安徽那个计划里…培训，总目标多少人: "安徽那个计划里…培训，")."""
    clauses = _clauses(question)
    lead = ""
    while len(clauses) > 1 and not _asks(clauses[0].strip(_SENTENCE_END + " ，,。")):
        lead += clauses.pop(0)
    return lead


_ASK_WORD_RE = re.compile("|".join(f"(?:{LEX.pattern(r)})" for r in ("question_word", "how_much", "ask_share",
                                                                      "ask_quantity", "count_unit")))


def asking_word(term: str) -> bool:
    """A key term that only asks (百分之 of 百分之多少, 多少): it names no subject of its own."""
    return bool(_ASK_WORD_RE.fullmatch(term))


def ask_subject(question: str) -> str:
    """The words of a question before its first ask (节能监察对重点用能单位啥时候做到全覆盖: 节能监察对重点用能单位):
    what a later part naming nothing of its own (24年底先要完成百分之多少) is asked of."""
    text = LEX.regex("polite_lead").sub("", question)
    at = min((m.start() for r in ("question_word", "how_much", "fact_when") if (m := LEX.regex(r).search(text))), default=0)
    return text[:at].strip(_SENTENCE_END + " ，,。")


def _counted_asks(piece: str) -> list[str]:
    """A question of two asks, each clause with its own thing and its own ask (载体建几个，示范选几家; 要推哪些项目，
    气电装机新增多少): one piece per clause. Clauses before the first ask name what every part is about
    (安徽标识解析那个专栏工程，…), so they lead each piece; a clause asking nothing after an ask stays with the
    next. A clause asking of nothing new (同比降了多少, 占多少, 分别是什么) stays with the one before it: one
    sentence states both."""
    clauses = _clauses(piece)
    lead = ""
    while len(clauses) > 1 and not _asks(clauses[0].strip(_SENTENCE_END + " ，,。")):
        lead += clauses.pop(0)
    out: list[str] = []
    for c in clauses:
        body = c.strip(_SENTENCE_END + " ，,。")
        if out and _asks(body) and _asks(out[-1]) and not _RELATIVE_RE.search(body) \
                and _own_chars(body, out[-1]) >= _own_chars_needed(body, out[-1]):
            out[-1] = out[-1].rstrip("，, ")
            out.append(c)
        elif out:
            out[-1] += c
        else:
            out.append(c)
    return [lead + o for o in out] if len(out) > 1 and all(_asks(o) for o in out) else [piece]


# a clause asking an amount or a way (占多少, 怎么拆分的) after another ask is of what that one asked unless it names
# a thing of its own, or, an amount after an amount, a measure of its own (能保障多少人: 保障); a where or who asked
# (组长是谁，办公室放在哪) names its own in fewer characters
AMOUNT_OWN_CHARS = 3  # an amount after an amount: 能保障多少人 after 投资多少 (保障: a measure of its own)
WAY_OWN_CHARS = 4  # any other ask after another: 怎么拆分的, 都是哪些城市, 每年培育多少 after 那按年算呢


# the time an amount is asked at (2030年, 现在, 规划期末) and the words around it (目标, 预计, 的, 是): a clause naming
# nothing else (现在多少，2030年目标多少) asks the same measure at another time, which one row or sentence states
_WHEN_RE = re.compile("|".join([YEAR_PHRASE_RE.pattern, *(f"(?:{LEX.pattern(r)})" for r in (
    "period_end", "now_ask", "baseline", "table_target", "ask_framing", "of", "ask_tail_verb", "year_tail"))]))


def _own_chars(clause: str, before: str) -> int:
    """How many characters a clause names of its own. An amount after an amount counts the words of its measure
    that the clause before does not say (新规划几个 after 期末一共多少站: 新 + 规划, a column of its own; not 新增
    of 2023年新增几座 after 逐年新增多少, the same measure in one year), however generic they are elsewhere, and
    not the time it is asked at."""
    if asks_amount(clause) and asks_amount(before):
        measure = _WHEN_RE.sub("", LEX.regex("how_much").sub("", _ASKING_RE.sub("", clause)))
        return len(_unsaid(re.sub(r"[\W_\d]", "", measure), before))
    return len(_content(clause))


def _unsaid(text: str, before: str) -> str:
    """The text without its runs of two or more characters that ``before`` holds, longest first."""
    while runs := [text[i:j] for i in range(len(text)) for j in range(i + 2, len(text) + 1) if text[i:j] in before]:
        text = text.replace(max(runs, key=len), "", 1)
    return text


def _own_chars_needed(clause: str, before: str) -> int:
    """How many characters a clause must name of its own to ask apart from the clause before it."""
    if _asks_where_or_who(clause):
        return MIN_OWN_CHARS
    return AMOUNT_OWN_CHARS if asks_amount(clause) and asks_amount(before) else WAY_OWN_CHARS
THING_CHARS = 4  # a later part naming fewer characters than this names a measure only (能保障), not the thing it is of


def one_sentence(text: str) -> bool:
    """No ？ inside the text: its clauses are one question's, not several questions'."""
    return not re.search(f"[{_SENTENCE_END}]", text.strip().rstrip(_SENTENCE_END))


def split_on_measure(text: str, parts: Parts) -> bool:
    """Whether a later clause of one sentence stands apart only by a measure of its own (能保障多少人, 两站最少隔多远):
    one sentence often states both amounts, so the question whole is tried first. Questions ended each by ？
    (…一共布几座？其中新增的有几座) are several questions, each answered."""
    return one_sentence(text) and parts.sequential and any(asks_amount(q) and not _asks_where_or_who(q) and len(_content(q)) < WAY_OWN_CHARS
                                    for q in parts.questions[1:])


_PLACE_FLAG = "ns"  # the tagger's place names


def named_words(text: str, tag: Callable[[str], list[tuple[str, str]]], places: bool = True) -> list[str]:
    """The words a text names things with: two characters or more, neither asking nor generic; ``places``: place
    names too."""
    return [w for w, flag in tag(text) if len(w) >= 2 and (places or flag != _PLACE_FLAG)
            and not _ASK_ONLY_RE.fullmatch(w) and not asking_word(w)]


def own_words(parts: Parts, tag: Callable[[str], list[tuple[str, str]]]) -> list[list[str]]:
    """Per part, the words that set its ask apart from the other parts' (期末 of 开州期末一共多少站 beside
    新规划几个): what it names that no other part does, asking and generic words and the places the later parts
    ask of too left out."""
    per = [named_words(q, tag, places=False) for q in parts.questions]
    return [[w for w in ws if not any(w in o for j, o in enumerate(per) if j != i)] for i, ws in enumerate(per)]


SHORT_FOR_CHARS = 3  # a word of the first part a later part's one character stands for is this long at least (加油站)


def spelt_out(text: str, first: str, tag: Callable[[str], list[tuple[str, str]]]) -> str:
    """A later part with a one-character word that ends a noun of the first part written as that noun (主城的站一般
    占多大地 after …加油站选址和占地要求在哪一节: 站 is the 加油站 just named)."""
    nouns = [w for w, flag in tag(first) if len(w) >= SHORT_FOR_CHARS and flag.startswith("n")]
    out = []
    for w, _ in tag(text):
        full = [n for n in nouns if n.endswith(w) and n not in text] if len(w) == 1 and re.match(r"[\u4e00-\u9fff]", w) else []
        out.append(full[0] if len(set(full)) == 1 else w)
    return "".join(out)


_TIME_FLAG = "t"  # the tagger's time words (期末, 目前)


def thing_of(subject: str, tag: Callable[[str], list[tuple[str, str]]]) -> str:
    """What a subject names without the measure asked of it: its last word taken off (供水项目投资 -> 供水项目), and
    the time and generic words before that (东江区期末一共 -> 东江区)."""
    words = tag(subject)[:-1]
    while words and (words[-1][1] == _TIME_FLAG or _ASK_ONLY_RE.fullmatch(words[-1][0])):
        words.pop()
    return "".join(w for w, _ in words)


def names_measure_only(part: str) -> bool:
    """A later part asking an amount of a measure but naming no thing (能保障多少人 after 供水项目投资多少): it asks of
    the first's thing. A where or who asked (办公室放在哪) names its thing."""
    return asks_amount(part) and 0 < len(_content(part)) < THING_CHARS


def _asks_where_or_who(text: str) -> bool:
    return bool(LEX.regex("location").search(text) or LEX.regex("fact_who").search(text))

# an amount asked relative to the one just asked (同比降了多少, 占比多少, 增长多少), of each of it (每张补贴多少) or
# the total of what it listed (重点项目有哪些，总投资多少): the same sentence or box states it
_RELATIVE_RE = re.compile("|".join(f"(?:{LEX.pattern(r)})" for r in ("relative_change", "increase", "growth", "ask_share",
                                                                     "per_item", "ask_total")))


def asks_amount(text: str) -> bool:
    """The text asks an amount (多少, 几座)."""
    return bool(LEX.regex("how_much").search(text))


def names_nothing(text: str) -> bool:
    """The text names fewer than MIN_OWN_CHARS characters besides asking words: it asks of what was named before."""
    return len(_content(text)) < MIN_OWN_CHARS


_BACK_RE = re.compile(rf"^(?:{LEX.pattern('back_pointer')})(?:{LEX.pattern('said_kind')})?")
# words naming no thing of their own: what a pointing part may say besides the pointer, a plan and the place asked
_NAMES_NO_THING_RE = re.compile("|".join(f"(?:{LEX.pattern(r)})" for r in (
    "topic_generic", "generic", "plan_pointer", "plan_title_word", "said_kind")))


def points_back(text: str, masked: str, tag: Callable[[str], list[tuple[str, str]]]) -> bool:
    """A where-is-it part pointing at what the part before it asked (这个要求在重庆规划哪一节, 上述规定出自哪一章):
    it opens on a pointer (and the kind of thing said) and names nothing else but the place asked. ``masked``: the
    part with the plans it names blanked out."""
    opened = _BACK_RE.match(masked.strip())
    return opened is not None and bool(opened.group(0)) and asks_place_only(text, masked, tag)


def asks_place_only(text: str, masked: str, tag: Callable[[str], list[tuple[str, str]]]) -> bool:
    """A where-is-it ask that names nothing but the place asked (在哪一部分讲的, 这个出自哪一章, 原文在规划哪一节): it
    asks where what was asked before it is written. ``masked``: the text with the plans it names blanked out."""
    where = LEX.regex("location")
    if not where.search(text):
        return False
    opened = _BACK_RE.match(masked.strip())
    rest = where.sub(" ", masked.strip()[opened.end() if opened else 0:])
    return not [w for w in named_words(rest, tag) if not _NAMES_NO_THING_RE.fullmatch(w) and not where.fullmatch(w)]


def content_of(text: str) -> str:
    """What the text names besides asking words and single function characters."""
    return _content(text)


def _content(text: str) -> str:
    """What a clause names besides asking words and single function characters."""
    rest = LEX.regex("how_much").sub("", _ASK_ONLY_RE.sub("", text))
    return re.sub(r"[\W_\d]", "", rest)


def _prefix_end(segment: str, aliases: list[str]) -> int:
    """Where the shared subject at the start of the first item ends: after the last plan name, year or 的."""
    end = 0
    for a in aliases:
        i = segment.rfind(a)
        if i >= 0:
            end = max(end, i + len(a))
    for m in YEAR_RE.finditer(segment):
        end = max(end, m.end())
    of = LEX.pattern("of")
    for m in re.finditer(of, segment):
        if m.end() < len(segment):
            end = max(end, m.end())
    # …工程中，A和B的目标 / …计划对A和B提出了什么目标: the subject ends at the last comma or 对 before the first thing
    for m in re.finditer(rf"[，,]|(?<!\d)(?:{LEX.pattern('object_lead')})", segment):
        if m.end() < len(segment):
            end = max(end, m.end())
    return end


def _suffix_start(segment: str) -> int:
    """Where the shared ask at the end of the last item starts: at its last 的, else at a run of generic words
    (总体目标)."""
    of = [m.start() for m in re.finditer(LEX.pattern("of"), segment) if m.start() > 0]
    if of:
        return of[-1]
    for w in LEX.words("generic"):
        if len(w) >= 2 and segment.endswith(w) and len(segment) > len(w):
            return len(segment) - len(w)
    return len(segment)


def _chars(item: str) -> int:
    """An item's length, a Latin word (Logistic) counted as one character."""
    return len(re.sub(r"[A-Za-z]+", "x", item))


def _times_of_one_measure(items: list[str]) -> bool:
    """The things joined are the times one measure is asked at (基期和目标值, 现状和规划期末): every later one names
    nothing but a time, and the first ends in one after the measure's own words."""
    def bare(text: str) -> str:
        return re.sub(r"[\W_]", "", _WHEN_RE.sub("", text))
    return all(_WHEN_RE.search(i) and not bare(i) for i in items[1:]) and 0 < _time_at_end(items[0]) < len(items[0])


def _time_at_end(item: str) -> int:
    """Where the run of time words ending ``item`` starts (len(item) when it ends in none)."""
    at = len(item)
    while m := re.search(f"(?:{_WHEN_RE.pattern})$", item[:at]):
        if m.start() == at:
            break
        at = m.start()
    return at


def split_items(text: str, aliases: list[str]) -> Parts | None:
    """"A和B的目标分别是多少" -> "A的目标是多少", "B的目标是多少"; None when the question is not of that shape or
    the things joined are plans (a comparison, answered per plan elsewhere)."""
    each = LEX.regex("each").search(text)
    if not each:
        return None
    head, tail = text[:each.start()], text[each.end():]
    segments = [s for s in re.split(_JOIN, head)]
    if len(segments) < 2 or any(not s.strip() for s in segments):
        return None
    start = _prefix_end(segments[0], aliases)
    prefix, first = segments[0][:start], segments[0][start:]
    cut = _suffix_start(segments[-1])
    if not re.match(LEX.pattern("of"), segments[-1][cut:]) and _suffix_start(first) < len(first):
        cut = len(segments[-1])  # 二级节点数量和标识注册总量: the first thing ends in a generic word too, each its own
    last, suffix = segments[-1][:cut], segments[-1][cut:]
    items = [first, *segments[1:-1], last]
    if any(not i or _chars(i) > MAX_ITEM_CHARS or any(a in i for a in aliases) for i in items):
        return None
    if _times_of_one_measure(items):
        # 服务贸易总额基期和目标值分别多少: one measure at its base and its target, each part asking the measure
        # (服务贸易总额基期多少, 服务贸易总额目标值多少), not a bare time (目标值多少)
        at = _time_at_end(items[0])
        prefix, items = prefix + items[0][:at], [items[0][at:], *items[1:]]
    questions = tuple(f"{prefix}{i}{suffix}{tail}" for i in items)
    return Parts(questions, tuple(items), sequential=False)


def counted_each(text: str) -> re.Match[str] | None:
    """Where the text asks each of a number of things of one kind (两种方法各算出来多少: count 两, kind 方法),
    or None; not each of several plans (两个规划各是多少), which is asked of each plan elsewhere."""
    m = LEX.regex("counted_each").search(text)
    return None if m is None or LEX.regex("each_plan").search(m.string[m.start():m.end("kind")]) else m


def split_counted(text: str, counted: re.Match[str], names: list[str]) -> Parts:
    """"…的预测，两种方法各算出来多少" with the plan's two methods named -> "…的预测，弹性系数法算出来多少",
    "…的预测，Logistic 曲线法算出来多少" (the word asking each left out): one question per thing, each headed by its
    name."""
    rest = text[counted.end("kind"):counted.start("each")] + text[counted.end("each"):]
    return Parts(tuple(text[:counted.start()] + n + rest for n in names), tuple(names), False)


_AMOUNT_TAIL_RE = re.compile(f"(?:{LEX.pattern('amount_tail')})$")


def split_unasked(text: str, aliases: list[str], words: Callable[[str], list[str]]) -> Parts | None:
    """"吕梁十四五油站规划数和实建数": measures joined with no asking word at all, each ending in a word naming an
    amount (数, 数量, 额): one question per measure, each of the subject the first names before its measure. The
    first measure is as many words (``words``: the tokenizer's) as the longest later one. None when the text asks
    something (split_items and split_joined read it) or a thing joined names a plan."""
    body = text.strip(_SENTENCE_END + " ，,。")
    if _asks(body):
        return None
    segments = re.split(_JOIN, body)
    if len(segments) < 2 or not all(_AMOUNT_TAIL_RE.search(s) for s in segments):
        return None
    n = max(len(words(s)) for s in segments[1:])
    head = words(segments[0])
    if len(head) <= n:
        return None
    first = "".join(head[-n:])
    subject = segments[0][:len(segments[0]) - len(first)]
    items = [first, *segments[1:]]
    if any(_chars(i) > MAX_ITEM_CHARS or any(a in i for a in aliases) for i in items):
        return None
    return Parts(tuple(subject + i for i in items), tuple(items), sequential=False)


def split_joined(text: str, aliases: list[str]) -> Parts | None:
    """"X里，A和B有啥量化要求" (no 分别): the things joined in the last clause, one question each with what comes
    before the first and after the last ("X里，A有啥量化要求", "X里，B有啥量化要求"). The last thing ends at the
    first 的, verb or asking word after it. Often one passage states both; whether the parts are answered each
    is the caller's to decide. None when the clause joins no short things, or names a plan among them."""
    if LEX.regex("each").search(text) or LEX.regex("each_adverb").search(text):  # 分别, 各是: split_items' shape
        return None
    cut = _clause_start(text.rstrip(_SENTENCE_END + " ，,。"))
    lead, clause = text[:cut], text[cut:]
    segments = re.split(_JOIN, clause)
    if len(segments) < 2:
        return None
    start = _prefix_end(segments[0], aliases)
    lead, first = lead + segments[0][:start], segments[0][start:]
    ends = re.compile(f"(?:{LEX.pattern('of')})|(?:{LEX.pattern('ask_tail_verb')})|(?:{LEX.pattern('question_word')})"
                      f"|(?:{LEX.pattern('how_much')})")
    end = next((m.start() for m in ends.finditer(segments[-1]) if m.start() >= 2), None)
    if end is None:
        return None
    last, tail = segments[-1][:end], segments[-1][end:]
    items = [first, *segments[1:-1], last]
    # things joined are nouns (A和B有啥要求); 巴南区现状几座、规划期末几座 joins two asks, which one table row answers
    if any(len(i) < 2 or len(i) > MAX_ITEM_CHARS or any(a in i for a in aliases) or _asks(i) for i in items):
        return None
    return Parts(tuple(f"{lead}{i}{tail}" for i in items), tuple(items), sequential=False, joined=True)


def shared_lead(questions: list[str]) -> str:
    """The clauses (up to a comma) every question begins with."""
    first = questions[0]
    cut = max((i + 1 for i, ch in enumerate(first) if ch in "，," and all(q.startswith(first[:i + 1]) for q in questions)),
              default=0)
    return first[:cut]


def split_parts(text: str, aliases: list[str]) -> Parts | None:
    """The parts of a multi-part question, or None for a single question."""
    qs = split_questions(text)
    if len(qs) > 1 and any(_plans_only(q, aliases) for q in qs[1:]):
        # 现在加油站有多少座，甲市和乙市各是多少: a later clause naming only plans asks the first of each of them
        return None
    if len(qs) > 1:
        lead = shared_lead(qs)  # the clauses every part shares head the answer once, not each part's label
        return Parts(tuple(qs), tuple(q[len(lead):].rstrip(_SENTENCE_END) for q in qs), sequential=True)
    return split_items(text, aliases)


# what joins two plans' names: a conjunction, or a word joining names only (深圳试点跟国务院那份)
_PLAN_JOIN = f"(?:{LEX.pattern('conjunction')}|{LEX.pattern('plan_join')})"


def _plans_only(question: str, aliases: list[str]) -> bool:
    """The question names two plans or more and nothing else but asking words (甲市和乙市各是多少)."""
    rest, named = question, 0
    for a in sorted(aliases, key=len, reverse=True):
        named += rest.count(a)
        rest = rest.replace(a, " ")
    return named >= 2 and _asks_only(re.sub(_PLAN_JOIN, "", rest))


def _connector(gap: str) -> bool:
    """Whether the text between two plan names only joins them (和, 与, 跟, 的, a comma)."""
    rest = re.sub(_PLAN_JOIN, "", gap)
    rest = re.sub(LEX.pattern("of"), "", rest)
    return not re.sub(r"[\W_]", "", rest)


def _without_each(text: str) -> str:
    """The part asked of one plan: words that ask it of each plan (分别, 各自, 两家) taken out, with a 的 after
    them ("两家的提法" -> "提法"), and the 各 of 各是 / 各给了 (the asker's "each", which would else be read
    as a key term no passage holds)."""
    out = re.sub(rf"(?:{LEX.pattern('each_plan')})(?:{LEX.pattern('of')})?", "", text)
    out = re.sub(LEX.pattern("each_adverb"), "", out)
    return re.sub(r"^[\s，,、；;]+", "", out)


def _clause_start(segment: str) -> int:
    """Where the last clause of a segment starts (after its last comma), 0 when it has one clause."""
    cut = max(segment.rfind(c) for c in _CLAUSE_MARKS)
    return cut + 1 if cut >= 0 else 0


_CLAUSE_MARKS = "，,；;"


def _with_title_words(text: str, mentions: tuple[tuple[int, int, str], ...],
                      titles: dict[str, str]) -> list[tuple[int, int, str]]:
    """Each mention reaching over the words right after it that its plan's own title holds: 深圳 + 碳达峰试点
    (of 国家碳达峰试点（深圳）实施方案) is one name of that plan, not the plan and a thing asked of it."""
    out = []
    for start, end, doc in mentions:
        title = titles.get(doc, "")
        k = 1
        while end + k <= len(text) and text[end:end + k] in title:
            k += 1
        out.append((start, end + k - 1 if k > 2 else end, doc))
    return out


def _own_clauses(text: str, start: int, mentions: tuple[tuple[int, int, str], ...],
                 plans: list[str]) -> tuple[str, dict[str, str]]:
    """The ask plans named side by side share (``text`` from ``start``), and the later clauses of it that name one
    of them, each that plan's own: "甲和乙，对企业上云各是怎么提的，乙有没有具体数量" asks the figure of 乙 only."""
    ask = text[start:]
    pieces = re.findall(rf"[^{_CLAUSE_MARKS}？?]*[{_CLAUSE_MARKS}？?]*", ask)
    shared, own, at = "", {}, start
    for i, piece in enumerate(p for p in pieces if p):
        named = {d for s, _, d in mentions if at <= s < at + len(piece) and d in plans}
        at += len(piece)
        if i and shared.strip("，,；;？? ") and len(named) == 1 and _asks(piece):
            doc = named.pop()
            own[doc] = own.get(doc, "") + "，" + piece.rstrip(_CLAUSE_MARKS)
        else:
            shared += piece
    return (shared.rstrip(_CLAUSE_MARKS) if own else shared), own


def split_plans(text: str, mentions: tuple[tuple[int, int, str], ...], scope: tuple[str, ...],
                names: dict[str, str], titles: dict[str, str] | None = None) -> Parts | None:
    """One question per plan when one thing is asked of each of several plans. ``mentions``: where the text
    names a plan, (start, end, doc_id); ``scope``: the plans the question may concern; ``names``: doc_id -> the
    plan's name, to head its answer when the text names no plan (else the words it names each plan with).

    - Plans named side by side, then one ask ("甲方案和乙方案，X各是怎么定的"): "甲方案，X是怎么定的", ….
    - Each plan with its own thing ("甲的X与乙的Y，差多少"): "甲的X，差多少", "乙的Y，差多少" (a last clause
      after a comma is the ask they share); each plan after the first begins a part joined by 和, 与 or a comma.
    - No plan named, a word asking each of two plans ("两份规划各自的定位"): the question asked of each.
    None when fewer than two plans are concerned. ``titles``: doc_id -> the plan's title, whose words right
    after a mention belong to it (``_with_title_words``)."""
    firsts: list[tuple[int, int, str]] = []
    titles = titles or {}
    for start, end, doc in _with_title_words(text, mentions, titles):
        if firsts and firsts[-1][2] == doc and _connector(text[firsts[-1][1]:start]):
            firsts[-1] = (firsts[-1][0], end, doc)  # 吉林省 + 充换电规划: one mention
        elif all(d != doc for _, _, d in firsts):
            firsts.append((start, end, doc))
    if len(firsts) < 2:
        if mentions or len(scope) != 2 or not LEX.regex("each_plan").search(text):
            return None
        body = _without_each(text)
        return Parts((body, body), tuple(names.get(d, d) for d in scope), False, tuple((d,) for d in scope), True)
    pre = _without_each(re.sub(LEX.pattern("compare"), "", text[:firsts[0][0]]))
    gaps = [text[a[1]:b[0]] for a, b in zip(firsts, firsts[1:], strict=False)]
    same_ask = all(_connector(g) for g in gaps)
    if same_ask:  # side by side: the rest is the shared ask, less a later clause naming one of the plans
        ask, own = _own_clauses(text, firsts[-1][1], mentions, [d for _, _, d in firsts])
        questions = [pre + text[s:e] + ask + own.get(d, "") for s, e, d in firsts]
    else:  # each plan with its own thing, up to the next plan's name
        joined = rf"(?:{_PLAN_JOIN}|[，,、；;])\s*$"
        if not all(re.search(joined, text[:b[0]]) for b in firsts[1:]):
            return None  # "甲规划里乙市的X": a place asked of one plan, not a second plan's part
        ends = [b[0] for b in firsts[1:]] + [len(text)]
        segments = [text[s:e] for (s, _, _), e in zip(firsts, ends, strict=True)]
        last = segments[-1]
        cut = _clause_start(last)
        shared = last[cut - 1:] if cut and _asks(last[cut:]) else ""
        if shared:
            segments[-1] = last[:cut - 1]
        questions = []
        for seg in segments:
            seg = re.sub(rf"(?:{_PLAN_JOIN}|[\s，,、；;。])+$", "", seg)
            questions.append(pre + seg + shared)
    # each part headed by the plan's name in the asker's own words: a title's years (2024—2025年…) would be
    # numbers no passage of a part the plans do not answer supports
    labels = tuple(text[s:e] for s, e, _ in firsts)
    # plans named side by side, one named with words of its title beyond a name it is known by (深圳 + 碳达峰试点,
    # then the shared ask): its part names it by the title, which every plan's alias table holds, so those words
    # are no key terms of that part, which its notice and every passage would match. A plan followed by its own
    # thing (…与吕梁市综合能源站布局总数) keeps the words: the title's words may be the thing asked
    known = {(s, d) for s, e, d in firsts if (s, e, d) in mentions or not same_ask}
    questions = [q if (s, d) in known else q.replace(label, titles.get(d, label), 1)
                 for q, label, (s, _, d) in zip(questions, labels, firsts, strict=True)]
    return Parts(tuple(_without_each(q) for q in questions), labels, False, tuple((d,) for _, _, d in firsts),
                 same_ask)


_YEAR_QUALIFIER_CHARS = 4  # what a year is asked as (实际, 目标, 预计, 底): at most this many characters
_QUALIFIER_END_RE = re.compile("|".join(f"(?:{LEX.pattern(r)})" for r in (
    "each", "each_adverb", "ask_quantity", "question_word", "ask_tail_verb")) + r"|[\s，,、；;。？?]")


def split_years(text: str) -> Parts | None:
    """One measure asked at two years or more, typed as one ask ("核心产业占GDP比重 2020年实际和2025年目标各是多少",
    "2023年和2025年分别要到多少"): one question per year, each the words around the years with that year and what it
    is asked as (实际, 目标), the 各 / 分别 left out. A plan often states each year in a sentence of its own (the year
    reached under 发展基础, the aim under 发展目标); the caller asks the whole first, which one row or sentence may
    answer. None for fewer than two years, a span (2021—2025年), a base year (较2020年下降多少) or no figure asked."""
    if YEAR_SPAN_RE.search(text) or BASE_YEAR_RE.search(text) or not LEX.regex("how_much").search(text):
        return None
    found = list(YEAR_PHRASE_RE.finditer(text))  # 到2025年底: a year and the words dating by it
    if len(found) < 2 or len({YEAR_RE.search(m.group(0)).group(1) for m in found}) < len(found):
        return None
    segments = []
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        tail = text[m.end():end]
        stop = _QUALIFIER_END_RE.search(tail)
        qualifier = re.sub(_JOIN, "", tail[:stop.start()] if stop else tail)
        between = tail[stop.start():] if stop else ""
        if len(qualifier) > _YEAR_QUALIFIER_CHARS or (i + 1 < len(found) and re.sub(rf"{_JOIN}|[\s，,、]", "", between)):
            return None  # words between two years that are no joint: the years are of different things
        segments.append(text[m.start():m.end()] + qualifier)
    last = found[-1]
    stop = _QUALIFIER_END_RE.search(text[last.end():])
    # the words after the last year are what every year is asked of when no earlier year has words of its own
    # (2023年、2025年充电桩各多少个), else that year's own (2020年实际和2025年目标)
    own = any(seg != text[m.start():m.end()] for seg, m in zip(segments[:-1], found, strict=False))
    rest = _without_each(text[last.end() + (stop.start() if stop and own else 0):])
    if not own:
        segments[-1] = text[last.start():last.end()]
    head = text[:found[0].start()]
    # each part asks its year plainly: what the year is asked as (实际, 目标) heads its answer, and as a key term
    # would ask for a word the sentence stating the year need not write (2020年，…比重达到7.8%)
    questions = tuple(f"{head}{m.group(0).strip()}{rest}" for m in found)
    return Parts(questions, tuple(seg.strip() for seg in segments), sequential=False)
