"""A time asked (什么时候全覆盖, 啥时候见顶, 哪年达峰): answered by the sentence that dates the thing asked, not by a
sentence or a list of headings dating nothing that shares the question's words (监测覆盖率达到40%; 第三章 需求预测's
sections for 需求…预测). Small hand-written plans with the fake embedder, and the rule on answers made by hand."""

from __future__ import annotations

import pytest
from conftest import plans_assistant

OIL = """样例县成品油零售加油站发展规划（2026—2030年）

第三章 需求预测

第一节 机动车保有量预测

全县机动车保有量稳步增长，新能源汽车占比逐年提高。

第二节 成品油需求预测

一、需求总量趋稳

汽油需求或于2028年前达峰，柴油因基建、农业支撑达峰稍晚，煤油需求维持增长。

二、结构变化

新能源汽车替代加快，成品油需求结构持续调整。

第四章 布局规划

全县规划布局加油站69座。
"""

CITY = """样例市城市更新“十五五”规划

一、发展基础

已建成城市生命线安全工程一期，燃气、桥梁、供水管网等重点领域监测覆盖率达到40%。

二、主要任务

（一）建设城市生命线安全工程

在一期工程基础上，实施城市生命线安全工程二期，将燃气、桥梁、供水、排水等纳入监测范围，2027年底前实现城市生命线安全工程监测全覆盖。

（二）完善城市交通设施

打通城市断头路28条，改造提升城市道路120公里。
"""


@pytest.fixture(scope="module")
def plans(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("when"), {"oil.txt": OIL, "city.txt": CITY})


@pytest.mark.parametrize("question", ["样例县汽油需求啥时候见顶", "样例县汽油需求预计哪年达峰", "样例县汽油什么时候到顶"])
def test_a_peak_asked_is_dated_by_its_sentence_not_the_chapter_of_forecasts(plans, question):
    ans = plans.ask(question)
    assert not ans.refused and "2028年前" in ans.answer, ans.answer


@pytest.mark.parametrize("question", ["生命线监测什么时候全覆盖", "城市生命线监测哪年能全覆盖",
                                      "生命线安全工程啥时候实现监测全覆盖"])
def test_a_coverage_asked_is_dated_by_the_sentence_setting_its_deadline(plans, question):
    ans = plans.ask(question)
    assert not ans.refused and "2027年底前" in ans.answer, ans.answer
    assert ans.citations and "2027年底前" in (ans.citations[0].highlight or ans.citations[0].text), ans.citations
