"""A later part of one message pointing back at what the part before it asked (这个要求在哪一节) is answered by where
the passage answering that part sits, not by a search of its own words; a clause after a comparison's shared ask
that names one of the plans (…各是怎么提的，乙有没有具体数量) is asked of that plan only. On small hand-written
plans with the fake embedder, and the pure split rules."""

from __future__ import annotations

import pytest
from conftest import plans_assistant
from test_compare_sides import YI  # the same 乙市 plan: a role item under 主要任务, a status under 发展基础

from assistant.answer.multipart import points_back, split_plans

QINGXI = """青溪县成品油零售加油站“十五五”发展规划

第一章 发展现状

截至2024年底，全县现有加油站48座，城区加油站布点较密，城区加油站服务半径偏小。

第二章 设置标准

一、选址要求

城区加油站均为三级站，原则上占地面积3000平方米左右，有条件的站点4000平方米。

二、间距要求

城区加油站之间最近车行距离不得低于1.6公里。

第三章 布局方案

一、城区

城区加油站按需布局，城区加油站新增8座，城区加油站迁建3座，城区加油站总数达到40座。

二、高速公路

高速公路加油站每百公里不超过2对。
"""

BAISHI = """白石市企业上云行动计划（2024－2026年）

一、发展目标

到2026年，新增上云企业2万家，每年培育上云标杆企业600家以上。

二、重点任务

推进企业上云上平台，引导企业采用混合云模式，降低企业上云成本。
"""

DONGSHAN = """东山市数字经济发展规划

一、总体要求

推行普惠性上云服务，推动企业上云、上平台，加快企业数字化转型。

二、保障措施

加强数字经济统计监测。
"""


@pytest.fixture(scope="module")
def plans(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("parts_pointing"),
                           {"qingxi.txt": QINGXI, "baishi.txt": BAISHI, "dongshan.txt": DONGSHAN})


@pytest.mark.parametrize("question", [
    "城区加油站占地面积原则上多大，这个要求在青溪县规划哪一节？",
    "青溪县城区加油站原则上占地多大？上述规定出自规划哪一章",
    "城区加油站原则上占地多少平方米，该标准在青溪县规划的什么位置",
])
def test_a_part_pointing_back_is_placed_where_the_first_part_was_answered(plans, question):
    a = plans.ask(question)
    assert not a.refused
    first, second = a.answer.split("\n**")[:2] if "\n**" in a.answer else (a.answer, "")
    assert "3000平方米" in first, a.answer
    assert "选址要求" in second and "布局方案" not in second, a.answer


def test_a_where_part_naming_its_own_thing_is_searched(plans):
    a = plans.ask("城区加油站占地面积原则上多大，两站间距要求在青溪县规划哪一节？")
    assert not a.refused
    assert "间距要求" in a.answer.split("\n**")[-1], a.answer


@pytest.mark.parametrize("part, masked, expected", [
    ("这个要求在青溪县规划哪一节？", "这个要求在＿哪一节？", True),
    ("上述规定出自规划哪一章", "上述规定出自规划哪一章", True),
    ("该标准在青溪县规划的什么位置", "该标准在＿的什么位置", True),
    ("两站间距要求在青溪县规划哪一节？", "两站间距要求在＿哪一节？", False),
    ("这个规划里服务半径在哪一节", "这个规划里服务半径在哪一节", False),
    ("这个要求是多少", "这个要求是多少", False),
])
def test_points_back(plans, part, masked, expected):
    assert points_back(part, masked, plans.tokenizer.tag) is expected


@pytest.mark.parametrize("text, first, second", [
    ("甲规划和乙计划，对企业上云各是怎么提的，乙有没有具体数量？",
     "甲规划，对企业上云是怎么提的", "乙计划，对企业上云是怎么提的，乙有没有具体数量？"),
    ("甲规划跟乙计划对企业上云分别咋说的，甲有目标数吗",
     "甲规划对企业上云咋说的，甲有目标数吗", "乙计划对企业上云咋说的"),
    ("甲规划和乙计划，企业上云各有什么要求", "甲规划，企业上云有什么要求", "乙计划，企业上云有什么要求"),
])
def test_a_later_clause_naming_one_plan_is_that_plans_own(text, first, second):
    mentions = []
    for word, doc in (("甲规划", "a"), ("乙计划", "b"), ("甲", "a"), ("乙", "b")):
        at = text.find(word, mentions[-1][1] if mentions and len(word) == 1 else 0)
        if at >= 0 and not any(s <= at < e for s, e, _ in mentions):
            mentions.append((at, at + len(word), doc))
    parts = split_plans(text, tuple(sorted(mentions)), ("a", "b"), {"a": "甲规划", "b": "乙计划"})
    assert parts is not None and parts.questions == (first, second), parts


@pytest.mark.parametrize("question", [
    "东山市数字经济规划和白石市企业上云行动计划，对企业上云各是怎么提的，白石市有没有具体数量？",
    "东山市规划跟白石市行动计划对企业上云分别咋说的，白石市有数字吗",
])
def test_a_figure_asked_of_one_side_is_answered_on_that_side(plans, question):
    a = plans.ask(question)
    assert not a.refused
    blocks = a.answer.split("\n**")
    assert len(blocks) == 2, a.answer
    assert "普惠性上云服务" in blocks[0] and "2万家" not in blocks[0], a.answer
    assert "2万家" in blocks[1], a.answer


JIA = """甲市综合能源站专项规划（2025－2030年）

本规划所称综合能源站是指：为适应能源多元化发展形势，大力推进我市氢能产业发展，打造氢都甲市，在全市范围内规划建设的综合能源服务设施。

第一章 发展现状

一、国内外发展现状

国外形成了以氢能为核心的综合能源站模式，氢能车辆运营状况良好。我市氢能产业起步较早，氢能资源指数全省第一。

第二章 规划方案

一、重点任务

1．加快充电设施建设

在高速公路服务区和城区停车场建设充电桩，鼓励氢能装备企业参与综合能源站建设。
"""



@pytest.fixture(scope="module")
def hydrogen(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("compare_role"), {"jia.txt": JIA, "yi.txt": YI})


@pytest.mark.parametrize("question", [
    "甲市和乙市都讲了氢能，各自是怎么定位的？",
    "乙市跟甲市对氢能的定位分别是什么",
    "氢能在甲市和乙市的规划里各是什么定位",
])
def test_each_side_of_a_role_asked_is_the_role_the_plan_gives(hydrogen, question):
    a = hydrogen.ask(question)
    assert not a.refused
    assert "打造氢都甲市" in a.answer and "着力培育氢能经济" in a.answer, a.answer
    assert "国外形成了" not in a.answer and "鼓励氢能装备" not in a.answer, a.answer


YANGCHENG = """阳城市成品油零售加油站“十四五”发展规划

第一章 发展情况

一、加油站现状

“十三五”期末，全市成品油加油站1520座。从权属看：中石油410座，中石化300座，民营810座。

二、存在问题

以中心城区为例，截至2020年末，布点规划的240座加油站还有120座未建成，70座站点尚未办理规划手续。

第二章 布局方案

到2025年，全市加油站总数控制在1700座以内。
"""

SHANHE = """山河市综合能源站专项规划（2025－2030年）

第一章 发展现状

“十四五”期间，全市加油站规划760座，截至目前实际建成约480座，且约90座停业。

第二章 布局规划

全市共布局120个综合能源站。
"""


@pytest.fixture(scope="module")
def counts(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("compare_whole"), {"yangcheng.txt": YANGCHENG, "shanhe.txt": SHANHE})


@pytest.mark.parametrize("question", [
    "阳城和山河目前的加油站规模各是多少座？",
    "山河市跟阳城市目前加油站分别有多少座",
    "现在加油站有多少座，阳城市和山河市各是多少",
])
def test_a_side_asked_of_the_whole_is_not_answered_by_a_part(counts, question):
    a = counts.ask(question)
    assert not a.refused
    assert "1520座" in a.answer and "480座" in a.answer, a.answer
    assert "以中心城区为例" not in a.answer, a.answer


@pytest.mark.parametrize("question", [
    "推动企业上云是怎么提的，这个在白石市行动计划哪一部分？",
    "企业上云怎么推进，上述内容出自白石市计划的哪一节",
])
def test_a_part_pointing_back_names_the_place_in_the_plan_it_names(plans, question):
    a = plans.ask(question)
    assert not a.refused
    second = a.answer.split("\n**")[-1]
    assert "白石市企业上云行动计划" in second and "东山市" not in second, a.answer
