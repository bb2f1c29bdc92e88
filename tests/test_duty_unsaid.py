"""A question asking who is responsible is answered only by a line that says who: a body, an agent or a word of
responsibility. A project's line that names none is the near answer a plan gives (the project is there, its
responsible unit is not), and the answer is a refusal that still shows it. 责任单位 in a question asks a unit that
leads, not a unit of measure. Small hand-written plans with the fake embedder."""

from __future__ import annotations

import pytest
from conftest import plans_assistant

from assistant.answer.answerability import names_duty
from assistant.answer.understand import classify

PLAN = """样例市城市更新专项规划（2026—2030年）
一、主要任务
（一）提升城市生态品质
推进城市生态修复，提升公共空间品质。
专栏3 城市生态提升工程
1.青鸾湖生态修复工程：实施湖体清淤和生态岸线修复约6.8公里。
2.白鹭洲口袋公园工程：新建口袋公园12个。
（二）建设智慧城市
建设城市更新信息平台，实现项目全流程管理。城市更新信息平台由市住房和城乡建设局牵头建设，市大数据管理局配合。
二、保障措施
（一）加强组织领导
市城市更新工作领导小组统筹推进全市城市更新工作。
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("duty_unsaid"), {"yangli_gengxin.txt": PLAN})


@pytest.mark.parametrize("question", ["青鸾湖生态修复工程的责任单位是谁",
                                      "青鸾湖生态修复工程谁负责？",
                                      "青鸾湖生态修复那个工程归哪个部门管"])
def test_a_project_line_naming_no_unit_does_not_answer_who_is_responsible(helper, question):
    ans = helper.ask(question, [])
    assert ans.refused, ans.answer
    assert "6.8" not in ans.answer  # shown among the closest passages, not stated as the answer
    assert any("青鸾湖" in c.text for c in ans.related)


@pytest.mark.parametrize("question", ["城市更新信息平台的责任单位是谁", "城市更新信息平台谁牵头建设？"])
def test_a_line_naming_the_unit_answers_who_is_responsible(helper, question):
    ans = helper.ask(question, [])
    assert not ans.refused, ans.answer
    assert "市住房和城乡建设局" in ans.answer


@pytest.mark.parametrize(("text", "said"), [
    ("城市更新信息平台由市住房和城乡建设局牵头建设", True),
    ("市城市更新工作领导小组统筹推进", True),
    ("重庆海关推进通关便利化改革", True),
    ("青鸾湖生态修复工程：实施湖体清淤和生态岸线修复约6.8公里。", False),
    ("29 | 青鸾湖片区 | 样例区 | 居住类 | 110 | 城中村改造、生态修复", False)])
def test_names_duty(text, said):
    assert names_duty(text) is said


@pytest.mark.parametrize("question", ["青鸾湖生态修复工程的责任单位是谁", "这个项目的牵头单位是哪个"])
def test_a_responsible_unit_asked_is_no_unit_of_measure(question):
    assert classify(question, 1)[0] != "indicator"


def test_a_unit_of_measure_asked_still_asks_a_figure():
    assert classify("口袋公园数量的单位是什么", 1)[0] == "indicator"
