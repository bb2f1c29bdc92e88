"""A plan's scope and a named thing explained: "这个规划覆盖哪些地方" is the plan's 规划范围 (its heading's paragraph,
or the sentence stating 范围为…), not a passage about coverage; "“碳预算管理”是个什么概念" is the item whose
heading holds the quoted name (（一）试点实施碳预算管理), not a refusal. Fast: a hand-written plan, the hashing
embedder."""

from __future__ import annotations

import pytest
from conftest import plans_assistant

from assistant.answer.planfacts import SCOPE, asked_fact

PLAN = """河湾市综合能源站专项规划（2025—2030年）

第一章 总则

（一）规划期限

规划期限：2025—2030年。

（二）规划范围

本规划的范围为：河湾市行政区划内2区3县。重点围绕高速公路出入口及物流园区布局。

第二章 政策创新

（一）试点实施碳预算管理

按照“条块结合”原则设定区域碳排放预算总量，实施碳预算编制、执行、评价全过程管理。

（二）建立“十四五”项目碳评价制度

对新上项目开展碳排放评价。

第三章 建设布局

到2030年，全市建成综合能源站60座，5G网络覆盖所有站点。
"""


@pytest.fixture(scope="module")
def planner(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("named"), {"hewan.txt": PLAN})


@pytest.mark.parametrize("question", ["河湾综合能源站规划覆盖哪些地方？", "河湾这个规划的范围是什么",
                                      "河湾综合能源站规划的规划范围是？"])
def test_the_plans_scope_is_its_scope_paragraph(planner, question):
    ans = planner.ask(question)
    assert not ans.refused
    assert "2区3县" in ans.answer and "高速公路出入口" in ans.answer


def test_coverage_of_a_thing_in_the_plan_is_no_scope_asked():
    assert asked_fact("吕梁综合能源站规划覆盖哪些地方？") == SCOPE
    assert asked_fact("这个方案的范围是啥") == SCOPE
    assert asked_fact("5G网络覆盖哪些地方") is None
    assert asked_fact("规划期限多长") != SCOPE


@pytest.mark.parametrize("question", ["新人求教：河湾规划里“碳预算管理”是个什么概念？具体怎么弄？",
                                      "河湾规划提到的“碳预算管理”是啥意思",
                                      "“碳预算管理”具体怎么搞"])
def test_a_quoted_name_a_heading_holds_is_that_items_text(planner, question):
    ans = planner.ask(question)
    assert not ans.refused
    assert "条块结合" in ans.answer and "编制、执行、评价" in ans.answer
    assert any("试点实施碳预算管理" in " ".join(c.heading_path) for c in ans.citations)


def test_a_quoted_period_word_names_no_heading(planner):
    from assistant.answer.aims import _headed_by_name

    doc = planner.documents[0]
    assert _headed_by_name(doc, {"十四五"}) == []
    assert [x[4].path[-1] for x in _headed_by_name(doc, {"碳预算管理"})] == ["（一）试点实施碳预算管理"]
