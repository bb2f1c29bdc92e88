"""Several figures of one table row in one message (a researcher filling a spreadsheet): each measure asked names
its column by the words of its own clause (新规划几座站: 新规划, not the 站 every column of a table of stations
counts), or by the items the message lists before one ask (现状站、新规划、期末 三个数). Pure rules, and a small
hand-written plan with the fake embedder."""

from __future__ import annotations

import pytest
from conftest import plans_assistant

from assistant.answer.tables import row_measures

STATIONS = """样例市成品油零售加油站“十四五”发展规划

第四章 布局规划

4.1 汇总

表4-2 外围区县加油站发展规划汇总表

| 区县 | 2020年底现状站（座） | 本次规划（座）/新规划（座） | 本次规划（座）/迁建（座） | 本次规划（座）/调整（座） | 规划期末（座） |
| --- | --- | --- | --- | --- | --- |
| 东江 | 103 | 15 | 4 | 21 | 143 |
| 西岭 | 68 | 32 | 5 | 2 | 107 |
| 南坪 | 41 | 6 | 1 | 3 | 50 |
| 合计 | 212 | 53 | 10 | 26 | 300 |

4.2 说明

各区县新规划站点优先布局在新增城市建设用地区域。
"""


@pytest.fixture(scope="module")
def stations(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("row_measures"), {"stations.txt": STATIONS})


@pytest.mark.parametrize(("text", "phrases"), [
    ("西岭要新规划几座站，期末多少", ["西岭要新规划站", "期末"]),  # the clause before each ask names its measure
    ("东江 现状站、新规划、期末 三个数", ["现状站", "新规划", "期末"]),  # a list before one ask
    ("南坪迁建和调整各几座", ["南坪迁建", "调整"]),
    ("南坪期末有多少座", [])])  # one measure asked: nothing to read per column
def test_each_measure_asked_of_a_row_is_read_with_its_own_words(text, phrases):
    assert row_measures(text) == phrases


@pytest.mark.parametrize(("question", "figures", "not_figures"), [
    ("西岭要新规划几座站，期末总数多少", ["32座", "107座"], ["68座"]),
    ("西岭新规划的站有几座？规划期末一共几座", ["32座", "107座"], ["68座"]),
    ("东江 现状站、新规划、期末合计 三个数", ["103座", "15座", "143座"], ["21座"]),
    ("东江现状站、新规划和规划期末各是多少", ["103座", "15座", "143座"], ["21座"]),
    ("南坪迁建和调整各几座", ["1座", "3座"], ["50座"]),
    ("外围区县加起来新规划几座站，到期末总共几座", ["53座", "300座"], ["212座"])])
def test_several_columns_of_one_row_are_each_answered(stations, question, figures, not_figures):
    ans = stations.ask(question)
    assert not ans.refused, ans.answer
    assert all(f in ans.answer for f in figures), ans.answer
    assert not any(f in ans.answer for f in not_figures), ans.answer
