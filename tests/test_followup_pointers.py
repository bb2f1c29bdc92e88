"""Follow-ups pointing back at what the earlier turn gave: where its passage is written (在哪一部分讲的), the item it
named (它 after 头一个是啥), the figure it gave (每年都要新增这么多？/ 是每年的吗: that figure's kind, and a yearly
figure of the same thing beside it), a section inside the chapter it asked of (第三节是啥), the place it was asked of
(到规划期末控制在多少座) and a year counted from the one it asked (第二年呢, 下一年呢). Conversations over small
hand-written plans with the fake embedder, each worded two or three ways, and the pure pieces they rest on."""

from __future__ import annotations

import pytest
from conftest import plans_assistant

from assistant.answer.figure_kind import ONE_YEAR, kind_claim, with_earlier_figures, yearly_clause
from assistant.answer.followups import merge_followup
from assistant.answer.scope import PlanScope
from assistant.answer.understand import (
    FIGURE_POINTER_RE,
    resolve,
    resolve_ordinal,
    turn_record,
    with_relative_year,
)
from assistant.text.tokenize import Tokenizer

OPENING = """样例区开放发展“十四五”规划

第一章 发展目标

到2025年，外贸进出口总额达到3700亿元，推进中小企业上云上平台，“云岫登云”用户达到2万家。

表1 样例区开放发展主要指标

| 序号 | 指标 | 单位 | 2020年 | 2025年 | 指标属性 |
| --- | --- | --- | --- | --- | --- |
| 1 | 外贸进出口总额 | 亿元 | 2900 | 3700 | 预期性 |
| 2 | 新增注册企业数量 | 个 | 【6700】 | 【10000】 | 预期性 |

注：带【】为五年累计数。

第二章 重点任务

一、扩大对外开放

专栏1 自贸试验区重点项目

1.探索发展“保税+”经济新模式：立足滨江步行街开展进口商品展示交易创新试点，发展保税新业态。
2.探索数字文化出口新模式：依托数字文化出口基地，培育数字文化出口企业。

二、平台赋能

实施“云岫登云”提质扩面工程，每年培育“云岫登云”用户6000家以上，打造一批上云标杆。

第三章 保障措施

第一节 加强组织领导

建立规划实施协调机制，明确责任分工。

第二节 加强政策支持

用好用活既有政策，整合各项优惠政策的叠加效应。

第三节 加强项目保障

加强全局性、战略性项目储备，建立重大项目库。
"""

SAVING = """样例省2024—2025年节能降碳行动方案

一、总体要求

2024年，非化石能源消费占比达到18.9%左右。2025年，非化石能源消费占比达到20%左右。

二、管理机制

（一）强化目标责任。各地区要压实节能降碳责任，加强考核评价。

（二）加大节能监察力度。加快健全省、市、县三级节能监察体系，到2024年底，各地区完成60%以上重点用能单位节能监察。
"""

STATIONS = """样例市加油站发展规划（2021—2025年）

一、总体布局

全市共布局90个综合能源站，其中，高速点数20个，国道和省道的布局点数50个，城区点数15个，专线点数5个。

表4-1 中心城区加油站发展规划汇总表

| 区县 | 现状站（座） | 规划期末（座） |
| --- | --- | --- |
| 东城区 | 40 | 52 |
| 西城区 | 30 | 41 |
| 中心城区合计 | 70 | 93 |

表4-2 中心城区以外其他区县加油站发展规划汇总表

| 区县 | 现状站（座） | 规划期末（座） |
| --- | --- | --- |
| 甲山县 | 34 | 59 |
| 乙水县 | 24 | 30 |
| 合计 | 58 | 89 |

二、区县布局

（一）甲山县

在现有在运营34座加油站基础上，全县新规划加油站18座，迁建2座，到规划期末，全县加油站总数控制在59座左右。

（二）乙水县

在现有在运营24座加油站基础上，全县新规划加油站6座，迁建1座，到规划期末，全县加油站总数控制在30座左右。
"""


@pytest.fixture(scope="module")
def plans(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("pointers"),
                           {"opening.txt": OPENING, "saving.txt": SAVING, "stations.txt": STATIONS})


def _turn(question: str, answer: str) -> list[dict]:
    return [{"question": question, "answer": answer}]


# ---------------------------------------------------------------- where the earlier answer is written


@pytest.mark.parametrize("follow", ["在哪一部分讲的", "这个出自哪一部分？", "在哪一节说的"])
def test_where_asked_alone_is_where_the_earlier_answers_passage_sits(plans, follow):
    history = _turn("样例省节能降碳行动方案里节能监察到24年底要完成多少", "各地区完成60%以上重点用能单位节能监察。")
    ans = plans.ask(follow, history)
    assert not ans.refused and "管理机制" in ans.answer, ans.answer
    assert "加大节能监察力度" in ans.answer, ans.answer  # the titled item holding the quoted sentence


# ---------------------------------------------------------------- 它: the item one asked by its place


@pytest.mark.parametrize("first, follow", [
    ("样例区自贸试验区重点项目专栏里头一个是啥", "它在哪儿搞试点"),
    ("样例区自贸试验区重点项目专栏里第一个是啥", "它在哪里开展试点？"),
    ("样例区专栏1里首个项目是什么", "那它在哪儿试点"),
])
def test_it_after_one_item_asked_by_its_place_is_that_item(plans, first, follow):
    ans = plans.ask(follow, _turn(first, "探索发展“保税+”经济新模式。"))
    assert not ans.refused and "滨江步行街" in ans.answer, ans.answer


def test_it_after_an_item_asked_by_its_words_is_not_the_answer_quoted():
    turn = turn_record("样例区自贸试验区有哪些重点项目", "探索发展“保税+”经济新模式。")
    assert not resolve_ordinal("它在哪儿搞试点", "样例区自贸试验区有哪些重点项目", turn)


# ---------------------------------------------------------------- the figure just given


@pytest.mark.parametrize("follow", ["每年都要新增这么多？", "这个数是每年的吗", "那么多是一年的量？"])
def test_a_figure_pointed_at_is_checked_for_its_kind_on_its_row(plans, follow):
    ans = plans.ask(follow, _turn("样例区新增注册企业目标多少", "10000个。"))
    first = ans.answer.replace("\\", "").split("\n")[0]
    assert not ans.refused and first.startswith("不是一年的数") and "【10000】" in first, ans.answer


@pytest.mark.parametrize("follow", ["是每年的吗", "这个数是一年的吗", "每年都要新增这么多？"])
def test_a_yearly_figure_of_the_same_thing_is_set_beside_the_figure_checked(plans, follow):
    ans = plans.ask(follow, _turn("样例区云岫登云用户要达到多少家", "到2025年达到2万家。"))
    assert not ans.refused and "2万家" in ans.answer and "6000家" in ans.answer, ans.answer


def test_the_earlier_figures_are_the_ones_a_check_writing_none_checks():
    assert with_earlier_figures("是每年的吗", "到2023年新增2万家。").startswith("是每年的吗（2万")
    assert with_earlier_figures("那个10000是每年的吗", "10000个。") == "那个10000是每年的吗"  # its own figure
    assert kind_claim("每年都要新增这么多？") == ONE_YEAR
    assert kind_claim("每年新增多少？") is None  # a yearly figure asked, no check


def test_a_yearly_clause_names_the_thing_and_a_figure_not_given_before():
    texts = ["新增“云岫登云”企业2万家。", "每年新增200家企业通过评估。", "每年培育“云岫登云”企业6000家以上。"]
    assert yearly_clause(texts, "云岫登云", "2万家") == (2, "每年培育“云岫登云”企业6000家以上")
    assert yearly_clause(["每年新增“云岫登云”企业2万家。"], "云岫登云", "2万家") is None  # the figure given
    assert yearly_clause(texts[:2], "云岫登云", "2万家") is None


def test_a_figure_pointer_asks_the_earlier_question_again():
    new = resolve("每年都要新增这么多？", "样例区新增注册企业目标多少", [("样例区", "x")])
    assert new == "样例区新增注册企业目标多少，每年都要新增这么多？"


# ---------------------------------------------------------------- a section of the chapter asked of


@pytest.mark.parametrize("first, follow, title", [
    ("样例区规划最后一章讲什么", "第三节是啥", "加强项目保障"),
    ("样例区规划第三章讲什么", "那第二节呢", "加强政策支持"),
    ("样例区规划最后一章是关于啥的", "第一节讲的什么", "加强组织领导"),
])
def test_a_section_asked_after_a_chapter_is_that_chapters_section(plans, first, follow, title):
    ans = plans.ask(follow, _turn(first, "保障措施。"))
    assert not ans.refused and title in ans.answer, ans.answer


def test_an_item_ordinal_after_a_sections_name_and_li_is_that_sections_item(plans):
    ans = plans.ask("第二条呢", _turn("节能降碳行动方案管理机制里第一条是啥", "强化目标责任。"))
    assert not ans.refused and "加大节能监察力度" in ans.answer, ans.answer


def test_a_section_asked_after_no_chapter_is_not_put_in_one():
    assert resolve_ordinal("第三节是啥", "样例区规划讲了哪些重点任务", turn_record("x", "")) is None


# ---------------------------------------------------------------- the place asked of, the year asked of


@pytest.mark.parametrize("follow", ["到规划期末控制在多少座？", "规划期末要控制到几座", "期末总数控制在多少"])
def test_a_question_naming_no_thing_keeps_the_place_asked_before(plans, follow):
    ans = plans.ask(follow, _turn("样例市加油站规划，甲山县现在在运营的有几座", "甲山县现有在运营加油站34座。"))
    assert not ans.refused and "59座" in ans.answer and "30座" not in ans.answer, ans.answer


SAVING_SCOPE = (PlanScope("s", (), False, frozenset(), (2024, 2025), ""),)


@pytest.mark.parametrize("follow, year", [("第二年呢？", "2025年"), ("下一年呢", "2025年"), ("次年的呢", "2025年")])
def test_a_year_counted_from_the_one_asked_is_written_as_that_year(follow, year):
    new = with_relative_year(follow, "节能方案里2024年非化石能源消费占比定的多少", [("节能方案", "s")], SAVING_SCOPE)
    assert year in new


def test_a_year_before_and_a_plan_year_out_of_the_period_are_read_as_such():
    aliases = [("节能方案", "s")]
    assert "2024年" in with_relative_year("上一年呢", "节能方案里2025年占比多少", aliases, SAVING_SCOPE)
    assert with_relative_year("第五年呢", "节能方案里2025年占比多少", aliases, SAVING_SCOPE) == "第五年呢"
    assert with_relative_year("下一年呢", "节能方案里占比多少", aliases, SAVING_SCOPE) == "下一年呢"  # no year asked


@pytest.mark.parametrize("follow", ["第二年呢？", "那下一年呢"])
def test_the_next_years_figure_is_answered(plans, follow):
    ans = plans.ask(follow, _turn("样例省节能降碳行动方案里24年非化石能源消费占比定的多少", "18.9%左右。"))
    assert not ans.refused and "20%" in ans.answer, ans.answer


# ---------------------------------------------------------------- the rest, a part of the total


@pytest.mark.parametrize("follow", ["其他区县加起来呢", "那其余区县加在一起呢", "剩下的区县合计多少座"])
def test_the_rest_summed_is_the_total_row_of_the_rests_table(plans, follow):
    ans = plans.ask(follow, _turn("样例市中心城区规划期末加油站合计多少座", "93座。"))
    assert not ans.refused and "89" in ans.answer and "93座" not in ans.answer, ans.answer


def test_the_rest_takes_the_place_of_the_thing_of_its_kind():
    tag = Tokenizer().tag
    assert merge_followup("其他区县加起来呢", "中心城区规划期末加油站合计多少座", tag) == "其他区县规划期末加油站合计多少座"
    assert merge_followup("那高速上呢", "中心城区规划期末加油站合计多少座", tag) != "其他区县规划期末加油站合计多少座"


@pytest.mark.parametrize("follow", ["高速上有几个", "那高速上布了几个？", "高速公路上几个"])
def test_a_count_of_a_part_after_a_total_is_the_figure_beside_the_total(plans, follow):
    ans = plans.ask(follow, _turn("样例市全市一共布局多少个综合能源站", "90个。"))
    assert not ans.refused and "20个" in ans.answer, ans.answer


# ---------------------------------------------------------------- a part after a first part following up

COUNTY = """样例县开放发展“十四五”规划

第一章 发展目标

表1 样例县开放发展主要指标

| 序号 | 指标 | 单位 | 2020年 | 2025年 | 指标属性 |
| --- | --- | --- | --- | --- | --- |
| 1 | 外贸进出口额 | 亿元 | 90.1 | 120 | 预期性 |
| 2 | 实际利用外资 | 亿美元 | 3.1 | 5 | 预期性 |
"""


@pytest.fixture(scope="module")
def two_plans(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("two"), {"opening.txt": OPENING, "county.txt": COUNTY})


@pytest.mark.parametrize("question, side", [("样例县那个规划25年的呢？跟样例区的目标比哪个大", "比哪个"),
                                            ("样例县规划2025年的呢？和样例区比哪个多", "")])
def test_a_later_part_takes_what_a_following_up_first_part_was_resolved_to_ask(two_plans, question, side):
    history = _turn("样例区开放规划外贸进出口总额25年目标多少", "3700亿元。")
    ans = two_plans.ask(question, history)
    compared = ans.answer[ans.answer.find(side):]  # the comparison part: both sides of the same measure
    assert not ans.refused and "120" in compared and "3700" in compared, ans.answer


@pytest.mark.parametrize("follow, previous, expected", [
    ("那2028到2029年呢", "实施步骤里26、2027年两年老旧小区计划改多少", "实施步骤里2028到2029年两年老旧小区计划改多少"),
    ("2028—2029年呢", "2026—2027年老旧小区改多少", "2028—2029年老旧小区改多少"),
    ("那2021年和2022年呢", "2023、2024年分别建多少座", "2021年和2022年分别建多少座"),
])
def test_a_span_of_years_takes_the_place_of_the_span_asked_before(follow, previous, expected):
    assert resolve(follow, previous, [], tagger=Tokenizer().tag) == expected


def test_one_year_still_takes_the_place_of_one_year():
    assert resolve("2020年呢", "2025年外贸多少", [], tagger=Tokenizer().tag) == "2020年外贸多少"


@pytest.mark.parametrize("text, points", [("这个数是每年的吗", True), ("那个数呢", True), ("每年都要新增这么多？", True),
                                          ("这个数字经济规划的目标是什么", False), ("这个数据哪来的", False)])
def test_a_figure_pointer_is_a_word_pointing_at_a_figure_not_the_start_of_a_name(text, points):
    assert bool(FIGURE_POINTER_RE.search(text)) is points
