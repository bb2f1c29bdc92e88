"""A count asked in one kind of thing's counting word (多少辆, 几座, 几所) is answered only by a quote counting in it:
a figure before the word (2000辆, 十一座) or a table column headed by it ((座)). A goal sentence with no figure, or a
figure of another kind, is a near miss and refused (missing_unit); 个, 家, 项 count anything and are not checked."""

from __future__ import annotations

import pytest
from conftest import plan_assistant

from assistant.answer.answerability import asked_count_unit, counts_in


@pytest.mark.parametrize(("question", "unit"), [("2030年氢能汽车推广目标是多少辆？", "辆"), ("要建几座加氢站", "座"),
                                                ("新增多少所学校", "所"), ("要建几个站", None), ("多少家企业", None),
                                                ("推广多少万辆", None)])  # 万辆: the amount unit check's (asked_amount_unit)
def test_the_counting_word_asked(question, unit):
    assert asked_count_unit(question) == unit


@pytest.mark.parametrize(("unit", "texts", "held"), [("辆", ["推广氢能汽车2000辆"], True),
                                                     ("座", ["建成十一座加氢站"], True),
                                                     ("座", ["| 甲县 | 3 | 5 |", "| 县区 | 现状（座） | 规划（座） |"], True),
                                                     ("辆", ["推广3.5万辆新能源汽车"], True),
                                                     ("辆", ["围绕氢燃料电池汽车应用场景布局"], False),
                                                     ("辆", ["新增加氢站20座"], False)])
def test_a_text_counts_in_the_word(unit, texts, held):
    assert counts_in(unit, texts) is held


HYDROGEN = """样例市综合能源站专项规划（2025—2030年）

第一章 发展现状

全市已形成3万吨制氢能力，5座加氢站建成投用，300辆氢能汽车投入运行。

第二章 规划目标

结合样例市氢能产业发展规划，围绕氢燃料电池汽车应用场景和用氢需求，在全市布局综合能源站。到2030年，全市建成综合能源站40座。
"""


@pytest.mark.parametrize("question", ["2030年氢能汽车推广目标是多少辆？", "到2030年要推广几辆氢能车",
                                      "规划期末氢燃料电池汽车要达到多少辆"])
def test_a_count_no_quote_makes_in_its_word_is_refused(tmp_path, question):
    ans = plan_assistant(tmp_path, HYDROGEN).ask(question)
    assert ans.refused, ans.answer
    assert "300辆" not in ans.answer or "无法" in ans.answer


@pytest.mark.parametrize("question", ["2030年要建成多少座综合能源站？", "到2030年综合能源站建几座"])
def test_a_count_in_its_word_is_answered(tmp_path, question):
    ans = plan_assistant(tmp_path, HYDROGEN).ask(question)
    assert not ans.refused
    assert "40座" in ans.answer
