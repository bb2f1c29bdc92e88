"""One measure asked at its base and its target in one breath (基期和目标值分别多少, 现状和规划期末各几座) asks
that measure at each time (服务贸易总额基期多少, 服务贸易总额目标值多少), not a bare time (目标值多少); two measures joined (服务贸易额和跨境金融结算额) are two
(assistant/answer/multipart.py ``split_items``). A lead saying the asker wants a figure (查个数：, 问个数据，) is
framing, not the question (lexicon frame_said)."""

from __future__ import annotations

import pytest

from assistant.answer.framing import without_frame
from assistant.answer.multipart import split_items

PLAN = """某区开放发展“十四五”规划

第一章 发展目标

表1 主要指标

| 指标 | 单位 | 2020年 | 2025年 | 属性 |
| --- | --- | --- | --- | --- |
| 服务贸易总额 | 亿美元 | 9.26 | 20 | 预期性 |
| 外贸进出口额 | 亿元 | 90.1 | 120 | 预期性 |

第二章 主要任务

推动服务贸易创新发展，扩大数字服务出口。
"""


@pytest.mark.parametrize("question", ["服务贸易总额基期和目标值分别多少", "服务贸易总额现状和目标值分别多少",
                                      "服务贸易总额基数和目标值分别是多少"])
def test_times_of_one_measure_each_ask_the_measure(question):
    parts = split_items(question, [])
    assert parts is not None and all(p.startswith("服务贸易总额") for p in parts.questions), parts


def test_two_measures_are_split():
    parts = split_items("服务贸易总额和外贸进出口额分别多少", [])
    assert parts is not None and parts.labels == ("服务贸易总额", "外贸进出口额")


@pytest.mark.parametrize("lead", ["查个数：", "问个数据，", "查一下，"])
def test_a_lead_asking_for_a_figure_is_framing(lead):
    assert without_frame(lead + "服务贸易总额2025年目标是多少") == "服务贸易总额2025年目标是多少"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    from tests.conftest import plans_assistant

    return plans_assistant(tmp_path_factory.mktemp("times"), {"plan.txt": PLAN})


@pytest.mark.parametrize("question", ["查个数：服务贸易总额基期和目标值分别多少（亿美元）",
                                      "服务贸易总额现状和目标值分别是多少", "问个数据，服务贸易总额基数和目标值各多少"])
def test_one_row_answers_base_and_target(assistant, question):
    ans = assistant.ask(question)
    assert not ans.refused, ans.answer
    assert "9.26" in ans.answer and "20" in ans.answer, ans.answer
