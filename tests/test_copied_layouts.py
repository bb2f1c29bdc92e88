"""Plans copied from a government web page as text and exported to Markdown keep their structure: group lines
inside a tab-separated table, a tab-separated annex table, Markdown heading levels, decimal headings under the part
they number, footnote markers, page chrome, 专栏 boxes set off as block quotes, a heading running on into its text.
Small hand-written plans, written to a temporary file."""

from __future__ import annotations

from pathlib import Path

from assistant.index.chunk import ChunkSettings, document_chunks
from assistant.ingest.loader import load_document
from assistant.types import Document


def _doc(tmp_path: Path, text: str, name: str = "plan.txt") -> Document:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    return load_document(f)


def _paths(doc: Document) -> list[tuple[str, ...]]:
    return [s.path for s in doc.sections if s.kind not in ("title", "front")]


TAB_TABLE = (
    "某市“十四五”文化发展规划\n"
    "一、发展目标\n"
    "到2025年，文化事业全面发展。\n"
    "表1  某市文化发展主要指标\n"
    "序号\t指标名称\t单位\t2020年\t2025年\t属性\n"
    "一、文化事业\n"
    "1\t公共图书馆数量\t个\t9\t12\t预期性\n"
    "2\t人均公共文化设施面积\t平方米\t0.21\t0.32\t约束性\n"
    "二、旅游业\n"
    "3\t旅游总收入\t亿元\t401.2\t760\t预期性\n"
    "注：带〔 〕的为五年累计数。\n"
    "二、主要任务\n"
    "繁荣文艺创作。\n"
)


def test_a_group_line_inside_a_tab_separated_table_is_a_group_row_not_a_heading(tmp_path):
    doc = _doc(tmp_path, TAB_TABLE)
    (table,) = doc.tables
    rows = {r.name: r for r in table.indicators}
    assert set(rows) == {"公共图书馆数量", "人均公共文化设施面积", "旅游总收入"}
    assert (rows["人均公共文化设施面积"].target, rows["人均公共文化设施面积"].attribute) == (0.32, "约束性")
    assert rows["旅游总收入"].category == "二、旅游业" and rows["旅游总收入"].baseline == 401.2
    assert table.notes == ("注：带〔 〕的为五年累计数。",)
    assert [p[-1] for p in _paths(doc) if len(p) == 1] == ["一、发展目标", "二、主要任务"]  # no 文化事业 heading


ANNEX_TABLE = (
    "某市“十四五”旅游发展规划\n"
    "一、主要任务\n"
    "建设重点项目。\n"
    "附件：某市重点项目表\n"
    "序号\t项目名称\t建设内容\t总投资（亿元）\t建设期限\t责任单位\n"
    "1\t甲湖度假区项目\t建设湖滨酒店\t32.0\t2021—2025年\t望湖区人民政府\n"
    "2\t乙山温泉小镇项目\t建设温泉酒店\t22.4\t2022—2025年\t乙山县人民政府\n"
    "\t合计\t\t54.4\t\t\n"
    "\n"
    "名词解释\n"
    "1. 甲湖度假区：指以湖泊为主体的旅游度假区。\n"
)


def test_a_tab_separated_annex_table_is_a_table_named_by_its_annex_with_its_total_in_place(tmp_path):
    doc = _doc(tmp_path, ANNEX_TABLE)
    (table,) = doc.tables
    assert table.title == "附件 某市重点项目表"
    assert [p.name for p in table.projects] == ["甲湖度假区项目", "乙山温泉小镇项目"]
    assert "责任单位：乙山县人民政府" in table.projects[1].text and "22.4" in table.projects[1].text
    total = table.records[-1]
    assert total.kind == "total" and total.key == "合计" and total.value("总投资（亿元）") == 54.4
    assert ("名词解释",) in _paths(doc)  # a closing glossary is no part of the annex above it


def test_a_heading_between_two_tab_separated_tables_stays_a_heading(tmp_path):
    doc = _doc(tmp_path, "某县规划\n一、目标\n表1  甲指标\n指标\t单位\t2020年\t2025年\n甲率\t%\t1\t2\n乙率\t%\t3\t4\n"
                         "二、分区目标\n区县\t单位\t2020年\t2025年\n东区\t个\t5\t6\n西区\t个\t7\t8\n")
    assert ("二、分区目标",) in _paths(doc)
    first, second = doc.tables
    assert len(first.rows) == 2 and second.header == ("区县", "单位", "2020年", "2025年") and len(second.rows) == 2


def test_tab_separated_lines_without_a_header_stay_text(tmp_path):
    doc = _doc(tmp_path, "某县规划\n一、总则\n甲率\t%\t11.6\t8.5\t约束性\n乙率\t%\t10\t20\t预期性\n"
                         "丙率\t%\t1\t2\t预期性\n二、措施\n正文。\n")
    assert doc.tables == ()


MARKDOWN = """# 前言

本规划期为2026—2030年。

# 一、发展基础

## （一）发展成就

**1．体制改革持续深化。**各级部门全部组建到位。

# 三、健全体制机制

### 3.1 完善指挥体制

#### 3.1.1 健全领导指挥体系

健全三级指挥部体系。

### 3.4 健全预案体系

#### 3.4.2 加强应急演练

省级每年组织综合性应急演练不少于2次。

# 四、防范重大风险

**（一）深化安全生产治本攻坚**

推进危险化学品治理。

> **专栏2  应急救援能力提升工程**
>
> 1．区域性应急救援基地建设工程：新建4个基地，每个基地投资1.5亿元。
>
> 2．消防救援站建设工程：新建消防站64个。

| 序号 | 指标 | 单位 | 2025年 | 2030年 | 属性 |
|---|---|---|---|---|---|
| 1 | 亿元生产总值事故死亡率[^3] | 人/亿元 | 0.0086 | 0.0058 | 约束性 |

登记在册的社会应急力量[^1]214支。

# 附件：重点任务分工表

| 序号 | 重点任务 | 牵头单位 |
|---|---|---|
| 1 | 建成指挥中心 | 省应急管理厅 |

[^1]: 社会应急力量，是指从事抢险救援的社会组织。
"""


def test_markdown_heading_levels_decide_nesting(tmp_path):
    doc = _doc(tmp_path, MARKDOWN, "plan.md")
    paths = _paths(doc)
    assert ("三、健全体制机制", "3.4健全预案体系", "3.4.2加强应急演练") in paths
    assert ("三、健全体制机制", "3.1完善指挥体制", "3.1.1健全领导指挥体系") in paths
    assert ("四、防范重大风险",) in paths and ("前言",) in paths and ("一、发展基础",) in paths
    assert ("四、防范重大风险", "（一）深化安全生产治本攻坚") in paths  # a bold line under a # heading
    assert ("一、发展基础", "（一）发展成就", "1．体制改革持续深化") in paths
    assert ("附件 重点任务分工表",) in paths


def test_a_decimal_heading_sits_under_the_part_it_numbers_in_plain_text(tmp_path):
    doc = _doc(tmp_path, "某县规划\n前言\n正文。\n一、总则\n正文。\n二、任务\n2.1 完善体制\n正文。\n2.1.1 健全体系\n"
                         "正文。\n2.2 压实责任\n正文。\n三、保障\n正文。\n")
    paths = _paths(doc)
    assert ("二、任务", "2.1完善体制", "2.1.1健全体系") in paths
    assert ("二、任务", "2.2压实责任") in paths
    assert ("三、保障",) in paths and ("前言",) in paths and ("一、总则",) in paths


def test_block_quote_box_has_items_and_footnote_markers_leave_names_and_numbers_whole(tmp_path):
    doc = _doc(tmp_path, MARKDOWN, "plan.md")
    (box,) = doc.boxes
    assert box.title.startswith("专栏2") and [p.name for p in box.projects] == ["区域性应急救援基地建设工程",
                                                                             "消防救援站建设工程"]
    table = next(t for t in doc.tables if t.indicators)
    assert table.indicators[0].name == "亿元生产总值事故死亡率"
    text = [p.text for s in doc.sections for p in s.paragraphs]
    assert "登记在册的社会应急力量214支。" in text
    assert "社会应急力量，是指从事抢险救援的社会组织。" in text
    assert not any("[^" in t for t in text)
    annex = next(t for t in doc.tables if not t.indicators)
    assert annex.title == "附件 重点任务分工表"


WEB_PAGE = (
    "某市人民政府门户网站\n"
    "首页  |  政务公开  |  政务服务  |  互动交流  |  走进某市\n"
    "当前位置：首页 > 政务公开 > 规划计划\n"
    "\n"
    "索引号：11532806MB1E/2022-00318\t发布机构：某市人民政府办公室\n"
    "发文日期：2022年01月14日\t主题分类：文化、旅游\n"
    "标    题：某市人民政府办公室关于印发某市“十四五”文化发展规划的通知\n"
    "文    号：某政办发〔2022〕3号\n"
    "字号：大 中 小    【打印本页】【关闭窗口】\n"
    "\n"
    "某市人民政府办公室关于印发某市“十四五”文化发展规划的通知\n"
    "某政办发〔2022〕3号\n"
    "各区县人民政府：\n"
    "《某市“十四五”文化发展规划》已经市人民政府同意，现印发给你们。\n"
    "某市人民政府办公室\n"
    "2022年1月10日\n"
    "\n"
    "某市“十四五”文化发展规划\n"
    "一、发展目标\n"
    "（二）具体目标。到2025年，公共图书馆达到12个。\n"
    "二、主要任务\n"
    "繁荣文艺创作。\n"
)


def test_web_page_header_is_chrome_and_the_notice_names_issuer(tmp_path):
    doc = _doc(tmp_path, WEB_PAGE)
    chrome = {p.text for p in doc.chrome}
    assert {"某市人民政府门户网站", "首页  |  政务公开  |  政务服务  |  互动交流  |  走进某市",
            "发文日期：2022年01月14日\t主题分类：文化、旅游", "文    号：某政办发〔2022〕3号"} <= chrome
    assert doc.meta.title == "某市“十四五”文化发展规划" and doc.meta.issuer == "某市人民政府办公室"
    chunks = [c.text for c in document_chunks(doc, ChunkSettings())]
    assert not any("首页" in c or "发文日期" in c or "打印本页" in c for c in chunks)
    assert not any("首页" in s.title or "字号" in s.title for s in doc.sections)


def test_a_heading_running_on_into_its_paragraph_keeps_both(tmp_path):
    doc = _doc(tmp_path, WEB_PAGE)
    sec = next(s for s in doc.sections if s.title == "具体目标")
    assert sec.path == ("一、发展目标", "（二）具体目标")
    assert [p.text for p in sec.paragraphs] == ["到2025年，公共图书馆达到12个。"]
