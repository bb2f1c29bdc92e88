"""Five classes of question that a blind set found refused or answered with a near miss, each asked in several
wordings over small hand-written plans: a goal asked as the state it ends in (做到啥程度, 什么样的格局) or as a
plan's outlook to a year past its period; the places a one-paragraph 专栏 names and the rows (table cells or
parallel sentences) that have none of a thing; who leads a body and where its office sits, asked together; a
figure of a part (公共机构) for one asked of the whole (全国), and a row the named indicator table lacks; a follow-up
switching the method (换成Logistic法) or asking a part of the total just given (这里面新规划的)."""

from __future__ import annotations

import pytest
from conftest import plans_assistant

from assistant.answer.multipart import split_parts
from assistant.answer.understand import resolve
from assistant.text.tokenize import Tokenizer

CITY_PLAN = """样例市充电设施专项规划（2026—2030年）

第一章 规划方案

一、规划目标

按照全省统一部署，在全市范围内分阶段构建“城乡联通，南北联动，区域全覆盖”的充电网络发展格局，形成布局合理、功能完善的充电服务体系。

二、重点任务

（一）推进乡镇充电网络建设

结合县城城镇化建设，补齐乡镇充电设施短板。鼓励在乡镇和有需求的村组建设公用充电设施，加快实现充电站“镇镇全覆盖”、充电桩“村村通”。

（二）各县布局情况

甲县充电站布局12个，其中，高速上4个，国道上3个，城区5个。

乙县充电站布局6个，其中，国道上2个，城区4个。

丙县充电站布局8个，其中，高速上2个，省道上3个，城区3个。

丁县充电站布局5个，其中，国道上3个，城区2个。

戊县充电站布局9个，其中，高速上3个，国道上6个。

专栏1 充电服务平台建设工程
建设市级充电服务监管平台，力争建成1个市级平台。支持甲县、丙县、戊县等地建设县级充电服务平台，到2030年全部接入市级平台。

（三）换电站布局

表2-1 各县换电站规划汇总表

| 县 | 现状站（座） | 新规划（座） | 迁建（座） | 合计（座） |
| --- | --- | --- | --- | --- |
| 甲县 | 10 | 2 | 1 | 13 |
| 乙县 | 8 | 0 | 1 | 9 |
| 丙县 | 6 | 3 | 0 | 9 |
| 丁县 | 5 | 0 | 0 | 5 |
| 合计 | 29 | 5 | 2 | 36 |

三、保障措施

（一）加强组织领导。成立市充电设施建设工作组，统筹推进规划实施。工作组办公室设在市发展改革委，负责日常工作。

附件
市充电设施建设工作组名单

组　长：张明 市长

副组长：李强 副市长
"""

NATIONAL_PLAN = """“十四五”样例节能规划

一、发展目标

到2025年，单位国内生产总值能源消耗比2020年下降13.5%，公共机构煤炭消费占比降至10%以下，节能体系基本建立。

表1 “十四五”节能主要指标

| 序号 | 指标 | 单位 | 2020年 | 2025年 | 指标属性 |
| --- | --- | --- | --- | --- | --- |
| 1 | 单位国内生产总值能源消耗降低 | % | — | 13.5 | 约束性 |
| 2 | 规模以上工业单位增加值能耗降低 | % | — | 13.5 | 约束性 |

展望2035年，节能体系全面建成，能源利用效率位居世界前列，绿色生产生活方式广泛形成。

二、重点任务

（一）公共机构节能。推动公共机构带头使用新能源汽车，到2025年新增公务用车中新能源汽车比例不低于30%。
"""


@pytest.fixture(scope="module")
def plans(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("states"), {"city.txt": CITY_PLAN, "national.txt": NATIONAL_PLAN})


# ---------------------------------------------------------------- (a) a goal asked as the state it ends in

@pytest.mark.parametrize("question", [
    "样例市充电规划最后想搭成一个什么样的充电网络格局？",
    "样例市充电设施最终要形成怎样的发展格局",
    "样例市充电网络规划要构建啥样的格局",
])
def test_a_goal_asked_as_its_shape_is_the_sentence_forming_it(plans, question):
    a = plans.ask(question)
    assert not a.refused and "区域全覆盖" in a.answer, a.answer


@pytest.mark.parametrize("question", [
    "样例市乡镇充电这块最后要做到啥程度",
    "样例市乡镇充电设施建设最终要达到什么程度？",
    "样例市乡镇的充电网络最后要搞成什么样",
])
def test_a_topics_end_state_is_the_aim_sentence_about_it(plans, question):
    a = plans.ask(question)
    assert not a.refused and "镇镇全覆盖" in a.answer, a.answer


@pytest.mark.parametrize("question", [
    "“十四五”样例节能规划对2035年是如何展望的？",
    "十四五样例节能规划里2035年的远景是什么",
    "样例节能规划展望2035年要达到什么样",
])
def test_a_plans_outlook_past_its_period_answers_a_year_it_names(plans, question):
    a = plans.ask(question)
    assert not a.refused and "位居世界前列" in a.answer, a.answer


# ---------------------------------------------------------------- (b) places inside a box, rows with none

@pytest.mark.parametrize("question", [
    "样例市充电服务平台那个专栏，点名支持哪几个县建平台？",
    "样例市专栏1支持哪些县建设县级充电服务平台",
    "充电服务平台建设工程专栏里哪些地方要建县级平台",
])
def test_the_places_a_one_paragraph_box_names_are_its_enumerating_sentence(plans, question):
    a = plans.ask(question)
    assert all(p in a.answer for p in ("甲县", "丙县", "戊县")), a.answer


@pytest.mark.parametrize("question", [
    "样例市哪几个县一个高速上的充电站都没有？",
    "样例市规划里哪些县没有布局高速上的充电站",
    "样例市哪些县没在高速上布充电站",
])
def test_the_rows_with_none_of_a_thing_are_the_parallel_sentences_not_naming_it(plans, question):
    a = plans.ask(question)
    assert not a.refused and "乙县" in a.answer and "丁县" in a.answer, a.answer
    assert "甲县" not in a.answer and "戊县" not in a.answer


@pytest.mark.parametrize("question", [
    "样例市表2-1里哪些县没有新规划的换电站",
    "样例市换电站规划中哪几个县新规划一座都没有",
])
def test_the_rows_with_none_in_a_column_are_its_zero_cells(plans, question):
    a = plans.ask(question)
    assert not a.refused and "乙县" in a.answer and "丁县" in a.answer, a.answer
    assert "甲县" not in a.answer and "丙县" not in a.answer


# ---------------------------------------------------------------- (c) who leads, and where, asked together

def test_who_and_where_joined_by_a_comma_are_two_asks():
    assert len(split_parts("样例市充电设施建设工作组组长是谁，办公室放在哪", []).questions) == 2
    assert len(split_parts("工作组组长是谁，办公室设在哪个部门", []).questions) == 2


@pytest.mark.parametrize("question", [
    "样例市充电设施建设工作组组长是谁，办公室放在哪",
    "样例市充电设施建设工作组由谁牵头？办公室设在哪个部门",
])
def test_who_leads_a_body_is_answered_with_the_names_not_a_location(plans, question):
    a = plans.ask(question)
    assert "张明" in a.answer and "市发展改革委" in a.answer, a.answer


# ---------------------------------------------------------------- (d) near misses: a part for the whole, a row

@pytest.mark.parametrize("question", [
    "样例节能规划要求全国煤炭消费占比到2025年降到多少？",
    "十四五样例节能规划里全国的煤炭消费占比2025年目标是多少",
])
def test_a_figure_of_the_whole_is_not_answered_by_a_parts_figure(plans, question):
    a = plans.ask(question)
    assert a.refused and a.reason == "missing_whole", a.answer
    assert "公共机构" in a.answer  # the refusal says whose figure the plan gives


def test_the_parts_own_figure_is_still_answered(plans):
    a = plans.ask("样例节能规划里公共机构煤炭消费占比到2025年降到多少")
    assert not a.refused and "10%" in a.answer, a.answer


@pytest.mark.parametrize("question", [
    "样例节能规划的指标表里，公共机构煤炭消费占比2025年目标是多少？",
    "样例节能规划主要指标表中新能源公务用车比例2025年要到多少",
])
def test_a_row_the_named_indicator_table_lacks_is_refused_not_read_from_text(plans, question):
    a = plans.ask(question)
    assert a.refused and a.reason == "absent_indicator", a.answer


def test_a_row_the_named_indicator_table_holds_is_answered(plans):
    a = plans.ask("样例节能规划指标表里规模以上工业单位增加值能耗降低2025年目标是多少")
    assert not a.refused and "13.5" in a.answer, a.answer


# ---------------------------------------------------------------- (e) a follow-up switching method or part

@pytest.mark.parametrize("text", ["换成Logistic法算呢，2025年多少？", "换成Logistic法呢", "如果是趋势外推法呢"])
def test_a_follow_up_switching_the_method_replaces_the_previous_one(text):
    new = resolve(text, "样例县用弹性系数法预测，2025年保有量是多少？", [("样例县", "x")], tagger=Tokenizer().tag)
    assert "弹性系数法" not in new and "2025年保有量是多少" in new, new
    assert ("Logistic法" in new) or ("趋势外推法" in new)


@pytest.mark.parametrize("text", ["这里面新规划的有几座？", "这里头新规划的有几座", "那当中新规划的是多少"])
def test_a_part_of_the_total_just_counted_keeps_its_row(text):
    new = resolve(text, "样例市表2-1里丙县合计多少座？", [("样例市", "x")], tagger=Tokenizer().tag)
    assert "丙县" in new and "新规划" in new, new


def test_a_part_of_the_total_is_answered_from_its_row(plans):
    history = [{"question": "样例市表2-1里丙县合计多少座？", "answer": plans.ask("样例市表2-1里丙县合计多少座？").answer}]
    a = plans.ask("这里面新规划的有几座？", history)
    assert not a.refused and "3座" in a.answer, a.answer
