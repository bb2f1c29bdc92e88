"""The wording replay (eval/replay_wording.py) rewords a tuning question by rule, only into words no plan writes,
and never inside a name (指标表); it refuses the judging sets."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def replay():
    sys.path.insert(0, str(ROOT / "eval"))
    try:
        import replay_wording
    finally:
        sys.path.remove(str(ROOT / "eval"))
    return replay_wording


def test_each_rule_gives_a_variant_and_all_at_once_one_more(replay):
    got = dict(replay.variants("高新区到2025年外贸进出口总额要达到多少？目标是多少", lambda w: True))
    assert "高新区到2025年外贸进出口总额要搞到多少？目标是多少" in got.values()
    assert "高新区到2025年外贸进出口总额要搞到多少？那个数是多少来着" == got["all"]


def test_a_word_some_plan_writes_is_never_the_replacement(replay):
    assert replay.variants("到2025年要达到多少", lambda w: w != "搞到") == []


def test_no_rewording_inside_a_name(replay):
    assert replay.variants("主要指标表一共有多少项", lambda w: True) == []


def test_the_judging_sets_are_refused(replay):
    with pytest.raises(SystemExit):
        replay.main(["--splits", "test"])


def test_the_spoken_tail_goes_only_at_the_end(replay):
    got = [v for _, v in replay.variants("长春现在有多少根桩？现状是多少？", lambda w: True)]
    assert got == ["长春现在有多少根桩？现状是多少来着？"]


def test_each_frame_wraps_the_question_and_leaves_it_whole(replay):
    got = dict(replay.framed("高新区2025年外贸进出口总额要达到多少？"))
    assert got["lead"] == "请问一下，高新区2025年外贸进出口总额要达到多少？"
    assert got["urgent"] == "高新区2025年外贸进出口总额要达到多少，急用"
    assert got["spaced"] == "高新区 2025 年外贸进出口总额要达到多少？"
    assert all("高新区" in v and "外贸进出口总额" in v for v in got.values())
    assert "spaced" not in dict(replay.framed("外贸目标是什么？"))  # no figure: no spacing to add
