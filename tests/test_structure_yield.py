"""A structure answer (a section's items, headings of a kind, a box) chosen because a heading shares a word with
the question yields to a top retrieved passage that covers the question's key terms clearly better; a figure
asked for a year is not answered by a list of headings (pure: a fake retriever, no index, no model)."""

from __future__ import annotations

from assistant.answer.compose import Handler, coverage, dispatch
from assistant.answer.context import Candidate, Context
from assistant.answer.understand import Question
from assistant.types import Answer, Chunk, Citation, Hit

TERMS = ("技改", "贷款", "贴息", "数字化")
TOP = "对企业实施数字化技改项目贷款，按同期银行基准利率40%给予贴息，贴息期不超过3年。"


class _Retriever:
    def idf(self, term: str) -> float:
        return 1.0


class _Tokenizer:
    def words(self, text: str) -> list[str]:
        return [text[i:i + 2] for i in range(0, len(text), 2)]


def _ctx(question: str = "企业数字化技改，贷款贴息怎么算？", terms=TERMS, top: str = TOP) -> Context:
    q = Question(question, question, (), (), "open", (), frozenset(), False, False)
    hit = Hit(Chunk("c1", "a", "section", "s1", ("二、支持企业数字化转型",), top, top), 0.03, 0)
    return Context(q, {}, (), ("a", "b"), terms, (hit,), weight=len, retriever=_Retriever(),
                   tokenizer=_Tokenizer())


def _section(text: str, heading: str = "1.数字化与智能化", cited: str = "炼厂通过物联网管理库存。"):
    cite = Citation(1, "b", "乙县规划", ("第五章 发展方向", heading), cited, 1.0)
    return lambda ctx: Candidate(Answer("问", text, False, (cite,)), "section")


def _fallback(ctx):
    return Candidate(Answer("问", "retrieval", False), "extractive")


def _refusing(ctx):
    return Candidate(Answer("问", "所收录的规划中没有找到关于这个问题的明确内容。", True), "extractive")


def test_a_section_matched_by_one_word_yields_to_the_passage_holding_the_other_terms():
    handlers = (Handler("section", _section("**乙县 · 1.数字化与智能化**：炼厂通过物联网管理库存。 [1]")),)
    cov = coverage(_ctx(), handlers[0].run(_ctx()).answer)
    assert cov.outcovered and cov.passage == 1.0 and cov.answer < 0.5
    assert dispatch(_ctx(), handlers, _fallback).answer.answer == "retrieval"


def test_a_section_covering_as_much_as_the_top_passage_stands():
    text = "**乙县 · 数字化技改贷款贴息**：炼厂通过物联网管理库存。 [1]"
    handlers = (Handler("section", _section(text, "数字化技改贷款贴息")),)
    assert dispatch(_ctx(), handlers, _fallback).answer.answer == text


def test_only_structure_handlers_yield():
    text = "**乙县 · 1.数字化与智能化**：炼厂通过物联网管理库存。 [1]"
    assert dispatch(_ctx(), (Handler("goal", _section(text)),), _fallback).answer.answer == text


def test_a_yielded_section_answers_when_the_retrieval_only_answer_refuses():
    text = "**乙县 · 1.数字化与智能化**：炼厂通过物联网管理库存。 [1]"
    assert dispatch(_ctx(), (Handler("section", _section(text)),), _refusing).answer.answer == text


def test_one_key_term_leaves_the_heading_match_alone():
    text = "**乙县 · 1.数字化与智能化**：炼厂通过物联网管理库存。 [1]"
    ctx = _ctx(terms=("贴息",))
    assert dispatch(ctx, (Handler("section", _section(text)),), _fallback).answer.answer == text


def test_a_figure_asked_for_a_year_is_not_a_list_of_headings():
    question = "中心区到2030年加油站要达到多少座？"
    ctx = _ctx(question, ("中心区",), "预计到2035年，中心区加油站总量控制在595座左右。")
    listing = "**甲市 · 4.4.1中心区**包括： [1]\n- 4.4.1.1东片区\n- 4.4.1.2西片区"
    got = dispatch(ctx, (Handler("section", _section(listing, "4.4.1中心区")),), _refusing)
    assert got.answer.refused and "东片区" not in got.answer.answer
    counted = "**甲市 · 4.4.1中心区**包括： [1]\n- 到2030年新建12座\n- 迁建3座"
    kept = dispatch(ctx, (Handler("section", _section(counted, "4.4.1中心区")),), _refusing)
    assert kept.answer.answer == counted


def test_a_count_of_items_asked_for_a_year_is_answered_by_the_list():
    question = "2025年的目标分成了几个方面？"
    ctx = _ctx(question, ("目标", "方面"), "到2025年，数字经济迈向全面扩展期。")
    listing = "**甲规划 · （三）发展目标**： [1]\n- 数据要素市场体系初步建立\n- 产业数字化转型迈上新台阶"
    got = dispatch(ctx, (Handler("section", _section(listing, "（三）发展目标", "到2025年，数字经济迈向全面扩展期。")),), _refusing)
    assert got.answer.answer == listing


def test_a_list_asked_and_answered_with_items_stands_against_a_passage_listing_none():
    question = "一核两带三区里的三区是哪几个"
    top = "构建“一核两带三区”文化和旅游发展空间布局，推动全域协调发展。"
    ctx = _ctx(question, ("一核两带三区", "三区", "布局"), top)
    ctx = Context(Question(question, question, (), (), "list", (), frozenset(), False, False), {}, (), ("a", "b"),
                  ctx.terms, ctx.hits, weight=len, retriever=_Retriever(), tokenizer=_Tokenizer())
    listing = "**甲市 · 三、打造“三区”**包括： [1]\n- 1.北部古镇旅游区\n- 2.西部峡谷康养区\n- 3.东部茶乡田园区"
    got = dispatch(ctx, (Handler("section", _section(listing, "三、打造“三区”")),), _fallback)
    assert got.answer.answer == listing
