"""Every refusal carries a stable reason code (assistant/answer/reasons.py), eval rows keep it and the report
counts each code's refusals on answerable and unanswerable items."""

from __future__ import annotations

import pytest

from assistant.answer import reasons
from assistant.answer.answerability import Missing, withdraw
from assistant.evaluation.evaluate import reasons_table, score_answer
from assistant.evaluation.gold import GoldItem
from assistant.evaluation.metrics import Row, refusal_reasons
from assistant.types import Answer, Citation


@pytest.mark.parametrize("question,reason", [
    ("高新区2030年外贸进出口总额目标是多少", reasons.TABLE_YEAR),
    ("渝中区外贸进出口额是约束性指标吗", reasons.NO_ATTRIBUTE),
    ("渝中区的对外直接投资额目标是多少", reasons.ABSENT_INDICATOR),
    ("成都高新区十四五期间实际利用外资目标是多少？", reasons.FOREIGN_PLACE),
    ("渝中区解放碑街道2025年外贸进出口总额目标是多少？", reasons.LOCAL_PLACE),
])
def test_each_refusal_path_names_its_reason(assistant, question, reason):
    ans = assistant.ask(question)
    assert ans.refused and ans.reason == reason, (ans.reason, ans.answer)


def test_an_answer_has_no_reason(assistant):
    ans = assistant.ask("高新区到2025年外贸进出口总额要达到多少？")
    assert not ans.refused and ans.reason == ""


def test_a_failed_check_withdraws_with_its_kind_as_the_reason():
    cited = Answer("q", "移动宽带用户普及率达到108%。 [1]", False,
                   (Citation(1, "a", "甲", ("一",), "移动宽带用户普及率达到108%。", 1.0),))
    gap = Missing("year", "2030")
    out = withdraw(cited, gap.message(), 0.5, gap.reason)
    assert out.refused and out.reason == "missing_year"
    assert reasons.describe("missing_year")  # every code reads in the report


def _item(id_: str, expect_refusal: bool) -> GoldItem:
    return GoldItem(id=id_, question="q", doc=None, category="text_number", answer="", must_contain=(),
                    evidence=(), expect_refusal=expect_refusal)


def test_eval_rows_keep_a_refusals_reason_and_only_a_refusals():
    refused = Answer("q", "所收录的规划中没有给出这个数值。", True, reason=reasons.NO_NUMBER)
    assert score_answer(_item("a", False), refused).refusal_reason == "no_number"
    answered = Answer("q", "1.5万套 [1]", False, reason="stale")
    assert score_answer(_item("b", False), answered).refusal_reason == ""


def _row(id_: str, expect_refusal: bool, refused: bool, reason: str = "") -> Row:
    return Row(id=id_, category="c", question="q", expect_refusal=expect_refusal, refused=refused,
               refusal_reason=reason)


def test_refusals_are_counted_per_reason_on_answerable_and_unanswerable_items():
    rows = [_row("1", False, True, "no_number"), _row("2", True, True, "no_number"), _row("3", True, True, "no_number"),
            _row("4", False, True, "no_content"), _row("5", False, False), _row("6", True, False)]
    counts = refusal_reasons(rows)
    assert [(c.reason, c.answerable, c.unanswerable) for c in counts] == [("no_number", 1, 2), ("no_content", 1, 0)]
    assert counts[0].precision == pytest.approx(2 / 3)


def test_the_report_has_a_table_of_refusals_by_reason():
    rows = [vars(_row("1", False, True, "no_number")) | {"history": [], "must_contain": []},
            vars(_row("2", True, True, "foreign_place"))]
    lines = reasons_table(rows)
    assert lines[0] == "## Refusals by reason (full pipeline)"
    assert any(ln.startswith("| no_number | 1 | 0 | 0.00 |") for ln in lines)
    assert any(ln.startswith("| foreign_place | 0 | 1 | 1.00 |") for ln in lines)
    assert reasons_table([vars(_row("3", False, False))])[-1] == "No refusals."
