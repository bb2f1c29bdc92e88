"""Ruled tables in typeset PDFs: a table continued over several pages is one table (header repeated or not),
wrapped cells are joined, a caption set as a bare label over its title line names the table, a landscape annex
table (附表 over its title) is the annex's own part, and running headers / "— N —" footers stay out."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.ingest import load_document
from assistant.ingest.readers import read_file
from assistant.types import DocMeta, SourceTable

_FONT = "STSong-Light"
TITLE = "样例市城市更新专项规划（2026—2030年）"
HEADER = ("序号", "项目名称", "所在区", "建设内容", "总投资（亿元）", "实施年限", "责任单位")
DISTRICTS = ("东城区", "西城区", "南湖区", "北岸区")


def _project(n: int) -> tuple[str, ...]:
    """A row whose name and content are long enough to wrap inside their cells."""
    return (str(n), f"第{n}片区老旧小区连片改造及配套设施提升项目", DISTRICTS[n % 4],
            f"改造老旧小区{n + 10}个，同步建设社区服务设施和公共停车库，整治沿街立面{n}公里",
            f"{n}.5", f"2026—{2027 + n % 4}年", f"{DISTRICTS[n % 4]}人民政府" if n % 3 else "市城市管理局")


def _build(path: Path, caption: tuple[str, ...], rows: list[tuple[str, ...]], repeat: bool,
           landscape: bool) -> Path:
    """A short plan, then the table on its own page(s): ``caption`` lines centred above it."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.pagesizes import landscape as turned
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate, Paragraph, Table

    pdfmetrics.registerFont(UnicodeCIDFont(_FONT))

    def style(name: str, size: float, align: int = 0, indent: float = 0) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=_FONT, fontSize=size, leading=size * 1.5, alignment=align,
                              firstLineIndent=indent, wordWrap="CJK")

    body, cell = style("body", 12, indent=24), style("cell", 9)

    def furniture(canvas, doc) -> None:
        w, h = canvas._pagesize
        canvas.saveState()
        canvas.setFont(_FONT, 9)
        canvas.drawCentredString(w / 2, h - 1.2 * cm, TITLE)
        canvas.drawCentredString(w / 2, 1.1 * cm, f"— {doc.page} —")
        canvas.restoreState()

    def template(name: str, size) -> PageTemplate:
        frame = Frame(2 * cm, 2 * cm, size[0] - 4 * cm, size[1] - 4 * cm, id=name)
        return PageTemplate(name, [frame], onPage=furniture, pagesize=size)

    table_size = turned(A4) if landscape else A4
    doc = BaseDocTemplate(str(path), pagesize=A4, pageTemplates=[template("portrait", A4),
                                                                 template("table", table_size)])
    story = [Paragraph("一、总体要求", style("h1", 16)),
             Paragraph("坚持人民至上，稳步推进城市更新，改善群众居住条件。", body),
             Paragraph("二、保障措施", style("h1", 16)),
             Paragraph("（一）加强组织领导", style("h2", 14)),
             Paragraph("建立市城市更新工作领导小组，统筹推进重点项目建设。", body),
             NextPageTemplate("table"), PageBreak()]
    story += [Paragraph(c, style(f"cap{i}", 16 if i == 0 and len(caption) > 1 else 12, align=1))
              for i, c in enumerate(caption)]
    width = table_size[0] - 4 * cm
    weights = [1, 4, 2, 6, 2, 2, 3][: len(rows[0])]
    grid = Table([[Paragraph(c, cell) for c in r] for r in rows], colWidths=[width * w / sum(weights) for w in weights],
                 repeatRows=1 if repeat else 0, style=[("GRID", (0, 0), (-1, -1), 0.5, "black")])
    story += [grid, Paragraph("注：以上项目建设内容和投资规模以最终批复为准。", style("note", 9))]
    doc.build(story)
    return path


def _pages_with_tables(path: Path) -> list[int]:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return [n for n, page in enumerate(pdf.pages, 1) if page.find_tables()]


@pytest.mark.parametrize("repeat", [True, False])
def test_a_table_over_three_pages_is_one_table(tmp_path, repeat):
    rows = [HEADER] + [_project(n) for n in range(1, 41)]
    path = _build(tmp_path / "three.pdf", ("表3 重点项目一览",), rows, repeat, landscape=False)
    pages = _pages_with_tables(path)
    assert len(pages) >= 3 and pages == list(range(pages[0], pages[0] + len(pages)))  # it really spans 3+ pages
    tables = [b for b in read_file(path).blocks if isinstance(b, SourceTable)]
    assert len(tables) == 1 and tables[0].rows == tuple(rows)  # wrapped cells joined, repeated headers dropped


@pytest.mark.parametrize("caption, title", [
    (("附表", "样例市城市更新重点项目清单"), "附表 样例市城市更新重点项目清单"),
    (("附表1", "“十五五”城市更新重点项目表"), "附表1 “十五五”城市更新重点项目表"),
])
def test_a_landscape_annex_table_is_its_own_part_named_by_its_caption(tmp_path, caption, title):
    rows = [HEADER] + [_project(n) for n in range(1, 25)]
    path = _build(tmp_path / "annex.pdf", caption, rows, repeat=True, landscape=True)
    assert len(_pages_with_tables(path)) >= 2
    doc = load_document(path, DocMeta("annex", TITLE))
    assert [t.title for t in doc.tables] == [title]
    table = doc.tables[0]
    assert table.heading_path == (title,)  # an annex after the plan, not part of 保障措施
    assert len(table.records) == 24 and table.records[-1].cell("责任单位") == "市城市管理局"
    assert table.records[6].cell("项目名称") == "第7片区老旧小区连片改造及配套设施提升项目"
    assert table.notes and table.notes[0].startswith("注：以上项目")
    assert {p.name for p in doc.projects} >= {"第24片区老旧小区连片改造及配套设施提升项目"}
    text = "\n".join(s.text for s in doc.sections)
    assert TITLE not in text and "—" not in text.replace("2026—", "")  # running header and page numbers dropped


@pytest.mark.parametrize("label", ["表2", "表 2：", "表2-1"])
def test_a_bare_table_label_takes_the_title_line_under_it(tmp_path, label):
    rows = [HEADER] + [_project(n) for n in range(1, 6)]
    path = _build(tmp_path / "label.pdf", (label, "城市更新重点项目安排"), rows, repeat=False, landscape=False)
    doc = load_document(path, DocMeta("label", TITLE))
    assert [t.title for t in doc.tables] == [f"{label} 城市更新重点项目安排"]
    assert doc.tables[0].heading_path[0] == "二、保障措施"


@pytest.mark.parametrize("mark", ["续表", "续表1", "表1（续）"])
def test_a_continuation_caption_between_the_pages_of_a_table_is_passed_over(tmp_path, mark):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table

    pdfmetrics.registerFont(UnicodeCIDFont(_FONT))
    text, cell = (ParagraphStyle(n, fontName=_FONT, fontSize=s, leading=s * 1.5, wordWrap="CJK")
                  for n, s in (("text", 12), ("cell", 9)))
    rows = [HEADER] + [_project(n) for n in range(1, 9)]

    def grid(part):
        return Table([[Paragraph(c, cell) for c in r] for r in part], style=[("GRID", (0, 0), (-1, -1), 0.5, "black")])

    path = tmp_path / "continued.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build([
        Paragraph("一、重点项目", text), Paragraph("表1 重点项目表", text), grid(rows[:5]), PageBreak(),
        Paragraph(mark, text), grid([HEADER] + rows[5:]), Paragraph("二、保障措施", text)])
    doc = load_document(path, DocMeta("continued", TITLE))
    assert [t.title for t in doc.tables] == ["表1 重点项目表"] and len(doc.tables[0].records) == 8
    assert mark not in "\n".join(s.text for s in doc.sections)


def test_a_header_of_two_rows_repeated_on_each_page_is_read_once(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    pdfmetrics.registerFont(UnicodeCIDFont(_FONT))
    text = ParagraphStyle("text", fontName=_FONT, fontSize=12, leading=18)
    head = [("序号", "指标名称", "单位", "目标值", ""), ("", "", "", "2027年", "2030年")]
    body = [(str(n), f"第{n}类城市更新指标", "个", str(10 + n), str(20 + n)) for n in range(1, 71)]
    grid = Table([list(r) for r in head + body], repeatRows=2,
                 style=[("GRID", (0, 0), (-1, -1), 0.5, "black"), ("SPAN", (3, 0), (4, 0)), ("SPAN", (0, 0), (0, 1)),
                        ("SPAN", (1, 0), (1, 1)), ("SPAN", (2, 0), (2, 1)), ("FONTNAME", (0, 0), (-1, -1), _FONT)])
    path = tmp_path / "two_rows.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build([Paragraph("表1 主要指标", text), grid])
    assert len(_pages_with_tables(path)) >= 2
    tables = [b for b in read_file(path).blocks if isinstance(b, SourceTable)]
    assert len(tables) == 1 and len(tables[0].rows) == 2 + 70
    assert [r[1] for r in tables[0].rows[2:]] == [r[1] for r in body]
