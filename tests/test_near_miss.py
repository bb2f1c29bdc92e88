"""Near-miss unanswerable questions: a measure, a figure, a year or a place the plan does not give must not be
answered with a neighbouring one (hand-written plan, fake embedder; the pure checks as rules)."""

from __future__ import annotations

import re

import pytest
from conftest import plan_assistant

from assistant.answer.answerability import (
    Missing,
    absent_years,
    asked_amount_unit,
    asked_place_kind,
    counted_noun,
    missing_in,
    past_heading,
)
from assistant.answer.scope import PlanScope
from assistant.types import Answer, Citation

WATER = """城南区供水设施“十四五”发展规划（2021-2025年）

第一章 发展基础

“十三五”以来，城南区供水能力稳步提升，自来水普及率达到96%，建成水厂5座。

第二章 发展目标

到2025年，城南区新建水厂3座，新增日供水能力20万立方米，管网漏损率控制在9%以内。

第三章 重点工程

表3-1 城南区水厂建设汇总表

| 片区 | 现状水厂（座） | 新建水厂（座） |
| --- | --- | --- |
| 东片区 | 2 | 1 |
| 西片区 | 3 | 2 |
| 合计 | 5 | 3 |

加强水源地保护，推进智慧水务平台建设，提升供水安全保障能力。

第四章 保障措施

全区现有水厂5座，规划新增水厂3座，新增水厂用地纳入国土空间规划。

项目投资主体以区属国有企业为主，社会资本占比约35%。
"""


@pytest.fixture(scope="module")
def water(tmp_path_factory):
    return plan_assistant(tmp_path_factory.mktemp("water"), WATER, "water_plan.txt")


def test_a_count_of_another_kind_of_facility_is_not_the_answer(water):
    ans = water.ask("东片区要新建多少座泵站？")  # the 东片区 row gives 新建水厂
    # refused either by the table path (no column or row counts 泵站) or by answerability naming 泵站
    assert ans.refused and "1座" not in ans.answer and "**1**" not in ans.answer, ans.answer


def test_a_status_sentence_is_not_the_end_year_target(water):
    ans = water.ask("到2025年城南区自来水普及率要达到多少？")
    assert ans.refused and "2025年" in ans.answer and "96%" not in ans.answer, ans.answer


def test_an_amount_in_a_bare_magnitude_needs_that_magnitude_quoted(water):
    ans = water.ask("城南区供水规划总投资多少亿")  # the plan gives a share of 投资 only
    assert ans.refused and "“亿”" in ans.answer, ans.answer


def test_a_figure_asked_is_not_answered_by_sentences_without_one(water):
    ans = water.ask("城南区智慧水务平台建设有没有定2025年的具体数值目标？数值是多少？")
    assert ans.refused, ans.answer


def test_which_town_is_not_answered_by_a_count(water):
    ans = water.ask("城南区规划新增的那3座水厂分别在哪个乡镇？")
    assert ans.refused, ans.answer


def test_the_stated_target_is_still_answered(water):
    ans = water.ask("到2025年城南区要新建多少座水厂？")
    assert not ans.refused and "3" in ans.answer, ans.answer


def _cited(body: str, heading: tuple[str, ...] = ("第二章 发展目标",), text: str = "") -> Answer:
    cite = Citation(1, "a", "甲规划", heading, text or body, 1.0, highlight=body)
    return Answer("q", body + " [1]", False, (cite,))


_PLAN = PlanScope("a", (), False, frozenset(), (2021, 2025))


def test_bare_magnitudes_and_counted_magnitudes_are_asked_units():
    assert asked_amount_unit("项目总投资多少亿") == "亿"
    assert asked_amount_unit("预计充电设备是多少万台") == "万台"
    assert asked_amount_unit("新建管网多少千米") is None  # 千米 is a length unit, not 千 of something
    assert asked_amount_unit("漏损率降低多少百分点") is None


def test_a_heading_stating_where_things_stand():
    assert past_heading(["第一章 发展基础"], [_PLAN])
    assert past_heading(["一、“十三五”时期回顾"], [_PLAN])  # a period before the plan's own
    assert past_heading(["（二）现状分析"], [_PLAN])
    assert not past_heading(["第二章 发展目标", "表3-1 水厂建设汇总表"], [_PLAN])


def test_a_past_section_does_not_give_the_plans_last_year():
    assert absent_years(["2025"], ["普及率达到96%"], [_PLAN]) == []
    assert absent_years(["2025"], ["普及率达到96%"], [_PLAN], past=True) == ["2025"]
    past = _cited("普及率达到96%。", ("第一章 发展基础",))
    assert missing_in("2025年普及率要达到多少", ["普及率"], past, [_PLAN]) == Missing("year", "2025")


def test_the_measure_asked_must_be_quoted():
    row = _cited("表3-1 中，“合计”一行“新建水厂（座）”为 3座。", text="片区 | 新建水厂（座）\n合计 | 3")
    assert missing_in("要新建多少座泵站", ["新建", "泵站"], row, [_PLAN], key="泵站") == Missing("measure", "泵站")
    assert missing_in("要新建多少座水厂", ["新建", "水厂"], row, [_PLAN], key="水厂") is None
    sentence = _cited("到2025年，新建加压设施3座。")  # a sentence may word the measure otherwise: not checked
    assert missing_in("要新建多少座泵站", ["新建", "泵站"], sentence, [_PLAN], key="泵站") is None


def test_a_figure_asked_must_be_quoted():
    words = _cited("推进智慧水务平台建设，提升供水安全保障能力。")
    shape = re.compile(r"\d")
    assert missing_in("平台的目标数值是多少", ["平台"], words, [_PLAN], number=shape) == Missing("number", "")
    assert Missing("number", "").message().startswith("找到的最接近的段落中没有给出所问的数值")


def test_the_kind_of_place_a_which_question_asks():
    assert asked_place_kind("两座水厂分别建在哪个乡镇", ["水厂", "乡镇"], "indicator") == "乡镇"
    assert asked_place_kind("哪几个乡镇有水厂", ["乡镇", "水厂"], "list") == "乡镇"
    assert asked_place_kind("哪个水厂规模最大", ["水厂", "规模"], "indicator") is None
    count = _cited("全区现有水厂5座，规划新增水厂3座。")
    assert missing_in("新增水厂在哪个乡镇", ["水厂", "乡镇"], count, [_PLAN], places="乡镇") == Missing("items", "乡镇")


def test_the_noun_an_amount_asked_with_a_counting_word_counts():
    assert counted_noun("东片区要新建多少座泵站", ["东片区", "新建", "泵站"]) == "泵站"
    assert counted_noun("要控制在多少座左右", ["控制", "左右"], lambda t: t != "左右") == ""  # no noun follows
    assert counted_noun("泵站的数量是多少", ["泵站", "数量"]) == ""  # no counting word
