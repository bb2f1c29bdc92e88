"""Plans uploaded as Markdown converted from Word by pandoc (``pandoc -t markdown``): grid tables with wrapped cells,
raw HTML tables with rowspan / colspan, a one-cell grid table or a fenced div as a 专栏, setext headings, attributes,
spans, backslash escapes, comments and footnotes read as the plan's structure and plain text. Hand-written plans;
the fake embedder."""

from __future__ import annotations

import pytest

from assistant.ingest.loader import load_documents
from assistant.ingest.pandoc_md import grid_table, inline, pandoc_blocks, without_comments
from assistant.ingest.read_html import fill_spans, html_blocks
from assistant.ingest.read_text import markdown_blocks
from assistant.types import SourceLine, SourceTable
from tests.conftest import plan_assistant

PLAN = """\
澄川市“十五五”卫生健康发展规划
==============================

第一章 总体要求 {#第一章-总体要求}
---------------

### 第一节 发展目标 {#发展目标 .unnumbered}

到2030年，全市每千人口床位数达到7.50张[^1]。到2027年，每千人口床位数达到6.90张。

表1 澄川市卫生健康主要指标

+----------+--------------------------+--------+------------+--------------+--------+
| 类别     | 指标                     | 单位   | 2025年基数 | 2030年目标   | 属性   |
+==========+==========================+========+============+==============+========+
| 健康水平 | 人均预期寿命             | 岁     | 79.0       | 80.5         | 预期性 |
+----------+--------------------------+--------+------------+--------------+--------+
|          | 儿童青少年总体近视率\\*   | %      | 50.6       | 力争每年降低 | 约束性 |
|          |                          |        |            | 0.5个百分点  |        |
|          |                          |        |            | 以上         |        |
+----------+--------------------------+--------+------------+--------------+--------+
| 健康服务 | 每千人口医疗卫生机构床位 | 张     | 6.40       | 7.50         | 预期性 |
|          | 数                       |        |            |              |        |
+----------+--------------------------+--------+------------+--------------+--------+
|          | 新建改扩建社区卫生服务中 | 个     | \\[40\\]     | \\[48\\]       | 约束性 |
|          | 心                       |        |            |              |        |
+----------+--------------------------+--------+------------+--------------+--------+

注：\\[ \\]内为五年累计数；带\\*号的指标为新增指标。

# 第二章 优化资源布局

表2 各区县医疗资源配置目标

<table>
<thead>
<tr>
<th rowspan="2">片区</th>
<th rowspan="2">区县</th>
<th colspan="2">床位数（张）</th>
<th colspan="2">执业医师数（人）</th>
</tr>
<tr>
<th>2025年</th>
<th>2030年</th>
<th>2025年</th>
<th>2030年</th>
</tr>
</thead>
<tbody>
<tr>
<td rowspan="2">中心城区</td>
<td>东湖区</td>
<td>5200</td>
<td>6100</td>
<td>2300</td>
<td>2800</td>
</tr>
<tr>
<td>西岭区</td>
<td>3100</td>
<td>3900</td>
<td>1400</td>
<td>1750</td>
</tr>
<tr>
<td rowspan="2">县</td>
<td>南溪县</td>
<td>2400</td>
<td>2650</td>
<td>1020</td>
<td>1180</td>
</tr>
<tr>
<td>北屏县</td>
<td>1900</td>
<td>2240</td>
<td>860</td>
<td>990</td>
</tr>
<tr>
<td colspan="2">全市合计</td>
<td>12600</td>
<td>14890</td>
<td>5580</td>
<td>6720</td>
</tr>
</tbody>
</table>

注：澄川经开区医疗资源纳入东湖区统计。

加强基层服务，推进社区卫生服务中心标准化建设[^2]。

+------------------------------------------------------------------------------+
| **专栏1 医疗服务能力提升工程**                                               |
|                                                                              |
| 1\\. 区域医疗中心建设。以澄川市人民医院为依托建设东院区，新增床位1000张，打  |
| 造心血管和肿瘤两个专科中心。                                                 |
|                                                                              |
| 2\\. 县级医院提标扩能。推动南溪县、北屏县人民医院新增床位600张。              |
+------------------------------------------------------------------------------+

::: {.box}
[专栏2 公共卫生能力提升工程]{.underline}

1\\. 疾控机构能力建设。完成市疾控中心迁建，市级疾控中心具备检测200种以上病原体的能力。

2\\. 紧急医疗救援基地建设。新增急救站点15个。
:::

重点做好以下人群的心理健康服务：

-   儿童青少年
-   老年人

<!-- -->

1.  到2030年，心理援助热线覆盖全市；
2.  中小学校心理健康教育教师配备率达到100%。

# 附件 {#附件 .unnumbered}

1.  澄川市“十五五”医疗卫生机构设置规划
2.  澄川市“十五五”中医药发展规划

[^1]: 床位数含公立和社会办医疗机构床位。

[^2]: 本规划中2025年数据均为快报数，全市常住人口为268万人。
"""


@pytest.fixture(scope="module")
def doc(tmp_path_factory):
    root = tmp_path_factory.mktemp("pandoc")
    path = root / "chengchuan.md"
    path.write_text(PLAN, encoding="utf-8")
    return load_documents(path)[0]


@pytest.fixture(scope="module")
def pandoc_assistant(tmp_path_factory):
    return plan_assistant(tmp_path_factory.mktemp("pandoc_ask"), PLAN, "chengchuan.md")


# ---------------------------------------------------------------- grid tables


def test_a_grid_table_is_one_table_its_wrapped_cells_joined(doc):
    t = next(t for t in doc.tables if t.number == "表1")
    assert t.columns == ("类别", "指标", "单位", "2025年基数", "2030年目标", "属性")
    keys = [r.key for r in t.records]
    assert keys == ["人均预期寿命", "儿童青少年总体近视率*", "每千人口医疗卫生机构床位数", "新建改扩建社区卫生服务中心"]
    myopia = t.records[1]
    assert myopia.cell("2030年目标") == "力争每年降低0.5个百分点以上"
    assert myopia.group == "健康水平"  # the 类别 cell left empty below its first row


def test_a_grid_indicator_table_keeps_units_attributes_and_cumulative_brackets(doc):
    rows = {r.name: r for r in doc.indicators}
    beds = rows["每千人口医疗卫生机构床位数"]
    assert (beds.unit, beds.baseline_raw, beds.target_raw, beds.attribute) == ("张", "6.40", "7.50", "预期性")
    centres = rows["新建改扩建社区卫生服务中心"]
    assert centres.target_raw == "[48]" and centres.cumulative and centres.attribute == "约束性"
    assert not any("\\" in r.name or "\\" in (r.target_raw or "") for r in doc.indicators)


def test_grid_rows_split_by_pipes_or_by_display_width():
    lines = ["+------+------+", "| 甲乙 | 12   |", "|      | 3    |", "+------+------+"]
    rows, end = grid_table(lines, 0)
    assert end == 4 and rows == [(1, [["甲乙", ""], ["12", "3"]])]
    # a cell holding a pipe: split at the border's columns (a Chinese character two columns wide)
    lines = ["+--------+------+", "| 甲|乙  | 5    |", "+--------+------+"]
    rows, _ = grid_table(lines, 0)
    assert rows[0][1] == [["甲|乙"], ["5"]]
    assert grid_table(["+---+", "not a row"], 0) is None


# ---------------------------------------------------------------- HTML tables


def test_spans_fill_every_place_they_cover():
    rows = [[("片区", 2, 1), ("床位", 1, 2)], [("2025年", 1, 1), ("2030年", 1, 1)],
            [("中心", 2, 1), ("东湖", 1, 1), ("1", 1, 1)], [("西岭", 1, 1), ("2", 1, 1)], [("合计", 1, 2), ("3", 1, 1)]]
    assert fill_spans(rows) == [("片区", "床位", "床位"), ("片区", "2025年", "2030年"), ("中心", "东湖", "1"),
                                ("中心", "西岭", "2"), ("合计", "合计", "3")]


def test_an_html_table_names_columns_by_group_and_year_and_groups_rows(doc):
    t = next(t for t in doc.tables if t.number == "表2")
    assert t.columns[2:] == ("床位数（张）/2025年", "床位数（张）/2030年", "执业医师数（人）/2025年", "执业医师数（人）/2030年")
    by_key = {r.key: r for r in t.records}
    assert by_key["西岭区"].group == "中心城区" and by_key["北屏县"].group == "县"
    assert by_key["北屏县"].cell("床位数（张）/2030年") == "2240"
    assert by_key["全市合计"].kind == "total" and by_key["全市合计"].cell("执业医师数（人）/2030年") == "6720"
    assert t.notes == ("注：澄川经开区医疗资源纳入东湖区统计。",)


def test_an_html_page_table_with_spans_and_a_caption():
    blocks = html_blocks("<p>正文。</p><table><caption>表3 项目</caption><tr><th>类别</th><th colspan='2'>投资</th></tr>"
                         "<tr><td rowspan='2'>交通</td><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr></table>")
    assert [b.text for b in blocks if isinstance(b, SourceLine)] == ["正文。", "表3 项目"]
    table = next(b for b in blocks if isinstance(b, SourceTable))
    assert table.rows == (("类别", "投资", "投资"), ("交通", "1", "2"), ("交通", "3", "4"))


@pytest.mark.parametrize("question, figures", [
    ("北屏县的执业医师数，25年和30年分别是多少？", ("860", "990")),
    ("西岭区床位数2025年和2030年各多少张", ("3100", "3900")),
    ("南溪县跟北屏县2030年床位数比一比", ("2650", "2240")),
])
def test_html_table_cells_are_answered(pandoc_assistant, question, figures):
    ans = pandoc_assistant.ask(question)
    assert not ans.refused and all(f in ans.answer for f in figures), ans.answer


# ---------------------------------------------------------------- boxes


def test_a_one_cell_grid_table_and_a_fenced_div_are_boxes(doc):
    boxes = {b.title: [p.name for p in b.projects] for b in doc.boxes}
    assert boxes["专栏1 医疗服务能力提升工程"] == ["区域医疗中心建设", "县级医院提标扩能"]
    assert boxes["专栏2 公共卫生能力提升工程"] == ["疾控机构能力建设", "紧急医疗救援基地建设"]
    first = next(b for b in doc.boxes if b.title.startswith("专栏1")).projects[0]
    assert "建设东院区，新增床位1000张，打造心血管" in first.description  # the wrapped line joined


@pytest.mark.parametrize("question, said", [
    ("专栏1里区域医疗中心建设新增多少床位", "1000张"),
    ("紧急医疗救援基地建设新增多少个急救站点", "15个"),
])
def test_box_items_are_answered(pandoc_assistant, question, said):
    ans = pandoc_assistant.ask(question)
    assert not ans.refused and said in ans.answer, ans.answer
    assert "\\\\" not in ans.answer and "1\\." not in ans.answer


# ---------------------------------------------------------------- headings, escapes, footnotes


def test_setext_headings_and_attributes_are_headings_without_their_marks(doc):
    titles = [s.title for s in doc.sections if s.kind != "front"]
    assert "总体要求" in titles and "发展目标" in titles and "优化资源布局" in titles
    assert not any("{" in t or "#" in t for t in titles)
    blocks = markdown_blocks(["标题一", "======", "", "第二节 目标", "-----", "", "正文"])
    assert [(b.text, b.style_level) for b in blocks if b.text] == [("标题一", 1), ("第二节 目标", 2), ("正文", None)]


@pytest.mark.parametrize("raw, plain", [
    ("1\\. 疾控机构能力建设。", "1. 疾控机构能力建设。"),
    ("近视率\\*", "近视率*"),
    ("\\[54\\]和〔60〕", "[54]和〔60〕"),
    ("甲\\|乙", "甲|乙"),
    ("[专栏3 基层行动]{.underline}", "专栏3 基层行动"),
    ("# 附件 {#附件 .unnumbered}", "# 附件"),
    ("医共体[^1]4个", "医共体4个"),
    ("面积100m^2^，CO~2~排放", "面积100m2，CO2排放"),
    ("正文<!-- 注释 -->继续", "正文继续"),
    ("面积<sup>2</sup>和<u>下划线</u>", "面积2和下划线"),
    ("10\\ 万人", "10 万人"),
])
def test_inline_marks_become_plain_text(raw, plain):
    assert inline(raw) == plain


def test_line_blocks_are_lines_without_their_marks():
    blocks = pandoc_blocks(["| 苍梧市人民政府办公室", "| 2026年3月18日", "| 甲 | 乙 |"])
    assert [b.text for b in blocks] == ["苍梧市人民政府办公室", "2026年3月18日", "| 甲 | 乙 |"]


def test_comments_and_div_fences_are_blank_lines_and_footnotes_lines_of_text():
    blocks = pandoc_blocks(["甲", "<!-- 一段", "注释 -->", "::: {.box}", "乙", ":::", "[^1]: 脚注正文，", "    接续。"])
    assert [b.text for b in blocks] == ["甲", "", "", "", "乙", "", "脚注正文，接续。"]


def test_footnotes_are_text_apart_from_the_annex_list(doc):
    annex = next(s for s in doc.sections if s.title == "附件")
    texts = [p.text for p in annex.paragraphs]
    assert texts[:2] == ["1. 澄川市“十五五”医疗卫生机构设置规划", "2. 澄川市“十五五”中医药发展规划"]
    assert "本规划中2025年数据均为快报数，全市常住人口为268万人。" in texts
    assert not [s for s in doc.sections if s.parent_id == annex.id]  # the listed names are no headings
    body = " ".join(p.text for s in doc.sections for p in s.paragraphs)
    assert "[^" not in body and "\\" not in body


@pytest.mark.parametrize("question, said", [
    ("儿童青少年近视率2030年目标是什么", "力争每年降低0.5个百分点以上"),
    ("新建改扩建社区卫生服务中心目标多少个", "[48]"),
    ("2027年每千人床位的中期目标是多少？", "6.90"),
])
def test_grid_indicators_are_answered_as_written(pandoc_assistant, question, said):
    ans = pandoc_assistant.ask(question)
    assert not ans.refused and said in ans.answer.replace("\\", ""), ans.answer
    assert "以上%" not in ans.answer  # no unit glued to a target written in words


# ---------------------------------------------------------------- lists and table notes


def test_bullet_markers_are_dropped_and_a_colon_line_lists_its_items():
    from assistant.text.sentences import items_after, sentences

    blocks = markdown_blocks(["重点做好以下人群的心理健康服务：", "", "-   儿童青少年", "*   老年人", "---", "——健康水平持续提升。"])
    assert [b.text for b in blocks if b.text] == ["重点做好以下人群的心理健康服务：", "儿童青少年", "老年人", "---",
                                                  "——健康水平持续提升。"]
    sents = sentences("重点做好以下人群的心理健康服务：\n儿童青少年\n老年人\n加强残疾预防和康复服务。")
    assert items_after(sents, 0) == ["儿童青少年", "老年人"]
    assert items_after(sentences("主要任务如下：\n加强残疾预防和康复服务，实施救助制度。"), 0) == []


@pytest.mark.parametrize("question", ["心理健康服务重点面向哪些人群？", "哪些人群是心理健康服务的重点"])
def test_a_bulleted_list_after_a_colon_is_quoted_whole(pandoc_assistant, question):
    ans = pandoc_assistant.ask(question)
    assert not ans.refused and "儿童青少年" in ans.answer and "老年人" in ans.answer, ans.answer


@pytest.mark.parametrize("question, history", [
    ("澄川经开区2030年床位数规划多少？", []),
    ("经开区的执业医师数是多少", []),
    ("经开区呢？", [{"question": "东湖区2030年床位数规划多少？", "answer": "6100张。"}]),
])
def test_a_thing_a_table_leaves_out_is_answered_by_its_note(pandoc_assistant, question, history):
    ans = pandoc_assistant.ask(question, history)
    assert not ans.refused and "纳入东湖区统计" in ans.answer, ans.answer
    assert pandoc_assistant.ask("东湖区2030年床位数规划多少？").answer.count("纳入东湖区统计") == 0


# ---------------------------------------------------------------- simple and multiline tables


MULTILINE = """\
  ------------------------------------------------------
  类别       指标                   单位    2030年目标
  ---------- ---------------------- ------- ------------
  健康水平   人均预期寿命           岁      80.5

             每千人口医疗卫生机构   张      7.50
             床位数
  ------------------------------------------------------
"""
SIMPLE = """\
  区县       床位数（张）   医师数（人）
  ---------- -------------- --------------
  东湖区     6100           2800
  西岭区     3900           1750
"""


@pytest.mark.parametrize("text, rows", [
    (MULTILINE, [("类别", "指标", "单位", "2030年目标"), ("健康水平", "人均预期寿命", "岁", "80.5"),
                 ("", "每千人口医疗卫生机构床位数", "张", "7.50")]),
    (SIMPLE, [("区县", "床位数（张）", "医师数（人）"), ("东湖区", "6100", "2800"), ("西岭区", "3900", "1750")]),
])
def test_simple_and_multiline_tables_are_tables(text, rows):
    tables = [b for b in pandoc_blocks(text.splitlines()) if isinstance(b, SourceTable)]
    assert len(tables) == 1 and list(tables[0].rows) == rows


def test_rules_that_are_no_table_stay_text():
    lines = ["标题", "----", "", "----------------", "", "正文一行", "-- --"]
    assert not [b for b in pandoc_blocks(lines) if isinstance(b, SourceTable)]


@pytest.mark.parametrize(("text", "plain"), [("a<!--x-->b<!--y-->c", "abc"), ("a<!--c", "a<!--c"),
                                             ("<!---->" + "<!--甲" * 3, "<!--甲" * 3), ("无注释", "无注释")])
def test_comments_are_taken_out_in_one_scan_and_an_unclosed_one_stays(text, plain):
    assert without_comments(text) == plain


def test_table_lines_never_closed_stay_text_and_a_closed_table_is_read():
    assert [b.text for b in pandoc_blocks(["<table>"] * 3 + ["正文"])] == ["<table>"] * 3 + ["正文"]
    blocks = pandoc_blocks(["正文", "<table><tr><td>甲县</td><td>12</td></tr></table>"])
    assert any(isinstance(b, SourceTable) and ("甲县", "12") in b.rows for b in blocks)
