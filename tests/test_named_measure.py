"""A near miss is no answer: a figure of another measure, act or part of the area does not answer the one asked.
The retrieval-only answer's figure checks (assistant/answer/compose.py ``_figure_checks``) and the table-row kind
check (assistant/answer/answerability.py ``other_kind_row``), on small hand-written plans."""

from __future__ import annotations

from assistant.answer.answerability import other_kind_row
from assistant.answer.compose import _figure_checks
from assistant.answer.understand import understand
from assistant.types import DocMeta


def _q(question: str):
    return understand(question, [], [DocMeta("a", "a")], lambda s: [(c, "x") for c in s])


def _checks(question: str, own: list[str], weights: dict[str, float], writes=lambda t: True):
    return _figure_checks(_q(question), {}, own, lambda t: weights.get(t, 1.0), None, None, writes)


GDP = "2020年地区生产总值约865.48亿元。"


def test_a_measure_the_plans_write_is_stated_only_by_naming_it():
    own, weights = ["南岸区", "新建", "加油站", "投资"], {"南岸区": 12.0, "新建": 4.7, "加油站": 4.0, "投资": 5.4}
    _, states = _checks("南岸区新建加油站总投资要多少", own, weights)
    assert not states(GDP)  # an amount of money, but not of 投资
    assert states("新建加油站总投资3.2亿元。")
    _, unwritten = _checks("南岸区新建加油站总投资要多少", own, weights, writes=lambda t: t != "投资")
    assert unwritten(GDP)  # a word no plan writes is stated by its kind


def test_a_word_naming_only_the_kind_is_stated_by_any_quantity_of_it():
    own, weights = ["新能源", "加注", "试点", "比例"], {"加注": 8.0, "比例": 7.0, "新能源": 7.0, "试点": 5.5}
    keys, states = _checks("新能源加注试点的比例是多少？", own, weights)
    assert states("选取5%左右加油站作为新能源加注站试点。")
    assert "比例" not in keys


def test_a_term_nearly_as_rare_as_the_heaviest_that_the_plans_never_write_must_be_named():
    own, weights = ["东岭区", "关停", "加油站"], {"东岭区": 12.6, "关停": 8.4, "加油站": 4.0}
    keys, _ = _checks("东岭区要关停几座加油站", own, weights, writes=lambda t: t != "关停")
    assert "关停" in keys and "加油站" not in keys
    keys, _ = _checks("东岭区要关停几座加油站", own, weights)
    assert keys == ["东岭区"]  # a word the plans write may be worded around where the figure is


def test_a_part_of_the_area_asked_must_be_named():
    keys, _ = _checks("城区要新建几个站", ["城区", "新建"], {"城区": 3.3, "新建": 4.7})
    assert "城区" in keys


ROW = "**云岫市 · 综合文化服务中心覆盖率**（单位：%）：2020年 96.8%，2025年目标 100%。"


def test_a_table_row_of_another_kind_does_not_answer_a_count():
    assert other_kind_row("综合文化服务中心建成几个了", [ROW]) is not None
    assert other_kind_row("综合文化服务中心覆盖率是多少", [ROW]) is None
    assert other_kind_row("新改建多少公里农村公路", ["2025年 【2860】公里（五年累计）"]) is None
    # the row as quoted beside its rendering: bare cells (96.8 | 100, the unit in its own column) are not judged
    cells = "综合文化服务中心覆盖率 | % | 96.8 | 100 | 约束性"
    assert other_kind_row("全市综合文化服务中心有多少个", [ROW, "", cells]) is not None
    assert other_kind_row("全市综合文化服务中心有多少个", ["综合文化服务中心 | 1438 | 1500"]) is None


def test_a_kind_word_as_heavy_as_the_heaviest_term_is_no_key():
    """比例 weighing within 5 % of 用地 (the weights shift with every plan added) is still stated by any share."""
    from assistant.text.tokenize import Tokenizer

    own, weights = ["用地", "新增", "比例", "乡村"], {"用地": 6.8, "比例": 6.6, "新增": 4.2, "乡村": 1.7}
    q = _q("每年新增建设用地指标留多大比例给乡村？")
    keys, _ = _figure_checks(q, {}, own, lambda t: weights.get(t, 1.0), None, Tokenizer())
    assert keys == ["用地"]
