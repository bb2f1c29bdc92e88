"""Follow-ups whose earlier turns were answered elsewhere (history handed in as {question, answer} pairs with short
answers listing nothing): an ordinal asked after a count or after another ordinal picks from the same list; a check
of all the things just counted (都是…吗) asks of them, not of every plan; a part asked with its own count after such a
check is a part of those things. On small hand-written plans with the fake embedder."""

from __future__ import annotations

import pytest
from conftest import plans_assistant

STATIONS_PLAN = """样例县加油站发展规划（2026—2030年）

第一章 现状

一、分布情况

全县加油站主要坐落于城区、高速公路、国道省道、农村等区域，其中城区加油站12座，高速公路4座，国道省道20座，农村7座。城区和高速公路的加油站均为国有企业经营。

第二章 保障措施

一、加强组织领导

成立规划实施领导小组，统筹推进规划实施。

二、加大资金投入

设立专项资金，支持加油站改造升级。

三、强化监督检查

定期开展安全检查，督促整改隐患。

四、优化营商环境

简化审批流程，缩短办理时限。
"""

OTHER_PLAN = """样例市充电设施规划（2026—2030年）

第一章 目标

到2030年，全市建成充电站300座，其中城区180座，高速公路40座。
"""


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("checks"), {"stations.txt": STATIONS_PLAN,
                                                                 "charging.txt": OTHER_PLAN})


COUNT = {"question": "样例县加油站规划保障措施有几条", "answer": "四条。"}


@pytest.mark.parametrize("ask", ["第一条是啥", "第一条讲的什么", "第一条呢"])
def test_an_ordinal_after_a_count_picks_one_of_what_was_counted(county, ask):
    new = county.resolve(ask, [COUNT])
    assert "保障措施" in new and "第一条" in new
    assert new.count("样例县") == 1


@pytest.mark.parametrize("ask", ["第二条讲啥", "第二条呢", "那第二条是什么"])
def test_an_ordinal_after_an_ordinal_swaps_it_over_a_chain(county, ask):
    history = [COUNT, {"question": "第一条是啥", "answer": "加强组织领导。"}]
    new = county.resolve(ask, history)
    assert "保障措施" in new and "第二条" in new and "第一条" not in new
    one = [{"question": "样例县加油站规划保障措施里第一条是啥", "answer": "加强组织领导。"}]
    new = county.resolve(ask, one)
    assert "保障措施" in new and "第二条" in new and "第一条" not in new


def test_an_ordinal_still_picks_from_the_items_an_answer_listed(county):
    history = [{"question": "样例县加油站规划保障措施有哪些",
                "answer": "- 加强组织领导\n- 加大资金投入\n- 强化监督检查\n- 优化营商环境"}]
    assert "加大资金投入" in county.resolve("第二条具体怎么说", history)


CITY = {"question": "样例县规划里城区有几座加油站", "answer": "12座。"}


@pytest.mark.parametrize("check", ["都是国企的吗", "全是国企经营的吗", "是不是都属于国企"])
def test_a_check_of_all_the_things_counted_asks_of_them_not_of_every_plan(county, check):
    new = county.resolve(check, [CITY])
    assert "城区" in new and "加油站" in new
    assert "样例市" not in new


@pytest.mark.parametrize("ask", ["高速上有几座", "那高速上有几座", "高速上是几座"])
def test_a_part_asked_with_its_own_count_after_a_check_counts_again(county, ask):
    history = [CITY, {"question": "都是国企的吗", "answer": "是，城区和高速公路的加油站均为国有企业经营。"}]
    new = county.resolve(ask, history)
    assert "高速" in new and "加油站" in new and "城区" not in new
    assert "国企" not in new
    assert "4座" in county.ask(ask, history).answer
