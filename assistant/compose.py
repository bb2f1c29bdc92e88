"""Question + retrieval + structured records -> Answer with numbered citations, or an honest refusal.

Order of attempts: a place no plan covers -> refuse; indicator rows (exact table values); goals in running
text; 专栏 projects and boxes; where-is-it; comparisons per plan; otherwise extractive sentences from the
best passages. Refusal comes from understanding (absent place, year, column, indicator, key terms), not
from a score cut-off.
"""

from __future__ import annotations

import functools
import logging
import re

from .chunk import indicator_source_text
from .enumerations import ListAsk, enumeration_score, list_ask, sentences
from .guard import unsupported_numbers
from .indicators import best_per_doc, match_rows
from .structured import (
    Evidence,
    Part,
    box_list_part,
    comparison_table,
    doc_name,
    escape_md,
    goal_part,
    goal_score,
    indicator_part,
    project_matches,
    project_part,
)
from .synonyms import abbreviates, present, synonyms, variants
from .types import Answer, Citation, Document, Hit
from .understand import _PRONOUN_RE, QUESTION_WORDS, Question, alias_table, find_docs, understand

log = logging.getLogger(__name__)

MAX_BODY = 300
MAX_CITES_PER_DOC = 3
GENERIC = frozenset("规划 发展 建设 提出 主要 重点 内容 方面 工作 情况 要求 相关 具体 哪些 这个 什么 规定 包括 涉及 关于 "
                    "怎么 如何 部署 推进 加强 加快 打造 提升 实施 推动 十四五 期间 时期 全区 全市 我们 为了 文件 "
                    "说 讲 写 提到 介绍 一下 下 做 做好 有 多少 目标 年 章 节 部分 一章 一节 里 中 对 等 "
                    "两份 两个 两区 两地 区别 不同 差异 异同 分别 各自 对比 比较 相比 啥 有啥 各 各有 几条 几项 "
                    "远景 愿景 展望 表述 描述 怎么 怎样 提 内容 方面 哪里 哪儿 位置 哪一 出现 放在 那部分 第几 "
                    "现在 目前 当前 现状 公里 千米 亿元 万元 亿美元 美元 平方公里 个 家 人 次 项 多少家 多少个 "
                    "发展目标 总体目标 主要目标 远景目标 目标值 规划目标 两个区 两区 举措 措施 做法 安排 打算 "
                    "怎么做 怎么说 具体内容 说法 提法 准备 做些 做些什么 要做 干 搞 采取 思路 发展思路 考虑 方向 重点 "
                    "有何 哪方面 如何 怎样 达到 完成 定的 中间 节点 状态 总体 总体上 达成 总目标 侧重点 侧重 抓手 招牌 一句话 概括 措辞 水平 样子 程度 还是 数量 数目 之前 以前 之后 以后 那些 这些 这块 这一块 这方面 那块 这边 做到 弄 定了 就是 那栏 这栏 一栏 栏".split())
_SENT_RE = re.compile(r"[^。；！？\n]+[。；！？]?")
_BOX_NUM_RE = re.compile(r"专栏\s*(\d+(?:\s*[-－—]\s*\d+)?)")


# ------------------------------------------------------------------ helpers


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


def _bigrams(t: str) -> list[str]:
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
            grams = _bigrams(t)
            got += w * 0.8 * sum(g in text for g in grams) / len(grams)
    return got / total if total else 1.0


_FOCUS_OVER = 150  # a sentence longer than this is quoted around the clauses that hold the key terms
_CLAUSE_RE = re.compile(r"[^，；]+[，；]?")


def focus(sentence: str, terms: list[str], weight=None, budget: int = 80) -> str:
    """The verbatim stretch of a long sentence around its best clause: 471 characters of 指导思想 become
    "以提高城市国际化水平和产业国际竞争力为发展主线，" when 主线 is asked."""
    weight = weight or (lambda t: min(len(t), 4))
    clauses = _CLAUSE_RE.findall(sentence)
    if len(clauses) < 2 or not terms:
        return sentence
    scores = [sum(weight(t) for t in terms if t in c) for c in clauses]
    i = max(range(len(clauses)), key=lambda k: (scores[k], -k))
    if scores[i] == 0:
        return sentence
    lo = hi = i
    used = len(clauses[i])
    while True:  # grow towards the side whose clause holds more key terms, then the following side
        options = [k for k in (hi + 1, lo - 1) if 0 <= k < len(clauses) and used + len(clauses[k]) <= budget]
        if not options:
            break
        k = max(options, key=lambda k: (scores[k], k))
        used += len(clauses[k])
        lo, hi = min(lo, k), max(hi, k)
    return "".join(clauses[lo:hi + 1]).rstrip("，；")


def _hit_evidence(hit: Hit) -> Evidence:
    return Evidence(hit.chunk.doc_id, hit.chunk.heading_path, hit.chunk.text, hit.score)


def extractive(hits: list[Hit], terms: list[str], wants_number: bool, limit: int = MAX_BODY,
               max_sentences: int = 3, weight=None, depth: int = 10) -> Part:
    """The best sentences of the best passages, each with its citation. Table rows are left to the
    structured answers; a sentence scores by the (rarity-weighted) key terms it holds."""
    weight = weight or (lambda t: min(len(t), 4))
    total = sum(weight(t) for t in terms) or 1.0
    cands = []
    for hit in [h for h in hits if h.chunk.kind != "indicator"][:depth]:
        sents = _SENT_RE.findall(hit.chunk.text)
        for pos, s in enumerate(sents):
            s = s.strip()
            if len(s) < 6:
                continue
            if len(s) <= 24 and s.endswith("。") and pos + 1 < len(sents) and not sents[pos + 1].startswith("\n"):
                s = s + sents[pos + 1].strip()  # a lead sentence alone says little: keep what it introduces
            score = 4.0 * term_coverage(terms, s, weight) * (sum(weight(t) for t in terms if t in s) / total + 0.5) \
                + 1.0 / (hit.rank + 1)
            if wants_number and re.search(r"\d", s):
                score += 1.0
            cands.append((score, hit.rank, pos, s, hit))
    cands.sort(key=lambda c: (-c[0], c[1], c[2]))
    chosen, used = [], 0
    for c in cands:
        if len(chosen) >= max_sentences or (chosen and c[0] < 0.6 * chosen[0][0]):
            break
        if used + len(c[3]) > limit and chosen:
            continue
        if any(c[3] in x[3] or x[3] in c[3] for x in chosen):
            continue
        chosen.append(c)
        used += len(c[3])
    if wants_number and any(_QUANTITY_RE.search(c[3]) for c in chosen):  # a number is asked: lines that give one
        chosen = [c for c in chosen if _QUANTITY_RE.search(c[3])]
    chosen.sort(key=lambda c: (c[1], c[2]))
    part = Part()
    for c in chosen:
        quote = focus(c[3], terms, weight) if len(c[3]) > _FOCUS_OVER else c[3]
        text = quote if len(quote) <= limit else quote[:limit] + "……"
        if quote != c[3]:
            text = ("" if c[3].startswith(quote) else "……") + text + ("" if c[3].endswith(quote) else "……")
        ev = _hit_evidence(c[4])
        ev.highlight = quote
        part.lines.append(escape_md(text))
        part.evidence.append(ev)
    return part


def _related(hits: list[Hit], n: int = 3) -> list[Evidence]:
    return [_hit_evidence(h) for h in hits[:n]]


# ------------------------------------------------------------------ rendering


def render(question: Question, parts: list[Part], documents: dict[str, Document], refused: bool,
           related: list[Evidence] | None = None, intro: str | None = None, long_ok: bool = False) -> Answer:
    """Number the citations (one per distinct passage, at most 3 per plan), check numbers, build the Answer."""
    citations: list[Citation] = []
    keyed: dict[tuple[str, str], int] = {}
    per_doc: dict[str, int] = {}
    lines: list[str] = [intro] if intro else []
    rows = []
    for part in parts:
        rows.extend(part.rows)
        marks = []
        for ev in part.evidence:
            key = (ev.doc_id, ev.text)
            if key not in keyed:
                if per_doc.get(ev.doc_id, 0) >= MAX_CITES_PER_DOC:
                    continue
                per_doc[ev.doc_id] = per_doc.get(ev.doc_id, 0) + 1
                n = len(citations) + 1
                keyed[key] = n
                citations.append(Citation(n, ev.doc_id, documents[ev.doc_id].meta.title, ev.heading_path, ev.text,
                                          ev.score, ev.highlight))
            marks.append(keyed[key])
        if not part.lines:
            continue
        if len(part.lines) == len(part.evidence) and not part.rows:  # one sentence per passage
            lines.extend(f"{line} [{m}]" for line, m in zip(part.lines, marks, strict=False))
        elif part.lines[0].startswith("|"):  # a markdown table: markers go below it, not into its header
            table = [ln for ln in part.lines if ln.startswith("|")]
            rest = [ln for ln in part.lines if not ln.startswith("|")]
            lines.extend([*table, "", "来源 " + "".join(f"[{m}]" for m in dict.fromkeys(marks)), *rest])
        else:
            first = part.lines[0] + "".join(f" [{m}]" for m in dict.fromkeys(marks))
            lines.extend([first, *part.lines[1:]])
    body = "\n".join(lines).strip()
    # a cited passage is its text, where it sits (heading path) and its plan: the independent check agrees
    sources = [f"{c.text}\n{' '.join(c.heading_path)}\n{c.doc_title}" for c in citations]
    bad = unsupported_numbers(body, sources, question.text + " " + question.resolved)
    if bad:  # never state a number that is not in a cited source: drop the lines that carry one
        log.warning("number guard removed lines with %s", bad)
        kept = [ln for ln in body.split("\n") if not unsupported_numbers(ln, sources, question.resolved)]
        body = "\n".join(kept).strip()
    if not long_ok and len(body) > MAX_BODY and not body.startswith("|"):
        body = _shorten(body)
    rel = tuple(Citation(i, e.doc_id, documents[e.doc_id].meta.title, e.heading_path, e.text, e.score)
                for i, e in enumerate(related or [], 1))
    if not body:
        refused = True
        body = "所收录的规划中没有找到能回答这个问题的内容。"
    return Answer(question.text, body, refused, tuple(citations), tuple(rows), rel, question.intent,
                  question.docs)


def _shorten(body: str) -> str:
    out, used = [], 0
    for line in body.split("\n"):
        if used + len(line) > MAX_BODY and out:
            break
        out.append(line)
        used += len(line)
    return "\n".join(out)


def refuse(q: Question, documents: dict[str, Document], message: str, related: list[Evidence]) -> Answer:
    return render(q, [], documents, True, related, intro=message)


# ------------------------------------------------------------------ handlers


def _masked(q: Question, metas) -> str:
    """The question with plan names and foreign places blanked out: what is left names the measure."""
    _, masked = find_docs(q.resolved, alias_table(metas))
    for p in q.foreign_places:
        masked = masked.replace(p, "＿" * len(p))
    return masked


_PER_YEAR_RE = re.compile(r"每年|年均|年度|(?<![\d〇一二三四五六七八九十])年(?:新增|实际|引进|接待|增长|利用|完成)")


def _text_support(q: Question, row, hits: list[Hit]) -> Part | None:
    """A running-text sentence that states the same measure per year (年均/每年), when the question asks so."""
    if not re.search(r"每年|年均|平均每年|一年", q.resolved):
        return None
    from .indicators import core_name

    core = core_name(row.name)
    for h in hits:
        if h.chunk.doc_id != row.doc_id or h.chunk.kind == "indicator":
            continue
        for sent in _SENT_RE.findall(h.chunk.text):
            if core in sent and _PER_YEAR_RE.search(sent) and re.search(r"\d", sent):
                ev = _hit_evidence(h)
                ev.highlight = sent
                return Part(lines=[f"规划正文：{escape_md(sent.strip())}"], evidence=[ev])
    return None


_ASPECT_WORD_RE = re.compile(r"约束性|预期性|属性|指标|指标值|累计|累计数|目标|目标值|基数|数值|年均|增速|增长|还是")


def _rows_from_hits(hits, rows, scope, terms: list[str], weight=None) -> list:
    """An indicator named in other words (出口退税要压缩到几个工作日 -> 出口退税时间（工作日）): among the rows
    retrieval ranks in its top five, per plan the one whose name and unit hold the largest fair share of the
    key terms."""
    from .indicators import Match

    terms = [t for t in terms if not _ASPECT_WORD_RE.fullmatch(t)]  # 约束性, 指标: what is asked of the row
    if not terms:
        return []
    known = [t for t in terms if weight is None or weight(t) < weight("\0")] or terms  # colloquial words weigh nothing
    best: dict[str, Match] = {}
    for h in hits[:5]:
        if h.chunk.kind != "indicator" or h.chunk.doc_id not in scope:
            continue
        row = next((r for r in rows if r.doc_id == h.chunk.doc_id and indicator_source_text(r) == h.chunk.text), None)
        if row is None:
            continue
        names = f"{row.name} {row.unit or ''}"
        cov = term_coverage(known, names, weight)
        held = [t for t in terms if present(t, names) or any(g in names for g in _bigrams(t)) or abbreviates(t, names)]
        d = row.doc_id
        if cov >= 0.3 and len(held) >= min(2, len(terms)) and (d not in best or cov > best[d].score):
            best[d] = Match(row, cov)
    return sorted(best.values(), key=lambda m: -m.score)


def _indicator_answer(q: Question, docs: dict[str, Document], scope: tuple[str, ...], hits=(),
                      weight=None, min_score: float = 0.6, terms=None) -> Answer | None:
    all_rows = [r for d in docs.values() for r in d.indicators]
    text = _masked(q, [d.meta for d in docs.values()])
    in_scope = match_rows(text, [r for r in all_rows if r.doc_id in scope], min_score=min_score)
    if not in_scope and min_score > 0.6:
        return None
    elsewhere = match_rows(text, [r for r in all_rows if r.doc_id not in scope]) if q.docs else []
    # the other plan has the indicator by (nearly) this very name, this plan only a look-alike
    # (外贸进出口企业数 asked of 渝中, whose table has 外贸进出口额): not in this plan's table
    shadowed = bool(in_scope and elsewhere and elsewhere[0].score >= 0.9
                    and elsewhere[0].score - in_scope[0].score >= 0.1)
    if not in_scope or shadowed:
        if q.docs and elsewhere and elsewhere[0].score >= 0.75:
            m = elsewhere[0]
            names = "、".join(f"《{docs[d].meta.title}》" for d in scope)
            msg = (f"所收录的{names}的指标表中没有“{escape_md(m.row.name)}”这一指标；"
                   f"该指标见于《{docs[m.row.doc_id].meta.title}》（仅供参考，见“可能相关”）。")
            return render(q, [], docs, True, [Evidence(m.row.doc_id, m.row.heading_path + (m.row.table,),
                                                       indicator_source_text(m.row))], intro=msg)
        in_scope = _rows_from_hits(hits, all_rows, scope, terms or [], weight)
        if not in_scope:
            return None
    per_doc = best_per_doc(in_scope)
    if q.compare and len(per_doc) >= 2:
        pairs = [(docs[m.row.doc_id], m.row) for m in per_doc.values()]
        part = comparison_table(pairs)
        return render(q, [part], docs, False, long_ok=True)
    parts = []
    for doc_id in scope:
        ms = [m for m in in_scope if m.row.doc_id == doc_id][:2]
        for m in ms:
            parts.append(indicator_part(docs[doc_id], m.row, q.years, q.wants))
            support = _text_support(q, m.row, list(hits))
            if support is not None:
                parts.append(support)
    refused = all(p.refused for p in parts)
    missing = [d for d in (q.docs or ()) if d not in per_doc]
    intro = None
    if missing:
        intro = "；".join(f"《{docs[d].meta.title}》的指标表中没有这一指标" for d in missing) + "。"
    return render(q, parts, docs, refused, intro=intro, long_ok=len(parts) > 1)



def _goal_answer(q: Question, docs: dict[str, Document], scope, terms, weight=None) -> Answer | None:
    goals = [(goal_score(g, q.resolved, q.years, terms, weight), g) for d in scope for g in docs[d].goals]
    known_years = sorted({g.year for d in scope for g in docs[d].goals})
    asked = [y for y in q.years if y not in ("2020", "2021")]
    if asked and not any(y in known_years for y in asked):
        msg = (f"所收录的规划中没有{'、'.join(asked)}年的目标"
               f"（规划给出的是{'、'.join(known_years)}年的目标）。")
        return refuse(q, docs, msg, [])
    goals = [(s, g) for s, g in goals if s >= (1.0 if q.years else 0.5) and term_coverage(terms, g.text, weight) >= 0.45]
    if not goals:
        return None
    goals.sort(key=lambda x: -x[0])
    best = goals[0][0]
    parts = []
    seen_docs = set()
    for s, g in goals:
        if s < best * 0.75 or g.doc_id in seen_docs:
            continue
        seen_docs.add(g.doc_id)
        doc = docs[g.doc_id]
        para = next((p.text for sec in doc.sections if sec.id == g.section_id for p in sec.paragraphs
                     if p.lineno == g.lineno and g.text[:10] in p.text), g.text)
        parts.append(goal_part(doc, g, para))
    return render(q, parts, docs, False, long_ok=len(parts) > 1)


def _named_projects(projects, question: str) -> list:
    """Projects whose name the question spells out (梧桐港二期 for 梧桐港二期工程), however much else it asks:
    (coverage of the name's core, project), best first."""
    from .indicators import _covered, core_name

    chars = set(question)
    shares: dict[str, float] = {}  # many plans repeat project names: each distinct name is scored once
    out = []
    for p in projects:
        if p.name not in shares:
            core = re.sub(r"(?:建设)?(?:工程|项目|行动|计划)$", "", core_name(p.name)) or core_name(p.name)
            cheap = len(core) >= 4 and sum(c in chars for c in core) >= 0.8 * len(core)  # before the LCS
            shares[p.name] = _covered(core, question) / len(core) if cheap else 0.0
        if shares[p.name] >= 0.8:
            out.append((shares[p.name], p))
    return sorted(out, key=lambda x: -x[0])


def _project_answer(q: Question, docs, scope, terms=(), weight=None, min_score: float = 0.75,
                    named: bool = False) -> Answer | None:
    projects = [p for d in scope for p in docs[d].projects]
    masked = _masked(q, [d.meta for d in docs.values()])
    m = _named_projects(projects, masked) if named else project_matches(projects, masked, min_score)
    if q.intent == "indicator":  # a number is asked: only a project item that states it, named as asked
        key = max(terms, key=weight or len) if terms else ""
        m = [(sc, p) for sc, p in m if _QUANTITY_RE.search(p.description) and (sc >= 0.9 or (  # clearly named, or
             term_coverage(list(terms), p.description, weight) >= 0.6 and (not key or present(key, p.description))))]
    if not m:
        return None
    best = m[0][0]
    parts = [project_part(docs[p.doc_id], p) for s, p in m[:2] if s >= best - 0.05]
    return render(q, parts, docs, False)


_BOX_SET_RE = re.compile(r"哪些(?:重点)?(?:项目|工程)?专栏|专栏有哪些|几个专栏|多少个专栏|(?:重点项目|重点工程)专栏|专栏都")


def _box_set_answer(q: Question, docs, scope) -> Answer | None:
    """"有哪些专栏": the 专栏 boxes of each plan, by title."""
    if not _BOX_SET_RE.search(q.resolved) or _BOX_NUM_RE.search(q.resolved):
        return None
    parts = []
    for d in scope:
        boxes = [b for b in docs[d].boxes if b.projects]
        if not boxes:
            continue
        part = Part(lines=[f"**{escape_md(doc_name(docs[d]))}**的重点项目专栏："])
        part.lines.extend(f"- {escape_md(b.title)}" for b in boxes)
        part.evidence.append(Evidence(d, (), "\n".join(b.title for b in boxes)))
        parts.append(part)
    return render(q, parts, docs, False, long_ok=True) if parts else None


def _box_list_answer(q: Question, docs, scope) -> Answer | None:
    chosen = _named_box(q, docs, scope)  # "对外通道那个专栏都有哪些项目": that box, not the list of boxes
    if chosen is None:
        ans = _box_set_answer(q, docs, scope)
        if ans is not None:
            return ans
    if chosen is None or not chosen.projects:
        return None
    return render(q, [box_list_part(docs[chosen.doc_id], chosen.title, list(chosen.projects))], docs, False,
                  long_ok=True)


def _named_box(q: Question, docs, scope):
    """The 专栏 the question names by number (专栏3) or by title (开放通道建设重点工程), if any."""
    num = _BOX_NUM_RE.search(q.resolved)
    boxes = [b for d in scope for b in docs[d].boxes]
    chosen = None
    if num:
        n = re.sub(r"\s|[－—]", "-", num.group(1))
        chosen = next((b for b in boxes if re.match(rf"专栏\s*{re.escape(n)}(?!\d|-\d)", b.title)), None)
    if chosen is None:
        from .indicators import score_names

        text = _masked(q, [d.meta for d in docs.values()])
        names = {b.title: re.sub(r"^专栏[\d\-－]+[：:\s]*", "", b.title) for b in boxes}
        scores = score_names(list(names.values()), text)  # each distinct title once: many plans repeat them
        scored = sorted(((scores.get(names[b.title], 0.0), b) for b in boxes), key=lambda x: -x[0])
        if scored and scored[0][0] >= 0.7:
            chosen = scored[0][1]
    if chosen is None and "专栏" in q.resolved:  # "对外通道那个专栏": the title's own words (专栏1 对外通道重点项目)
        from .indicators import _covered

        text = _plain(_masked(q, [d.meta for d in docs.values()]))
        for b in boxes:
            core = re.sub(r"(?:重点|建设)*(?:项目|工程|任务|行动)$", "", re.sub(r"^专栏[\d\-－]+[：:\s]*", "", b.title))
            if len(core) >= 3 and _covered(core, text) / len(core) >= 0.8:
                chosen = b
                break
    return chosen


def _box_evidence(doc: Document, box) -> Evidence:
    """A 专栏 as cited: its title and items, verbatim."""
    sec = next((s for s in doc.sections if s.id == box.section_id), None)
    path = (sec.path if sec else ()) + (box.title,)
    return Evidence(doc.doc_id, path, "\n".join(box.body_text()))


def _location_answer(q: Question, docs, hits: list[Hit], terms, metas=(), scope=()) -> Answer | None:
    secs = _named_sections(q, docs, scope, metas) if scope else []
    if secs:
        parts = []
        for sec in secs[:2]:
            doc = docs[sec.doc_id]
            boxes = [b for b in doc.boxes if b.section_id == sec.id]
            extra = f"（其中有{'、'.join(escape_md(b.title) for b in boxes)}）" if boxes else ""
            parts.append(Part(lines=[f"在《{escape_md(doc.meta.title)}》的 {escape_md(' › '.join(sec.path))} 部分{extra}。"],
                              evidence=[Evidence(doc.doc_id, sec.path, sec.text or sec.path[-1])]
                              + [_box_evidence(doc, b) for b in boxes]))
        return render(q, parts, docs, False, long_ok=True)
    if not hits:
        return None
    hit = max(hits[:5], key=lambda h: (term_coverage(terms, h.chunk.text), -h.rank))
    if term_coverage(terms, hit.chunk.text) < 0.5:
        return None
    doc = docs[hit.chunk.doc_id]
    path = " › ".join(hit.chunk.heading_path)
    also = [h for h in hits[:5] if h is not hit and h.chunk.doc_id == hit.chunk.doc_id
            and h.chunk.heading_path != hit.chunk.heading_path and term_coverage(terms, h.chunk.text) >= 0.5][:1]
    more = "".join(f"；另见 {escape_md(' › '.join(h.chunk.heading_path))}" for h in also)
    boxes = [b for b in doc.boxes if b.section_id == hit.chunk.section_id
             and b.title not in hit.chunk.heading_path and term_coverage(terms, "\n".join(b.body_text())) >= 0.3]
    if boxes:
        more += f"（该节还有{'、'.join(escape_md(b.title) for b in boxes)}）"
    part = Part(lines=[f"在《{escape_md(doc.meta.title)}》的 {escape_md(path)} 部分{more}。"],
                evidence=[_hit_evidence(hit)] + [_hit_evidence(h) for h in also] + [_box_evidence(doc, b) for b in boxes])
    part.evidence[0].highlight = next((s for s in _SENT_RE.findall(hit.chunk.text) if any(t in s for t in terms)), None)
    return render(q, [part], docs, False)


_QUANTITY_RE = re.compile(r"(?<![A-Za-z\d.])\d+(?:\.\d+)?(?![A-Z\d.])(?!\s*年)")  # 577.9km, not 5G, C3 or 2025年
_HOW_MUCH_RE = re.compile(r"多少|几[个家项次人所条座倍成]|多大|多高|多长|多远|多快")


def _measure_term(question: str, nouns: list[str]) -> str:
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
        return render(q, parts, docs, refused, _related(hits) if refused else None, long_ok=True)
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
        return refuse(q, docs, "所收录的规划中没有找到关于这个问题的明确内容。", _related(hits))
    unseen = retriever.idf("\0") if retriever is not None else None
    nouns = [t for t in terms if tokenizer is None or unseen is None or retriever.idf(t) < unseen or synonyms(t)
             or _noun_like(t, tokenizer)] or terms  # without the asker's own verbs (提速, 聚到)
    key = max(nouns, key=weight) if nouns else ""
    measure = _measure_term(q.resolved, [t for t in nouns if tokenizer is None or _noun_like(t, tokenizer)])

    def names(line: str, t: str) -> bool:
        return not t or present(t, line) or term_coverage([t], line) >= 0.5

    def states_it(line: str) -> bool:  # a quantity, most of the things named, the most specific one and the measure
        return bool(_QUANTITY_RE.search(line)) and term_coverage(nouns, line, weight) >= 0.6 and names(line, key) \
            and names(line, measure)

    if q.intent == "indicator" and not any(states_it(ln) for ln in part.lines):
        return refuse(q, docs, "所收录的规划中没有给出这个数值。", _related(hits))
    return render(q, [part], docs, not part.lines, None if part.lines else _related(hits))


def _enumeration_answer(q: Question, docs, hits: list[Hit], terms, ask: ListAsk, scope, weight=None,
                        retriever=None) -> Answer | None:
    """"哪五个中心 / 隧道有哪些": the sentence that lists items of the asked kind (加工制造中心、研发设计中心……)
    in a passage about what the question names, one per plan when no plan is named."""
    rest = [t for t in terms if ask.head not in t and t not in ask.head]
    pool = [h for h in hits if h.chunk.kind != "indicator"][:16]
    if retriever is not None:
        seen = {h.chunk.id for h in pool}
        pool += [h for h in retriever.containing([ask.head], list(scope), limit=60) if h.chunk.id not in seen]
    best: dict[str, tuple[float, str, Hit]] = {}
    for h in pool:
        context = " ".join(h.chunk.heading_path)
        for sent in sentences(h.chunk.text):
            es = enumeration_score(sent, ask)
            if not es:
                continue
            cov = max(term_coverage(rest, sent, weight), 0.8 * term_coverage(rest, context + sent, weight))
            if rest and cov < 0.5:
                continue
            score = es + 2.0 * cov + 0.3 / (min(h.rank, 100) + 1)
            d = h.chunk.doc_id
            if d not in best or score > best[d][0]:
                best[d] = (score, sent.strip(), h)
    if not best:
        return None
    top = max(s for s, _, _ in best.values())
    parts = []
    for d, (score, sent, h) in sorted(best.items(), key=lambda x: -x[1][0]):
        if (score < 0.85 * top and not q.compare) or (q.docs and d not in q.docs):
            continue  # a comparison shows every plan's own list
        ev = _hit_evidence(h)
        ev.highlight = sent
        label = f"**{escape_md(doc_name(docs[d]))}**：" if len(scope) > 1 else ""
        parts.append(Part(lines=[label + escape_md(sent)], evidence=[ev]))
    return render(q, parts, docs, False, long_ok=len(parts) > 1)


_NUM_PREFIX_RE = re.compile(r"^(第[\d一二三四五六七八九十]+(?:[篇章节]|部分)\s*|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])")


def section_title(sec) -> str:
    return _NUM_PREFIX_RE.sub("", sec.title).strip()


def _plain(text: str) -> str:
    return re.sub(r"[“”\"'‘’《》〈〉（）()、，,。：:；;！？?\s＿]", "", text)


def _named_sections(q: Question, docs, scope, metas) -> list:
    """Sections whose own title the question names (基本原则, 发展定位, 统筹“五区联动”…), best first:
    the whole title, or (for titles of four or more characters) most of it."""
    from .indicators import _covered

    masked = _plain(_masked(q, metas))
    chars = set(masked)
    found = []
    for d in scope:
        for sec in docs[d].sections:
            if sec.kind in ("table", "box", "title", "front") or sec.inferred:
                continue
            t = _plain(section_title(sec))
            if len(t) < 2:
                continue
            if t in masked:
                found.append((2.0 + len(t) / 100, sec))
            elif len(t) >= 4 and sum(c in chars for c in t) >= 0.6 * len(t):  # cheap pre-check before LCS
                share = _covered(t, masked) / len(t)
                if share >= 0.6:
                    found.append((share + len(t) / 100, sec))
    found.sort(key=lambda x: -x[0])
    if not found:
        return []
    best = found[0][0]
    return [sec for n, sec in found if n >= best - 0.001]


def _section_part(doc: Document, sec) -> Part:
    """What a section says: its sub-headings, or its paragraphs' lead sentences, or its first sentences."""
    children = [s for s in doc.sections if s.parent_id == sec.id and s.kind not in ("table", "box")]
    body = sec.text
    part = Part()
    name = f"**{escape_md(doc_name(doc))} · {escape_md(sec.path[-1])}**"
    if children:
        part.lines.append(f"{name}包括：")
        part.lines.extend(f"- {escape_md(c.path[-1])}" for c in children)
        cite_text = body or "\n".join(c.path[-1] for c in children)
        part.evidence.append(Evidence(doc.doc_id, sec.path, cite_text))
        return part
    topics = [p.topic for p in sec.paragraphs if p.topic]
    if len(topics) >= 2 and len(topics) >= len(sec.paragraphs) - 1:
        part.lines.append(f"{name}：")
        part.lines.extend(f"- {escape_md(t)}" for t in topics)
    else:
        sents = _SENT_RE.findall(body)
        text, used = [], 0
        for x in sents:
            if used + len(x) > 260 and text:
                break
            text.append(x)
            used += len(x)
        part.lines.append(f"{name}：{escape_md(''.join(text).strip())}")
    part.evidence.append(Evidence(doc.doc_id, sec.path, body))
    return part


@functools.lru_cache(maxsize=65536)
def _gram_set(text: str) -> frozenset[str]:
    return frozenset(_bigrams(_plain(text)))


def _dice(a: str, b: str) -> float:
    """Dice overlap of character bigrams; topics repeat across plans, so their bigram sets are cached."""
    x, y = _gram_set(a), _gram_set(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def _items_of(doc: Document, sec) -> list[str]:
    children = [section_title(s) for s in doc.sections if s.parent_id == sec.id and s.kind not in ("table", "box")]
    return children or [p.topic for p in sec.paragraphs if p.topic]


def _counterpart_part(doc: Document, other: Document, sec, title: str) -> Part | None:
    """A plan without a section titled like ``sec`` (the 高新区 plan lost its 基本原则 heading): the run of its
    paragraphs whose lead sentences match ``sec``'s items (坚持战略引领、辐射带动 ~ 战略引领、辐射带动)."""
    items = _items_of(other, sec)
    if len(items) < 2:
        return None
    best = None
    for cand in doc.sections:
        if cand.kind in ("table", "box"):
            continue
        paras = [p for p in cand.paragraphs if p.topic and max(_dice(p.topic, it) for it in items) >= 0.5]
        if len(paras) >= 2 and (best is None or len(paras) > len(best[1])):
            best = (cand, paras)
    if best is None:
        return None
    cand, paras = best
    part = Part(lines=[f"**{escape_md(doc_name(doc))}**（未设“{escape_md(title)}”标题，对应内容在 "
                       f"{escape_md(' › '.join(cand.path))}）："])
    part.lines.extend(f"- {escape_md(p.topic)}" for p in paras)
    part.evidence.append(Evidence(doc.doc_id, cand.path, "\n".join(p.text for p in paras)))
    return part


def _defining_clause(doc: Document, sec) -> Part | None:
    """A clause elsewhere in the plan that states what a thin section is about: "牢牢把握“科学之城、创新高地”发展定位",
    "以提高城市国际化水平……为发展主线" for a section titled 发展定位 / 发展主线."""
    title = _plain(section_title(sec))
    if len(title) < 2:
        return None
    pat = re.compile(rf"(?:以[^，。；]{{2,40}}为|[“\"][^”\"]{{2,30}}[”\"]的?){re.escape(title)}")
    for other in doc.sections:
        if other.id == sec.id:
            continue
        for para in other.paragraphs:
            for clause in re.findall(r"[^，。；]+", para.text):
                if pat.search(clause):
                    return Part(lines=[f"规划在 {escape_md(' › '.join(other.path))} 中写道：{escape_md(clause.strip())}。"],
                                evidence=[Evidence(doc.doc_id, other.path, para.text, highlight=clause.strip())])
    return None


def _path_sections(docs, scope, terms: list[str]) -> list:
    """Sections whose heading path holds every key term, one of them in the section's own title
    (工业互联网 + 定位 -> 三、发展定位 › （二）长江上游工业互联网融合应用示范区), deepest first."""
    if len(terms) < 2:
        return []
    found = []
    for d in scope:
        for sec in docs[d].sections:
            if sec.kind in ("table", "box", "title", "front") or sec.inferred:
                continue
            path = " ".join(sec.path)
            own = section_title(sec)
            if all(present(t, path) for t in terms) and any(present(t, own) for t in terms):
                found.append(sec)
    return sorted(found, key=lambda s: -len(s.path))[:2] if len(found) <= 3 else []


def _section_answer(q: Question, docs, scope, metas, retriever=None, weight=None, terms=()) -> Answer | None:
    secs = _named_sections(q, docs, scope, metas) or _path_sections(docs, scope, list(terms))
    if not secs:
        return None
    parts = []
    for sec in secs[:3]:
        parts.append(_section_part(docs[sec.doc_id], sec))
        if len(sec.paragraphs) <= 1 and not any(s.parent_id == sec.id for s in docs[sec.doc_id].sections):
            extra = _defining_clause(docs[sec.doc_id], sec)  # a one-paragraph section may not say it all
            if extra is not None:
                parts.append(extra)
    if retriever is not None:  # a comparison: plans without such a section answer from their own passages
        title = section_title(secs[0])
        for d in scope:
            if any(sec.doc_id == d for sec in secs):
                continue
            twin = _counterpart_part(docs[d], docs[secs[0].doc_id], secs[0], title)
            if twin is not None:
                parts.append(twin)
                continue
            hs = retriever.search(title + " " + q.resolved, 5, [d])
            sub = extractive(hs, [title], False, limit=160, max_sentences=2, weight=weight)
            label = f"**{escape_md(doc_name(docs[d]))}**（未设“{escape_md(title)}”标题，以下为最相关的原文）："
            sub.lines = [label + sub.lines[0], *sub.lines[1:]] if sub.lines else [label + "未找到。"]
            parts.append(sub)
    return render(q, parts, docs, False, long_ok=True)


_TABLE_Q_RE = re.compile(r"(指标表|指标体系|主要指标|哪些指标|哪几[个项]指标|几项指标|多少项指标|多少个指标|指标有哪些|约束性指标|预期性指标|"
                         r"指标.{0,3}(?:约束性|预期性)|"
                         r"哪些.{0,8}方面的?指标|.{2,8}类指标)")


def _table_answer(q: Question, docs, scope) -> Answer | None:
    """Questions about an indicator table as a whole: which indicators, how many, which are 约束性."""
    if not _TABLE_Q_RE.search(q.resolved) or (q.is_followup and _PRONOUN_RE.match(q.text)):
        return None  # "这个算约束性指标吗" asks about the indicator just discussed, not the table
    if re.search(r"多少|几", re.sub(r"(多少|几)[项个类](指标)?|(多少|几)个?指标", "", q.resolved)):  # 指标表里…有多少人
        return None
    parts = []
    for d in scope:
        for t in docs[d].tables:
            if not t.indicators:
                continue
            rows = list(t.indicators)
            part = Part()
            head = f"**{escape_md(doc_name(docs[d]))} · {escape_md(t.title)}**"
            attr = re.search(r"(约束性|预期性)", q.resolved)
            cats = [c for c in dict.fromkeys(r.category for r in rows if r.category)
                    if _NUM_PREFIX_RE.sub("", c) and _NUM_PREFIX_RE.sub("", c) in q.resolved]
            if cats and not attr:  # "开放平台方面的指标": the rows of that category
                sel = [r for r in rows if r.category in cats]
                part.lines.append(f"{head}中“{escape_md('、'.join(cats))}”类指标：" + "、".join(
                    f"{escape_md(r.name)}（{escape_md(r.baseline_raw or '—')} → {escape_md(r.target_raw or '—')}"
                    f"{escape_md(r.unit or '')}）" for r in sel) + "。")
            elif attr:
                want = attr.group(1)
                has_col = any(r.attribute for r in rows)
                if not has_col:
                    part.lines.append(f"{head}：该表没有“指标属性”一栏，未区分预期性和约束性。")
                    part.refused = True
                else:
                    sel = [r for r in rows if r.attribute == want]
                    others = sorted({r.attribute for r in rows if r.attribute and r.attribute != want})
                    if sel:
                        part.lines.append(f"{head}中的{want}指标：" + "、".join(escape_md(r.name) for r in sel) + "。")
                    else:
                        part.lines.append(f"{head}中没有{want}指标，各项指标均为{'、'.join(others)}。")
            else:
                cats = list(dict.fromkeys(r.category for r in rows if r.category))
                last = rows[-1].seq
                line = f"{head}共列 {escape_md(last)} 项指标" if last and last.isdigit() else f"{head}列出的指标"
                if cats:
                    line += "，分为" + "、".join(escape_md(c) for c in cats)
                part.lines.append(line + "：" + "、".join(escape_md(r.name) for r in rows) + "。")
            part.evidence.append(Evidence(d, t.indicators[0].heading_path + (t.title,), _table_text(t)))
            parts.append(part)
    if not parts:
        return None
    return render(q, parts, docs, all(p.refused for p in parts), long_ok=True)


def _table_text(t) -> str:
    lines = [t.title, " | ".join(t.header)] + [" | ".join(r) for r in t.rows] + list(t.notes)
    return "\n".join(lines)


def _foreign_answer(q: Question, docs, hits: list[Hit], terms: list[str]) -> Answer:
    """A place no plan is about: answer only from a sentence that names that place and what is asked."""
    place = q.foreign_places[0]
    rest = [t for t in terms if t not in place and place not in t]
    for h in hits:
        for sent in _SENT_RE.findall(h.chunk.text):
            if place in sent and term_coverage(rest, sent) >= 0.6 and (
                    q.intent != "indicator" or re.search(r"\d", sent)):
                ev = _hit_evidence(h)
                ev.highlight = sent
                return render(q, [Part(lines=[escape_md(sent.strip())], evidence=[ev])], docs, False)
    mentioned = [h for h in hits if place in h.chunk.text]
    names = "、".join(doc_name(d) for d in docs.values())
    msg = (f"所收录的规划（{escape_md(names)}）中没有关于“{escape_md(place)}”的这项内容"
           + ("；规划中虽提到该地，但没有给出所问的内容。" if mentioned else "。"))
    return refuse(q, docs, msg, _related(mentioned or hits))


# ------------------------------------------------------------------ entry point


def _noun_like(term: str, tokenizer) -> bool:
    return any(flag.startswith("n") or flag in ("eng", "vn", "j") for _, flag in tokenizer.tag(term))


def answer_question(question: str, history: list[tuple[str, str]], documents: tuple[Document, ...], retriever, tokenizer,
                    doc_filter: tuple[str, ...] = ()) -> Answer:
    docs = {d.doc_id: d for d in documents}
    metas = [d.meta for d in documents]
    q = understand(question, history, metas, tokenizer.tag)
    scope = tuple(d for d in (q.docs or doc_filter or tuple(docs)) if d in docs)
    terms = key_terms(q, tokenizer, metas, retriever.idf, len(retriever.chunks))
    unseen = retriever.idf("\0")
    cap = unseen * 0.6  # a term found nowhere weighs like a rare one, not infinitely
    weights: dict[str, float] = {}

    def weight(t: str) -> float:
        if t not in weights:
            w = min(len(t), 4) * min(retriever.idf(t), cap)
            if retriever.idf(t) >= unseen and not synonyms(t) and not _noun_like(t, tokenizer):
                w *= 0.15  # a word of the asker's own (聚到, 办完, 新开), not a thing the plans lack
            weights[t] = w
        return weights[t]

    hits = retriever.search(q.resolved, 16, scope)

    if q.foreign_places and not q.docs:
        return _foreign_answer(q, docs, hits, terms)
    if q.intent == "location":
        return (_location_answer(q, docs, hits, terms, metas, scope)
                or _extractive_answer(q, docs, hits, terms, weight=weight, retriever=retriever, tokenizer=tokenizer))
    if q.intent in ("indicator", "comparison", "list") or q.wants:
        ans = (_indicator_answer(q, docs, scope, hits, weight, min_score=0.9)  # one indicator clearly named
               or _table_answer(q, docs, scope) or _indicator_answer(q, docs, scope, hits, weight, terms=terms))
        if ans is not None:
            return ans
    elif q.intent == "open":  # a bare indicator name ("高新区道路网密度") is a question about its values
        ans = _indicator_answer(q, docs, scope, hits, weight, min_score=0.9)
        if ans is not None:
            return ans
    if q.intent == "list" or "专栏" in q.resolved:
        ans = _box_list_answer(q, docs, scope)
        if ans is not None:
            return ans
    if q.intent == "goal" and not q.years and _path_sections(docs, scope, terms):  # 工业互联网这块的定位
        ans = _section_answer(q, docs, scope, metas, None, weight, terms)
        if ans is not None:
            return ans
    if q.intent == "indicator":  # a number of a project named outright (梧桐港二期建几个泊位): its own item
        ans = _project_answer(q, docs, scope, terms, weight, named=True)
        if ans is not None:
            return ans
    if q.intent in ("goal", "indicator") or q.years:
        ans = _goal_answer(q, docs, scope, terms, weight)
        if ans is not None:
            return ans
    if q.intent != "indicator":
        ans = _section_answer(q, docs, scope, metas, retriever if q.compare else None, weight)
        if ans is not None:
            return ans
    ask = list_ask(q.resolved, tokenizer.words, GENERIC) if q.intent in ("list", "project", "open", "comparison") else None
    if ask is not None:
        ans = _enumeration_answer(q, docs, hits, terms, ask, scope, weight, retriever)
        if ans is not None:
            return ans
    if q.intent in ("project", "open", "list", "indicator"):
        ans = _project_answer(q, docs, scope, terms, weight)
        if ans is not None:
            return ans
    if q.compare and len(scope) > 1:
        per = retriever.search_per_doc(q.resolved, list(scope), 5)
        return _extractive_answer(q, docs, hits, terms, per_doc=per, weight=weight)
    return _extractive_answer(q, docs, hits, terms, weight=weight, retriever=retriever, tokenizer=tokenizer)
