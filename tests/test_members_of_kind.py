"""Members of the kind asked, at the depth asked: a kind named inside a 专栏 below its group headings (那个专栏里公园
湖泊要建哪些), a passage naming its members over several sentences (跟哪些地区合作), a sentence naming some of a box's
items before its 等 (新建甲、乙等普通高中3所), 哪几个 asking which rather than how many (on a small hand-written plan,
fake embedder)."""

from __future__ import annotations

import pytest

from tests.conftest import plans_assistant

PLAN = """青禾区“十五五”城市建设规划
第一章 建设宜居城市
第一节 提升城市品质
围绕宜居目标，完善城市功能，提升城市品质。
专栏1  宜居城市建设重点工程
推进智慧设施建设。建设5G基站和充电桩，完善城市感知体系，构建城市网络安全保障体系。
打造生态休闲空间。围绕青禾河和镜湖，提升绿化屏障能力。推进青禾公园、镜湖水利及公园工程、白沙公园一期、柳岸社区公园工程等公园湖泊建设工程。推进青禾河全流域综合治理工程、镜湖生态修复工程等生态修复重点工程。
提升公共服务能力。加快布局学校、医院、政务服务中心等公共服务设施，打造便捷高效的社区生活圈。

第二节 开放发展
推动“湖畔丝路”深入发展。加强统筹谋划，推动青禾—江南产业合作、青禾—岭北科技合作。围绕多双边经贸协定，拓展与东海、南山的伙伴关系，与西原和北川地区研究开展文旅合作。统筹开展基础设施合作，与沿江城市开展航运合作。推动数据服务全球化发展，支持企业走出去。
第二章 发展教育
第一节 普通高中建设
适应学位需求增长，新建青禾高级中学东校区、镜湖中学新城校区等普通高中3所，改扩建普通高中1所。严格控制普通高中学校规模和班额，新建普通高中规模原则上不超过48个班。
专栏2  普通高中建设工程
1. 青禾高级中学东校区：新建，规模48班，总投资7.2亿元。
2. 镜湖中学新城校区：新建，规模45班，总投资6.5亿元。
3. 青禾第三高级中学：新建，规模36班，总投资5.4亿元。
4. 白沙中学改扩建：新增普通高中学位1200个，总投资1.9亿元。
普通高中建设项目实行“建设一所、成熟一所、招生一所”，确保开办起点高、质量优。
第三章 推进城市更新
第一节 稳步实施城中村改造
坚持“拆除新建、整治提升、拆整结合”分类实施。对安全隐患多、居住环境差的城中村，实施拆除新建；对不具备拆除条件的城中村，实施整治提升。“十五五”期间全市完成城中村改造40个，其中拆除新建类12个、整治提升类20个、拆整结合类8个。
第二节 分区推进更新
“十五五”期间，东城区完成老旧小区改造58个、城中村改造3个，建设完整社区10个；西城区完成老旧小区改造46个、城中村改造2个，建设完整社区9个。
第四章 推动产业转型
第一节 数字化转型
加快推动企业数字化转型，提升产业链现代化水平。建立多要素支撑的转型服务生态，解决企业“不会转”“不敢转”的难题。培育推广一批数字化解决方案。培育一批第三方专业化服务机构，提升服务市场活力。建设数字化转型促进中心，提供转型公共服务。
第五章 保障措施
（一）加强组织领导。建立规划实施协调机制，明确责任分工，强化督促检查。
（二）加大资金支持。统筹各级财政资金，引导社会资本参与城市建设。
（三）提升全民数字技能。实施全民数字技能提升计划，推进社区数字课堂建设，提高老年人运用数字技术的能力。
"""


@pytest.fixture(scope="module")
def qinghe(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("members"), {"qinghe.txt": PLAN})


@pytest.mark.parametrize("question", [
    "宜居城市那个专栏里 公园湖泊要建哪些",
    "专栏1里有哪些公园和湖泊项目",
    "宜居城市建设重点工程专栏中公园湖泊工程有哪些",
])
def test_a_kind_inside_a_box_gives_its_members_not_the_group_headings(qinghe, question):
    ans = qinghe.ask(question)
    assert not ans.refused
    assert "白沙公园一期" in ans.answer and "柳岸社区公园工程" in ans.answer
    assert "推进智慧设施建设" not in ans.answer  # a group heading is not a member of the kind asked


@pytest.mark.parametrize("question", [
    "宜居城市那个专栏里生态修复工程有哪些",
    "专栏1中的生态修复项目都有哪些",
])
def test_another_kind_inside_the_same_box(qinghe, question):
    ans = qinghe.ask(question)
    assert "镜湖生态修复工程" in ans.answer and "白沙公园一期" not in ans.answer


@pytest.mark.parametrize("question", [
    "湖畔丝路 跟哪些地区合作",
    "湖畔丝路要和哪些地方开展合作",
    "推进湖畔丝路，同哪些国家和地区合作",
])
def test_members_over_several_sentences_of_one_passage(qinghe, question):
    ans = qinghe.ask(question)
    assert not ans.refused
    assert "江南产业合作" in ans.answer  # the first sentence listing them
    assert "西原和北川地区" in ans.answer and "沿江城市" in ans.answer  # and the sentences going on naming them
    assert "走出去" not in ans.answer  # a sentence naming none ends the run


@pytest.mark.parametrize("question", [
    "规划里新建扩建的高中项目是哪几个",
    "要新建哪些高中",
    "普通高中建设工程包括哪几个学校",
])
def test_a_list_cut_short_by_its_etc_is_given_in_full_from_the_box(qinghe, question):
    ans = qinghe.ask(question)
    assert not ans.refused
    for school in ("青禾高级中学东校区", "镜湖中学新城校区", "青禾第三高级中学", "白沙中学"):
        assert school in ans.answer
    assert "招生一所" not in ans.answer  # the paragraph after the box is no item of it
    assert "不超过48个班" not in ans.answer  # a sentence only mentioning 高中 lists none


@pytest.mark.parametrize("question", [
    "城中村改造分哪几类，各多少个",
    "城中村改造分为哪几类",
    "城中村改造有哪几种类型，分别多少个",
])
def test_the_kinds_asked_are_the_items_ending_in_their_kind_word(qinghe, question):
    ans = qinghe.ask(question)
    assert not ans.refused
    assert "拆除新建类12个" in ans.answer and "拆整结合类8个" in ans.answer
    assert "东城区" not in ans.answer  # not the sentence with the most figures


@pytest.mark.parametrize("question", [
    "保障措施里，老百姓数字技能这块要实施什么计划",
    "保障措施里老百姓的数字技能方面有啥计划",
])
def test_an_everyday_word_finds_the_item_of_the_part_not_its_headings(qinghe, question):
    ans = qinghe.ask(question)
    assert "全民数字技能提升计划" in ans.answer  # 老百姓 read as the plan's 全民: the item, not the part's headings
    assert "加大资金支持" not in ans.answer


@pytest.mark.parametrize("question", [
    "企业不会转不敢转的问题，规划里靠什么解决？",
    "企业不敢转这个难题怎么解决",
    "企业不会转的难题，规划通过什么措施解决",
])
def test_the_means_asked_are_the_measures_after_the_problem(qinghe, question):
    ans = qinghe.ask(question)
    assert not ans.refused
    assert "第三方专业化服务机构" in ans.answer and "数字化转型促进中心" in ans.answer


@pytest.mark.parametrize(("question", "asks"), [
    ("企业不会转不敢转的问题，规划里靠什么解决？", True),
    ("这个难题怎么解决", True),
    ("有啥办法", True),
    ("人才方面两个区各自有啥招牌政策", False),  # 招牌 is no means asked
    ("企业不会转的问题在哪一节", False),
])
def test_means_ask(question, asks):
    from assistant.answer.lexicon import lexicon

    assert bool(lexicon().regex("ask_means").search(question)) is asks


@pytest.mark.parametrize(("question", "head"), [
    ("城中村改造分哪几类，各多少个", "类"),
    ("有哪几种类型", "类"),
    ("三类项目是哪些", None),  # a thing named after the measure is what is listed
    ("划分为哪几类整治区域", None),
])
def test_category_ask(question, head):
    from assistant.answer.enumerations import category_ask

    ask = category_ask(question)
    assert (ask.head if ask else None) == head


def test_passage_run_unit():
    from assistant.answer.enumerations import ListAsk
    from assistant.answer.lists import _passage_run

    sents = ["推动甲—乙产业合作、甲—丙科技合作。", "拓展与丁、戊的伙伴关系，与己地区开展文旅合作。", "推动数据服务发展。",
             "与庚开展航运合作。"]
    assert _passage_run(sents, 0, ListAsk("合作", None)) == "".join(sents[:2])
    assert _passage_run(sents, 0, ListAsk("合作", 2)) == sents[0]  # a count asked: the sentence holding that many
