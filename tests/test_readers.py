"""Readers: every supported format yields the same line/table model; bad input fails with a clear message."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docgen import Box, Grid, Heading, Para, add_numbering, parse_plan, plan_to_docx, plan_to_pdf, set_numbering
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from assistant.errors import DocumentError, EmptyDocumentError, UnsupportedFormatError
from assistant.ingest.read_docx import Numbering, format_number
from assistant.ingest.read_pdf import is_page_number, is_toc_entry, join_wrapped
from assistant.ingest.read_text import decode_text, markdown_blocks
from assistant.ingest.readers import read_file
from assistant.types import SourceLine, SourceTable

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "yuzhong_open_highland_14th_fyp.txt"
TITLE = "渝中区内陆开放高地建设“十四五”规划"

SNIPPET = (
    "第一章  全面开创渝中对外开放新局面\n"
    "\n"
    "一、发展基础\n"
    "  “十三五”期间，开放平台体系更加健全。\n"
    "\t序号\n"
    "\t指标名称\n"
    "\n"
    "\t1\n"
    "\t自贸区新增注册企业数量\n"
    "备注：带【】为五年累计数\n"
)
SNIPPET_BIG5 = "第一章  全面開創渝中對外開放新局面\n\n一、發展基礎\n  “十三五”期間，開放平臺體系更加健全。\n\t序號\n\t指標名稱\n"


def lines_of(doc) -> list[str]:
    return [b.text for b in doc.blocks if isinstance(b, SourceLine)]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def yuzhong() -> str:
    return "".join(CORPUS.read_text(encoding="utf-8").splitlines(keepends=True)[:190])


# ---------------------------------------------------------------- text encodings


@pytest.mark.parametrize(
    ("codec", "text", "expected"),
    [
        ("utf-8", SNIPPET, "utf-8"),
        ("utf-8-sig", SNIPPET, "utf-8-sig"),
        ("utf-16", SNIPPET, "utf-16"),
        ("gbk", SNIPPET, "gbk"),
        ("gb18030", SNIPPET + "人名：王䶮\n", "gb18030"),
        ("big5", SNIPPET_BIG5, "big5"),
    ],
)
def test_text_round_trips_each_encoding(tmp_path, codec, text, expected):
    path = tmp_path / "plan.txt"
    path.write_bytes(text.encode(codec))
    doc = read_file(path)
    assert doc.fmt == "txt"
    assert doc.encoding.startswith(expected)
    assert lines_of(doc) == text.split("\n")[:-1]
    assert [b.lineno for b in doc.blocks] == list(range(1, len(doc.blocks) + 1))
    assert doc.warnings == ()


def test_text_keeps_tabs_blank_lines_and_crlf(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes(SNIPPET.replace("\n", "\r\n").encode("utf-8"))
    lines = lines_of(read_file(path))
    assert lines[1] == "" and lines[3].startswith("  “十三五”") and lines[4] == "\t序号"


def test_bad_bytes_are_replaced_with_a_warning_naming_the_line(tmp_path):
    good = SNIPPET.encode("utf-8").split(b"\n")
    good[2] = good[2] + b"\xff\xfe"  # damage line 3
    path = tmp_path / "damaged.txt"
    path.write_bytes(b"\n".join(good))
    doc = read_file(path)
    assert doc.encoding == "utf-8"
    assert len(doc.warnings) == 1 and "damaged.txt" in doc.warnings[0] and "3" in doc.warnings[0]
    expected = SNIPPET.split("\n")[:-1]
    got = lines_of(doc)
    assert got[2].startswith("一、发展基础") and "\ufffd" in got[2]
    assert got[:2] + got[3:] == expected[:2] + expected[3:]


def test_bad_bytes_in_gbk_file(tmp_path):
    data = SNIPPET.encode("gbk").split(b"\n")
    data[4] = data[4] + b"\x81"  # a lead byte with no trail byte, line 5
    path = tmp_path / "gbk.txt"
    path.write_bytes(b"\n".join(data))
    doc = read_file(path)
    assert doc.encoding == "gb18030"
    assert "第 5 行" in doc.warnings[0]
    assert lines_of(doc)[0] == "第一章  全面开创渝中对外开放新局面"


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", b"PK\x03\x04\x14\x00\x06\x00" + bytes(40)])
def test_binary_file_is_refused(tmp_path, data):
    path = tmp_path / "picture.txt"
    path.write_bytes(data)
    with pytest.raises(DocumentError, match="not a text document") as err:
        read_file(path)
    assert "picture.txt" in str(err.value)


@pytest.mark.parametrize("data", [b"", b"  \r\n\t\n\n", "\u3000\n".encode("utf-8")])
def test_empty_file_is_refused(tmp_path, data):
    path = tmp_path / "empty.md"
    path.write_bytes(data)
    with pytest.raises(EmptyDocumentError, match="empty") as err:
        read_file(path)
    assert "empty.md" in str(err.value)


@pytest.mark.parametrize("suffix", [".doc", ".wps", ".DOC"])
def test_old_word_formats_ask_for_docx(tmp_path, suffix):
    path = tmp_path / f"plan{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(UnsupportedFormatError, match="另存为 .docx") as err:
        read_file(path)
    assert f"plan{suffix}" in str(err.value)


def test_unknown_extension_lists_allowed_ones(tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"x")
    with pytest.raises(UnsupportedFormatError, match=r"\.txt \.md \.docx \.pdf"):
        read_file(path)


def test_missing_file(tmp_path):
    with pytest.raises(DocumentError, match="does not exist"):
        read_file(tmp_path / "nope.txt")


# ---------------------------------------------------------------- markdown


def test_markdown_headings_and_pipe_table(tmp_path):
    md = (
        "# 重庆市渝中区规划\n\n## 第一章 发展基础 ##\n正文 #不是标题\n#也不是标题\n\n"
        "| 序号 | 指标 | 2025年 |\n|:---|---|---:|\n| 1 | 外贸进出口额 | 120 |\n| 2 | a \\| b | 30 |\n\n"
        "```\n# 代码里的井号\n```\n###### 六级\n"
    )
    path = tmp_path / "plan.md"
    path.write_text(md, encoding="utf-8")
    doc = read_file(path)
    assert doc.fmt == "md"
    heads = [(b.text, b.style_level) for b in doc.blocks if isinstance(b, SourceLine) and b.style_level]
    assert heads == [("重庆市渝中区规划", 1), ("第一章 发展基础", 2), ("六级", 6)]
    tables = [b for b in doc.blocks if isinstance(b, SourceTable)]
    assert len(tables) == 1 and tables[0].lineno == 7
    assert tables[0].rows == (("序号", "指标", "2025年"), ("1", "外贸进出口额", "120"), ("2", "a | b", "30"))
    assert "# 代码里的井号" in lines_of(doc) and "#也不是标题" in lines_of(doc)


def test_markdown_blockquote_box_and_bold_are_plain_lines():
    blocks = markdown_blocks(["> 专栏3 数字基础设施重点工程", "> 1. **5G精品网络工程**：新建5G基站4200个。", ">", "正文"])
    assert [b.text for b in blocks] == ["专栏3 数字基础设施重点工程", "1. 5G精品网络工程：新建5G基站4200个。", "", "正文"]


def test_markdown_rule_is_not_a_table():
    blocks = markdown_blocks(["a | b", "---", "text"])
    assert all(isinstance(b, SourceLine) for b in blocks)


# ---------------------------------------------------------------- docx


def test_docx_headings_styles_and_body_order(tmp_path, yuzhong):
    doc = read_file(plan_to_docx(yuzhong, tmp_path / "plan.docx"))
    assert doc.fmt == "docx"
    blocks = doc.blocks
    heads = [(b.text, b.style_level) for b in blocks if isinstance(b, SourceLine) and b.style_level]
    assert heads[:4] == [("前  言", 1), ("第一章  全面开创渝中对外开放新局面", 1), ("一、发展基础", 2), ("二、面临环境", 2)]
    assert ("（一）发展机遇。", 3) in heads
    tables = [i for i, b in enumerate(blocks) if isinstance(b, SourceTable)]
    assert len(tables) == 1
    t = tables[0]
    assert blocks[t - 1].text.startswith("专栏1") and blocks[t + 1].text.startswith("备注")
    grid = next(p for p in parse_plan(yuzhong) if isinstance(p, Grid))
    assert blocks[t].rows == grid.rows
    assert blocks[t].rows[1] == ("一、开放平台",)  # the merged category row appears once
    assert [b.lineno for b in blocks] == list(range(1, len(blocks) + 1))


def test_docx_merged_cells_are_not_duplicated(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("表1 测试")
    table = d.add_table(rows=3, cols=3)
    for r, row in enumerate([["A", "B", "C"], ["d", "e", "F"], ["g", "h", "i"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(0, 0).merge(table.cell(0, 1)).text = "AB"
    table.cell(1, 2).merge(table.cell(2, 2)).text = "F"
    d.add_paragraph("后文")
    d.save(tmp_path / "merged.docx")
    blocks = read_file(tmp_path / "merged.docx").blocks
    assert [type(b).__name__ for b in blocks] == ["SourceLine", "SourceTable", "SourceLine"]
    assert blocks[1].rows == (("AB", "", "C"), ("d", "e", "F"), ("g", "h", ""))  # C stays under its column


AUTONUM = "第一章 发展基础\n第一节 开放通道\n一、通道建设\n（一）铁路\n（二）公路\n二、载体建设\n第二节 开放载体\n正文。\n第二章 发展目标\n第一节 总体目标\n"


def test_docx_autonumbered_headings_get_their_labels(tmp_path):
    import docx

    path = plan_to_docx(AUTONUM, tmp_path / "auto.docx", autonumber=True)
    typed = [p.text for p in docx.Document(str(path)).paragraphs]
    assert typed[:3] == ["发展基础", "开放通道", "通道建设"]  # the numbers live in numbering.xml
    got = [(b.text, b.style_level) for b in read_file(path).blocks]
    assert got == [
        ("第一章 发展基础", 1), ("第一节 开放通道", 2), ("一、通道建设", 3), ("（一）铁路", 4), ("（二）公路", 4),
        ("二、载体建设", 3), ("第二节 开放载体", 2), ("正文。", None), ("第二章 发展目标", 1), ("第一节 总体目标", 2),
    ]


def test_docx_autonumbered_corpus_matches_typed_text(tmp_path, yuzhong):
    plain = lines_of(read_file(plan_to_docx(yuzhong, tmp_path / "typed.docx")))
    auto = lines_of(read_file(plan_to_docx(yuzhong, tmp_path / "auto.docx", autonumber=True)))
    assert [squash(t) for t in auto] == [squash(t) for t in plain]


def test_docx_numbering_defined_on_the_style(tmp_path):
    import docx

    d = docx.Document()
    set_numbering(d.styles["Heading 2"], add_numbering(d, {"zhang": 1, "cn": 2}), 1)
    for text in ("总体要求", "主要任务", "保障措施"):
        d.add_paragraph(text, style="Heading 2")
    d.save(tmp_path / "style.docx")
    assert lines_of(read_file(tmp_path / "style.docx")) == ["一、总体要求", "二、主要任务", "三、保障措施"]


def test_docx_one_cell_box_is_read_as_lines(tmp_path, yuzhong):
    text = yuzhong + "".join(CORPUS.read_text(encoding="utf-8").splitlines(keepends=True)[190:205])
    doc = read_file(plan_to_docx(text, tmp_path / "box.docx", box_as_table=True))
    box = next(p for p in parse_plan(text) if isinstance(p, Box))
    lines = lines_of(doc)
    start = lines.index(box.title)
    assert lines[start : start + 2 + len(box.items)] == [box.title, *box.items, ""]  # a blank marks the box end
    assert sum(isinstance(b, SourceTable) for b in doc.blocks) == 1  # only the indicator table


def test_pdf_framed_box_is_read_as_lines_ending_with_a_blank(tmp_path, yuzhong):
    text = yuzhong + "".join(CORPUS.read_text(encoding="utf-8").splitlines(keepends=True)[190:240])
    doc = read_file(plan_to_pdf(text, tmp_path / "box.pdf", title=TITLE, box_as_table=True))
    lines = [squash(t) for t in lines_of(doc)]
    for box in (p for p in parse_plan(text) if isinstance(p, Box)):
        start = lines.index(squash(box.title))
        assert lines[start : start + 2 + len(box.items)] == [squash(t) for t in (box.title, *box.items)] + [""]
    assert sum(isinstance(b, SourceTable) for b in doc.blocks) == 1  # frames are not tables


def test_docx_table_of_contents_is_left_out(tmp_path):
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    d = docx.Document()
    d.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
    d.add_paragraph("第一章 发展基础\t3", style="toc 1")
    d.add_paragraph("第一章 发展基础", style="Heading 1")
    d.save(tmp_path / "toc.docx")
    assert lines_of(read_file(tmp_path / "toc.docx")) == ["第一章 发展基础"]


_TEXTBOX = """<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
  xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
  xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml">
 <w:r><mc:AlternateContent>
  <mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent>
   <w:p><w:r><w:t>专栏1 重点工程</w:t></w:r></w:p><w:p><w:r><w:t>1.项目一</w:t></w:r></w:p>
  </w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>
  <mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>
   <w:p><w:r><w:t>专栏1 重点工程</w:t></w:r></w:p><w:p><w:r><w:t>1.项目一</w:t></w:r></w:p>
  </w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>
 </mc:AlternateContent></w:r><w:r><w:t>锚定段落</w:t></w:r><w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del></w:p>"""


def test_docx_text_box_is_read_once_after_its_anchor(tmp_path):
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    d.add_paragraph("前文")._p.addnext(parse_xml(_TEXTBOX))
    d.save(tmp_path / "box.docx")
    assert lines_of(read_file(tmp_path / "box.docx")) == ["前文", "锚定段落", "专栏1 重点工程", "1.项目一", ""]


def test_empty_docx_is_refused(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("  ")
    d.save(tmp_path / "blank.docx")
    with pytest.raises(EmptyDocumentError, match="blank.docx"):
        read_file(tmp_path / "blank.docx")


@pytest.mark.parametrize(("data", "match"), [(b"not a zip at all", "damaged"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "另存为 .docx")])
def test_broken_docx_raises_document_error(tmp_path, data, match):
    path = tmp_path / "broken.docx"
    path.write_bytes(data)
    with pytest.raises(DocumentError, match=match) as err:
        read_file(path)
    assert "broken.docx" in str(err.value)


def test_number_formats():
    assert [format_number(n, "chineseCounting") for n in (1, 10, 11, 20, 23, 100)] == ["一", "十", "十一", "二十", "二十三", "一百"]
    assert format_number(3, "decimal") == "3"
    assert format_number(2, "decimalEnclosedCircle") == "②"
    assert format_number(4, "upperRoman") == "IV"
    assert format_number(2, "chineseLegalSimplified") == "贰"


def test_numbering_restarts_lower_levels():
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    root = parse_xml(
        f'<w:numbering {nsdecls("w")}><w:abstractNum w:abstractNumId="1">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1章"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/><w:isLgl/></w:lvl>'
        '</w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="8"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
        "</w:numbering>"
    )
    n = Numbering(root)
    got = [n.label("7", 0), n.label("7", 1), n.label("7", 1), n.label("7", 0), n.label("7", 1), n.label("8", 0)]
    assert got == ["第一章", "1.1", "1.2", "第二章", "2.1", "第五章"]
    assert n.label("99", 0) is None


# ---------------------------------------------------------------- pdf


def _pdf_tables_by_page(path: Path) -> list[int]:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return [n for n, page in enumerate(pdf.pages, 1) for _ in page.find_tables()]


@pytest.fixture(scope="module")
def yuzhong_pdf(tmp_path_factory, yuzhong) -> Path:
    return plan_to_pdf(yuzhong, tmp_path_factory.mktemp("pdf") / "yuzhong.pdf", title=TITLE)


def test_pdf_table_split_across_pages_is_merged(yuzhong_pdf, yuzhong):
    pages = _pdf_tables_by_page(yuzhong_pdf)
    assert len(pages) == 2 and pages[1] == pages[0] + 1  # the generator really split it
    doc = read_file(yuzhong_pdf)
    assert doc.fmt == "pdf"
    tables = [b for b in doc.blocks if isinstance(b, SourceTable)]
    grid = next(p for p in parse_plan(yuzhong) if isinstance(p, Grid))
    assert len(tables) == 1 and tables[0].rows == grid.rows and tables[0].page == pages[0]
    assert len(grid.rows) == 25 and ("五、开放环境",) in grid.rows


def test_pdf_repeated_header_row_is_dropped(tmp_path, yuzhong):
    path = plan_to_pdf(yuzhong, tmp_path / "repeat.pdf", title=TITLE, repeat_header=True)
    tables = [b for b in read_file(path).blocks if isinstance(b, SourceTable)]
    grid = next(p for p in parse_plan(yuzhong) if isinstance(p, Grid))
    assert len(tables) == 1 and tables[0].rows == grid.rows


def test_pdf_drops_running_header_and_page_numbers(yuzhong_pdf):
    lines = lines_of(read_file(yuzhong_pdf))
    assert not any(is_page_number(t) for t in lines)
    assert not any(squash(t) == squash(TITLE) for t in lines)
    assert not any("—" in t and re.search(r"\d", t) and len(t) < 10 for t in lines)


def test_pdf_rejoins_wrapped_paragraphs(yuzhong_pdf, yuzhong):
    doc = read_file(yuzhong_pdf)
    got = [squash(t) for t in lines_of(doc)]
    pieces = parse_plan(yuzhong)
    expected = [squash(p.text) for p in pieces if isinstance(p, (Heading, Para))]
    expected += [squash(t) for p in pieces if isinstance(p, Box) for t in (p.title, *p.items)]
    missing = [e[:20] for e in expected if e not in got]
    assert not missing
    assert all(b.page for b in doc.blocks)
    assert [b.lineno for b in doc.blocks] == list(range(1, len(doc.blocks) + 1))


def test_scanned_pdf_asks_for_ocr(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    for _ in range(2):
        c.rect(72, 72, 300, 400, fill=1)
        c.line(72, 500, 500, 500)
        c.showPage()
    c.save()
    with pytest.raises(DocumentError, match="OCR") as err:
        read_file(path)
    assert "scan.pdf" in str(err.value)


def test_encrypted_and_corrupt_pdfs_raise_document_error(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    locked = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(locked), encrypt=StandardEncryption("secret", canPrint=0))
    c.drawString(72, 700, "plan")
    c.save()
    with pytest.raises(DocumentError, match="encrypted"):
        read_file(locked)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nnot really\n")
    with pytest.raises(DocumentError, match="damaged") as err:
        read_file(broken)
    assert "broken.pdf" in str(err.value)


def test_page_number_and_wrap_rules():
    assert all(is_page_number(t) for t in ("— 12 —", "- 12 -", "12", "第12页", "第 3 页 共 10 页", "3/10"))
    assert not any(is_page_number(t) for t in ("12个", "第一章", "2025年"))
    assert is_toc_entry("第一章 发展基础……………………3") and is_toc_entry("一、发展基础 . . . . . . 12")
    assert not is_toc_entry("到2025年，外贸进出口额达到120亿元。")
    assert join_wrapped("开放", "高地") == "开放高地" and join_wrapped("open", "highland") == "open highland"


# ---------------------------------------------------------------- properties

_CORPUS_CHARS = sorted(set(CORPUS.read_text(encoding="utf-8")) - set("\r\n\t \u3000"))
_NEWLINE = re.compile(r"\r\n|\r|\n")


def _lines(text: str) -> list[str]:
    """Lines as an editor shows them: CRLF, CR or LF ends a line; a final newline opens no new one."""
    lines = _NEWLINE.split(text)
    return lines[:-1] if len(lines) > 1 and lines[-1] == "" else lines


def _nonblank(text: str) -> list[str]:
    return [ln for ln in _lines(text) if ln.strip()]


def _read_bytes(tmp_path: Path, data: bytes):
    path = tmp_path / "prop.txt"
    path.write_bytes(data)
    return read_file(path)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(), codec=st.sampled_from(["utf-8", "gb18030"]))
def test_any_text_reads_or_fails_cleanly(tmp_path, text, codec):
    assume(not text.startswith("\ufeff"))
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        assume(False)
    try:
        doc = _read_bytes(tmp_path, data)
    except DocumentError:
        return
    got = [b.text for b in doc.blocks]
    assert len(got) == len(_lines(text))  # no line lost or invented, whatever the detected encoding
    if codec == "utf-8" or doc.encoding in ("gb18030", "gbk"):
        assert [t for t in got if t.strip()] == _nonblank(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.sampled_from(_CORPUS_CHARS + ["\n", "\t", " "]), min_size=20))
def test_chinese_text_survives_gb18030(tmp_path, text):
    assume(text.strip())
    doc = _read_bytes(tmp_path, text.encode("gb18030"))
    assert doc.encoding in ("gbk", "gb18030", "utf-8")
    assert [b.text for b in doc.blocks if b.text.strip()] == _nonblank(text)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".md", ".docx", ".pdf"]))
def test_arbitrary_bytes_never_escape_as_other_errors(tmp_path, data, suffix):
    path = tmp_path / f"junk{suffix}"
    path.write_bytes(data)
    try:
        read_file(path)
    except DocumentError as err:
        assert f"junk{suffix}" in str(err)


def test_decode_text_is_pure():
    decoded = decode_text("一\n二\n".encode("gbk"))
    assert decoded.lines == ("一", "二") and decoded.encoding == "gbk" and decoded.bad_lines == ()
