"""A figure's line states the asked measure before the end of the clause holding the figure: a clause after it
begins another statement (道路里程达577.9km，轨道交通加速建设 states no length of 轨道交通), and a number of
the figures of a list of lines (5号线…17号线) state no 里程 (assistant/answer/support.py ``through_figure``)."""

from __future__ import annotations

import pytest

from assistant.answer.support import through_figure
from assistant.text.patterns import QUANTITY_RE

PLAN = """某新区交通发展规划（2021-2025年）

一、发展目标

表1 主要指标

| 指标 | 单位 | 2020年 | 2025年 | 属性 |
| --- | --- | --- | --- | --- |
| 轨道通车里程 | 公里 | 11 | 17 | 预期性 |
| 公交站点覆盖率 | % | 80 | 95 | 预期性 |

二、发展基础

持续完善城市路网，道路里程达577.9km，轨道交通加速建设。全区公交线路增加到126条，公交专用道形成网络。

三、重点任务

（一）轨道交通建设

轨道交通建设项目：5号线、7号线一期、15号线、17号线一期等。加快推进轨道交通站点周边开发。
"""


def test_the_text_up_to_the_last_figure_clause():
    said = "持续完善城市路网，道路里程达577.9km，轨道交通加速建设。"
    assert through_figure(said, QUANTITY_RE) == "持续完善城市路网，道路里程达577.9km"
    assert through_figure("到2025年，轨道交通通车里程达到17公里。", QUANTITY_RE) == "到2025年，轨道交通通车里程达到17公里"
    assert through_figure("加快推进轨道交通建设。", QUANTITY_RE) == "加快推进轨道交通建设。"  # no figure: all of it
    assert through_figure("新增5座，其中高速服务区3座；其余", QUANTITY_RE) == "新增5座，其中高速服务区3座"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    from tests.conftest import plans_assistant

    return plans_assistant(tmp_path_factory.mktemp("clause"), {"plan.txt": PLAN})


@pytest.mark.parametrize("question", ["轨道交通通车里程到2025年多少公里？", "十四五末轨道交通通车里程打算到多少公里",
                                      "新区轨道交通要通车多少公里（2025年）"])
def test_a_figure_of_another_measure_does_not_answer(assistant, question):
    ans = assistant.ask(question)
    assert "17公里" in ans.answer, ans.answer
    assert "577.9" not in ans.answer, ans.answer
