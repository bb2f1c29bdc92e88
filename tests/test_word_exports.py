"""Plans uploaded as Word files the way offices export them, built in tmp_path with python-docx: an indicator table
whose header spans two rows (目标值 merged across its year columns, 指标名称 / 单位 / 基期 / 属性 merged down both rows,
full-width category rows), a 类别 cell merged down its rows, heading-styled headings whose numbers were lost, a
专栏 drawn as a one-cell table, a closing list of the annexes; and the questions they answer (fake embedder)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import hashing_settings

from assistant.ingest.loader import load_document

TITLE = "松岭区推进养老服务高质量发展三年行动方案（2026—2028年）"
YEARS = ("2026年", "2027年", "2028年目标")
INDICATORS = (  # (category row, or name, unit, base, 2026, 2027, 2028, attribute)
    ("一、服务设施",),
    ("养老床位总数", "张", "4100", "4300", "4600", "5000", "预期性"),
    ("护理型床位占比", "%", "55", "60", "64", "68", "约束性"),
    ("社区养老服务站覆盖率", "%", "78", "88", "100", "100", "约束性"),
    ("街道（镇）综合养老服务中心数量", "个", "5", "7", "9", "9", "约束性"),
    ("二、要素保障",),
    ("养老护理员持证上岗率", "%", "70", "78", "84", "90", "约束性"),
    ("福彩公益金用于养老的比例", "%", "≥55", "≥55", "≥55", "≥55", "约束性"),
)
BOX = ("专栏 养老服务设施重点建设项目",
       "1. 松岭区社会福利院二期工程。位于北山街道，新建建筑面积1.8万平方米，新增养老床位400张，2027年建成。",
       "2. 枫桥街道综合养老服务中心。位于枫桥街道滨河社区，改扩建建筑面积2600平方米，设置养老床位60张，2026年底前建成。",
       "3. 石门镇区域性养老服务中心。由石门镇敬老院改造，床位由70张增至120张，2027年建成。")
BODY = (
    ("title", TITLE),
    ("h1", "总体要求"),
    ("h2", "（一）主要目标"),
    ("p", "到2028年，全区养老床位总数达到5000张，护理型床位占比达到68%。"),
    ("h1", "重点任务"),
    ("h2", "（一）完善养老服务设施"),
    ("p", "推进街道综合养老服务中心建设，每个街道建成1个综合养老服务中心。"),
    ("box", BOX),
    ("h2", "（二）壮大人才队伍"),
    ("p", "每年培训养老护理员1200人次，到2028年养老护理员持证上岗率达到90%。"),
    ("h1", "保障措施"),
    ("h2", "（一）加强组织领导"),
    ("p", "成立区养老服务工作领导小组，统筹推进各项任务。"),
    ("h2", "（二）加大资金投入"),
    ("p", "区财政每年安排养老服务专项资金不少于2000万元。"),
    ("p", "附件：1. 重点任务分工表"),
    ("p", "2. 主要指标"),
    ("h1", "附件2 主要指标"),
    ("indicators", INDICATORS),
    ("p", "注：“≥”表示不低于。"),
)


def _merged_header_table(d, rows, years=YEARS, group="目标值", title_row: str | None = None):
    """The indicator table as Word draws it: a two-row header, the group cell merged across the year columns, the
    other header cells merged down both rows, each category row one cell merged across the table."""
    width = 4 + len(years)
    top = 1 if title_row else 0
    table = d.add_table(rows=top + 2 + len(rows), cols=width)
    if title_row:
        table.cell(0, 0).merge(table.cell(0, width - 1)).text = title_row
    for c, text in ((0, "指标名称"), (1, "单位"), (2, "2025年基期"), (width - 1, "指标属性")):
        table.cell(top, c).merge(table.cell(top + 1, c)).text = text
    table.cell(top, 3).merge(table.cell(top, 2 + len(years))).text = group
    for k, year in enumerate(years):
        table.cell(top + 1, 3 + k).text = year
    for r, row in enumerate(rows, top + 2):
        if len(row) == 1:
            table.cell(r, 0).merge(table.cell(r, width - 1)).text = row[0]
            continue
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    return table


def _box_table(d, lines):
    cell = d.add_table(rows=1, cols=1).cell(0, 0)
    cell.text = lines[0]
    cell.paragraphs[0].runs[0].bold = True
    for line in lines[1:]:
        cell.add_paragraph(line)


def plan_docx(path: Path, body=BODY) -> Path:
    import docx

    d = docx.Document()
    for kind, content in body:
        if kind == "title":
            d.add_paragraph(content, style="Title")
        elif kind in ("h1", "h2"):
            d.add_paragraph(content, style="Heading 1" if kind == "h1" else "Heading 2")
        elif kind == "p":
            d.add_paragraph(content)
        elif kind == "box":
            _box_table(d, content)
        else:
            _merged_header_table(d, content)
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))
    return path


@pytest.fixture(scope="module")
def plan(tmp_path_factory) -> Path:
    return plan_docx(tmp_path_factory.mktemp("word") / "songling.docx")


@pytest.fixture(scope="module")
def doc(plan):
    return load_document(plan)


@pytest.fixture(scope="module")
def asked(tmp_path_factory, plan):
    from assistant.index.embed import HashingEmbedder
    from assistant.index.indexer import build_index
    from assistant.pipeline import Assistant

    root = tmp_path_factory.mktemp("asked")
    plan_docx(root / "corpus" / plan.name)
    settings = hashing_settings(root, root / "corpus")
    build_index(settings.sources, settings.index_dir, HashingEmbedder())
    return Assistant.open(settings, embedder=HashingEmbedder(), rebuild=False)


# ---------------------------------------------------------------- tables


def test_a_group_cell_over_year_columns_makes_one_column_per_year(doc):
    t = next(t for t in doc.tables if t.indicators)
    assert t.columns == ("指标名称", "单位", "2025年基期", "目标值/2026年", "目标值/2027年", "目标值/2028年目标", "指标属性")
    row = next(r for r in t.indicators if r.name == "护理型床位占比")
    assert [(v.year, v.raw) for v in row.values] == [("2025", "55"), ("2026", "60"), ("2027", "64"), ("2028", "68")]
    assert (row.baseline_year, row.baseline_raw, row.target_year, row.target_raw) == ("2025", "55", "2028", "68")
    assert row.unit == "%" and row.attribute == "约束性" and row.category == "一、服务设施"
    assert len(t.indicators) == 6  # the sub-header row is no indicator, nor are the category rows


@pytest.mark.parametrize(("years", "group", "base", "target"), [
    (("2027年", "2030年"), "规划目标", "2025", "2030"),  # the base column named 基期, not the one before the target
    (("2026", "2027", "2028"), "年度目标", "2025", "2028"),  # years written without 年
    (("2026年目标", "2028年目标"), "预期目标", "2025", "2028"),
])
def test_other_group_headers_over_year_columns(tmp_path, years, group, base, target):
    import docx

    d = docx.Document()
    d.add_paragraph("表1 主要指标")
    rows = [("一、设施",), ("养老床位总数", "张", "4100", *("4500",) * (len(years) - 1), "5000", "预期性")]
    _merged_header_table(d, rows, years, group)
    d.save(str(tmp_path / "p.docx"))
    (row,) = load_document(tmp_path / "p.docx").indicators
    assert (row.baseline_year, row.target_year, row.target_raw) == (base, target, "5000")
    assert len(row.values) == len(years) + 1 or len(years) + 1 == 2


def test_a_title_row_inside_the_table_is_passed_over(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("一、发展目标", style="Heading 1")
    _merged_header_table(d, INDICATORS[:3], title_row="表1 主要指标")
    d.save(str(tmp_path / "p.docx"))
    rows = {r.name: r for r in load_document(tmp_path / "p.docx").indicators}
    assert set(rows) == {"养老床位总数", "护理型床位占比"}
    assert rows["养老床位总数"].target_raw == "5000" and rows["养老床位总数"].baseline_raw == "4100"


def test_a_category_cell_merged_down_its_rows_groups_them(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("表1 主要指标")
    body = [("设施网络", "铁路营业里程", "公里", "356", "468"), ("", "高速公路通车里程", "公里", "412", "520"),
            ("运输服务", "机场旅客吞吐量", "万人次", "1120", "1800"), ("", "港口货物吞吐量", "万吨", "6850", "9000")]
    table = d.add_table(rows=1 + len(body), cols=5)
    for c, text in enumerate(("类别", "指标", "单位", "2025年", "2030年")):
        table.cell(0, c).text = text
    for r, row in enumerate(body, 1):
        for c, text in enumerate(row[1:], 1):
            table.cell(r, c).text = text
    for first in (1, 3):  # 类别 merged down its two rows, written once
        table.cell(first, 0).merge(table.cell(first + 1, 0)).text = body[first - 1][0]
    d.save(str(tmp_path / "p.docx"))
    doc = load_document(tmp_path / "p.docx")
    (t,) = doc.tables
    assert [(r.group, r.key) for r in t.records] == [("设施网络", "铁路营业里程"), ("设施网络", "高速公路通车里程"),
                                                     ("运输服务", "机场旅客吞吐量"), ("运输服务", "港口货物吞吐量")]
    assert [r.category for r in doc.indicators] == ["设施网络", "设施网络", "运输服务", "运输服务"]


# ---------------------------------------------------------------- headings, 专栏, annexes


def test_heading_styled_headings_that_lost_their_numbers_are_numbered_in_order(doc):
    top = [s for s in doc.sections if s.level == 1 and s.kind == "styled"]
    assert [(s.number, s.title) for s in top] == [("一", "总体要求"), ("二", "重点任务"), ("三", "保障措施")]
    assert all(s.path == (s.title,) for s in top)  # the titles stay as written


@pytest.mark.parametrize("body", [
    (("h1", "一、总体要求"), ("h2", "（一）主要目标"), ("h1", "重点任务"), ("h2", "（一）完善设施")),  # one is numbered
    (("h1", "总体要求"), ("p", "正文。"), ("h1", "重点任务"), ("p", "正文。")),  # nothing numbered below them
])
def test_headings_are_not_numbered_without_the_evidence(tmp_path, body):
    doc = load_document(plan_docx(tmp_path / "p.docx", body))
    assert not [s.number for s in doc.sections if s.kind == "styled" and s.number]


def test_a_one_cell_table_is_a_box_of_projects(doc):
    (box,) = doc.boxes
    assert box.title == BOX[0]
    assert [p.name for p in box.projects] == ["松岭区社会福利院二期工程", "枫桥街道综合养老服务中心", "石门镇区域性养老服务中心"]


def test_the_closing_list_of_annexes_is_text_and_the_annex_heading_names_its_table(doc):
    assert not any("重点任务分工表" in s.title or s.title.endswith("主要指标") and s.kind != "preface" and
                   s.kind != "table" for s in doc.sections)
    assert any(p.text == "附件：1. 重点任务分工表" for s in doc.sections for p in s.paragraphs)
    annex = next(s for s in doc.sections if s.kind == "preface")
    assert annex.title == "附件2 主要指标" and annex.level == 1  # beside the top-level parts, as its Heading 1 says
    assert next(t for t in doc.tables if t.indicators).title == "附件2 主要指标"


# ---------------------------------------------------------------- questions


@pytest.mark.parametrize("question", ["护理型床位占比2027年要到多少", "护理型床位占比27年的目标是多少",
                                      "护理型床位占比基期是多少，2028年呢"])
def test_a_year_column_under_the_group_header_answers(asked, question):
    ans = asked.ask(question)
    assert not ans.refused and "64%" in ans.answer and "68%" in ans.answer and "55%" in ans.answer


@pytest.mark.parametrize("question", ["方案第三部分讲的是什么", "第三部分主要讲啥", "行动方案的第三部分是哪些内容"])
def test_a_part_by_its_place_among_headings_that_lost_their_numbers(asked, question):
    ans = asked.ask(question)
    assert not ans.refused and "保障措施" in ans.answer and "加强组织领导" in ans.answer


@pytest.mark.parametrize("question", ["枫桥街道那个综合养老服务中心规模多大", "枫桥街道综合养老服务中心建多大面积",
                                      "枫桥街道的综合养老服务中心设置多少张床"])
def test_a_project_named_outright_is_answered_not_the_row_sharing_its_words(asked, question):
    ans = asked.ask(question)
    assert not ans.refused and "2600平方米" in ans.answer and "60张" in ans.answer


@pytest.mark.parametrize("question", ["福彩公益金用于养老的比例有没有硬性要求", "福彩公益金用于养老的比例是不是硬性规定",
                                      "福彩公益金用于养老的比例算硬约束吗"])
def test_a_binding_requirement_asked_is_the_rows_attribute(asked, question):
    ans = asked.ask(question)
    assert not ans.refused and "约束性" in ans.answer and "55" in ans.answer


@pytest.mark.parametrize("question", ["方案里养老护理员平均工资要涨到多少", "养老护理员工资待遇要提到多少",
                                      "养老护理员的年收入目标定了多少"])
def test_a_measure_no_row_names_is_not_answered_by_a_row_sharing_its_subject(asked, question):
    ans = asked.ask(question)
    assert not ans.indicators  # not the row 养老护理员持证上岗率: another measure of the same subject
