"""Two asks or two sides in one message: 分别 compares only the sides a question names (of one subject naming no
plan it asks the several figures one plan states), a later part naming no row keeps the row the earlier part
asked of, a side's indicator row counted under another name (外资企业 in 个 for 外资企业数) is that side's
answer, and everyday words reach the plan's measure (预测 as 预计, 销量 as 零售量). Pure rules, and small
hand-written plans with the fake embedder."""

from __future__ import annotations

import pytest
from conftest import plans_assistant

from assistant.answer.quantity import asked_kind, several_values
from assistant.answer.understand import classify, without_asker

# ---------------------------------------------------------------- rules


@pytest.mark.parametrize("question", ["公共机构到2025年底要降的几个指标分别是多少？",
                                      "公共机构那几项降耗指标分别定的多少",
                                      "这一节的三个目标分别是什么"])
def test_each_with_no_two_sides_named_compares_nothing(question):
    assert classify(question, 0)[1] is False


@pytest.mark.parametrize("question", ["高新区跟渝中的外资企业数，2025年目标分别是多少？",
                                      "2020年和2025年分别是多少",
                                      "甲县、乙县的加油站分别有多少座",
                                      "两个区的外资企业数分别是多少"])
def test_each_after_two_sides_named_compares_them(question):
    assert classify(question, 0)[1] is True


@pytest.mark.parametrize(("question", "several"), [("要降的几个指标分别是多少", True),
                                                   ("几项指标各定了多少", True),
                                                   ("要建几个充电站", False),
                                                   ("建几个充电站，投资多少", False),
                                                   ("重点项目一共几个，总投资合计多少亿", False)])
def test_counted_things_whose_values_are_asked_ask_no_count(question, several):
    assert several_values(question) is several
    assert (asked_kind(question) is None) is several


@pytest.mark.parametrize(("text", "kept"), [("机关事务这边问：公共机构要降几个指标", "公共机构要降几个指标"),
                                            ("教育口这边想问一下，学校要建几所", "学校要建几所"),
                                            ("开州区这边问：新规划几座", "开州区，新规划几座"),
                                            ("新规划几座", "新规划几座")])
def test_the_office_the_asker_speaks_for_is_no_topic_but_a_place_is_kept(text, kept):
    assert without_asker(text) == kept


# ---------------------------------------------------------------- small plans

SAVING = """样例节能降碳行动方案（2024—2025年）

一、重点任务

（一）建筑节能降碳行动

到2025年底，城镇新建建筑全面执行绿色建筑标准，新建公共机构建筑屋顶光伏覆盖率力争达到50%。

（二）公共机构节能降碳行动

1.加强公共机构节能降碳管理。各级机关事务管理部门每年要将机关节能目标责任评价考核结果报告同级人民政府。到2025年底，公共机构单位建筑面积能耗、单位建筑面积碳排放、人均综合能耗分别较2020年降低5%、7%、6%。

2.实施公共机构节能降碳改造。到2025年底，公共机构煤炭消费占比降至13%以下。
"""

STATIONS = """样例县成品油零售体系发展规划（2026—2030年）

一、发展现状

截至2024年底，全县现有加油站共计48座，年销售总量6.90万吨。

二、需求预测

按照单站年均零售量控制在1500～1700吨计算，2030年成品油零售量将达到9.07万吨，预计全县2030年前需要加油站数量为69座。

三、发展目标

到2028年，全县加油站布局基本合理。
"""

GAOXIN = """甲区内陆开放高地建设“十四五”规划

一、主要指标

表1 甲区内陆开放高地建设主要指标

| 序号 | 指标 | 2020年 | 2025年 | 属性 |
| --- | --- | --- | --- | --- |
| 1 | 外资企业数（家） | 80 | 200 | 预期性 |
| 2 | 外贸进出口总额（亿元） | 1200 | 2000 | 预期性 |
"""

YUZHONG = """乙区“十四五”建设内陆开放高地规划

一、主要指标

表1 乙区内陆开放高地主要指标

| 序号 | 指标 | 单位 | 2020年 | 2025年 |
| --- | --- | --- | --- | --- |
| 1 | 外资企业 | 个 | 1014 | 1200 |
| 2 | 外贸进出口额 | 亿元 | 90 | 120 |
"""

COUNTIES = """样例市成品油零售加油站发展规划（2021—2025年）

一、布局方案

表4-2 各区县加油站发展规划汇总表

| 区县 | 现状站（座） | 本次规划（座） | 规划期末（座） |
| --- | --- | --- | --- |
| 东江区 | 68 | 32 | 107 |
| 西岭区 | 40 | 11 | 53 |
| 合计 | 108 | 43 | 160 |
"""


@pytest.fixture(scope="module")
def plans(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("two_sides"), {
        "saving.txt": SAVING, "stations.txt": STATIONS, "gaoxin.txt": GAOXIN, "yuzhong.txt": YUZHONG,
        "counties.txt": COUNTIES})


@pytest.mark.parametrize("question", ["公共机构到2025年底要降的几个指标分别是多少？",
                                      "机关事务这边问：公共机构到2025年底要降的几个指标分别是多少？",
                                      "公共机构到2025年底要降的几个指标是多少"])
def test_several_figures_of_one_subject_are_answered_from_the_one_plan_stating_them(plans, question):
    a = plans.ask(question)
    assert not a.refused and all(f in a.answer for f in ("5%", "7%", "6%")), a.answer
    assert {c.doc_id for c in a.citations} == {"saving"}, a.answer


@pytest.mark.parametrize("question", ["样例县预测2030年卖多少成品油？",
                                      "样例县预测到2030年成品油销量多少",
                                      "样例县预计2030年成品油销售量是多少"])
def test_everyday_words_for_a_measure_reach_the_plans_sentence(plans, question):
    a = plans.ask(question)
    assert not a.refused and "9.07万吨" in a.answer, a.answer


@pytest.mark.parametrize("question", ["甲区跟乙区的外资企业数，2025年目标分别是多少？",
                                      "甲区和乙区外资企业数2025年目标各是多少",
                                      "乙区外资企业数2025年目标是多少？"])
def test_a_sides_row_counting_the_measure_under_another_name_answers_it(plans, question):
    a = plans.ask(question)
    assert not a.refused and "1200个" in a.answer and "没有找到" not in a.answer, a.answer


def test_a_row_alike_but_of_another_measure_still_does_not_answer():
    from assistant.answer.numeric import same_measure
    from assistant.types import IndicatorRow

    def row(name, unit):
        return IndicatorRow("d", "t", None, None, name, unit, None, None, None, None, None, None, None, False, (), (),
                            "s", None, (), (), 0)

    assert same_measure(row("外资企业", "个"), row("外资企业数", "家"))
    assert not same_measure(row("外贸进出口额", "亿元"), row("外贸进出口企业数", "家"))
    assert not same_measure(row("外贸进出口额", "亿元"), row("外贸进出口量", "万吨"))


@pytest.mark.parametrize("question", ["样例市加油站规划，东江区规划期末一共多少座？新规划几座",
                                      "东江区到规划期末一共多少座？新规划的有几座",
                                      "样例市加油站规划里东江区期末总共几座？本次规划多少座"])
def test_a_later_part_naming_no_row_keeps_the_row_the_first_part_asked_of(plans, question):
    a = plans.ask(question)
    assert "107座" in a.answer and "32座" in a.answer and "43座" not in a.answer, a.answer


@pytest.mark.parametrize(("question", "said", "unsaid"), [("东江区规划期末一共多少座", "107座", "160座"),
                                                          ("西岭区到规划期末总共几座", "53座", "160座"),
                                                          ("样例市加油站规划东江区规划期末多少座，合计多少", "160座", "")])
def test_a_total_word_beside_a_named_row_asks_all_of_that_row_not_the_tables_total(plans, question, said, unsaid):
    a = plans.ask(question)
    assert said in a.answer and (not unsaid or unsaid not in a.answer), a.answer
