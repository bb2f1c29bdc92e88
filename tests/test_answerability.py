"""Answerability's explicit checks: what the question names exactly must be in what the answer quotes."""

from __future__ import annotations

import re

import pytest

from assistant.answer.answerability import (
    Missing,
    absent_codes,
    absent_years,
    asked_amount_unit,
    counted_noun,
    counts,
    figures,
    missing_in,
    unbound_figure,
    withdraw,
    years_covered,
)
from assistant.answer.scope import PlanScope
from assistant.types import Answer, Citation


def _answer(body: str, highlight: str | None, text: str = "", heading: tuple[str, ...] = ("第一章",)) -> Answer:
    cite = Citation(1, "a", "甲规划", heading, text or (highlight or ""), 1.0, highlight=highlight)
    return Answer("q", body + " [1]", False, (cite,))


def _plan(period: tuple[int, int] | None) -> PlanScope:
    return PlanScope("a", (), False, frozenset(), period)


def test_years_covered_reads_spans_and_period_words():
    assert {2026, 2028, 2030} <= years_covered("2026—2030年")
    assert 2028 in years_covered("“十五五”期间")
    assert years_covered("到2025年，建成…") == {2025}


def test_a_year_the_quoted_text_does_not_speak_of_is_absent():
    assert absent_years(["2030"], ["到2025年…", "展望2035年…"]) == ["2030"]
    assert absent_years(["2028"], ["2026—2030年"]) == []
    # a plan's last year is its table's 本次规划 column
    assert absent_years(["2025"], ["本次规划（座） 13"], [_plan((2021, 2025))]) == []
    assert absent_years(["2030"], ["本次规划（座） 13"], [_plan((2021, 2025))]) == ["2030"]


def test_the_unit_of_an_amount_asked_outright():
    assert asked_amount_unit("核心产业增加值要达到多少万亿元") == "万亿元"
    assert asked_amount_unit("加油站有多少座") is None  # a count, not an amount


def test_a_code_term_must_be_quoted():
    assert absent_codes(["5G", "用户", "普及率"], ["移动宽带用户普及率达到108%"]) == ["5G"]
    assert absent_codes(["IPv6", "用户"], ["ipv6活跃用户数达到4.6亿"]) == []


def test_missing_in_names_the_first_failed_check():
    near = _answer("移动宽带用户普及率达到108%。", "移动宽带用户普及率达到108%。")
    assert missing_in("2025年5G用户普及率要达到多少", ["5G", "用户", "普及率"], near,
                      [_plan((2021, 2025))]) == Missing("code", "5G")
    share = _answer("到2025年，核心产业增加值占GDP比重达到10%。", "到2025年，核心产业增加值占GDP比重达到10%。")
    assert missing_in("2025年核心产业增加值要达到多少万亿元", ["核心", "增加值"], share) == Missing("unit", "万亿元")
    assert missing_in("2030年要达到多少座", [], share) == Missing("year", "2030")
    good = _answer("到2025年，增加值达到5万亿元。", "到2025年，增加值达到5万亿元。")
    assert missing_in("2025年增加值要达到多少万亿元", ["增加值"], good) is None


def test_the_check_reads_the_quoted_sentence_not_the_whole_passage():
    ans = _answer("移动宽带用户普及率达到108%。", "移动宽带用户普及率达到108%。",
                  text="5G网络加快建设。移动宽带用户普及率达到108%。")
    assert missing_in("5G用户普及率是多少", ["5G", "用户", "普及率"], ans) == Missing("code", "5G")


def test_a_withdrawn_answer_shows_what_it_cited_as_the_closest_passages():
    ans = _answer("移动宽带用户普及率达到108%。", "移动宽带用户普及率达到108%。")
    out = withdraw(ans, Missing("code", "5G").message(), 0.7, Missing("code", "5G").reason)
    assert out.refused and not out.citations and out.related[0].highlight == ans.citations[0].highlight
    assert "5G" in out.answer and out.score == 0.7 and out.reason == "missing_code"


def test_the_year_and_the_measure_must_be_quoted_together():
    two = Answer("q", "到2025年底，公共机构能耗降低5%。 [1] 2024年，单位GDP能耗降低2.5%。 [2]", False, (
        Citation(1, "a", "甲", ("一",), "…", 1.0, highlight="到2025年底，公共机构能耗降低5%。"),
        Citation(2, "a", "甲", ("二",), "…", 1.0, highlight="2024年，单位GDP能耗降低2.5%。")))
    plan = [_plan((2024, 2025))]
    assert missing_in("2025年单位GDP能耗降低多少", ["GDP", "能耗"], two, plan) is not None
    assert missing_in("2024年单位GDP能耗降低多少", ["GDP", "能耗"], two, plan) is None


def test_a_plans_last_year_counts_only_where_the_quote_names_no_year_of_its_period():
    assert absent_years(["2025"], ["2020年底现状站 | 本次规划"], [_plan((2021, 2025))]) == []
    assert absent_years(["2025"], ["2024年，能耗降低2.5%"], [_plan((2024, 2025))]) == ["2025"]


def test_the_year_is_looked_for_in_the_whole_sentence_a_clause_was_cut_from():
    from assistant.answer.answerability import around

    passage = "到2025年，A达到10%，B达到20%。2024年，C降低2.5%。"
    assert around(passage, "……B达到20%……") == ["到2025年，A达到10%，B达到20%。"]
    assert around(passage, "2024年，C降低2.5%。") == ["2024年，C降低2.5%。"]
    assert around("表1 | 2020年 | 2025年", "合计") == ["表1 | 2020年 | 2025年"]


def test_a_list_question_is_not_answered_by_a_sentence_that_only_names_the_thing():
    from assistant.answer.answerability import only_named

    preface = "本规划提出综合能源站建设的目标、原则、布局位置和保障措施。"
    assert only_named("保障措施", preface, "（文首）")
    assert not only_named("保障措施", "保障措施包括加强组织领导、强化要素保障。", "（文首）")
    assert not only_named("保障措施", preface, "第六章 保障措施")  # the section itself
    ans = _answer(preface, preface, heading=("（文首）",))
    assert missing_in("保障措施具体有哪些", ["保障措施"], ans, listed="保障措施") == Missing("list", "保障措施")
    assert missing_in("保障措施具体有哪些", ["保障措施"], ans) is None


def test_the_thing_a_list_question_asks_the_members_of():
    from assistant.answer.answerability import listed_thing

    assert listed_thing("吕梁综合能源站规划的保障措施具体有哪些？", ["综合能源站", "保障措施"]) == "保障措施"
    assert listed_thing("环大学生态圈，高新区要拉哪些高校一起", ["生态圈", "高校", "一起"]) == "高校"


def test_a_lead_sentence_naming_the_thing_is_not_an_enumeration_item():
    from assistant.answer.answerability import only_named

    assert not only_named("五大行动", "全面实施“五大行动”。", "第三章")


def test_a_year_glued_to_other_digits_is_not_asked():
    share = _answer("到2025年，增加值占比达到10%。", "到2025年，增加值占比达到10%。")
    assert missing_in("专栏32021年是多少", [], share) is None


def test_a_refusal_names_no_number_the_asker_did_not_type():
    assert "C3" not in Missing("code", "C3").message("C32021年服贸")
    assert "5G" in Missing("code", "5G").message("5G用户普及率")


def test_a_span_the_question_writes_asks_for_its_last_year():
    from assistant.answer.answerability import asked_years

    assert asked_years("2021—2025年累计利用外资多少") == ["2025"]
    assert asked_years("2020年和2025年分别是多少") == ["2020", "2025"]
    row = _answer("利用外资：2025年目标 【25】（五年累计）。", "利用外资")
    assert missing_in("2021-2025年累计利用外资多少", [], row) is None


def test_full_width_percent_signs_count_as_the_asked_unit():
    share = _answer("到2025年，占比达到10％。", "到2025年，占比达到10％。")
    assert missing_in("2025年占比要达到多少%", [], share) is None


def test_only_codes_the_plans_write_or_the_lexicon_names_are_checked():
    from assistant.answer.answerability import known_codes

    in_corpus = {"5G"}.__contains__
    assert known_codes(["5G", "CBD", "GDP", "用户"], in_corpus) == ["5G", "GDP", "用户"]  # GDP: lexicon synonyms


def test_years_written_in_full_width_digits_or_chinese_numerals_are_read():
    assert 2025 in years_covered("到二〇二五年，建成…") and 2025 in years_covered("２０２５年目标")


def test_a_sentence_opening_with_among_takes_the_year_of_the_one_before():
    text = "2024年全县实现地区生产总值208.42亿元。其中，第一产业增加值37.18亿元；第三产业增加值109.93亿元，同比增长5.3%。"
    quote = "第三产业增加值109.93亿元，同比增长5.3%。"
    among = _answer(quote, quote, text=text)
    assert missing_in("2024年第三产业增加值是多少", ["第三产业", "增加值"], among) is None
    apart = "2024年全县实现地区生产总值208.42亿元。第三产业增加值109.93亿元，同比增长5.3%。"
    assert missing_in("2024年第三产业增加值是多少", ["第三产业", "增加值"], _answer(quote, quote, text=apart)) \
        == Missing("year", "2024")


_NUMBER = re.compile(r"\d")
_SOLAR = "“十四五”期间累计新增光伏发电装机容量150万千瓦；到2030年，光伏发电装机容量达240万千瓦。"


def test_figures_bind_to_the_nearest_years_before_them():
    found = figures("2020年至2025年增长率按7%测算，预计2035年保有量约500.9万辆。到2025年，能耗较2020年下降13.5%。")
    assert [sorted(f.years)[-1] for f in found] == [2025, 2035, 2025]  # 较2020年 is the base, not the year
    assert found[1].unit.startswith("万辆")


@pytest.mark.parametrize("text", [
    "到2035年，全面完成2000年底前建成的城镇老旧小区改造任务，完整社区覆盖率达到90%以上。",
    "到2035年，2019年以前建设的燃气管网全部更新，管网监测覆盖率达到90%。",
    "到2035年，改造2005年前建成的老旧厂房，利用率达到90%。"])
def test_a_year_dating_what_a_noun_is_does_not_date_the_figure(text):
    found = [f for f in figures(text) if f.unit.startswith("%")]
    assert found and found[0].years == frozenset({2035})


def test_a_level_asked_is_not_answered_by_an_increase_or_another_years_level():
    ans = _answer(_SOLAR, _SOLAR)
    gap = missing_in("到2025年光伏装机总容量达到多少？", ["光伏"], ans, [_plan((2021, 2025))], number=_NUMBER)
    assert gap == Missing("level", "")
    assert missing_in("到2030年光伏装机总容量达到多少？", ["光伏"], ans, [_plan((2021, 2025))], number=_NUMBER) is None
    assert missing_in("十四五新增光伏装机多少？", ["光伏"], ans, [_plan((2021, 2025))], number=_NUMBER) is None


def test_the_asked_year_and_unit_bind_to_one_figure():
    said = "2020年至2025年保有量增长率按7%测算，预计2035年保有量约500.9万辆。"
    gap = missing_in("2025年保有量是多少万辆", ["保有量"], _answer(said, said), [_plan((2021, 2025))], number=_NUMBER)
    assert gap == Missing("year", "2025")


def test_a_count_binds_to_the_thing_it_counts_and_a_base_year_is_not_asked():
    said = "计划建设18座城际充电站；到2025年，全省将建成充换电站500座。"
    assert unbound_figure("到2025年一共要建成多少座充换电站？", [said], key="充换电站") is None
    assert unbound_figure("到2025年一共要建成多少座充换电站？", [said.split("；")[0]], key="充换电站") == Missing("year", "2025")
    assert unbound_figure("跟2020年比要降多少？", ["到2025年，单位能耗较2020年下降5%。"]) is None
    assert unbound_figure("2025年保有量是多少万辆", ["全市机动车保有量已达763.8万辆。"]) == Missing("year", "2025")


def test_the_thing_counted_is_the_run_of_terms_after_the_counting_word():
    assert counted_noun("一共要建成多少座充换电站？", ["建成", "充换", "电站"], lambda t: t != "充换", run=True) == "充换电站"
    assert counted_noun("出口退税要压缩到几个工作日办完？", ["出口退税", "工作日", "办完"], lambda t: t != "办完") == "工作日"
    assert counts("公用直流充电", "预计到2025年建设765个直流充电桩")
    assert not counts("充换电站", "计划建设18座城际充电站")


def test_a_past_sections_figure_with_no_year_is_for_the_year_before_the_plans_period():
    stand = ["信息基础设施全球领先。IPv6活跃用户数达到4.6亿。 一、发展现状和形势"]
    assert absent_years(["2020"], stand, [_plan((2021, 2025))], past=True) == []
    assert absent_years(["2025"], stand, [_plan((2021, 2025))], past=True) == ["2025"]  # no target year
    assert absent_years(["2020"], stand, [_plan((2021, 2025))]) == ["2020"]  # a target section's figure is no 2020 one
    assert absent_years(["2020"], ["2015年以来，用户数达到4.6亿"], [_plan((2021, 2025))], past=True) == ["2020"]


def test_a_run_before_de_qualifies_the_thing_counted():
    terms = ["培育", "营收过", "十亿", "企业"]
    assert counted_noun("到2025年要培育几家营收过十亿的企业？", terms, run=True) == "企业"
    assert counts("企业", "培育年营业收入超10亿元的文化企业3家")
