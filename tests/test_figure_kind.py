"""What kind of figure a value is: a five-year cumulative cell ([45], 【10000】, 〔3000〕户, defined by the table's note)
is written with its figure and unit together and said to be cumulative in words, the mark as the table writes it
after them (assistant/answer/structured.value_text), in an indicator's line, a comparison, a list of a table's
rows and any table's cell; a question asking whether a figure is one year's or five years' together ("…45亿美元，是指
2025年当年吧？", "写的10000，是一年要新增一万家吗？", "是五年加起来的还是每年的？") is answered first by a plain
verdict naming the value (assistant/answer/figure_kind.py), from the row the answer quotes (small hand-written plans,
fake embedder)."""

from __future__ import annotations

import pytest
from conftest import plans_assistant

from assistant.answer.figure_kind import CUMULATIVE, ONE_YEAR, WHICH, kind_claim
from assistant.answer.structured import cell_text, value_text
from assistant.text.numbers import marked_figure

PLAN = """样例区开放发展“十四五”规划

第一章 发展目标

到2025年，外贸进出口总额达到3700亿元，实际利用外资累计达45亿美元，每年新增外资企业30家以上。

表1 样例区开放发展主要指标

| 序号 | 指标 | 单位 | 2020年 | 2025年 | 指标属性 |
| --- | --- | --- | --- | --- | --- |
| 1 | 外贸进出口总额 | 亿元 | 2900 | 3700 | 预期性 |
| 2 | 实际利用外资 | 亿美元 | [7.76] | [45] | 预期性 |
| 3 | 新增注册企业数量 | 个 | 【6700】 | 【10000】 | 预期性 |
| 4 | 累计引进总部企业 | 家 | 20 | 60 | 预期性 |

注：带[ ]或【】为五年累计数。

第二章 重点任务

一、扩大对外贸易

推动加工贸易转型升级，培育外贸新业态。
"""

OTHER = """样例县开放发展“十四五”规划

第一章 发展目标

表1 样例县开放发展主要指标

| 序号 | 指标 | 单位 | 2020年 | 2025年 | 指标属性 |
| --- | --- | --- | --- | --- | --- |
| 1 | 实际利用外资 | 亿美元 | [3.1] | [12] | 预期性 |
| 2 | 外贸进出口总额 | 亿元 | 800 | 1100 | 预期性 |

注：带[ ]为五年累计数。
"""


@pytest.fixture(scope="module")
def planner(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("kind"), {"district.txt": PLAN})


@pytest.fixture(scope="module")
def two_plans(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("kind2"), {"district.txt": PLAN, "county.txt": OTHER})


def _plain(markdown: str) -> str:
    return markdown.replace("\\", "")


# ---------------------------------------------------------------- how a marked cell is written (pure)


@pytest.mark.parametrize("raw, unit, written", [
    ("[45]", "亿美元", "45亿美元（五年累计数，表中记作\\[45\\]）"),
    ("【10000】", "个", "10000个（五年累计数，表中记作【10000】）"),
    ("〔3000〕户", "", "3000户（五年累计数，表中记作〔3000〕）"),  # the unit after the mark stays with the figure
    ("3700", "亿元", "3700亿元"),
    ("35%", "%", "35%"),
])
def test_a_marked_cell_keeps_its_figure_and_unit_together_and_says_it_is_cumulative(raw, unit, written):
    assert value_text(raw, unit) == written
    assert cell_text(raw, unit) == written or not marked_figure(raw)  # any table's cell: the same when marked


def test_a_mark_with_nothing_inside_is_no_figure():
    assert marked_figure("[ ]") is None and marked_figure("45") is None


# ---------------------------------------------------------------- reading the check (pure)


@pytest.mark.parametrize("question, kind", [
    ("规划写的实际利用外资45亿美元，是指2025年当年吧？", ONE_YEAR),
    ("新增注册企业2025年写的10000，是一年要新增一万家吗？", ONE_YEAR),
    ("那个10000是每年的数吗", ONE_YEAR),
    ("实际利用外资是五年累计的吧", CUMULATIVE),
    ("这是五年的总数吗", CUMULATIVE),
    ("是五年加起来的还是每年的？", WHICH),
    ("乡村医生培训的目标值是年度值还是累计值？", WHICH),
    ("每年要引多少外资？", None),  # a figure asked, not whether one is yearly
    ("每年给的专项资金安排多少亿？行动计划里写了吗", None),  # the check and the kind in different clauses
    ("二〇二一年印发的吗", None),  # 一年 inside a year written in characters
])
def test_a_check_of_a_figures_kind_is_read_from_one_clause(question, kind):
    assert kind_claim(question) == kind


# ---------------------------------------------------------------- answers


@pytest.mark.parametrize("question", [
    "规划写的实际利用外资45亿美元，是指2025年当年吧？",
    "实际利用外资那个45，是一年的量吗？",
    "样例区实际利用外资2025年目标是单年的吗",
])
def test_a_cumulative_figure_claimed_to_be_one_years_is_said_not_to_be(planner, question):
    ans = planner.ask(question)
    first = _plain(ans.answer).split("\n")[0]
    assert not ans.refused and first.startswith("不是一年的数"), ans.answer
    assert "45亿美元" in first and "[45]" in first and "五年累计数" in first, ans.answer
    assert "共列" not in ans.answer  # the row asked, not the table's list


@pytest.mark.parametrize("question", [
    "新增注册企业2025年写的10000，是一年要新增一万家吗？",
    "指标表里新增注册企业2025年写的10000，是一年要新增一万家吗？",  # naming the table: still the one row
    "样例区指标表里新增注册企业那个10000是每年的数吗",
])
def test_a_figure_quoted_from_a_table_is_checked_on_its_row(planner, question):
    ans = planner.ask(question)
    first = _plain(ans.answer).split("\n")[0]
    assert first.startswith("不是一年的数") and "10000个" in first and "【10000】" in first, ans.answer
    assert "共列" not in ans.answer and "外贸进出口总额" not in ans.answer, ans.answer


@pytest.mark.parametrize("question, lead", [
    ("实际利用外资是五年累计的吗？", "是："),
    ("新增注册企业数量这是五年的总数吗", "是："),
    ("实际利用外资是五年加起来的还是每年的？", "是五年累计数，不是一年的数"),
    ("外贸进出口总额2025年3700亿元是五年累计的吗？", "不是五年累计数"),
    ("外贸进出口总额3700亿元是2025年当年的吧？", "不是五年累计数"),  # an unmarked row: not called cumulative
])
def test_the_verdict_follows_the_rows_mark(planner, question, lead):
    ans = planner.ask(question)
    assert not ans.refused and _plain(ans.answer).startswith(lead), ans.answer


def test_a_row_named_cumulative_is_said_to_be_so_by_its_name(planner):
    ans = planner.ask("累计引进总部企业2025年60家，是当年引进的吗？")
    first = _plain(ans.answer).split("\n")[0]
    assert first.startswith("不是一年的数") and "60家" in first and "累计" in first, ans.answer


def test_a_plain_figure_question_gets_no_verdict_and_the_marked_value_written_whole(planner):
    ans = planner.ask("样例区实际利用外资2025年目标是多少？")
    text = _plain(ans.answer)
    assert "45亿美元（五年累计数，表中记作[45]）" in text and "[45]亿美元" not in text, ans.answer
    assert not text.startswith(("是", "不是")), ans.answer


def test_a_comparison_writes_each_marked_value_whole(two_plans):
    ans = two_plans.ask("样例区和样例县实际利用外资2025年目标分别是多少？")
    text = _plain(ans.answer)
    assert "45亿美元（五年累计数" in text and "12亿美元（五年累计数" in text, ans.answer


def test_the_page_shows_the_marked_value_as_written(planner):
    from markdown_it import MarkdownIt

    from assistant.web.render import render_answer

    ans = planner.ask("规划写的实际利用外资45亿美元，是指2025年当年吧？")
    html = MarkdownIt("commonmark").render(render_answer(ans))
    assert "45亿美元在表中记作[45]，为五年累计数" in html, html
    assert "45亿美元（五年累计数，表中记作[45]）" in html and "\\[" not in html, html


@pytest.mark.parametrize("question", [
    "新增注册企业写的10000个，是一年的吗",  # the name only in part: the row holding the figure
    "注册企业那个1万个是每年的数吗",  # the figure with its magnitude written after it
    "同事说新增注册企业一年要新增10000个，是这样吗？",  # a claim: its figure is what is checked
])
def test_the_row_holding_the_figure_checked_answers(planner, question):
    first = _plain(planner.ask(question).answer).split("\n")[0]
    assert first.startswith("不是一年的数") and "【10000】" in first, first


@pytest.mark.parametrize("question, lead", [
    ("规划说每年新增外资企业30家，是五年累计的吧？", "不是累计数"),
    ("规划里外资企业每年新增30家，是指五年累计的吗", "不是累计数"),
    ("同事说规划里每年新增外资企业30家以上，是这样吗", "是"),
    ("正文写的每年新增外资企业30家，是一年的还是五年累计的？", "是一年的数，不是累计数"),
])
def test_a_figure_of_running_text_is_checked_on_the_clause_stating_it(planner, question, lead):
    ans = planner.ask(question)
    first = _plain(ans.answer).split("\n")[0]
    assert first.startswith(lead + "：") and "每年新增外资企业30家以上" in first, ans.answer
    assert "新增注册企业数量" not in ans.answer, ans.answer  # a row holding no figure checked is a look-alike
