"""Follow-ups and sub-parts over table rows and figures: a follow-up changing one slot of a row × column question
keeps the other (吉林市呢 after 长春市's 充电桩; 那高新区呢？里面新规划的有几座 after 渝中区's 规划期末); a 其中 sub-part is
the sub-figure of the same thing, stated beside its total; a one-character typo inside a thing's name; a where-is-it
question carrying a figure (…降到多少的要求，在方案哪个部分) is one question. Small hand-written plans with the fake
embedder, each worded two or three ways, and the pure pieces."""

from __future__ import annotations

import pytest
from conftest import plans_assistant

from assistant.answer.homophones import SoundMap, correct
from assistant.answer.multipart import split_parts

CHARGING = """吉林省电动汽车充换电基础设施发展规划（2021-2025年）

三、发展目标

（三）区域目标

表3-1 “十四五”充换电设施分区域发展目标

| 地区 | 充电站(座) | 换电站(座) | 充电桩(根) | 核心区公共设施服务半径 |
| --- | --- | --- | --- | --- |
| 长春市 | 27 | 75 | 2645 | 1.0公里 |
| 吉林市 | 9 | 9 | 1060 | 1.5公里 |
| 四平市 | 5 | 7 | 512 | 2.0公里 |
| 总计 | 41 | 91 | 4217 | |
"""

CHARGING_TURN = ("表3-1里长春市十四五要新建多少根充电桩？", "长春市规划充电站27座、换电站75座、充电桩2645根，核心区服务半径1.0公里。")

STATIONS = """样例市成品油零售加油站“十四五”发展规划

第四章 布局规划

4.1 汇总

表4-1 中心城区加油站发展规划汇总表

| 区 | 现状站（座） | 新规划（座） | 迁建（座） | 规划期末（座） |
| --- | --- | --- | --- | --- |
| 渝中区 | 16 | 0 | 2 | 18 |
| 高新区 | 25 | 10 | 2 | 43 |

4.2 各区布局

4.2.1 渝中区

截止2020年末，渝中区现状加油站16座；本次规划2座，均为迁建站；规划期末总计18座。

4.2.2 高新区

截止2020年末，高新区现状加油站25座；本次规划12座，其中新规划10座，迁建2座；规划期末总计43座。

第五章 综合能源站

全市共布局90个综合能源站，其中，高速点数20个，国道和省道的布局点数50个，城区点数15个，专线点数5个。

东湖县综合能源站布局6个。其中，高速上2个，省道上3个，城区1个。

第六章 成品油销售

2022年共销售成品油3.644万吨，其中汽油2.540万吨，柴油1.104万吨。2023年销售成品油4.614万吨，其中汽油3.053万吨，柴油1.560万吨。
"""

STATIONS_TURN = ("样例市加油站规划里，渝中区规划期末有几座加油站？", "渝中区现状16座，本次规划2座，均为迁建站，规划期末总计18座。")

SAVING = """样例节能降碳行动方案

一、主要目标

到2025年，能耗强度持续下降。

二、重点任务

（八）建筑节能降碳行动

到2025年底，城镇新建建筑全面执行绿色建筑标准。

（九）公共机构节能降碳行动

实施公共机构节能降碳改造。到2025年底，公共机构煤炭消费占比降至13%以下。
"""


@pytest.fixture(scope="module")
def rows(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("rows"), {"charging.txt": CHARGING, "stations.txt": STATIONS,
                                                              "saving.txt": SAVING})


def _ask(assistant, question: str, *turns: str):
    history = [{"question": turns[i], "answer": turns[i + 1]} for i in range(0, len(turns), 2)]
    return assistant.ask(question, history)


@pytest.mark.parametrize("follow", ["吉林市呢", "那吉林市呢？", "吉林市的呢"])
def test_a_city_named_like_its_plan_is_the_row_swapped_in(rows, follow):
    # the earlier question named its table and place, not the plan: 吉林 + 市 is the place inside it, not the plan
    ans = _ask(rows, follow, *CHARGING_TURN)
    assert not ans.refused and "1060" in ans.answer and "2645" not in ans.answer, ans.answer
    # the columns the earlier answer gave, a cell written with its unit among them
    assert "1.5公里" in ans.answer and "9座" in ans.answer, ans.answer


@pytest.mark.parametrize("follow", ["那高新区呢？里面新规划的有几座", "那高新区呢？其中新规划几座",
                                    "那高新区呢？这里面新规划的是几座"])
def test_a_follow_up_with_a_question_of_its_own_keeps_the_column_asked_before(rows, follow):
    ans = _ask(rows, follow, *STATIONS_TURN)
    assert not ans.refused and "43座" in ans.answer and "新规划10座" in ans.answer, ans.answer
    assert "25座" not in ans.answer, ans.answer  # not every column of the row


@pytest.mark.parametrize("follow", ["这里面新规划的有几座？", "其中新规划的几座", "这当中新规划的有多少座"])
def test_a_sub_part_follow_up_is_read_beside_the_total(rows, follow):
    ans = _ask(rows, follow, "样例市加油站规划里，高新区规划期末一共多少座？", "43座")
    assert not ans.refused and "新规划10座" in ans.answer, ans.answer


@pytest.mark.parametrize(("follow", "figure"), [("其中汽油占多少", "3.053"), ("这里面汽油有多少", "3.053"),
                                              ("其中柴油多少万吨", "1.560")])
def test_a_sub_figure_is_the_one_after_its_total_in_one_sentence(rows, follow, figure):
    ans = _ask(rows, follow, "样例市加油站规划里2023年成品油销售了多少？", "4.614万吨。")
    assert not ans.refused and figure in ans.answer and "2.540" not in ans.answer, ans.answer


@pytest.mark.parametrize("question", ["全市一共布了多少个综合能源站？其中城区几个",
                                      "全市共布局多少个综合能源站？其中城区的有几个",
                                      "全市综合能源站一共多少个？这里面城区占几个"])
def test_a_sub_part_is_the_sub_figure_in_the_totals_sentence(rows, question):
    ans = rows.ask(question)
    part = ans.answer.split("\n**")[-1]  # the sub-part's answer
    assert "90个" in ans.answer and "城区点数15个" in part and "东湖县" not in part, ans.answer


@pytest.mark.parametrize("question", ["全市一共布了多少个综合能原站？", "全市综合能原站一共布局多少个",
                                      "全市布了几个综合能原站"])
def test_a_typo_inside_a_things_name_is_read_as_the_plans_name(rows, question):
    ans = rows.ask(question)
    assert not ans.refused and "90个" in ans.answer, ans.answer


def test_a_typo_piece_inside_a_word_is_read_only_when_the_plans_write_the_run_so_read():
    table = {"综": ("zong",), "合": ("he",), "能": ("neng",), "源": ("yuan",), "原": ("yuan",), "站": ("zhan",)}

    def fix(written: str) -> str:
        return correct("综合能原站", lambda s: written.count(s), lambda: SoundMap.build(["能源"], table),
                       lambda: table, lambda w: False, lambda q, words: [], lambda q: ["综合", "能", "原站"])

    assert fix("综合能源站") == "综合能源站"
    assert fix("能源 综合") == "综合能原站"  # 能源站 written nowhere: the run stays as typed


@pytest.mark.parametrize("question", ["公共机构煤炭消费占比降到多少的要求，在方案哪个部分？",
                                      "公共机构烧煤比例要降到多少的规定在哪一部分",
                                      "公共机构煤炭消费占比降至多少的目标，出自方案哪一节"])
def test_a_where_is_it_question_carrying_a_figure_is_one_question(rows, question):
    assert split_parts(question, []) is None
    ans = rows.ask(question)
    assert not ans.refused and "公共机构节能降碳行动" in ans.answer and "13%" in ans.answer, ans.answer
    assert "建筑节能降碳行动" not in ans.answer, ans.answer


def test_an_amount_asked_before_a_where_is_it_part_is_still_its_own_part():
    assert split_parts("公共机构煤炭消费占比降到多少，在方案哪个部分？", []) is not None
