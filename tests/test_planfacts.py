"""A plan's own facts (who issued it, when, its 文号, its period, target year and horizon) from its own lines, on
small hand-written plans: a notice issuing two documents, a plan stating its period in a sentence, a bare plan."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import hashing_settings, write_plan

from assistant.answer.guard import numbers_of
from assistant.answer.planfacts import DATE, HORIZON, ISSUER, NUMBER, PERIOD, TARGET_YEAR, asked_fact, asked_facts

NOTICE = Path(__file__).parent / "data" / "noisy" / "notice_two_docs.txt"
PERIOD_PLAN = """样例县物流发展规划

第一章 总体要求

一、规划期限

规划基期为2023年，规划期限为2024—2030年。

二、发展目标

到2030年，全县物流总额达到900亿元。展望2040年，建成区域物流枢纽。
"""


@pytest.fixture(scope="module")
def planner(tmp_path_factory):
    from assistant.index.embed import HashingEmbedder
    from assistant.index.indexer import build_index
    from assistant.pipeline import Assistant

    root = tmp_path_factory.mktemp("facts")
    corpus = root / "corpus"
    corpus.mkdir()
    shutil.copy(NOTICE, corpus)
    write_plan(corpus, "logistics.txt", PERIOD_PLAN)
    write_plan(corpus)  # the blueberry plan: no notice, no 文号
    settings = hashing_settings(root, corpus)
    build_index(settings.sources, settings.index_dir, HashingEmbedder())
    return Assistant.open(settings, embedder=HashingEmbedder(), rebuild=False)


@pytest.mark.parametrize(("question", "kind"), [
    ("这个规划是哪个部门印发的？", ISSUER), ("这个规划是谁发的", ISSUER), ("这份规划是哪年印发的？", DATE),
    ("文号是多少", NUMBER), ("规划期限多长？", PERIOD), ("两个规划的目标年分别是哪一年", TARGET_YEAR),
    ("这个规划展望到哪年？", HORIZON), ("两个加油站规划的期限分别到哪年", PERIOD),
    ("审批办理期限是多少天？", None),
    ("数据平台由谁负责发布数据？", None), ("规划期末合计多少座？", None), ("远景展望到2035年是怎么说的", None),
])
def test_which_fact_is_asked(question, kind):
    assert asked_fact(question) == kind


def _stated(answer) -> set[str]:
    """The numbers an answer states, its citation markers aside."""
    return numbers_of(re.sub(r"\[\d+\]", " ", answer.answer))


def _cited(answer) -> str:
    return "\n".join(f"{c.text}\n{' '.join(c.heading_path)}\n{c.doc_title}" for c in answer.citations)


def test_the_number_and_issuer_come_from_the_notice_line(planner):
    a = planner.ask("江州市数据产业发展行动计划的文号是多少？")
    assert not a.refused and "江府办发〔2023〕7号" in a.answer
    assert a.citations[0].heading_path == ("（文首）",) and a.citations[0].text == "江府办发〔2023〕7号"
    assert a.score == 1.0  # answerable: the asking word 文号 is in no line, the fact is
    b = planner.ask("江州市数据产业发展行动计划是哪个部门印发的？")
    assert not b.refused and "江州市人民政府办公室" in b.answer and "江州市人民政府办公室" in b.citations[0].text


def test_the_period_comes_from_the_plan_s_own_sentence_or_title_line(planner):
    a = planner.ask("样例县物流发展规划的规划期限是哪几年？")
    assert not a.refused and "2024—2030年" in a.answer and "规划期限为2024—2030年" in a.citations[0].text
    assert a.citations[0].heading_path[-1] == "一、规划期限"
    assert _stated(a) <= numbers_of(_cited(a))
    b = planner.ask("江州市数据产业发展行动计划的规划期是哪几年？")
    assert not b.refused and "2023－2025年" in b.answer and "（2023－2025年）" in b.citations[0].text


def test_target_year_and_horizon_are_lines_holding_the_year(planner):
    a = planner.ask("样例县物流发展规划展望到哪一年？")
    assert not a.refused and "2040" in a.answer and "展望2040年" in a.citations[0].text
    b = planner.ask("样例县物流发展规划的目标年是哪一年？")
    assert not b.refused and "2030" in b.answer and "2030" in b.citations[0].text


def test_a_fact_the_plan_does_not_state_is_refused(planner):
    a = planner.ask("测试区蓝莓产业发展规划的文号是多少？")
    assert a.refused and "文号" in a.answer and not a.citations


def test_a_five_year_plan_not_in_the_corpus_is_refused(planner):
    a = planner.ask("十三五物流规划是谁发的？")
    assert a.refused and "十三五" in a.answer


def test_two_plans_are_answered_each_from_its_own_line(planner):
    a = planner.ask("样例县物流发展规划和江州市数据产业发展行动计划的目标年分别是哪一年")
    assert not a.refused and "2030" in a.answer and "2025" in a.answer
    assert {c.doc_id for c in a.citations} == {"logistics", "notice_two_docs-2"}
    assert _stated(a) <= numbers_of(_cited(a))


def test_content_questions_are_not_taken_for_facts(planner):
    a = planner.ask("测试区到2025年蓝莓种植面积达到多少亩？")
    assert "8000" in a.answer



@pytest.mark.parametrize(("question", "kinds"), [
    ("江州市数据产业发展行动计划是哪天印发的，文号多少？", (DATE, NUMBER)),
    ("这个规划是哪个部门出的，啥时候", (ISSUER, DATE)),
    ("数据平台由谁负责发布数据？啥时候建成", ()),
])
def test_every_fact_a_question_asks_is_asked(question, kinds):
    assert asked_facts(question) == kinds


def test_two_facts_asked_are_both_answered(planner):
    a = planner.ask("江州市数据产业发展行动计划是哪天印发的，文号多少？")
    assert not a.refused and "2023年3月1日" in a.answer and "江府办发〔2023〕7号" in a.answer
    b = planner.ask("这个规划是哪个部门出的，啥时候",
                    [{"question": "江州市数据产业发展行动计划的规划期是哪几年？", "answer": "2023－2025年。"}])
    assert not b.refused and "江州市人民政府办公室" in b.answer and "2023年3月1日" in b.answer


def test_another_year_with_an_aim_but_no_figure_is_answered_with_that_aim(planner):
    from assistant.answer.understand import understand
    from assistant.answer.yearaim import year_aim_answer

    docs = {d.doc_id: d for d in planner.documents}
    q = understand("那2040年呢，物流总额有具体数吗？", [("样例县物流发展规划到2030年全县物流总额多少？", "900亿元。")],
                   [d.meta for d in docs.values()], planner.tokenizer.tag)
    a = year_aim_answer(q, docs, tuple(docs), "2040", ["物流总额", "枢纽"])
    assert a is not None and not a.refused
    assert "建成区域物流枢纽" in a.answer and "没有给出2040年“物流总额”的具体数值" in a.answer
    assert year_aim_answer(q, docs, tuple(docs), "2050", ["物流总额"]) is None  # no aim stated for that year
