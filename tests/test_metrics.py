"""Evaluation metrics and the independent number check, on hand-made evidence, passages and rows."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from assistant.config import PROJECT_ROOT
from assistant.evaluation.gold import Evidence
from assistant.evaluation.metrics import (
    Passage,
    Row,
    answer_metrics,
    answer_text,
    evidence_groups,
    evidence_rank,
    hit_at,
    hits_group,
    is_correct,
    is_short,
    mrr_at,
    must_contain_hits,
    percentile,
    refusal_prf,
    retrieval_metrics,
    row_metrics,
)
from assistant.evaluation.numcheck import answer_numbers, arithmetic, numbers_in, unsupported_numbers

TABLE = "第二章（原文缺标题） › 第四节 发展目标 › 表2-1重庆高新区内陆开放高地建设指标体系表"
ROW_3 = Passage("gaoxin", "表2-1重庆高新区内陆开放高地建设指标体系表\n序号 | 指标 | 2020 | 2025 | 指标属性\n"
                          "3 | 外贸进出口总额（亿元） | 2900 | 3700 | 预期性")
ROW_4 = Passage("gaoxin", "表2-1重庆高新区内陆开放高地建设指标体系表\n序号 | 指标 | 2020 | 2025 | 指标属性\n"
                          "4 | 服务贸易总额（亿美元） | 9.26 | 20 | 预期性")
TEXT = Passage("gaoxin", "到2025年，外贸进出口总额达到3700 亿元，内陆开放高地基本建成。", ("第四节 发展目标",))
YUZHONG_ROW = Passage("yuzhong", "专栏1\n序号 | 指标名称 | 单位 | 2020年 | 2025年\n5 | 外贸进出口额 | 亿元 | 90.1 | 120")
TRADE = [Evidence("gaoxin", "外贸进出口总额（亿元）", TABLE), Evidence("gaoxin", "2900", TABLE),
         Evidence("gaoxin", "3700", TABLE)]


# ------------------------------------------------------------------ evidence and retrieval


def test_short_quotes_are_cells_numbers_and_units():
    assert all(is_short(q) for q in ("3700", "[45]", "【10000】", "亿元", "预期性", "指标属性", "35%", "9.26"))
    assert not any(is_short(q) for q in ("外贸进出口额", "外贸进出口总额（亿元）", "备注：带【】为五年累计数"))


def test_groups_split_short_and_long_quotes_by_doc_and_heading():
    groups = evidence_groups([*TRADE, Evidence("gaoxin", "成为全市 及中西部内陆开放新引擎", "第四节 发展目标")])
    assert len(groups) == 2
    assert groups[0].short == ("2900", "3700") and groups[0].long == ("外贸进出口总额（亿元）",)
    assert groups[1].short == () and groups[1].long == ("成为全市及中西部内陆开放新引擎",)  # whitespace removed
    assert evidence_groups([{"doc": "d", "quote": "3700", "heading": "h"}])[0].short == ("3700",)


def test_a_table_row_hits_only_with_its_name_and_all_quoted_cells():
    (group,) = evidence_groups(TRADE)
    assert hits_group(ROW_3, group)
    assert not hits_group(ROW_4, group)  # another row of the same table
    # the running text has the name? no: it says 外贸进出口总额 without the unit, and no 2900
    assert not hits_group(TEXT, group)
    assert not hits_group(Passage("yuzhong", ROW_3.text), group)  # same text, other plan


def test_long_quotes_need_one_and_match_whitespace_insensitively():
    (group,) = evidence_groups([Evidence("gaoxin", "外贸进出口总额达到3700亿元", "h"),
                                Evidence("gaoxin", "不在这里的另一句话", "h")])
    assert hits_group(TEXT, group)  # "3700 亿元" in the passage


def test_a_heading_quote_is_carried_by_the_heading_path():
    (group,) = evidence_groups([Evidence("gaoxin", "第四节 发展目标", "第二章 › 第四节 发展目标")])
    assert hits_group(TEXT, group)
    assert not hits_group(ROW_3, group)


STATIONS = ("表4-1 中心城区加油站汇总表\n区县 | 现状站（座） | 本次规划（座）/迁建（座） | 规划期末（座）\n"
            "巴南区 | 51 | 11 | 87\n")
ROW_QUOTE = [Evidence("cq", "| 巴南区 | 51 | 11 | 87 |", "4.4.1中心城区")]


def test_a_row_quote_counts_when_one_row_holds_every_cell_in_order():
    (group,) = evidence_groups(ROW_QUOTE)
    assert group.rows == (("|巴南区|51|11|87|", ("巴南区", "51", "11", "87")),)
    assert hits_group(Passage("cq", STATIONS), group)  # rendered without the outer pipes
    assert hits_group(Passage("cq", "表4-1\n序号 | 区县 | 现状 | 迁建 | 期末 | 备注\n3 | 巴南区 | 51 | 11 | 87 |  | "), group)
    # columns of a PDF extraction (two or more spaces) and cells on lines or tabs are rows too
    (pdf,) = evidence_groups([Evidence("cq", "巴南区          51       11     87", "h")])
    (lines,) = evidence_groups([Evidence("cq", "巴南区\n\t51\n\t11\n\t87", "h")])
    assert hits_group(Passage("cq", STATIONS), pdf) and hits_group(Passage("cq", STATIONS), lines)


def test_a_row_quote_does_not_count_for_a_passage_without_that_row():
    (group,) = evidence_groups(ROW_QUOTE)
    other_row = "区县 | 现状站（座） | 迁建（座） | 规划期末（座）\n北碚区 | 51 | 11 | 87"
    reordered = "区县 | 现状站（座） | 迁建（座） | 规划期末（座）\n巴南区 | 11 | 51 | 87"
    other_values = "区县 | 现状站（座） | 迁建（座） | 规划期末（座）\n巴南区 | 51 | 11 | 88"
    split = "巴南区 | 51\n11 | 87"  # every cell, but not in one row
    gap = "巴南区 | 51 | 6 | 11 | 87"  # another cell between quoted ones
    longer = "巴南区 | 51 | 11 | 870"  # a cell holding a quoted one is not that cell
    prose = "巴南区现状51座，迁建11座，规划期末87座。"
    for text in (other_row, reordered, other_values, split, gap, longer, prose):
        assert not hits_group(Passage("cq", text), group), text
    assert not hits_group(Passage("other", STATIONS), group)  # same row, other plan


def test_a_heading_quote_counts_for_the_heading_without_its_full_stop():
    (group,) = evidence_groups([Evidence("sz", "（一）加强组织领导。", "四、保障措施"),
                                Evidence("sz", "（二）强化政策支持。", "四、保障措施")])
    assert hits_group(Passage("sz", "（一）加强组织领导\n（二）强化政策支持"), group)  # a list of sub-headings
    assert hits_group(Passage("sz", "加强组织协调。", ("四、保障措施", "（一）加强组织领导")), group)  # the path
    assert hits_group(Passage("sz", "（一）加强组织领导。成立领导小组。"), group)  # the quote itself, as before


def test_a_heading_quote_does_not_count_where_the_line_goes_on_or_the_words_differ():
    (group,) = evidence_groups([Evidence("sz", "（一）加强组织领导。", "四、保障措施")])
    for text in ("（一）加强组织领导和统筹协调", "（一）加强组织领导，统筹推进各项工作", "（一）加强组织保障",
                 "（二）强化政策支持"):
        assert not hits_group(Passage("sz", text), group), text
    assert not hits_group(Passage("sz", "成立领导小组。", ("四、保障措施", "（一）加强组织领导工作")), group)
    (plain_quote,) = evidence_groups([Evidence("sz", "加强组织领导", "h")])  # no closing mark: substring only
    assert not hits_group(Passage("sz", "加强组织"), plain_quote)


def test_evidence_rank_single_plan_and_comparison():
    single = evidence_groups(TRADE)
    assert evidence_rank(single, [ROW_4, TEXT, ROW_3]) == 3
    assert evidence_rank(single, [ROW_4, TEXT, ROW_3], k=2) is None
    both = evidence_groups([*TRADE, Evidence("yuzhong", "外贸进出口额", "专栏1"), Evidence("yuzhong", "120", "专栏1")])
    # the rank at which evidence from every plan has appeared
    assert evidence_rank(both, [ROW_3, ROW_4, YUZHONG_ROW]) == 3
    assert evidence_rank(both, [YUZHONG_ROW, ROW_3]) == 2
    assert evidence_rank(both, [ROW_3, ROW_4]) is None
    assert evidence_rank((), [ROW_3]) is None


def test_hit_at_k_and_mrr():
    ranks = [1, 3, None, 7, 12]
    assert hit_at(ranks, 1) == pytest.approx(1 / 5)
    assert hit_at(ranks, 5) == pytest.approx(2 / 5)
    assert hit_at(ranks, 10) == pytest.approx(3 / 5)
    assert mrr_at(ranks, 10) == pytest.approx((1 + 1 / 3 + 1 / 7) / 5)
    assert hit_at([], 1) is None and mrr_at([]) is None
    m = retrieval_metrics(ranks, [True, True, False, True, True])
    assert m["retrieval.hit@5"] == pytest.approx(0.4) and m["retrieval.attainable"] == pytest.approx(0.8)
    assert m["retrieval.items"] == 5


# ------------------------------------------------------------------ answers


def test_must_contain_checks_the_body_without_whitespace_or_markdown_escapes():
    body = "**高新区** 实际利用外资：\\[45\\] 亿美元（五年累计数） [1]"
    assert answer_text(body).startswith("**高新区**实际利用外资：[45]亿美元")
    assert must_contain_hits(body, ["[45]", "亿 美元", "五年累计"]) == (True, True, True)
    assert must_contain_hits(body, ["7.76"]) == (False,)


def test_scoring_contract():
    assert is_correct(False, False, (True, True))
    assert not is_correct(False, False, (True, False))
    assert is_correct(True, True, ())
    assert not is_correct(True, False, ())


def test_refusal_precision_recall_f1():
    expected = [True, True, False, False, False]
    predicted = [True, False, True, False, False]
    p, r, f1 = refusal_prf(expected, predicted)
    assert (p, r) == (0.5, 0.5) and f1 == pytest.approx(0.5)
    assert refusal_prf([True, False], [False, False]) == (0.0, 0.0, 0.0)  # never refuses
    assert refusal_prf([False, False], [False, True]) == (0.0, None, None)  # nothing to refuse


def test_percentile_interpolates_like_numpy():
    assert percentile([10, 20, 30, 40], 50) == pytest.approx(25)
    assert percentile([10, 20, 30, 40], 95) == pytest.approx(38.5)
    assert percentile([5], 95) == 5 and percentile([], 50) is None


def _row(id_, category="indicator", expect_refusal=False, refused=False, must=(True,), cites=(True,), numbers=(),
         chars=10, ms=1.0, rank=1) -> Row:
    return Row(id=id_, category=category, question="q", expect_refusal=expect_refusal, refused=refused,
               must_hits=must, correct=is_correct(expect_refusal, refused, must), citations_hit=cites,
               unsupported_numbers=numbers, answer_chars=chars, latency_ms=ms, rank=rank,
               evidence_in_index=None if expect_refusal else True)


ROWS = [
    _row("a", must=(True, True), cites=(True, False), chars=20, ms=10),
    _row("b", must=(True, False), cites=(False,), chars=40, ms=20, rank=6),
    _row("c", category="indicator", refused=True, must=(True,), cites=(), chars=5, ms=30, rank=None),
    _row("d", category="goal", cites=(True, True), numbers=("4200", "17"), chars=60, ms=40, rank=2),
    _row("e", category="unanswerable", expect_refusal=True, refused=True, must=(), cites=(), chars=8, ms=50),
    _row("f", category="unanswerable", expect_refusal=True, refused=False, must=(), cites=(False,), chars=30, ms=60),
]


def test_answer_metrics_on_hand_made_rows():
    m = answer_metrics(ROWS)
    assert (m["n.items"], m["n.answerable"], m["n.unanswerable"], m["n.refused"]) == (6, 4, 2, 2)
    # correct: a (all found), c (found, though refused), d, e (refused as expected)
    assert m["answer.acc"] == pytest.approx(4 / 6)
    assert m["answer.acc_strict"] == pytest.approx(3 / 6)  # c no longer counts
    assert m["answer.acc.indicator"] == pytest.approx(2 / 3)
    assert m["answer.acc.goal"] == 1.0 and m["answer.acc.unanswerable"] == 0.5
    assert m["answer.indicator_exact"] == pytest.approx(1 / 3)  # a only: b misses one, c refused
    # answered answerable items: a, b, d -> a and d have a citation with evidence
    assert m["citation.accuracy"] == pytest.approx(2 / 3)
    assert m["citation.precision"] == pytest.approx(3 / 5)  # a: 1 of 2, b: 0 of 1, d: 2 of 2
    assert m["refusal.precision"] == 0.5 and m["refusal.recall"] == 0.5 and m["refusal.f1"] == pytest.approx(0.5)
    assert m["numbers.unsupported"] == 2 and m["numbers.answers_with_unsupported"] == 1
    assert m["length.mean"] == pytest.approx((20 + 40 + 60 + 30) / 4)  # answered bodies only
    assert m["latency.p50_ms"] == pytest.approx(35) and m["latency.p95_ms"] == pytest.approx(57.5)


def test_row_metrics_adds_retrieval_over_items_with_evidence():
    m = row_metrics(ROWS)
    assert m["retrieval.items"] == 4
    assert m["retrieval.hit@1"] == 0.25 and m["retrieval.hit@5"] == 0.5 and m["retrieval.hit@10"] == 0.75
    assert m["retrieval.mrr@10"] == pytest.approx((1 + 1 / 6 + 1 / 2) / 4)
    assert "retrieval.hit@1" not in row_metrics(ROWS, retrieval=False)


# ------------------------------------------------------------------ numbers without a source


SOURCES = ["专栏1：“十四五”建设内陆开放高地主要指标表\n序号 | 指标名称 | 单位 | 2020年 | 2025年\n5 | 外贸进出口额 | 亿元 | 90.1 | 120"]


def test_numbers_are_tokens_canonicalised():
    assert numbers_in("2,900 亿元，90.10，二〇三五年，３７００") == ["2900", "90.1", "2035", "3700"]
    assert numbers_in("km/km2，2025年") == ["2", "2025"]  # a Chinese comma is not a thousands separator
    assert answer_numbers("1. 第一项 \\[45\\] [1] [7]\n2. 第二项", n_citations=2) == ["45", "7"]


def test_an_injected_unsupported_number_is_counted():
    body = "渝中区外贸进出口额2025年目标为 120 亿元（2020年为 90.1 亿元），另有 4200 家企业。 [1]"
    assert unsupported_numbers(body, SOURCES, "渝中区外贸进出口额目标？") == ["4200"]
    assert unsupported_numbers(body.replace("4200", "120"), SOURCES, "") == []


def test_numbers_in_the_question_are_supported():
    assert unsupported_numbers("2023年的数据规划中没有。", [], "2023年外贸是多少") == []
    assert unsupported_numbers("2023年的数据规划中没有。", [], "") == ["2023"]


def test_a_two_digit_year_the_asker_typed_supports_its_four_digit_form():
    assert unsupported_numbers("**2025年**：规划中没有。", [], "25年底是多少") == []
    assert unsupported_numbers("**2020年**：规划中没有。", [], "20年来是多少") == ["2020"]  # a duration


def test_arithmetic_on_cited_operands_counts_as_supported():
    body = "增加 29.9 亿元（120 − 90.1 = 29.9）。 [1]"
    assert arithmetic(body) == [(["120", "90.1"], "29.9", True)]
    assert unsupported_numbers(body, SOURCES) == []
    percent = "增长约 33.2%（（120 − 90.1）÷ 90.1 × 100% ≈ 33.2%）。 [1]"
    assert unsupported_numbers(percent, SOURCES) == []


def test_wrong_arithmetic_or_an_uncited_operand_is_not_supported():
    assert unsupported_numbers("增加 30.5 亿元（120 − 90.1 = 30.5）。 [1]", SOURCES) == ["30.5"]
    assert unsupported_numbers("增加 30 亿元（120 − 90 = 30）。 [1]", SOURCES) == ["30", "90"]


def test_numcheck_is_independent_of_the_engine_guard():
    code = "import sys, assistant.evaluation.numcheck, assistant.evaluation.metrics; print('assistant.answer.guard' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=PROJECT_ROOT)
    assert json.loads(out.stdout.strip().lower()) is False


def test_score_answer_builds_a_row_from_an_answer():
    from assistant.evaluation.evaluate import score_answer
    from assistant.evaluation.gold import GoldItem, GoldTurn
    from assistant.types import Answer, Citation

    item = GoldItem(id="c-1", question="两个规划外贸目标？", doc="both", category="comparison", answer="3700；120",
                    must_contain=("3700", "120"), expect_refusal=False, history=(GoldTurn("之前的问题", "答"),),
                    evidence=(*TRADE, Evidence("yuzhong", "外贸进出口额", "专栏1"), Evidence("yuzhong", "120", "专栏1")))
    cites = (Citation(1, "gaoxin", "高新区规划", (), ROW_3.text, 1.0), Citation(2, "yuzhong", "渝中区规划", (), YUZHONG_ROW.text, 1.0),
             Citation(3, "gaoxin", "高新区规划", (), ROW_4.text, 0.5))
    ans = Answer("q", "| 高新区 | 3700 | [1]\n| 渝中区 | 120 | [2]\n另有 4200 家 [3]", False, cites)
    row = score_answer(item, ans, latency_ms=12.3456, rank=2, in_index=True, query="之前的问题 两个规划外贸目标？")
    assert row.correct and row.must_hits == (True, True) and not row.refused
    assert row.citations_hit == (True, True, False)  # each citation is judged on its own plan's evidence
    assert row.cited_docs == ("gaoxin", "yuzhong")
    assert row.unsupported_numbers == ("4200",)
    assert row.history == ("之前的问题",) and row.latency_ms == 12.346 and row.rank == 2
    failed = score_answer(item, None, error="问题过长")
    assert not failed.correct and failed.answer == "" and failed.error == "问题过长"


def test_a_later_document_of_a_file_counts_as_that_files_evidence():
    from assistant.evaluation.metrics import Passage, evidence_groups, hits_group, same_file

    group = evidence_groups([{"doc": "notice", "quote": "行动计划全文", "heading": ""}])[0]
    assert hits_group(Passage("notice-2", "这是行动计划全文。", ()), group)
    assert not hits_group(Passage("notice-x", "这是行动计划全文。", ()), group)
    assert same_file("notice", "notice") and not same_file("notice2", "notice")


def test_roc_auc_counts_pairs_with_ties_as_half():
    from assistant.evaluation.metrics import roc_auc

    assert roc_auc([True, True, False, False], [0.9, 0.8, 0.3, 0.1]) == 1.0
    assert roc_auc([True, False], [0.1, 0.9]) == 0.0
    assert roc_auc([True, False], [0.5, 0.5]) == 0.5
    assert roc_auc([True, True], [0.5, 0.6]) is None


def test_refusal_auc_is_reported_only_when_every_row_has_a_score():
    from assistant.evaluation.metrics import Row, answer_metrics

    rows = [Row("a", "x", "q", score=0.9), Row("b", "x", "q", expect_refusal=True, refused=True, score=0.2)]
    assert answer_metrics(rows)["refusal.auc"] == 1.0
    assert answer_metrics([Row("a", "x", "q"), rows[1]])["refusal.auc"] is None
