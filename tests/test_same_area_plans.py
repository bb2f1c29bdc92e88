"""A plan named by its area alone (江西…) may be any plan of that area: a notice issuing a policy and an action plan
of one province gives two plans, and the area's short name is an alias of the one whose title holds it only. When that
plan has no answer, the question is asked of the area's other plans, the area's name left out
(assistant/answer/compose.py ``same_area_answer``, scope.same_area_plans); a plan named by its own title stays that
plan, and what no plan of the area says is still refused (small hand-written notice, fake embedder)."""

from __future__ import annotations

import pytest
from conftest import plans_assistant

from assistant.answer.scope import plan_scopes

NOTICE = """江西省人民政府办公厅关于印发支持数字产业发展若干政策和江西省数字产业发展行动方案（2024-2026年）的通知

（赣政办发〔2024〕9号）

各设区市人民政府，省政府各部门：

《支持数字产业发展若干政策》《江西省数字产业发展行动方案（2024-2026年）》已经省政府同意，现印发给你们，请认真贯彻执行。

江西省人民政府办公厅

2024年3月1日

支持数字产业发展若干政策

为加快我省数字产业发展，制定以下政策。

一、支持产业平台建设

对跨行业跨领域产业平台省级给予奖补，最高3000万元；对行业型、区域型产业平台省级给予奖补，最高1000万元。

二、支持企业数字化转型

对数字化转型能力评估等级在3A、4A、5A级的企业，省级分别给予一次性奖补50万元、100万元、150万元。

江西省数字产业发展行动方案（2024-2026年）

一、发展目标

到2026年，培育跨行业跨领域产业平台3家，行业型、区域型产业平台20家。

二、保障措施

加强工作组织协调，研究设立数字产业发展指标，纳入各市政府考核。
"""


@pytest.fixture(scope="module")
def planner(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("same_area"), {"jiangxi_notice.txt": NOTICE})


def test_both_plans_of_the_notice_are_of_the_province(planner):
    from assistant.answer.scope import same_area_plans

    plans = plan_scopes(planner.documents, planner.tokenizer.tag)
    action = next(d.doc_id for d in planner.documents if "行动方案" in d.meta.title)
    policy = next(d.doc_id for d in planner.documents if "若干政策" in d.meta.title)
    assert same_area_plans("江西", action, plans) == (policy,)
    assert same_area_plans("江西省", action, plans) == (policy,)
    assert same_area_plans("南昌", action, plans) == ()


@pytest.mark.parametrize("question, said", [
    ("同事说江西对跨行业跨领域的产业平台，省级奖补最高5000万元，是这样吗？", "最高3000万元"),
    ("有人说江西对跨行业跨领域产业平台最多给5000万，对吗", "最高3000万元"),
    ("江西对数字化转型能力评估3A、4A、5A级的企业分别奖多少？", "50万元、100万元、150万元"),
    ("江西省对评上5A级的企业一次性奖补多少", "150万元"),
])
def test_what_the_area_named_plan_lacks_is_answered_from_the_areas_other_plan(planner, question, said):
    ans = planner.ask(question)
    assert not ans.refused, ans.answer
    assert said in ans.answer
    assert {c.doc_id for c in ans.citations} == {d.doc_id for d in planner.documents if "若干政策" in d.meta.title}


@pytest.mark.parametrize("question", [
    "江西对产业平台的贷款贴息比例是多少？",
    "江西对数据中心用电每千瓦时补贴多少钱？",
    "江西数字产业行动方案里对数字化转型能力评估5A级的企业奖多少？",  # the plan named by its title
])
def test_what_no_plan_of_the_area_says_or_the_plan_named_by_title_lacks_is_refused(planner, question):
    ans = planner.ask(question)
    assert ans.refused, ans.answer
