"""分别 after a count of one list (几个层级？分别是啥) asks each of its items, not a comparison of plans: on a small
hand-written plan with the fake embedder."""

from __future__ import annotations

import pytest
from conftest import plans_assistant

CARBON_PLAN = """样例市碳达峰实施方案

一、主要任务

（一）完善存量重点碳排放单位管理制度

探索重点用能单位管理与碳市场管理协同机制，合理下达年度碳排放配额，完善碳排放量化报告制度。

（二）强化碳排放预算管理

摸清碳排放底数，完善区域、行业、企业、项目四个层级碳排放管理制度，推动碳排放权交易。
"""


@pytest.fixture(scope="module")
def carbon(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("one_list"), {"carbon.txt": CARBON_PLAN})


def test_each_item_of_one_counted_list_is_its_enumeration_not_a_section_of_its_words(carbon):
    a = carbon.ask("碳排放管理制度要完善到几个层级？分别是啥")
    assert not a.refused
    for item in ("区域", "行业", "企业", "项目"):
        assert item in a.answer
    assert "碳市场管理协同机制" not in a.answer
