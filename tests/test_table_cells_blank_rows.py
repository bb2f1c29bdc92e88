"""Answers from table cells, rows and columns (hand-written plans, fake embedder): a cell the table leaves empty
(—, 暂无, nothing) is no figure and is refused as such, its row shown; an empty duty cell lets the text's 责任单位
note answer; a list asked of a table by a column's value lists every row holding it; two rows compared on the
column the question names by what it measures; a comparison of plans writes each value with its unit."""

from __future__ import annotations

import pytest

PLAN = """# 青川市智慧交通三年行动方案（2026—2028年）

## 一、重点任务

### （一）完善智能基础设施

1.建设智能路侧设施。推进路侧感知单元建设，2026年在主城区建成路侧感知单元800套，实现主干道全覆盖。（责任单位：市交通运输局、市公安局，青川电信、青川移动配合）

2.建设智慧停车平台。整合全市公共停车资源，建成全市停车信息平台。（责任单位：市城市管理局）

## 附件

附件1 重点任务分工表

| 序号 | 重点任务 | 具体措施 | 牵头单位 | 配合单位 | 完成时限 |
| --- | --- | --- | --- | --- | --- |
| 1 | 智能路侧设施 | 主城区建成路侧感知单元800套 | 市交通运输局 |  | 2026年底前 |
| 2 | 智慧停车平台 | 建成全市停车信息平台 | 市城市管理局 | 市公安局 | 2027年底前 |
| 3 | 公交优先信号 | 主要公交走廊实现信号优先 | 市公安局 | 市交通运输局 | 2027年底前 |
| 4 | 车路协同示范区 | 建成车路协同测试道路50公里 | 青川高新区管委会 | 市经济信息委 | 2028年6月底前 |
| 5 | 交通大数据中心 | 完成数据中心一期建设 | 市数据局 | 市交通运输局 | 2027年底前 |

附件2 青川市智慧交通主要指标表

| 指标 | 单位 | 2025年基数 | 2026年 | 2027年 | 2028年 | 属性 |
| --- | --- | --- | --- | --- | --- | --- |
| 智能网联汽车测试里程 | 万公里 | — | [50] | [120] | [200] | 预期性 |
| 路侧感知单元数量 | 套 | 120 | 800 | 1200 | 1600 | 约束性 |

附件3 青川市智慧交通重点项目清单

| 序号 | 项目名称 | 建设地点 | 建设内容 | 总投资（亿元） | 起止年限 | 业主单位 |
| --- | --- | --- | --- | --- | --- | --- |
| 1 | 车路协同先导区 | 青川高新区 | 建设车路协同测试道路50公里 | 6.5 | 2026—2027 | 青川交通投资集团有限公司 |
| 2 | 智能网联汽车测试场 | 青川高新区 | 建设封闭测试场地及配套设施 | 4.2 | 2026—2028 | 青川高新区建设发展有限公司 |
| 3 | 城市停车诱导系统 | 主城区 | 建设停车诱导屏300块 | — | 2026—2027 | 市城市管理局 |
| 4 | 公交智能调度中心 | 江北区 | 建设公交智能调度平台 | 1.8 | 2027—2028 | 青川公交集团有限公司 |
| 5 | 智慧灯杆示范工程 | 青川高新区 | 建设多功能智慧灯杆2000根 | 暂无 | 2026—2027 | 青川城投集团有限公司 |
"""

AIR = """# 岷川省生态环境保护规划

## 一、主要目标

到2030年，全省生态环境质量持续改善。

表2 各设区市主要环境质量目标

| 设区市 | PM2.5浓度2025年（微克/立方米） | PM2.5浓度2030年目标（微克/立方米） | 空气质量优良天数比例2030年目标（%） |
| --- | --- | --- | --- |
| 锦屏市 | 28 | 24 | 93.5 |
| 南川市 | 22 | 19 | 97.2 |
| 云岭市 | 25 | 21 | 95.8 |
"""


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    from conftest import plan_assistant

    return plan_assistant(tmp_path_factory.mktemp("blank_cells"), PLAN, name="plan.md")


@pytest.fixture(scope="module")
def air(tmp_path_factory):
    from conftest import plan_assistant

    return plan_assistant(tmp_path_factory.mktemp("air_table"), AIR, name="air.md")


@pytest.mark.parametrize("question", ["城市停车诱导系统总投资多少亿？", "停车诱导系统要投多少钱",
                                      "智慧灯杆示范工程的总投资是多少"])
def test_a_blank_money_cell_is_refused_not_stated_as_a_figure(plan, question):
    ans = plan.ask(question)
    assert ans.refused and ans.reason == "blank_cell", ans.answer
    assert "—亿" not in ans.answer and "暂无亿" not in ans.answer and "为空" in ans.answer
    assert ans.related and any("停车诱导" in c.text or "智慧灯杆" in c.text for c in ans.related)


@pytest.mark.parametrize("question", ["智能网联汽车测试里程2025年基数是多少", "2025年智能网联汽车测试里程有多少万公里"])
def test_a_blank_base_year_of_an_indicator_is_refused(plan, question):
    ans = plan.ask(question)
    assert ans.refused, ans.answer
    assert "为空" in ans.answer


def test_a_filled_cell_of_the_same_table_still_answers(plan):
    ans = plan.ask("车路协同先导区总投资多少亿？")
    assert not ans.refused and "6.5" in ans.answer


@pytest.mark.parametrize("question", ["高新区那边列了哪些重点项目", "青川高新区有哪些项目",
                                      "建设地点在高新区的项目有哪几个"])
def test_rows_holding_a_column_value_are_all_listed(plan, question):
    ans = plan.ask(question)
    for name in ("车路协同先导区", "智能网联汽车测试场", "智慧灯杆示范工程"):
        assert name in ans.answer, ans.answer
    assert "公交智能调度中心" not in ans.answer and "城市停车诱导系统" not in ans.answer


@pytest.mark.parametrize("question", ["分工表里哪些任务的完成时限是2027年底前", "哪几项任务要在2027年底前完成",
                                      "完成时限为2027年底前的任务有哪些"])
def test_every_task_with_the_asked_deadline_is_listed(plan, question):
    ans = plan.ask(question)
    for name in ("智慧停车平台", "公交优先信号", "交通大数据中心"):
        assert name in ans.answer, ans.answer
    assert "车路协同示范区" not in ans.answer and "智能路侧设施" not in ans.answer


@pytest.mark.parametrize("question", ["智能路侧设施那个任务配合单位是谁？分工表里好像是空的",
                                      "路侧感知单元那项任务的配合单位有哪些，分工表上没写"])
def test_a_blank_duty_cell_lets_the_text_note_answer(plan, question):
    ans = plan.ask(question)
    assert not ans.refused and "青川电信" in ans.answer and "青川移动" in ans.answer, ans.answer


@pytest.mark.parametrize("question", ["南川跟云岭的优良天数2030目标比一下，哪个高",
                                      "锦屏市和南川市空气质量优良天数2030年目标各是多少"])
def test_two_rows_compared_on_the_column_named_by_its_measure(air, question):
    ans = air.ask(question)
    names = [n for n in ("锦屏", "南川", "云岭") if n in question]
    values = {"锦屏": "93.5", "南川": "97.2", "云岭": "95.8"}
    for n in names:
        assert values[n] in ans.answer, ans.answer
    assert "19" not in ans.answer.replace("2030", "") and "21" not in ans.answer.replace("2030", "")


QINGXI = """# 青溪区开放型经济发展规划

## 一、主要指标

表1 主要指标

| 指标 | 单位 | 2020年 | 2025年 |
| --- | --- | --- | --- |
| 服务贸易总额 | 亿美元 | 9.26 | 20 |
"""

BAISHI = """# 白石区开放型经济发展规划

## 一、主要指标

表1 主要指标

| 指标 | 单位 | 2020年 | 2025年 |
| --- | --- | --- | --- |
| 服务贸易额 | 亿美元 | 20 | 30 |
"""


@pytest.mark.parametrize("question", ["青溪区和白石区两个规划，服务贸易2025年目标各多少？",
                                      "青溪和白石的服务贸易额2025年目标比较一下"])
def test_a_comparison_table_writes_each_value_with_its_unit(tmp_path_factory, question):
    from conftest import plans_assistant

    two = plans_assistant(tmp_path_factory.mktemp("cmp_units"), {"qingxi.md": QINGXI, "baishi.md": BAISHI})
    ans = two.ask(question)
    assert "20亿美元" in ans.answer and "30亿美元" in ans.answer, ans.answer


CHARGE = """# 青原省充换电基础设施发展规划

## 三、发展目标

表3-1 分区域发展目标

| 地区 | 充电站(座) | 换电站(座) | 核心区公共设施服务半径 |
| --- | --- | --- | --- |
| 甲城市 | 27 | 75 | 1.0公里 |
| 乙城市 | 9 | 9 | 1.5公里 |
| 丙城市 | 5 | 7 | 2.0公里 |
| 总计 | 41 | 91 |  |
"""


@pytest.mark.parametrize("question", ["甲城市核心区以外的其他城市，区域目标合计要建多少？", "核心区服务半径总计是多少"])
def test_a_total_row_s_blank_cell_is_not_what_a_sum_asks(tmp_path_factory, question):
    from conftest import plan_assistant

    ans = plan_assistant(tmp_path_factory.mktemp("total_blank"), CHARGE, name="charge.md").ask(question)
    assert ans.reason != "blank_cell", ans.answer
