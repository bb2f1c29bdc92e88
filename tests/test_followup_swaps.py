"""Follow-ups that swap a part of the area, name several siblings at once or point at the passage just quoted, a
table row asked for several of its columns, and a comparison whose sides never quote the issuing notice: on
small hand-written plans with the fake embedder."""

from __future__ import annotations

import pytest
from conftest import plans_assistant

from assistant.answer.extract import extractive, notice_sentences
from assistant.answer.multipart import split_plans
from assistant.answer.understand import first_passage, resolve, turn_record
from assistant.text.sentences import sentences
from assistant.types import Chunk, Hit, Turn

ENERGY_PLAN = """样例市新能源设施规划（2026—2030年）

第一章 发展现状

2024年全市公共充电桩1200个，其中城区公共充电桩800个，农村公共充电桩400个。

第二章 主要任务

一、推进光伏应用

在公共建筑屋顶建设分布式光伏电站，到2028年新增光伏装机容量20万千瓦。（责任单位：市能源局、住建局）

推进光伏与储能结合的建筑技术示范，探索光伏建筑一体化。（责任单位：市科技局、工信局）

二、完善充换电网络

表2-1 各镇充换电设施目标

| 地区 | 充电站（座） | 换电站（座） | 充电桩（根） |
| --- | --- | --- | --- |
| 东湖镇 | 3 | 2 | 40 |
| 新桥镇 | 5 | 1 | 60 |
"""

NOTICE_TEXT = ("样例省人民政府关于印发样例省绿色出行实施方案的通知各市人民政府：\n"
               "现将《样例省绿色出行实施方案》印发给你们，请认真组织实施。\n"
               "到2030年，全省绿色出行比例达到70%。")


@pytest.fixture(scope="module")
def energy(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("swaps"), {"energy.txt": ENERGY_PLAN})


# ---------------------------------------------------------------- a part of the area swapped

def test_a_follow_up_naming_only_another_part_of_the_area_swaps_it_in_place():
    new = resolve("那农村呢？", "样例县2024年全县充电桩覆盖率是多少？", [("样例县", "x")])
    assert new == "样例县2024年农村充电桩覆盖率是多少？"
    new = resolve("省道上呢？", "样例县现有站点里国道上有几个？", [("样例县", "x")])
    assert new == "样例县现有站点里省道上有几个？"


def test_a_part_of_the_area_is_not_swapped_when_unclear_which_or_more_is_asked():
    new = resolve("那乡镇呢？", "样例市城区和农村各有几座？", [("样例市", "x")])
    assert "乡镇和农村" not in new and "城区和乡镇" not in new
    # 县城 and 城区 overlap in 样例县城区: neither is swapped
    assert "样例高速区" not in resolve("那高速上呢？", "样例县城区有几座？", [("样例县", "x")])
    assert resolve("那农村呢？", "样例市中心城区有几座？", [("样例市", "x")]) == "样例市农村有几座？"
    new = resolve("那国道上的放在哪条路？", "样例县城区一共布几个站", [("样例县", "x")])
    assert "哪条路" in new and "一共布几个站" not in new


def test_the_swapped_part_of_the_area_is_answered_from_the_figure_that_names_it(energy):
    first = energy.ask("样例市2024年全市公共充电桩有多少个？")
    assert "1200" in first.answer
    a = energy.ask("那农村呢？", [("样例市2024年全市公共充电桩有多少个？", first.answer)])
    assert not a.refused and "400" in a.answer


# ---------------------------------------------------------------- several siblings at once

def test_a_follow_up_naming_several_siblings_asks_the_same_question_of_them_all():
    new = resolve("那公务车和出租车呢？", "样例县规划的电动公交车充电桩多少根？", [("样例县", "x")])
    assert new == "样例县规划的电动公务车和出租车充电桩多少根？"


def test_a_row_asked_for_two_of_its_columns_answers_both_cells(energy):
    a = energy.ask("表2-1里新桥镇要建几座换电站和充电桩？")
    assert not a.refused and "1座" in a.answer and "60根" in a.answer and "5座" not in a.answer


def test_a_follow_up_naming_two_columns_of_the_row_just_asked_gets_both(energy):
    q = "表2-1里东湖镇要建几座充电站？"
    first = energy.ask(q)
    assert "3座" in first.answer
    a = energy.ask("换电站和充电桩呢？", [(q, first.answer)])
    assert "2座" in a.answer and "40根" in a.answer


# ---------------------------------------------------------------- 这条: the passage just quoted

def test_a_turn_keeps_the_passage_its_answer_quoted_first():
    assert first_passage("**样例市**：到2028年新增光伏装机容量20万千瓦。 [1]\n其他") == "到2028年新增光伏装机容量20万千瓦。"
    assert turn_record("光伏装多少", "**样例市**：新增20万千瓦。 [1]").passage == "新增20万千瓦。"
    assert turn_record("光伏装多少", "x", passage="原文一句。").passage == "原文一句。"


def test_this_item_points_at_the_passage_the_previous_answer_quoted():
    turn = Turn("样例市光伏要装多少？", "**样例市**：到2028年新增光伏装机容量20万千瓦。 [1]",
                passage="到2028年新增光伏装机容量20万千瓦。")
    new = resolve("这项由哪些单位负责？", "样例市光伏要装多少？", [("样例市", "x")], turn)
    assert "新增光伏装机容量20万千瓦" in new and "由哪些单位负责" in new and "要装多少" not in new


def test_the_bodies_responsible_are_those_of_the_quoted_passage_not_another_on_its_topic(energy):
    history = [("样例市光伏要装多少？", "到2028年新增光伏装机容量20万千瓦。")]
    a = energy.ask("这条的责任单位有哪些？", history)
    assert "市能源局" in a.answer and "市科技局" not in a.answer


def test_where_this_part_is_asked_after_an_answer_is_where_the_quoted_passage_is(energy):
    # 这部分 leading a where-is-it question: the passage the previous answer quoted, not a passage of its own
    turn = Turn("样例市光伏和储能怎么结合？", "推进光伏与储能结合的建筑技术示范，探索光伏建筑一体化。",
                passage="推进光伏与储能结合的建筑技术示范，探索光伏建筑一体化。")
    new = resolve("这部分在规划第几章第几节？", "样例市光伏和储能怎么结合？", [("样例市", "x")], turn)
    assert "光伏与储能结合的建筑技术示范" in new and "第几章第几节" in new
    history = [("样例市光伏和储能怎么结合？", "推进光伏与储能结合的建筑技术示范，探索光伏建筑一体化。")]
    a = energy.ask("这部分在规划第几章第几节？", history)
    assert "推进光伏应用" in a.answer and "主要任务" in a.answer


def test_who_leads_after_a_new_question_in_the_chain_keeps_the_plan_and_the_item(energy):
    # the second turn names no plan (a new question, not elliptical): the chain keeps the first turn's plan, and
    # 牵头的是谁 asks who leads the item just asked about
    history = [("样例市新能源设施规划主要任务有几条", "两条：推进光伏应用、完善充换电网络。"),
               ("光伏与储能结合的示范具体说啥", "推进光伏与储能结合的建筑技术示范，探索光伏建筑一体化。")]
    a = energy.ask("牵头的是谁", history)
    assert "市科技局" in a.answer and "市能源局" not in a.answer


# ---------------------------------------------------------------- comparisons

def _two_plans(text: str):
    """split_plans over a question naming 样例市 (a city plan) and 样例省 (a province plan) by their places."""
    a, b = text.find("样例市"), text.find("样例省")
    return split_plans(text, ((a, a + 3, "city"), (b, b + 3, "prov")), ("city", "prov"),
                       {"city": "样例市", "prov": "样例省"},
                       {"city": "样例市新能源设施规划（2026—2030年）", "prov": "样例省绿色出行实施方案"})


def test_words_of_a_plans_own_title_after_its_place_name_belong_to_that_plan():
    parts = _two_plans("充电设施上，样例市新能源设施和样例省绿色出行各提了什么？")
    assert parts is not None and parts.labels == ("样例市新能源设施", "样例省绿色出行")
    assert all(q.endswith("提了什么？") for q in parts.questions)
    # each part names its plan by the title (an alias, so not a key term of that plan's part)
    assert parts.questions == ("充电设施上，样例市新能源设施规划（2026—2030年）提了什么？", "充电设施上，样例省绿色出行实施方案提了什么？")


def test_a_plan_followed_by_its_own_thing_keeps_the_words_its_title_shares():
    parts = _two_plans("比较样例市新能源设施数量与样例省绿色出行比例")
    assert parts is not None and "新能源设施数量" in parts.questions[0] and "绿色出行比例" in parts.questions[1]


def test_a_year_inside_a_documents_title_is_no_year_the_text_speaks_of():
    from assistant.answer.answerability import years_covered

    assert 2030 not in years_covered("落实《2030年前碳达峰行动方案》有关部署")
    assert 2030 in years_covered("到2030年，绿色出行比例达到70%")


def test_the_issuing_notice_is_never_quoted_as_what_a_plan_says():
    sents = sentences(NOTICE_TEXT)
    assert notice_sentences(sents) == {0, 1}
    assert notice_sentences(sents[2:]) == set()
    chunk = Chunk("prov:1", "prov", "section", "prov:1", ("（文首）",), NOTICE_TEXT, NOTICE_TEXT)
    part = extractive([Hit(chunk, 1.0, 0)], ["绿色出行", "实施方案"], False)
    assert part.lines and all("印发" not in ln for ln in part.lines)
    assert any("70%" in ln for ln in part.lines)


def test_who_and_when_asked_after_a_project_are_asked_of_it():
    new = resolve("谁负责？啥时候建", "样例市项目表里北山至南湖高速总投资多少？", [("样例市", "x")])
    assert "北山至南湖高速" in new and "谁负责" in new and "啥时候建" in new
