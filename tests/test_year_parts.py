"""One measure asked at two years in one ask (a researcher filling a spreadsheet: 2020年实际和2025年目标各是多少,
20年、25年分别多少): the question whole when one row or one sentence states every year, else each year asked on its
own (the year reached stands under 发展基础, the aim under 发展目标). Pure rules, and a small hand-written plan with
the fake embedder."""

from __future__ import annotations

import pytest
from conftest import plans_assistant

from assistant.answer.multipart import split_years
from assistant.answer.understand import normalise_question

PLAN = """样例省数字经济发展规划（2021—2025年）

一、发展基础

“十三五”时期，样例省数字经济取得积极成效。2020年，全省数字经济核心产业增加值占地区生产总值比重达到6.4%，数字经济为经济社会发展提供了强大动力。

二、发展目标

到2025年，全省数字经济迈向全面扩展期，数字经济核心产业增加值占地区生产总值比重达到9%，数字化创新引领发展能力大幅提升。

到2023年，全省5G基站达到4万个；到2025年，全省5G基站达到6万个。

三、重点任务

推进工业互联网平台建设，培育一批行业级平台。
"""


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("year_parts"), {"digital.txt": PLAN})


@pytest.mark.parametrize(("text", "questions", "labels"), [
    ("核心产业占比 2020年实际和2025年目标各是多少", ("核心产业占比2020年是多少", "核心产业占比2025年是多少"),
     ("2020年实际", "2025年目标")),
    ("5G基站2023年和2025年分别要到多少", ("5G基站2023年要到多少", "5G基站2025年要到多少"), ("2023年", "2025年")),
    ("2023年、2025年5G基站各多少个", ("2023年5G基站多少个", "2025年5G基站多少个"), ("2023年", "2025年"))])
def test_each_year_asked_is_a_part(text, questions, labels):
    parts = split_years(text)
    assert parts is not None and parts.questions == questions and parts.labels == labels, parts


@pytest.mark.parametrize("text", [
    "2021—2025年新建多少个基站",  # a span: one period
    "单位GDP能耗较2020年下降多少",  # a base year: one figure
    "2025年核心产业占比是多少",  # one year
    "2020年核心产业占比多少，2025年5G基站有什么安排"])  # two asks of their own
def test_one_year_or_a_span_is_not_split(text):
    assert split_years(normalise_question(text)) is None


@pytest.mark.parametrize("question", [
    "数字经济核心产业占比 2020年实际和2025年目标各是多少",
    "核心产业增加值占地区生产总值比重20年和25年分别是多少",
    "数字经济核心产业增加值比重2020年、2025年各多少"])
def test_a_year_reached_and_an_aim_stated_apart_are_both_answered(plan, question):
    ans = plan.ask(question)
    assert not ans.refused and "6.4%" in ans.answer and "9%" in ans.answer, ans.answer


@pytest.mark.parametrize("question", ["5G基站2023年和2025年分别要到多少", "5G基站23年、25年各多少个"])
def test_one_sentence_stating_both_years_answers_whole(plan, question):
    ans = plan.ask(question)
    assert not ans.refused and "4万个" in ans.answer and "6万个" in ans.answer, ans.answer
    assert len(ans.citations) == 1, ans.answer


@pytest.mark.parametrize(("question", "terms"), [
    ("到2025年全省充换电站多少", ["全省", "充换", "电站"]),  # the tokenizer splits 充换电站
    ("2025年全省充换电站要建成几座", ["全省", "充换", "电站"]),
    ("全省充换电站2025年目标", ["全省", "充换", "电站"])])
def test_a_goal_writing_the_asked_word_whole_outranks_one_holding_its_pieces_apart(question, terms):
    from assistant.answer.structured import goal_score
    from assistant.types import Goal

    apart = Goal("d", "2025", "力争到2025年，全省高速公路服务区充换电基础设施实现全覆盖，计划建设18座城际充电站。", (), "s", (), 1)
    whole = Goal("d", "2025", "到2025年，全省将建成充换电站500座，充电桩达到1万个以上。", (), "s", (), 2)
    assert goal_score(whole, question, ("2025",), terms) > goal_score(apart, question, ("2025",), terms)


@pytest.mark.parametrize("question", ["样例碳达峰试点到2030年要达到啥目标", "样例碳达峰试点2030年目标是什么"])
def test_a_word_of_the_plans_title_breaks_no_tie(question):
    from assistant.answer.structured import goal_score
    from assistant.types import Goal

    title = "国家碳达峰试点（样例）实施方案"
    terms = ["达峰", "试点"]
    aim = Goal("d", "2030", "到2030年，碳排放双控制度体系全面建立，低碳试点引领作用充分发挥，碳排放达峰后稳中有降。",
               (), "s", (), 1)
    naming = Goal("d", "2030", "积极推进城市碳达峰试点建设，到2030年有计划分步骤实施碳达峰行动。", (), "s", (), 2)
    assert goal_score(naming, question, ("2030",), terms) > goal_score(aim, question, ("2030",), terms)  # no title
    assert goal_score(aim, question, ("2030",), terms, title=title) >= goal_score(naming, question, ("2030",), terms,
                                                                                title=title)
