"""An area's goals (assistant/answer/aims.py area_goal_answer): the part of the plan's goal section (发展目标)
whose sub-heading names the area asked, in the asker's words; the year's goal as a whole asked casually (啥样).
Hand-written plan, fake embedder."""

from __future__ import annotations

import pytest

PLAN = """# 青禾市农业农村现代化规划

第一章 总体要求
一、发展目标
到2030年，农业强市建设取得明显进展，乡村振兴走在全省前列。
（一）粮食生产能力稳步提升。
全市粮食综合生产能力稳定在95万吨以上，建成高标准农田210万亩。
（二）科技装备支撑更加有力。
农业科技进步贡献率达到66%，农作物耕种收综合机械化率达到80%。
（三）农民收入较快增长。
农村居民人均可支配收入达到31000元以上，城乡居民收入比缩小到1.9以内。

第二章 促进农民增收
一、发展富民产业
培育家庭农场1万家，到2030年农民合作社规范社达到700家。
二、强化农机装备
新建农机服务中心20个，到2030年水稻生产综合机械化率达到90%。
"""


@pytest.fixture(scope="module")
def planner(tmp_path_factory):
    from conftest import plan_assistant

    return plan_assistant(tmp_path_factory.mktemp("areagoal"), PLAN)


@pytest.mark.parametrize("question, said, other", [
    ("农民增收方面的目标是什么", "31000", "700家"),
    ("农民增收这块定了哪些目标？", "1.9以内", "家庭农场"),
    ("请问科技装备方面到2030年的发展目标有哪些具体要求？", "66%", "农机服务中心"),
    ("科技装备上的主要目标有哪些", "80%", "90%"),
    ("粮食生产方面的目标是什么", "95万吨", "31000"),
])
def test_an_area_s_goals_are_the_goal_section_part_naming_it(planner, question, said, other):
    ans = planner.ask(question)
    assert not ans.refused and said in ans.answer and other not in ans.answer, ans.answer


@pytest.mark.parametrize("question", ["到2030年总体上要达到啥样", "到2030年整体上要达到什么样", "2030年总体上要达到啥样？"])
def test_the_year_s_goal_as_a_whole_asked_casually(planner, question):
    ans = planner.ask(question)
    assert not ans.refused and "乡村振兴走在全省前列" in ans.answer, ans.answer


def test_an_area_no_goal_sub_heading_names_gets_no_area_goal():
    from assistant.answer.aims import _names_chars

    assert _names_chars("增收", "农民收入较快增长") and _names_chars("科技", "科技装备支撑更加有力")
    assert not _names_chars("生态", "农民收入较快增长")


def test_a_year_s_goal_is_not_mixed_with_another_year_s_from_the_goal_section(tmp_path):
    from conftest import plan_assistant

    planner = plan_assistant(tmp_path, """# 青禾市开放发展规划

一、发展目标
到2025年，基本建成内陆开放示范区，营商环境达到国内一流水平。
到2035年，全面建成内陆开放示范区，开放环境达到国际一流水平。
""")
    for question in ("到2035年要全面建成什么", "2035年想建成个什么样子？"):
        ans = planner.ask(question)
        assert "国际一流" in ans.answer and "2025" not in ans.answer, ans.answer
    ans = planner.ask("营商环境方面的目标是什么")
    assert "国内一流" in ans.answer and "国际一流" not in ans.answer, ans.answer
