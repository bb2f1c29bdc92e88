"""Homophone typos of a pinyin input method (规化 for 规划) read as the plans' word for retrieval and answering."""

from __future__ import annotations

import pytest

from assistant.answer.homophones import SoundMap, correct, parse_readings, readings, toneless
from tests.conftest import plan_assistant

PLAN = """某市加油站和充电设施布局规划（2021—2025年）

第一章 规划原则
本规划坚持合理增长、总量控制，统筹城乡、均衡布局。加油站规划遵循安全优先的原则。

第二章 充电设施
到2025年，乡镇充电设施实现全覆盖，新建公共充电桩1200个。充电设施建设由市能源局负责。

第三章 换电站
到2025年，全市建成换电站30座，换电站优先布局在出租车集中区域。

第四章 加油站布局
到2025年，全市加油站总数控制在320座以内，新建加油站40座。加油站与学校的距离不少于50米。
"""

# the same typo typed three ways: a wrong last character, a wrong middle one, a wrong first one
TYPOS = [
    ("加油站规化遵循什么原则", "加油站规划遵循什么原则"),
    ("全市加由站总数控制在多少座", "全市加油站总数控制在多少座"),
    ("乡镇冲电设施要做到什么程度", "乡镇充电设施要做到什么程度"),
]


@pytest.fixture(scope="module")
def typo_assistant(tmp_path_factory):
    return plan_assistant(tmp_path_factory.mktemp("homophones"), PLAN)


def test_readings_are_toneless_and_cover_polyphones():
    assert toneless("huà") == "hua" and toneless("lǜ") == "lv"
    table = parse_readings("划\t刀\t1\t52000\t戈刀\t劃\tAJH\t[huá]1.拨水前进。[huà]1.分开。\n")
    assert table == {"划": ("hua",)}
    assert readings()["充"][0] == readings()["冲"][0] == "chong"


def _fake(question, words, written=(), known=(), protected=()):
    table = {"规": ("gui",), "划": ("hua",), "化": ("hua",), "话": ("hua",), "三": ("san",), "散": ("san",),
             "步": ("bu",), "布": ("bu",)}
    text = "".join(written)
    return correct(question, lambda s: text.count(s), lambda: SoundMap.build(words, table), lambda: table,
                   lambda w: w in known, lambda q, words: list(protected), lambda q: list(q))


def test_an_unwritten_run_reads_as_the_plans_word_of_its_sound():
    assert _fake("规化原则", ["规划"], written=["规划原则"]) == "规划原则"


def test_written_known_protected_and_numeral_runs_stay():
    assert _fake("规化原则", ["规划"], written=["规化原则"]) == "规化原则"  # the plans write it
    assert _fake("规化原则", ["规划"], written=["原则"], known=["规化"]) == "规化原则"  # a dictionary word
    assert _fake("规化原则", ["规划"], written=["原则"], protected=[(0, 2)]) == "规化原则"  # a place
    assert _fake("三步", ["散布"], written=["散布"]) == "三步"  # a numeral


def test_a_run_two_characters_off_is_its_own_word():
    assert _fake("规化", ["鬼话"], written=["鬼话"]) == "规化"


def test_no_unwritten_bigram_builds_nothing():
    def boom():
        raise AssertionError("the sound map is built only for a question with an unwritten bigram")

    assert correct("规划", lambda s: 1, boom, boom, lambda w: False, boom, boom) == "规划"


@pytest.mark.parametrize(("typed", "meant"), TYPOS)
def test_typos_are_read_as_the_plans_word(typo_assistant, typed, meant):
    assert typo_assistant.speller.read(typed) == meant
    assert typo_assistant.speller.read(meant) == meant


@pytest.mark.parametrize(("typed", "meant"), TYPOS)
def test_a_typed_question_answers_as_the_meant_one(typo_assistant, typed, meant):
    got, want = typo_assistant.ask(typed), typo_assistant.ask(meant)
    assert got.question == typed  # shown as typed
    assert got.answer == want.answer
    assert [c.heading_path for c in got.citations] == [c.heading_path for c in want.citations]
