"""Plans uploaded as real Word and PDF files: a 合计 cell merged across columns keeps its total under its column,
an unnumbered 附表： caption names the table below it, an unnumbered 专栏 is a box, a 主要指标 header is an
indicator table."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.ingest.loader import load_document
from assistant.ingest.readers import read_file
from assistant.types import SourceTable

HEADER = ("序号", "项目名称", "建设内容及规模", "总投资（万元）", "建设年限", "责任单位")
PROJECTS = (
    ("1", "县人民医院新院区建设项目", "新建业务用房9.6万平方米", "58000", "2026—2029年", "县人民医院"),
    ("2", "县医养结合中心", "设置医养结合床位400张", "15000", "2027—2030年", "县民政局"),
)
INDICATORS = (
    ("领域", "主要指标", "单位", "2025年基期值", "2030年目标值", "指标属性"),
    ("健康水平", "人均预期寿命", "岁", "79.3", "80.2", "预期性"),
    ("健康保障", "个人卫生支出占卫生总费用的比重", "%", "27.4", "≤26", "约束性"),
)
BODY = (
    ("h", "霁山县“十五五”卫生健康事业发展规划（2026—2030年）"),
    ("h", "一、发展目标"),
    ("p", "到2030年，县域医疗服务能力显著增强。"),
    ("p", "表1 霁山县主要指标"),
    ("t", INDICATORS),
    ("h", "二、主要任务"),
    ("p", "建设县医养结合中心，设置医养结合床位400张。"),
    ("p", "专栏 “十五五”卫生健康重点工程"),
    ("p", "1. 县级医院提标扩能工程：县人民医院新院区。"),
    ("p", "2. 医养结合工程：县医养结合中心。"),
    ("p", ""),
    ("h", "三、保障措施"),
    ("p", "加强组织领导，确保各项任务落地见效。"),
    ("p", "附表：霁山县“十五五”卫生健康重点项目表"),
    ("t", (HEADER, *PROJECTS, ("合计", "", "", "73000", "", ""))),
)


def _pdf(path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("b", fontName="STSong-Light", fontSize=11, leading=16, wordWrap="CJK")
    cell = ParagraphStyle("c", fontName="STSong-Light", fontSize=8, leading=11, wordWrap="CJK")
    story = []
    for kind, content in BODY:
        if kind == "t":
            rows = [[Paragraph(c, cell) for c in r] for r in content]
            style = [("GRID", (0, 0), (-1, -1), 0.5, "black")]
            if content[-1][0] == "合计":
                style.append(("SPAN", (0, len(rows) - 1), (2, len(rows) - 1)))  # 合计 over 序号…建设内容
            story += [Table(rows, style=style), Spacer(1, 6)]
        elif content:
            story.append(Paragraph(content, body))
        else:
            story.append(Spacer(1, 12))
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def _docx(path: Path) -> Path:
    import docx

    d = docx.Document()
    for kind, content in BODY:
        if kind == "h":
            d.add_paragraph(content, style="Heading 1")
        elif kind == "p":
            d.add_paragraph(content)
        else:
            table = d.add_table(rows=len(content), cols=len(content[0]))
            for r, row in enumerate(content):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
            if content[-1][0] == "合计":
                last = len(content) - 1
                table.cell(last, 0).merge(table.cell(last, 2)).text = "合计"
    d.save(str(path))
    return path


@pytest.fixture(scope="module", params=["pdf", "docx"])
def upload(request, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp(request.param)
    return (_pdf if request.param == "pdf" else _docx)(folder / f"jishan.{request.param}")


def test_cell_merged_across_columns_keeps_the_row_aligned(upload):
    tables = [b for b in read_file(upload).blocks if isinstance(b, SourceTable)]
    assert tables[-1].rows[-1] == ("合计", "", "", "73000", "", "")


def test_total_row_value_sits_under_its_column(upload):
    doc = load_document(upload)
    projects = next(t for t in doc.tables if t.header == HEADER)
    total = next(r for r in projects.records if r.kind == "total")
    assert dict(total.cells)["总投资（万元）"] == "73000"


def test_unnumbered_annex_caption_names_its_table(upload):
    doc = load_document(upload)
    assert any(t.title == "附表：霁山县“十五五”卫生健康重点项目表" and t.header == HEADER for t in doc.tables)
    assert not any("附表" in p.text for s in doc.sections for p in s.paragraphs)  # the caption is not body text


def test_unnumbered_box_is_a_box(upload):
    doc = load_document(upload)
    assert [b.title for b in doc.boxes] == ["专栏 “十五五”卫生健康重点工程"]
    assert [p.name for p in doc.boxes[0].projects] == ["县级医院提标扩能工程", "医养结合工程"]


def test_main_indicator_header_is_an_indicator_table(upload):
    doc = load_document(upload)
    table = next(t for t in doc.tables if t.title.startswith("表1"))
    by_name = {r.name: r for r in table.indicators}
    assert set(by_name) == {"人均预期寿命", "个人卫生支出占卫生总费用的比重"}
    assert by_name["个人卫生支出占卫生总费用的比重"].attribute == "约束性"
