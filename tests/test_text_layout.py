"""Plain-text exports that keep a PDF's page layout: page furniture, hard-wrapped lines, space-aligned tables."""

from __future__ import annotations

from assistant.ingest.read_text import text_blocks
from assistant.ingest.text_layout import (
    aligned_table,
    centred_spans,
    continues,
    furniture,
    page_numbers,
    width,
    wrap_width,
)
from assistant.types import SourceLine, SourceTable

_BODY = [f"这是第{n}行正文，用来填满一页纸的内容，直到右边距为止再折行继续写下" for n in range(14)]


def _paged() -> list[str]:
    return (["某市文件"] + _BODY + ["", "- 1 -", "", "某市文件"] + _BODY + ["", "- 2 -", "", "某市文件", "结束。"])


def test_page_numbers_form_a_chain_a_page_apart():
    lines = _paged()
    assert [lines[i] for i in page_numbers(lines)] == ["- 1 -", "- 2 -"]


def test_one_cell_per_line_numbers_are_not_page_numbers():
    lines = ["指标", "单位", "2025年", "1", "甲", "个", "12", "2", "乙", "个", "30", "约束性"]
    assert page_numbers(lines) == []
    assert furniture(lines) == set()


def test_running_header_next_to_page_numbers_is_furniture():
    lines = _paged()
    gone = {lines[i] for i in furniture(lines)}
    assert gone == {"- 1 -", "- 2 -", "某市文件"}


def test_wrapped_file_lines_are_joined_across_a_page_break():
    lines = ["甲乙丙丁" * 9 + "，", "戊己庚辛" * 9 + "约42万", "吨，全部用于还田利用。"] * 4
    lines = lines + ["", "- 1 -", ""] + ["前面没有说完的一句话在这里继续写下去直到页边距为止再折行"] * 13 + ["", "- 2 -", ""]
    blocks = text_blocks(lines)
    texts = [b.text for b in blocks if isinstance(b, SourceLine) and b.text]
    assert texts[0].endswith("约42万吨，全部用于还田利用。")
    assert not any(t.strip("- ") in ("1", "2") for t in texts)


def test_a_heading_alone_on_its_line_is_not_joined():
    wrap = 36
    assert not continues("一、基础设施建设仍不均衡", "部分村庄重建设、轻管护，经费主要靠县财政。", wrap)
    assert continues("一、坚持因地制宜。根据平原、丘陵、山区不同地形和村庄人口规模", "，合理确定整治标准。", wrap)
    assert not continues("这一句已经完整地结束了，后面的一行另起一段。", "下一段落的开头。", wrap)


def test_whole_paragraph_lines_are_not_a_wrapped_file():
    assert wrap_width(["这是一整段话，一行就是一个段落，句号结束了这一段文字。"] * 20) is None


def test_space_aligned_table_with_wrapped_cells_and_a_total_row():
    lines = [
        "序号   名称              内容                    投资（万元）",
        "1      甲项目            新建道路3公里，改造     120",
        "                         桥梁2座",
        "2      乙项目二期        新建泵站1座             80",
        "       扩建工程",
        "       合计                                      200",
        "",
        "正文另起一段。",
    ]
    rows, end = aligned_table(lines, 0, set())
    assert rows == [("序号", "名称", "内容", "投资（万元）"), ("1", "甲项目", "新建道路3公里，改造桥梁2座", "120"),
                    ("2", "乙项目二期扩建工程", "新建泵站1座", "80"), ("", "合计", "", "200")]
    assert lines[end - 1].strip().startswith("合计")


def test_space_aligned_table_becomes_a_source_table():
    lines = ["表1 主要指标", "序号  指标            单位   2025年   2030年", "1     甲覆盖率        %      60       80",
             "2     乙数量          个     3        9", "", "说明文字。"]
    blocks = text_blocks(lines)
    tables = [b for b in blocks if isinstance(b, SourceTable)]
    assert len(tables) == 1 and tables[0].rows[2] == ("2", "乙数量", "个", "3", "9")


def test_prose_with_double_spaces_is_not_a_table():
    lines = ["第一章  总则", "这一段话  中间有两个空格，但它是正文。", "另一段话。"]
    assert not any(isinstance(b, SourceTable) for b in text_blocks(lines))


def test_page_numbers_in_other_shapes():
    for a, b in (("第 1 页 共 2 页", "第 2 页 共 2 页"), ("1/2", "2/2"), ("— 1 —", "— 2 —")):
        lines = _BODY + [a] + _BODY + [b]
        assert [lines[i] for i in page_numbers(lines)] == [a, b]


def test_paragraphs_too_wide_for_a_page_are_not_a_hard_wrapped_file():
    """A legal-database export whose paragraphs often end without a full stop (titles, 专栏 runs) is not wrapped:
    no page holds a line of 80-odd characters, so its short metadata lines ending in a number stay apart."""
    paragraph = "推进园区数字化改造和企业上云，建设行业级平台并开展试点示范，形成可复制推广的经验做法" * 2
    lines = ["【引证码】 CLI.12.4638041", "原文链接：https://example.org/a1b2"] + [paragraph + str(n) for n in range(12)]
    assert wrap_width(lines) is None
    narrow = [paragraph[:34] for _ in range(12)]
    assert wrap_width(narrow) == 34


def _at(*cells: tuple[int, str]) -> str:
    """A line with each text starting at its display column, as a PDF-to-text export aligns a table."""
    out = ""
    for col, text in cells:
        out += " " * max(col - width(out), 1 if out else 0) + text
    return out


def test_centred_group_names_one_space_header_and_key_column_continuations():
    """类别 written once beside the middle of its rows, 序号 and 指标 one space apart in the header, a wrapped name
    continued on a line that leaves 序号 empty (though 类别 is empty on most rows too)."""
    lines = [
        _at((0, "类别"), (10, "序号 指标"), (38, "单位"), (46, "2025年"), (55, "2030年")),
        _at((10, "1"), (15, "公交分担率"), (38, "%"), (46, "42"), (55, "50")),
        _at((0, "客运"), (10, "2"), (15, "轨道交通运营里程"), (38, "公里"), (46, "38"), (55, "95")),
        _at((10, "3"), (15, "城乡公交一体化发展"), (38, "级"), (46, "4"), (55, "5")),
        _at((15, "水平等级")),
        _at((0, "货运"), (10, "4"), (15, "多式联运量"), (38, "万吨"), (46, "120"), (55, "260")),
        _at((10, "5"), (15, "冷链运输占比"), (38, "%"), (46, "18"), (55, "30")),
        "注：数据为预计数。",
    ]
    rows, end = aligned_table(lines, 0, set())
    assert rows == [("类别", "序号", "指标", "单位", "2025年", "2030年"),
                    ("客运", "1", "公交分担率", "%", "42", "50"),
                    ("客运", "2", "轨道交通运营里程", "公里", "38", "95"),
                    ("客运", "3", "城乡公交一体化发展水平等级", "级", "4", "5"),
                    ("货运", "4", "多式联运量", "万吨", "120", "260"),
                    ("货运", "5", "冷链运输占比", "%", "18", "30")]
    assert end == 7


def test_centred_spans_put_each_name_on_the_middle_of_its_rows():
    assert centred_spans([2, 7, 10, 13, 16, 18], 20) == [(0, 4), (5, 9), (10, 11), (12, 14), (15, 17), (18, 19)]
    assert centred_spans([1, 3], 5) == [(0, 2), (3, 4)]
    assert centred_spans([0, 1], 5) is None  # a name on the first row: not centred (carried down elsewhere)


def test_wrapped_header_cell_and_the_header_repeated_under_a_continuation_caption_after_a_page_break():
    header = _at((0, "序号 项目名称"), (23, "建设内容"), (51, "总投资"), (60, "建设年限"))
    lines = [
        header,
        _at((51, "（亿元）")),
        _at((0, "1"), (5, "东站综合客运"), (23, "建设换乘大厅"), (51, "8.6"), (60, "2026—2028年")),
        _at((5, "枢纽工程"), (23, "和停车场")),
        "", "— 3 —", "", "                续表1", header,
        _at((0, "2"), (5, "港区专用线"), (23, "新建专用线12公里"), (51, "5.2"), (60, "2027—2029年")),
        _at((5, "合计"), (51, "13.8")),
    ]
    rows, _ = aligned_table(lines, 0, {5})
    assert rows == [("序号", "项目名称", "建设内容", "总投资（亿元）", "建设年限"),
                    ("1", "东站综合客运枢纽工程", "建设换乘大厅和停车场", "8.6", "2026—2028年"),
                    ("2", "港区专用线", "新建专用线12公里", "5.2", "2027—2029年"),
                    ("", "合计", "", "13.8", "")]


def test_a_running_header_that_repeats_the_title_is_kept_on_the_cover():
    lines = ["        某市交通规划", "", "某市人民政府"] + _BODY + ["", "- 1 -", "", "某市交通规划"] + _BODY + [
        "", "- 2 -", "", "某市交通规划"] + _BODY + ["", "- 3 -"]
    gone = furniture(lines)
    assert 0 not in gone and {i for i, ln in enumerate(lines) if ln == "某市交通规划"} <= gone


def test_the_last_page_number_may_follow_a_short_page():
    lines = _BODY + ["- 1 -"] + _BODY + ["- 2 -", "最后一页只有一行。", "", "- 3 -", ""]
    assert [lines[i] for i in page_numbers(lines)] == ["- 1 -", "- 2 -", "- 3 -"]


def test_a_sentence_cut_by_a_page_break_joins_over_the_blank_line_under_the_header():
    lines = (["某市文件"] + _BODY + ["", "- 1 -", "", "某市文件", ""] + _BODY[:-1]
             + ["后面这句话还没有说完，翻到下一页接着写，直到页边距为止再折行继续写下", "", "- 2 -", "", "某市文件", "",
                "下一页才写完。", "另起一段。"])
    texts = [b.text for b in text_blocks(lines) if isinstance(b, SourceLine) and b.text.strip()]
    assert "下一页才写完。" not in texts and any(t.endswith("继续写下下一页才写完。") for t in texts)


def test_group_names_on_the_first_row_of_each_group_and_rows_without_bare_numbers():
    """类别 on each group's first row: rows of bracketed or ratio values (no bare number) are rows of their own,
    told by their 序号, and the names stay for the table reader to carry down."""
    lines = [
        _at((0, "类别"), (10, "序号"), (16, "指标"), (40, "2025年"), (50, "2030年")),
        _at((0, "产业"), (10, "1"), (16, "新增龙头企业"), (40, "〔12〕"), (50, "〔20〕")),
        _at((10, "2"), (16, "加工产值与农业"), (40, "2.1:1"), (50, "2.5:1")),
        _at((16, "产值之比")),
        _at((0, "生态"), (10, "3"), (16, "新增示范村"), (40, "〔30〕"), (50, "〔45〕")),
        _at((10, "4"), (16, "森林覆盖率"), (40, "52"), (50, "55")),
    ]
    rows, _ = aligned_table(lines, 0, set())
    assert rows[1:] == [("产业", "1", "新增龙头企业", "〔12〕", "〔20〕"), ("", "2", "加工产值与农业产值之比", "2.1:1", "2.5:1"),
                        ("生态", "3", "新增示范村", "〔30〕", "〔45〕"), ("", "4", "森林覆盖率", "52", "55")]
