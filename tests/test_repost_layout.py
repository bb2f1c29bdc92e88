"""Plans as uploaded from a public-account repost (Markdown), items run together on one line, a descriptive table's
kinds, and an indicator row named in everyday words (gdp typed in lower case): small hand-written plans."""

from __future__ import annotations

import pytest
from conftest import plans_assistant

from assistant.ingest.forms import run_in_items
from assistant.ingest.loader import load_documents

REPOST = """青州交通发布

点击上方蓝字关注我们

来源：青州市交通运输局　编辑：王一　审核：李二

![图片](https://mmbiz.qpic.cn/mmbiz_png/abc/640?wx_fmt=png)

**导读**：近日，市政府印发《青州市“十五五”现代物流发展规划（2026—2030年）》。规划提出，到2030年，物流费用占GDP比重降到12%左右，冷库库容达到90万吨。一起来看全文↓↓↓

---

# 青州市“十五五”现代物流发展规划（2026—2030年）

现代物流是国民经济的基础性产业。规划期为2026—2030年。

## 第一章 总体要求

### 第一节 基本原则

（一）枢纽引领，网络协同。推动干线、支线、末端网络高效衔接。（二）融合发展，产业联动。推动物流与制造、商贸协同发展。（三）创新驱动，智慧绿色。推广新技术新模式。（四）安全可靠，韧性发展。提升重要物资储运保障水平。

坚持上述原则，处理好枢纽和网络的关系。

### 第二节 发展目标

到2030年，社会物流总费用与地区生产总值比率降至12.4%，冷库总库容达到88万吨。

表1　青州市现代物流发展主要指标

| 指标 | 单位 | 2025年 | 2030年 | 属性 |
| --- | --- | --- | --- | --- |
| 社会物流总费用与地区生产总值比率 | % | 13.9 | 12.4 | 预期性 |
| 冷库总库容 | 万吨 | 60 | 88 | 预期性 |
| 快递业务量 | 亿件 | 3.1 | 5.2 | 预期性 |

## 第二章 重点任务

### 第一节 完善冷链设施

加快补齐县域冷链物流短板。

![图片](https://mmbiz.qpic.cn/mmbiz_jpg/abc/640?wx_fmt=jpeg)

### 第二节 分类引导车辆需求

简要分析不同类型货运车辆的需求特点，详见表2。

表2　不同类型货运车辆需求特点

| 车辆类型 | 需求特点 |
| --- | --- |
| 干线重卡 | 运距长、载重大、停靠点少 |
| 城配轻卡 | 频次高、时段集中、进城受限 |
| 冷藏车 | 全程温控、时效要求高 |
| 三轮快递车 | 末端灵活、单次量小 |

---

往期推荐

▶ 青州市2026年重大项目清单发布

长按识别二维码 关注青州交通发布

阅读原文

免责声明：本文转自青州市人民政府网站，仅用于信息分享。
"""


@pytest.fixture(scope="module")
def repost(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("repost"), {"qingzhou_wuliu.md": REPOST})


def test_a_reposts_head_lead_images_and_footer_are_chrome_never_text(tmp_path):
    path = tmp_path / "qingzhou_wuliu.md"
    path.write_text(REPOST, encoding="utf-8")
    (doc,) = load_documents(path)
    text = "\n".join(p.text for s in doc.sections for p in s.paragraphs)
    chrome = "\n".join(p.text for p in doc.chrome)
    for line in ("青州交通发布", "点击上方蓝字关注我们", "编辑：王一", "导读", "![图片]", "往期推荐", "二维码", "阅读原文"):
        assert line in chrome and line not in text, line
    assert "现代物流是国民经济的基础性产业" in text  # the plan's own preamble stays
    assert not any("12%左右" in g.text for g in doc.goals)  # the editor's rounded figure is no goal of the plan


@pytest.mark.parametrize("question", [
    "物流费用占gdp的比例2030年要降到多少？",
    "青州物流规划里物流成本占GDP比重2030年目标多少",
    "社会物流总费用占gdp比重到2030年定的多少",
])
def test_an_indicator_named_in_everyday_words_is_answered_from_the_plan_not_the_lead(repost, question):
    ans = repost.ask(question)
    assert not ans.refused
    assert "12.4" in ans.answer and "12%左右" not in ans.answer


@pytest.mark.parametrize("line, count", [
    ("（一）甲乙协同。推动衔接。（二）丙丁联动。协同发展。（三）戊己绿色。推广新模式。", 3),
    ("(1)统一规划。按规划建设。(2)分步实施。先易后难。", 2),
    ("一、坚持统筹。统筹推进。二、坚持创新。创新驱动。三、坚持安全。守住底线。", 3),
])
def test_numbered_items_run_together_on_one_line_are_split(line, count):
    assert len(run_in_items(line)) == count


@pytest.mark.parametrize("line", [
    "（一）甲乙协同。推动（三）项工作衔接。",  # the next marker does not count on from the first
    "（一）甲乙协同，推动（二）期工程。",  # no sentence ends before it
    "推动（一）期工程。（二）期工程随后。",  # the line opens with no item
])
def test_a_marker_that_does_not_count_on_after_a_sentence_end_does_not_split(line):
    assert run_in_items(line) == [line]


@pytest.mark.parametrize("question", ["基本原则有哪几条", "青州物流规划坚持哪些原则", "基本原则都是啥"])
def test_every_item_run_together_in_a_section_is_listed(repost, question):
    ans = repost.ask(question)
    assert not ans.refused
    for item in ("枢纽引领", "融合发展", "创新驱动", "安全可靠"):
        assert item in ans.answer, item


@pytest.mark.parametrize("question", [
    "青州规划分析货运车辆需求特点的时候分了哪几类车",
    "不同类型货运车辆需求特点那张表列了哪些车",
    "青州物流规划表2分了哪几种车",
])
def test_the_kinds_a_descriptive_table_sets_out_are_its_row_names(repost, question):
    ans = repost.ask(question)
    assert not ans.refused
    for kind in ("干线重卡", "城配轻卡", "冷藏车", "三轮快递车"):
        assert kind in ans.answer, kind
