"""Two asks in one message, the second leaning on the first: a later part takes from the first what it leaves
unsaid (its year, its thing) and keeps its own ask (a duty after a location); clauses typed apart by spaces are
parts as clauses apart by commas are; parts naming no plan are answered from one plan; "两种方法各…" asks each
method the plan names. Pure rules, and small hand-written plans with the fake embedder."""

from __future__ import annotations

import pytest
from conftest import plans_assistant

from assistant.answer.multipart import counted_each, spelt_out, split_parts, thing_of

# ---------------------------------------------------------------- splitting


@pytest.mark.parametrize(("text", "labels"), [
    ("样例区 期末一共多少站 新规划几个", ("期末一共多少站", "新规划几个")),
    ("样例区 现状有多少座 新规划多少座", ("现状有多少座", "新规划多少座")),
    ("甲县和乙县 十四五期间各规划了多少加油站 实际建成多少", ("十四五期间各规划了多少加油站", "实际建成多少"))])
def test_clauses_typed_apart_by_spaces_are_parts_led_by_what_they_share(text, labels):
    parts = split_parts(text, [])
    assert parts is not None and parts.labels == labels, parts
    lead = text.split(" ")[0]
    assert all(q.startswith(lead) for q in parts.questions)


@pytest.mark.parametrize("text", [
    "吉林 充电桩 2025年 目标 多少",  # words typed apart, one ask
    "城区 加油站 服务半径 多少公里",
    "样例市城际充电站逐年新增多少，2023年新增几座？",  # the same measure (新增), one year of it
    "新能源和可再生能源占比多少",  # 和 inside one thing's name
    "样例区现状几座，规划几座",  # one row's two columns, which one answer states
    "农村污水治理率现在多少，2030年目标多少",  # one measure at two times
    "4A及以上景区现在几家，2030年要到几家"])
def test_one_ask_is_not_split(text):
    assert split_parts(text, []) is None


@pytest.mark.parametrize(("text", "count", "kind"), [
    ("样例省对2023年保有量的预测，两种方法各算出来多少？", "两", "方法"),
    ("样例省2023年保有量，两种测算方法分别是多少", "两", "测算方法"),
    ("样例省2030年客流，三种情景下分别预测多少", "三", "情景"),
    ("样例省那两种预测方法，2025年保有量分别是多少", "两", "预测方法")])
def test_each_of_a_number_of_things_of_a_kind_is_read(text, count, kind):
    m = counted_each(text)
    assert m is not None and m.group("count") == count and m.group("kind") == kind
    assert counted_each("两个规划各是多少") is None  # each of two plans: asked of each plan elsewhere


# ---------------------------------------------------------------- reading a later ask


FLAGS = {"样例省": "ns", "东江区": "ns", "期末": "t", "一共": "j", "供水": "vn", "项目": "n", "投资": "vn", "加油站": "n",
         "选址": "vn", "占地": "n", "要求": "n", "主城": "n", "一般": "a", "大地": "n", "充电桩": "n", "公共": "b",
         "支持": "v", "工业": "n", "互联网": "n", "若干": "m", "政策": "n", "双跨平台": "n", "奖补": "n", "多少": "m",
         "样例县": "ns", "规划": "n", "原则": "n"}


def _flagged(text: str) -> list[tuple[str, str]]:
    """Longest match over the words of FLAGS with their tags, else one character."""
    out, i = [], 0
    while i < len(text):
        w = next((w for w in sorted(FLAGS, key=len, reverse=True) if text.startswith(w, i)), text[i])
        out.append((w, FLAGS.get(w, "x")))
        i += len(w)
    return out


@pytest.mark.parametrize(("subject", "thing"), [("东江区期末一共", "东江区"), ("样例省供水项目投资", "样例省供水项目")])
def test_the_thing_of_a_subject_leaves_out_the_measure_time_and_generic_words_asked(subject, thing):
    assert thing_of(subject, _flagged) == thing


@pytest.mark.parametrize(("text", "first", "full"), [
    ("主城的站一般占多大地？", "样例规划里加油站选址和占地要求在哪一节？", "主城的加油站一般占多大地？"),
    ("公共的桩有多少", "样例市充电桩规划多少个", "公共的充电桩有多少"),
    ("主城的站一般占多大地？", "样例规划里选址要求在哪一节？", "主城的站一般占多大地？")])  # no 加油站 named before
def test_a_later_part_naming_a_thing_by_its_last_character_names_the_first_parts_noun(text, first, full):
    assert spelt_out(text, first, _flagged) == full


# ---------------------------------------------------------------- small plans

STATIONS = """样例市成品油零售加油站发展规划（2021—2025年）

一、发展现状

表1-1 样例市机动车数量变化表

| 年份 | 全市机动车总量（万辆） | 中心城区机动车总量（万辆） |
| --- | --- | --- |
| 2017 | 567.5 | 151.1 |
| 2018 | 630.2 | 172 |
| 2019 | 692.8 | 191.5 |

二、布局方案

表4-2 各区县加油站发展规划汇总表

| 区县 | 现状站（座） | 新规划（座） | 迁建（座） | 规划期末（座） |
| --- | --- | --- | --- | --- |
| 东江区 | 68 | 32 | 5 | 107 |
| 西岭区 | 40 | 11 | 2 | 53 |
| 合计 | 108 | 43 | 7 | 160 |

三、政策创新

（一）试点实施碳预算管理

科学设定区域与重点行业碳排放预算总量及分解目标，实施碳预算编制、执行、评价全过程管理。（责任单位：市发展改革委、市统计局）

（二）完善用能权交易制度

探索用能权有偿使用和交易。（责任单位：市财政局）
"""

FORECAST = """样例省充换电基础设施规划（2021—2025年）

一、需求预测

（一）电动汽车保有量预测

1．预测结果

（1）弹性系数法

采用弹性系数法对电动汽车保有量进行预测，结果详见表2-1。

表2-1 全省电动汽车保有量预测

| 项目 | 2022年 | 2023年 | 2024年 |
| --- | --- | --- | --- |
| 电动汽车保有量(万辆) | 4.80 | 7.92 | 13.10 |

（2）Logistic 曲线法

采用Logistic曲线法对电动汽车保有量进行预测，结果详见表2-2。

表2-2 全省电动汽车保有量预测

| 项目 | 2022年 | 2023年 | 2024年 |
| --- | --- | --- | --- |
| 电动汽车保有量(万辆) | 4.66 | 7.46 | 11.94 |

（3）预测结果分析

新能源汽车产品自身吸引力不断增加。
"""

BUILT = """甲县综合能源站布局规划（2025—2030年）

一、发展现状

“十四五”期间，全县加油站规划81座，规划加气站19座。截至目前，加油站实际建成约51座，且约10座停业。
"""

PLANNED = """乙县成品油零售体系发展规划（2026—2030年）

一、规划实施情况

乙县“十四五”期间规划加油站共计65座，其中已建在营的加油站48座，未建17座。
"""


@pytest.fixture(scope="module")
def plans(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("two_asks"), {"stations.txt": STATIONS, "forecast.txt": FORECAST})


@pytest.mark.parametrize("question", ["样例市2018年全市机动车多少万辆，中心城区多少万辆？",
                                      "样例市2018年全市机动车总量是多少？中心城区有多少万辆？",
                                      "2018年样例市全市机动车多少万辆，中心城区的呢有多少万辆"])
def test_a_later_part_naming_no_year_asks_of_the_first_parts_year(plans, question):
    a = plans.ask(question)
    assert "630.2" in a.answer and "172" in a.answer and "191.5" not in a.answer, a.answer


@pytest.mark.parametrize("question", ["样例市2018年全市机动车多少万辆，东江区新规划几座",
                                      "样例市2018年全市机动车总量是多少？东江区新规划的加油站有几座？"])
def test_a_later_part_of_another_table_is_not_asked_of_the_first_parts_year(plans, question):
    a = plans.ask(question)
    assert "630.2" in a.answer and "32座" in a.answer, a.answer


@pytest.mark.parametrize("question", ["东江区 期末一共多少站 新规划几个", "东江区期末一共多少站，新规划几个",
                                      "东江区 规划期末总共多少座 新规划多少座"])
def test_two_columns_of_one_row_asked_apart_are_each_answered(plans, question):
    a = plans.ask(question)
    assert "107座" in a.answer and "32座" in a.answer and "68座" not in a.answer, a.answer


@pytest.mark.parametrize("question", ["样例市加油站规划表4-2，西岭区新规划几座？到规划期末一共多少座",
                                      "表4-2里西岭区新规划多少座？规划期末总共几座？",
                                      "西岭区新规划几座？期末一共有多少座"])
def test_a_later_question_asking_another_column_only_is_of_the_first_ones_row(plans, question):
    a = plans.ask(question)
    assert "11座" in a.answer and "53座" in a.answer and "107座" not in a.answer, a.answer


@pytest.mark.parametrize("question", ["样例市规划里碳预算管理是放在哪一部分讲的？责任单位有哪些",
                                      "碳预算管理在样例市规划的哪一节？由哪些单位负责",
                                      "样例市规划碳预算管理写在哪部分，责任单位是哪些"])
def test_a_duty_asked_after_a_location_is_answered_by_its_units(plans, question):
    a = plans.ask(question)
    assert "试点实施碳预算管理" in a.answer and "市统计局" in a.answer and "市财政局" not in a.answer, a.answer


@pytest.mark.parametrize("question", ["样例省对2023年电动汽车保有量的预测，两种方法各算出来多少？",
                                      "样例省2023年电动汽车保有量，两种预测方法分别是多少",
                                      "样例省规划里两种方法下分别预测2023年电动汽车保有量是多少",
                                      "样例省那两种预测方法，2023年电动汽车保有量分别是多少"])
def test_each_of_the_methods_the_plan_names_is_answered(plans, question):
    a = plans.ask(question)
    assert "7.92" in a.answer and "7.46" in a.answer, a.answer
    assert "**弹性系数法**" in a.answer and "**Logistic 曲线法**" in a.answer


@pytest.fixture(scope="module")
def counties(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("two_counties"), {"built.txt": BUILT, "planned.txt": PLANNED})


@pytest.mark.parametrize("question", ["十四五那会儿加油站规划了多少座，实际建成多少？",
                                      "十四五期间加油站规划多少座？实际建成了多少座？",
                                      "十四五期间加油站规划了几座 实际建成几座"])
def test_parts_naming_no_plan_are_answered_from_the_one_plan_answering_both(counties, question):
    a = counties.ask(question)
    assert "81座" in a.answer and "51座" in a.answer and "65座" not in a.answer, a.answer


@pytest.mark.parametrize("question", ["甲县和乙县 十四五期间各规划了多少加油站 实际建成多少",
                                      "甲县和乙县十四五期间各规划了多少加油站，实际建成多少"])
def test_two_plans_each_asked_two_things_answer_both_for_each(counties, question):
    a = counties.ask(question)
    assert all(n in a.answer for n in ("81座", "51座", "65座", "48座")), a.answer
