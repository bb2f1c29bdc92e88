"""A plan's overall goal asked without a number (总目标是啥) is its goal statement, not an indicator row that only
shares the plan's subject word."""

from __future__ import annotations

import pytest
from conftest import hashing_settings, write_plan

PLAN = """样例市“十五五”综合交通运输发展规划（2026—2030年）

一、总体要求

（一）发展目标

到2030年，基本建成内畅外联、立体互通的现代化综合交通运输体系，“123出行交通圈”基本形成。

展望2035年，全面建成交通强市，高速公路通车里程达到600公里。

表1 样例市“十五五”综合交通运输发展主要指标

| 类别 | 指标 | 单位 | 2025年 | 2030年 | 属性 |
| --- | --- | --- | --- | --- | --- |
| 智慧 | 交通基础设施数字化率 | % | 35 | 80 | 预期性 |
| 设施 | 高速公路通车里程 | 公里 | 412 | 520 | 预期性 |

二、主要任务

加快高速公路建设，完善综合交通网络。
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    from assistant.index.embed import HashingEmbedder
    from assistant.pipeline import Assistant

    root = tmp_path_factory.mktemp("goal")
    write_plan(root / "corpus", "transport_plan.txt", PLAN)
    return Assistant.open(hashing_settings(root, root / "corpus"), embedder=HashingEmbedder())


def test_overall_goal_is_the_goal_statement(assistant):
    ans = assistant.ask("样例市交通十五五的总目标是啥")
    assert "内畅外联" in ans.answer and "数字化率" not in ans.answer


def test_a_number_asked_of_a_goal_row_still_reads_the_table(assistant):
    ans = assistant.ask("样例市2030年交通基础设施数字化率目标是多少")
    assert "80" in ans.answer


def test_a_year_the_table_lacks_is_read_from_the_text_that_states_it(assistant):
    ans = assistant.ask("样例市2035年高速公路通车里程要达到多少公里？")
    assert "600" in ans.answer
    none = assistant.ask("样例市2040年高速公路通车里程要达到多少公里？")
    assert "600" not in none.answer and "520" not in none.answer.split("只列出")[0]
