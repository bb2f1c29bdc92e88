"""A web page copied as text (chrome, metadata fields one per line, a table flattened to one cell per line, a 附件
list) parses into the plan's own structure. Hand-written fixture: tests/data/layouts/webpage_copy.txt."""

from __future__ import annotations

from pathlib import Path

from assistant.ingest.loader import load_document

DOC = Path(__file__).parent / "data" / "layouts" / "webpage_copy.txt"


def test_chrome_and_field_pairs_are_metadata_not_the_title():
    doc = load_document(DOC)
    assert doc.meta.title == "河岑市“十四五”社区食堂建设规划"
    assert (doc.meta.issuer, doc.meta.doc_number, doc.meta.date) == ("河岑市人民政府办公室", "河政办〔2024〕3号",
                                                                     "2024年2月6日")
    chrome = {p.text for p in doc.chrome}
    assert {"当前位置：首页 > 信息公开 > 专项规划", "00112233MB0A/2024-00017", "发布机构：", "扫一扫在手机打开当前页",
            "河岑市关于老年助餐的通知", "主办：河岑市人民政府办公室"} <= chrome
    text = " ".join(p.text for s in doc.sections for p in s.paragraphs)
    assert "扫一扫" not in text and "索引号" not in text and "相关链接" not in text


def test_one_cell_per_line_table_under_its_caption_becomes_rows():
    doc = load_document(DOC)
    (table,) = doc.tables
    assert table.header == ("指标名称", "单位", "2020年", "2025年", "属性")
    assert table.rows == (("社区食堂数量", "个", "21", "90", "预期性"), ("助餐服务人次", "万人次", "〔8〕", "〔40〕", "预期性"))
    assert table.notes == ("注：〔〕内为五年累计数。",)
    rows = {r.name: r for r in table.indicators}
    assert (rows["社区食堂数量"].target_year, rows["社区食堂数量"].target) == ("2025", 90)
    assert rows["助餐服务人次"].cumulative


def test_a_titled_annex_is_a_heading_over_its_items():
    doc = load_document(DOC)
    annex = next(s for s in doc.sections if s.title.startswith("附件"))
    assert annex.level == 1 and "重点项目" in annex.title
    assert [p.text for p in annex.paragraphs] == ["附件：河岑市社区食堂重点项目（共2项）"]  # its figures stay text
    box = next(b for b in doc.boxes if b.title.startswith("附件"))
    assert [p.name for p in box.projects] == ["东片中心食堂", "西片助餐点"]
    assert "总投资300万元" in box.projects[0].text
    assert not any(s.title.startswith("附件") for s in doc.sections if s.parent_id is not None and s.kind != "box")


def test_an_annex_of_plain_numbered_sentences_is_no_project_box(tmp_path):
    f = tmp_path / "plan.txt"
    f.write_text("某县规划\n一、总则\n正文。\n附件：有关说明\n1. 本规划由县政府负责解释。\n2. 本规划自印发之日起施行。\n",
                 encoding="utf-8")
    doc = load_document(f)
    assert not any(b.title.startswith("附件") for b in doc.boxes)


def test_a_flattened_table_without_a_caption_is_still_rows(tmp_path):
    f = tmp_path / "plan.txt"
    f.write_text("某县规划\n一、目标\n主要指标如下表。\n指标\n单位\n2025年\n甲数量\n个\n5\n"
                 "乙比例\n%\n40\n二、措施\n正文。\n", encoding="utf-8")
    (table,) = load_document(f).tables
    assert table.rows == (("甲数量", "个", "5"), ("乙比例", "%", "40"))
    assert table.header == ("指标", "单位", "2025年")


def test_a_project_is_cited_from_the_table_or_box_it_sits_in():
    """A project row of a numbered table (表2) outside any heading that names it: the citation's heading path
    ends with the table, so the table's number in the answer's label has a source."""
    from assistant.answer.structured import project_part
    from assistant.types import DocMeta, Document, Project

    p = Project("d", "东岭污水管网工程", "东岭污水管网工程：新建管网12公里", "表2 重点项目表", "s3", ("第三章 重点工程",), 40)
    doc = Document(DocMeta("d", "样例县规划", ("样例县",)), "d.txt", "", (), (), (), ())
    part = project_part(doc, p)
    assert part.evidence[0].heading_path == ("第三章 重点工程", "表2 重点项目表")
    boxed = Project("d", "东岭水厂", "东岭水厂：新建水厂1座", "专栏1 水厂工程", "s3", ("第三章", "专栏1 水厂工程"), 41)
    assert project_part(doc, boxed).evidence[0].heading_path == ("第三章", "专栏1 水厂工程")
