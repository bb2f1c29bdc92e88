"""A generic merge of a follow-up into the question before it, tried when the rule-resolved follow-up answers
weakly. Pure (given the tagger).

The rules of ``understand.resolve`` each fit one kind of follow-up (那…呢, 2020年呢, 它…); a follow-up worded
otherwise ("那换电站要建几座", "两江新区有多少座", "30年的时候要建多少个") may fit none, or fit one wrongly, and
lose what the earlier question was about. The merge keeps all of the earlier question and puts the follow-up's
terms in it: a year or period for the year or period asked before, a word for the word of the same kind it
stands beside (the same last character, 换电站 for 充电站, 两江新区 for 巴南区; or both places), and whatever
else the follow-up names or asks after the earlier question's subject. Which of the two answers is kept is
decided by their support (compose.answer_question).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.text.patterns import CLAUSE_RE, LABEL_RE, QUANTITY_RE, YEAR_RE, blank_titles
from assistant.text.sentences import sentences

from .lexicon import lexicon

LEX = lexicon()
_LEAD_RE = re.compile(rf"^(?:{LEX.pattern('filler_lead')}|{LEX.pattern('among_lead')}|{LEX.pattern('lead_strip')}"
                      rf"|{LEX.pattern('pronoun_strip')})"
                      r"[\s,，。.!！~～]*")
_TAIL_RE = LEX.regex("tail_strip")
_ASK_TAIL_RE = re.compile(rf"(?:{LEX.pattern('ask_tail_measure')})?(?:{LEX.pattern('ask_tail_verb')})?"
                          rf"(?:{LEX.pattern('ask_tail_ask')})?[？?。！!]*$")
_YEAR_PHRASE_RE = re.compile(rf"(?:{LEX.pattern('year_lead')})?(?:19|20)\d\d\s*(?:{LEX.pattern('year_tail')})?")
_PERIOD_RE = re.compile(rf"(?:{LEX.pattern('five_year_plan')})(?:{LEX.pattern('five_year_plan_end')})"
                        rf"|{LEX.pattern('period_end')}")
_QUESTION_WORDS = LEX.regex("question_word")
_ASK_RE = re.compile(rf"(?:{LEX.pattern('ask_tail_ask')}|{LEX.pattern('how_much')})")
_GENERIC = LEX.regex("topic_generic")
_ASK_SUM_RE = LEX.regex("ask_sum")
_REST_RE = LEX.regex("rest_word")  # 剩下, 其余: the rest of the rows just asked, no thing of its own
_CONTENT_FLAGS = ("n", "v", "b", "j", "l", "a", "eng")  # nouns (ns, nz, vn …), verbs, attributives: what names a thing
_PLACE_FLAG = "ns"
KIND_PAIR = 2  # tagger words joined when looking for the word a follow-up's word stands in for (核心区 = 核心 + 区)
KIND_CHARS = 3  # words sharing their last character are of one kind from this length (换电站, 充电站; not 行业, 工业)


def _bare(text: str) -> str:
    """The follow-up without its lead (那, 嗯, 换成, 它) and its 呢 / question mark."""
    text = text.strip()
    while True:
        m = _LEAD_RE.match(text)
        if not m or not m.group(0):
            break
        text = text[m.end():]
    return _TAIL_RE.sub("", text).strip(" ，,")


def _when(text: str) -> re.Match[str] | None:
    """Where the text names the year or period it asks of (到2030年底, 规划期末, 十四五末), outside 《titles》."""
    blanked = blank_titles(text)
    found = [m for r in (_YEAR_PHRASE_RE, _PERIOD_RE) for m in r.finditer(blanked) if m.group(0)]
    return min(found, key=lambda m: m.start(), default=None)


def year_phrase(text: str) -> str:
    """The year the text asks of as written (2018年, 到2030年底; outside 《titles》), or "". A period word (规划期末)
    is not one: it often names the column asked (期末一共多少站), which another ask (新规划几个) does not share."""
    m = _YEAR_PHRASE_RE.search(blank_titles(text))
    return m.group(0) if m else ""


_OWN_TIME_RE = re.compile(f"(?:{LEX.pattern('baseline')})|(?:{LEX.pattern('per_year')})")


def names_time(text: str) -> bool:
    """Whether the text names a time of its own: a year or period (2020年, 规划期末, 十四五末), now or the base
    (现在, 现状), or each year (每年)."""
    return _when(text) is not None or _OWN_TIME_RE.search(text) is not None


def _content(word: str, flag: str, generic: bool = False) -> bool:
    # "x": the tagger's mark for the plans' own terms (保障措施, 双跨平台) as well as for punctuation
    named = flag.startswith(_CONTENT_FLAGS) or (flag == "x" and re.fullmatch(r"[\w\u4e00-\u9fff]+", word) is not None)
    return (len(word) >= 2 and named and not _QUESTION_WORDS.fullmatch(word) and not _REST_RE.fullmatch(word)
            and not _ASK_RE.search(word)
            and (generic or not _GENERIC.fullmatch(word)) and not YEAR_RE.search(word))


def _things(text: str, tagger, generic: bool = False, old: str = "") -> list[tuple[str, str]]:
    """The text's words that name things, each with its tag, and each pair of adjacent nouns joined (核心 + 区)
    unless ``old`` writes both (平台 + 奖补 after a question on 平台's 奖补: nothing new); ``generic``: words that
    name no particular thing (措施, 情况) too. A sum asked (加起来, which the tagger splits into 加 + 起来) names no
    thing."""
    words = tagger(_ASK_SUM_RE.sub(" ", text))
    out = [(w, f) for w, f in words if _content(w, f, generic)]
    for i in range(len(words) - KIND_PAIR + 1):
        run = words[i:i + KIND_PAIR]
        if all(f.startswith("n") for _, f in run) and not (old and all(w in old for w, _ in run)):
            out.append(("".join(w for w, _ in run), run[-1][1]))
    return out


def _stands_for(word: str, previous: str, fragment: str, tagger, kept: Sequence[str]) -> str | None:
    """The word of the earlier question that ``word`` stands in for: of the same kind (the same last character,
    both of ``KIND_CHARS`` or more), not named by the follow-up, not part of a plan's name (``kept``); the
    longest."""
    if len(word) < KIND_CHARS:
        return None
    found = [p for p, _ in _things(previous, tagger)
             if len(p) >= KIND_CHARS and p[-1] == word[-1] and p != word and p not in fragment and word not in p
             and p not in word and not any(p in k for k in kept)]
    return max(found, key=len, default=None)


def merge_followup(text: str, previous: str, tagger, kept: Sequence[str] = (), places=None) -> str | None:
    """The earlier question with the follow-up's year, places and same-kind words put in place of its own, and the
    rest of the follow-up (a measure or ask of its own) asked after it; None when there is no earlier question or
    nothing to add. ``kept``: names in the earlier question that are never swapped (the plan's); ``places``:
    text -> the places inside the plans' areas it names (understand.split_places)."""
    fragment = _bare(text)
    previous = previous.strip()
    if not previous or not fragment:
        return None
    merged, rest = previous, fragment
    swapped = _rest_swapped(text, previous, tagger, kept)
    if swapped:  # 其他区县加起来呢 after 中心城区…合计多少座: the same total of the rest
        merged, rest = swapped, ""
    now, before = _when(rest), _when(merged)
    if now:
        phrase = now.group(0)
        merged = (merged[:before.start()] + phrase + merged[before.end():] if before
                  else re.sub(r"[？?。！!]*$", "", merged) + f"（{phrase}）")
        rest = rest[:now.start()] + " " + rest[now.end():]
    if places is not None:  # 那汾阳呢 after …孝义布了几个: the one place asked before, swapped
        new_places = [p for p in places(rest) if p not in previous]
        old_places = [p for p in places(previous) if p not in fragment and not any(p in k for k in kept)]
        if new_places and len(old_places) == 1:
            merged = merged.replace(old_places[0], "和".join(new_places), 1)
            for p in new_places:
                rest = rest.replace(p, " ", 1)
    for word, _ in sorted(_things(rest, tagger), key=lambda p: -len(p[0])):
        if word not in rest or word in merged:
            continue
        old = _stands_for(word, merged, fragment, tagger, kept)
        if old:
            merged = merged.replace(old, word, 1)
            rest = rest.replace(word, " ", 1)
    new = [w for w, f in _things(rest, tagger) if w not in merged]
    rest = re.sub(r"\s+", "", rest).strip("，,、")
    if new or (rest and merged == previous):
        merged = _ASK_TAIL_RE.sub("", merged).rstrip("，, ") + "，" + rest
    return merged if merged != previous else None


_REST_LEAD_RE = LEX.regex("rest_lead")


def _rest_swapped(fragment: str, previous: str, tagger, kept: Sequence[str]) -> str | None:
    """"其他区县加起来呢" after "中心城区规划期末加油站合计多少座": the earlier question asked of the rest (其他区县) in
    place of the thing of its kind it named (中心城区: the longest of its things sharing a character with 区县, not
    part of a plan's name); None when the follow-up does not open on a rest word or names no such thing."""
    lead = _REST_LEAD_RE.search(fragment)
    if not lead or _bare(fragment[:lead.start()]):  # only a lead (那) before it
        return None
    body = _ASK_SUM_RE.sub(" ", _bare(fragment[lead.end():]))
    things = [w for w, _ in _things(body, tagger) if w in body]
    thing = max(things, key=len, default="")
    if not thing:
        return None
    old = [p for p, _ in _things(previous, tagger) if p not in fragment and set(p) & set(thing)
           and not any(p in k for k in kept)]
    if not old:
        return None
    return previous.replace(max(old, key=len), lead.group(0) + thing, 1)


def new_words(text: str, previous: str, tagger, generic: bool = False) -> list[str]:
    """What the follow-up names that the earlier question did not (its own things, not its asking words): an
    answer to it names them. ``generic``: words that name no particular thing too (保障措施有哪些)."""
    return list(dict.fromkeys(w for w, _ in _things(_bare(text), tagger, generic, previous) if w not in previous))


def names_thing_only(text: str, previous: str, tagger) -> bool:
    """Whether the follow-up names a thing and nothing else (生态修复那块呢, 那免退税商店呢): the same question asked of
    another thing, no time, measure or ask of its own besides it."""
    fragment = _bare(text)
    words = new_words(text, previous, tagger)
    if not words or names_time(fragment):
        return False
    for w in sorted(words, key=len, reverse=True):
        fragment = fragment.replace(w, " ")
    return not re.sub(r"[\W\d_]", "", _GENERIC.sub("", fragment))


def followup_words(text: str, previous: str, tagger) -> list[str]:
    """The follow-up's own words as ``new_words``, or, when the tagger reads none of them as naming a thing (高速
    read as an adverb in "高速上呢"), its words of two or more characters that are not asking, generic or year
    words."""
    return new_words(text, previous, tagger) or list(dict.fromkeys(
        w for w, _ in tagger(_bare(text)) if _content(w, "n") and w not in previous))


INSIDE_CHARS = 6  # at most this many characters written inside a word (企业级工业互联网平台 for 企业级平台)
TAIL_CHARS = 2  # a word is written with others inside it before its last this many characters


def writes(text: str, word: str) -> bool:
    """Whether the text writes the word, or writes it with a few words inside it before its last two characters
    (企业级平台 in 企业级工业互联网平台). Pure."""
    return word in text or bool(written_spans(text, word))


def written_spans(text: str, word: str) -> list[tuple[int, int]]:
    """Where the text writes the word, or writes it with at most INSIDE_CHARS characters inside it before its last
    TAIL_CHARS characters: (start, end) of each. Pure."""
    found = [(m.start(), m.end()) for m in re.finditer(re.escape(word), text)]
    head, tail = word[:-TAIL_CHARS], word[-TAIL_CHARS:]
    if len(head) < TAIL_CHARS:
        return found
    at = text.find(head)
    while at >= 0:
        start = at + len(head)
        end = text.find(tail, start, start + INSIDE_CHARS + len(tail))
        if end > start:
            found.append((at, end + len(tail)))
        at = text.find(head, at + 1)
    return found


def lost_scope(previous: str, resolved: str, text: str, places=None) -> bool:
    """Whether resolving the follow-up dropped what the earlier question was scoped to, which the follow-up did not
    change: its year or period (2024年, 规划期末), a table or box it named (表3-1, 专栏7-1) or its one place. A
    follow-up naming none of these ("碳排放要降多少" after "…2024年单位GDP能耗要降多少") keeps them."""
    fragment = _bare(text)
    if _when(previous) and not _when(fragment) and not _when(resolved):
        return True
    if any(m.group(0) not in resolved for m in LABEL_RE.finditer(previous)) and not LABEL_RE.search(fragment):
        return True
    if places is None or places(fragment):
        return False
    return any(p not in resolved for p in places(previous))


def _states(text: str, figure: str) -> bool:
    return re.search(rf"(?<![\d.]){re.escape(figure)}(?![\d.])", text) is not None


def swaps_kind(text: str, previous: str, tagger) -> bool:
    """Whether the follow-up names a thing of the kind the earlier question asked of (换电站呢 after …几座充电站): the
    same subject's sibling measure, which the plan states in the clause beside the earlier figure."""
    fragment = _bare(text)
    return any(_stands_for(w, previous, fragment, tagger, ()) for w, _ in _things(fragment, tagger))


def anchored_sentence(texts: Sequence[str], earlier_answer: str, words: Sequence[str],
                      fragment: str = "", sibling: bool = False, restated: bool = False) -> tuple[int, str] | None:
    """The sentence that answers a follow-up about a thing stated beside the earlier answer ("高速上呢" after "城区
    加油站10座"; "秸秆呢" after "畜禽粪污约42万吨"): among the passages ``texts`` that state every figure of the
    earlier answer, the clause naming most of the follow-up's own ``words`` and a figure of its own; (the
    passage's index, its sentence), or None. The earlier answer is evidence of which passage the conversation is
    about. Of clauses naming as many, the one writing the longest run of the follow-up's own ``fragment`` as it
    wrote it (其他城市 of "那其他城市加起来呢", not 城市 in 推广城市), then one restating an earlier figure only for a
    ``sibling`` of the earlier measure (swaps_kind: 60座换电站 beside 20座充电站; another subject is stated apart:
    剩下的城市), else the first. ``restated``: a sub-figure asked of the total just given: the clause's figure may be
    one the earlier answer gave (城区点数21个 of 全市共布局138个…，其中…城区点数21个), and a clause after an earlier
    figure in its sentence, the total it breaks down, comes first (离石区…布局21个，其中，高速8个, not the city's
    sentence stating 城区点数21个 after its 高速点数34个). Pure."""
    figures = list(dict.fromkeys(QUANTITY_RE.findall(earlier_answer)))
    if not figures or not words:
        return None
    best: tuple[tuple[int, int], int, str] | None = None
    for i, text in enumerate(texts):
        if not all(_states(text, f) for f in figures):
            continue
        for sentence in sentences(text):
            seen = ""
            for clause in CLAUSE_RE.findall(sentence):
                named = sum(writes(clause, w) for w in words)
                own = [n for n in QUANTITY_RE.findall(clause) if restated or n not in figures]
                restates = any(_states(clause, f) for f in figures)
                # a sub-figure after its total in one sentence (4.614万吨，其中汽油3.053万吨; not 2022年's 汽油2.540万吨)
                after = restated and any(_states(seen, f) for f in figures)
                seen += clause
                key = (named, after, _shared_run(clause, fragment), restates == sibling)
                if named and own and (best is None or key > best[0]):
                    best = (key, i, sentence.strip())
    return (best[1], best[2]) if best else None


def _shared_run(text: str, fragment: str) -> int:
    """The length of the longest run of the fragment's characters the text writes."""
    return max((j - i for i in range(len(fragment)) for j in range(i + 1, len(fragment) + 1)
                if fragment[i:j] in text), default=0)
