"""Near misses that bind a figure to what is asked: a figure answers a number question only when it is of the asked
year, the asked place and the asked measure. A district the plan names but gives no figure for is not answered by the
city's; a sub-figure stated for another year is not the asked year's; a sentence's figure of another measure, a row
of a table counting in another unit, or the figure the question itself quotes answers nothing (hand-written plan,
fake embedder; the pure checks as rules)."""

from __future__ import annotations

import pytest
from conftest import plan_assistant

from assistant.answer.answerability import asked_table_unit, figures, names_measure, other_years

PLAN = """澄江市能源与公共服务“十四五”发展规划（2021—2025年）

第一章 发展基础

澄江市辖北溪区、南湖区、溪口县。全市成品油供应主要由两大公司油库承担。

2022年全市共销售成品油3.644万吨，其中汽油2.540万吨，柴油1.104万吨。2023年全市销售成品油4.614万吨，其中汽油3.053万吨，柴油1.560万吨。2024年全市销售成品油6.890万吨。

第二章 发展目标

到2025年，全市新建街道综合养老服务中心46个，其中北溪区新建12个。南湖区重点发展社区嵌入式养老服务。

加快建设大型风电光伏基地外送通道，提升跨区输电能力。到2025年底，全市抽水蓄能、新型储能装机分别超过60万千瓦、40万千瓦。

到2025年，人均预期寿命达到80.2岁，每千人口医疗卫生机构床位数达到7张，居民健康素养水平达到36%。加强药师队伍建设，推进临床药师培训。

到2025年，主要污染物排放总量持续减少，单位地区生产总值能耗完成省下达目标，空气质量优良天数比率稳定在96%以上。

建立品牌引进专项资金，持续引进国际品牌入驻澄江，到2025年，集聚国际知名品牌500个。

第三章 加油站布局

表3-1 加油站规划汇总表

| 区县 | 现状站（座） | 规划期末（座） |
| --- | --- | --- |
| 北溪区 | 16 | 18 |
| 南湖区 | 20 | 25 |
| 合计 | 36 | 43 |

另结合国土空间发展情况，布局了37处加油站发展备选用地，作为现状站点迁建的备选用地。
"""


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    return plan_assistant(tmp_path_factory.mktemp("bind"), PLAN, "chengjiang_plan.txt")


@pytest.mark.parametrize("q", ["南湖区要新建几个街道综合养老服务中心？", "南湖区规划新建街道综合养老服务中心多少个",
                               "到2025年南湖区街道综合养老服务中心建几个"])
def test_a_district_the_plan_gives_no_figure_for_is_not_answered_by_the_citys(city, q):
    ans = city.ask(q)  # 南湖区 is named, but only the city's 46 and 北溪区's 12 are stated
    assert ans.refused and "46" not in ans.answer and "12个" not in ans.answer, ans.answer


@pytest.mark.parametrize("q", ["北溪区要新建几个街道综合养老服务中心？", "北溪区新建街道综合养老服务中心多少个"])
def test_a_district_the_plan_gives_a_figure_for_is_answered(city, q):
    ans = city.ask(q)
    assert not ans.refused and "12" in ans.answer, ans.answer


@pytest.mark.parametrize("q", ["那其中柴油多少", "其中柴油占多少", "这里面柴油多少"])
def test_a_sub_figure_of_another_year_is_not_the_asked_years(city, q):
    ans = city.ask(q, [{"question": "澄江2024年卖了多少成品油", "answer": "6.890万吨。"}])
    assert ans.refused and "1.104" not in ans.answer, ans.answer


def test_a_sub_figure_of_the_asked_year_is_answered(city):
    ans = city.ask("那其中柴油多少", [{"question": "澄江2022年卖了多少成品油", "answer": "3.644万吨。"}])
    assert not ans.refused and "1.104" in ans.answer, ans.answer


@pytest.mark.parametrize("q", ["2025年全市新增光伏装机多少千瓦？", "到2025年底光伏装机要超过多少万千瓦",
                               "光伏装机到2025年底要超过多少"])
def test_a_figure_of_another_measure_in_the_sentence_is_not_the_answer(city, q):
    ans = city.ask(q)
    assert ans.refused and not any(n in ans.answer for n in ("60万", "40万", "7张")), ans.answer


@pytest.mark.parametrize("q, figure", [("2025年底新型储能装机要超过多少万千瓦", "40"), ("国际知名品牌要集聚多少个", "500"),
                                       ("到2025年每千人口医疗卫生机构床位数达到多少", "7")])
def test_the_measure_the_sentence_states_is_answered(city, q, figure):
    ans = city.ask(q)
    assert not ans.refused and figure in ans.answer, ans.answer


@pytest.mark.parametrize("q", ["那37处备选用地，北溪区有几处？", "北溪区有几处加油站发展备选用地",
                               "北溪区2025年成品油零售量是多少万吨？"])
def test_a_row_of_a_table_counting_in_another_unit_is_not_the_answer(city, q):
    ans = city.ask(q)  # 表3-1 counts stations (座); neither 处 nor 吨 is written in it
    assert ans.refused and "18" not in ans.answer and "16" not in ans.answer, ans.answer


def test_a_row_in_the_asked_unit_is_answered(city):
    ans = city.ask("北溪区规划期末加油站多少座")
    assert not ans.refused and "18" in ans.answer, ans.answer


def test_the_pure_rules():
    assert asked_table_unit("渝中区有几处？") == "处"
    assert asked_table_unit("零售量是多少万吨") == "吨"
    assert asked_table_unit("有多少个") is None  # 个 counts anything
    sent = "年接待游客达到6200万人次，旅游总收入达到760亿元，年均增长13.6%，文化产业增加值占地区生产总值比重达到4.5%。"
    since = {f.value: f.since for f in figures(sent)}
    assert "文化产业增加值" in since["4.5"] and "旅游" not in since["4.5"]
    listed = {f.value: f.since for f in figures("全国抽水蓄能、新型储能装机分别超过6200万千瓦、4000万千瓦。")}
    assert "储能装机" in listed["4000"]  # a figure of a list: what the list's sentence names
    assert not names_measure(["光伏", "装机"], listed["4000"]) and names_measure(["储能", "装机"], listed["4000"])
    assert names_measure(["充电桩"], "建成公共充电设施")  # a two-character piece names it: 充电
    assert other_years("2024年卖了多少成品油中柴油", "2022年共销售成品油3.6万吨，其中柴油1.1万吨。", ["柴油"]) == [2022]
    assert other_years("2022年卖了多少成品油中柴油", "2022年共销售成品油3.6万吨，其中柴油1.1万吨。", ["柴油"]) == []
    assert other_years("卖了多少成品油中柴油", "2022年共销售成品油3.6万吨，其中柴油1.1万吨。", ["柴油"]) == []
