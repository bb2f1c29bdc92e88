"""Lists, positioning and where-is-it questions over small hand-written plans (fake embedder), each asked two or
three ways:

- what a plan means its area to become, asked as 定位 (建成个什么定位): the clause a become verb opens that counts
  nothing (基本建成全省重要的…基地), not one counting what it builds (建成加氢站30座);
- a part named inside the section named (分区布局里样例新区), the plan's own area in its title: that part's text;
- a count asked with a request to list (一共几条，都列一下): the section's items, not a figure;
- the parts of a plan asked of the plan alone (《若干政策》一共支持哪几个方面): its top-level headings;
- items named one to a clause (实施甲项目，建设乙项目): that sentence, not a 、-list of kinds;
- a list whose project is named in the sentence beside it (…等地区布局枢纽节点。加快实施“氢走廊”工程);
- which numbered item something is in (在哪一条 / 第几条): the item's heading path.
"""

from __future__ import annotations

import pytest
from conftest import plans_assistant

from assistant.answer.enumerations import ListAsk, enumeration_score

ACTION = """样例市推进氢能产业发展三年行动方案（2026—2028年）

一、总体要求

（一）主要目标

到2026年，氢能产业规模达到80亿元，建成加氢站10座。到2028年，氢能产业规模突破200亿元，建成加氢站30座、输氢管道120公里，基本建成全省重要的氢能装备制造基地和示范应用高地。

（二）规划原则

1.统筹布局原则
按照全市统一规划、分步实施的要求布局加氢设施。

2.安全优先原则
把安全作为氢能发展的前提，健全全链条安全监管。

3.市场主导原则
发挥企业主体作用，政府做好引导服务。

二、重点任务

（一）完善氢能基础设施

1.加快加氢站建设
在高速公路服务区和物流园区布局加氢站，到2028年建成加氢站30座。

2.建设氢能枢纽网络
在东湖区、西岭区、北港区、南川县等地区布局氢能网络枢纽节点，建设储运集群。加快实施“氢走廊”工程，推进城际氢能干线建设，提升跨区域调配能力。

（二）拓展氢能应用场景

1.推广氢燃料电池公交
在中心城区更新氢燃料电池公交车500辆，配套建设公交加氢站。

2.发展氢能重卡物流
在港口和物流园区推广氢能重卡，到2028年投运氢能重卡1000辆，开通氢能货运专线10条。

3.开展氢能热电联供
在工业园区建设氢能热电联供示范项目5个。

（三）推动能源领域降碳

开展燃煤电厂、燃气电厂或垃圾焚烧厂掺氢燃烧技术示范。实施甲山电厂掺氢降碳改造项目，扩建乙河电厂两台清洁高效机组项目。

三、分区布局

根据各区产业基础，实施差异化布局。

（一）中心城区

重点发展氢能交通应用，建设氢能公交示范线。

（二）样例新区

坚持高起点规划、高标准建设，按照零碳园区要求，推广氢能建筑供能，打造全省氢能综合利用示范样板。

四、保障措施

加强组织领导，市发展改革委牵头建立工作机制。
"""

POLICY = """样例省支持氢能发展若干政策

一、支持氢能装备研发
对首台套氢能装备给予奖励。

二、支持加氢设施建设
对新建加氢站给予建设补贴。

三、支持氢能示范应用
对氢能示范项目给予运营补贴。

四、支持氢能人才引育
对引进的氢能领军人才给予安家补助。
"""

OTHER = """样例省氢能产业发展行动计划（2026—2028年）

一、总体要求
到2028年，全省氢能产业规模达到800亿元。

二、重点任务
（一）提升装备制造水平
推动氢能装备制造集聚发展。
"""


@pytest.fixture(scope="module")
def planner(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("lgw"), {"hydrogen_action.txt": ACTION})


@pytest.fixture(scope="module")
def policies(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("lgw_policy"),
                           {"hydrogen_policy.txt": POLICY, "hydrogen_province.txt": OTHER})


@pytest.mark.parametrize("question", [
    "这个行动方案三年后要把样例市建成个什么定位？",
    "样例市发展氢能，到2028年的定位是什么",
    "这个方案想把样例市打造成什么样的定位",
])
def test_positioning_is_the_become_clause_that_counts_nothing(planner, question):
    ans = planner.ask(question)
    assert not ans.refused, ans.answer
    assert "氢能装备制造基地和示范应用高地" in ans.answer
    assert "加氢站30座" not in ans.answer


@pytest.mark.parametrize("question", [
    "分区布局里样例新区是怎么定位的",
    "分区布局那节对样例新区有什么要求",
    "样例新区在分区布局中怎么安排的",
])
def test_a_part_named_inside_the_section_named_answers_with_its_text(planner, question):
    ans = planner.ask(question)
    assert not ans.refused, ans.answer
    assert "全省氢能综合利用示范样板" in ans.answer
    assert "中心城区" not in ans.answer  # not the section's list of parts


@pytest.mark.parametrize("question", [
    "样例市氢能方案的规划原则一共几条，都列一下",
    "这个方案开头讲的规划原则有几条？列一下",
])
def test_a_count_with_a_request_to_list_lists_the_items(planner, question):
    ans = planner.ask(question)
    assert not ans.refused, ans.answer
    for item in ("统筹布局原则", "安全优先原则", "市场主导原则"):
        assert item in ans.answer


@pytest.mark.parametrize("question", [
    "《样例省支持氢能发展若干政策》一共支持哪几个方面？",
    "样例省支持氢能发展若干政策分几个部分",
])
def test_the_parts_of_a_plan_asked_of_the_plan_alone_are_its_top_level_headings(policies, question):
    ans = policies.ask(question)
    assert not ans.refused, ans.answer
    for head in ("支持氢能装备研发", "支持加氢设施建设", "支持氢能示范应用", "支持氢能人才引育"):
        assert head in ans.answer
    assert "提升装备制造水平" not in ans.answer


def test_a_topic_beyond_the_plan_names_is_not_asked_of_its_parts(policies):
    ans = policies.ask("样例省氢能产业发展行动计划的重点任务分几个部分")
    assert "支持氢能装备研发" not in ans.answer


@pytest.mark.parametrize("question", [
    "样例市方案里，和降碳有关的具体电厂项目有哪几个",
    "样例市氢能方案提到哪些电厂项目",
])
def test_items_named_one_to_a_clause_answer_a_list(planner, question):
    ans = planner.ask(question)
    assert not ans.refused, ans.answer
    assert "甲山电厂" in ans.answer and "乙河电厂" in ans.answer


def test_clauses_each_ending_in_the_head_score_as_a_list():
    ask = ListAsk("项目", None, "电厂")
    named = "实施甲山电厂掺氢降碳改造项目，扩建乙河电厂两台清洁高效机组项目。"
    kinds = "开展燃煤电厂、燃气电厂或垃圾焚烧厂掺氢燃烧技术示范。"
    assert enumeration_score(named, ask) > enumeration_score(kinds, ask)
    assert enumeration_score("实施甲山电厂掺氢降碳改造项目。", ask) == 0.0  # one clause is no list


@pytest.mark.parametrize("question", [
    "氢走廊工程的枢纽节点放在哪些地区",
    "氢走廊工程的枢纽节点布局在哪几个地区",
])
def test_a_list_whose_programme_is_named_beside_it_answers(planner, question):
    ans = planner.ask(question)
    assert not ans.refused, ans.answer
    assert ans.answer.startswith("在东湖区、西岭区、北港区、南川县"), ans.answer  # the places, not where it is written


@pytest.mark.parametrize("question, item", [
    ("氢能重卡物流那块在哪一条", "2.发展氢能重卡物流"),
    ("氢能热电联供是重点任务的第几条", "3.开展氢能热电联供"),
    ("燃料电池公交哪一条里讲的", "1.推广氢燃料电池公交"),
])
def test_which_numbered_item_gives_its_heading_path(planner, question, item):
    ans = planner.ask(question)
    assert not ans.refused, ans.answer
    first = ans.answer.split("\n")[0]
    assert "拓展氢能应用场景" in first and item in first, ans.answer


WITH_TITLE = """甲区开放发展规划

一、总体要求

（一）发展定位

打造区域开放枢纽。
"""

WITHOUT_TITLE = """乙区开放发展规划

一、总体要求

乙区立足区位优势，到2028年，努力建设成为全省对外开放的窗口和名片。
"""


@pytest.fixture(scope="module")
def two_areas(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("lgw_role"),
                           {"jia_open.txt": WITH_TITLE, "yi_open.txt": WITHOUT_TITLE})


@pytest.mark.parametrize("question", [
    "乙区的发展定位怎么表述的",
    "乙区开放发展规划的定位是什么",
])
def test_another_plans_section_title_does_not_stop_the_role_clause(two_areas, question):
    ans = two_areas.ask(question)
    assert not ans.refused, ans.answer
    assert "全省对外开放的窗口和名片" in ans.answer
