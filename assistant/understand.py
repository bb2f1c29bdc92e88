"""Understanding a question: which plans, what is asked, which years and columns, and follow-ups. Pure
(given the tokenizer and the plans' metadata)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from .numbers import normalise_years, to_halfwidth
from .scope import PlaceMention, PlanScope, period_words, place_mentions, plan_scope
from .types import DocMeta

_COMPARE_RE = re.compile(r"对比|比较|相比|比起|分别|哪个(?:区|规划)?更|谁更|谁的|两个规划|两区|两地|两边|两家|双方|差异|异同|不同之处|各自|两份|二者|两者")
_LOCATION_RE = re.compile(r"哪一章|哪章|哪一节|哪节|哪一部分|哪个部分|哪部分|哪个章节|什么章节|第几章|第几节|第几部分|第几篇|在哪里?提到|哪里提到|出自|"
                          r"在哪儿?写|在哪儿?讲|哪里讲|出现在哪|放在(?:规划)?(?:的)?哪(?!几|个楼|栋)|写在哪|在规划(?:的)?哪|哪个专栏|哪一个专栏|"
                          r"(?:规划|文件|内容)\S{0,8}?(?:哪里|哪儿|什么位置|哪个位置|放哪)|在(?:什么|哪个)位置|放哪儿")
_LIST_RE = re.compile(r"哪些|哪几|都是啥|都是什么|都有啥|分别是什么|分别是啥|哪[一二两三四五六七八九十]+[个项条类种大]|有什么|有几[个项条类]|列举|列出|包括什么|包含什么|都有|分为")
_NUMBER_RE = re.compile(r"[量数率额值]的?目标|量化|多少|几[个家人项次条所座%天倍]|数值|目标值|基数|达到|达多少|提高到|增加|增长|减少|下降|比重|占比|百分|规模|总量|多大|多高|多长|多远|几公里|数量|指标|是几|单位")
_GOAL_RE = re.compile(r"目标|定位|远景|愿景|建成|2035|总体要求|要实现|方向")
_PROJECT_RE = re.compile(r"专栏|重点项目|重点工程|项目|工程|基地|中心|园区?|平台")
_ATTR_RE = re.compile(r"属性|约束性|预期性")
_CUMUL_RE = re.compile(r"累计|五年合计|累积|括号|每年的数|年度数|五年的总|五年总|加起来|五年合起来|一年的量|每年的还是|是每年")
_INCREASE_RE = re.compile(r"增加多少|增加了?多少|多出|提高多少|差多少|相差|增量|增加几|增长了?多少(?!%|百分)|多多少|少多少|比\d{4}年?多")
_GROWTH_RE = re.compile(r"增长了?百分之几|增长率|增幅|增长了?多少[%％]|百分之多少|增长几成|增长多少百分|翻了?几番|涨幅")
_BASE_RE = re.compile(r"基数|现状|基期|目前|现在|当前|起点|十三五末")
_TARGET_RE = re.compile(r"目标|要达到|达到多少|计划|预期")
_YEAR_RE = re.compile(r"((?:19|20)\d\d)\s*年?")
_FOLLOWUP_RE = re.compile(r"^(那|那么|那个|那它|它|这个|这项|这些|那些|上述|以上|该|其|还有|再|同样|又|呢|另外|换成|如果是|"
                          r"除了|为什么|为何|是五年|是每年|是累计|和|跟|与|同|比(?:\d{4}|[一二]〇)|这是|那是)|呢[？?。]?$|^[^，。]{0,10}呢[？?]?$")
_PRONOUN_RE = re.compile(r"^(它|这个指标|这一指标|这个|这是|那是|该指标|该项|这一项|这项|其|那个|上述|以上|这些|那些|具体|是(?!否|不是))")
GENERIC_WORDS = re.compile(
    r"规划|发展|建设|提出|主要|重点|内容|方面|工作|情况|要求|相关|具体|这个|那个|什么|规定|包括|涉及|关于|部署|推进|"
    r"加强|加快|打造|提升|实施|推动|十四五|期间|时期|全区|我们|文件|说|讲|写|提到|介绍|一下|做好|有|目标|项目|"
    r"两份|两个|区别|不同|差异|异同|分别|各自|对比|比较|相比|啥|各有|几条|几项|远景|愿景|展望|表述|描述|哪里|位置|出现|"
    r"放在|那部分|第几|现在|目前|当前|现状|还|呢|吗|的|是|了|都|也|又|再|和|与|及|"
    r"亿美元|亿元|万元|美元|平方公里|公里|万人|万户|打算|实现|措施|举措|程度|做到|别的|其他|其它|为什么|为何|原因")
QUESTION_WORDS = re.compile(r"请问|请|帮我|告诉我|查一下|查查|看看|想知道|我想问|一下|是什么|是多少|有多少|多大规模|多大|多少|什么|哪些|哪个|哪|吗|呢|吧|啊|如何|怎么样|怎样|怎么|是否|有没有|能否|可以")

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
    text = to_halfwidth(re.sub(r"\s+", " ", text)).strip()
    return normalise_years(to_simplified(text))


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


def alias_table(metas: list[DocMeta]) -> list[tuple[str, str]]:
    """(alias, doc_id), longest alias first so 重庆高新区 wins over 高新区."""
    pairs = set()
    for m in metas:
        for a in (*m.short_names, m.doc_id, m.title):
            if a and len(a) >= 2:
                pairs.add((a, m.doc_id))
    return sorted(pairs, key=lambda p: (-len(p[0]), p[0]))


def find_docs(text: str, aliases: list[tuple[str, str]]) -> tuple[tuple[str, ...], str]:
    """Doc ids named in the text, in order of mention, and the text with the aliases blanked out."""
    found: list[tuple[int, str]] = []
    masked = text
    for alias, doc in aliases:
        start = masked.find(alias)
        while start >= 0:
            found.append((start, doc))
            masked = masked[:start] + "＿" * len(alias) + masked[start + len(alias):]
            start = masked.find(alias)
    ordered = [d for _, d in sorted(found)]
    return tuple(dict.fromkeys(ordered)), masked


def split_places(text: str, tagger, aliases: list[tuple[str, str]],
                 plans: Sequence[PlanScope]) -> tuple[str, tuple[str, ...], tuple[PlaceMention, ...], tuple[str, ...]]:
    """The places no plan in scope is about, and those inside a plan's area or named by its text (answered only
    from a passage that names them). Plans named in the question are the scope, else every plan; the plans'
    own names are not place mentions, and a place right before a plan's name is another zone (成都 + 高新区).
    Returns (text with the foreign places blanked, foreign places, local places, plans whose own area is named)."""
    named, masked = find_docs(text, aliases)
    scope = [p for p in plans if p.doc_id in named] or list(plans)
    foreign, local, owners = [], [], []
    for m in place_mentions(masked, tagger, scope):
        start = masked.find(m.text)
        end = start + len(m.text)
        while end < len(masked) and masked[end] == "＿":
            end += 1
        if m.status == "own" and end == start + len(m.text):
            owners += m.docs
            continue
        if m.status == "local" and end == start + len(m.text):
            local.append(m)
            continue
        foreign.append(text[start:end])
    blanked = text
    for f in foreign:
        blanked = blanked.replace(f, "＃" * len(f))
    return blanked, tuple(dict.fromkeys(foreign)), tuple(local), tuple(dict.fromkeys(owners))


def years_in(text: str, plans: Sequence[PlanScope] = ()) -> tuple[str, ...]:
    """Years written out, then the years period words stand for (十四五末; 规划期末 as each plan's last year)."""
    out = [m.group(1) for m in _YEAR_RE.finditer(text) if 1990 <= int(m.group(1)) <= 2100]
    out += period_words(text, plans).years
    return tuple(dict.fromkeys(out))


def wants_of(text: str, plans: Sequence[PlanScope] = ()) -> frozenset[str]:
    w = set()
    if set(years_in(text, plans)) & {str(p.period[1]) for p in plans if p.period}:
        w.add("target")  # a plan's last year is its target year
    if _ATTR_RE.search(text):
        w.add("attribute")
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


def classify(text: str, n_docs: int) -> tuple[str, bool]:
    compare = bool(_COMPARE_RE.search(text)) or n_docs >= 2
    if _LOCATION_RE.search(text):
        return "location", compare
    if compare:
        return "comparison", True
    if _LIST_RE.search(text):
        return "list", False
    if _NUMBER_RE.search(text) or _ATTR_RE.search(text) or _CUMUL_RE.search(text):
        return "indicator", False
    if _GOAL_RE.search(text):
        return "goal", False
    if _PROJECT_RE.search(text):
        return "project", False
    return "open", False


def topic_of(text: str, aliases: list[tuple[str, str]]) -> str:
    """What a question is about once plan names, years, asking and generic words are removed."""
    _, masked = find_docs(text, aliases)
    masked = _YEAR_RE.sub("", masked.replace("＿", ""))
    masked = QUESTION_WORDS.sub("", masked)
    masked = GENERIC_WORDS.sub("", masked)
    return re.sub(r"[\W\d_]+", "", masked)


def is_followup(text: str, aliases: list[tuple[str, str]] = ()) -> bool:
    """Elliptical or pronoun questions that only make sense with the previous turn."""
    topic = topic_of(text, list(aliases))
    aspect = re.sub(r"[\W\d_]+", "", _ASPECT_RE.sub("", QUESTION_WORDS.sub("", _ASPECT_RE.sub("", text))))
    short = len(re.sub(r"[\W_]", "", text)) <= 8 and not find_docs(text, list(aliases))[0]
    return (bool(_FOLLOWUP_RE.search(text)) or bool(_PRONOUN_RE.match(text)) or short
            or len(topic) <= 2 or len(_ASPECT_RE.sub("", topic)) <= 1 or len(aspect) <= 1)


_ASPECT_RE = re.compile(r"在?哪一?[章节部]分?|在?哪个部分|单位|属性|约束性|预期性|累计数?|增加了?|增长了?|基数|目标值?|哪一?章|哪一?节|在哪|具体|项目|数值|"
                        r"百分之几|多几个?|少几个?|多少|几|意思|含义|来源|出处|原文|情况|呢|吗|指标|数据|数字|属于|是否|是不是|算|属|"
                        r"幅度|变化|差距|差|多大|要到|要达到|达到|提高到|到多少|要多少|能到|计划|预计|预期|打算|"
                        r"哪个区?更[高多大快少低]|谁更[高多大快少低]|更[高多大快少低]|比|多多少|少多少|"
                        r"排第几|排名|第几|位次|类似|同样|相似|有没有|没有|安排|规定|做法|提法|这方面|相关内容|"
                        r"是|有|要|也|吗|呢")
_BOTH_RE = re.compile(r"两个区|两区|两地|两边|两家|两个规划|两份规划|两个都|分别|各自|都是|哪个区|哪个规划|谁更|哪个更|"
                      r"哪个[多高大少低快]|谁[多高大少低快]")
_ASK_TAIL_RE = re.compile(r"(目标值?|基数|数值)?(是|有|为|要达到|达到)?(多少|几[个家项次]?|什么|哪些|哪几[个项条])?[？?。！!]*$")


def _swap_docs(new: str, docs_prev, docs_now, text: str, aliases) -> str:
    names = [a for a, d in aliases if d in docs_prev and a in new]
    def label(x: str) -> str:
        own = [a for a, d in aliases if d == x and a != x and not a.isascii()]
        places_ = [a for a in own if a.endswith(("区", "县", "市"))] or own
        return next((a for a in own if a in text), min(places_, key=len) if places_ else x)

    targets = [label(x) for x in docs_now]
    target = "和".join(targets)
    for a in sorted(names, key=len, reverse=True):
        new = new.replace(a, "\0")
    return re.sub("\0+", target, new, count=1).replace("\0", "") if "\0" in new else target + new


def resolve(text: str, previous: str, aliases: list[tuple[str, str]], previous_answer: str = "",
            plans: Sequence[PlanScope] = ()) -> str:
    """Fold an elliptical follow-up into the previous (already resolved) question.

    Plan or year named now replaces the one named before ("那渝中区呢？", "2020年呢？"); a new measure
    replaces the topic ("那外资企业呢？" keeps plan, year and what was asked); an aspect ("单位是什么？",
    "它属于约束性指标吗？", "增加了多少？") is asked of the previous topic.
    """
    docs_now, masked_now = find_docs(text, aliases)
    docs_prev, _ = find_docs(previous, aliases)
    if not docs_now and _BOTH_RE.search(text):  # "两个区分别是多少？": every plan
        docs_now = tuple(dict.fromkeys(d for _, d in aliases))
    if docs_now and docs_prev and re.match(r"^(和|跟|与|同)|.*比[？?呢]*$", text.strip()):  # "和高新区比呢": both
        docs_now = tuple(dict.fromkeys(docs_prev + docs_now))
    m = re.match(r"^除了(.{1,12}?)(?:以外|之外|外)?[，,]?(?:还有|还)", text.strip())
    if m and m.group(1) in previous:  # "除了铁路还有别的吗": the rest of what was listed
        return _ASK_TAIL_RE.sub("", previous.replace(m.group(1), "")) + "有哪些"
    box = re.search(r"专栏\s*\d+(?:\s*[-－]\s*\d+)?", previous_answer)
    if box and not re.search(r"专栏\s*\d", previous) and re.search(r"具体|哪些项目|有哪些|都有什么|包括什么", text):
        previous = previous + f"（{box.group(0)}）"  # "具体有哪些项目" after an answer naming 专栏4
    body = re.sub(r"^(那么|那|还有|另外|再问一下|再问|同样|又|换成|如果是|改成)", "", text).strip()
    body = re.sub(r"(的情况)?呢?[？?。！!]*$", "", body).strip()
    new = _swap_docs(previous, docs_prev, docs_now, text, aliases) if docs_now else previous
    in_scope = [p for p in plans if p.doc_id in docs_now + docs_prev] or plans  # 规划期末: these plans' last year
    years_now, years_prev = years_in(text, in_scope), years_in(previous, in_scope)
    if re.search(r"比\s*(?:19|20)\d\d", text):  # "比2020年多多少" compares with a year, it does not switch to it
        years_now = ()
    if years_now:
        if years_prev:
            new = re.sub(years_prev[0], years_now[0], new, count=1)
        else:
            new = re.sub(r"[？?。]*$", "", new) + f"（{years_now[0]}年）"
    stripped = re.sub(r"^(那么|那|还有|另外|同样|又|它的?|这个指标|这一指标|该指标|这一项|这个|这项|该项|其|换成|改成)", "",
                      text.strip())
    topic = topic_of(_ASPECT_RE.sub(" ", stripped), aliases)
    aspect_only = len(topic) <= 1
    marker = bool(re.match(r"^(那么|那|换成|改成|还有|如果是)", text.strip())) or bool(re.search(r"呢[？?。！!]*$", text))
    if text.strip().startswith("其中") and not docs_now:  # "其中X…": X, one of what was just listed, same plan
        plan = next((a for a, d in aliases if docs_prev and d == docs_prev[0] and a in previous), "")
        return plan + text.strip()[2:]
    if _PRONOUN_RE.match(text.strip()) and not docs_now:  # "它在哪个专栏": more about what was just asked
        return _ASK_TAIL_RE.sub("", new) + "，" + body
    if topic and not aspect_only and len(topic) >= 2 and not marker and not docs_now:
        if any(w in previous_answer for w in re.findall(r"[\u4e00-\u9fff]{2,}", topic)):
            return _ASK_TAIL_RE.sub("", new) + "，" + body  # more about what was just answered
        plan = next((a for a, d in aliases if docs_prev and d == docs_prev[0] and a in previous), "")
        return plan + text  # a new subject in the same plan
    if topic and not aspect_only and len(topic) >= 2 and len(text) <= 16:
        # a new measure or subject: keep the plan, year and what was asked
        _, prev_masked = find_docs(new, aliases)
        plan = "和".join(a for a in (next((a for a, d in aliases if d == x and a in new), "") for x in
                                         (docs_now or docs_prev)) if a)
        ask = _ASK_TAIL_RE.search(previous).group(0) if _ASK_TAIL_RE.search(previous) else ""
        years = years_now or years_prev
        return f"{plan}{topic}{years[0] + '年' if years else ''}{ask or '是多少'}"
    asks_aspect = re.search(r"单位|属性|约束性|预期性|累计|增加|增长|基数|哪一?章|在哪|哪些|具体|多多少|少多少|排第几|排名|"
                            r"怎么实现|如何实现|怎么做|怎么办|怎么干|措施|举措|为什么|为何|原因|"
                            r"更[高多大快少低]|比", body)
    if body and (asks_aspect or (topic and not docs_now and not years_now)):
        new = _ASK_TAIL_RE.sub("", new) + "，" + body
    return new


_ORDINAL_RE = re.compile(r"第([一二三四五六七八九十\d]{1,3})(?:条|个|项|点|款|方面)")
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
        runs = [r.split("、" if "、" in r else "；") for r in re.findall(r"[：:]([^。：:\n]+)", text)]
        runs += [re.sub(r"等?[。；]?$", "", text.strip()).split("、")] if "：" not in text and ":" not in text else []
        runs = [[x.strip(" ；;，,。") for x in r if x.strip(" ；;，,。")] for r in runs]
        items = max(runs, key=len, default=[])
        items = items if len(items) >= 2 else []
    return items


def resolve_ordinal(text: str, previous: str, previous_answer: str) -> str | None:
    """"第二条具体怎么说" after a listed answer -> the second item, asked about in the previous context."""
    m = _ORDINAL_RE.search(text)
    items = list_items(previous_answer)
    if not m or not items:
        return None
    from .numbers import cn_to_int

    n = cn_to_int(m.group(1))
    if not n or n > len(items):
        return None
    rest = _ORDINAL_RE.sub("", text)
    return f"{items[n - 1]}{rest}"


RESOLVED_CHARS = 2000  # a resolved follow-up is cut here (or at the question's own length, if longer)


def understand(text: str, history: list, metas: list[DocMeta], tagger,
               plans: Sequence[PlanScope] | None = None) -> Question:
    """``history`` holds the earlier turns, oldest first: (question, answer) pairs or plain questions.
    ``plans`` (from scope.plan_scopes) adds what each plan's text names; without it, metadata alone."""
    text = normalise_question(text)
    plans = tuple(plans) if plans is not None else tuple(plan_scope(m, tagger) for m in metas)
    aliases = alias_table(metas)
    turns = [(h, "") if isinstance(h, str) else (h[0], h[1]) for h in history]
    resolved_prev, prev_answer = "", ""
    cap = max(len(text), RESOLVED_CHARS)
    for h, a in turns:  # resolve the chain turn by turn
        h = normalise_question(h)
        ordinal = resolve_ordinal(h, resolved_prev, prev_answer) if resolved_prev else None
        resolved_prev = ordinal or (resolve(h, resolved_prev, aliases, prev_answer, plans)
                                    if resolved_prev and is_followup(h, aliases) else h)
        resolved_prev = resolved_prev[:cap]  # a chain of follow-ups must not grow without bound
        prev_answer = a
    ordinal = resolve_ordinal(text, resolved_prev, prev_answer) if resolved_prev else None
    follow = bool(resolved_prev) and (ordinal is not None or is_followup(text, aliases))
    if ordinal is not None:
        docs_prev, _ = find_docs(resolved_prev, aliases)
        plan = next((a for a, d in aliases if docs_prev and d == docs_prev[0] and a in resolved_prev), "")
        resolved = plan + ordinal
    else:
        resolved = resolve(text, resolved_prev, aliases, prev_answer, plans) if follow else text
    resolved = resolved[:cap]
    blanked, foreign, local, owners = split_places(resolved, tagger, aliases, plans)
    docs = tuple(dict.fromkeys(find_docs(blanked, aliases)[0] + owners))  # a plan's own area names the plan
    intent, compare = classify(resolved, len(docs))
    in_scope = [p for p in plans if p.doc_id in docs] or plans
    return Question(text, resolved, docs, foreign, intent, years_in(resolved, in_scope), wants_of(resolved, in_scope),
                    compare, follow, local, period_words(resolved, in_scope).period)

