"""Plan text that is the OCR of a scanned page: tables whose cells stand apart by any gap, lines cut mid-word and
mid-number, noisy headings and OCR'd brackets around cumulative figures."""

from __future__ import annotations

import pytest

from assistant.ingest.forms import heading_form
from assistant.ingest.ocr_table import tokens
from assistant.ingest.read_text import text_blocks
from assistant.ingest.text_layout import continues
from assistant.text.numbers import is_cumulative, marked_figure, parse_value, to_halfwidth
from assistant.types import SourceLine, SourceTable
from tests.conftest import plan_assistant


def _tables(lines: list[str]) -> list[SourceTable]:
    return [b for b in text_blocks(lines) if isinstance(b, SourceTable)]


_INDICATORS = [
    "表1　主要指标",
    "类别      指   标                单位   2025年    2030年   属性",
    "                                        基数      目标",
    "供水保障 城乡供水覆盖率     % 98.6    ≥99    预期性",
    "农村自来水普及率    %     92.3  95     约束性",
    "新建供水管网 | 公里 | 〔1126〕     【1480〕    预期性",
    "生态治理  水土流失治理面积  平方公里 | 320   (450]  约束性",
    "河湖水质优良比例 ％ 85.2  90 约束性",
    "注:[ ]内为五年累计数。",
]


def test_an_ocr_indicator_table_is_read_by_its_count_of_cells():
    [t] = _tables(_INDICATORS)
    assert t.rows[0] == ("类别", "指标", "单位", "2025年基数", "2030年目标", "属性")
    assert t.rows[1] == ("供水保障", "城乡供水覆盖率", "%", "98.6", "≥99", "预期性")
    assert t.rows[2] == ("供水保障", "农村自来水普及率", "%", "92.3", "95", "约束性")  # the merged 类别 cell
    assert t.rows[3] == ("供水保障", "新建供水管网", "公里", "〔1126〕", "【1480〕", "预期性")
    assert t.rows[4][:2] == ("生态治理", "水土流失治理面积") and t.rows[5][0] == "生态治理"


def test_an_ocr_table_across_a_page_break_with_a_second_header_line_and_a_total():
    body = [f"这一行是正文内容第{n}行，用来填满一页纸直到右边距为止再折" for n in range(14)]
    lines = body + [
        "表2　各镇新增学位",
        "镇街  新增学位合计    其中：    其中：",
        "              （个）        小学    初中",
        "东城镇   5400    3600 1800",
        "西城镇 | 4200   2400  1800",
        "",
        "— 1 —",
        "",
        "南城镇     4950  3000    1950",
        "合计    14550 | 9000     5550",
        "",
        "说明：以上为规划数。",
    ] + body[:12] + ["", "- 2 -", ""]
    [t] = _tables(lines)
    assert t.rows[0] == ("镇街", "新增学位合计（个）", "其中：小学", "其中：初中")
    assert [r[0] for r in t.rows[1:]] == ["东城镇", "西城镇", "南城镇", "合计"]
    assert t.rows[-1] == ("合计", "14550", "9000", "5550")


def test_wrapped_cells_of_an_ocr_project_table_join_their_row():
    lines = [
        "序号  项目名称          建设内容及规模          总投资    建设年限   责任单位",
        "                                               （亿元）",
        "1     东城第三幼儿园 | 新建，15班，建筑面积     0.58  2026—2027   区教育局、东城街",
        "          6800平方米            道办事处",
        "2  西城中心幼儿园（新 新建，12班 0.49     2028—2029   西城镇人民政府",
        "          址）",
        "3 | 南城实验学校  新建九年一贯制学校    4.6     2026—2028 区教育局、区城投集团",
        "          ，72班",
        "合计  5.67",
        "附件 2",
    ]
    [t] = _tables(lines)
    assert t.rows[0][3] == "总投资（亿元）"
    assert t.rows[1] == ("1", "东城第三幼儿园", "新建，15班，建筑面积6800平方米", "0.58", "2026—2027",
                         "区教育局、东城街道办事处")
    assert t.rows[2][1] == "西城中心幼儿园（新址）"
    assert t.rows[3][2] == "新建九年一贯制学校，72班"
    assert t.rows[4][0] == "合计" and t.rows[4][3] == "5.67"


def test_a_space_aligned_table_keeps_its_columns():
    lines = [
        "指标                  单位    2025年    2030年",
        "城乡供水覆盖率        %       98.6      99",
        "新建 供水管网         公里    〔1126〕  〔1480〕",
        "",
        "正文另起一段。",
    ]
    [t] = _tables(lines)
    assert t.rows[2] == ("新建 供水管网", "公里", "〔1126〕", "〔1480〕")  # one space inside a cell stays inside it


@pytest.mark.parametrize("line, cells", [
    ("甲   乙 | 丙", ("甲", "乙", "丙")),
    ("甲｜乙  丙", ("甲", "乙", "丙")),
    ("  甲 〔5.82〕", ("甲", "〔5.82〕")),
])
def test_ocr_cell_gaps(line, cells):
    assert tokens(line).texts == cells


@pytest.mark.parametrize("cell, figure", [("(0.5]", "0.5"), ("【6.45〕", "6.45"), ("[5.82)", "5.82"), ("〔3000〕", "3000")])
def test_ocr_read_brackets_still_mark_a_cumulative_figure(cell, figure):
    assert is_cumulative(cell) and marked_figure(cell)[0] == figure and parse_value(cell) == float(figure)


@pytest.mark.parametrize("cell", ["(0.5)", "（含）", "（3）", "95"])
def test_round_brackets_on_both_sides_are_no_mark(cell):
    assert not is_cumulative(cell)


WRAP = 28


@pytest.mark.parametrize("a, b", [
    ("学校（幼儿园）268所，在校生（在园幼儿）21.7万人，专任教师", "1.58万人。临港片区学位紧张问题得到缓解。"),
    ("建成东城区教师发展中心，建筑面积为二万平方米，总建筑面积", "1.2万平方米，总投资1.6亿元。"),
    ("全市农村集中供水率达到九成以上，人均日生活用水量达到", "12.5升，比上年有所提高。"),
])
def test_a_line_cut_at_the_margin_runs_on_into_a_decimal_figure(a, b):
    assert continues(a, b, WRAP)


def test_a_decimal_heading_after_a_short_line_is_still_a_heading():
    assert not continues("二、发展目标", "1.1 总体目标", WRAP)


@pytest.mark.parametrize("a, b", [
    ("（八）坚持依法治教。运用法治思维和法治方式推动教育改", "革发展，依法保障学校办学自主权。"),
    ("（七)坚持开放融合。主动融入湾区一体化发展，加强与", "湾区城市教育交流合作。"),
    ("1.“湾区名师”培育计划：遴选培养对象300名，每人给予培养经费", "每年2万元,培养周期3年。"),
    ("3. 教师发展中心建设：建成区教师发展中心，建筑面积", "1.2万平方米，总投资1.6亿元。"),
])
def test_a_run_in_heading_or_list_item_runs_on_to_its_next_line(a, b):
    assert continues(a, b, WRAP)


@pytest.mark.parametrize("line, number, title", [
    ("二．深化集团化办学", "二．", "深化集团化办学"),
    ("三.推动职业教育提质", "三.", "推动职业教育提质"),
    ("第三章　 主要任务", "三", "主要任务"),
])
def test_noisy_headings(line, number, title):
    f = heading_form(line)
    assert f is not None and (f.number, f.title) == (number, title)


def test_a_number_after_a_cn_numeral_and_a_dot_is_no_heading():
    assert heading_form("二.5倍以上") is None or heading_form("二.5倍以上").kind != "cn_num"


_OCR_PLAN = "\n".join([
    "东城区供水发展规划",
    "第一章　发展目标",
    "　　到2030年，全区城乡供水一体化基本实现，农村自来水普及",
    "率稳定在99%以上。",
    "表1　主要指标",
    "类别      指   标                单位   2025年    2030年   属性",
    "                                        基数      目标",
    "供水保障 城乡供水覆盖率     % 98.6    ≥99    预期性",
    "农村自来水普及率    %     92.3  95     约束性",
    "新建供水管网 | 公里 | 〔1126〕     【1480〕    预期性",
    "水质安全  水质达标率  % | 88.3   ≥95  约束性",
    "注:[ ]内为五年累计数。",
    "第二章　保障措施",
    "　　加强组织领导。",
])


@pytest.mark.parametrize("question, figure", [
    ("农村自来水普及率2030年目标是多少", "95"),
    ("城乡供水覆盖率25年基数是多少", "98.6"),
    ("水质达标率到2030年要达到多少？", "≥95"),
])
def test_questions_over_an_ocr_table(tmp_path, question, figure):
    a = plan_assistant(tmp_path, _OCR_PLAN).ask(question)
    assert not a.refused and figure in a.answer, a.answer


def test_ocr_plan_blocks_are_lines_and_a_table(tmp_path):
    blocks = text_blocks(_OCR_PLAN.split("\n"))
    assert sum(isinstance(b, SourceTable) for b in blocks) == 1
    assert any(isinstance(b, SourceLine) and "新建供水管网" in b.text for b in blocks) is False


@pytest.mark.parametrize("text, read", [
    ("规划（2O26—2030年）", "规划（2026—2030年）"),
    ("建设年限2028—2O3O年", "建设年限2028—2030年"),
    ("达到1O0%", "达到100%"),
])
def test_a_letter_read_for_a_digit_inside_a_figure_is_the_digit(text, read):
    assert to_halfwidth(text) == read and len(to_halfwidth(text)) == len(text)


@pytest.mark.parametrize("text", ["推广O2O模式", "教育中心l个", "ISO9001认证", "CO2排放", "PM2.5浓度"])
def test_letters_of_words_and_codes_stay_letters(text):
    assert to_halfwidth(text) == text


@pytest.mark.parametrize("label", ["附件1", "附件 2", "附件3："])
def test_a_bare_annex_line_is_not_joined_to_its_title(label):
    assert not continues(label, "某某区教育事业发展规划重点项目表", WRAP)


def test_a_bare_annex_over_its_title_line_names_the_ocr_table(tmp_path):
    body = "\n".join(["第一章　总则", "　　本规划明确了重点项目。"])
    table = "\n".join([
        "附件1",
        "东城区教育发展重点项目表",
        "序号  项目名称          建设内容          总投资    建设年限",
        "                                        （亿元）",
        "1     东城第三幼儿园 | 新建，15班     0.58  2026—2027",
        "2  西城实验学校 新建，48班 3.8     2026—2O28",
        "合计  4.38",
    ])
    a = plan_assistant(tmp_path, body + "\n" + table).ask("重点项目表里所有项目总投资合计多少")
    assert not a.refused and "4.38" in a.answer and "重点项目表" in a.answer, a.answer


@pytest.mark.parametrize("line, title", [
    ("（一）坚持党的全面领 导。把党的领导贯穿教育改革发展全过程", "坚持党的全面领 导"),
    ("（四）坚持改革创新发 展。破除制约教育高质量发展的体制机制障碍", "坚持改革创新发 展"),
    ("二、深化集团化办 学：按照优质学校带新建学校的模式组建教育集团，覆盖全部镇域学校", "深化集团化办 学"),
])
def test_a_stray_space_inside_a_run_in_title_does_not_cut_it(line, title):
    assert heading_form(line).title == title


def test_a_title_set_off_by_a_space_is_still_cut_there():
    assert heading_form("一、指导思想 以习近平新时代中国特色社会主义思想为指导").title == "指导思想"
