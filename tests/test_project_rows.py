"""A project table's row asked by one of its fields in the asker's words (tests/data/projects/road_plan.txt,
fake embedder): the row named by part of its name, the field by its header or by the kind asked, the 合计 row for
a sum, the rows whose field holds a body the question quotes."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data" / "projects"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    from assistant.config import load_settings
    from assistant.index.embed import HashingEmbedder
    from assistant.pipeline import Assistant

    tmp = tmp_path_factory.mktemp("projects")
    corpus = tmp / "corpus"
    corpus.mkdir()
    (corpus / "road_plan.txt").write_text((DATA / "road_plan.txt").read_text(encoding="utf-8"), encoding="utf-8")
    settings = load_settings(env={}, corpus=corpus, index=tmp / "index", uploads=tmp / "uploads", model="hashing")
    return Assistant.open(settings, embedder=HashingEmbedder())


def test_a_row_named_in_other_words_answers_its_money_field_not_the_total(assistant):
    ans = assistant.ask("青原地铁2号线一期总投资多少亿")
    assert "201.5" in ans.answer and "577.5" not in ans.answer and "176.3" not in ans.answer


def test_when_and_who_are_the_row_s_schedule_and_duty_fields(assistant):
    when = assistant.ask("项目表里北山到南湖那条高速哪年开工哪年完工")
    assert "2026—2030年" in when.answer and "96.4" not in when.answer
    who = assistant.ask("青江航道整治工程的责任单位是哪家？")
    assert "市港航发展中心" in who.answer


def test_a_sum_of_the_table_is_its_total_row(assistant):
    ans = assistant.ask("青原十五五交通重大项目总投资加起来多少")
    assert "577.5" in ans.answer


def test_rows_holding_a_quoted_body_are_listed(assistant):
    ans = assistant.ask("市轨道交通集团负责哪几个项目")
    assert "2号线一期" in ans.answer and "5号线一期" in ans.answer and "北山至南湖" not in ans.answer


def test_a_row_sharing_only_a_place_and_a_word_is_not_named(assistant):
    ans = assistant.ask("西岭镇集镇污水处理站日处理能力多大？")
    assert "新建污水管网50公里" not in ans.answer


FARM_PLAN = """# 青禾市农业农村现代化规划

一、重点任务
加快农产品仓储保鲜冷链物流设施建设，建设青禾农产品冷链物流集散中心，新增冷库库容18万吨。
实施农村供水保障工程，提升农村供水保障水平。

附表 青禾市重点项目表

| 序号 | 项目名称 | 建设内容 | 总投资（亿元） | 建设年限 |
| --- | --- | --- | --- | --- |
| 1 | 青禾农产品冷链物流集散中心 | 新增冷库库容18万吨，建设冷链分拨中心 | 12.4 | 2026—2028年 |
| 2 | 农村供水一体化提升工程 | 新建和改造农村供水工程320处 | 22.5 | 2026—2030年 |
"""


@pytest.fixture(scope="module")
def farm(tmp_path_factory):
    from conftest import plan_assistant

    return plan_assistant(tmp_path_factory.mktemp("farm"), FARM_PLAN)


@pytest.mark.parametrize("question", ["附表里冷链物流集散中心的牵头责任单位是哪个部门",
                                      "项目表中冷链物流集散中心由哪个部门牵头？",
                                      "附表里农村供水一体化提升工程的牵头单位是谁"])
def test_a_field_no_project_table_has_is_refused_not_answered_with_the_row(farm, question):
    ans = farm.ask(question)
    assert ans.refused and ans.reason == "absent_column", (question, ans.answer)


def test_a_field_the_table_has_is_still_answered(farm):
    ans = farm.ask("附表里冷链物流集散中心总投资多少")
    assert not ans.refused and "12.4" in ans.answer


RENEWAL_PLAN = """青禾市城市更新专项规划（2026—2030年）

一、重点任务

（一）基础设施更新
推进城市生命线安全工程建设，布设监测感知设备，建设城市安全运行监测中心。推进排水管网雨污分流改造。

二、保障措施
加强组织领导，市各有关部门按照职责分工各负其责。

附表 青禾市城市更新重点项目清单

| 序号 | 项目名称 | 所在区 | 建设内容 | 总投资（亿元） | 实施年限 | 责任单位 |
| --- | --- | --- | --- | --- | --- | --- |
| 1 | 燃气老旧管网更新改造工程 | 全市 | 改造燃气老旧管网650公里 | 14.2 | 2026—2027年 | 市住房和城乡建设局 |
| 2 | 排水管网雨污分流改造工程 | 中心城区 | 新建改造排水管网900公里 | 22.6 | 2026—2030年 | 市水务局 |
| 3 | 供水老旧管网改造工程 | 全市 | 改造供水老旧管网210公里 | 7.5 | 2026—2029年 | 青禾水务集团有限公司 |
| 4 | 城市生命线安全工程（二期） | 全市 | 布设监测感知设备约4.6万套 | 6.8 | 2026—2028年 | 市城市管理局 |
| 5 | 城市公共停车设施建设工程 | 中心城区 | 新增公共停车泊位5.5万个 | 11.8 | 2026—2030年 | 市交通运输局 |
"""


@pytest.fixture(scope="module")
def renewal(tmp_path_factory):
    from conftest import plan_assistant

    return plan_assistant(tmp_path_factory.mktemp("renewal"), RENEWAL_PLAN)


@pytest.mark.parametrize("followup, wanted", [
    ("实施年限呢？归哪个部门", ["2026—2028年", "市城市管理局"]),
    ("那实施年限呢", ["2026—2028年"]),
    ("实施年限是哪几年", ["2026—2028年"]),
])
def test_a_followup_naming_a_field_by_its_header_asks_it_of_the_row_just_asked(renewal, followup, wanted):
    """Not the field's cell of every row quoted as a bare "实施年限：…；" line."""
    earlier = renewal.ask("生命线安全工程二期总投资多少？")
    assert "6.8" in earlier.answer
    ans = renewal.ask(followup, [{"question": "生命线安全工程二期总投资多少？", "answer": earlier.answer}])
    assert all(w in ans.answer for w in wanted)
    assert "2026—2029年" not in ans.answer and "2026—2030年" not in ans.answer
