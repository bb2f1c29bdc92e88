"""A plan copied out of a PDF as text (pdftotext -layout, or select-all and copy): lines hard-wrapped mid-sentence
and between a number and its unit, a running header that repeats the title and a page number at every page break
(inside a paragraph and inside a table), an indicator table with 序号 and 指标 one space apart and its 类别 written
once beside the middle of its rows, a numbered note whose second item starts with a year, and an annex project table
with a wrapped header cell, wrapped name and content cells and a page break inside it. The hand-written plan is in
tests/data/layouts/pdf_text_copy.txt."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.ingest.loader import load_document
from assistant.ingest.outline import render_outline
from assistant.types import Document

PLAN = Path(__file__).parent / "data" / "layouts" / "pdf_text_copy.txt"


@pytest.fixture(scope="module")
def doc() -> Document:
    return load_document(PLAN)


def test_title_kept_from_the_cover_though_it_is_also_the_running_header(doc):
    assert doc.meta.title.startswith("青岚市“十五五”综合交通运输发展规划")


def test_no_page_furniture_in_the_text_and_sentences_joined_across_wraps_and_pages(doc):
    texts = [p.text for s in doc.sections if s.kind != "front" for p in s.paragraphs]
    assert not any("— " in t or t.strip() == "青岚市“十五五”综合交通运输发展规划" for t in texts)
    assert "比2020年增加96公里。" in next(t for t in texts if t.startswith("2025年全市公路通车里程"))
    assert any(t.endswith("提升货运服务质量和效率，形成较为完善的现代物流服务网络。") for t in texts)


def test_headings_in_their_forms(doc):
    outline = render_outline(doc)
    for heading in ("第一章 发展基础", "  一、运输能力明显增强", "    （二）货运物流更加高效", "第三章 重点任务"):
        assert heading + "\n" in outline
    assert "2.2025年" not in outline


def test_indicator_rows_take_their_centred_category_and_wrapped_names(doc):
    rows = {r.name: r for r in doc.indicators}
    assert set(rows) == {"公交分担率", "轨道交通运营里程", "城乡公交一体化发展水平等级", "多式联运量", "冷链运输占比"}
    assert [rows[n].category for n in ("公交分担率", "轨道交通运营里程", "城乡公交一体化发展水平等级")] == ["客运"] * 3
    assert rows["冷链运输占比"].category == "货运" and rows["冷链运输占比"].cumulative
    assert (rows["多式联运量"].unit, rows["多式联运量"].baseline_year, rows["多式联运量"].baseline_raw) == ("万吨", "2025", "120")


def test_numbered_note_keeps_an_item_that_starts_with_a_year(doc):
    table = next(t for t in doc.tables if t.indicators)
    assert table.notes == ("注：1.〔 〕内为五年累计数。", "2.2025年数据为预计数。")


def test_annex_project_rows_across_a_page_break_with_the_wrapped_header(doc):
    annex = next(t for t in doc.tables if t.projects)
    assert annex.columns == ("序号", "项目名称", "建设内容", "总投资（亿元）", "建设年限")
    names = [p.name for p in annex.projects]
    assert names == ["青岚东站综合客运枢纽改造工程", "港区铁路专用线", "农村公路提档升级工程"]
    last = annex.records[2]
    assert (last.cell("建设内容"), last.cell("总投资（亿元）")) == ("改造农村公路300公里，新建桥梁20座", "3.4")
    assert annex.records[-1].kind == "total" and annex.records[-1].cell("总投资（亿元）") == "17.2"


@pytest.fixture(scope="module")
def asked(tmp_path_factory):
    from conftest import plan_assistant

    return plan_assistant(tmp_path_factory.mktemp("pdf_copy"), PLAN.read_text(encoding="utf-8"), PLAN.name).ask


def test_a_row_named_by_one_compound_word_is_answered_from_the_table(asked):
    """多式联运量 is one word of the corpus dictionary (a row is named so): that one key term picks the row retrieval
    ranks first, the rest of the question being the asker's own words (a question naming an area keeps needing two
    terms: tests/test_behaviours.py, 重庆全市…外贸进出口总额)."""
    ans = asked("多式联运量这个指标啥属性，2030年不能低于多少？")
    assert not ans.refused and "260万吨" in ans.answer and "预期性" in ans.answer


def test_annex_project_investment_and_a_cumulative_note_said_once(asked):
    assert "5.2亿元" in asked("港区铁路专用线总投资多少").answer
    ans = asked("冷链运输占比2025年的基数是多少")
    assert "18%" in ans.answer and "注：1.〔 〕内为五年累计数" in ans.answer and "注：注" not in ans.answer
