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
