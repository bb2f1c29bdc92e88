"""Key terms of a question and how much of them a text covers (literally, by synonym, by abbreviation or
by character bigrams); which noun a number question measures. Pure."""

from __future__ import annotations

import re

from .synonyms import abbreviates, present, synonyms
from .understand import QUESTION_WORDS, Question, alias_table, find_docs

GENERIC = frozenset("规划 发展 建设 提出 主要 重点 内容 方面 工作 情况 要求 相关 具体 哪些 这个 什么 规定 包括 涉及 关于 "
                    "怎么 如何 部署 推进 加强 加快 打造 提升 实施 推动 十四五 期间 时期 全区 全市 我们 为了 文件 "
                    "说 讲 写 提到 介绍 一下 下 做 做好 有 多少 目标 年 章 节 部分 一章 一节 里 中 对 等 "
                    "两份 两个 两区 两地 区别 不同 差异 异同 分别 各自 对比 比较 相比 啥 有啥 各 各有 几条 几项 "
                    "远景 愿景 展望 表述 描述 怎么 怎样 提 内容 方面 哪里 哪儿 位置 哪一 出现 放在 那部分 第几 "
                    "现在 目前 当前 现状 公里 千米 亿元 万元 亿美元 美元 平方公里 个 家 人 次 项 多少家 多少个 "
                    "发展目标 总体目标 主要目标 远景目标 目标值 规划目标 两个区 两区 举措 措施 做法 安排 打算 "
                    "怎么做 怎么说 具体内容 说法 提法 准备 做些 做些什么 要做 干 搞 采取 思路 发展思路 考虑 方向 重点 "
                    "有何 哪方面 如何 怎样 量化 达到 完成 定的 中间 节点 状态 总体 总体上 达成 总目标 侧重点 侧重 抓手 招牌 一句话 概括 措辞 水平 样子 程度 还是 数量 数目 之前 以前 之后 以后 那些 这些 这块 这一块 这方面 那块 这边 做到 弄 定了 就是 那栏 这栏 一栏 栏".split())


_COUNT_WORD_RE = re.compile(r"^[几多少哪一二三四五六七八九十两\d]+[个项条家章节类种方面]*$|^第几|^(要|能|会|讲|的|是)|^一?部分$")


def key_terms(q: Question, tokenizer, metas, idf=None, n_chunks: int = 0) -> list[str]:
    """The words that carry the question's meaning: quoted phrases, content words, and runs of single
    characters jieba left apart (在 + 孵) when they are a rare phrase of the corpus."""
    _, masked = find_docs(q.resolved, alias_table(metas))
    out = [m for m in re.findall(r"[“\"「『]([^”\"」』]{2,20})[”\"」』]", masked)]
    masked = QUESTION_WORDS.sub(" ", masked.replace("＿", " "))
    masked = re.sub(r"(?:19|20)\d\d\s*年?", " ", masked)
    for w in tokenizer.words(masked):
        if len(w) >= 2 and w not in GENERIC and not re.fullmatch(r"[\d.%年]+", w) and not _COUNT_WORD_RE.search(w):
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
            if len(run) >= 2 and run not in GENERIC and rare <= idf(run) < unseen:
                out.append(run)
            run = ""
    return [t for t in dict.fromkeys(out) if not any(t != o and t in o and len(o) > len(t) + 1 for o in out)
            or t in out[:1]]


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


QUANTITY_RE = re.compile(r"(?<![A-Za-z\d.])\d+(?:\.\d+)?(?![A-Z\d.])(?!\s*年)")  # 577.9km, not 5G, C3 or 2025年


_HOW_MUCH_RE = re.compile(r"多少|几[个家项次人所条座倍成]|多大|多高|多长|多远|多快")


def measure_term(question: str, nouns: list[str]) -> str:
    """The noun a number question asks the amount of: the one right after 几个/多少 (培育几个品牌 -> 品牌), else
    the last one before it (总投资是多少 -> 投资)."""
    m = _HOW_MUCH_RE.search(question)
    if not m:
        return ""
    after = [(question.find(t, m.end()), t) for t in nouns]
    after = [(i, t) for i, t in after if 0 <= i <= m.end() + 4]
    if after:
        return min(after)[1]
    before = [(question.rfind(t, 0, m.start()), t) for t in nouns]
    before = [(i, t) for i, t in before if i >= 0]
    return max(before)[1] if before else ""


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
    _, masked = find_docs(q.resolved, alias_table(metas))
    for p in q.foreign_places:
        masked = masked.replace(p, "＿" * len(p))
    return masked
