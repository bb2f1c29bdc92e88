"""What a follow-up inherits over a chain of turns: the place of an earlier turn when only a part of an area is
asked (国道, 高速), the thing counted when the follow-up asks of each of them (每个), and the sibling thing a part
with a measure of its own is asked of: on a small hand-written plan with the fake embedder."""

from __future__ import annotations

import pytest
from conftest import plans_assistant

from assistant.answer.understand import resolve

SITES_PLAN = """吕梁市综合能源站布局规划（2026—2030年）

第一章 规划方案

一、各县布局情况

1.临县综合能源站布局18个，其中，高速上8个，国道上2个（G101），省道上8个。

2.石楼县综合能源站布局6个，其中，国道上2个（G202），省道上1个（S303），城区3个。

3.中阳县综合能源站布局7个，其中，国道上3个（G209），省道上4个（S340）。

二、县域医疗次中心

选择人口较多的甲镇、乙镇中心卫生院建设县域医疗次中心，每个次中心新增床位60张。到2030年，全市县域医疗服务能力显著增强，每千人口医疗卫生机构床位数达到7.00张。

表1 重点项目表

| 序号 | 项目名称 | 建设内容及规模 | 总投资（万元） | 建设年限 |
| --- | --- | --- | --- | --- |
| 1 | 县域医疗次中心建设项目 | 甲镇、乙镇中心卫生院扩建，新增床位120张 | 8000 | 2026—2030年 |

三、投资估算

换电站投资约为6.00亿元，充电桩投资约为4.83亿元，约占总投资的40%。
"""


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("chains"), {"sites.txt": SITES_PLAN})


FIRST = {"question": "吕梁综合能源站规划临县布局多少个", "answer": "临县综合能源站布局18个。"}


def test_a_part_of_the_area_asked_after_a_place_is_that_places_part(sites):
    new = sites.resolve("高速上几个", [FIRST])
    assert "临县" in new and "高速" in new


def test_the_place_of_the_first_turn_survives_a_second_turn_asking_only_of_a_part(sites):
    history = [FIRST, {"question": "高速上几个", "answer": "高速上8个。"}]
    assert "临县" in sites.resolve("国道上那俩在哪条国道上", history)
    answer = sites.ask("国道上那俩在哪条国道上", history)
    assert "G101" in answer.answer and "G202" not in answer.answer


def test_a_place_asked_after_a_part_is_that_part_of_the_place(sites):
    history = [{"question": "吕梁综合能源站规划临县国道上布局多少个", "answer": "2个。"}]
    new = sites.resolve("那石楼县呢", history)
    assert "石楼县国道上" in new and "临县" not in new
    history = [{"question": "吕梁综合能源站规划城区布局多少个", "answer": "3个。"}]
    assert "石楼县城区" in sites.resolve("那石楼县呢", history)


def test_a_part_replaces_a_part_and_a_place_a_place_not_each_other():
    aliases = [("样例市", "x")]
    assert resolve("省道上呢？", "样例市丙县国道上有几个？", aliases) == "样例市丙县省道上有几个？"
    # without plans no place is known: the one part is swapped as before
    assert resolve("那农村呢？", "样例县2024年全县充电桩覆盖率是多少？", [("样例县", "x")]) == (
        "样例县2024年农村充电桩覆盖率是多少？")


def test_each_of_the_things_just_counted_is_what_each_asks_of(sites):
    history = [{"question": "吕梁要建几个县域医疗次中心", "answer": "2个。"}]
    new = sites.resolve("每个加多少床位？", history)
    assert "县域医疗次中心" in new and "床位" in new
    answer = sites.ask("每个加多少床位？", history).answer
    # the project's total and the plan-wide goal are no figure of each one: the sentence saying 每个 leads
    lead = answer.split("\n")[0]
    assert "60" in lead and "120" not in lead and "7.00" not in lead


def test_each_without_a_count_before_is_not_the_thing_counted():
    new = resolve("每个有哪些内容？", "样例市的重点项目有哪些？", [("样例市", "x")])
    assert not new.startswith("样例市的重点项目，")


def test_a_part_with_a_measure_of_its_own_is_asked_of_the_sibling(sites):
    history = [{"question": "吕梁综合能源站规划里换电站投资估算是多少亿？", "answer": "6.00亿元。"}]
    new = sites.resolve("充电桩那项呢，占总投资多少", history)
    assert "充电桩投资估算" in new and "充电桩占总投资多少" in new


PROJECTS_PLAN = """样例县人居环境整治规划（2026—2030年）

第四章 重点项目

表2 样例县人居环境整治重点项目表

| 序号 | 项目名称 | 建设内容 | 投资（万元） | 实施年限 |
| --- | --- | --- | --- | --- |
| 1 | 农村户厕改造提升工程 | 新改建农村卫生户厕8600户 | 5160 | 2026—2028 |
| 2 | 生活污水处理设施提标改造工程 | 提标改造污水处理站12座 | 8200 | 2027—2030 |
| 3 | 农村黑臭水体综合整治工程 | 整治农村黑臭水体15条 | 3100 | 2026—2029 |
"""


@pytest.fixture(scope="module")
def projects(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("projects"), {"projects.txt": PROJECTS_PLAN})


def test_a_share_asked_with_no_whole_is_of_the_measure_asked_before(projects):
    history = [{"question": "样例县人居环境规划重点项目一共几个、总投资多少？", "answer": "3个，总投资16460万元。"}]
    new = projects.resolve("户厕改造那个项目占多少？几年干？", history)
    assert "占总投资多少" in new
    answer = projects.ask("户厕改造那个项目占多少？几年干？", history)
    assert "5160" in answer.answer and "2026—2028" in answer.answer
    assert projects.ask("户厕改造那个项目占多少？几年干？", history).question == "户厕改造那个项目占多少？几年干？"


def test_the_measure_asked_is_the_nouns_before_the_ask():
    from assistant.text.tokenize import Tokenizer

    tag = Tokenizer().tag
    from assistant.answer.understand import measure_asked, with_share_whole

    assert measure_asked("样例县重点项目一共几个、总投资多少？", tag) == "总投资"
    assert with_share_whole("甲项目占多少", "样例县的总投资多少？", tag) == "甲项目占总投资多少"
    assert with_share_whole("甲项目占总投资多少", "样例县重点项目总投资多少？", tag) == "甲项目占总投资多少"
    assert with_share_whole("甲项目投资多少", "样例县重点项目总投资多少？", tag) == "甲项目投资多少"
