"""General answer behaviours on the bundled plans (fake embedder) and as pure rules: multi-part questions."""

from __future__ import annotations

import pytest

from assistant.answer.multipart import split_parts

ALIASES = ["渝中区", "渝中", "高新区", "甲区", "乙区"]


@pytest.mark.parametrize("question,parts", [
    ("甲区2025年服务贸易额和跨境金融结算额的目标分别是多少？",
     ["甲区2025年服务贸易额的目标是多少？", "甲区2025年跨境金融结算额的目标是多少？"]),
    ("甲区外贸总额的目标、单位和属性分别是什么？",
     ["甲区外贸总额的目标是什么？", "甲区外贸总额的单位是什么？", "甲区外贸总额的属性是什么？"]),
    ("某规划2025年充换电站和充电桩总体目标分别是多少？",
     ["某规划2025年充换电站总体目标是多少？", "某规划2025年充电桩总体目标是多少？"]),
    ("甲区现在有多少座加油站？中石化占几座", ["甲区现在有多少座加油站？", "中石化占几座"]),
])
def test_multi_part_questions_split_into_their_parts(question, parts):
    assert list(split_parts(question, ALIASES).questions) == parts


@pytest.mark.parametrize("question", [
    "甲区和乙区的目标分别是多少",  # plans joined: a comparison, answered per plan elsewhere
    "甲区打造的那几类消费场景分别是什么",  # one thing listed
    "甲区常驻外籍人员有多少？就是指标表里那栏",  # the second piece asks nothing
    "甲区2025年外贸进出口总额目标是多少？",
])
def test_single_questions_stay_whole(question):
    assert split_parts(question, ALIASES) is None


def test_each_part_is_answered_and_cited(assistant):
    ans = assistant.ask("渝中区2025年服务贸易额和跨境金融结算额的目标分别是多少？")
    lines = ans.answer.split("\n")
    assert len(lines) == 2 and "30" in lines[0] and "[1]" in lines[0] and "3500" in lines[1] and "[2]" in lines[1]
    assert [c.n for c in ans.citations] == [1, 2]


def test_the_part_the_plans_do_not_answer_is_said(assistant):
    ans = assistant.ask("渝中区2025年服务贸易额和火星基地数量的目标分别是多少？")
    assert not ans.refused and "30" in ans.answer
    assert "火星基地数量**：所收录的规划中没有" in ans.answer


def test_a_later_question_is_a_follow_up_of_the_earlier_one(assistant):
    ans = assistant.ask("高新区2025年外贸进出口总额目标是多少？实际利用外资呢？")
    assert "3700" in ans.answer and "45" in ans.answer and len(ans.citations) == 2


def test_aspects_of_one_row_are_answered_once(assistant):
    ans = assistant.ask("高新区外贸进出口总额的目标、单位和属性分别是什么？")
    assert ans.answer.count("3700") == 1 and "亿元" in ans.answer and "预期性" in ans.answer


def test_every_answer_has_an_answerability_score(assistant):
    assert 0 < assistant.ask("高新区2025年外贸进出口总额目标是多少？").score <= 1
    assert assistant.ask("哈尔滨市2025年外贸进出口目标是多少？").score == 0  # a place no plan is about
    local = assistant.ask("重庆全市2025年外贸进出口总额目标是多少？")  # inside a plan's area, named by no cited passage
    assert local.refused and local.score == 0


# ------------------------------------------------------------------ a table or box label scopes the question


def _plan(doc_id: str, text: str):
    from assistant.ingest.parser import parse
    from assistant.types import DocMeta, RawDocument, SourceLine

    raw = RawDocument(f"{doc_id}.txt", "txt", tuple(SourceLine(i, t) for i, t in enumerate(text.split("\n"), 1)))
    return parse(raw, DocMeta(doc_id, doc_id))


def test_a_table_or_box_label_scopes_the_question_to_the_plans_that_have_it():
    from assistant.answer.labels import labelled_scope

    a = _plan("a", "第一章 总体要求\n一、发展目标\n到2025年，建成示范区。\n专栏1 重点项目\n1.甲隧道：长3公里。\n表2-1 指标表\n")
    b = _plan("b", "第一章 总体要求\n一、发展目标\n到2025年，建成开放高地。\n专栏 7-1 交通项目\n1.乙隧道：长5公里。\n")
    docs = {"a": a, "b": b}
    assert labelled_scope("专栏7-1里的隧道有哪些", docs, ("a", "b")) == ("b",)
    assert labelled_scope("专栏1里有什么项目", docs, ("a", "b")) == ("a",)
    assert labelled_scope("隧道有哪些", docs, ("a", "b")) == ("a", "b")
    assert labelled_scope("专栏9里有什么", docs, ("a", "b")) == ("a", "b")  # no plan has it: not decisive
    assert labelled_scope("专栏7里有什么", docs, ("a", "b")) == ("a", "b")  # 专栏7 is not 专栏7-1


# ------------------------------------------------------------------ a chapter's aim

AIM_PLAN = """第一章 总体要求
一、发展基础
甲区开放成效明显。
二、发展目标
到2025年，基本建成内陆开放示范区。到2035年，全面建成开放高地。
第二章 着力打造开放新引擎
以开放平台为核心，打造对外开放新引擎，成为区域开放的重要支点。
一、建设开放平台
推进综保区建设。
二、提升通道能级
完善物流通道。
"""


def _aim(question: str):
    from assistant.answer.aims import chapter_aim_answer
    from assistant.answer.understand import understand

    doc = _plan("a", AIM_PLAN)
    q = understand(question, [], [doc.meta], lambda t: [(t, "x")])
    return chapter_aim_answer(q, {"a": doc}, ("a",))


def test_a_chapters_aim_comes_from_the_sentences_stating_it_not_its_sub_headings():
    ans = _aim("第二章要打造什么样的引擎？")
    assert "打造对外开放新引擎" in ans.answer and "建设开放平台" not in ans.answer
    assert ans.citations[0].heading_path[-1].startswith("第二章")


def test_a_chapter_without_a_lead_paragraph_answers_from_its_goal_sub_section():
    ans = _aim("第一章的目标是什么？")
    assert "到2025年，基本建成内陆开放示范区" in ans.answer and "2035" in ans.answer
    assert ans.citations[0].heading_path[-1] == "二、发展目标"


def test_only_a_question_asking_the_aim_of_a_numbered_part_is_taken():
    assert _aim("第二章有哪些内容？") is None
    assert _aim("开放新引擎要实现什么目标？") is None


# ------------------------------------------------------------------ nested lists


def test_a_box_group_asked_for_lists_its_items_not_the_groups(assistant):
    ans = assistant.ask("高新区专栏7-1里的隧道项目有哪些？")
    assert "虎溪隧道" in ans.answer and "大学城复线隧道" in ans.answer and "铁路工程项目" not in ans.answer


def test_a_box_asked_as_a_whole_lists_its_groups(assistant):
    ans = assistant.ask("高新区专栏7-1有哪些项目？")
    assert "隧道建设项目" in ans.answer and "铁路工程项目" in ans.answer


# ------------------------------------------------------------------ goals and states reached before the plan

PAST_PLAN = """第一章 发展现状
一、消费情况
“十三五”期间，甲县成品油消费量由8万余吨增加到2020年底的10万余吨。
2020年，全市成品油消费量约883万吨。
第二章 发展目标
到2025年，全市成品油消费量控制在900万吨以内。
"""


def test_a_state_reached_before_the_plans_period_is_not_a_goal():
    from assistant.answer.numeric import goal_answer
    from assistant.answer.understand import understand
    from assistant.ingest.parser import parse
    from assistant.types import DocMeta, RawDocument, SourceLine

    raw = RawDocument("p.txt", "txt", tuple(SourceLine(i, t) for i, t in enumerate(PAST_PLAN.split("\n"), 1)))
    doc = parse(raw, DocMeta("p", "某市“十四五”成品油发展规划（2021-2025年）"))
    assert {g.year for g in doc.goals} >= {"2020", "2025"}  # the parser still records both
    asked = understand("2020年全市成品油消费了多少？", [], [doc.meta], lambda t: [(t, "x")])
    assert goal_answer(asked, {"p": doc}, ("p",), ["成品油", "消费"]) is None  # the text handlers answer it
    target = understand("2025年成品油消费量目标是多少？", [], [doc.meta], lambda t: [(t, "x")])
    assert "900万吨" in goal_answer(target, {"p": doc}, ("p",), ["成品油", "消费量"]).answer


def test_every_name_as_rare_as_the_heaviest_term_must_be_named_by_a_number_line():
    from assistant.answer.terms import is_name_word, specific_terms

    weight = {"两江新区": 15.2, "外贸进出口": 15.2, "目标": 1.0, "首店": 7.6, "新开": 7.6}.get
    assert specific_terms(["两江新区", "外贸进出口", "目标"], weight) == ["两江新区", "外贸进出口"]
    assert specific_terms(["首店", "新开"], weight) == ["首店", "新开"]

    class Tagger:
        tags = {"外贸进出口": [("外贸进出口", "x")], "两江新区": [("两江新区", "ns")], "新开": [("新", "a"), ("开", "v")]}

        def tag(self, t):
            return self.tags[t]

    assert is_name_word("外贸进出口", Tagger()) and is_name_word("两江新区", Tagger())
    assert not is_name_word("新开", Tagger())  # an asker's word (新开 for the plan's 新增) need not be named

