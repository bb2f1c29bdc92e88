"""The generic merge of a follow-up into the earlier question, and the choice between its answer and the
rule-resolved one: follow-ups worded as a staff member would type them rather than as the resolution rules expect,
on a small hand-written plan with the fake embedder."""

from __future__ import annotations

import pytest
from conftest import plans_assistant

from assistant.answer.compose import STRONG_SUPPORT, prefer_merged
from assistant.answer.followups import anchored_sentence, lost_scope, merge_followup, new_words
from assistant.text.numbers import normalise_years
from assistant.text.tokenize import Tokenizer
from assistant.types import Answer

PLAN = """样例市新能源设施规划（2026—2030年）

第一章 发展现状

2024年全市公共充电桩1200个，其中城区公共充电桩800个，农村公共充电桩400个。

第二章 主要任务

一、推进光伏应用

在公共建筑屋顶建设分布式光伏电站，到2028年新增光伏装机容量20万千瓦。（责任单位：市能源局、住建局）

二、完善充换电网络

表2-1 各镇充换电设施目标

| 地区 | 充电站（座） | 换电站（座） | 充电桩（根） |
| --- | --- | --- | --- |
| 东湖镇 | 3 | 2 | 40 |
| 新桥镇 | 5 | 1 | 60 |
"""


@pytest.fixture(scope="module")
def tag():
    return Tokenizer().tag


@pytest.fixture(scope="module")
def energy(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("merge"), {"energy.txt": PLAN})


# ---------------------------------------------------------------- the merge

def test_a_year_or_period_asked_replaces_the_earlier_one_and_keeps_the_rest(tag):
    assert merge_followup("那2035年呢", "样例区2025年要基本建成什么？", tag) == "样例区2035年要基本建成什么？"
    assert (merge_followup("到规划期末有多少座", "样例市中心城区2020年底有多少座加油站？", tag)
            == "样例市中心城区规划期末有多少座加油站？")


def test_a_word_of_the_same_kind_replaces_its_sibling_in_the_earlier_question(tag):
    assert (merge_followup("那换电站要建几座", "样例市表2-1里东湖镇要建几座充电站？", tag)
            == "样例市表2-1里东湖镇要建几座换电站？")


def test_the_plans_name_is_never_swapped(tag):
    merged = merge_followup("两江新区有多少座", "样例高新区规划里巴南区规划期末有多少座？", tag, kept=["样例高新区"])
    assert merged == "样例高新区规划里两江新区规划期末有多少座？"


def test_a_place_replaces_the_one_place_asked_before(tag):
    merged = merge_followup("那新桥镇呢", "东湖镇要建几座充电站？", tag,
                            places=lambda t: [p for p in ("东湖镇", "新桥镇") if p in t])
    assert merged == "新桥镇要建几座充电站？"


def test_an_ask_of_its_own_is_asked_after_the_earlier_questions_subject(tag):
    merged = merge_followup("哪个部门负责，建设年限是哪几年", "样例市项目表里沿江高铁总投资多少？", tag)
    assert merged == "样例市项目表里沿江高铁总投资，哪个部门负责，建设年限是哪几年"
    assert "部门" in new_words("哪个部门负责", "样例市项目表里沿江高铁总投资多少？", tag)


def test_nothing_to_merge_without_an_earlier_question(tag):
    assert merge_followup("那换电站呢", "", tag) is None


# ---------------------------------------------------------------- what a resolution must keep

def test_a_resolution_dropping_the_earlier_year_table_or_place_lost_its_scope():
    assert lost_scope("样例市2024年单位能耗要降多少", "样例市碳排放要降多少", "碳排放要降多少")
    assert lost_scope("样例市表2-1里东湖镇要建几座充电站？", "样例市换电站建？", "那换电站要建几座")
    places = lambda t: [p for p in ("东湖镇", "新桥镇") if p in t]  # noqa: E731
    assert lost_scope("东湖镇要建几座充电站？", "样例市换电站建？", "那换电站要建几座", places)


def test_a_resolution_keeping_them_or_a_follow_up_changing_them_did_not():
    assert not lost_scope("样例市2024年单位能耗要降多少", "样例市2024年碳排放要降多少", "碳排放要降多少")
    assert not lost_scope("样例市2024年单位能耗要降多少", "样例市2030年单位能耗要降多少", "那2030年呢")


def test_two_digit_years_up_to_39_are_years_but_return_periods_are_not():
    assert normalise_years("那35年呢") == "那2035年呢"
    assert normalise_years("30年的时候要建多少个") == "2030年的时候要建多少个"
    assert normalise_years("按30年一遇设防") == "按30年一遇设防"


# ---------------------------------------------------------------- the answer kept

def _answer(score: float, refused: bool = False) -> Answer:
    return Answer(question="q", answer="答", citations=(), refused=refused, score=score)


def test_the_merged_answer_replaces_a_doubtful_one_only_when_clearly_better_supported():
    assert prefer_merged(0.3, _answer(0.9), names_words=True)
    assert prefer_merged(0.0, _answer(STRONG_SUPPORT), names_words=True)  # over a refusal: strong support
    assert not prefer_merged(0.0, _answer(STRONG_SUPPORT - 0.01), names_words=True)
    assert not prefer_merged(0.85, _answer(0.9), names_words=True)  # not clearly better
    assert not prefer_merged(0.3, _answer(0.9), names_words=False)  # not about what the follow-up names
    assert not prefer_merged(0.0, _answer(1.0, refused=True), names_words=True)  # never a refusal over an answer


def test_a_follow_up_the_rules_resolve_keeps_the_rule_answer(energy):
    q = "样例市表2-1里东湖镇要建几座充电站？"
    a = energy.ask("那换电站呢", [{"question": q, "answer": "3座。"}])
    assert "2座" in a.answer
    a = energy.ask("新桥镇有几座", [{"question": q, "answer": "3座。"}])
    assert "5座" in a.answer
    a = energy.ask("谁来负责这个", [{"question": "样例市到2028年新增光伏装机容量多少？", "answer": "20万千瓦。"}])
    assert "市能源局" in a.answer


# ---------------------------------------------------------------- the earlier answer as evidence

def test_the_sentence_beside_the_earlier_answer_answers_a_sibling_asked():
    texts = ["全县畜禽粪污年产生量约42万吨，综合利用率达到80.5%；农作物秸秆可收集量约23.5万吨，综合利用率达到92.6%。",
             "推进秸秆肥料化利用，农作物秸秆综合利用率稳定在95%以上。"]
    assert anchored_sentence(texts, "约42万吨。", ["秸秆"]) == (0, "农作物秸秆可收集量约23.5万吨，综合利用率达到92.6%。")
    texts = ["2022年共销售成品油3.644万吨。", "其中城区加油站10座，高速公路6座，农村5座。"]
    assert anchored_sentence(texts, "城区加油站10座。", ["高速公路"]) == (1, texts[1])


def test_no_sentence_without_the_earlier_answers_figure_or_the_follow_ups_word():
    texts = ["农作物秸秆可收集量约23.5万吨。"]
    assert anchored_sentence(texts, "约42万吨。", ["秸秆"]) is None  # another passage: not the one talked about
    assert anchored_sentence(texts, "约23.5万吨。", ["地膜"]) is None
    assert anchored_sentence(texts, "已全部完成。", ["秸秆"]) is None  # no figure to find the passage by
