"""Key terms of a question and how much of them a text covers (literally, by synonym, by abbreviation or
by character bigrams); which noun a number question measures. Pure."""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence

from assistant.text.numbers import CN_NUMERAL_CHARS
from assistant.text.patterns import AIM_YEAR_RE, CLOSING_QUOTES, NUMBERED_ITEM, QUANTITY_RE, YEAR_ONLY_RE, YEAR_RE

from .lexicon import lexicon
from .synonyms import abbreviates, contains, gapped, present, synonyms
from .understand import QUESTION_WORDS, Question, alias_table, find_docs

LEX = lexicon()
GENERIC = frozenset(LEX.words("generic"))  # words every question uses: never a key term
_COUNT_WORD_RE = LEX.regex("count_word")  # 几个, 第几, 一部分: counting, not content
# generic phrases of three or more characters (总目标, 一句话, 怎么说), taken out before segmenting: jieba would
# otherwise glue their ends to the words beside them (的总 + 目标, 一句 + 话) and leave fragments as key terms
_GENERIC_PHRASE_RE = re.compile("|".join(re.escape(w) for w in sorted(GENERIC, key=len, reverse=True) if len(w) >= 3))
# single characters that end no term: a run of characters jieba left apart (站 + 有, 是 + 在) is trimmed of them
_GRAM_STOP = frozenset(LEX.words("gram_stop"))  # 的, 和, 有: function characters
_TRAILING_CHARS = "".join(w for w in _GRAM_STOP if len(w) == 1)
_POLITE_RE = LEX.regex("polite_lead")  # 想问下: the asker's lead, never a key term
_VERB_LEAD_RE = LEX.regex("verb_lead")  # 要建, 能办: the asker's verb, unless a noun (能耗, 要素) or a synonym row's word (能耗强度)


def question_aliases(q: Question, metas) -> list[tuple[str, str]]:
    """The plans' aliases and the names the asker gave plans in this question, longest first."""
    table = alias_table(metas)
    if not q.named_as:
        return table
    return sorted({*table, *q.named_as}, key=lambda p: (-len(p[0]), p[0]))


def key_terms(q: Question, tokenizer, metas, idf=None, n_chunks: int = 0) -> list[str]:
    """The words that carry the question's meaning: quoted phrases, content words, and runs of single
    characters jieba left apart (在 + 孵) when they are a rare phrase of the corpus."""
    _, masked = find_docs(q.resolved, question_aliases(q, metas))
    out = [m for m in re.findall(r"[“\"「『]([^”\"」』]{2,20})[”\"」』]", masked)]
    out += _LISTED_ITEMS_RE.findall(masked)  # 1级、2级、3级: the items as the plans list them, one term
    # 多少座 and 到2025年 go whole: jieba would glue their last character to the word beside them (座充 of
    # 多少座充换电站, 桩到 of 公用桩到2025年), which no plan writes
    masked_counted = masked
    masked = QUESTION_WORDS.sub(" ", _COUNTED_RE.sub(" ", _POLITE_RE.sub(" ", masked.replace("＿", " "))))
    masked = _GENERIC_PHRASE_RE.sub(" ", YEAR_RE.sub(" ", AIM_YEAR_RE.sub(" ", masked)))
    words = tokenizer.words(masked)
    unseen = unseen_weight(n_chunks)  # the weight of a word no chunk contains
    if idf is not None and n_chunks:
        words = [p for w in words for p in _resegment(w, masked, tokenizer, idf, unseen)
                 if not glued(p, tokenizer, idf)]
    words = [without_particle(w, tokenizer) for w in words]
    if idf is not None and n_chunks:
        words = [without_bound(without_locative(w, idf, unseen), idf, unseen) for w in words]
    for w in words:
        if len(w) >= 2 and w not in GENERIC and not YEAR_ONLY_RE.fullmatch(w) and not _COUNT_WORD_RE.search(w) \
                and not (_VERB_LEAD_RE.search(w) and not noun_like(w, tokenizer) and not synonyms(w)):
            out.append(w)
    if idf is not None and n_chunks:
        rare = math.log((n_chunks + 1) / (0.03 * n_chunks + 0.5))
        run = ""
        for w in [*tokenizer.raw_words(masked), " "]:
            if len(w) == 1 and "\u4e00" <= w <= "\u9fff":
                run += w
                continue
            run = run.rstrip(_TRAILING_CHARS)  # 站 + 有 of 站有几座: the asker's verb or particle ends no term
            if len(run) >= 2 and run not in GENERIC and rare <= idf(run) < unseen:
                out.append(run)
            elif len(run) == 1 and len(w) >= 2 and _CJK_RE.fullmatch(w) and idf(run + w) < unseen \
                    and run + w not in GENERIC and re.search(_COUNTED_RE.pattern + re.escape(run + w), q.resolved):
                out.append(run + w)  # 多少座换电站 -> 换 + 电站: the character left apart heads the word, as the plans write it
            run = ""
    thing = re.search(_COUNTED_RE.pattern + r"([\u4e00-\u9fff])(?:[\s，。？?！!]|$)", masked_counted)
    if thing and thing.group(2) not in GENERIC and not any(thing.group(2) in t for t in out):
        out.append(thing.group(2))  # 多少张床: the one character after the measure word is the thing counted
    if idf is not None and n_chunks:  # 家用空调冰箱这类制冷设备: examples no plan names stand for the kind after them
        examples = " ".join(m.group(1) for m in _EXAMPLES_RE.finditer(masked))
        out = [t for t in out if t not in examples or idf(t) < unseen] or out
    return [t for t in dict.fromkeys(out) if not any(t != o and t in o and len(o) > len(t) + 1 for o in out)
            or t in out[:1]]


# items listed by their numbers (1级、2级、3级; 3A、4A、5A级), a grade or line word after each (figure_name_suffix)
_ITEM = rf"{NUMBERED_ITEM}(?:{LEX.pattern('figure_name_suffix')})?"
_LISTED_ITEMS_RE = re.compile(rf"(?<![\d.]){_ITEM}(?:、{_ITEM})+")


# the words before an example marker (这类, 之类的) and a kind of two characters or more after it
_EXAMPLES_RE = re.compile(f"([\u4e00-\u9fff、]{{2,12}})(?:{LEX.pattern('example_marker')})(?=[\u4e00-\u9fff]{{2}})")


_CJK_RE = re.compile(r"[\u4e00-\u9fff]+")


def without_particle(w: str, tokenizer) -> str:
    """A word jieba glued to the aspect or structural particle after it (建了, 推广了 as one token), less that
    particle: the asker's verb tense is no part of what the plans write (已经累计建成46座 for 建了多少座). The
    tagger decides what a particle is (its u* tags), not a word list."""
    tags = tokenizer.tag(w) if len(w) >= 2 else []
    if len(tags) >= 2 and tags[-1][1].startswith("u") and w.endswith(tags[-1][0]):
        return w[:-len(tags[-1][0])]
    return w


def unseen_weight(n_chunks: int) -> float:
    """The idf of a word no chunk contains (``HybridRetriever.idf`` with a document frequency of 0)."""
    return math.log((n_chunks + 1) / 0.5)


_LEADS = frozenset(w for r in ("locative_lead", "topic_lead") for w in LEX.words(r) if len(w) == 1)


def without_locative(w: str, idf, unseen: float) -> str:
    """A word jieba glued to the locative or telling character before it (规划里托育 -> 里托育, 讲托育服务 ->
    讲托育) that no plan contains (``unseen``: the weight of such a word), less that character when the rest is a
    word of the plans (托育). Leads: lexicon roles ``locative_lead`` and ``topic_lead``."""
    if len(w) >= 3 and w[0] in _LEADS and idf(w) >= unseen and idf(w[1:]) < unseen:
        return w[1:]
    return w


def without_bound(w: str, idf, unseen: float) -> str:
    """A word no plan contains (``unseen``) that jieba glued to the limit word before it (最多奖 of 最多奖多少, as
    the plans write 最高30万元…奖励), less that word: the limit is asked by the question as a whole
    (``bounded_shape``), the rest is the thing (a single character, 奖, names no key term). Limit words: lexicon
    role ``ask_bound``."""
    if idf(w) < unseen:
        return w
    m = _BOUND_LEAD_RE.match(w)
    return w[m.end():] if m and m.end() < len(w) else w


_BOUND_LEAD_RE = re.compile(f"(?:{LEX.pattern('ask_bound')})")


def glued(w: str, tokenizer, idf) -> bool:
    """A word jieba's HMM made up from a character and the function character after it (轨道线有 -> 线有) that no
    plan writes and no dictionary holds: no key term (the asker's own Latin words are left alone)."""
    return bool(_CJK_RE.fullmatch(w)) and len(w) > 1 and w[-1] in _GRAM_STOP and not tokenizer.known(w) \
        and idf(w) >= idf("\0")


def _resegment(w: str, text: str, tokenizer, idf, found: float) -> list[str]:
    """A word jieba glued across a boundary (最多奖 from 最多奖补) that no plan contains: the corpus word that
    reaches past it into the question (奖补) and what is left of it (最多), when that rest is a phrase of the
    corpus too. A word found nowhere that does not split so (氢能 beside 能源 leaves 氢) stays: the plans may
    simply not have it. ``found``: the weight of a word no chunk contains."""
    at, end = text.find(w), text.find(w) + len(w)
    if len(w) < 2 or at < 0 or idf(w) < found:
        return [w]
    lo, hi = max(at - 1, 0), min(end + 1, len(text))
    crossing = [(i, i + n) for n in range(hi - lo, 1, -1) for i in range(lo, hi - n + 1)
                if (i < at < i + n or i < end < i + n) and idf(text[i:i + n]) < found
                and tokenizer.raw_words(text[i:i + n]) == [text[i:i + n]]]
    if not crossing:
        return [w]
    i, j = crossing[0]  # the longest
    rest = [r for r in (text[at:max(i, at)], text[min(j, end):end]) if r]
    if any(len(r) < 2 or idf(r) >= found for r in rest):
        return [w]
    return [*(r for r in rest if text.find(r, at) < i), text[i:j], *(r for r in rest if text.find(r, at) >= j)]


def char_bigrams(t: str) -> list[str]:
    return [t[i:i + 2] for i in range(len(t) - 1)] or [t]


def term_coverage(terms: list[str], text: str, weight=None) -> float:
    """Weighted share of the question's key terms present in ``text``; a term absent as a whole earns the
    share of its character bigrams that are present (总里程 in 道路里程)."""
    if not terms:
        return 1.0
    weight = weight or (lambda t: min(len(t), 4))
    total = got = 0.0
    for t in terms:
        w = weight(t)
        total += w
        if contains(t, text):
            got += w
        elif present(t, text):
            got += 0.9 * w
        elif abbreviates(t, text):  # 服贸 for 服务贸易
            got += 0.7 * w
        elif gapped(t, text):  # 注册量 written 注册总量
            got += 0.8 * w
        else:
            grams = char_bigrams(t)
            got += w * 0.8 * sum(g in text for g in grams) / len(grams)
    return got / total if total else 1.0


_HOW_MUCH_RE = LEX.regex("how_much")
_COUNTED_RE = re.compile(f"(?:{LEX.pattern('ask_quantity')})\\s*({LEX.pattern('count_unit')})")  # 几座, 多少个
_DISTANCE_RE = LEX.regex("ask_distance")  # 多远, 多长
# an amount of money: a figure in a money unit (1.2亿元), or one a money word (成本, 投资) states (成本近1000万)
_MONEY_RE = re.compile(rf"\d\s*(?:{LEX.pattern('amount_magnitude')})*\s*(?:{LEX.pattern('money_unit')})"
                       rf"|(?:{LEX.pattern('money_word')})[^，。；,;\d]{{0,4}}\d")
_NUMERAL = rf"[\d{CN_NUMERAL_CHARS}]"


def answer_shape(question: str) -> re.Pattern[str] | None:
    """What a sentence answering the question states besides its key terms: for 几座 / 多少个 a number counted
    in that measure word (8座), for 多远 / 多长 a length (50米), for any other 多少 a quantity; None when the
    question asks no amount. The asker's words for the thing may differ from the plan's; the shape does not."""
    counted = _COUNTED_RE.search(question)
    if counted:
        return re.compile(rf"{_NUMERAL}\s*{re.escape(counted.group(1))}")
    if _DISTANCE_RE.search(question):
        return re.compile(rf"\d\s*(?:{LEX.pattern('length_unit')})")
    return money_shape(question) or (QUANTITY_RE if _HOW_MUCH_RE.search(question) else named_shape(question))


def money_shape(question: str) -> re.Pattern[str] | None:
    """For an amount of money asked (花多少钱, 投资多少): a figure stated as money; None for any other question."""
    return _MONEY_RE if _HOW_MUCH_RE.search(question) and LEX.regex("ask_money").search(question) else None


_ASK_NAME_RE = re.compile(f"(?:{LEX.pattern('ask_name')})({LEX.pattern('name_head')})")  # 啥中心, 什么样的平台
_TRANSITION_ASK_RE = LEX.regex("ask_transition")  # 从啥样变成啥样
# a name's own words (促进中心; not a function word before the head: 以企业为中心) or its closing quote (“颐养岚平”品牌)
_NOT_NAME_END = "".join(w for w in LEX.words("gram_stop") if len(w) == 1)
_NAME_BEFORE = rf"(?:[\u4e00-\u9fff][^\W\d{_NOT_NAME_END}]|[{CLOSING_QUOTES}])"


def named_shape(question: str) -> re.Pattern[str] | None:
    """What a sentence answering a question asking for a thing by what it is states: for 建个啥中心 a name ending
    in 中心 other than the question's own (数字化转型促进中心), for 从啥样变成啥样 a change stated from one state to
    another (由干净整洁向美丽宜居转变). None when the question asks neither."""
    if _TRANSITION_ASK_RE.search(question):
        return LEX.regex("transition_statement")
    m = _ASK_NAME_RE.search(question)
    if not m:
        return None
    head = m.group(1)
    own = {question[i - 2:i] for i in _starts(question, head) if i >= 2}  # 车联网平台 names no other platform
    skip = "".join(f"(?!{re.escape(w)}{re.escape(head)})" for w in sorted(own))
    return re.compile(f"{skip}{_NAME_BEFORE}{re.escape(head)}")


def _starts(text: str, word: str) -> list[int]:
    return [i for i in range(len(text)) if text.startswith(word, i)]


def counts_topic(question: str, measure: str) -> bool:
    """The question counts its topic in a measure word with no noun after it (加油站最多设几对, 站点有几座): the
    measure noun stands before the asking words, so a sentence counting in that very measure word (不超过6对)
    states the measure though it leaves the topic to its heading. Not when the noun follows (几座充电站)."""
    counted = _COUNTED_RE.search(question)
    if not counted or not measure:
        return False
    at = question.find(measure)
    return 0 <= at < counted.start()


_ASK_BOUND_RE = LEX.regex("ask_bound")  # 最多, 上限: a limit asked
_BOUND = LEX.pattern("bound_statement")  # 不超过, 控制在…之内: a limit stated


def bounded_shape(question: str, shape: re.Pattern[str] | None) -> re.Pattern[str] | None:
    """For a question asking a limit (最多能有几座, 上限多少), the asked shape stated as a limit (控制在69座之内,
    不超过6对): it ranks the sentence setting the limit above ones counting what exists. None when no limit is
    asked or no amount."""
    if shape is None or not _ASK_BOUND_RE.search(question):
        return None
    return re.compile(f"(?:{_BOUND})[^。；，,]{{0,10}}?(?:{shape.pattern})|(?:{shape.pattern})[^。；，,]{{0,4}}?(?:{_BOUND})")


# the shape lifts a passage that covers this much of the key terms, never one about something else: a single
# term absent from the passage (离机场多远) is not answered by any length the passage gives
SHAPE_FLOOR = 0.4


def answer_coverage(terms: list[str], text: str, weight=None, shape: re.Pattern[str] | None = None) -> float:
    """``term_coverage``, or, when the text has the asked answer's shape (``answer_shape``), the coverage with
    that shape counted as one more term of the terms' mean weight, whichever is more: a 多远 question is
    answered by a sentence giving a length though it says 出入口 for the asker's 大门."""
    plain = term_coverage(terms, text, weight)
    if shape is None or not terms or plain < SHAPE_FLOOR or not shape.search(text):
        return plain
    return with_shape(plain, terms, weight)


def with_shape(plain: float, terms: Sequence[str], weight=None) -> float:
    """A coverage ``plain`` of ``terms`` with the asked answer's shape, found in the text, counted as one more term
    of the terms' mean weight, whichever is more."""
    weight = weight or (lambda t: min(len(t), 4))
    total = sum(weight(t) for t in terms)
    if not total:
        return plain
    extra = total / len(terms)
    return max(plain, (plain * total + extra) / (total + extra))


def term_by(question: str, terms: list[str], cue: re.Match[str] | None, reach: int) -> str | None:
    """The term a cue word governs: the first one starting within ``reach`` characters after the cue, else the
    last one before it (培育几个品牌 -> 品牌, 总投资是多少 -> 投资; 哪些高校 -> 高校, 保障措施有哪些 -> 保障措施)."""
    if not cue:
        return None
    after = [(question.find(t, cue.end()), t) for t in terms]
    after = [(i, t) for i, t in after if 0 <= i <= cue.end() + reach]
    if after:
        return min(after)[1]
    before = [(question.rfind(t, 0, cue.start()), t) for t in terms]
    before = [(i, t) for i, t in before if i >= 0]
    return max(before)[1] if before else None


def specific_terms(terms: list[str], weight, titles: list[str] = ()) -> list[str]:
    """The heaviest term, words of the named plans' titles aside (碳达峰 and 试点 of 国家碳达峰试点（深圳）实施方案
    say which plan is asked, not what of it), then the others as heavy as it (within 5 %): of two equally rare
    words (两江新区 and 外贸进出口) the caller decides which must also be named. Empty for no terms."""
    own = [t for t in terms if not any(t in title for title in titles)] or terms
    if not own:
        return []
    key = max(own, key=weight)
    return [key] + [t for t in own if t != key and weight(t) >= 0.95 * weight(key)]


def specific_term(terms: list[str], weight, titles: list[str] = ()) -> str:
    """The heaviest term, words of the named plans' titles aside: the one a passage answering must name."""
    return next(iter(specific_terms(terms, weight, titles)), "")


def measure_term(question: str, nouns: list[str]) -> str:
    """The noun a number question asks the amount of: the one governed by 几个/多少."""
    return term_by(question, nouns, _HOW_MUCH_RE.search(question), 4) or ""


def is_name_word(term: str, tokenizer) -> bool:
    """The tagger reads the whole term as one word that names a thing (两江新区, 外贸进出口), not as an action or a
    quality (新开 = 新 + 开)."""
    tags = tokenizer.tag(term)
    return len(tags) == 1 and not tags[0][1].startswith(("v", "a", "d"))


def noun_like(term: str, tokenizer) -> bool:
    return any(flag.startswith("n") or flag in ("eng", "vn", "j") for _, flag in tokenizer.tag(term))


# jieba's tags of words that name nothing: adverbs (已经, 至少), pronouns (各个, 那个), conjunctions, prepositions,
# particles, interjections
_FUNCTION_TAGS = frozenset({"d", "r", "c", "p", "u", "y", "e", "o", "zg"})


def function_word(term: str, tokenizer) -> bool:
    """A word that names nothing the plans could hold (已经, 至少, 各个): jieba tags all of it as an adverb,
    pronoun, conjunction, preposition or particle. Such a word in a question is the asker's, not the plan's."""
    tags = [flag for _, flag in tokenizer.tag(term)]
    return bool(tags) and all(flag in _FUNCTION_TAGS for flag in tags)


def askers_word(term: str, retriever, tokenizer) -> bool:
    """A word of the asker's own (聚到, 办完, 提速): found in no plan, with no synonym, and not a noun jieba knows,
    so not a thing the plans lack."""
    return retriever.idf(term) >= retriever.idf("\0") and not synonyms(term) and not noun_like(term, tokenizer)


_PLAIN_RE = re.compile(r"[“”\"'‘’《》〈〉（）()、，,。：:；;！？?\s＿]")


@functools.lru_cache(maxsize=1 << 16)
def plain(text: str) -> str:
    """The text without quotes, brackets, punctuation and spaces (cached: handlers ask it of every heading of every
    plan in scope, again for each question)."""
    return _PLAIN_RE.sub("", text)


def masked_question(q: Question, metas) -> str:
    """The question with plan names and foreign places blanked out: what is left names the measure."""
    _, masked = find_docs(q.resolved, question_aliases(q, metas))
    for p in q.foreign_places:
        masked = masked.replace(p, "＿" * len(p))
    return masked


def names_term(term: str, text: str) -> bool:
    """The text names the term: in its words, a synonym, or most of its characters (控制目标 -> 控制在)."""
    return present(term, text) or term_coverage([term], text) >= 0.5


@functools.lru_cache(maxsize=1 << 12)
def without_subject(question: str, title: str, longest: int = 8) -> str:
    """The text without the words it shares with the plan's title (加油站, 规划 of a 加油站 plan), longest
    first: what is left is its own."""
    for n in range(min(longest, len(title)), 1, -1):
        for i in range(len(title) - n + 1):
            if title[i:i + n] in question:
                question = question.replace(title[i:i + n], " ")
    return question
