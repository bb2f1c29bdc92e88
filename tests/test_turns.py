"""Follow-ups, lists and "where is it" questions on a small hand-written plan (fake embedder): a follow-up swapping
the year or the measure, breaking a count down (其中…), asking a plan fact of its own; a count and a list of one
thing in one message; a period word that names no section; where a numbered item sits under its heading; which
rows of a table hold the column asked; no table cell or box list for what they do not state."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import hashing_settings, write_plan

from assistant.answer.answerability import around
from assistant.answer.multipart import split_parts
from assistant.answer.structured import goal_years
from assistant.answer.understand import counted, resolve
from assistant.types import Goal

NOTICE = Path(__file__).parent / "data" / "noisy" / "notice_two_docs.txt"
STATION_PLAN = """样例县成品油零售加油站发展规划（2026—2030年）

第一章 现状分析

一、经济概况

2024年全县实现地区生产总值达200.5亿元，同比增长6.1%。其中，第一产业增加值30.2亿元，同比增长4.0%；第三产业增加值109.9亿元，同比增长5.3%。全年人均地区生产总值49225元。

二、清规情况

对逾期未实施加油站项目进行了一次摸底清理，取消了3座已经无法实施的规划加油站项目（东湖大道加油站、新桥加油站、南山高速出入口加油北站）。

三、“十四五”规划目标

“十四五”期间共规划65座加油站，其中保留现有规划加油站35座，规划新建加油站17座。

第二章 发展目标

到2028年，全县加油站布局基本完善。到2028年，县域储能调节能力达到100万千瓦，到2030年，县域储能调节能力达到150万千瓦。

第三章 重点行动

一、融合应用创新行动

1．利用工业互联网提升安全生产。聚焦本质安全水平提升，构建基于工业互联网的安全生产监测预警体系。

2．推动绿色制造。支持企业开展节能诊断，建设绿色工厂。

二、技术能力提升行动

3．加快标准研制。围绕网络、平台、安全体系研制地方标准。

三、各乡镇布局情况

1.东湖镇

东湖镇作为中心乡镇，综合能源站布点5个，其中，国道上3个，城区2个。

2.新桥镇

新桥镇作为一般乡镇，综合能源站布点4个，其中，省道上4个。

四、充电设施建设

推动居民区充电设施建设，新建居民社区要确保固定车位100%建设充电设施或预留安装条件。

表5-1 充电设施投资估算

| 类型 | 规划投资（亿元） |
| --- | --- |
| 充电站 | 1.16 |
| 充电桩 | 4.83 |

表4-1 中心城区加油站发展规划汇总表

| 区县 | 现状站（座） | 新规划（座） | 规划期末（座） |
| --- | --- | --- | --- |
| 东湖区 | 20 | 0 | 20 |
| 新桥区 | 10 | 4 | 14 |
| 南山区 | 8 | 2 | 10 |
| 中心城区合计 | 38 | 6 | 44 |

专栏1 交通建设重点工程

铁路工程项目：东湖高铁、新桥城际铁路。
隧道建设项目：东湖隧道、南山隧道。

第四章 规划实施保障措施

一、强化组织实施

县商务局牵头，建立规划实施协调机制。

二、加强部门协作

各部门应加强领导，落实责任，团结协作。

三、强化审批管理

严格按照有关程序审查成品油经营企业的资格和条件。
"""


@pytest.fixture(scope="module")
def station(tmp_path_factory):
    from assistant.index.embed import HashingEmbedder
    from assistant.index.indexer import build_index
    from assistant.pipeline import Assistant

    root = tmp_path_factory.mktemp("turns")
    corpus = root / "corpus"
    write_plan(corpus, "station.txt", STATION_PLAN)
    shutil.copy(NOTICE, corpus)
    settings = hashing_settings(root, corpus)
    build_index(settings.sources, settings.index_dir, HashingEmbedder())
    return Assistant.open(settings, embedder=HashingEmbedder(), rebuild=False)


def _turn(question: str, answer: str) -> list[dict]:
    return [{"question": question, "answer": answer}]


# ------------------------------------------------------------------ follow-ups


def test_a_goal_sets_aims_for_every_year_its_clauses_name():
    g = Goal("d", "2025", "到2025年，虚拟电厂负荷调节能力达到100万千瓦，到2030年，达到150万千瓦。", (), "s", (), 1)
    assert goal_years(g) == {"2025", "2030"}


def test_a_year_swapped_in_is_answered_from_the_goal_naming_it_in_a_later_clause(station):
    a = station.ask("那2030年呢？", _turn("样例县加油站规划里县域储能调节能力2028年要到多少？", "100万千瓦。"))
    assert not a.refused and "150万千瓦" in a.answer


def test_a_new_measure_keeps_its_own_name_when_an_aspect_word_is_inside_it(station):
    a = station.ask("第三产业增加值呢？", _turn("样例县加油站规划里2024年全县地区生产总值是多少？", "200.5亿元。"))
    assert not a.refused and "109.9" in a.answer


def test_a_sentence_breaking_down_the_one_before_keeps_its_year():
    passage = "2024年全县实现地区生产总值达200.5亿元。其中，第三产业增加值109.9亿元，同比增长5.3%。全年人均49225元。"
    found = around(passage, "第三产业增加值109.9亿元，同比增长5.3%。")
    assert any("2024年" in s for s in found) and not any("49225" in s for s in found)


def test_a_breakdown_of_a_count_keeps_what_was_counted():
    assert counted("样例县中心城区加油站规划期末合计多少座？") == "样例县中心城区加油站"
    new = resolve("其中新规划的有几座？", "样例县中心城区加油站规划期末合计多少座？", [])
    assert new.startswith("样例县中心城区加油站") and "新规划的有几座" in new and "期末" not in new
    # after a list, "其中X" is one of the things listed: the list's words are not kept
    assert resolve("其中东湖大道加油站是什么", "样例县取消了哪些加油站？", []) == "东湖大道加油站是什么"


def test_a_follow_up_asking_a_plan_fact_of_its_own_gets_that_fact(station):
    a = station.ask("那是哪天印发的？", _turn("江州市数据产业发展行动计划是哪个部门印发的，文号多少？",
                                               "江州市人民政府办公室，江府办发〔2023〕7号。"))
    assert not a.refused and "2023年3月1日" in a.answer and "江府办发" not in a.answer


# ------------------------------------------------------------------ lists


def test_a_count_then_asking_again_for_the_items_is_one_question():
    assert split_parts("样例县加油站规划保障措施有几条？分别是什么", []) is None
    assert split_parts("样例县储能调节能力2028年是多少？2030年呢？", []) is not None  # a second question of its own


def test_a_count_of_items_lists_the_section_titled_as_that_list(station):
    a = station.ask("样例县加油站规划保障措施有几条？分别是什么")
    assert not a.refused
    assert all(x in a.answer for x in ("强化组织实施", "加强部门协作", "强化审批管理"))
    assert a.citations and a.citations[0].heading_path[-1] == "第四章 规划实施保障措施"


def test_a_period_word_alone_does_not_name_a_section(station):
    a = station.ask("样例县十四五清规的时候取消了哪几个规划站？")
    assert not a.refused and all(x in a.answer for x in ("东湖大道加油站", "新桥加油站", "南山高速出入口加油北站"))


# ------------------------------------------------------------------ where is it


def test_where_names_the_heading_and_the_titled_item_under_it(station):
    a = station.ask("用工业互联网抓安全生产，这部分放在计划的哪个行动下面？")
    assert not a.refused and "融合应用创新行动 › 1．利用工业互联网提升安全生产 部分" in a.answer


def test_where_several_sub_sections_answer_names_the_heading_above_them(station):
    a = station.ask("各个乡镇具体怎么布点，是在规划哪部分写的？")
    assert not a.refused and "三、各乡镇布局情况 部分" in a.answer


# ------------------------------------------------------------------ tables and boxes


def test_a_question_asking_no_quantity_is_not_answered_by_a_table_cell(station):
    a = station.ask("样例县加油站规划对新建小区车位配建充电桩有啥要求？")
    assert "4.83" not in a.answer and "1.16" not in a.answer
    assert not a.refused and "100%" in a.answer


def test_an_amount_asked_of_a_box_project_is_not_answered_by_the_box_s_groups(station):
    a = station.ask("样例县专栏1里东湖高铁总投资多少亿？")
    assert "隧道建设项目" not in a.answer


def test_which_rows_lists_the_rows_with_a_value_in_the_column_named(station):
    a = station.ask("样例县中心城区新规划的加油站在哪几个区？")
    assert not a.refused and "新桥区4座" in a.answer and "南山区2座" in a.answer and "东湖区" not in a.answer


def test_a_breakdown_of_a_total_asks_its_part_and_where_it_is(station):
    a = station.ask("其中新规划的有几座，在哪几个区？", _turn("样例县中心城区加油站规划期末合计多少座？", "44座。"))
    assert not a.refused and "6座" in a.answer and "新桥区4座" in a.answer


def test_each_after_a_question_about_one_plan_asks_for_its_items_not_every_plan():
    aliases = [("样例县", "station"), ("江州市", "notice")]
    assert "江州市" not in resolve("分别是什么", "样例县保障措施有几条？", aliases)
    assert "江州市" in resolve("两个规划分别是多少？", "样例县储能调节能力2028年是多少？", aliases)


# ------------------------------------------------------------------ turns2: items, kept plan, another year


def test_items_joined_by_semicolons_are_the_list_and_commas_join_their_words():
    from assistant.answer.understand import list_items

    assert list_items("4条：创新引领、融合发展；应用牵引、数据赋能；公平竞争、安全有序。") == [
        "创新引领、融合发展", "应用牵引、数据赋能", "公平竞争、安全有序"]
    assert list_items("四个：甲、乙、丙") == ["甲", "乙", "丙"]


def test_a_measure_asked_again_for_another_year_is_not_a_new_measure(station):
    new = resolve("那2035年有没有给比重？", "样例县2025年核心产业增加值占GDP比重目标多少", [("样例县", "station")],
                  tagger=station.tokenizer.tag)
    assert "GDP比重" in new and "2035年" in new and "2025年" not in new


def test_a_question_naming_no_plan_stays_in_the_plan_of_the_conversation(station):
    from assistant.answer.context import plan_scopes
    from assistant.answer.understand import understand

    docs = station.documents
    q = understand("全县加油站一共规划了几座", [("样例县加油站规划里2024年全县地区生产总值是多少？", "200.5亿元。")],
                   [d.meta for d in docs], station.tokenizer.tag, plan_scopes(docs, station.tokenizer.tag))
    assert q.docs == ("station",)
    alone = understand("全县加油站一共规划了几座", [], [d.meta for d in docs], station.tokenizer.tag,
                       plan_scopes(docs, station.tokenizer.tag))
    assert alone.docs == ()



def test_who_runs_it_is_the_sentence_whose_subject_is_a_body_doing_it(station):
    a = station.ask("样例县加油站规划里谁来统筹规划实施？")
    assert not a.refused and "县商务局牵头" in a.answer


def test_a_where_follow_up_about_a_new_subject_keeps_the_place_and_asks_where(station):
    new = resolve("那国道上的放在哪条路？", "样例县东湖镇一共布几个综合能源站", [("样例县", "station")],
                  anchors=("东湖镇",), tagger=station.tokenizer.tag)
    assert "东湖镇" in new and "国道上的放在哪条路" in new and "多少" not in new


def test_a_reason_is_a_sentence_not_the_section_titled_by_the_subject(station):
    from assistant.answer import compose
    from assistant.answer.context import build_context

    ctx = build_context("样例县为啥东湖镇要布5个综合能源站？", [], station.documents, station.retriever,
                        station.tokenizer)
    assert compose.section(ctx) is None
    ctx = build_context("样例县东湖镇的综合能源站怎么布？", [], station.documents, station.retriever, station.tokenizer)
    assert compose.section(ctx) is not None


def test_a_thing_named_as_x_of_that_kind_replaces_the_one_of_that_kind_asked_before(station):
    new = resolve("那用Logistic那个方法算出来呢？", "样例县用弹性系数法预测2025年保有量是多少", [("样例县", "station")],
                  tagger=station.tokenizer.tag)
    assert "Logistic方法" in new and "弹性系数法" not in new and "2025年保有量是多少" in new
