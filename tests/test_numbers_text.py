"""Numbers in running text and follow-ups that keep the previous turn's measure, table and place (fast: a small
hand-written plan and the hashing embedder)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answer.guard import unsupported_numbers
from assistant.answer.understand import is_followup, understand
from assistant.types import DocMeta

PLAN = Path(__file__).parent / "data" / "numbers" / "numbers_plan.txt"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    from assistant.config import load_settings
    from assistant.index.embed import HashingEmbedder
    from assistant.pipeline import Assistant

    tmp = tmp_path_factory.mktemp("numbers")
    corpus = tmp / "corpus"
    corpus.mkdir()
    (corpus / PLAN.name).write_text(PLAN.read_text(encoding="utf-8"), encoding="utf-8")
    settings = load_settings(env={}, corpus=corpus, index=tmp / "index", uploads=tmp / "uploads", model="hashing")
    return Assistant.open(settings, embedder=HashingEmbedder())


def _check(ans, question, want, not_want=()):
    text = ans.answer.replace("\\", "")
    assert not ans.refused and want in text, ans.answer
    assert not any(w in text for w in not_want), ans.answer
    assert not unsupported_numbers(ans.answer, [c.text for c in ans.citations], question)


@pytest.mark.parametrize("question,want,not_want", [
    # the table's 规划期末 column is 2025: the sentence states the 2035 value asked
    ("全市2035年加油站总量的控制目标是多少？", "60座", ("61",)),
    # the column the asking word counts (充电站…几座), not another the question also names (运营商)
    ("北区现在社会运营商充电站有几座？", "9", ("5",)),
    # the table whose note names the method asked; the row named in full with the table's own words
    ("按弹性系数法2023年电动汽车保有量预测多少？", "7.92", ()),
    # a period asked (十四五): not the 2030 goal
    ("十四五光伏要新增多少装机？", "150万千瓦", ()),
    # a long goal paragraph: the sentence that names the measure is shown
    ("每年新建非机动车道不少于多少公里？", "300公里", ()),
    # what is built so far (截至…已建成) is not stated by a table of targets
    ("截至目前，北区累计建成的换电站有多少座？", "46", ("75",)),
    # a row named in full although it holds the plan's short name; 多少根 is not answered in 亿元
    ("某市新区十四五要建多少根充电桩？", "1060", ()),
    # a paragraph opening with its year states that year's aims
    ("2025年非化石能源消费比重提出了什么目标？", "20%", ()),
])
def test_a_number_comes_from_the_text_or_row_stating_the_asked_measure(assistant, question, want, not_want):
    _check(assistant.ask(question), question, want, not_want)


def test_who_is_responsible_comes_from_the_items_responsibility_note(assistant):
    history = [{"question": "大型公共建筑制冷机房改造后能效要到多少？", "answer": "能效达到5.0。"}]
    ans = assistant.ask("这条是哪些部门负责的？", history=history)
    assert not ans.refused and "住房建设局" in ans.answer and "机关事务管理局" in ans.answer, ans.answer
    assert "发展改革委" not in ans.answer


def test_a_follow_up_inside_what_was_just_counted(assistant):
    history = [{"question": "城区一共布置多少座加油站？", "answer": "69座。"}]
    ans = assistant.ask("里面真正新增的有几座？", history=history)
    assert not ans.refused and "4座" in ans.answer, ans.answer


METAS = [DocMeta("a", "甲区规划", ("甲区",))]


def _tagger(text):
    return [(text, "x")]


def test_a_follow_up_asking_a_new_measure_keeps_the_table_named_before():
    q = understand("调整的有多少？", [("甲区规划表4-2里现状站有几座？", "")], METAS, _tagger)
    assert "表4-2" in q.resolved and "调整" in q.resolved and q.docs == ("a",)


@pytest.mark.parametrize("text", ["公务车的呢，合计多少", "里面真正新增的有几座？", "这条是哪些部门负责的？"])
def test_elliptical_questions_are_follow_ups(text):
    assert is_followup(text)


def test_a_pronoun_follow_up_is_asked_of_the_previous_question_without_the_pronoun():
    q = understand("里面真正新增的有几座？", [("甲区一共布置多少座加油站？", "")], METAS, _tagger)
    assert q.resolved.startswith("甲区一共布置") and q.resolved.endswith("真正新增的有几座") and "里面" not in q.resolved


def test_a_sibling_follow_up_with_a_second_clause_swaps_the_thing_and_keeps_the_clause():
    q = understand("公务车的呢，合计多少", [("甲区规划表2-5里电动公交车充电桩新增多少根？", "")], METAS, _tagger)
    assert "电动公务车充电桩新增多少根" in q.resolved and q.resolved.endswith("合计多少") and "表2-5" in q.resolved


def test_a_row_and_the_total_asked_together_give_both_cells(assistant):
    ans = assistant.ask("北区规划期末加油站有多少座，合计多少？")
    text = ans.answer.replace("\\", "")
    assert "26座" in text and "61座" in text, ans.answer


def test_a_table_whose_year_columns_lack_the_asked_year_does_not_answer_it(assistant):
    ans = assistant.ask("北区2030年新规划加油站有多少座？")  # 表2-1's years are 现状 (2020) and 规划期末 (2025)
    text = ans.answer.replace("\\", "")
    assert "6座" not in text and "26座" not in text and "20座" not in text, ans.answer
