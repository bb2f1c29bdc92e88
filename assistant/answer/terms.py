"""Key terms of a question and how much of them a text covers (literally, by synonym, by abbreviation or
by character bigrams); which noun a number question measures. Pure."""

from __future__ import annotations

import re

from assistant.text.patterns import YEAR_ONLY_RE, YEAR_RE

from .lexicon import lexicon
from .synonyms import abbreviates, present, synonyms
from .understand import QUESTION_WORDS, Question, alias_table, find_docs

LEX = lexicon()
GENERIC = frozenset(LEX.words("generic"))  # words every question uses: never a key term
_COUNT_WORD_RE = LEX.regex("count_word")  # 几个, 第几, 一部分: counting, not content
# generic phrases of three or more characters (总目标, 一句话, 怎么说), taken out before segmenting: jieba would
# otherwise glue their ends to the words beside them (的总 + 目标, 一句 + 话) and leave fragments as key terms
_GENERIC_PHRASE_RE = re.compile("|".join(re.escape(w) for w in sorted(GENERIC, key=len, reverse=True) if len(w) >= 3))
_VERB_LEAD_RE = LEX.regex("verb_lead")  # 要建, 能办: the asker's verb, unless a noun (能耗, 要素)


def question_aliases(q: Question, metas) -> list[tuple[str, str]]:
    """The plans' aliases and the names the asker gave plans in this question, longest first."""
    return sorted({*alias_table(metas), *q.named_as}, key=lambda p: (-len(p[0]), p[0]))


def key_terms(q: Question, tokenizer, metas, idf=None, n_chunks: int = 0) -> list[str]:
    """The words that carry the question's meaning: quoted phrases, content words, and runs of single
    characters jieba left apart (在 + 孵) when they are a rare phrase of the corpus."""
    _, masked = find_docs(q.resolved, question_aliases(q, metas))
    out = [m for m in re.findall(r"[“\"「『]([^”\"」』]{2,20})[”\"」』]", masked)]
    masked = QUESTION_WORDS.sub(" ", masked.replace("＿", " "))
    masked = _GENERIC_PHRASE_RE.sub(" ", YEAR_RE.sub(" ", masked))
    words = tokenizer.words(masked)
    if idf is not None and n_chunks:
        words = [p for w in words for p in _resegment(w, masked, tokenizer, idf, n_chunks)
                 if not glued(p, tokenizer, idf)]
    for w in words:
        if len(w) >= 2 and w not in GENERIC and not YEAR_ONLY_RE.fullmatch(w) and not _COUNT_WORD_RE.search(w) \
                and not (_VERB_LEAD_RE.search(w) and not noun_like(w, tokenizer)):
            out.append(w)
    if idf is not None and n_chunks:
        import math

        rare = math.log((n_chunks + 1) / (0.03 * n_chunks + 0.5))
        unseen = math.log((n_chunks + 1) / 0.5)
        run = ""
        for w in [*tokenizer.raw_words(masked), " "]:
            if len(w) == 1 and "\u4e00" <= w <= "\u9fff":
                run += w
                continue
            run = run.rstrip("".join(_GRAM_STOP))  # a phrase does not end on 有 or 的 (轨道线有: 线 + 有)
            if len(run) >= 2 and run not in GENERIC and rare <= idf(run) < unseen:
                out.append(run)
            run = ""
    return [t for t in dict.fromkeys(out) if not any(t != o and t in o and len(o) > len(t) + 1 for o in out)
            or t in out[:1]]


_CJK_RE = re.compile(r"[\u4e00-\u9fff]+")
_GRAM_STOP = frozenset(LEX.words("gram_stop"))  # 的, 和, 有: function characters


def glued(w: str, tokenizer, idf) -> bool:
    """A word jieba's HMM made up from a character and the function character after it (轨道线有 -> 线有) that no
    plan writes and no dictionary holds: no key term (the asker's own Latin words are left alone)."""
    return bool(_CJK_RE.fullmatch(w)) and len(w) > 1 and w[-1] in _GRAM_STOP and not tokenizer.known(w) \
        and idf(w) >= idf("\0")


def _resegment(w: str, text: str, tokenizer, idf, n_chunks: int) -> list[str]:
    """A word jieba glued across a boundary (最多奖 from 最多奖补) that no plan contains: the corpus word that
    reaches past it into the question (奖补) and what is left of it (最多), when that rest is a phrase of the
    corpus too. A word found nowhere that does not split so (氢能 beside 能源 leaves 氢) stays: the plans may
    simply not have it."""
    import math

    found = math.log((n_chunks + 1) / 0.5)  # the weight of a word no chunk contains
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
        if t in text:
            got += w
        elif present(t, text):
            got += 0.9 * w
        elif abbreviates(t, text):  # 服贸 for 服务贸易
            got += 0.7 * w
        else:
            grams = char_bigrams(t)
            got += w * 0.8 * sum(g in text for g in grams) / len(grams)
    return got / total if total else 1.0


_HOW_MUCH_RE = LEX.regex("how_much")


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


def measure_term(question: str, nouns: list[str]) -> str:
    """The noun a number question asks the amount of: the one governed by 几个/多少."""
    return term_by(question, nouns, _HOW_MUCH_RE.search(question), 4) or ""


def noun_like(term: str, tokenizer) -> bool:
    return any(flag.startswith("n") or flag in ("eng", "vn", "j") for _, flag in tokenizer.tag(term))


def askers_word(term: str, retriever, tokenizer) -> bool:
    """A word of the asker's own (聚到, 办完, 提速): found in no plan, with no synonym, and not a noun jieba knows,
    so not a thing the plans lack."""
    return retriever.idf(term) >= retriever.idf("\0") and not synonyms(term) and not noun_like(term, tokenizer)


def plain(text: str) -> str:
    return re.sub(r"[“”\"'‘’《》〈〉（）()、，,。：:；;！？?\s＿]", "", text)


def masked_question(q: Question, metas) -> str:
    """The question with plan names and foreign places blanked out: what is left names the measure."""
    _, masked = find_docs(q.resolved, question_aliases(q, metas))
    for p in q.foreign_places:
        masked = masked.replace(p, "＿" * len(p))
    return masked


def names_term(term: str, text: str) -> bool:
    """The text names the term: in its words, a synonym, or most of its characters (控制目标 -> 控制在)."""
    return present(term, text) or term_coverage([term], text) >= 0.5
