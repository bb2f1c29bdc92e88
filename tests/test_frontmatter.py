"""Front matter, chrome, contents and extraction noise on small hand-written files (tests/data/noisy)."""

from __future__ import annotations

from pathlib import Path

from conftest import accounted_lines

from assistant.ingest.loader import load_documents
from assistant.ingest.readers import read_file
from assistant.ingest.segment import segment
from assistant.types import RawDocument, SourceLine

DATA = Path(__file__).parent / "data" / "noisy"


def _heads(doc):
    return [s.path[-1] for s in doc.sections if s.kind not in ("title", "front", "table")]


def _texts(doc):
    return [p.text for s in doc.sections for p in s.paragraphs]


def test_a_notice_issuing_two_documents_gives_two_with_shared_metadata():
    first, second = load_documents(DATA / "notice_two_docs.txt")
    assert (first.doc_id, second.doc_id) == ("notice_two_docs", "notice_two_docs-2")
    assert first.meta.title == "江州市数据产业若干政策"
    assert second.meta.title == "江州市数据产业发展行动计划（2023－2025年）"
    for d in (first, second):
        assert (d.meta.issuer, d.meta.doc_number, d.meta.date) == ("江州市人民政府办公室", "江府办发〔2023〕7号",
                                                                   "2023年3月1日")
    assert any("现印发给你们" in t for t in _texts(first))  # the notice is the first one's preamble
    assert _heads(second) == ["一、总体要求", "二、重点任务", "（一）建设算力设施"]


def test_site_chrome_is_metadata_never_text():
    docs = load_documents(DATA / "notice_two_docs.txt")
    chrome = {p.text for d in docs for p in d.chrome}
    assert {"索引号：11500000/2023-00042", "主题分类：综合政务", "浏览次数：88", "字号 大中小", "打印本页",
            "关闭窗口"} <= chrome
    assert not any(c in t for d in docs for t in _texts(d) for c in chrome)
    lines = (DATA / "notice_two_docs.txt").read_text(encoding="utf-8").split("\n")
    assert accounted_lines(docs, lines) == []


def test_contents_page_debris_repeats_and_run_in_headings():
    (doc,) = load_documents(DATA / "toc_noise.md")
    assert doc.meta.title == "临川县乡村物流发展规划（2024-2028年）"  # a title broken by a space and a line
    assert _heads(doc) == ["前言", "一、发展基础", "（一）现状", "1．网点建设", "二、发展目标", "（一）总体目标",
                           "1.1网络布局", "1.2服务提升"]  # each once: the 目录 is not the outline
    assert len(doc.toc) == 5 and doc.toc[0].text == "目 录"
    texts = _texts(doc)
    assert "全县已建成乡镇物流站 1 2 个，覆盖率达到 8 0 %左右，物流企业逐步向村级延伸，服务能力明显提升。" in texts
    assert sum("村级物流点覆盖率" in t for t in texts) == 1 and len(doc.repeats) == 1
    assert not any("免责声明" in t or "原文" in t or t in ("II", "* * *") for t in texts)
    lines = (DATA / "toc_noise.md").read_text(encoding="utf-8").split("\n")
    assert accounted_lines([doc], lines) == []


def test_saved_web_page_reads_text_and_tables_and_drops_navigation():
    raw = read_file(DATA / "saved_page.html")
    text = " ".join(getattr(b, "text", "") for b in raw.blocks)
    assert "首页" not in text and "不是正文" not in text and "版权所有" not in text
    (doc,) = load_documents(DATA / "saved_page.html")
    assert doc.meta.title == "某县综合交通发展规划（2024-2030年）"
    assert doc.meta.date == "2024-06-18"  # no notice or signature: the page's publication line, as written
    assert _heads(doc) == ["第一章 发展基础", "第二章 发展目标"]
    assert doc.tables and doc.tables[0].rows[0][:2] == ("公路里程（公里）", "1200")
    assert not any("索引号" in t or "打印本页" in t for t in _texts(doc))


def _events(*lines):
    raw = RawDocument("t.txt", "txt", tuple(SourceLine(i, t) for i, t in enumerate(lines, 1)))
    events, _ = segment(raw)
    return [(e.kind, e.form.display if e.form else e.text) for e in events if e.kind != "blank"]


def test_headings_run_together_are_split():
    assert _events("第一篇 总体部署 第一章 发展方向") == [("heading", "第一篇 总体部署"), ("heading", "第一章 发展方向")]
    assert _events("第一章 发展方向", "坚持城乡统筹，建设惠民物流网络。第二节 主要路径") == [
        ("heading", "第一章 发展方向"), ("para", "坚持城乡统筹，建设惠民物流网络。"), ("heading", "第二节 主要路径")]


def test_decimal_headings_follow_the_chapter_numbering():
    got = _events("第一章 现状", "1.1经济发展", "1.1.1人口", "2.5万辆汽车", "第二章 目标", "2.1总体目标")
    assert got == [("heading", "第一章 现状"), ("heading", "1.1经济发展"), ("heading", "1.1.1人口"),
                   ("para", "2.5万辆汽车"), ("heading", "第二章 目标"), ("heading", "2.1总体目标")]


def test_a_plan_opening_at_its_first_section_keeps_it_at_the_top():
    raw = RawDocument("t.txt", "txt", tuple(SourceLine(i, t) for i, t in enumerate(
        ["第一节 规划概述", "正文一。", "第二章 现状分析", "第一节 社会经济", "正文二。"], 1)))
    from assistant.ingest.parser import parse
    from assistant.types import DocMeta

    doc = parse(raw, DocMeta("t", "t"))
    assert [(s.level, s.path[-1]) for s in doc.sections] == [(1, "第一节 规划概述"), (1, "第二章 现状分析"),
                                                             (2, "第一节 社会经济")]


def test_spacing_noise_is_normalised_for_matching_and_numbers_only():
    from assistant.text.numbers import matching_form, numbers_in

    assert numbers_in("到 2 0 2 5 年，降低 1 2 %左右") == ("2025", "12")
    assert matching_form("时间 2 0 ∶4 5 ∶3 5") == "时间 20∶45∶35"
    assert matching_form("发展 ， 提升（ 2 0 2 5 年 ）") == "发展，提升（2025 年）"
    assert numbers_in("1. 5G基站") == ("1", "5")  # a list number before 5G is not 1.5
    assert matching_form("2020 2025") == "2020 2025"
    (doc,) = load_documents(DATA / "toc_noise.md")  # citations keep the source as written
    assert any("1 2 个" in t for t in _texts(doc))


def test_search_tokens_join_spaced_digits_only():
    from assistant.text.numbers import join_spaced_digits

    assert join_spaced_digits("到 2 0 2 5 年") == "到 2025 年"
    assert join_spaced_digits("覆盖率 50 %") == "覆盖率 50 %"  # an indexed plan's tokens do not move


def test_an_uploaded_notice_adds_every_document_it_issues(corpus_copy):
    from assistant.index.embed import HashingEmbedder
    from assistant.pipeline import Assistant

    a = Assistant.open(corpus_copy, embedder=HashingEmbedder(), rebuild=False)
    data = (Path(__file__).parent / "data" / "noisy" / "notice_two_docs.txt").read_bytes()
    report = a.add_document(data, "notice.txt")
    assert report.also, "the report names the second document the notice issues"
    assert "同一文件还印发了" in report.summary() and report.also[0] in report.summary()
    titles = {d.meta.title for d in a.documents}
    assert report.title in titles and set(report.also) <= titles
