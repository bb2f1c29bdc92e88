"""Answering only what a plan states, and refusing plainly otherwise without refusing what it does state: who leads
a body the plan sets up but names no lead for (部际协调机制 with no 牵头 unit; 总部, 部际 and 布局 name no body), a
专栏 the text holds only as an image's caption line, and a district of the plan's city that its text never names
(the tagger cuts 岚南区 into 岚 + 南区), while 国道和县道 is no mention of 和县. Small hand-written plans with the
fake embedder."""

from __future__ import annotations

import pytest
from conftest import plans_assistant

from assistant.answer.answerability import names_duty
from assistant.answer.reasons import FOREIGN_PLACE, LOCAL_PLACE, missing_reason

PLAN = """岚江市“十五五”现代物流发展规划（2026—2030年）
第一章 发展基础
规划范围为岚江市全域，包括岚城区、滨湖区、东泽区、云溪县和石桥县。2025年全市物流业增加值612亿元。
第二章 主要任务
第一节 建设物流枢纽
加快港口型国家物流枢纽建设，推进东泽港区四期集装箱码头建设。
专栏1 国家物流枢纽建设工程
1. 港口型国家物流枢纽提升工程：建设东泽港区四期集装箱泊位4个。
2. 石桥陆港二期工程：新建铁路装卸线6条。
第二节 完善冷链物流设施
以云溪农产品冷链物流园为主体，积极申报国家骨干冷链物流基地。到2030年，全市冷库总库容达到150万吨。
![图片](https://example.com/640.jpeg)
*专栏2 冷链物流骨干网络建设工程（图片）*
第三节 优化物流空间布局
优化物流枢纽空间布局，统筹部署城市配送网络。建立物流发展部际协调机制，加强形势研判，协调解决重大问题。
第三章 重点项目
1. 东泽港区四期集装箱码头工程：总投资42亿元，建设年限2026—2029年。
2. 岚城商贸物流园提升工程：总投资19亿元，建设年限2026—2028年。
3. 滨湖空港物流园工程：总投资12亿元，建设年限2026—2027年。
第四章 主要指标
到2030年，全市物流业增加值突破900亿元。
第五章 保障措施
物流园区协调联席会议由市商务局牵头，市交通运输局配合。
表1 各区县物流园区布局
| 区县 | 功能定位 | 物流园区 |
| 岚城区 | 城市配送与供应链总部 | 岚城商贸物流园 |
| 东泽区 | 港口物流 | 东泽港物流园 |
"""

ENERGY = """吕梁市综合能源站布局规划（2025—2030年）
第一章 布局方案
离石区综合能源站布局6个，其中，国道上2个，高速上1个，县道上3个。
柳林县综合能源站布局4个，其中，国道上3个（G307），县道上1个（X521上1个）。
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("unstated_asks"),
                           {"lanjiang_wuliu.md": PLAN, "lvliang_nengyuanzhan.txt": ENERGY})


@pytest.mark.parametrize("question", ["岚江那个部际协调机制是哪个部委牵头？",
                                      "岚江物流规划里部际协调机制由哪个部委负责",
                                      "岚江物流发展部际协调机制是哪个机构牵头的"])
def test_a_body_set_up_with_no_lead_named_is_refused_who_leads_it(helper, question):
    ans = helper.ask(question, [])
    assert ans.refused, ans.answer
    assert ans.reason == missing_reason("duty")
    assert any("部际协调机制" in c.text for c in ans.related)


@pytest.mark.parametrize("question", ["岚城商贸物流园提升工程是哪个单位负责的",
                                      "岚城商贸物流园提升工程哪家单位负责？",
                                      "岚城商贸物流园提升工程归哪个部门管"])
def test_a_project_whose_row_names_only_a_headquarters_is_refused_who_is_responsible(helper, question):
    ans = helper.ask(question, [])
    assert ans.refused, ans.answer
    assert "19亿元" not in ans.answer


@pytest.mark.parametrize("question", ["岚江物流园区协调联席会议是哪个部门牵头？", "物流园区协调联席会议谁牵头"])
def test_a_line_naming_the_unit_still_answers_who_leads(helper, question):
    ans = helper.ask(question, [])
    assert not ans.refused, ans.answer
    assert "市商务局" in ans.answer or "市交通运输局" in ans.answer


@pytest.mark.parametrize(("text", "said"), [
    ("岚城区 | 城市配送与供应链总部 | 岚城商贸物流园", False),
    ("建立物流发展部际协调机制，加强形势研判，协调解决重大问题。", False),
    ("优化物流枢纽空间布局，统筹部署城市配送网络。", False),
    ("支持东部地区率先发展，承办物流博览会。", False),
    ("商务部会同有关方面推进。", True),
    ("物流园区协调联席会议由市商务局牵头", True)])
def test_names_duty_reads_no_body_in_lookalike_words(text, said):
    assert names_duty(text) is said


@pytest.mark.parametrize("question", ["冷链骨干网络那个专栏2 具体有哪些工程", "岚江物流规划专栏2里都有啥项目",
                                      "专栏2冷链物流骨干网络建设工程包括哪些内容"])
def test_a_box_left_as_an_image_caption_is_said_to_hold_nothing(helper, question):
    ans = helper.ask(question, [])
    assert ans.refused, ans.answer
    assert ans.reason == missing_reason("label")
    assert "专栏2" in ans.answer
    assert "东泽港区四期集装箱码头工程" not in ans.answer  # not another chapter's list


@pytest.mark.parametrize("question", ["专栏1有哪些工程", "岚江物流规划专栏1里都有啥项目"])
def test_a_box_with_its_items_still_lists_them(helper, question):
    ans = helper.ask(question, [])
    assert not ans.refused, ans.answer
    assert "石桥陆港二期工程" in ans.answer


@pytest.mark.parametrize("question", ["岚南区的物流增加值目标是多少", "岚江澄东区物流业增加值到2030年多少",
                                      "霁北区的冷库总库容要达到多少"])
def test_a_district_the_plan_never_names_gets_no_city_wide_figure(helper, question):
    ans = helper.ask(question, [])
    assert ans.refused, ans.answer
    assert ans.reason in (FOREIGN_PLACE, LOCAL_PLACE)
    assert "900" not in ans.answer and "150" not in ans.answer


@pytest.mark.parametrize("question", ["柳林县的综合能源站是不是全在国道和县道上，高速上一个没有？",
                                      "柳林县综合能源站国道和县道上各几个",
                                      "柳林县的综合能源站有几个，在国道和县道上吗"])
def test_a_road_kind_joined_by_and_is_no_county(helper, question):
    ans = helper.ask(question, [])
    assert not ans.refused, ans.answer
    assert "柳林县综合能源站布局4个" in ans.answer
