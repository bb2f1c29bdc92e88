"""A topic asked of a named part of a plan ("保障措施里对资金是怎么讲的", "最后工作机制那部分对钱怎么说"): the
item of that part about the topic, with its sentences and cited by its heading, not the part's list of items nor a
sentence from elsewhere; everyday words (钱, 地) read as the plans' words; a list of the part's items asked as
有哪些 stays a list (assistant/answer/parttopic.py). Fast: a hand-written plan and the hashing embedder."""

from __future__ import annotations

import pytest
from conftest import plans_assistant

from assistant.answer.multipart import split_questions
from assistant.answer.parttopic import asked_part, everyday_terms, part_topic_answer, topic_cover
from assistant.answer.synonyms import present, synonyms

PLAN = """青川市新能源汽车充电设施发展规划（2024—2030年）

第一章 发展基础

全市已建成公共充电桩3200个。市财政累计安排充电设施建设资金1.2亿元，建成集中式充电站45座。

第二章 重点任务

一、完善公共充电网络

在高速公路服务区和城市主干道建设快充站，新建公共充电桩5000个。

二、推进居住区充电设施建设

新建住宅小区停车位全部预留充电设施安装条件，老旧小区结合改造加装充电桩。

第三章 保障措施

一、加强组织领导

成立市充电设施建设工作领导小组，统筹推进规划实施。各区县政府是本地充电设施建设的责任主体。

二、加大资金支持

设立充电设施建设专项资金，对公共充电站按设备投资额给予补助。鼓励社会资本参与充电设施投资运营，支持符合条件的企业发行绿色债券。

三、强化用地保障

将独立占地的集中式充电站用地纳入公用设施营业网点用地，优先安排土地供应。鼓励利用既有停车场配建充电设施，无需单独办理用地手续。

四、加强人才支撑

支持职业院校开设新能源汽车相关专业，培养充电设施运维人才。

第四章 工作机制

（一）建立联席会议制度

市发展改革委牵头建立联席会议制度，定期调度工作进展。

（二）加大财政政策支持

各区县要将充电设施建设纳入财政预算，落实峰谷分时电价政策。

（三）严格考核评估

将充电设施建设纳入年度目标考核，定期开展规划实施评估。
"""

MONEY_ITEM = "加大资金支持"
LAND_ITEM = "强化用地保障"
BUDGET_ITEM = "加大财政政策支持"


@pytest.fixture(scope="module")
def planner(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("parttopic"), {"charging.txt": PLAN})


def _items_listed(answer: str) -> int:
    return sum(item in answer for item in ("加强组织领导", MONEY_ITEM, LAND_ITEM, "加强人才支撑"))


@pytest.mark.parametrize("question", ["青川充电规划保障措施里对资金是怎么讲的？",
                                      "青川充电规划保障措施那块对钱怎么说",
                                      "青川充电规划第三章里，资金这块是怎么讲的"])
def test_money_asked_of_the_safeguards_is_their_money_item(planner, question):
    ans = planner.ask(question)
    assert not ans.refused
    assert MONEY_ITEM in ans.answer and "专项资金" in ans.answer and "绿色债券" in ans.answer
    assert "1.2亿元" not in ans.answer  # money said in another part of the plan
    assert _items_listed(ans.answer) == 1  # the item, not the part's list of items
    assert any(MONEY_ITEM in " ".join(c.heading_path) for c in ans.citations)


@pytest.mark.parametrize("question", ["青川充电规划保障措施里，充电站用地是怎么说的？",
                                      "青川充电规划保障措施那块对地是怎么说的",
                                      "青川充电规划保障措施中土地怎么保障"])
def test_land_asked_of_the_safeguards_is_their_land_item(planner, question):
    ans = planner.ask(question)
    assert not ans.refused
    assert LAND_ITEM in ans.answer and "公用设施营业网点用地" in ans.answer
    assert _items_listed(ans.answer) == 1


@pytest.mark.parametrize("question", ["青川充电规划最后工作机制那部分，对钱是怎么说的？是哪一条？",
                                      "青川充电规划最后那部分对钱怎么讲",
                                      "青川充电规划最后一章里对钱是怎么说的"])
def test_the_last_part_is_pointed_at_and_money_read_as_its_budget_item(planner, question):
    ans = planner.ask(question)
    assert not ans.refused
    assert BUDGET_ITEM in ans.answer and "纳入财政预算" in ans.answer  # 钱 -> 财政 (a synonym row)
    assert MONEY_ITEM not in ans.answer  # the safeguards' money item is in another part


@pytest.mark.parametrize("question", ["青川充电规划保障措施有哪些？", "青川充电规划保障措施有几条？分别是什么",
                                      "青川充电规划的保障措施都包括哪几个方面"])
def test_the_parts_items_asked_stay_a_list(planner, question):
    ans = planner.ask(question)
    assert _items_listed(ans.answer) == 4
    assert ans.answer.count("\n- ") >= 4


def test_a_topic_the_part_does_not_say_is_not_its_to_answer(planner):
    ctx = _ctx(planner, "青川充电规划保障措施里对碳排放交易怎么说")
    assert _part_topic(ctx) is None
    ctx = _ctx(planner, "青川充电规划保障措施里对钱怎么说")
    assert _part_topic(ctx) is not None


def test_a_part_is_named_by_number_pointer_last_or_title(planner):
    doc = planner.documents[0]
    for question, title, scoped in [("第三章里对资金怎么说", "第三章 保障措施", True),
                                    ("工作机制那部分对钱怎么说", "第四章 工作机制", True),
                                    ("最后那部分对钱怎么说", "第四章 工作机制", True),
                                    ("保障措施里对资金怎么说", "第三章 保障措施", True),
                                    ("规划有哪些保障措施涉及资金", "第三章 保障措施", False)]:
        ctx = _ctx(planner, question)
        asked = asked_part(ctx.question, doc, ctx.docs, list(ctx.metas), list(ctx.terms))
        assert asked is not None and asked.section.path[-1] == title and asked.scoped == scoped, question


def test_everyday_one_character_words_stand_for_the_plans_words_only():
    assert everyday_terms(["对", "钱", "是", "怎么", "说"]) == ["钱"]
    assert everyday_terms(["保障", "地"]) == ["地"]
    assert "资金" in synonyms("钱") and "用地" in synonyms("地")
    assert "钱" not in synonyms("资金") and "地" not in synonyms("用地")  # one character is no word of a text
    assert not present("用地", "各地区加强统筹")
    assert present("用地", "优先安排土地供应")
    assert topic_cover(["钱"], "设立专项资金", len) == 1.0 and topic_cover(["地"], "各地区加强统筹", len) == 0.0


def test_which_item_said_it_is_the_same_question_not_a_second():
    assert split_questions("工作机制那部分，对钱是怎么说的？是哪一条？") == ["工作机制那部分，对钱是怎么说的？是哪一条？"]
    assert len(split_questions("充电站建多少座？在哪一章？")) == 2


def _ctx(planner, question: str):
    from assistant.answer.context import build_context

    return build_context(question, [], planner.documents, planner.retriever, planner.tokenizer)


def _part_topic(ctx):
    from assistant.answer.compose import part_topic

    return part_topic(ctx)


def test_part_topic_answer_needs_a_topic_beyond_the_parts_name(planner):
    ctx = _ctx(planner, "保障措施里对资金怎么说")
    ans = part_topic_answer(ctx.question, ctx.docs, ctx.scope, list(ctx.metas), ["保障措施"])
    assert ans is None
    ans = part_topic_answer(ctx.question, ctx.docs, ctx.scope, list(ctx.metas), ["保障措施", "资金"])
    assert ans is not None and MONEY_ITEM in ans.answer
