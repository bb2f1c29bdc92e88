"""Where a topic is: a word the question glued to a locative (规划里托育) is the topic, and of passages that all
mention it, the one under a heading naming it is where it is."""

from __future__ import annotations

import math

import pytest
from conftest import hashing_settings, write_plan

from assistant.answer.terms import without_locative

PLAN = """样例县“十五五”卫生健康事业发展规划（2026—2030年）

一、发展基础

（一）存在的主要问题

健康服务供给不均衡，托育、医养结合、心理健康等服务供给不足。

二、主要任务

（一）提供全生命周期健康服务

1.保障妇女儿童健康

加强妇幼保健机构建设，提升危重孕产妇救治能力。

2.发展普惠托育服务

支持用人单位、社区和幼儿园提供普惠托育服务，每个乡镇至少建成1个普惠托育服务机构。
"""


def test_a_locative_glued_to_a_plan_word_is_left_out():
    n = 100
    unseen = math.log((n + 1) / 0.5)
    idf = {"里托育": unseen, "托育": 2.0, "中心城": 1.0}.get
    assert without_locative("里托育", lambda w: idf(w, unseen), unseen) == "托育"
    assert without_locative("中心城", lambda w: idf(w, unseen), unseen) == "中心城"  # a word of the plans stays


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    from assistant.index.embed import HashingEmbedder
    from assistant.pipeline import Assistant

    root = tmp_path_factory.mktemp("where")
    write_plan(root / "corpus", "health_plan.txt", PLAN)
    return Assistant.open(hashing_settings(root, root / "corpus"), embedder=HashingEmbedder())


def test_the_section_titled_by_the_topic_is_where_it_is(assistant):
    ans = assistant.ask("样例县规划里托育那块在哪部分")
    assert "发展普惠托育服务" in ans.answer.split("另见")[0]


def test_a_limit_word_glued_to_the_thing_asked_is_left_off():
    from assistant.answer.terms import without_bound

    n = 100
    unseen = math.log((n + 1) / 0.5)
    idf = {"最多奖": unseen, "最多": 3.0, "最高限额": 2.0}.get
    assert without_bound("最多奖", lambda w: idf(w, unseen), unseen) == "奖"  # 最多奖多少: the limit, and 奖
    assert without_bound("最高限额", lambda w: idf(w, unseen), unseen) == "最高限额"  # a word of the plans stays
