"""Questions answered by a table's rows and columns (tests/data/tables/measures_plan.txt, fake embedder): several
measures of one row, a column named without a row, the row holding a column's extreme, the rows behind a total
the question quotes, and the same row of two tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answer.multipart import split_questions
from assistant.answer.tables import asked_measures

DATA = Path(__file__).parent / "data" / "tables"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    from assistant.config import load_settings
    from assistant.index.embed import HashingEmbedder
    from assistant.pipeline import Assistant

    tmp = tmp_path_factory.mktemp("measures")
    corpus = tmp / "corpus"
    corpus.mkdir()
    plan = (DATA / "measures_plan.txt").read_text(encoding="utf-8")
    (corpus / "measures_plan.txt").write_text(plan, encoding="utf-8")
    settings = load_settings(env={}, corpus=corpus, index=tmp / "index", uploads=tmp / "uploads", model="hashing")
    return Assistant.open(settings, embedder=HashingEmbedder())


def test_each_asking_word_names_its_measure():
    assert asked_measures("一共有多少线路、多少辆车？") == ["线路", "车"]
    assert asked_measures("停车场有几个") == ["停车场有"]  # nothing after it: the words before, in its clause


def test_two_measures_of_one_row_are_both_answered(assistant):
    ans = assistant.ask("全市现状一共有多少线路、多少辆车？")
    assert "“线路数量”为 **55**" in ans.answer and "“车辆数量”为 **390**" in ans.answer
    assert "场站数量" not in ans.answer  # a column not asked
    assert ans.citations[0].highlight == "合计"


def test_a_column_named_alone_is_read_down_its_rows(assistant):
    same = assistant.ask("表2-1里电耗折算系数取多少？")
    assert "公交车、出租车均为 **0.85**" in same.answer  # every row alike: one value
    differ = assistant.ask("表2-1车辆能耗测算里日均里程是多少？")
    assert "“公交车”180公里" in differ.answer and "“出租车”260公里" in differ.answer
    unnamed = assistant.ask("环卫车能耗测算里日均里程是多少？")  # a row the table lacks, the table not named
    assert "180" not in unnamed.answer and "260" not in unnamed.answer


def test_an_extreme_picks_the_row_with_the_largest_or_smallest_value(assistant):
    rise = assistant.ask("这几年客运量涨得最快是哪一年？")
    assert "“增长率（全市）”" in rise.answer and "“2019”" in rise.answer and "18.20%" in rise.answer
    assert "18.20%全市" not in rise.answer  # a bracketed qualifier is not the value's unit
    low = assistant.ask("哪一年客运量增长率最低？")
    assert "“2021”" in low.answer and "1.20%" in low.answer and "主城" not in low.answer  # the whole area's column
    most = assistant.ask("哪个片区的场站最多？")
    assert "“南片区”" in most.answer and "**6**" in most.answer


def test_a_quoted_total_names_the_column_whose_rows_are_listed(assistant):
    ans = assistant.ask("规划里增加的那6个停车场放在哪些区？各几个")
    assert "西城区4个" in ans.answer and "北城区2个" in ans.answer and "东城区" not in ans.answer


def test_a_count_asked_of_each_listed_row_stays_with_its_list_question():
    assert split_questions("新增的6个停车场放在哪些区？各几个") == ["新增的6个停车场放在哪些区？各几个"]
    assert len(split_questions("新增的停车场有几个？改建的停车场有几个？")) == 2


def test_two_methods_tables_both_answer_the_same_row(assistant):
    ans = assistant.ask("用两种方法测算2030年公交客运量，结果分别是多少")
    assert "13900" in ans.answer and "13650" in ans.answer


def test_a_total_of_another_table_does_not_answer_for_a_row_the_question_names(assistant):
    ans = assistant.ask("南片区以外的其他片区，规划目标合计要建多少？")
    assert "表3-2" not in ans.answer and "20个" not in ans.answer  # 表3-2's 合计, matched only by 以外/其他/规划目标 and 合计
    assert "7座" in ans.answer  # the sentence that states it


def test_an_extreme_over_sentences_that_read_as_rows(assistant):
    ans = assistant.ask("各区县里，哪个充电桩布局最多、哪个最少？")
    assert "北山县公共充电桩布局150根" in ans.answer and "南湖县公共充电桩布局60根" in ans.answer
    assert "东城区" not in ans.answer


def test_parallel_sentences_are_grouped_by_the_words_they_share(assistant):
    from assistant.answer.parallel import parallel_rows

    doc = next(d for d in assistant.documents if d.doc_id == "measures_plan")
    groups = parallel_rows(doc)
    assert [[r.name for r in g] for g in groups] == [["东城区", "西城区", "南湖县", "北山县"]]
    assert [r.value for r in groups[0]] == [120, 95, 60, 150]


def test_a_count_of_something_the_table_does_not_hold_is_not_its_cell(assistant):
    kept = assistant.ask("北城区新建多少个停车场？")
    assert "**2个**" in kept.answer
    hedged = assistant.ask("北城区新建停车场要控制在多少个左右？")  # 左右 hedges the amount: not a thing counted
    assert "**2个**" in hedged.answer
    other = assistant.ask("北城区新建多少个公园？")  # the table counts 停车场: its 新建 cell is not about parks
    assert "**2个**" not in other.answer


def test_a_share_asked_is_a_words_role_not_a_measure():
    from assistant.answer.tables import part_share

    assert part_share("投资估算合计是多少亿，车辆购置占多少？")
    assert not part_share("车辆购置投资多少亿？")


def test_a_share_the_plan_does_not_state_is_two_cells_and_no_computed_ratio(assistant):
    ans = assistant.ask("公交设施规划投资估算合计是多少亿，车辆购置占多少？")
    assert "“车辆购置”一行" in ans.answer and "**4.50亿元**" in ans.answer
    assert "“合计”一行" in ans.answer and "**9.00亿元**" in ans.answer
    assert "规划未直接写出“车辆购置”所占比例" in ans.answer  # said plainly
    assert "≈" not in ans.answer and "%" not in ans.answer  # never a figure the plan does not state


def test_a_share_the_plan_states_is_quoted_not_computed(assistant):
    ans = assistant.ask("场站建设投资多少亿？占总投资多少？")  # two parts: the share is of the row the first names
    assert "**3.60亿元**" in ans.answer and "**9.00亿元**" in ans.answer
    assert "约占总投资的40%" in ans.answer and "计算值" not in ans.answer


def test_a_share_asked_with_money_words_reads_the_money_table(assistant):
    ans = assistant.ask("公交设施一共要投多少钱，车辆购置那块占多少")
    assert "表6-1" in ans.answer and "**4.50亿元**" in ans.answer and "**9.00亿元**" in ans.answer


def test_the_other_rows_are_listed_each_cited_and_never_summed(assistant):
    ans = assistant.ask("那其他城区加起来呢", [{"question": "东城区现状有多少个停车场？", "answer": "5个"}])
    assert "“东城区”为5个" in ans.answer and "西城区8、北城区3" in ans.answer
    assert "规划未直接写出其余各行的合计" in ans.answer
    assert "11" not in ans.answer and "16" not in ans.answer  # no sum computed; not the 合计 row (holds 东城区 too)


def test_the_rest_follow_up_keeps_the_question_it_follows():
    from assistant.answer.understand import resolve

    assert resolve("那其他城区加起来呢", "东城区现状有多少个停车场？", []) == "东城区现状有多少个停车场，那其他城区加起来呢"


@pytest.mark.parametrize("message, parts", [
    ("工作组组长谁，办公室在哪个厅", ["工作组组长谁", "办公室在哪个厅"]),
    ("专项工作组组长是谁，办公室设在哪个部门", ["专项工作组组长是谁", "办公室设在哪个部门"]),
    ("专用桩共增几根，公交车公务车各几根", ["专用桩共增几根", "公交车公务车各几根"]),
    ("换电站一共几座，充电桩新建多少根", ["换电站一共几座", "充电桩新建多少根"]),
])
def test_two_asks_joined_by_a_comma_are_two_questions(message, parts):
    # a bare 谁 and a count asked with its unit (几根) are asks, as 是谁 and 多少根 are
    assert split_questions(message) == parts
