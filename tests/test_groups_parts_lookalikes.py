"""A provincial plan's pieces that a figure or a list is asked of (two small hand-written plans, a Markdown export
and a text copy with TAB tables, fake embedder): the 类别 groups of an indicator table (分了哪几大类), a 专栏's own
group headings (分了哪几类工程), a part after 其中 (not the whole's indicator row), a goal stated for more of what
it covers in its own section (其他设区市…70%), a plan's total investment (需投资约…亿元) and a project row named
only by its look-alike (数字孪生云台湖 is not 数字孪生青川江监测工程)."""

from __future__ import annotations

import pytest

QINGCHUAN = """# 青川省“十五五”生态环境保护规划（2026—2030年）

## 第一部分 总体要求

### 一、发展目标

到2030年，生态环境质量持续改善。

——城市环境更加宜居。青川市、云台市城市生活污水集中收集率达到80%，农村生活污水治理率达到50%，细颗粒物浓度下降到28微克/立方米。

### 二、主要指标

表1 青川省“十五五”生态环境保护主要指标

| 类别 | 序号 | 指标 | 单位 | 2025年 | 2030年 | 属性 |
| --- | --- | --- | --- | --- | --- | --- |
| 环境质量 | 1 | 细颗粒物浓度 | 微克/立方米 | 32 | 28 | 约束性 |
|  | 2 | 空气质量优良天数比率 | % | 87 | 90 | 约束性 |
| 污染减排 | 3 | 化学需氧量排放量下降 | % | 〔8〕 | 〔8〕 | 约束性 |
|  | 4 | 燃煤锅炉淘汰数量 | 台 | 〔900〕 | 〔1200〕 | 约束性 |
| 生态保护 | 5 | 森林覆盖率 | % | 62 | 63 | 约束性 |
|  | 6 | 生态保护红线面积 | 万平方公里 | 4.1 | 4.1 | 约束性 |

注：〔〕内为五年累计数。

## 第二部分 改善环境质量

### 一、推进城市污水收集

到2030年，青川市、云台市城市生活污水集中收集率达到80%，其他设区市城市生活污水集中收集率达到70%。

### 二、淘汰燃煤锅炉

全省淘汰燃煤锅炉1200台，其中燃煤发电锅炉80台、工业燃煤锅炉320台、供暖燃煤锅炉800台。

### 三、加强监测能力

（1）新建大气环境监测站120个、改造监测站40个，建设超级站3个。（2）新建水质自动监测站60个。

专栏1 大气污染防治重点工程

1.工业源治理：钢铁行业超低排放改造工程（青川市），改造烧结机12台，2026—2028年实施。

2.移动源治理：柴油货车淘汰工程，淘汰国四及以下柴油货车3万辆，2026—2030年实施。

3.面源治理：扬尘综合整治工程，治理建筑工地1800个，2026—2029年实施。

## 第三部分 保障措施

### 一、加大资金投入

经初步测算，“十五五”期间全省生态环境保护需投资约860亿元。

附表 青川省“十五五”生态环境保护重大项目表

| 序号 | 项目名称 | 建设地点 | 建设内容 | 总投资（亿元） | 建设年限 |
| --- | --- | --- | --- | --- | --- |
| 1 | 青川江流域水环境综合治理工程 | 青川市 | 整治河道60公里 | 45.2 | 2026—2029年 |
| 2 | 云台湖生态保护修复工程 | 云台市 | 修复湖滨带30公里 | 18.6 | 2026—2030年 |
| 3 | 数字孪生青川江监测工程 | 青川市 | 建设水质自动监测站40个 | 6.3 | 2026—2028年 |
| 4 | 云台湖流域水环境综合治理工程 | 云台市 | 整治河道35公里 | 22.1 | 2027—2030年 |
"""

LANZHOU = "\n".join([
    "岚州市“十五五”水安全保障规划", "",
    "第一部分 总体要求", "",
    "一、发展目标", "",
    "到2030年，水安全保障能力明显增强，防洪安全、供水安全、粮食安全和生态安全得到有效保障。", "",
    "当前，仍有部分堤防需要提标加固，水库安全隐患仍然存在。", "",
    "——防洪能力明显提升。主城区防洪标准达到100年一遇，新增水库库容1.2亿立方米，病险水库全部完成除险加固。", "",
    "二、主要指标", "",
    "表1 岚州市“十五五”水安全保障主要指标", "",
    "类别\t序号\t指标\t单位\t2025年\t2030年\t属性",
    "防洪安全\t1\t堤防达标率\t%\t76\t90\t预期性",
    "\t2\t病险水库除险加固数量\t座\t〔40〕\t〔65〕\t约束性",
    "供水安全\t3\t城市供水保证率\t%\t95\t97\t预期性",
    "\t4\t农村自来水普及率\t%\t88\t95\t预期性",
    "节水\t5\t万元地区生产总值用水量下降\t%\t〔12〕\t〔14〕\t约束性", "",
    "注：〔〕内为五年累计数。", "",
    "第二部分 重点任务", "",
    "一、提升城市防洪能力", "",
    "到2030年，主城区防洪标准达到100年一遇，县城防洪标准达到50年一遇。", "",
    "二、消除水库安全隐患", "",
    "完成65座病险水库除险加固，其中中型水库5座、小型水库60座。", "",
    "专栏1 防洪重点工程", "",
    "1.堤防建设：岚江主城段堤防提标工程，新建加固堤防42公里，2026—2028年实施。", "",
    "2.水库除险：完成中型水库5座、小型水库60座除险加固，2026—2030年实施。", "",
    "第三部分 保障措施", "",
    "经测算，“十五五”期间全市水安全保障建设需投资约310亿元。", "",
])


@pytest.fixture(scope="module")
def qingchuan(tmp_path_factory):
    from conftest import plan_assistant

    return plan_assistant(tmp_path_factory.mktemp("qingchuan"), QINGCHUAN, "qingchuan.md")


@pytest.fixture(scope="module")
def lanzhou(tmp_path_factory):
    from conftest import plan_assistant

    return plan_assistant(tmp_path_factory.mktemp("lanzhou"), LANZHOU, "lanzhou.txt")


@pytest.mark.parametrize("question", ["主要指标分了哪几大类", "指标体系包括哪几个方面", "主要指标表里有几个大类"])
def test_an_indicator_table_s_groups_answer_which_categories(qingchuan, lanzhou, question):
    for plan, groups in ((qingchuan, ("环境质量", "污染减排", "生态保护")), (lanzhou, ("防洪安全", "供水安全", "节水"))):
        ans = plan.ask(question)
        assert not ans.refused and all(g in ans.answer for g in groups), (question, ans.answer)


def test_a_section_holding_only_its_table_says_what_the_table_lists(qingchuan):
    from assistant.answer.sections import section_part

    doc = qingchuan.document("qingchuan")
    sec = next(s for s in doc.sections if s.title.endswith("主要指标") and s.kind != "table")
    part = section_part(doc, sec)
    said = "".join(part.lines)
    assert all(g in said for g in ("环境质量", "污染减排", "生态保护")) and "表1" in said, said


@pytest.mark.parametrize("question", ["专栏1里分了哪几类工程", "专栏1分成了哪几个方面",
                                      "大气污染防治重点工程那个专栏包括哪几类"])
def test_a_box_s_group_headings_answer_which_kinds(qingchuan, question):
    ans = qingchuan.ask(question)
    assert all(g in ans.answer for g in ("工业源治理", "移动源治理", "面源治理")), (question, ans.answer)
    assert "监测站" not in ans.answer  # not a sentence of (1)…(2) items read as a total's breakdown


@pytest.mark.parametrize(("plan", "earlier", "question", "figure"), [
    ("qingchuan", "燃煤锅炉淘汰数量目标是多少？", "其中发电锅炉几台？", "80台"),
    ("qingchuan", "燃煤锅炉淘汰数量目标是多少？", "这里面工业锅炉有多少台？", "320台"),
    ("qingchuan", "燃煤锅炉淘汰数量2030年是多少？", "其中供暖锅炉几台", "800台"),
    ("lanzhou", "病险水库除险加固数量目标是多少", "其中中型水库几座？", "5座"),
])
def test_a_part_asked_after_qizhong_is_not_the_whole_s_row(request, plan, earlier, question, figure):
    ans = request.getfixturevalue(plan).ask(question, [{"question": earlier, "answer": "〔…〕"}])
    assert figure in ans.answer and "五年累计" not in ans.answer, (question, ans.answer)


def test_a_part_the_row_itself_names_keeps_the_row(qingchuan):
    ans = qingchuan.ask("其中约束性的呢", [{"question": "燃煤锅炉淘汰数量目标是多少？", "answer": "〔1200〕台"}])
    assert "1200" in ans.answer, ans.answer


@pytest.mark.parametrize(("plan", "question", "figures"), [
    ("qingchuan", "城市生活污水集中收集率目标定到多少", ("80%", "70%")),
    ("qingchuan", "城市污水集中收集率要达到多少？", ("80%", "70%")),
    ("qingchuan", "生活污水集中收集率规划定了多少", ("80%", "70%")),
    ("lanzhou", "防洪标准定到多少年一遇？", ("100年一遇", "50年一遇")),
    ("lanzhou", "城市防洪标准规划要达到多少年一遇", ("100年一遇", "50年一遇")),
    ("lanzhou", "县城防洪标准是多少", ("50年一遇",)),
])
def test_a_goal_stated_for_more_of_what_it_covers_is_quoted(request, plan, question, figures):
    ans = request.getfixturevalue(plan).ask(question)
    assert all(f in ans.answer for f in figures), (question, ans.answer)


def test_a_return_period_is_a_quantity_and_a_year_is_not():
    from assistant.text.patterns import QUANTITY_RE

    assert [m.group(0) for m in QUANTITY_RE.finditer("到2030年，城市防洪标准达到200年一遇")] == ["200"]
    assert not QUANTITY_RE.search("经过15年的发展")


@pytest.mark.parametrize("question", ["十五五水安全这块总共需要投多少钱，有测算吗", "十五五水安全保障一共需要投资多少"])
def test_a_plan_s_total_investment_answers_how_much_it_needs(lanzhou, question):
    ans = lanzhou.ask(question)
    assert not ans.refused and "310亿元" in ans.answer, (question, ans.answer)


def test_a_five_year_plan_ordinal_is_one_word(lanzhou):
    words = lanzhou.tokenizer.words("十五五水安全这块总共需要投多少钱")
    assert "十五五" in words and "五水" not in words, words


@pytest.mark.parametrize("question", ["数字孪生云台湖项目预算是多少钱", "云台湖监测工程投资多少",
                                      "数字孪生云台湖工程总投资是多少"])
def test_a_project_row_named_only_by_its_look_alike_does_not_answer(qingchuan, question):
    ans = qingchuan.ask(question)
    assert "6.3" not in ans.answer, (question, ans.answer)


@pytest.mark.parametrize(("question", "figure"), [("数字孪生青川江项目预算是多少钱", "6.3"),
                                                  ("云台湖水环境治理工程投资多少", "22.1"),
                                                  ("云台市的云台湖生态保护修复工程投资多少", "18.6")])
def test_a_project_row_named_in_its_own_words_still_answers(qingchuan, question, figure):
    ans = qingchuan.ask(question)
    assert not ans.refused and figure in ans.answer, (question, ans.answer)
