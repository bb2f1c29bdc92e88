"""Each plan's side of a comparison states what is asked of it: both of two things asked (服务半径和站点密度), the
figure of the thing asked rather than of a word that only asks a value (规模), what the plan sets out rather than
where it stands (发展现状), led by the item title naming the topic; both plans when their names are joined by 跟 or
同, each named once. On small hand-written plans with the fake embedder, and the pure split and merge rules."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from conftest import plans_assistant

from assistant.answer.compose import merge_answers
from assistant.answer.multipart import Parts, split_plans
from assistant.types import Answer, Citation

QINGXI = """青溪县成品油零售加油站“十五五”发展规划

第一章 发展现状

截至2024年底，全县现有加油站48座，其中城区加油站10座，高速公路加油站6座。

全省加氢站规模持续扩大，已建成加氢站60座。

第二章 布局要求

一、空间布局控制要求

1.城区加油站的服务半径不少于0.9公里。

2.国道、省道加油站每百公里原则上不超过6对，在有永久隔离带的情况下，可根据车流量酌情设置对向站。

3.高速公路加油站每百公里不超过2对。

二、选址要求

站点选址应满足“三线”管控要求，避开生态保护红线、永久基本农田。

第三章 发展目标

到2030年，全县加油站总数控制在55座左右，城区加油站油气回收改造完成率达到100%。
"""

BAISHI = """白石市成品油零售加油站“十四五”发展规划

第一章 发展基础

“十三五”期末，全市成品油加油站1738座，中心城区加油站402座。

从规模看，全国已建成加氢站497座，在营加氢站291座。

第二章 布局方案

一、间距要求

1．城区加油站的服务半径不低于0.8公里，城区加油站之间最近车行距离不得低于1.6公里，对核心区加油站点进行适当加密。

2．高速公路沿线宜结合服务区规划成对设置，每百公里双向不超过3对。

3．国道、省道沿线每百公里双向不超过5对，两站间距不得低于5公里。

第三章 发展目标

到2025年，全市加油站总数控制在1900座以内，新能源汽车充电站覆盖率达到60%。
"""


@pytest.fixture(scope="module")
def stations(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("compare_sides"), {"qingxi.txt": QINGXI, "baishi.txt": BAISHI})


@pytest.mark.parametrize("question", [
    "青溪县和白石市两个加油站规划，城区加油站服务半径和高速上站点密度的要求一样吗？",
    "青溪县和白石市的加油站规划，城区服务半径和高速公路站点密度各怎么要求的",
    "白石市和青溪县对城区加油站服务半径和高速公路加油站密度分别怎么定的",
])
def test_each_side_states_both_things_asked(stations, question):
    a = stations.ask(question)
    assert not a.refused
    for said in ("0.9公里", "0.8公里", "2对", "3对"):
        assert said in a.answer, (said, a.answer)


@pytest.mark.parametrize("question", [
    "青溪县和白石市目前的加油站规模各是多少座？",
    "白石市和青溪县现状加油站规模分别是多少座",
    "加油站现状规模，青溪县和白石市各是多少座",
])
def test_a_word_asking_the_value_is_not_what_the_figure_must_name(stations, question):
    a = stations.ask(question)
    assert not a.refused
    assert "48座" in a.answer and "1738座" in a.answer, a.answer
    assert "497" not in a.answer and "60座" not in a.answer, a.answer


@pytest.mark.parametrize("text, first, second", [
    ("GDP能耗降多少，甲试点跟乙方案分别咋写的", "GDP能耗降多少，甲试点咋写的", "GDP能耗降多少，乙方案咋写的"),
    ("甲试点同乙方案，单位GDP能耗各降多少", "甲试点，单位GDP能耗降多少", "乙方案，单位GDP能耗降多少"),
    ("甲试点的能耗目标跟乙方案的碳排放目标，差多少", "甲试点的能耗目标，差多少", "乙方案的碳排放目标，差多少"),
])
def test_plan_names_joined_by_gen_or_tong_split_per_plan(text, first, second):
    mentions = tuple(sorted((text.find(w), text.find(w) + len(w), d) for w, d in (("甲试点", "a"), ("乙方案", "b"))))
    parts = split_plans(text, mentions, ("a", "b"), {"a": "甲试点", "b": "乙方案"})
    assert parts is not None and parts.questions == (first, second) and parts.plans == (("a",), ("b",))


@pytest.mark.parametrize("question", [
    "加油站总数控制在多少，白石市跟青溪县分别咋写的",
    "白石市同青溪县，加油站总数各控制在多少座",
    "青溪县跟白石市的加油站总数目标分别是多少",
])
def test_plans_joined_by_gen_or_tong_are_each_answered(stations, question):
    a = stations.ask(question)
    assert not a.refused
    assert {c.doc_id for c in a.citations} == {"qingxi", "baishi"}, a.answer
    assert "55座" in a.answer and "1900座" in a.answer, a.answer
    assert a.answer.count("**") == 4, a.answer  # each plan named once, by its label


JIA = """甲市综合能源站专项规划（2025－2030年）

第一章 发展现状

一、国内外发展现状

国外形成了以氢能为核心的综合能源站模式，氢能车辆运营状况良好。我市氢能产业起步较早，氢能资源指数全省第一。

第二章 规划方案

一、规划目标

结合氢能产业中长期规划，打造氢都甲市，分阶段推进氢能综合能源站建设，形成区域全覆盖的综合能源站网络。

二、重点任务

1．加快充电设施建设

在高速公路服务区和城区停车场建设充电桩，满足电动汽车充电需求。
"""

YI = """乙市碳达峰试点实施方案

一、发展基础

乙市氢能企业数量较多，已建成加氢站12座。

二、主要任务

5．着力培育氢能经济

抢抓氢能产业发展机遇，集中力量突破产业技术瓶颈，打造氢能产业核心技术策源地。

6．推进节能降碳

加强重点领域节能改造，提高能源利用效率。
"""


@pytest.fixture(scope="module")
def hydrogen(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("compare_stance"), {"jia.txt": JIA, "yi.txt": YI})


@pytest.mark.parametrize("question", [
    "甲市和乙市在氢能上分别怎么提的？",
    "氢能这块，甲市跟乙市各自是怎么讲的",
    "乙市和甲市对氢能分别提了什么",
])
def test_each_side_quotes_what_the_plan_sets_out_not_where_it_stands(hydrogen, question):
    a = hydrogen.ask(question)
    assert not a.refused
    assert "氢都甲市" in a.answer and "着力培育氢能经济" in a.answer, a.answer
    assert "国外形成了" not in a.answer, a.answer


def _cited(doc: str, title: str) -> Citation:
    return Citation(1, doc, title, ("一、目标",), "……", 1.0)


def test_a_plans_part_names_its_plan_once_under_its_label():
    parts = Parts(("甲试点，能耗降多少", "乙那份，能耗降多少"), ("甲试点", "乙那份"), False, (("a",), ("b",)), True)
    answers = [Answer("q", "**甲市碳达峰试点实施方案**：到2025年下降14.5%。 [1]", False,
                      (_cited("a", "甲市碳达峰试点实施方案"),)),
               Answer("q", "**乙方案 · （一）目标**：2024年降低2.5%左右。 [1]", False, (_cited("b", "乙方案"),))]
    merged = merge_answers(SimpleNamespace(text="能耗降多少，甲试点跟乙那份分别咋写的", docs=("a", "b")), parts, answers)
    first, second = merged.answer.splitlines()
    assert first == "**甲试点**：到2025年下降14.5%。 [1]"
    assert second == "**乙那份**：**乙方案 · （一）目标**：2024年降低2.5%左右。 [2]"  # a section's head stays
