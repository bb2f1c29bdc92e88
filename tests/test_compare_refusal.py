"""A comparison no plan covers is one plain refusal with the closest passages, not a line per plan saying it has
nothing: a plan's name may hold years (2024—2025年…方案), and a refusal states no figure. Fast: hand-written plans."""

from __future__ import annotations

import re

import pytest

from tests.conftest import parsed_plan, plans_assistant

PLAN_A = """2024—2025年节能降碳行动方案

一、主要目标
到2025年，甲区单位地区生产总值能耗比2023年下降4%，新增光伏装机12万千瓦。

二、重点任务
（一）推进工业节能。实施重点行业节能改造，建设绿色工厂20家。
"""

PLAN_B = """乙区养老服务体系建设规划（2026—2030年）

一、发展目标
到2030年，乙区养老机构床位达到3600张，护理型床位占比达到65%。

二、主要任务
（一）发展社区养老。每个街道建成1个综合养老服务中心。
"""


@pytest.fixture(scope="module")
def two_plans(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("cmp"), {"jiaqu.txt": PLAN_A, "yiqu.txt": PLAN_B})


@pytest.mark.parametrize("question", [
    "甲区和乙区在航天发射场建设上各是怎么规定的？",
    "两个规划对深海养殖分别怎么说",
    "甲区跟乙区比，围棋比赛各有什么安排？",
])
def test_a_comparison_no_plan_covers_is_one_plain_refusal(two_plans, question):
    ans = two_plans.ask(question)
    assert ans.refused
    assert not re.search(r"\d", ans.answer), ans.answer



@pytest.mark.parametrize("question", ["2024—2025年节能降碳行动方案和乙区养老规划的培训人数各是多少",
                                      "乙区养老服务体系建设规划（2026—2030年）跟节能方案比，培训各安排了多少人"])
def test_a_comparison_whose_every_side_is_empty_names_no_plan(question):
    """The comparison path itself: every plan's side has no passage covering the question. The plans' names (here
    typed by the asker, or put into a follow-up by its resolution) hold years: a refusal writes none of them."""
    from assistant.answer.compose import _extractive_answer
    from assistant.answer.understand import understand

    docs = {"jiaqu": parsed_plan(PLAN_A, "jiaqu"), "yiqu": parsed_plan(PLAN_B, "yiqu")}
    q = understand(question, [], [d.meta for d in docs.values()], lambda t: [(t, "x")])
    ans = _extractive_answer(q, docs, [], ["培训", "人数"], per_doc={"jiaqu": [], "yiqu": []})
    assert ans.refused and ans.reason == "compare_no_content"
    assert not re.search(r"\d", ans.answer), ans.answer


@pytest.mark.parametrize("question, earlier", [
    ("跟方案里每年的那个数比哪个大", "培训人数目标是多少"),
    ("跟规划里每年那个比哪个多", "人才公寓建多少套"),
])
def test_a_comparison_follow_up_no_plan_covers_names_no_plan_title(two_plans, question, earlier):
    ans = two_plans.ask(question, history=[{"question": earlier, "answer": "3万名。"}])
    assert ans.refused
    assert "2024" not in ans.answer and "2026" not in ans.answer, ans.answer
