"""Number answers on small hand-written plans: Latin letters typed in another case, a goal's sentence measured
against a base year, and several rows of one table compared."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import plan_assistant

from assistant.answer.synonyms import present
from assistant.answer.terms import term_coverage
from assistant.ingest.parser import parse
from assistant.types import DocMeta, RawDocument, SourceLine

DATA = Path(__file__).parent / "data"


def test_latin_letters_match_in_any_case():
    text = "互联网协议第六版（IPv6）活跃用户数达到4.6亿。新建数据中心电能利用效率（PUE）应低于1.25。"
    assert present("ipv6", text) and present("pue", text)
    assert term_coverage(["ipv6", "用户数"], text) == 1.0
    assert not present("ipv4", text)


def test_a_base_year_does_not_end_a_goal():
    text = ("某市方案\n一、建设目标\n到2025年，新型能源体系加快构建。单位地区生产总值能耗较2020年下降14.5%，"
            "碳排放保持领先。到2030年，碳排放达峰。")
    doc = parse(RawDocument("p.txt", "txt", tuple(SourceLine(i, t) for i, t in enumerate(text.split("\n"), 1))),
                DocMeta("p", "p"))
    by_year = {g.year: g.text for g in doc.goals}
    assert "14.5%" in by_year["2025"]
    assert "达峰" not in by_year["2025"] and "达峰" in by_year["2030"]


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    from assistant.config import load_settings
    from assistant.index.embed import HashingEmbedder
    from assistant.pipeline import Assistant

    tmp = tmp_path_factory.mktemp("numbers")
    corpus = tmp / "corpus"
    corpus.mkdir()
    (corpus / "pipe_plan.txt").write_text((DATA / "tables" / "pipe_plan.txt").read_text(encoding="utf-8"),
                                          encoding="utf-8")
    settings = load_settings(env={}, corpus=corpus, index=tmp / "index", uploads=tmp / "uploads", model="hashing")
    return Assistant.open(settings, embedder=HashingEmbedder())


@pytest.mark.parametrize("question", ["东区和西区，规划期末谁的加油站多？", "西区跟东区比，谁规划期末的加油站多"])
def test_two_rows_of_one_table_are_both_answered_and_compared(assistant, question):
    ans = assistant.ask(question)
    text = ans.answer.replace("\\", "")
    assert not ans.refused and "13座" in text and "24座" in text, ans.answer
    assert "“西区”更多" in text


STATUS_AND_TARGETS = """某市充电设施发展规划（2021-2025年）

第一章 发展现状

表1-1 各区充电设施概况

| 地区 | 运营商数量 | 充电站数量 | 充电桩数量 |
| --- | --- | --- | --- |
| 东区 | 3 | 12 | 300 |
| 西区 | 2 | 8 | 150 |

第二章 发展目标

表2-1 “十四五”充电设施分区域发展目标

| 地区 | 充电站(座) | 充电桩(根) |
| --- | --- | --- |
| 东区 | 20 | 900 |
| 西区 | 30 | 700 |
"""


@pytest.fixture(scope="module")
def two_tables(tmp_path_factory):
    return plan_assistant(tmp_path_factory.mktemp("two_tables"), STATUS_AND_TARGETS)


def test_a_question_about_today_takes_the_status_table(two_tables):
    ans = two_tables.ask("充电桩规划里，现状那张表里东区现在有多少根桩？")
    assert not ans.refused and "300" in ans.answer and "900" not in ans.answer, ans.answer


def test_a_question_about_new_building_takes_the_target_table(two_tables):
    ans = two_tables.ask("东区和西区比，谁新建的充电桩多？")
    text = ans.answer.replace("\\", "")
    assert not ans.refused and "900" in text and "700" in text and "“东区”更多" in text, ans.answer


OTHER_DISTRICTS = """某市加油站发展规划（2021-2025年）

第一章 规划布局

表4-1 中心城区加油站发展规划汇总表

| 区县 | 现状站（座） | 规划期末（座） |
| --- | --- | --- |
| 东区 | 10 | 13 |
| 西区 | 20 | 24 |
| 中心城区合计 | 30 | 37 |

表4-2 中心城区以外其他区县加油站发展规划汇总表

| 区县 | 现状站（座） | 规划期末（座） |
| --- | --- | --- |
| 南县 | 40 | 45 |
| 北县 | 50 | 52 |
| 合计 | 90 | 97 |
"""


def test_a_row_named_as_what_is_left_out_is_not_the_row_asked(tmp_path):
    ans = plan_assistant(tmp_path, OTHER_DISTRICTS).ask("中心城区以外那些区县，规划期末加起来有多少座？")
    assert not ans.refused and "97座" in ans.answer and "37座" not in ans.answer, ans.answer


WIND = """某市能源方案

一、主要任务

（一）能源结构优化

大力发展分布式光伏，扩大“光伏＋”多元化利用范围。积极推进海上风电开发，做好东湾200万千瓦海上风电项目合作开发建设。

（二）城市建设

推进既有建筑节能改造，新建建筑全面执行绿色建筑标准。
"""


def test_a_word_asking_for_a_size_is_stated_by_the_quantity(tmp_path):
    ans = plan_assistant(tmp_path, WIND).ask("海上风电合作开发的是哪个项目，规模多大？")
    assert not ans.refused and "200万千瓦" in ans.answer, ans.answer
