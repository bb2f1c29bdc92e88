"""Who is responsible, who leads, and what a named unit is responsible for. Fast: hand-written plans."""

import pytest

from assistant.answer.duty import asks_items_of, asks_more, duty_answer, unit_items_answer
from assistant.answer.understand import understand
from assistant.ingest.parser import parse
from assistant.types import Chunk, DocMeta, Hit, RawDocument, SourceLine
from tests.conftest import parsed_plan

TASK_PLAN = """某市碳达峰实施方案
一、主要任务
（一）能源结构优化
1．发展可再生能源。大力发展分布式光伏。“十四五”期间累计新增光伏发电装机容量150万千瓦；到2030年，光伏发电装机容量达240万千瓦。（责任单位：市发展改革委、住房建设局）
2．建设数字能源城市。打造数字能源研发中心、智造中心、示范验证中心。营造数字能源城市生态，推动数字经济赋能能源领域。（责任单位：市工业和信息化局、政务服务和数据管理局）
3．推进基础研究。推进基础研究中长期规划实施，组织实施一批重点项目。（责任单位：市科技创新局）
二、保障措施
（一）强化监测评估
要加强对规划落实情况的跟踪监测。市发展改革委、市统计局要会同有关部门加强督促指导，适时组织开展评估。
附件
市推进碳达峰专项工作组名单
组　长：张三 市长
副组长：李四 副市长
成　员：王五 秘书长
专项工作组办公室设在市发展改革委。
"""

PROJECT_PLAN = """某市养老服务体系建设规划
一、主要任务
加强监督评估，市民政局会同有关部门开展评估。
附件 某市养老服务重点项目
1. 社会福利中心二期工程：新增床位600张，责任单位：市民政局。
2. 县中心敬老院改扩建工程：床位达到260张，责任单位：甲县人民政府。
3. 智慧养老服务平台：建设市级平台，责任单位：市民政局、市数据资源局。
"""


def _hits(doc) -> list[Hit]:
    """One hit per section holding text, in the plan's order (a stand-in for retrieval)."""
    out = []
    for i, sec in enumerate(s for s in doc.sections if s.paragraphs):
        text = "\n".join(p.text for p in sec.paragraphs)
        out.append(Hit(Chunk(f"c{i}", doc.doc_id, "section", sec.id, sec.path, text, text), 1.0 - i / 100, i + 1))
    return out


def _ask(question: str, terms: list[str], doc):
    q = understand(question, [], [doc.meta], lambda t: [(t, "x")])
    return duty_answer(q, _hits(doc), terms, {doc.doc_id: doc}, None, (doc.doc_id,))


def test_a_note_is_chosen_by_the_task_asked_not_by_one_generic_term():
    # the note of 3．推进基础研究 holds 规划实施 only; the section about 评估 names its bodies as subjects
    ans = _ask("规划实施的评估督导由哪几个部门牵头？", ["规划实施", "评估", "督导", "部门", "牵头"], parsed_plan(TASK_PLAN, "t"))
    assert ans is not None and "市统计局" in ans.answer and "科技创新局" not in ans.answer


def test_a_duty_question_asking_an_amount_too_quotes_the_figures_with_the_note():
    ans = _ask("光伏装机到2030年要到多少，谁负责？", ["光伏", "装机", "负责"], parsed_plan(TASK_PLAN, "t"))
    assert ans is not None and "240万千瓦" in ans.answer and "150万千瓦" in ans.answer and "住房建设局" in ans.answer


def test_a_duty_question_asking_a_list_too_quotes_the_listing_sentence():
    ans = _ask("建数字能源城市要打造哪几个中心？归谁管", ["数字", "能源", "城市", "中心"], parsed_plan(TASK_PLAN, "t"))
    assert ans is not None and "示范验证中心" in ans.answer and "政务服务和数据管理局" in ans.answer


def test_a_duty_question_alone_quotes_one_sentence():
    ans = _ask("光伏装机谁负责？", ["光伏", "装机", "负责"], parsed_plan(TASK_PLAN, "t"))
    assert ans is not None and "住房建设局" in ans.answer and "分布式光伏" not in ans.answer
    assert not asks_more("光伏装机谁负责？") and asks_more("光伏装机到2030年要到多少，谁负责？")
    assert not asks_more("培育氢能经济这条，责任单位是哪几个？")


def test_who_leads_a_working_group_is_its_rosters_leaders():
    ans = _ask("碳达峰专项工作组谁牵头？", ["碳达峰", "专项", "工作组", "牵头"], parsed_plan(TASK_PLAN, "t"))
    assert ans is not None and "张三" in ans.answer and "李四" in ans.answer and "王五" not in ans.answer


def test_the_items_a_named_unit_is_responsible_for_are_listed():
    doc = parsed_plan(PROJECT_PLAN, "p")
    question = "重点项目里由市民政局负责的有哪些？"
    assert asks_items_of(question) and not asks_items_of("这条是哪些部门负责的？")
    q = understand(question, [], [doc.meta], lambda t: [(t, "x")])
    ans = unit_items_answer(q, {"p": doc}, ("p",), ["重点项目", "由市", "民政局", "负责"])
    assert ans is not None and "社会福利中心二期" in ans.answer and "智慧养老服务平台" in ans.answer
    assert "敬老院" not in ans.answer and "会同有关部门" not in ans.answer  # not a 重点项目, no field naming it
    other = understand("重点项目里由乙县负责的有哪些？", [], [doc.meta], lambda t: [(t, "x")])
    assert unit_items_answer(other, {"p": doc}, ("p",), ["重点项目", "乙县", "负责"]) is None


def test_the_rows_of_a_project_table_whose_responsibility_column_names_the_unit_are_listed():
    from assistant.types import SourceTable

    raw = RawDocument("q.docx", "docx", (
        SourceLine(1, "第四章 重点项目", style_level=1),
        SourceLine(2, "表2 某县重点项目表"),
        SourceTable(3, (("序号", "项目名称", "建设内容", "责任单位"),
                        ("1", "村庄道路硬化", "硬化道路20公里", "县交通运输局"),
                        ("2", "污水管网延伸", "新建管网15公里", "县住建局、县水利局"),
                        ("3", "公厕改造提升", "改造公厕40座", "县住建局"))),
        SourceLine(4, "正文。"),
    ))
    doc = parse(raw, DocMeta("q", "某县人居环境整治规划"))
    q = understand("重点项目里县住建局负责哪些？", [], [doc.meta], lambda t: [(t, "x")])
    ans = unit_items_answer(q, {"q": doc}, ("q",), ["重点项目", "住建局", "负责"])
    assert ans is not None and "污水管网延伸" in ans.answer and "公厕改造提升" in ans.answer
    assert "村庄道路硬化" not in ans.answer


FORMS_PLAN = """某市数字经济发展行动方案（2026—2028年）
一、主要任务
（一）建设算力中心。建设城市算力中心2个。（牵头单位：市发展改革委；配合单位：市工业和信息化局）
（二）培育数据市场。由市数据局牵头、市财政局配合，培育数据交易服务机构3家。
（三）推进智慧医疗。建设互联网医院10家，责任单位：市卫生健康委。
"""


def test_an_inline_responsibility_field_answers_who_is_responsible():
    ans = _ask("互联网医院谁负责？", ["互联网", "医院", "负责"], parsed_plan(FORMS_PLAN, "f"))
    assert ans is not None and "市卫生健康委" in ans.answer and "建设互联网医院10家”" in ans.answer


def test_a_unit_made_the_agent_by_its_verb_counts_among_its_items():
    doc = parsed_plan(FORMS_PLAN, "f")
    q = understand("市数据局负责哪些任务？", [], [doc.meta], lambda t: [(t, "x")])
    ans = unit_items_answer(q, {"f": doc}, ("f",), ["市", "数据局", "负责", "任务"])
    assert ans is not None and "培育数据市场" in ans.answer and "建设算力中心" not in ans.answer


NOTE_LINE_PLAN = """某区教育事业发展规划
第八章 保障措施
第一节 强化经费投入保障
落实教育经费法定增长要求，保证财政一般公共预算教育支出逐年只增不减。
（责任单位：区财政局、区教育局）
第二节 加强督导考核
建立教育督导问责机制，把规划落实情况纳入考核。
责任单位：区政府教育督导室
"""


@pytest.mark.parametrize("question, terms, unit", [
    ("经费投入保障由谁负责？", ["经费", "投入", "保障"], "区财政局"),
    ("教育经费保障是哪个部门牵头", ["教育", "经费", "保障"], "区财政局"),
    ("督导考核归谁管？", ["督导", "考核"], "教育督导室"),
])
def test_a_note_on_a_line_of_its_own_names_its_sections_task(question, terms, unit):
    """A responsibility note on a line of its own (OCR and Word exports put it after the section's paragraphs)
    has no sentence before it: the item it names is its section's task, quoted by the section's heading."""
    ans = _ask(question, terms, parsed_plan(NOTE_LINE_PLAN, "n"))
    assert ans is not None and unit in ans.answer
