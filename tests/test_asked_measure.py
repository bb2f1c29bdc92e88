"""A number is answered only by a row or column measuring what is asked: the qualifying number of the measure
(60岁以上 vs 65岁及以上) and the measure word of the count (多少辆 vs a column of 座) must match."""

from __future__ import annotations

import pytest

from assistant.answer.indicators import name_score, other_qualifier

PLAN = """某县卫生健康发展规划（2026-2030年）

一、发展目标

表1 主要指标

| 主要指标 | 单位 | 2025年基期值 | 2030年目标值 | 指标属性 |
| --- | --- | --- | --- | --- |
| 65岁及以上老年人健康管理率 | % | 72 | 75 | 预期性 |
| 5岁以下儿童死亡率 | ‰ | 4.9 | 4.5 | 预期性 |

二、主要任务

加强老年健康服务，完善基层医疗卫生服务网络。县人民医院现有床位610张，业务用房面积不足。

三、保障措施

县中医医院综合楼新建综合楼3.2万平方米，床位达到300张。
"""


def test_a_different_qualifying_number_is_another_measure():
    assert other_qualifier("65岁及以上老年人健康管理率", "60岁以上老年人比重是多少")
    assert not other_qualifier("65岁及以上老年人健康管理率", "65岁以上老年人健康管理率2030年是多少")
    assert not other_qualifier("65岁及以上老年人健康管理率", "老年人健康管理率2030年是多少")  # none asked
    assert not other_qualifier("5岁以下儿童死亡率", "2030年5岁以下儿童死亡率")  # a year is no qualifier
    assert name_score("65岁及以上老年人健康管理率", "60岁以上老年人健康管理率是多少") == 0.0
    assert name_score("65岁及以上老年人健康管理率", "65岁以上老年人健康管理率是多少") > 0.6


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    from assistant.config import load_settings
    from assistant.index.embed import HashingEmbedder
    from assistant.pipeline import Assistant

    tmp = tmp_path_factory.mktemp("measure")
    corpus = tmp / "corpus"
    corpus.mkdir()
    (corpus / "plan.txt").write_text(PLAN, encoding="utf-8")
    settings = load_settings(env={}, corpus=corpus, index=tmp / "index", uploads=tmp / "uploads", model="hashing")
    return Assistant.open(settings, embedder=HashingEmbedder())


def test_the_row_of_another_age_does_not_answer(assistant):
    ans = assistant.ask("老年人健康管理率（60岁以上）2030年是多少？")
    assert "75" not in ans.answer, ans.answer
    ans = assistant.ask("65岁及以上老年人健康管理率2030年是多少？")
    assert "75" in ans.answer, ans.answer


def test_the_thing_counted_after_the_measure_word_is_a_key_term(assistant):
    """多少张床: jieba reads 张床 as one word; 张 is the measure word (lexicon count_unit), 床 the thing counted."""
    ans = assistant.ask("县医院现在开了多少张床")
    assert "610" in ans.answer, ans.answer


def test_a_figure_counting_other_things_does_not_bind():
    """几座 counts stations: 2万家 (enterprises) in the quote is no figure for it (lexicon role thing_unit)."""
    from assistant.answer.answerability import unbound_figure

    assert unbound_figure("2023年计划新增几座？", ["推进中小企业上云，新增登云企业2万家。"]) is not None
    assert unbound_figure("2023年计划新增几座？", ["2023年新增充电站12座。"]) is None
    assert unbound_figure("2023年计划新增几个？", ["新增登云企业2万家。"]) is None


def test_one_character_thing_counted_is_no_measure_key():
    """几张床 keeps 床 as a search term, but a figure's clause (床位800张) need not write it as a measure."""
    from assistant.answer.answerability import counted_noun

    assert counted_noun("康养中心投了多少钱、几张床？", ["康养", "中心", "床"]) == ""
    assert counted_noun("要建几座充电站？", ["充电站"]) == "充电站"
