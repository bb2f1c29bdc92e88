"""Follow-ups that inherit the previous question's thing and replace one part of it: a per-year figure in place of
the year asked, a thing the plan states beside the previous one (X呢, X那项呢), an ask of its own (在哪条路) and a
year asked "的时候"; and the checks that keep a near answer out (a total for a per-year ask, a text cell for a
number). Hand-written questions and plans, no model."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from assistant.answer.answerability import failed_check, per_year_asked
from assistant.answer.scope import PlanScope
from assistant.answer.understand import resolve
from assistant.text.patterns import QUANTITY_RE
from assistant.text.tokenize import Tokenizer

PLAN_TEXT = ("全县畜禽粪污年产生量约42万吨，综合利用率达到80.5%；农作物秸秆可收集量约23.5万吨，综合利用率达到92.6%。\n"
             "表5-1 公用充电设施规划投资估算\n类型 投资（亿元）\n充电站 1.16\n换电站 6.00\n充电桩 4.83\n合计 11.99\n"
             "公用充电桩投资约为4.83亿元，约占总投资的40%。")
ALIASES = [("样例县", "x")]


@pytest.fixture(scope="module")
def tag():
    return Tokenizer().tag


@pytest.fixture(scope="module")
def plans():
    return (PlanScope("x", (), False, frozenset(), (2026, 2030), PLAN_TEXT),)


def test_a_per_year_follow_up_drops_the_year_just_asked_and_keeps_the_thing():
    new = resolve("那每年的培育数呢？", "样例县上云企业到2023年新增多少家？", ALIASES)
    assert "2023" not in new and "上云企业" in new and "每年" in new


def test_a_per_year_follow_up_is_not_answered_by_the_total_to_a_year():
    q = "样例县上云企业新增，每年的培育数"
    total = failed_check(q, [], ["到2023年新增上云企业2万家。"], per_year="每年")
    assert total is not None and total.kind == "per_year"
    assert failed_check(q, [], ["每年培育上云企业6000家以上。"], per_year="每年") is None
    assert failed_check(q, [], ["到2023年新增上云企业2万家。"]) is None  # not a follow-up's 每年: not checked


def test_only_a_follow_up_asking_a_yearly_figure_is_held_to_one():
    assert per_year_asked(SimpleNamespace(text="那每年的培育数呢？", is_followup=True)) == "每年"
    assert per_year_asked(SimpleNamespace(text="样例县每年新增多少家？", is_followup=False)) == ""
    # which kind the figure just given is: answered by the note saying it is a five-year total
    assert per_year_asked(SimpleNamespace(text="是五年加起来的还是每年的？", is_followup=True)) == ""


def test_a_thing_the_plan_states_beside_the_previous_one_takes_its_place(tag, plans):
    new = resolve("秸秆呢？", "样例县畜禽粪污一年产生多少？", ALIASES, plans=plans, tagger=tag)
    assert new == "样例县秸秆一年产生多少？"


def test_an_item_beside_the_previous_one_keeps_the_measure_and_asks_its_own_part_apart(tag, plans):
    new = resolve("充电桩那项呢，占总投资多少", "样例县规划里换电站投资估算是多少亿？", ALIASES, plans=plans, tagger=tag)
    assert new.startswith("样例县规划里充电桩投资估算是多少亿？") and new.endswith("占总投资多少？")


def test_a_rest_asking_only_the_sum_stays_one_question_with_the_sibling(tag, plans):
    new = resolve("充电站那项呢，合计多少", "样例县规划里换电站投资估算是多少亿？", ALIASES, plans=plans, tagger=tag)
    assert new == "样例县规划里充电站投资估算是多少亿，合计多少"


def test_a_thing_the_plan_never_states_near_the_previous_one_is_not_swapped_in(tag, plans):
    new = resolve("光伏呢？", "样例县畜禽粪污一年产生多少？", ALIASES, plans=plans, tagger=tag)
    assert "光伏一年产生" not in new  # not swapped in place: the plan names no 光伏 beside 畜禽粪污


def test_a_year_asked_at_that_time_keeps_the_thing_counted():
    new = resolve("那2020年的时候有几个？", "样例县规划里，乡镇养老服务中心到2025年要达到多少个？", ALIASES)
    assert new == "样例县规划里，乡镇养老服务中心到2020年要达到多少个？"


def test_which_road_is_asked_of_the_things_just_counted_not_of_the_plans_parts():
    new = resolve("那国道上的放在哪条路？", "样例县一共布几个站", ALIASES, anchors=("样例县",))
    assert "哪条路" in new and "是多少" not in new


def test_a_number_question_is_not_answered_by_a_text_cell_under_a_numbered_table():
    cell = "**样例县** 表2-3 不同类型电动汽车充电需求特点中，“公交车”一行“充电需求特点”为 **用电量大、充电频繁**。"
    heads = "二、需求预测 1．不同类型电动汽车充换电需求特点 表 2-3 不同类型电动汽车充电需求特点"
    gap = failed_check("样例县电动汽车充电需求，公交车占多少？", [], [cell, "公交车", heads], number=QUANTITY_RE,
                       figures=[cell, "公交车"])
    assert gap is not None and gap.kind == "number"
    row = "**样例县**：其中，电动公交车充电需求将达到2.89亿千瓦时。"
    assert failed_check("样例县电动汽车充电需求，公交车占多少？", [], [row, heads], number=QUANTITY_RE,
                        figures=[row]) is None
