"""Where a section the question names by title is, with the sentence of its text that says the asked words its
title does not (国道省道沿线的站间距写在哪一节？具体要求是啥 -> 4.2.2间距要求, 原文：国道、省道沿线…6对…), as a
place found by its passage is quoted (assistant/answer/sections.py ``_named_place``)."""

from __future__ import annotations

import pytest

PLAN = """某市加油站发展规划

第四章 加油站布局规划

4.2设置标准

4.2.1选址要求

加油站选址应符合国土空间规划，远离学校、医院等人员密集场所。

4.2.2间距要求

1．城区加油站的服务半径不低于0.9公里。

2．高速公路沿线宜结合服务区规划成对设置，每百公里双向不超过2对。

3．国道、省道沿线每百公里双向不超过6对，两站间距不得低于5公里。

4.3总体目标

全市本次共计新规划加油站427座。
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    from tests.conftest import plans_assistant

    return plans_assistant(tmp_path_factory.mktemp("named"), {"plan.txt": PLAN})


@pytest.mark.parametrize("question", ["国道省道沿线的站间距要求写在哪一节？具体要求是啥",
                                      "国道省道上加油站间距要求在哪一部分讲的", "国道沿线的加油站间距要求在哪一节"])
def test_the_named_section_is_quoted_where_it_says_the_asked_words(assistant, question):
    ans = assistant.ask(question)
    assert "4.2.2间距要求" in ans.answer, ans.answer
    assert "6对" in ans.answer, ans.answer


def test_a_title_saying_everything_asked_is_not_quoted(assistant):
    ans = assistant.ask("间距要求在哪一节")
    assert "4.2.2间距要求" in ans.answer and "原文" not in ans.answer, ans.answer
