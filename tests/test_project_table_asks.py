"""A county 纲要's project table (附表, rows under full-width category rows such as 三、生态环保（3项）) asked as
staff ask it (fake embedder): a row named in full, shortened (梧溪高速 for 梧州至溪川高速公路溪川段) or casually,
several of its columns in one message (投资、年限、责任单位), in the asker's words for a column (多长, 钱, 工期, 归哪个
部门), a follow-up asking other columns of the row the earlier question named, and a category's rows with the count
its category row states."""

from __future__ import annotations

import pytest

PLAN = """# 溪川县国民经济和社会发展第十五个五年规划纲要

## 第一章 推动生态环境持续改善

深入打好污染防治攻坚战，推进溪川河流域综合治理，加快城乡生活垃圾焚烧发电设施建设。

专栏1 生态环保和绿色低碳重点工程

污染治理：溪川河流域水环境综合治理、镇级污水处理厂提标改造（8座）、城乡生活垃圾焚烧发电项目。

绿色低碳：溪川绿色低碳示范园、公共机构节能改造、桐坪退役电池综合利用项目。

## 第二章 推进交通强县建设

加快建设梧州至溪川高速公路溪川段，建成溪川通用机场。

## 第三章 健全规划实施机制

建立重大项目库，实行项目清单化管理。

附表 溪川县“十五五”时期重大项目表

| 序号 | 项目名称 | 建设内容及规模 | 总投资（亿元） | 建设年限 | 责任单位 |
| --- | --- | --- | --- | --- | --- |
| 一、产业发展（3项） |  |  |  |  |  |
| 1 | 溪川高性能铜基新材料产业园项目 | 新建年产10万吨铜合金带材生产线，用地约500亩 | 36.0 | 2026—2029 | 溪川高新区管委会 |
| 2 | 桐坪锂电隔膜项目 | 新建年产4亿平方米锂电隔膜生产线 | 21.5 | 2026—2028 | 桐坪镇人民政府 |
| 3 | 溪川现代物流园（公铁联运） | 建设铁路专用线2.6公里、仓储设施20万平方米 | 14.5 | 2027—2029 | 县交通运输局、县商务局 |
| 二、基础设施（3项） |  |  |  |  |  |
| 4 | 梧州至溪川高速公路溪川段 | 全长38.2公里，双向四车道，设计速度100公里/小时 | 64.0 | 2026—2029 | 县交通运输局 |
| 5 | 青峰水库工程 | 新建中型水库，总库容2650万立方米 | 12.5 | 2026—2030 | 县水利局 |
| 6 | 溪川通用机场 | 建设A1级通用机场，跑道长度1000米 | 3.2 | 2028—2030 | 县发展改革局 |
| 三、生态环保（3项） |  |  |  |  |  |
| 7 | 溪川河流域水环境综合治理 | 污水管网建设120公里、生态缓冲带建设18公里 | 6.5 | 2026—2027 | 县生态环境分局 |
| 8 | 城乡生活垃圾焚烧发电项目 | 日处理生活垃圾500吨 | 3.9 | 2026—2028 | 县城市管理局 |
| 9 | 北岭风电项目 | 装机容量15万千瓦，建设风机24台 | 10.0 | 2027—2028 | 县发展改革局 |
| 四、文化旅游（2项） |  |  |  |  |  |
| 10 | 云台山旅游度假区 | 建设索道、康养小镇及游客服务中心 | 18.0 | 2026—2030 | 县文化旅游局 |
| 11 | 茶坪茶旅融合示范区 | 建设茶旅步道、茶文化展示中心及民宿集群 | 3.6 | 2027—2030 | 茶坪镇人民政府 |

注：本表所列为部分重大项目，建设年限以最终批复为准。
"""


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    from conftest import plan_assistant

    return plan_assistant(tmp_path_factory.mktemp("county"), PLAN, name="xichuan.md")


def _says(ans, *values):
    return not ans.refused and all(v in ans.answer for v in values)


@pytest.mark.parametrize("question", ["梧溪高速溪川段多长，总投资多少",
                                      "梧州到溪川那条高速溪川段要花多少钱？建多长",
                                      "梧溪高速溪川段总投资和建设规模"])
def test_a_shortened_name_answers_the_row_s_scale_and_money(county, question):
    ans = county.ask(question)
    assert _says(ans, "38.2公里", "64.0"), (question, ans.answer)
    assert "12.5" not in ans.answer and "2650" not in ans.answer


@pytest.mark.parametrize("question", ["茶坪茶旅融合示范区 投资、年限、责任单位麻烦查一下",
                                      "茶旅示范区总投资多少，建设年限是哪几年，谁负责",
                                      "茶坪那个茶旅融合示范区要多少钱、工期多久、归哪个部门"])
def test_every_column_asked_of_one_row_is_that_row_s(county, question):
    ans = county.ask(question)
    assert _says(ans, "3.6", "2027—2030", "茶坪镇人民政府"), (question, ans.answer)
    assert "2026—2028" not in ans.answer and "2026—2029" not in ans.answer, (question, ans.answer)


@pytest.mark.parametrize("earlier, question", [("青峰水库工程总投资多少？", "实施年限呢？归哪个部门"),
                                               ("青峰水库总投资多少", "那建设年限呢，谁牵头"),
                                               ("青峰水库工程要花多少钱？", "啥时候建？哪个单位负责")])
def test_a_follow_up_asks_other_columns_of_the_row_named_before(county, earlier, question):
    first = county.ask(earlier)
    assert _says(first, "12.5"), first.answer
    ans = county.ask(question, history=[{"question": earlier, "answer": first.answer}])
    assert _says(ans, "2026—2030", "县水利局"), (question, ans.answer)
    assert "2026—2029" not in ans.answer and "2028—2030" not in ans.answer, (question, ans.answer)


@pytest.mark.parametrize("question", ["附表里生态环保类列了几个项目，分别是哪些",
                                      "重大项目表中生态环保方面有哪些项目",
                                      "项目表里生态环保那一类几个项目"])
def test_a_category_of_the_table_is_its_rows_with_the_count_it_states(county, question):
    ans = county.ask(question)
    assert _says(ans, "3项", "溪川河流域水环境综合治理", "城乡生活垃圾焚烧发电项目", "北岭风电项目"), (question, ans.answer)
    assert "溪川绿色低碳示范园" not in ans.answer and "青峰水库" not in ans.answer, (question, ans.answer)


def test_another_category_lists_its_own_rows(county):
    ans = county.ask("附表中文化旅游类有哪几个项目")
    assert _says(ans, "云台山旅游度假区", "茶坪茶旅融合示范区"), ans.answer
    assert "北岭风电项目" not in ans.answer


@pytest.mark.parametrize("question, value, not_value", [
    ("青峰水库要建多久", "2026—2030", "2650"),  # 多久: the years, not the scale
    ("青峰水库工程建设需要多长时间", "2026—2030", "2650"),  # 多长时间 is no length
    ("北岭风电项目谁来建", "县发展改革局", "2027—2028"),
    ("溪川通用机场要花多少亿元", "3.2", "1000米"),
])
def test_a_column_named_in_the_asker_s_words(county, question, value, not_value):
    ans = county.ask(question)
    assert _says(ans, value) and not_value not in ans.answer, (question, ans.answer)


@pytest.mark.parametrize("question", ["镇级污水处理厂提标改造谁负责，什么时候完成？",
                                      "公共机构节能改造归哪个部门，啥时候建"])
def test_a_new_thing_asked_after_a_row_is_not_read_from_that_row(county, question):
    earlier = "青峰水库总投资多少"
    first = county.ask(earlier)
    ans = county.ask(question, history=[{"question": earlier, "answer": first.answer}])
    assert "县水利局" not in ans.answer and "2026—2030" not in ans.answer, (question, ans.answer)


@pytest.mark.parametrize("question", ["青峰水库投资多少，污水管网建设多长", "青峰水库工程要花多少钱？镇级污水处理厂什么时候改造完"])
def test_a_part_naming_a_thing_of_its_own_is_not_read_from_the_row_the_first_names(county, question):
    ans = county.ask(question)
    assert "12.5" in ans.answer, (question, ans.answer)
    assert "新建中型水库" not in ans.answer and "2026—2030" not in ans.answer, (question, ans.answer)


@pytest.mark.parametrize("turns", [("青峰水库总投资多少", "那建设年限呢", "谁负责"),
                                   ("北岭风电项目要花多少钱", "啥时候建", "归哪个部门"),
                                   ("梧溪高速溪川段总投资多少", "工期多久", "哪个单位牵头")])
def test_a_chain_of_follow_ups_stays_on_the_row(county, turns):
    history = []
    for q in turns:
        ans = county.ask(q, history=history)
        history.append({"question": q, "answer": ans.answer})
    assert not ans.refused and ("县水利局" in ans.answer or "县发展改革局" in ans.answer
                                or "县交通运输局" in ans.answer), (turns, ans.answer)
    row = {"青峰水库总投资多少": "青峰水库工程", "北岭风电项目要花多少钱": "北岭风电项目"}.get(turns[0], "梧州至溪川高速公路溪川段")
    assert row in ans.answer, (turns, ans.answer)


@pytest.mark.parametrize("earlier, question, values", [
    ("北岭风电项目要花多少钱", "那风电那块谁负责", ("县发展改革局",)),
    ("青峰水库工程总投资多少？", "水库那边实施年限呢？归哪个部门", ("2026—2030", "县水利局"))])
def test_a_follow_up_naming_the_row_s_own_words_asks_of_that_row(county, earlier, question, values):
    first = county.ask(earlier)
    ans = county.ask(question, history=[{"question": earlier, "answer": first.answer}])
    assert _says(ans, *values), (question, ans.answer)
