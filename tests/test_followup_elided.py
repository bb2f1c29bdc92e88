"""Follow-ups whose subject is left out (啥时候推到…), that open on a filler (嗯 那…), ask the present value of what
was asked for a year (那现在有多少家), name a new measure of the place just asked (它核心区服务半径…), or point at
the task just quoted (这个任务谁负责): on a small hand-written plan with the fake embedder and a chain of turns."""

from __future__ import annotations

import pytest
from conftest import hashing_settings, write_plan

from assistant.answer.understand import is_followup, resolve
from assistant.types import Turn

PLAN = """样例市安全与文旅发展规划（2026—2030年）

第一章 发展目标

表1 主要指标

| 序号 | 指标 | 单位 | 2020年 | 2025年 | 指标属性 |
| --- | --- | --- | --- | --- | --- |
| 1 | 国家A级旅游景区数量 | 家 | 42 | 60 | 预期性 |
| 2 | 旅游总收入 | 亿元 | 380 | 760 | 预期性 |

第二章 主要任务

一、提升城市安全韧性

开展城市安全风险综合评估，2026年在东湖镇、新桥镇先行开展城市生命线安全工程试点，2028年前推广至全部8个设区市。

建设应急物资储备库，2027年建成市级应急物资储备库。

二、推进光伏应用

在公共建筑屋顶建设分布式光伏电站，到2028年新增光伏装机容量20万千瓦。（责任单位：市能源局、住建局）

推进光伏与储能结合的建筑技术示范，探索光伏建筑一体化。（责任单位：市科技局、工信局）
"""


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    from assistant.index.embed import HashingEmbedder
    from assistant.index.indexer import build_index
    from assistant.pipeline import Assistant

    root = tmp_path_factory.mktemp("elided")
    corpus = root / "corpus"
    write_plan(corpus, "safety.txt", PLAN)
    settings = hashing_settings(root, corpus)
    build_index(settings.sources, settings.index_dir, HashingEmbedder())
    return Assistant.open(settings, embedder=HashingEmbedder(), rebuild=False)


def test_a_question_opening_on_its_when_with_no_subject_asks_of_the_previous_subject(plan):
    assert is_followup("啥时候推到所有设区市？")
    history = [{"question": "样例市城市生命线安全工程先在哪试点", "answer": "东湖镇、新桥镇。"}]
    new = plan.resolve("啥时候推到所有设区市？", history)
    assert "城市生命线安全工程" in new and "推到所有设区市" in new
    assert "2028" in plan.ask("啥时候推到所有设区市？", history).answer


def test_a_follow_up_asking_now_after_a_year_asks_the_present_value(plan):
    history = [{"question": "样例市A级景区2025年要到多少家", "answer": "60家。"}]
    new = plan.resolve("嗯 那现在有多少家？", history)
    assert "2025" not in new and "A级景区" in new and "现在" in new
    assert "42" in plan.ask("嗯 那现在有多少家？", history).answer
    # without the filler the same
    assert "2025" not in plan.resolve("那现在有多少家？", history)


def test_a_filler_before_a_follow_up_is_no_new_subject(plan):
    history = [{"question": "样例市A级景区2025年要到多少家", "answer": "60家。"}]
    assert "嗯" not in plan.resolve("嗯 那旅游总收入呢？", history)


def test_a_pronoun_with_a_new_measure_keeps_the_place_not_the_measure():
    previous = "分区域目标里样例市要建多少根充电桩？"
    new = resolve("它核心区服务半径要求多少", previous, [("样例", "x")])
    assert new == "分区域目标里样例市核心区服务半径要求多少"
    # a pronoun asking an aspect of the same measure still keeps the whole previous question
    assert "充电桩" in resolve("它是约束性的吗", previous, [("样例", "x")])


def test_this_task_is_the_task_the_previous_answer_quoted(plan):
    turn = Turn("样例市光伏要装多少？", "到2028年新增光伏装机容量20万千瓦。", passage="到2028年新增光伏装机容量20万千瓦。")
    new = resolve("这个任务谁负责？", "样例市光伏要装多少？", [("样例市", "x")], turn)
    assert "新增光伏装机容量20万千瓦" in new and "要装多少" not in new
    history = [("样例市光伏要装多少？", "到2028年新增光伏装机容量20万千瓦。")]
    a = plan.ask("这个任务谁负责？", history)
    assert "市能源局" in a.answer and "市科技局" not in a.answer


def test_a_per_year_follow_up_with_a_measure_of_its_own_drops_the_measure_asked_before(plan):
    history = [{"question": "样例市云上企业到2023年一共要新增多少家企业？", "answer": "2万家。"}]
    new = plan.resolve("那按年算呢，每年培育多少？", history)
    assert "培育" in new and "新增" not in new and "2023" not in new and "云上企业" in new
    # a per-year follow-up naming no measure keeps the one asked before
    assert "新增" in plan.resolve("那每年呢", history)
