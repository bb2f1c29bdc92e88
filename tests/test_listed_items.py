"""Items a question lists by their numbers (1级、2级、3级; 3A、4A、5A级) are one key term, as the plans list them: the
sentence listing them answers, not the sentences beside it that share only the question's words
(assistant/answer/terms.py key_terms; small hand-written plan, fake embedder)."""

from __future__ import annotations

import pytest
from conftest import plans_assistant

from assistant.answer.terms import _LISTED_ITEMS_RE

PLAN = """样例市节能降碳行动方案（2025-2026年）

一、健全制度标准

推动修订节约能源管理办法，完善固定资产投资项目节能审查制度，强化激励约束。加快强制性节能标准制修订，扩大标准覆盖范围。按照相关行业和产品设备能效前5%、前20%、前80%水平，设置节能标准1级、2级、3级指标。完善能效标识制度，扩大标识覆盖范围。

二、支持企业转型

支持企业开展数字化转型能力评估，对评估等级在3A、4A、5A级的企业，市级分别给予一次性奖补30万元、60万元、90万元。鼓励企业参加国家级标准制定。
"""


@pytest.fixture(scope="module")
def planner(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("listed"), {"saving_plan.txt": PLAN})


@pytest.mark.parametrize("text, items", [
    ("节能标准里的1级、2级、3级是按什么划分的", ["1级、2级、3级"]),
    ("评上3A、4A、5A级的分别奖多少", ["3A、4A、5A级"]),
    ("2025年、2026年的目标", []),  # years, not items
    ("3号线和5号线", []),  # one item each side of a word: no list written with 、
])
def test_items_listed_by_number_are_one_term(text, items):
    assert _LISTED_ITEMS_RE.findall(text) == items


@pytest.mark.parametrize("question", [
    "请问节能标准里的1级、2级、3级是按什么划分的？",
    "节能标准1级、2级、3级怎么定的",
    "样例市方案里节能标准分1级、2级、3级，依据是什么",
])
def test_the_sentence_listing_the_items_answers(planner, question):
    ans = planner.ask(question)
    assert not ans.refused, ans.answer
    assert "前5%、前20%、前80%" in ans.answer.split("\n")[0]


@pytest.mark.parametrize("question", [
    "评估等级3A、4A、5A级的企业分别奖补多少？",
    "数字化转型能力评上3A、4A、5A级，市里各奖多少钱",
])
def test_a_figure_of_each_listed_item_comes_from_the_sentence_listing_them(planner, question):
    ans = planner.ask(question)
    assert not ans.refused, ans.answer
    assert "30万元、60万元、90万元" in ans.answer
