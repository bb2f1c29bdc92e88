"""Where-is-it questions worded other ways: the asking words (规定在哪里, 哪里有规定, 哪一篇), a polite long message
around them (您好，我是新来的，…？谢谢), a second ask pointing back at the first (…，这个在哪一节写的), a topic whose rare
word one section holds among many naming its common word, and a passage stating the whole topic rather than the
chapter above passages naming part of it. Plans in 章/节, 篇/章/节 and 一、/（一） layouts, the fake embedder."""

from __future__ import annotations

import math

import pytest
from conftest import plans_assistant

from assistant.answer.terms import without_locative
from assistant.answer.understand import classify, normalise_question

# ---------------------------------------------------------------- reading the ask


@pytest.mark.parametrize("text", [
    "规划中期评估、总结评估的规定在哪里",
    "托育服务的内容在哪儿",
    "中期评估这件事，规划哪里有规定？",
    "演练频次规划哪儿作了规定",
    "托育服务在纲要哪一篇哪一章",
    "加油站间距写在哪个小节"])
def test_where_the_plan_says_it_is_asked(text):
    assert classify(text, 1)[0] == "location"


@pytest.mark.parametrize("text", [
    "样例市加油站建在哪里",  # a place on the map, not in the plan
    "哪篇规划提到了托育",  # which plan, not where in it
    "中期评估由谁负责"])
def test_other_asks_are_not_where_is_it(text):
    assert classify(text, 1)[0] != "location"


@pytest.mark.parametrize(("text", "plain"), [
    ("您好，我是新来的，想问下规划里讲托育服务的内容放在哪一章哪一节？谢谢", "规划里讲托育服务的内容放在哪一章哪一节？"),
    ("你好！托育服务在哪一节？多谢！", "托育服务在哪一节？"),
    ("我刚入职不久，托育服务在哪一节", "托育服务在哪一节"),
    ("谢谢", "谢谢")])  # courtesy alone is kept
def test_courtesy_around_a_question_is_no_part_of_it(text, plain):
    assert normalise_question(text) == plain


def test_a_telling_verb_glued_to_the_topic_is_left_out():
    unseen = math.log(101 / 0.5)
    idf = {"讲托育": unseen, "托育": 2.0, "说明书": 1.0}.get
    assert without_locative("讲托育", lambda w: idf(w, unseen), unseen) == "托育"
    assert without_locative("说明书", lambda w: idf(w, unseen), unseen) == "说明书"  # a word of the plans stays


# ---------------------------------------------------------------- finding the place

GANGYAO = """样例县国民经济和社会发展第十五个五年规划纲要

第一篇 发展基础

第一章 发展环境

第一节 发展基础

全县公共服务水平持续提升，政务服务事项全部实现网上办理。

第二篇 增进民生福祉

第二章 健全公共服务体系

第一节 提升养老服务

建设县级综合养老服务中心，完善社区居家养老服务网络，推动医养结合服务发展。

第二节 促进人口高质量发展

完善生育支持政策体系，发展普惠托育服务，每个镇至少建成1所综合托育服务机构。

第三节 完善就业服务

健全就业公共服务体系，实现镇（街道）就业服务站全覆盖。

第三篇 规划实施保障

第三章 健全规划实施机制

第一节 强化规划衔接

建立以本纲要为统领的县级规划体系，加强规划服务保障。

第二节 加强监测评估和考核

健全规划实施监测评估制度，在规划实施中期开展中期评估，在规划期末开展总结评估。
"""

STATIONS = """样例市成品油零售加油站发展规划

第一章 发展现状

一、现状概况

全市现有加油站120座，加油站布局总体合理。

第二章 加油站布局规划

一、布局原则

加油站站址选择应符合国土空间规划要求，统筹新建加油站与现有加油站布局。

二、间距要求

城区加油站之间最近车行距离不得低于1.8公里，高速公路加油站之间距离不低于50公里。

三、布局方案

全市新规划加油站30座，到规划期末加油站总数控制在150座以内。
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("where_asked"),
                           {"gangyao.txt": GANGYAO, "stations.txt": STATIONS})


def _place(ans) -> str:
    """The place an answer names, before any 另见 and quoted text."""
    return ans.answer.split("另见")[0].split("原文")[0]


@pytest.mark.parametrize("question", [
    "您好，我是新来的，想问下样例县纲要里讲托育服务的内容放在哪一章哪一节？谢谢",
    "你好，样例县纲要托育服务在哪一篇哪一章？",
    "样例县纲要里托育服务写在哪部分"])
def test_a_rare_word_finds_its_section_among_sections_naming_a_common_one(assistant, question):
    ans = assistant.ask(question)
    assert not ans.refused, ans.answer
    assert "促进人口高质量发展" in _place(ans), ans.answer


@pytest.mark.parametrize("question", [
    "样例县纲要中期评估、总结评估的规定在哪里",
    "样例县纲要里中期评估、总结评估哪里有规定？",
    "中期评估和总结评估，样例县纲要在哪一节作了规定"])
def test_where_a_rule_is_laid_down(assistant, question):
    ans = assistant.ask(question)
    assert not ans.refused, ans.answer
    assert "加强监测评估和考核" in _place(ans), ans.answer


@pytest.mark.parametrize("question", [
    "加油站之间要隔多远，这个在样例市加油站规划哪一节写的？",
    "样例市加油站规划里加油站之间的距离规定在哪里",
    "加油站之间隔多远，样例市加油站规划哪部分讲的"])
def test_the_passage_stating_the_whole_topic_is_where_it_is(assistant, question):
    ans = assistant.ask(question)
    assert "间距要求" in ans.answer, ans.answer
    assert "布局方案等" not in ans.answer, ans.answer  # not the chapter above passages naming only 加油站


RENEWAL = """样例市城市更新专项规划

一、发展基础

（一）主要成效

全市完成老旧小区改造120个，城市体检工作全面开展。

（二）城市体检主要结论

全市开展城市体检，识别各类问题清单860项。主要结论如下：

1.住房层面

房龄超过30年的住宅约占17%，部分住宅存在安全隐患。

2.街区层面

部分老街区公共活动空间不足，消防通道不畅。

二、主要任务

（一）健全城市更新机制

1.建立城市体检与城市更新联动机制

以城市体检发现的问题为导向确定更新项目，实现体检、更新、评估闭环管理。

名词解释

1.城市体检

指综合评价城市发展建设状况、查找城市问题的一项基础性工作。
"""


@pytest.fixture(scope="module")
def renewal(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("where_listed"), {"renewal.txt": RENEWAL})


@pytest.mark.parametrize("question", [
    "城市体检发现了哪些问题，样例市城市更新规划哪一节讲的？",
    "样例市城市更新规划里，城市体检发现了哪些问题，放在哪部分",
    "样例市城市更新规划里城市体检查出的问题有哪些，在哪一节写的"])
def test_things_asked_before_the_place_are_placed_where_they_are_listed(renewal, question):
    ans = renewal.ask(question)
    assert "城市体检主要结论" in _place(ans), ans.answer


def test_things_asked_after_the_place_are_still_listed():
    from assistant.answer.compose import _list_before_place

    assert _list_before_place("城市体检发现了哪些问题，规划哪一节讲的")
    assert not _list_before_place("规划哪部分讲存在的问题？主要有哪些")  # the place first, then its items
    assert not _list_before_place("这些项目放在哪些地区")  # one ask: the places themselves


ACTION = """样例省工业互联网创新发展行动计划

第一部分 总体要求

到2025年，全省工业互联网建设量质并进，培育一批工业互联网平台。

第二部分 重点任务

一、强化平台建设

培育跨行业跨领域工业互联网平台，推动企业上云。

二、完善人才体系建设

开展工业互联网招才引智工作，每年组织面向1万名专业技术人才的素质提升培训。

第三部分 保障措施

一、加强组织领导

建立省级工作协调机制，统筹推进工业互联网发展。
"""


@pytest.fixture(scope="module")
def action(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("where_words"), {"action.txt": ACTION})


@pytest.mark.parametrize("question", [
    "样例省行动计划里讲人才队伍建设的是哪部分？",
    "人才队伍建设在样例省行动计划第几部分",
    "样例省行动计划的人才队伍建设写在哪个部分"])
def test_a_topic_in_the_askers_words_finds_the_heading_in_the_plans(action, question):
    ans = action.ask(question)
    assert "完善人才体系建设" in _place(ans), ans.answer
