"""The kind of quantity asked steers what answers (a count of 座/个 is not answered by an amount in 亿元, a status
by an aim), a list head jieba cuts off (轨道 + 线) is matched on its items' last character, a 《title》's years are
not asked years, and a list of places of a kind is answered only by text naming such places. Two small
hand-written plans in tests/data/counts, the fake embedder."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from conftest import copied_settings

from assistant.answer.enumerations import enumeration_score, list_ask
from assistant.answer.quantity import COUNT, MONEY, POWER, SHARE, asked_kind, fits, stated_kinds, unit_kind
from assistant.answer.terms import glued

DATA = Path(__file__).parent / "data" / "counts"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    from assistant.index.embed import HashingEmbedder
    from assistant.pipeline import Assistant

    return Assistant.open(copied_settings(tmp_path_factory.mktemp("counts"), DATA), embedder=HashingEmbedder())


# ------------------------------------------------------------------ the kind of quantity, pure


@pytest.mark.parametrize("unit, kind", [("座", COUNT), ("万辆", COUNT), ("个以上", COUNT), ("亿元", MONEY),
                                        ("（亿元）", MONEY), ("万美元", MONEY), ("%", SHARE), ("公里", None),
                                        ("万千瓦", POWER), ("万千瓦时", None), ("万套", COUNT)])
def test_a_unit_has_a_kind(unit, kind):
    assert unit_kind(unit) == kind


@pytest.mark.parametrize("question, kind", [
    ("长春市要建几座换电站？", COUNT),
    ("请比较新建充电站数量与综合能源站布局总数", COUNT),
    ("充电桩规划投资多少？", MONEY),
    ("2025年外贸进出口总额是多少亿元", MONEY),
    ("渝中服务外包执行额增速要求是多少", SHARE),
    ("2020年核心产业增加值在GDP里占多少", SHARE),
    ("发展目标下面列了哪几个分目标？", None),  # 哪几个 asks which, not how many
    ("2025年充换电站总体目标是多少", None),
    ("光伏要装多少", POWER),
    ("光伏装机到2030年要到多少", POWER),
    ("智能设备计划装多少套？", COUNT),  # the counting word says what is counted
])
def test_the_kind_a_question_asks(question, kind):
    assert asked_kind(question) == kind


@pytest.mark.parametrize("column, kind, other", [
    ("“十四五”规划投资（亿元）", None, True),  # how much is spent on the row's thing, not how many
    ("“十四五”规划投资（亿元）", MONEY, False),
    ("占比（%）", COUNT, True),
    ("2025年", None, False),  # a year column measures the row (地区生产总值（亿元）)
    ("充电站（座）", COUNT, False),
])
def test_a_column_naming_a_money_or_share_measure_answers_only_that_kind(column, kind, other):
    from assistant.answer.tables import measures_other

    assert measures_other(column, kind) is other


def test_a_quantity_of_another_kind_does_not_fit():
    assert not fits(COUNT, "亿元") and fits(COUNT, "座") and fits(None, "亿元") and fits(MONEY, "公里")
    assert stated_kinds("充电桩 4.83亿元，换电站 46 座") == {MONEY, COUNT}


# ------------------------------------------------------------------ words jieba cuts or glues, pure

def test_a_word_jiebas_hmm_glued_to_a_function_character_is_no_key_term():
    from assistant.text.tokenize import Tokenizer

    chunks = ["轨道交通建设项目：5号线江跳线、7号线一期。", "轨道交通加速建设。"]
    idf = lambda t: max(math.log((len(chunks) + 1) / (sum(t in c for c in chunks) + 0.5)), 0.1)  # noqa: E731
    tok = Tokenizer()
    assert glued("线有", tok, idf) and not glued("轨道", tok, idf) and not glued("target", tok, idf)


def test_a_one_character_head_cut_off_makes_the_compound_the_head():
    import jieba

    ask = list_ask("科学城范围要修的轨道线有哪几条", jieba.lcut)
    assert (ask.head, ask.tail) == ("轨道线", "线")
    assert enumeration_score("轨道交通建设项目：5号线江跳线、7号线一期、15号线、27号线等。", ask) > 0
    assert enumeration_score("新建甲乙线、乙丙线、丙丁线等输电线路。", ask) == 0  # …线 not about 轨道


# ------------------------------------------------------------------ answers on the small plans


def _text(ans) -> str:
    return ans.answer.replace("\\", "").replace(" ", "")


@pytest.mark.parametrize("question, want", [
    ("某省充换电基础设施规划2025年充换电站总体目标是多少？", "500座"),  # the goal, not 换电站 in 亿元
    ("某省规划“十四五”新建充电站数量是多少？", "充电站70座"),  # 数量: a count, not 表4-1's 1.16亿元 (the 十四五 target of 总体目标)
])
def test_a_count_is_not_answered_by_an_amount_of_money(assistant, question, want):
    ans = assistant.ask(question)
    assert not ans.refused and want in _text(ans) and "亿元" not in ans.answer, ans.answer


def test_an_amount_of_money_is_still_answered_from_its_table(assistant):
    ans = assistant.ask("某省规划充电桩投资多少？")
    assert not ans.refused and "4.83" in ans.answer and "表4-1" in ans.citations[0].heading_path[-1], ans.answer


def test_what_stands_built_today_is_answered_from_the_text_not_from_an_aim(assistant):
    ans = assistant.ask("甲市已建成的换电站有多少座？")  # not 预测到2025年，甲市计划新建 75 座换电站
    assert not ans.refused and "46座" in _text(ans) and "75" not in ans.answer, ans.answer


def test_a_statement_of_a_year_before_the_plan_still_answers_what_stands_today(assistant):
    ans = assistant.ask("全省现有公用充电桩多少根？")
    assert not ans.refused and "3000根" in _text(ans), ans.answer


@pytest.mark.parametrize("question", ["《2024—2025年节能降碳行动方案》对2025年非化石能源消费比重提出了什么目标？",
                                      "2024—2025年节能降碳行动方案对非化石能源消费比重提出了什么目标？"])
def test_a_titles_years_are_not_asked_and_the_plans_own_target_year_applies(assistant, question):
    ans = assistant.ask(question)
    assert not ans.refused and "20%" in ans.answer and "18.9%" not in ans.answer, ans.answer


def test_a_list_of_places_of_a_kind_is_not_answered_by_text_naming_none(assistant):
    ans = assistant.ask("某省规划新增的那4座充换电站分别建在哪几个乡镇？")
    assert ans.refused, ans.answer


def test_a_list_asked_by_a_compound_jieba_cuts_is_answered_from_its_items(assistant):
    ans = assistant.ask("某省规划要修的轨道线有哪几条？")
    assert not ans.refused and "江跳线" in ans.answer and "7号线一期" in ans.answer, ans.answer


def test_a_column_contracted_with_its_sibling_is_not_named_alone():
    from assistant.answer.tables import _named_with_sibling
    from assistant.types import Table

    cols = ("地区", "充电站(座)", "换电站(座)", "充电桩(个)")
    t = Table("a", "表3-1", "s", cols, (), (), (), 1, 2, columns=cols)
    assert _named_with_sibling(t, "换电站(座)", "一共要建成多少座充换电站？")
    assert _named_with_sibling(t, "充电站(座)", "一共要建成多少座充换电站？")
    assert not _named_with_sibling(t, "换电站(座)", "长春市要建几座换电站？")


@pytest.mark.parametrize("question", ["换电站要花几个亿", "换电站要多少亿", "换电站投资估算是几个亿元"])
def test_a_bare_yi_asks_an_amount_of_money(question):
    # 几个亿: the 个 counts the 亿, no measure word of a count; a bare 亿 closing the question is money
    assert asked_kind(question) == MONEY


@pytest.mark.parametrize("question", ["换电站建几个", "要建几个换电站", "年产多少亿立方米"])
def test_a_count_or_another_measure_is_not_money(question):
    assert asked_kind(question) != MONEY
