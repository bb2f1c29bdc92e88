"""One thing asked of each of several plans, lists at the level asked, fields and quoted names (pure rules on
small hand-written plans, and the bundled plans with the fake embedder)."""

from __future__ import annotations

import pytest

from assistant.answer.extract import focus
from assistant.answer.multipart import split_plans

NAMES = {"a": "甲方案", "b": "乙方案", "c": "丙方案"}


def _mentions(text: str, *named: tuple[str, str]) -> tuple[tuple[int, int, str], ...]:
    return tuple(sorted((text.find(w), text.find(w) + len(w), d) for w, d in named))


def test_plans_named_side_by_side_share_the_ask():
    text = "甲方案和乙方案，能耗强度下降目标各是怎么定的？"
    parts = split_plans(text, _mentions(text, ("甲方案", "a"), ("乙方案", "b")), ("a", "b"), NAMES)
    assert parts.questions == ("甲方案，能耗强度下降目标是怎么定的？", "乙方案，能耗强度下降目标是怎么定的？")
    assert parts.plans == (("a",), ("b",)) and parts.labels == ("甲方案", "乙方案")


def test_each_plan_with_its_own_thing_keeps_its_thing_and_the_shared_ask():
    text = "甲区已建成的加油站和乙区已建成的充电站，数量差多少？"
    parts = split_plans(text, _mentions(text, ("甲区", "a"), ("乙区", "b")), ("a", "b"), NAMES)
    assert parts.questions == ("甲区已建成的加油站，数量差多少？", "乙区已建成的充电站，数量差多少？")


def test_words_asking_each_plan_are_taken_out_of_the_parts():
    text = "甲方案和乙方案的目标年分别是哪一年"
    parts = split_plans(text, _mentions(text, ("甲方案", "a"), ("乙方案", "b")), ("a", "b"), NAMES)
    assert parts.questions == ("甲方案的目标年是哪一年", "乙方案的目标年是哪一年")


def test_two_plans_asked_without_names_are_each_asked():
    parts = split_plans("两份规划各自的定位，一句话概括一下", (), ("a", "b"), NAMES)
    assert parts.questions == ("定位，一句话概括一下",) * 2 and parts.plans == (("a",), ("b",))


@pytest.mark.parametrize("text,mentions,scope", [
    ("甲方案的能耗目标是多少", (("甲方案", "a"),), ("a", "b")),  # one plan
    ("两份规划各自的定位", (), ("a", "b", "c")),  # which two of three is not said
    ("甲方案和甲区的目标分别是多少", (("甲方案", "a"), ("甲区", "a")), ("a", "b")),  # one plan named twice
    ("高新区的定位是什么", (), ("a", "b")),  # nothing asks each plan
    ("甲区规划里乙区的加油站有几座", (("甲区", "a"), ("乙区", "b")), ("a", "b")),  # a place asked of one plan
])
def test_a_question_about_one_plan_is_not_split(text, mentions, scope):
    assert split_plans(text, _mentions(text, *mentions), scope, NAMES) is None


def test_a_quoted_name_is_never_cut_at_its_commas():
    s = ("按照国家关于建设综合能源站的意见，围绕氢燃料电池汽车应用场景和用氢需求，发挥空间集聚效应，在全市区域范围，"
         "分阶段逐步推进构建“道路联通，东西联动，区域全覆盖”的综合能源站发展格局，形成与国民经济相适应、"
         "与消费需求相匹配，布局科学合理、竞争有序、功能完善的现代化综合能源站服务网络体系。")
    assert "构建“道路联通，东西联动，区域全覆盖”的综合能源站发展格局" in focus(s, ["发展格局", "构建"])


# ------------------------------------------------------------------ small plans


def _plan(doc_id: str, text: str):
    from assistant.ingest.parser import parse
    from assistant.types import DocMeta, RawDocument, SourceLine

    raw = RawDocument(f"{doc_id}.txt", "txt", tuple(SourceLine(i, t) for i, t in enumerate(text.split("\n"), 1)))
    return parse(raw, DocMeta(doc_id, doc_id))


def _q(question: str, doc):
    from assistant.answer.understand import understand

    return understand(question, [], [doc.meta], lambda t: [(t, "x")])


FIELD_PLAN = """一、工作机制
成立专项工作组，统筹推进。
附件 省推进创新发展专项工作组名单
组　长：张三 省长
副组长：李四 副省长
成　员：王五 秘书长
"""


def test_a_field_line_answers_who_holds_the_role_of_the_section_named():
    from assistant.answer.sections import field_answer

    doc = _plan("a", FIELD_PLAN)
    ans = field_answer(_q("专项工作组的副组长是谁", doc), {"a": doc}, ("a",), ["专项", "工作组", "副组长"])
    assert "李四" in ans.answer and "张三" not in ans.answer and ans.citations
    assert field_answer(_q("专项工作组的秘书是谁", doc), {"a": doc}, ("a",), ["专项", "工作组", "秘书"]) is None


GOAL_PLAN = """一、总体要求
（三）发展目标
到2025年，数字经济迈向全面扩展期，核心产业增加值占比达到10%。
——数据要素市场体系初步建立。数据资源体系基本建成。
——产业数字化转型迈上新台阶。制造业数字化更加深入。
——数字经济治理体系更加完善。治理框架基本建立。
展望2035年，数字经济将迈向繁荣成熟期。
"""


def test_the_items_under_a_heading_are_listed_between_its_lead_and_closing_paragraphs():
    from assistant.answer.sections import section_answer

    doc = _plan("a", GOAL_PLAN)
    ans = section_answer(_q("发展目标下面列了哪几个分目标？", doc), {"a": doc}, ("a",), [doc.meta])
    for item in ("数据要素市场体系初步建立", "产业数字化转型迈上新台阶", "数字经济治理体系更加完善"):
        assert f"- {item}" in ans.answer


# ------------------------------------------------------------------ the bundled plans


def test_each_of_two_plans_is_answered_from_its_own_text(assistant):
    ans = assistant.ask("人才方面两个区各自有啥招牌政策")
    lines = ans.answer.split("\n")
    heads = [ln for ln in lines if ln.startswith("**")]
    assert heads[0].startswith("**重庆高新区") and any(h.startswith("**重庆市渝中区") for h in heads)
    assert {c.doc_id for c in ans.citations} == {"gaoxin", "yuzhong"}


def test_a_list_asked_by_its_items_comes_from_the_sentence_enumerating_them(assistant):
    ans = assistant.ask("高新区要修的轨道交通建设项目有哪些？")
    assert "江跳线" in ans.answer and "27号线" in ans.answer


def test_the_plans_own_subject_words_name_no_section():
    from assistant.answer.sections import without_subject

    title = "崇阳县十五五加油站布局专项规划"
    assert "加油站" not in without_subject("崇阳加油站规划的期限到哪年", title)
    assert "布局原则" in without_subject("吕梁那个规划，布局原则在哪一部分", "吕梁市综合能源站专项规划")


AIM_TEXT = ("到2025年，内陆开放高地基本建成，高能级现代物流枢纽辐射能力逐步加强。",
            "积极发展国际物流，支持企业向供应链管理延伸，加快打造内陆国际物流枢纽和国际集散分拨中心。")


def test_an_aim_asked_of_a_topic_comes_from_the_clause_that_makes_it_the_aims_object():
    from assistant.answer.aims import aim_clause_answer
    from assistant.types import Chunk, Hit

    doc = _plan("a", "一、发展目标\n" + AIM_TEXT[0] + "\n二、物流\n" + AIM_TEXT[1] + "\n")
    hits = [Hit(Chunk(f"c{i}", "a", "section", "s", ("x",), t, t), 1.0 - i / 10, i) for i, t in enumerate(AIM_TEXT)]
    ans = aim_clause_answer(_q("物流方面最终想建成个什么", doc), {"a": doc}, hits, ["物流", "建成"], None)
    assert "打造内陆国际物流枢纽和国际集散分拨中心" in ans.answer and "基本建成" not in ans.answer
    assert aim_clause_answer(_q("人才方面想建成个什么", doc), {"a": doc}, hits, ["人才"], None) is None


def test_each_part_is_headed_by_the_words_the_asker_named_its_plan_with():
    text = "深圳方案和国务院节能降碳方案，货运转铁路的目标各是多少？"
    names = {"a": "国家碳达峰试点（深圳）实施方案", "b": "2024—2025年节能降碳行动方案"}
    parts = split_plans(text, _mentions(text, ("深圳方案", "a"), ("国务院节能降碳方案", "b")), ("a", "b"), names)
    assert parts.labels == ("深圳方案", "国务院节能降碳方案")  # no title years no passage may support


def test_when_no_plans_part_is_answered_the_question_is_tried_whole(assistant):
    from assistant.answer import compose
    from assistant.answer.context import build_context

    ctx = build_context("高新区和渝中区的火星基地数量各是多少？", [], assistant.documents,
                        assistant.retriever, assistant.tokenizer)
    assert compose.split_plans(ctx.resolved, ctx.question.mentions, ctx.scope, {}) is not None
    assert compose.per_plan(ctx) is None


class _CountingEmbedder:
    """The fake embedder, counting the query texts it embeds."""

    def __init__(self):
        from assistant.index.embed import HashingEmbedder

        self._inner = HashingEmbedder()
        self.name, self.fingerprint, self.dim = self._inner.name, self._inner.fingerprint, self._inner.dim
        self.queries: list[str] = []

    def encode(self, texts, kind="passage"):
        if kind == "query":
            self.queries.extend(texts)
        return self._inner.encode(texts, kind)


@pytest.mark.parametrize("question", ["两份规划各自的定位，一句话概括一下", "高新区和渝中区，人才政策各是什么？"])
def test_a_part_asking_the_whole_questions_ask_of_one_plan_is_not_embedded_again(bundled_settings, question):
    from assistant.pipeline import Assistant

    embedder = _CountingEmbedder()
    a = Assistant.open(bundled_settings, embedder=embedder, rebuild=False)
    embedder.queries.clear()
    ans = a.ask(question)
    assert {c.doc_id for c in ans.citations} == {"gaoxin", "yuzhong"}  # answered per plan
    assert len(embedder.queries) == 1, embedder.queries


def test_parts_asking_each_plan_its_own_thing_are_embedded_each():
    text = "甲区已建成的加油站和乙区已建成的充电站，数量差多少？"
    parts = split_plans(text, _mentions(text, ("甲区", "a"), ("乙区", "b")), ("a", "b"), NAMES)
    assert not parts.same_ask
    text = "甲方案和乙方案，能耗强度下降目标各是怎么定的？"
    assert split_plans(text, _mentions(text, ("甲方案", "a"), ("乙方案", "b")), ("a", "b"), NAMES).same_ask


# ------------------------------------------------------------------ a part answers its aspect, not only its topic


def _hits(*chunks: tuple[tuple[str, ...], str]):
    from assistant.types import Chunk, Hit

    return [Hit(Chunk(f"c{i}", "a", "section", "s", path, text, text), 1.0 - i / 10, i + 1)
            for i, (path, text) in enumerate(chunks)]


def test_a_number_asked_of_a_topic_joins_the_next_sentence_that_states_it():
    from assistant.answer.extract import extractive

    hits = _hits((("二、交通",), "积极推进多式联运发展，推动港口大宗货物和中长距离货运向铁路、水路转移。"
                                 "到2025年，港口水水集疏运占比提升至34%。加快推进疏港铁路改扩建。"))
    part = extractive(hits, ["货运", "铁路", "水路"], True, max_sentences=1)
    assert "34%" in part.lines[0] and "向铁路、水路转移" in part.lines[0]


def test_a_sentence_is_read_with_the_heading_it_sits_under():
    from assistant.answer.extract import extractive

    hits = _hits((("一、推动金融服务扩大开放", "专栏6：金融服务扩大开放重点项目"), "1.外资金融集聚区：重点引进世界500强金融机构。"),
                 (("一、发展基础",), "金融、商贸等重点产业开放发展步伐明显加快。"))
    part = extractive(hits, ["金融", "开放"], False, max_sentences=1)
    assert "外资金融集聚区" in part.lines[0]


def test_a_paragraph_led_by_the_topic_is_about_it_rather_than_a_list_naming_it():
    from assistant.answer.extract import extractive

    hits = _hits((("第一节 融入开放平台体系",), "构建开放载体发展格局。加快建设自由贸易试验区、综合保税区、国际交往中心四大开放平台载体。"),
                 (("专栏4-1 开放载体重点工程",), "国际交往中心。加强科技创新交流合作，加快把科学会堂打造成为重要场所。"))
    part = extractive(hits, ["国际交往中心"], False, max_sentences=1)
    assert "科学会堂" in part.lines[0]


def test_the_each_of_a_part_asked_of_one_plan_is_no_key_term():
    text = "货运往铁路水路转这块，甲方案和乙方案各给了啥数？"
    parts = split_plans(text, _mentions(text, ("甲方案", "a"), ("乙方案", "b")), ("a", "b"), NAMES)
    assert parts.questions == ("货运往铁路水路转这块，甲方案给了啥数？", "货运往铁路水路转这块，乙方案给了啥数？")


@pytest.mark.parametrize("question", ["货运往铁路水路转这块，甲方案给了啥数？", "这块给的是什么数字"])
def test_asking_what_number_is_given_asks_a_number(question):
    from assistant.answer.understand import classify

    assert classify(question, 1)[0] == "indicator"


def test_energy_intensity_is_the_plans_energy_use_per_unit_of_gdp():
    from assistant.answer.terms import key_terms, term_coverage
    from assistant.answer.understand import understand
    from assistant.text.tokenize import Tokenizer, user_terms
    from assistant.types import DocMeta

    metas = [DocMeta("a", "甲方案"), DocMeta("b", "乙方案")]
    tok = Tokenizer(user_terms([]))  # synonym words are in every index's dictionary
    terms = key_terms(understand("甲方案，能耗强度下降目标是怎么定的？", [], metas, tok.tag), tok, metas)
    assert "能耗强度" in terms
    for sentence in ("单位地区生产总值能耗较2020年下降14.5%", "单位国内生产总值能源消耗降低2.5%左右"):
        assert term_coverage(["能耗强度"], sentence) >= 0.9


POSITION_PLAN = """第二章 总体要求
第一节 指导思想
坚持“两点”定位，牢牢把握“科学之城、创新高地”发展定位，打造国际化科创新城。
第二节 发展定位
——打造国际化科创新城。聚焦科技主题，重点建设科学会堂。
第三节 产业定位
——发展电子信息产业。
"""


def test_a_lone_aspect_asked_names_the_section_it_heads_after_generic_words():
    from assistant.answer.sections import path_sections

    doc = _plan("a", POSITION_PLAN)
    assert [s.title for s in path_sections({"a": doc}, ("a",), ["定位"])] == ["发展定位"]
    assert path_sections({"a": doc}, ("a",), ["产业"]) == []


def test_an_item_led_by_its_name_and_a_colon_is_about_what_it_names():
    from assistant.answer.extract import extractive

    hits = _hits((("一、推动金融服务扩大开放",), "推进跨境业务创新。持续深化自贸区金融创新，扩大开放跨境新产品。"),
                 (("一、推动金融服务扩大开放", "专栏6：金融服务扩大开放重点项目"), "1.外资金融集聚区：依托环球中心楼宇，重点引进世界500强机构。"))
    part = extractive(hits, ["金融", "开放"], False, max_sentences=1)
    assert "外资金融集聚区" in part.lines[0]


ROLE_PLAN = """一、发展基础
推动园区把科学会堂打造成为重要交流场所。
二、总体要求
（一）指导思想
坚持改革开放，全面提升城区国际化水平，努力建设成为面向全球的窗口、名片。
"""


def test_a_role_asked_of_a_plan_without_such_a_section_is_the_clause_saying_what_its_area_becomes():
    from assistant.answer.aims import role_answer

    doc = _plan("a", ROLE_PLAN)
    ans = role_answer(_q("甲区在全市开放里要当什么角色", doc), {"a": doc}, ("a",), ["开放", "角色"], None)
    assert "努力建设成为面向全球的窗口、名片" in ans.answer and "科学会堂" not in ans.answer
    assert ans.citations[0].heading_path[-1] == "（一）指导思想"
    assert role_answer(_q("甲区在全市开放里要建什么", doc), {"a": doc}, ("a",), ["开放"], None) is None


def test_how_cumulative_figures_are_marked_is_each_plans_table_note(assistant):
    ans = assistant.ask("两个规划的累计数分别用什么符号标注")
    assert "带\\[ \\]为五年累计数" in ans.answer and "带【】为五年累计数" in ans.answer
    assert {c.doc_id for c in ans.citations} == {"gaoxin", "yuzhong"}
    assert assistant.ask("高新区五年累计新增火星基地多少个").refused  # an amount asked: a row's value, or nothing


GOAL_AND_STATE_PLAN = """长春市换电站建设方案

一、发展现状
截止目前，工程已经连续实施两年，长春市已经累计建成46座换电站，累计推广换电模式新能源汽车2654辆。
二、发展目标
预测到2025年，长春市核心区计划建成换电站75座、充电站27座。
"""


def test_what_is_built_already_is_not_answered_by_a_goals_figure(tmp_path):
    from conftest import hashing_settings, write_plan

    from assistant.answer.compose import goal
    from assistant.answer.context import build_context
    from assistant.index.embed import HashingEmbedder
    from assistant.pipeline import Assistant

    write_plan(tmp_path / "corpus", "swap.txt", GOAL_AND_STATE_PLAN)
    a = Assistant.open(hashing_settings(tmp_path, tmp_path / "corpus"), embedder=HashingEmbedder())
    question = "长春已建成的换电站，数量有多少？"
    assert goal(build_context(question, [], a.documents, a.retriever, a.tokenizer)) is None
    assert "46座" in a.ask(question).answer


def test_a_level_asked_without_a_measure_is_a_goal():
    from assistant.answer.understand import classify

    assert classify("这个方案里氢能这块要达到什么水平", 1)[0] == "goal"
    assert classify("网络安全这块到2023年要做到啥程度", 1)[0] == "goal"
    assert classify("到2025年数字经济总量和占比要到什么水平", 1)[0] == "indicator"


def test_a_term_naming_the_passages_heading_is_where_the_aim_is_looked_for_not_its_object():
    from assistant.answer.aims import aim_clause_answer
    from assistant.types import Chunk, Hit

    text = ("以新思想为指导，科学评价零售体系，合理制定发展规划。"
            "通过编制和实施规划，构建布局合理、竞争有序的成品油零售体系，促进行业健康有序发展。")
    doc = _plan("a", "一、指导思想\n" + text + "\n")
    hits = [Hit(Chunk("c0", "a", "section", "s", ("一、指导思想",), text, text), 1.0, 0)]
    ans = aim_clause_answer(_q("指导思想里，最后想建成一个什么样的零售体系", doc), {"a": doc}, hits,
                            ["指导思想", "建成", "零售", "体系"], None)
    assert ans is not None and "竞争有序" in ans.answer
    elsewhere = [Hit(Chunk("c0", "a", "section", "s", ("二、原则",), text, text), 1.0, 0)]
    assert aim_clause_answer(_q("指导思想里，最后想建成一个什么样的零售体系", doc), {"a": doc}, elsewhere,
                             ["指导思想", "建成", "零售", "体系"], None) is None


def test_why_a_plan_was_made_is_its_own_sentence_saying_so():
    from assistant.answer.aims import purpose_answer

    doc = _plan("a", "一、前言\n节能是重要举措。为加大工作推进力度，尽最大努力完成约束性指标，制定本方案。\n"
                     "二、目标\n到2025年，完成约束性指标。\n")
    ans = purpose_answer(_q("出这个方案主要是为了达成什么？", doc), {"a": doc}, ("a",))
    assert ans is not None and "为加大工作推进力度" in ans.answer and "节能是重要举措" not in ans.answer
    assert purpose_answer(_q("为了提高供给，鼓励建哪种站", doc), {"a": doc}, ("a",)) is None


@pytest.mark.parametrize("question", ["规划实施分几个阶段？", "保障措施包括几个方面", "这一章分几大板块"])
def test_counting_the_plans_own_parts_asks_for_the_list(question):
    """几个阶段 / 几个方面: the plan states its parts as headings or an enumeration, not as a figure."""
    from assistant.answer.understand import classify

    assert classify(question, 1)[0] == "list"
    assert classify("规划新建几个消防站？", 1)[0] == "indicator"  # a count of things stays a number


def test_each_of_one_named_plans_items_is_a_list_not_a_comparison():
    from assistant.answer.understand import classify

    assert classify("样例规划最后那章保障措施 一共几条 分别是啥", 1) == ("list", False)
    assert classify("两个规划的保障措施分别是啥", 0)[1]  # no plan named: each plan
    assert classify("甲规划和乙规划的保障措施分别是啥", 2) == ("comparison", True)


@pytest.mark.parametrize(("question", "terms"), [("专项工作组组长副组长是谁", ["专项", "工作组", "组长", "副组长"]),
                                                 ("专项工作组的组长和副组长分别是谁", ["专项", "工作组", "组长", "副组长"]),
                                                 ("工作组副组长、成员是谁", ["工作组", "副组长", "成员"])])
def test_several_roles_asked_under_one_ask_are_each_quoted_from_the_one_list(question, terms):
    from assistant.answer.sections import field_answer

    doc = _plan("a", FIELD_PLAN)
    ans = field_answer(_q(question, doc), {"a": doc}, ("a",), terms)
    want = {"组长": "张三", "副组长": "李四", "成员": "王五"}
    assert all(want[t] in ans.answer for t in terms if t in want), ans.answer
    assert ans.answer.count("李四") == 1 and len(ans.citations) == 1
