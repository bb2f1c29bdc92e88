"""Answerability as one explicit decision: explicit checks plus one score threshold.

The explicit checks ask whether what the answer quotes holds what the question names exactly: a year written
in the question (2030 where the quoted text gives only 2025 and 2035), an amount's unit (多少万亿元 answered by
a share in %), a term written with Latin letters or digits (5G, GDP: a code names one thing, and a near
sentence about 移动宽带 or 单位换算周转量 is about another). Each is a separate, named check made on the answer's
own quoted text (the sentences or rows it cites, their headings and the body), never on the whole passage
around them. Checks made while understanding (a place no plan covers, an absent indicator, year or column in a
table) stay where they are. The score is the weighted share of the question's key terms that the best cited
passage covers; under the threshold (chosen on the nine tuning sets: see eval/answerability.py) an answer is
withdrawn. A refusal still shows the closest passages. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from assistant.text.numbers import normalise_years, to_halfwidth
from assistant.text.patterns import (
    LABEL_RE,
    NUMBER_LABEL_RE,
    QUANTITY_RE,
    WRITTEN_YEAR_RE,
    YEAR_PHRASE_RE,
    YEAR_QUALIFIER_RE,
    YEAR_RE,
    YEAR_SPAN_RE,
    blank_titles,
)
from assistant.types import Answer, Citation

from .context import Context
from .duty import asks_duty
from .figure_kind import kind_claim
from .guard import unsupported_numbers
from .labels import labels_in, unheld_labels
from .lexicon import lexicon
from .planfacts import asked_fact
from .quantity import values_asked
from .reasons import LOW_SCORE, missing_reason
from .scope import PlanScope, period_words
from .synonyms import abbreviates, forms, present, synonyms
from .terms import answer_shape, names_term, noun_like, term_by, term_coverage

# Answers whose best passage covers less of the question than this are refused. Chosen by eval/answerability.py
# on dev, dev2, dev3, dev4 and realdev…realdev5 (the highest refusal F1 on their union; ties: the lowest
# threshold): still 0.0 with the explicit checks of session 6 (any cut above it withdraws more right answers
# than near misses; refusal F1 0.934 at 0.0 against 0.917 at the next score).
REFUSE_BELOW = 0.0
REFUSAL = "所收录的规划中没有找到能回答这个问题的内容。"

_CODE_RE = re.compile(r"[A-Za-z\d]")  # a term with Latin letters or digits: 5G, GDP, IPv6
_TABLE_ROW_RE = re.compile(r"\S[ \t]*\|[ \t]*\S")  # a passage holding table cells: a quote of it is a row
_UNIT_CELL_RE = re.compile(r"[(（]\s*[^\W\d_]{1,4}\s*[)）]\s*(?:\||$)", re.M)  # a header's unit: 现状站（座） |


@dataclass(frozen=True)
class Missing:
    """What the question names exactly that the answer's quoted text does not hold."""

    kind: str  # "year", "unit", "code", "measure", "number", "level", "per_year", "list", "items", "whole", "duty",
    #            "label"
    value: str

    def message(self, question: str = "") -> str:
        """The refusal saying what is missing; without the value when the number guard would not find its
        digits among what the asker typed (C3 read off C32021年)."""
        if question and unsupported_numbers(self.value, [], question):
            return "找到的最接近的段落中没有问题所指的这一项，无法据此回答；以下列出这些段落，仅供参考。"
        if self.kind == "list":
            return f"找到的最接近的段落只提到“{self.value}”，没有列出其具体内容；以下列出这些段落，仅供参考。"
        if self.kind == "items":
            return f"找到的最接近的段落中没有列出所问的“{self.value}”，无法据此回答；以下列出这些段落，仅供参考。"
        if self.kind == "duty":
            return "找到的最接近的段落中没有写明由哪个单位负责，无法据此回答；以下列出这些段落，仅供参考。"
        if self.kind == "label":
            return (f"规划文本中没有“{self.value}”的具体内容（原文中它可能是一张图片，只留下了标题），无法据此回答；"
                    "以下列出最接近的段落，仅供参考。")
        if self.kind == "number":
            return "找到的最接近的段落中没有给出所问的数值，无法据此回答；以下列出这些段落，仅供参考。"
        if self.kind == "level":
            return "找到的最接近的段落只给出新增量，没有给出所问的总量，无法据此回答；以下列出这些段落，仅供参考。"
        if self.kind == "whole":
            return (f"找到的最接近的段落给出的是“{self.value}”这一部分的数值，没有给出所问的整体数值，无法据此回答；"
                    "以下列出这些段落，仅供参考。")
        what = {"year": f"{self.value}年的内容", "unit": f"以“{self.value}”计的数值",
                "code": f"关于“{self.value}”的内容", "measure": f"关于“{self.value}”的内容",
                "per_year": f"“{self.value}”的数值"}[self.kind]
        return f"找到的最接近的段落中没有{what}，无法据此回答；以下列出这些段落，仅供参考。"

    @property
    def reason(self) -> str:
        """The refusal's code (assistant/answer/reasons.py): missing_year, missing_unit, …."""
        return missing_reason(self.kind)


def passage_text(c: Citation) -> str:
    return f"{c.text} {' '.join(c.heading_path)}"


_MARKER_RE = re.compile(r"(?<!\\)\[(\d+)\]")  # a citation marker [n] in the body


def quoted_units(answer: Answer) -> list[tuple[Citation, list[str]]]:
    """What the answer states, one unit per citation: the stretch of the body that cites it, the sentence or
    row it highlights (else the cited text) and its headings; not the plan's title, whose span (2024—2025年)
    says nothing of what the quote states. Body text citing nothing (a lead line) belongs to every unit."""
    stretch: dict[int, str] = {}
    common, at = [], 0
    for m in _MARKER_RE.finditer(answer.answer):
        n = int(m.group(1))
        stretch[n] = stretch.get(n, "") + answer.answer[at:m.start()]
        at = m.end()
    common.append(answer.answer[at:])
    if not stretch:
        common.append(answer.answer[:at])
    return [(c, [stretch.get(c.n, ""), *common, c.highlight or c.text, " ".join(c.heading_path)])
            for c in answer.citations]


_GOES_ON_RE = re.compile(rf"(?:{lexicon().pattern('among_lead')})")  # a sentence that breaks down the one before
_FULL_SENTENCE_RE = re.compile(r"[^。！？\n]*[。！？]+|[^。！？\n]+")  # to 。！？ or a line end, across ；


def around(passage: str, quote: str) -> list[str]:
    """The whole sentences of ``passage`` that the quote was cut from (a clause quoted from 到2025年，A…，B… keeps
    its 到2025年), with the sentence before one that opens 其中 (2024年…总值208亿元。其中，第三产业增加值…); the
    passage itself when the quote is not a piece of its text (a table row's name)."""
    core = re.sub(r"……|\*\*|\\", "", quote).strip()
    if not core or len(core) < 6:
        return [passage]
    pieces = [s for s in _FULL_SENTENCE_RE.findall(passage) if s.strip()]
    parts = [c for c in re.split(r"(?<=[。！？；;])", core) if len(c.strip()) >= 6]  # a quote of two sentences
    found = [w for s, w in zip(pieces, with_lead(pieces), strict=True)
             if s.strip() in core or core in s or any(c in s for c in parts)]
    return found or [passage]


def with_lead(sents: Iterable[str]) -> list[str]:
    """The sentences, each that breaks down the one before (其中，第三产业增加值…) joined to it: the year and
    the whole it is a part of (2024年全县实现地区生产总值…) are stated there."""
    out: list[str] = []
    lead = prev = ""
    for s in (s for s in sents if s.strip()):
        if prev and _GOES_ON_RE.match(s.strip()):
            lead = prev
        elif not prev.rstrip().endswith(_CLAUSE_ENDS):  # a new sentence, not the next clause after ；
            lead = ""
        out.append(lead + s)
        prev = s
    return out


_CLAUSE_ENDS = ("；", ";")


def asked_years(question: str) -> list[str]:
    """The years a question writes on their own; of a span it writes (2021—2025年累计) the last, which the
    span's figure is stated for (五年累计 in a 2025 column); none inside a 《title》."""
    question = blank_titles(question)  # 《2024—2025年…方案》 names a plan, it asks no year
    spans = list(YEAR_SPAN_RE.finditer(question))
    inside = {i for m in spans for i in range(m.start(), m.end())}
    years = [m.group(1) for m in WRITTEN_YEAR_RE.finditer(question) if m.start() not in inside]
    return [*years, *(m.group(2) for m in spans)]


def failed_check(question: str, terms: Iterable[str], texts: list[str], passage: str = "", quote: str = "",
                 plans: Sequence[PlanScope] = (), past: bool = False, key: str = "",
                 number: re.Pattern[str] | None = None, per_year: str = "",
                 figures: list[str] | None = None, bind: bool = True, counted: str = "",
                 measure: Sequence[str] = (), followup: str = "") -> Missing | None:
    """The first explicit check one quoted unit fails. The year is looked for in the whole sentences the quote
    comes from (or the whole passage: a table's header); the amount's magnitude and the codes in what is quoted;
    ``key`` (the measure a number question asks of) in what quotes a table row (a row of another measure is the
    near answer a table gives) and a figure (``number``: the asked answer's shape) in what is quoted or the
    sentences it is cut from. ``past``: the quote sits in a section stating where things stand
    (``past_heading``). ``per_year``: the per-year word (每年) a follow-up asks a figure by, in place of the year
    the previous question asked; a quote must state a figure per year (lexicon role per_year_text). ``figures``:
    the texts that may state the asked figure (default ``texts``; not the headings the quote sits under).
    ``bind``: the answer quotes figures (not a list of items, whose count answers 几个方面), so the asked year,
    kind, stock and ``counted`` (the thing counted, 充换电站) bind to one of them (``unbound_figure``)."""
    whole = around(passage, quote)
    for y in absent_years(asked_years(question), [*texts, *whole], plans, past):
        return Missing("year", y)
    unit = asked_amount_unit(to_halfwidth(question))
    cut = [] if whole == [passage] else whole  # not a whole table or section the quote is one row or line of
    texts = [to_halfwidth(t) for t in texts]
    if unit and not any(re.search(rf"\d\s*{re.escape(magnitude(unit))}", t) or unit in t for t in texts):
        return Missing("unit", unit)
    # 多少辆 is not answered by a sentence counting no 辆 (a table's row is checked by its measure, ``key``)
    counted_unit = asked_count_unit(question) if number is not None and bind else None
    if counted_unit and not _TABLE_ROW_RE.search(passage) and not counts_in(counted_unit, [*texts, *cut]):
        return Missing("unit", counted_unit)
    # a row of a table that writes the asked unit nowhere (几处 of a table counting 座, 多少万吨 of one counting 座)
    row_unit = asked_table_unit(question) if number is not None and bind else None
    if row_unit and _TABLE_ROW_RE.search(passage) and _UNIT_CELL_RE.search(to_halfwidth(passage)) \
            and not any(row_unit in t for t in [to_halfwidth(passage), *texts]):
        return Missing("unit", row_unit)  # a table writing no unit (充电桩数量) is not judged
    for t in absent_codes(terms, texts):
        return Missing("code", t)
    if key and _TABLE_ROW_RE.search(passage) and not any(names_term(key, t) for t in [*texts, *cut]):
        return Missing("measure", key)
    # a table's or box's number (表2-3) or a heading's (1．) is no figure: a text cell quoted under them states none
    stated = [LABEL_RE.sub(" ", t) for t in (texts if figures is None else [to_halfwidth(f) for f in figures])]
    if number is not None and not any(QUANTITY_RE.search(t) or number.search(t) for t in [*stated, *cut]):
        return Missing("number", "")
    if per_year and not any(lexicon().regex("per_year_text").search(t) for t in [*texts, *cut]):
        return Missing("per_year", per_year)  # 那每年的培育数呢 is not answered by the total to 2023 just given
    if number is not None and bind and not _TABLE_ROW_RE.search(passage):
        heads = texts[-1] if figures is not None else ""  # a sibling's word in a heading is the list's subject
        return unbound_figure(question, [texts[0], *(cut or [quote])], plans, counted, measure, f"{passage}\0{heads}",
                              [w for w in measure if w in followup])
    if number is not None and bind:
        return other_kind_row(question, stated)
    return None


_BARE_CELL_RE = re.compile(r"[\s〕】\]]*(?:\||$)")  # a figure ending its cell: 96.8 | 100, its unit in a column


def other_kind_row(question: str, texts: Sequence[str]) -> Missing | None:
    """A quoted table row answers a number question only with a figure of the asked kind (几个 is a count): a row
    whose every figure has a unit of another kind (覆盖率 96.8%) is the near answer a table gives. A bare cell (2860 |,
    its unit in the header or a unit column) is not judged: the row's rendering states it with its unit."""
    from .quantity import asked_kind, fits

    kind = asked_kind(question)
    found = [f for t in texts for f in figures(t) if not _BARE_CELL_RE.match(f.unit)]
    if kind is None or not found or any(fits(kind, f.unit) for f in found):
        return None
    return Missing("number", "")


def counts(key: str, clause: str) -> bool:
    """A figure's clause names the thing counted: as written, or with most of its two-character pieces (公用直流充电
    by 765个直流充电桩; 充换电站 is not named by 18座城际充电站, which shares only 电站)."""
    grams = [key[i:i + 2] for i in range(len(key) - 1)] or [key]
    return present(key, clause) or sum(g in clause for g in grams) / len(grams) > 0.5


_CLAUSE_CUT_RE = re.compile(r"[，,；;：:]")  # clause ends inside a sentence
_SENTENCE_CUT_RE = re.compile(r"[。！？!?\n]")


@dataclass(frozen=True)
class Figure:
    """A quantity stated in running text, with what binds it: the years of the nearest clause before it that
    names years (None: its sentence names none before it), its own clause up to it, the text right after it (its
    unit) and its whole clause."""

    years: frozenset[int] | None
    clause: str
    unit: str
    whole: str = ""
    value: str = ""  # as written: 37 of 37处
    since: str = ""  # its sentence's text since the figure before it, and its clause after it: what it is a figure
    #                  of (``since_figure``; 37处加油站发展备选用地 names what it counts after it)
    sentence: str = ""  # its sentence up to its clause's end


def figures(text: str, plans: Sequence[PlanScope] = ()) -> list[Figure]:
    """The quantities a text states (not years), each bound to the year its sentence states it for: the years of
    the nearest clause before it that names some, within its sentence (到2030年，光伏…达240万千瓦 -> 2030; 预计
    2035年…约500.9万辆 -> 2035, not the 2025 of an earlier clause); a year after 比/较 is the base compared with
    (lexicon role base_year_lead), and one dating what a noun is (2000年底前建成的小区: YEAR_QUALIFIER_RE), not the
    year the figure is for."""
    text = to_halfwidth(text)
    base = re.compile(f"(?:{lexicon().pattern('base_year_lead')})\\s*$")
    out: list[Figure] = []
    last = 0  # where the figure before ends
    for m in QUANTITY_RE.finditer(text):
        start = max((s.end() for s in _SENTENCE_CUT_RE.finditer(text, 0, m.start())), default=0)
        since = since_figure(text, max(start, last), start, m.start())
        last = m.end()
        clauses = _CLAUSE_CUT_RE.split(text[start:m.start()])
        years = None
        for i in range(len(clauses) - 1, -1, -1):
            clause = clauses[i]
            dated = {m.start() for m in YEAR_QUALIFIER_RE.finditer(clause)}  # 2000年底前建成的小区: what, not when
            found = {int(y.group(1)) for y in YEAR_RE.finditer(clause)
                     if not base.search(clause[:y.start()]) and y.start() not in dated}
            spanned = years_covered(YEAR_RE.sub(" ", clause), plans) if not found else set()
            for sp in YEAR_SPAN_RE.finditer(clause):
                found |= set(range(int(sp.group(1)), int(sp.group(2)) + 1))
            if found or spanned:
                years = frozenset(found | spanned)
                break
        tail = _CLAUSE_CUT_RE.split(_SENTENCE_CUT_RE.split(text[m.start():], maxsplit=1)[0], maxsplit=1)[0]
        out.append(Figure(years, clauses[-1], text[m.end():m.end() + 6], clauses[-1] + tail, m.group(), since + tail,
                          text[start:m.start()] + tail))
    return out


_WORD_CHARS_RE = re.compile(r"[^\W\d_]{2,}")
_UNIT_LEAD_RE = re.compile(r"^[^\W\d_%‰]{0,5}[%‰]?(?=[^\w%‰]|$)")  # 万千瓦、 / %， / 亿元: a unit closing a clause


def since_figure(text: str, after: int, start: int, at: int) -> str:
    """What a figure at ``at`` is a figure of: its own clause, or since the figure before it ends (``after``) when
    that is later (文化产业增加值占…比重达到 of 4.5% after …760亿元，年均增长13.6%，; 空气质量优良天数比率稳定在 of 96%,
    not the 单位地区生产总值能耗…完成市下达目标 of the clause before), back over clauses naming little but a time
    (城市生活污水处理率：到2025年达到95%). A run naming nothing (、 of 分别超过6200万千瓦、4000万千瓦) is the list the
    figure before began: back to its sentence's start (``start``)."""
    own = _UNIT_LEAD_RE.sub("", text[after:at]) if after > start else text[after:at]  # the figure before's unit
    if not _WORD_CHARS_RE.search(own):
        return text[start:at]
    cuts = [start, *(m.end() for m in _CLAUSE_CUT_RE.finditer(text, start, at))]
    at_clause = len(cuts) - 1
    while at_clause > 0 and cuts[at_clause] > after and _named_chars(text[cuts[at_clause]:at]) < _NAMING_CHARS:
        at_clause -= 1
    return own if cuts[at_clause] <= after else text[cuts[at_clause]:at]


_NAMING_CHARS = 4  # a clause writing fewer characters than this besides its time (到2025年达到) names no measure


def _named_chars(clause: str) -> int:
    return len(re.findall(r"[^\W\d_]", YEAR_PHRASE_RE.sub("", clause)))


def unbound_figure(question: str, texts: Sequence[str], plans: Sequence[PlanScope] = (), key: str = "",
                   measure: Sequence[str] = (), passage: str = "", own_words: Sequence[str] = ()) -> Missing | None:
    """A number question's year, kind of quantity (多少万辆, 装机: assistant/answer/quantity.py) and stock (总容量,
    达到多少; lexicon role ask_stock) bind to one quantity: the quoted sentences must state one figure that is for
    an asked year (or for no year of their own), of the asked kind and thing (几座 is not 2万家), and, when the level reached is asked, not an
    increase (新增; lexicon role increase_statement); ``key``, the thing counted (多少座充换电站 -> 充换), is named
    in the figure's own clause (18座城际充电站 does not count 充换电站). A sentence stating the level for 2030 and
    the increase over the five years to 2025 answers neither 2025's level nor, in a clause about 2035, 2025's
    count. None when the quote states no quantity (other checks judge that) or one figure fits. ``measure``: the
    words naming what is asked a figure of (``measure_terms``), which what a figure is of must name
    (``names_measure``); a figure the question itself writes (那37处备选用地，渝中区有几处) answers no 多少 of it."""
    from .quantity import asked_kind, fits, other_thing
    from .tables import asked_unit

    lex = lexicon()
    lead = lex.pattern("base_year_lead")  # 跟2020年比, 较2020年: the base compared with, not the year asked
    years = {int(y) for y in asked_years(re.sub(f"(?:{lead})\\s*\\d{{4}}|\\d{{4}}\\s*\\S?\\s*(?:{lead})",
                                                " ", question))}
    kind = asked_kind(question)
    said = asked_unit(to_halfwidth(question))  # 几座: a figure counted in 家 counts other things
    stock = bool(lex.regex("ask_stock").search(question)) and not lex.regex("increase_statement").search(question)
    found = [f for t in texts for f in figures(NUMBER_LABEL_RE.sub(" ", t), plans)]  # 附件2, 表4-1: no figures
    if found and lex.regex("ask_quantity").search(question):
        written = set(QUANTITY_RE.findall(to_halfwidth(question)))
        found = [f for f in found if f.value not in written]
        if not found:
            return Missing("number", "")
    if found and measure:
        gap = near_measure(measure, found, passage, " ".join(texts))
        if gap:
            return Missing("measure", gap)
    # a follow-up naming a thing (那其中柴油多少) asks the year's figure of that thing: 其中柴油1.104万吨 of 2022年's
    # sentence, not 2024年销售成品油6.890万吨 beside it
    found = [f for f in found if any(names_measure([w], f.since) for w in own_words)] or found
    if not found or not (years or kind or stock):
        return None
    increase = lex.regex("increase_statement")
    status = lex.regex("status_statement")  # 已达763.8万辆 with no year: what stands, not a year's figure
    timely = [f for f in found if (not years or (f.years & years if f.years is not None else not status.search(f.whole)))
              and fits(kind, f.unit) and not other_thing(said, f.unit)
              and (not key or counts(key, f.whole))]
    if any(not (stock and increase.search(f.clause)) for f in timely):
        return None
    if timely:
        return Missing("level", "")
    return Missing("year", str(min(years))) if years else Missing("number", "")


def other_years(question: str, text: str, words: Sequence[str], plans: Sequence[PlanScope] = ()) -> list[int]:
    """The years a text states the figures of ``words`` for, when none is a year the question asks: 2022年…，其中
    柴油1.104万吨 is no answer to 2024年's diesel, whose total may be stated elsewhere in the passage. [] when the
    question asks no year, or a figure of the words is for an asked year or for no year of its own."""
    asked = {int(y) for y in asked_years(question)}
    found = [f for f in figures(text, plans) if any(w in f.whole for w in words)]
    if not asked or not found or any(f.years is None or f.years & asked for f in found):
        return []
    return sorted(set().union(*(f.years for f in found)))


def near_measure(measure: Sequence[str], found: Sequence[Figure], passage: str, quoted: str = "") -> str:
    """The word of the asked measure that the quoted figures are a near miss for, or "": a figure of a sibling
    measure (抽水蓄能、新型储能装机 for 光伏装机; 每千人口床位数 for 每千人口药师数): every other word of the measure
    named as what a figure is of, this one written in the passage but named by none of the figures' sentences (not
    even by a two-character piece of it). A measure of one word is not judged: a sentence leaves its subject to its
    heading (国道、省道沿线每百公里双向不超过6对 under 加油站间距要求) or names it in words of its own (社会应急力量
    for 救援队伍); nor a word the quote's headings write (加油站 of 第四章 成品油零售加油站布局规划 › 间距要求, whose
    items say 国道、省道沿线…不超过6对), nor one the quote itself writes (the plan's words on it, a figure or none:
    …二氧化碳排放保持国内超大城市领先水平 for 碳排放强度的降幅). ``passage``: the passage's text, then NUL and the quote's
    headings; ``quoted``: what the answer quotes."""
    passage, _, heads = passage.partition("\0")
    for w in measure:
        others = [v for v in measure if v != w]
        if others and present(w, passage) and not present(w, heads) and not present(w, quoted) \
                and not any(names_measure([w], f.sentence) for f in found) \
                and any(all(present(v, f.since) for v in others) for f in found):
            return w
    return ""


def names_measure(measure: Sequence[str], text: str) -> bool:
    """Whether the text a figure is of names each word of the asked measure: as written, by a synonym, or by a
    two-character piece of it (充电设施 for 充电桩; not 抽水蓄能、新型储能装机 for 光伏, nor 每千人口床位数 for 药师)."""
    return all(present(w, text) or any(w[i:i + 2] in text for i in range(len(w) - 1)) for w in measure)


def past_heading(headings: Iterable[str], plans: Sequence[PlanScope] = ()) -> bool:
    """Whether a quote's headings put it in a section stating where things stand: a heading with a
    ``past_section`` word (一、发展现状 / 发展基础) or naming only years before the cited plan's period (第一章
    “十三五”期间…发展情况 in a 2021—2025 plan)."""
    past = lexicon().regex("past_section")
    starts = [p.period[0] for p in plans if p.period]
    for h in headings:
        if past.search(h):
            return True
        years = years_covered(h)
        if years and starts and max(years) < min(starts):
            return True
    return False


def years_covered(text: str, plans: Sequence[PlanScope] = ()) -> set[int]:
    """Years a text speaks of: written out (2025年, ２０２５年, 二〇二五年), inside a written span (2026—2030年) or a
    period word (十五五期间). A year inside a 《title》 names a document (落实《2030年前碳达峰行动方案》), it
    speaks of no year."""
    text = normalise_years(to_halfwidth(blank_titles(text)), typed=False)
    years = {int(m.group(1)) for m in YEAR_RE.finditer(text)}
    for m in YEAR_SPAN_RE.finditer(text):
        years |= set(range(int(m.group(1)), int(m.group(2)) + 1))
    words = period_words(text, plans)
    years |= {int(y) for y in words.years}
    if words.period:
        years |= set(range(words.period[0], words.period[1] + 1))
    return years


def absent_years(asked: Iterable[str], texts: Iterable[str], plans: Sequence[PlanScope] = (),
                 past: bool = False) -> list[str]:
    """Years written in the question that the quoted text does not speak of. A cited plan's last year counts as
    spoken of when the text names no year of the plan's period (a table's 本次规划 column beside 2020年现状 is
    the target year), not when it names another one (2024年… does not answer for 2025), nor when the text sits
    in a section stating where things stand (``past``: 发展现状's ……用户数达到4.6亿 is no 2025 figure). Such a
    section's text that names no year at all states where things stood when the plan was made: the year before
    its period (……用户数达到4.6亿 answers 2020 in a 2021—2025 plan)."""
    covered = years_covered(" ".join(texts), plans)
    named = bool(covered)
    for p in plans:
        if p.period and not past and not any(p.period[0] <= y <= p.period[1] for y in covered):
            covered.add(p.period[1])
        elif p.period and past and not named:
            covered.add(p.period[0] - 1)
    return [y for y in dict.fromkeys(asked) if int(y) not in covered]


def asked_amount_unit(question: str) -> str | None:
    """The unit of an amount asked outright: 万亿元 in 多少万亿元, 万辆 in 多少万辆 (a magnitude before a counting
    word), 亿 in 总投资多少亿 (a magnitude closing the question); not 千米 or 百分点, units of their own (lexicon
    roles ask_quantity, amount_magnitude, amount_unit, count_unit)."""
    lex = lexicon()
    mag = lex.pattern("amount_magnitude")
    m = re.search(f"(?:{lex.pattern('ask_quantity')})\\s*((?:{mag})*(?:{lex.pattern('amount_unit')})"
                  f"|(?:{mag})+(?:{lex.pattern('count_unit')})|(?:{mag})+(?![\u4e00-\u9fff]))", question)
    return m.group(1) if m else None


def asked_count_unit(question: str) -> str | None:
    """The counting word of a count asked outright when it counts one kind of thing (多少辆, 几座, 几所): a
    ``count_unit`` that is no ``generic`` word (个, 家, 项 count anything and are answered in other words)."""
    m = _COUNT_ASK_RE.search(to_halfwidth(question))
    return m.group(1) if m else None


def asked_table_unit(question: str) -> str | None:
    """The word an amount is asked in that a table answering it writes somewhere (in a header, a unit column or a
    note): a counting word of one kind of thing (``asked_count_unit``: 处 of 几处, 座 of 多少座), else the unit after
    a magnitude (吨 of 多少万吨, 元 of 多少亿元)."""
    q = to_halfwidth(question)
    m = _COUNT_ASK_RE.search(q) or _MAGNITUDE_ASK_RE.search(q)
    return m.group(1) if m else None


def counts_in(unit: str, texts: Iterable[str]) -> bool:
    """Whether a text counts with ``unit``: a figure before it (600辆, 十一座, 3.5万辆) or a heading naming it ((座))."""
    lex = lexicon()
    figure = rf"[\d一二两三四五六七八九十百千万]\s*(?:{lex.pattern('amount_magnitude')})*\s*{re.escape(unit)}"
    header = rf"[（(]\s*{re.escape(unit)}\s*[)）]"
    return any(re.search(figure, t) or re.search(header, t) for t in texts)


def _count_ask_re() -> re.Pattern[str]:
    lex = lexicon()
    units = sorted(set(lex.words("count_unit")) - set(lex.words("generic")), key=len, reverse=True)
    return re.compile(f"(?:{lex.pattern('ask_quantity')})\\s*({'|'.join(map(re.escape, units))})")


_COUNT_ASK_RE = _count_ask_re()
_MAGNITUDE_ASK_RE = re.compile(rf"(?:{lexicon().pattern('ask_quantity')})\s*(?:{lexicon().pattern('amount_magnitude')})+"
                               r"([^\W\d_])")  # 多少万吨: the unit after the magnitude


def magnitude(unit: str) -> str:
    """万亿 of 万亿元: what a number must be followed by for the amount to be of the asked size (1.2万亿 answers
    多少万亿元); the unit itself when it has no magnitude (元, %)."""
    m = re.match(f"(?:{lexicon().pattern('amount_magnitude')})+", unit)
    return m.group(0) if m else unit


def absent_codes(terms: Iterable[str], texts: Iterable[str]) -> list[str]:
    """Key terms written with Latin letters or digits (5G, GDP) that the quoted text does not contain."""
    text = " ".join(texts)
    folded = text.casefold()
    return [t for t in terms if _CODE_RE.search(t) and not YEAR_RE.fullmatch(t)
            and t.casefold() not in folded and not present(t, text) and not abbreviates(t, text)]


_ENDS_HERE_RE = re.compile(r"[”’」』）)\s]*(?:[。！？；\n]|$)")  # nothing follows but the sentence's end


def listed_thing(question: str, terms: list[str]) -> str | None:
    """What a list question asks the members of: the term right after its list word (哪些高校 -> 高校), else
    the last one before it (保障措施具体有哪些 -> 保障措施); lexicon role ``list``."""
    return term_by(question, terms, lexicon().regex("list").search(question), 2)


def only_named(term: str, quote: str, heading: str) -> bool:
    """Whether a quote names ``term`` only as the last item of an enumeration that ends its sentence
    (……提出建设的目标、原则和保障措施。; lexicon role ``conjunction``) under a heading that does not name it:
    it says the thing is among others, not what it holds. A lead sentence (实施“五大行动”。) is not such an item."""
    joins = lexicon().regex("conjunction")
    spans = [m.span() for m in re.finditer(re.escape(term), quote)]
    return bool(spans) and term not in heading and all(
        _ENDS_HERE_RE.match(quote, end) and joins.search(quote[max(start - 2, 0):start]) for start, end in spans)


def names_kind(kind: str, text: str) -> bool:
    """Whether a text names a place of the kind a list asks for (哪几个乡镇): a word ending in one of the kind's
    characters (石咀镇, 白霓乡); the kind word itself (乡镇同步推进) names none."""
    rest = text.replace(kind, " ")
    return bool(re.search(rf"[^\W\d_][{re.escape(kind)}]", rest))


def missing_in(question: str, terms: Iterable[str], answer: Answer, plans: Sequence[PlanScope] = (),
               listed: str | None = None, places: str | None = None, key: str = "",
               number: re.Pattern[str] | None = None, per_year: str = "", bind: bool = True,
               counted: str = "", duty: bool = False, measure: Sequence[str] = (),
               followup: str = "") -> Missing | None:
    """What the question names exactly that no single quoted unit of the answer holds together (the asked year
    and the asked measure in one sentence or row, not one in each), as the first unit's failed check. None for a
    refusal, an answer without citations, or one that passes. ``plans``: the scopes of the plans it may cite;
    ``listed``: for a question asking what a thing holds (哪些), that thing, which a quote must not merely name;
    ``places``: for a question asking which places of a kind (哪几个乡镇; lexicon role place_kind), that kind, of
    which a quote must name one (石咀镇); ``key``: for a question asking an amount, the measure a quote must
    name (充电站 is not answered by a row of 加油站); ``number``: for a question asking a figure, the asked
    answer's shape, of which a quote must hold one; ``duty``: the question asks who is responsible, which a quote
    must say (``names_duty``)."""
    if answer.refused or not answer.citations:
        return None
    terms = list(terms)
    first = None
    for c, texts in quoted_units(answer):
        own = [p for p in plans if p.doc_id == c.doc_id]
        gap = failed_check(question, terms, texts, c.text, c.highlight or "", own, past_heading(c.heading_path, own),
                           key, number, per_year, texts[:-1], bind, counted, measure, followup)
        if gap is None and listed and only_named(listed, c.highlight or c.text, " ".join(c.heading_path)):
            gap = Missing("list", listed)
        if gap is None and places and not names_kind(places, " ".join([*texts, c.text])):
            gap = Missing("items", places)
        if gap is None and duty and not names_duty(" ".join([*texts[:-1], *around(c.text, c.highlight or "")])):
            gap = Missing("duty", "")
        if gap is None:
            return None
        first = first or gap
    return first


def names_duty(text: str) -> bool:
    """Whether a text (not its headings) says who does something: a body (市城市管理局, 县人民政府, 领导小组; lexicon
    role duty_body), another kind of agent (重庆海关, 国网公司; role duty_agent) or a word of responsibility (负责,
    牵头, 责任单位; roles duty_word, duty_note). A project's line naming none (鹤鸣湖生态修复工程：实施湖体清淤…) does
    not say who is responsible; nor do words holding a body's last character that name none (供应链总部, 部际协调机制,
    空间布局; role not_body)."""
    text = _NOT_BODY_RE.sub(" ", text)
    return bool(_DUTY_NAME_RE.search(text) or _DUTY_WORD_RE.search(text))


# a body or agent named (市城市管理局, 重庆海关: a word ending in one), or a word of responsibility (负责, 责任单位)
_DUTY_NAME_RE = re.compile(rf"[^\W\d_](?:{lexicon().pattern('duty_body')}|{lexicon().pattern('duty_agent')})")
_DUTY_WORD_RE = re.compile(rf"(?:{lexicon().pattern('duty_word')})|(?:{lexicon().pattern('duty_note')})")
_NOT_BODY_RE = lexicon().regex("not_body")


ITEM_KINDS = ("list", "section", "box", "table_rows")  # handlers answering with items: their count is the figure
# answers made of parts, each decided on its own; year_parts: one measure's years asked apart (2020年和2025年各多少),
# each part held to its own year, so no one quote need hold every year asked
PART_KINDS = ("multi_part", "year_parts")


def known_codes(terms: Iterable[str], in_corpus) -> list[str]:
    """The terms, less the codes neither a plan writes (``in_corpus``) nor the lexicon names another way: an
    abbreviation of the asker's own (CBD for 中央商务区) cannot tell a plan that lacks it from one that words it
    otherwise, so only codes the plans use are checked."""
    return [t for t in terms if not _CODE_RE.search(t) or in_corpus(t) or synonyms(t)]


def missing(ctx: Context, answer: Answer, kind: str = "") -> Missing | None:
    """``kind``: the handler that made the answer; one saying the plan gives no figure for the asked year
    (``year_aim``), or a table's note saying where a thing its rows leave out is counted (``table_note``), is not
    held to quote a figure."""
    if answer.refused or not answer.citations:
        return None
    cited = {c.doc_id for c in answer.citations}
    plans = [p for p in ctx.plans if p.doc_id in cited]
    q = ctx.question
    listed = listed_thing(q.resolved, list(ctx.terms)) if q.intent == "list" else None
    places = asked_place_kind(q.resolved, list(ctx.terms), q.intent)
    unseen = ctx.retriever.idf("\0")
    terms = known_codes(ctx.terms, lambda t: ctx.retriever.idf(t) < unseen)
    shape = answer_shape(q.resolved) if q.intent == "indicator" and kind not in ("year_aim", "table_note") else None
    key = measure_key(ctx) if shape is not None else ""
    per_year = per_year_asked(q)
    counted = counted_noun(q.resolved, list(ctx.terms), lambda t: noun_like(t, ctx.tokenizer), run=True) \
        if shape is not None else ""
    # the figures of a multi-part answer were bound to their own part's year, kind and measure when it was asked
    bind = kind not in ITEM_KINDS and kind not in PART_KINDS
    # who is responsible, asked in this very question (not in the one a follow-up builds on: 那是哪天印发的 after
    # 哪个部门印发的); the duty handler's answers quote a responsibility note or roster by construction, and a
    # multi-part answer's parts were each held to it when decided (the part asking 哪个部门出的, not the figure's)
    duty = kind != "duty" and kind not in PART_KINDS and asks_duty(q.text if q.is_followup else q.resolved)
    asked = WRITTEN_YEAR_RE.sub(" ", q.resolved) if kind == "year_parts" else q.resolved
    gap = unheld_label(ctx, answer)
    measure = measure_terms(ctx) if shape is not None else ()
    gap = gap or missing_in(asked, terms, answer, plans, listed, places, key, shape, per_year, bind, counted, duty,
                            measure, q.text if q.is_followup else "")  # a follow-up's own words bind its figure
    if gap is None and shape is not None:
        wholes = [w for p in plans for w in p.wholes if w in q.resolved]
        parts = [part_named(c.highlight or c.text, terms, wholes, q.resolved, ctx.tokenizer) for c in answer.citations]
        gap = Missing("whole", parts[0]) if parts and all(parts) else None  # a citation stating the whole answers
    return gap


def unheld_label(ctx: Context, answer: Answer) -> Missing | None:
    """A 专栏 or 表 the question names by number that the plan writes but that heads nothing (an image left with its
    caption) holds no content to answer from: an answer quoting another chapter's list, or the caption line alone,
    does not say what it holds. Where it is (intent location) the caption does say."""
    where = ctx.question.intent == "location"
    for label in unheld_labels(ctx.question.resolved, ctx.docs, ctx.scope):
        if not any(holds_label(label, c, where) for c in answer.citations):
            return Missing("label", label)
    return None


def holds_label(label: str, c: Citation, where: bool = False) -> bool:
    """Whether a citation is of what the label heads (its heading writes it), or quotes the label with more than
    the line writing it (a caption's items run on as text); ``where``: any quote writing it."""
    if label in labels_in(" ".join(c.heading_path)):
        return True
    lines = (c.highlight or c.text).splitlines()
    if not any(label in labels_in(t) for t in lines):
        return False
    return where or any(label not in labels_in(t) and re.search(r"[^\W\d_]", t) for t in lines)


_CLAUSE_MARKS = "，。；：,;:（("


def part_named(quote: str, terms: Sequence[str], wholes: Sequence[str], question: str, tokenizer) -> str:
    """For a figure asked of a plan's whole (全国煤炭消费占比: a whole-area word the plan's level gives it), the part
    the quoted figure is of instead: the noun opening the clause before the first key term it names (公共机构 of
    到2025年底，公共机构煤炭消费占比降至13%以下), which the question does not write. "" when the question names no
    whole, or the clause names the whole (我国, 全国), nothing besides its year, or no noun phrase (按照单站年均).
    The answer is held to it only when every citation quotes a part."""
    if not wholes:
        return ""
    at = min((quote.find(t) for t in terms if t not in wholes and t in quote), default=-1)
    if at <= 0:
        return ""
    lead = YEAR_PHRASE_RE.sub("", quote[max(quote.rfind(c, 0, at) for c in _CLAUSE_MARKS) + 1:at]).strip()
    lex = lexicon()
    if len(lead) < 2 or lead in question or lex.regex("whole_area").search(lead) or lex.regex("whole_self").search(lead):
        return ""
    tags = [flag for _, flag in tokenizer.tag(lead)]
    # 公共机构: opens with a noun or attribute and closes with a noun; not 按照单站年均 (a way of counting) nor 公共
    # alone (公共充电桩: a kind of the thing asked, not a part of the whole)
    named = tags[0][:1] in _NAME_TAGS and tags[-1][:1] in ("n", "j")
    return lead if named and all(lead[i:i + 2] not in question for i in range(len(lead) - 1)) else ""


_NAME_TAGS = frozenset({"n", "b", "j"})  # jieba tags opening and closing a noun phrase naming a part (公共 + 机构)


def per_year_asked(q) -> str:
    """The per-year word (每年, 按年) a follow-up asks an amount by ("那每年的培育数呢" after "…到2023年新增多少家"):
    the figure it asks is a yearly one, not the total just given. "" for any other question: a first question's
    每年 is often answered by a plan's 年新增… or 年实际… wording."""
    if not q.is_followup or lexicon().regex("cumulative").search(q.text) or kind_claim(q.text) is not None:
        return ""  # 是五年加起来的还是每年的, 每年都要新增这么多: which kind the figure just given is, not a yearly figure asked
    m = lexicon().regex("per_year").search(q.text)
    return m.group(0) if m else ""


def asked_place_kind(question: str, terms: list[str], intent: str) -> str | None:
    """The kind of place a question asks which one(s) of (哪几个乡镇, 分别在哪个乡镇; lexicon roles place_kind,
    ask_which): a list's or comparison's listed thing (分别 reads as comparing), or the term a 哪个 governs."""
    lex = lexicon()
    kind = listed_thing(question, terms) if intent in ("list", "comparison") else None
    kind = kind or term_by(question, terms, lex.regex("ask_which").search(question), 2)
    return kind if kind in lex.words("place_kind") else None


def measure_key(ctx: Context) -> str:
    """What a number question counts, which a table row answering it must name: the noun right after its
    多少 / 几 and counting word (多少座充电站 -> 充电站); none when no noun follows (多少座左右, 几座站)."""
    return counted_noun(ctx.question.resolved, list(ctx.terms), lambda t: noun_like(t, ctx.tokenizer))


_MEASURE_TAGS = ("n", "j", "x", "eng")  # jieba tags of a word naming a measure (not ns, a place; not v, vn, m)


def measure_terms(ctx: Context) -> tuple[str, ...]:
    """The key terms naming what a number question asks a figure of (光伏、装机 of 2025年全国新增光伏装机多少千瓦):
    those in the phrase an ask word (多少, 几; lexicon role ask_quantity) ends or opens, that are nouns by their tags,
    not a place (渝中区, 全国: lexicon role whole_area), not the unit asked (千瓦) nor a word any question may use
    (目标, 数量, 指标: lexicon roles generic, topic_generic, figure_word), nor one no plan writes."""
    from .quantity import several_values

    q, lex = ctx.question, lexicon()
    text = to_halfwidth(q.resolved)
    if several_values(text):
        return ()  # 几个指标分别是多少: each of several figures, no one measure
    phrases = [p for m in lex.regex("ask_quantity").finditer(text) for p in _ask_phrases(text, m)]
    return tuple(t for t in ctx.terms if any(t in p for p in phrases) and _may_name_measure(t, text, ctx, q))


_ANY_QUESTION_WORDS = frozenset(lexicon().words("generic")) | frozenset(lexicon().words("topic_generic")) \
    | frozenset(lexicon().words("figure_word"))  # 目标, 数量, 指标: words any question may use
_UNIT_AFTER_ASK_RE = re.compile(f"(?:{lexicon().pattern('ask_quantity')})\\s*(?:{lexicon().pattern('amount_magnitude')})*$")


def _may_name_measure(t: str, text: str, ctx: Context, q) -> bool:
    """Whether a key term of the question may name the measure asked (``measure_terms``)."""
    places = [p.text for p in q.local_places] + list(q.foreign_places)
    own = [n for p in ctx.plans for a in p.areas for n in a.names]  # 深圳 of a 深圳 plan: where, not what
    if len(t) < 2 or t in _ANY_QUESTION_WORDS or any(t in p or p in t for p in [*places, *own]) \
            or lexicon().regex("whole_area").fullmatch(t):
        return False
    if any(_UNIT_AFTER_ASK_RE.search(text[:m.start()]) for m in re.finditer(re.escape(t), text)):
        return False  # the unit asked (多少千瓦)
    unseen = ctx.retriever.idf("\0")
    if not any(isinstance(f, str) and ctx.retriever.idf(f) < unseen for f in forms(t)):
        return False  # a word no plan writes (门槛, 金额): the asker's, which a plan states in words of its own
    return all(flag.startswith(_MEASURE_TAGS) and flag != "ns" for _, flag in ctx.tokenizer.tag(t))


def _ask_phrases(text: str, m: re.Match[str]) -> list[str]:
    """The words an ask word closes (its clause before it) and opens (after it, to the next bound)."""
    from .tables import ask_bounds

    bounds = ask_bounds()
    return [re.split(bounds, text[:m.start()])[-1], re.split(bounds, text[m.end():], maxsplit=1)[0]]


def counted_noun(question: str, terms: list[str], is_noun=lambda t: True, run: bool = False) -> str:
    """The key term that starts right after an amount asked with a counting word (几座, 多少万辆; lexicon roles
    ask_quantity, amount_magnitude, count_unit) and ``is_noun``; "" for none. ``run``: the key terms written one
    after another from there, joined, when one of them ``is_noun`` (充换 + 电站 count 充换电站); a run followed by
    的 (lexicon role ``of``) qualifies the thing counted, the run after it (几家营收过十亿的企业 counts 企业)."""
    lex = lexicon()
    terms = [t for t in terms if len(t) >= 2]  # 床 of 几张床: one character names no measure a clause must write
    cue = re.compile(f"(?:{lex.pattern('ask_quantity')})\\s*(?:{lex.pattern('amount_magnitude')})*"
                     f"(?:{lex.pattern('count_unit')})")
    of_word = lex.regex("of")  # 的: the run before it is a modifier, the thing counted follows
    for m in cue.finditer(question):
        if values_asked(question, m.start()):
            continue  # 几个指标分别是多少: which things, each of whose values is asked; no count of them
        if not run:
            for t in terms:
                if question.startswith(t, m.end()) and is_noun(t):
                    return t
            continue
        found, at = [], m.end()
        while True:
            while (t := next((t for t in terms if t and question.startswith(t, at)), None)) is not None:
                found.append(t)
                at += len(t)
            of = of_word.match(question, at) if found else None
            if of is None:
                break
            found, at = [], of.end()  # 几家营收过十亿的企业: what precedes 的 qualifies the thing counted, 企业
        if any(is_noun(t) for t in found):
            return "".join(found)
    return ""


def answerability(ctx: Context, answer: Answer) -> float:
    """0..1: the weighted share of the question's key terms that the best passage covers, the passages being
    those the answer cites or, for a refusal, the closest ones it shows, weighed as the retrieval-only answer's
    decision weighs them (``TermWeights.said``). 0 for a place no plan covers."""
    q = ctx.question
    if q.foreign_places and not q.docs:
        return 0.0
    passages = answer.citations or answer.related
    if not passages:
        return 0.0
    if answer.citations and asked_fact(q.resolved):
        return 1.0  # a plan's own fact quoted from the line stating it: the asking words (文号, 哪一年) are in no line
    weight = getattr(ctx.weight, "said", ctx.weight)  # a word no plan writes weighs little (TermWeights.said)
    return round(max(term_coverage(list(ctx.terms), passage_text(c), weight) for c in passages), 4)


def withdraw(answer: Answer, message: str, score: float, reason: str) -> Answer:
    """A refusal in place of ``answer`` that shows what it cited as the closest passages; ``reason``: its code."""
    related = tuple(replace(c, n=i) for i, c in enumerate(answer.citations, 1))
    return replace(answer, answer=message, refused=True, citations=(), indicators=(), related=related, score=score,
                   reason=reason)


def decide(ctx: Context, answer: Answer, threshold: float = REFUSE_BELOW, kind: str = "") -> Answer:
    """The answer with its score; an answer failing an explicit check, or scoring under the threshold, becomes a
    refusal that still shows the closest passages. ``kind``: the handler that made it (``missing``)."""
    score = answerability(ctx, answer)
    gap = missing(ctx, answer, kind)
    if gap is not None:
        return withdraw(answer, gap.message(ctx.question.text), score, gap.reason)
    if answer.refused or score >= threshold:
        return replace(answer, score=score)
    return withdraw(answer, REFUSAL, score, LOW_SCORE)
