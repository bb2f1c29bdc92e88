"""Figures asked of running text and indicator rows in the asker's words: a word asking the value (总长, 淘汰标准,
门槛) is stated by the figure, not named by the line; a limit stated as 最高 or 及以下 answers a limit asked
(封顶, 最多); a pollutant asked by its code (VOCs, NOx, COD) finds the row the plan names in Chinese; the asker's
own period (这五年) is no thing a line must name; a figure the question states itself (规划了120座) is quoted with
the answer where the plan gives it; 有没有具体目标 is answered by a figure, not by an aim of another measure. What
the plan does not give stays refused. Fast: a hand-written plan and the hashing embedder."""

from __future__ import annotations

import pytest
from conftest import plan_assistant

from assistant.answer.extract import stated_figures, with_premise

PLAN = """青石市生态环境保护“十五五”规划（2026—2030年）

第一章 发展基础

“十四五”期间，全市污水处理厂规划120座，规划泵站45座。截至目前，污水处理厂实际建成约96座，其中约10座停运。

第二章 主要目标

表1 青石市生态环境保护主要指标

| 序号 | 指标 | 单位 | 2025年 | 2030年 | 属性 |
| --- | --- | --- | --- | --- | --- |
| 1 | 挥发性有机物重点工程减排量 | 万吨 | 〔2.4〕 | 〔2.9〕 | 约束性 |
| 2 | 氮氧化物重点工程减排量 | 万吨 | 〔4.1〕 | 〔4.6〕 | 约束性 |
| 3 | 化学需氧量重点工程减排量 | 万吨 | 〔6.2〕 | 〔7.0〕 | 约束性 |
| 4 | 城市黑臭水体消除比例 | % | 95 | 100 | 约束性 |

注：〔〕内为五年累计数，2025年栏为“十四五”累计完成值。

第三章 重点任务

一、河湖治理

对白沙河、柳溪河等6条支流开展清淤疏浚和岸线整治，治理河长共计185公里。

实施青湖总氮控制专项行动，推进环湖缓冲带建设，力争到2030年青湖水质稳定达到Ⅲ类。

02 青湖总氮控制工程：新建生态缓冲带30公里，力争青湖总氮浓度较2025年下降12%。

二、产业减排

全面淘汰50万吨/年及以下焦化装置。到2030年底，全市焦炭产能控制在800万吨以内。

三、资金支持

对市级绿色工厂给予奖补，最高500万元；对绿色供应链管理企业给予一次性奖补50万元。

四、城中村改造

坚持先安置后拆迁，“十五五”期间建设安置住房约3.6万套。
"""


@pytest.fixture(scope="module")
def green(tmp_path_factory):
    return plan_assistant(tmp_path_factory.mktemp("green"), PLAN, "qingshi_plan.txt")


@pytest.mark.parametrize("question,wants", [
    # 总长 asks the value of the length: the line names 支流 and states 185公里
    ("支流治理治几条河，总长多少", ("6条", "185公里")),
    ("支流治理的河长总长是多少？", ("185公里",)),
    # 淘汰标准 / 门槛 ask the threshold, stated by 50万吨/年及以下
    ("焦化装置的淘汰标准是多少？", ("50万吨",)),
    ("淘汰焦化装置的门槛是多少", ("50万吨",)),
    # 封顶 / 最多 ask a limit: 最高500万元 sets it
    ("市级绿色工厂奖补封顶多少钱？", ("500万元",)),
    ("绿色工厂最多能拿多少奖补", ("500万元",)),
    # 这五年 is the plan's period, not a thing the line must name
    ("城中村改造这五年要建多少安置住房", ("3.6万套",)),
    ("未来五年安置住房建多少套", ("3.6万套",)),
])
def test_a_value_word_is_stated_by_the_figure(green, question, wants):
    ans = green.ask(question)
    assert not ans.refused, ans.answer
    assert all(w in ans.answer for w in wants), ans.answer


@pytest.mark.parametrize("question,wants,not_wants", [
    ("VOCs重点工程减排十五五目标是多少", ("2.9",), ("4.6", "7.0")),
    ("NOx减排量2030年目标多少", ("4.6",), ("2.9", "7.0")),
    ("COD重点工程减排量到2030年是多少？", ("7.0",), ("2.9", "4.6")),
])
def test_a_pollutant_asked_by_its_code_finds_its_row(green, question, wants, not_wants):
    ans = green.ask(question)
    assert not ans.refused, ans.answer
    assert all(w in ans.answer for w in wants), ans.answer
    assert not any(w in ans.answer for w in not_wants), ans.answer


@pytest.mark.parametrize("question", [
    "十四五期间污水处理厂规划了120座，实际建成多少？",
    "污水处理厂原来规划120座，现在实际建成了几座",
])
def test_the_askers_own_figure_is_quoted_with_the_answer(green, question):
    ans = green.ask(question)
    assert not ans.refused, ans.answer
    assert "96座" in ans.answer and "120座" in ans.answer, ans.answer


def test_a_premise_leads_the_sentence_only_when_it_states_the_askers_figure():
    sents = ["全市污水处理厂规划120座，泵站45座。", "截至目前，实际建成约96座。"]
    assert with_premise(sents, 1, sents[1], ("120座",)) == "".join(sents)
    assert with_premise(sents, 1, sents[1], ("1200座",)) == sents[1]  # not the figure asked
    assert with_premise(sents, 1, sents[1], ("20座",)) == sents[1]  # not inside a longer number
    assert with_premise(sents, 0, sents[0], ("120座",)) == sents[0]  # nothing before the first sentence
    assert stated_figures("表4-2里规划了120座，2030年建成多少") == ("120座",)  # a label and a year are no figure


@pytest.mark.parametrize("question", ["青湖总氮有没有具体目标", "青湖治理要达到什么效果？总氮有没有明确目标"])
def test_a_specific_target_asked_is_answered_by_the_figure(green, question):
    ans = green.ask(question)
    assert not ans.refused, ans.answer
    assert "12%" in ans.answer, ans.answer


@pytest.mark.parametrize("question", [
    "支流治理要投资多少钱",  # no investment stated for it
    "城中村改造补贴标准是多少钱",  # no subsidy stated
    "焦化装置淘汰的补贴封顶多少钱",
])
def test_a_value_the_plan_does_not_give_is_refused(green, question):
    ans = green.ask(question)
    assert ans.refused, ans.answer
