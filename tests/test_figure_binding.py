"""A number question is answered with the figure of the very thing asked, not a nearby general one: a figure
bound to the question's qualifier (钢材 in its sentence or heading) before a plan-wide summary that never names
it; of a list of values given respectively (A、B、C分别达到x、y、z) the one aligned with the item asked; a later
part of one message naming no subject of its own asked of the first part's subject; money asked answered by a
figure stated as money, not a count; a figure under a numbered item's lead (10﹒…改造传统产业。) bound to it.
Fast: a hand-written plan and the hashing embedder."""

from __future__ import annotations

import pytest
from conftest import plan_assistant

from assistant.answer.compose import bound_elsewhere
from assistant.answer.context import build_context
from assistant.answer.multipart import ask_subject, asking_word
from assistant.answer.respective import respective_value
from assistant.answer.terms import answer_shape

PLAN = """某省节能降碳行动方案（2024—2025年）

一、主要目标

2024年，单位地区生产总值能源消耗降低2.5%左右，重点领域和行业节能降碳改造形成节能量约800万吨标准煤、减排二氧化碳约2000万吨。2025年，非化石能源消费占比达到20%左右，重点领域和行业节能降碳改造形成节能量约800万吨标准煤、减排二氧化碳约2000万吨。

二、重点任务

（一）钢材行业节能降碳行动

1．加快钢材行业节能降碳改造。推广余热余压综合利用技术。2024—2025年，钢材行业节能降碳改造形成节能量约300万吨标准煤、减排二氧化碳约900万吨。

（二）用能设备节能降碳行动

1．加快用能设备更新。到2025年，在运工商业制冷设备、家用制冷设备、通用照明设备中的高效节能产品占比分别达到40%、60%、50%。

（三）改造传统产业

10﹒以数字化改造传统产业。深入推进新一轮大规模技术改造，推动企业设备更新。每年滚动实施300项亿元以上技术改造项目，引导推动500家规上企业实施技术改造。

（四）加氢站现状

目前全省已建成加氢站12座，在营加氢站8座，数量少，高速公路服务区均无加氢站。单一加氢站建设成本近1000万，成本高，建设进度缓慢。

三、管理机制

（一）加大节能监察力度。健全省、市、县三级节能监察体系。到2024年底，各地区完成60%以上重点用能单位节能监察；到2025年底，实现重点用能单位节能监察全覆盖。
"""


@pytest.fixture(scope="module")
def saving(tmp_path_factory):
    return plan_assistant(tmp_path_factory.mktemp("saving"), PLAN, "saving_plan.txt")


def test_a_figure_bound_to_the_qualifier_asked_beats_the_plan_wide_summary(saving):
    ans = saving.ask("钢材那块改造2024到2025年能形成多少节能量、减多少二氧化碳")
    assert "300万吨标准煤" in ans.answer and "900万吨" in ans.answer
    assert "800万吨" not in ans.answer
    ctx = build_context("钢材那块改造2024到2025年能形成多少节能量、减多少二氧化碳", [], saving.documents,
                        saving.retriever, saving.tokenizer)
    summary = "2025年，重点领域和行业节能降碳改造形成节能量约800万吨标准煤、减排二氧化碳约2000万吨。"
    bound = "2024—2025年，钢材行业节能降碳改造形成节能量约300万吨标准煤、减排二氧化碳约900万吨。"
    assert bound_elsewhere(ctx, "二氧化碳", summary)  # a sentence binds 钢材, the summary never names it
    assert not bound_elsewhere(ctx, "二氧化碳", bound)


def test_the_value_aligned_with_the_item_asked_of_a_respective_list():
    sentence = "到2025年，在运工商业制冷设备、家用制冷设备、通用照明设备中的高效节能产品占比分别达到40%、60%、50%。"
    got = respective_value(sentence, "家用空调冰箱这类制冷设备，高效节能产品比例25年要到多少？")
    assert got is not None and got.item == "家用制冷设备" and got.value == "60%"
    assert respective_value(sentence, "通用照明设备的高效节能产品占比多少").value == "50%"
    assert respective_value(sentence, "各类设备的高效节能产品占比分别多少") is None  # no one item named
    assert respective_value("高效节能产品占比达到60%。", "家用制冷设备占比多少") is None  # no list


def test_a_respective_value_heads_the_quoted_sentence(saving):
    ans = saving.ask("家用空调冰箱这类制冷设备，在运的高效节能产品比例25年要到多少？")
    assert "家用制冷设备：60%" in ans.answer


def test_a_later_part_naming_no_subject_keeps_the_first_parts():
    assert ask_subject("节能监察对重点用能单位啥时候做到全覆盖？") == "节能监察对重点用能单位"
    assert asking_word("百分之") and not asking_word("节能监察")


def test_a_subjectless_part_is_answered_of_the_first_parts_subject(saving):
    ans = saving.ask("节能监察对重点用能单位啥时候做到全覆盖？24年底先要完成百分之多少")
    assert "2025年底" in ans.answer and "60%" in ans.answer


def test_money_asked_is_answered_by_a_figure_stated_as_money(saving):
    shape = answer_shape("单独建一个加氢站大概得花多少钱")
    assert shape.search("建设成本近1000万") and shape.search("总投资12亿元") and not shape.search("已建成加氢站12座")
    ans = saving.ask("单独建一个加氢站大概得花多少钱")
    assert "1000万" in ans.answer and "12座" not in ans.answer


def test_a_figure_under_a_numbered_items_lead_is_bound_to_it(saving):
    ans = saving.ask("改造传统产业这项任务，每年技改的量是多少？")
    assert "300项" in ans.answer and "500家" in ans.answer
