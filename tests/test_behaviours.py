"""General answer behaviours on the bundled plans (fake embedder) and as pure rules: multi-part questions."""

from __future__ import annotations

import pytest

from assistant.config import load_settings
from assistant.embed import HashingEmbedder
from assistant.multipart import split_parts
from assistant.pipeline import Assistant

ALIASES = ["渝中区", "渝中", "高新区", "甲区", "乙区"]


@pytest.mark.parametrize("question,parts", [
    ("甲区2025年服务贸易额和跨境金融结算额的目标分别是多少？",
     ["甲区2025年服务贸易额的目标是多少？", "甲区2025年跨境金融结算额的目标是多少？"]),
    ("甲区外贸总额的目标、单位和属性分别是什么？",
     ["甲区外贸总额的目标是什么？", "甲区外贸总额的单位是什么？", "甲区外贸总额的属性是什么？"]),
    ("某规划2025年充换电站和充电桩总体目标分别是多少？",
     ["某规划2025年充换电站总体目标是多少？", "某规划2025年充电桩总体目标是多少？"]),
    ("甲区现在有多少座加油站？中石化占几座", ["甲区现在有多少座加油站？", "中石化占几座"]),
])
def test_multi_part_questions_split_into_their_parts(question, parts):
    assert list(split_parts(question, ALIASES).questions) == parts


@pytest.mark.parametrize("question", [
    "甲区和乙区的目标分别是多少",  # plans joined: a comparison, answered per plan elsewhere
    "甲区打造的那几类消费场景分别是什么",  # one thing listed
    "甲区常驻外籍人员有多少？就是指标表里那栏",  # the second piece asks nothing
    "甲区2025年外贸进出口总额目标是多少？",
])
def test_single_questions_stay_whole(question):
    assert split_parts(question, ALIASES) is None


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("behaviours")
    return Assistant.open(load_settings(env={}, index=tmp / "index", uploads=tmp / "uploads", model="hashing"),
                          embedder=HashingEmbedder())


def test_each_part_is_answered_and_cited(assistant):
    ans = assistant.ask("渝中区2025年服务贸易额和跨境金融结算额的目标分别是多少？")
    lines = ans.answer.split("\n")
    assert len(lines) == 2 and "30" in lines[0] and "[1]" in lines[0] and "3500" in lines[1] and "[2]" in lines[1]
    assert [c.n for c in ans.citations] == [1, 2]


def test_the_part_the_plans_do_not_answer_is_said(assistant):
    ans = assistant.ask("渝中区2025年服务贸易额和火星基地数量的目标分别是多少？")
    assert not ans.refused and "30" in ans.answer
    assert "火星基地数量**：所收录的规划中没有" in ans.answer


def test_a_later_question_is_a_follow_up_of_the_earlier_one(assistant):
    ans = assistant.ask("高新区2025年外贸进出口总额目标是多少？实际利用外资呢？")
    assert "3700" in ans.answer and "45" in ans.answer and len(ans.citations) == 2


def test_aspects_of_one_row_are_answered_once(assistant):
    ans = assistant.ask("高新区外贸进出口总额的目标、单位和属性分别是什么？")
    assert ans.answer.count("3700") == 1 and "亿元" in ans.answer and "预期性" in ans.answer


def test_every_answer_has_an_answerability_score(assistant):
    assert 0 < assistant.ask("高新区2025年外贸进出口总额目标是多少？").score <= 1
    assert assistant.ask("两江新区2025年外贸进出口目标是多少？").score == 0
