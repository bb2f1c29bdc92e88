"""Casual questions in words that are not the plan's own are answered, not refused: a term the plan writes with a
short insertion (注册量 / 注册总量), a lexicon synonym (学校 / 小学), the asked answer's shape (a 多远 question and
a sentence giving a length), a task under a heading that names the topic; the asker's filler (至少, 说到底) is no
key term. Questions about what the plan does not hold are still refused (small hand-written plan, fake
embedder)."""

from __future__ import annotations

import re

import pytest
from conftest import hashing_settings, write_plan

from assistant.answer.synonyms import forms, gapped
from assistant.answer.terms import answer_coverage, answer_shape, key_terms, specific_term, term_coverage
from assistant.answer.understand import understand
from assistant.text.tokenize import Tokenizer
from assistant.types import DocMeta

PLAN = """样例县加油站布局规划（2026—2030年）

第一章 发展现状

一、加油站现状

截至2024年底，全县现有加油站共计48座，年销售总量6.90万吨，平均单站加油量约1,437.50吨。

部分加油站功能单一，仅能提供汽油销售。

二、综合能源站现状

全县综合能源站处于起步阶段，目前已经建成综合能源站仅8座，企业建设的积极性比较高。

第二章 布局要求

本规划所称加油站是指：为机动车提供汽油、柴油零售服务，并可兼营便利店、洗车等功能的场所。

一、安全要求

加油站出口与小学、医院及消防队等设施的主要出入口距离应在50米以上，避免加油车辆给行人带来不便。

严格执行安全间距标准，避开生态保护区等敏感区域。

二、信息化建设

加快标识解析体系建设，引导企业建设运营标识解析二级节点。实现标识注册总量突破5亿。

三、对外合作

（一）推动“数字丝绸之路”深入发展。

加强统筹谋划，高质量推动智慧城市合作、跨境光缆建设合作。

（二）加快贸易数字化发展。

完善数字贸易促进政策，加强制度供给和法律保障。

第三章 布局方案

一、各乡镇布局情况

1.甲镇

甲镇布局加油站3座，其中国道上2座。

2.乙镇

乙镇布局加油站2座，均在省道上。

第四章 保障措施

加强组织领导，强化政策支持，做好资金保障。
"""


@pytest.fixture(scope="module")
def planner(tmp_path_factory):
    from assistant.index.embed import HashingEmbedder
    from assistant.index.indexer import build_index
    from assistant.pipeline import Assistant

    root = tmp_path_factory.mktemp("casual")
    write_plan(root / "corpus", "fuel_plan.txt", PLAN)
    settings = hashing_settings(root, root / "corpus")
    build_index(settings.sources, settings.index_dir, HashingEmbedder())
    return Assistant.open(settings, embedder=HashingEmbedder(), rebuild=False)


@pytest.mark.parametrize(("question", "expected"), [
    ("离学校医院大门至少要多远？", "50米"),  # 学校 / 小学, 大门 / 出入口 (lexicon), 多远 answered by a length
    ("标识注册量要做到多少？", "5亿"),  # 注册量 written 注册总量
    ("现在已经建好的综合能源站有几座啊", "8座"),  # 建好 / 建成; 站 + 有 is no term
    ("“数字丝绸之路”那块具体要干啥？", "智慧城市合作"),  # the tasks under the heading that names it
    ("各个乡镇具体怎么布点，是在规划哪部分写的？", "各乡镇布局情况"),  # where: the headings name it
])
def test_a_casual_question_is_answered_from_the_plans_wording(planner, question, expected):
    ans = planner.ask(question)
    assert not ans.refused, ans.answer
    assert expected in ans.answer


@pytest.mark.parametrize("question", ["规划里“加油站”是怎么界定的，兼有哪些功能？", "什么是加油站", "加油站指的是什么"])
def test_a_definition_asked_is_answered_by_the_defining_sentence(planner, question):
    """The plan's own subject quoted (every part is about 加油站) locates no part; the sentence defining it
    (本规划所称加油站是指) answers, not another sentence that names 加油站 and 功能."""
    ans = planner.ask(question)
    assert not ans.refused and "本规划所称加油站是指" in ans.answer, ans.answer
    assert "功能单一" not in ans.answer


def test_a_term_no_sentence_defines_gets_no_definition_answer():
    from assistant.answer.aims import _defines, asks_definition

    assert asks_definition("什么是标识解析") and not asks_definition("标识解析要建几个节点")
    assert _defines("综合能源站", "本规划所称综合能源站是指：集加油、加气、充电等功能为一体的基础设施。")
    assert _defines("重点用能单位", "重点用能单位（年耗能一万吨以上），系指……")
    assert not _defines("加油站", "加油站出口与小学的距离应在50米以上。")
    assert not _defines("加油站", "部分加油站功能单一，指的是只卖汽油的站")  # the cue does not follow the term


@pytest.mark.parametrize("question", [
    "新建加油站离机场至少要多远？",  # a length is given, but not from an airport
    "充电桩有多少根？",  # counts are given, but of other things
    "标识解析节点的建设投资是多少亿元？",
])
def test_what_the_plan_does_not_hold_is_still_refused(planner, question):
    ans = planner.ask(question)
    assert ans.refused, ans.answer


def test_a_term_written_with_a_short_insertion_is_present():
    assert gapped("注册量", "实现标识注册总量突破5亿")
    assert gapped("综合能源站", "建设综合能源服务站")
    assert not gapped("注册量", "注册企业的数量")  # more than a short insertion
    assert not gapped("学校", "学习型机关")  # two characters: no insertion
    assert term_coverage(["注册量"], "标识注册总量突破5亿") >= 0.8
    assert any(isinstance(f, re.Pattern) and f.search("注册总量") for f in forms("注册量"))


def test_the_asked_answers_shape():
    assert answer_shape("离大门要多远").search("距离应在50米以上")
    assert not answer_shape("离大门要多远").search("共有50座")
    assert answer_shape("综合能源站有几座").search("建成综合能源站仅8座")
    assert not answer_shape("综合能源站有几座").search("建成综合能源站8个")
    assert answer_shape("规划的主要任务是什么") is None
    # the shape lifts a passage covering part of the terms, never one about something else
    shape = answer_shape("离学校大门要多远")
    near = "学校周边出入口距离应在50米以上"
    assert answer_coverage(["学校", "大门"], near, shape=shape) > term_coverage(["学校", "大门"], near)
    assert answer_coverage(["机场"], near, shape=shape) == term_coverage(["机场"], near) == 0.0


@pytest.mark.parametrize(("question", "filler"), [
    ("崇阳新建加油站离学校医院大门至少要多远？", "至少"),
    ("这个节能降碳方案说到底是为了完成啥？", "说到底"),
    ("现在已经建好的综合能源站有几座啊", "站有"),
    ("各个县市区具体怎么布点，是在规划哪部分写的？", "是在"),
])
def test_the_askers_filler_is_no_key_term(question, filler):
    tok = Tokenizer()
    meta = DocMeta("p", "样例县加油站布局规划")
    q = understand(question, [], [meta], tok.tag)
    idf = {"站有": 5.0, "是在": 5.0}  # corpus phrases (加油站有, 就是在): only a run the asker typed joins them
    terms = key_terms(q, tok, [meta], lambda t: idf.get(t, 9.0), 1000)
    assert filler not in terms, terms


def test_the_term_a_number_must_name_is_not_a_word_of_the_plans_title():
    terms, weight = ["碳达峰", "试点", "虚拟", "电厂", "负荷"], {"碳达峰": 10.0, "试点": 5.0, "虚拟": 8.0, "电厂": 8.0,
                                                          "负荷": 7.0}.get
    assert specific_term(terms, weight, ["国家碳达峰试点（深圳）实施方案"]) == "虚拟"
    assert specific_term(terms, weight) == "碳达峰"  # no plan named
    assert specific_term(["碳达峰"], weight, ["国家碳达峰试点（深圳）实施方案"]) == "碳达峰"  # nothing else asked


def _box_answer(tmp_path, box: str, question: str):
    """box_list_answer on a small plan whose 专栏1 is written as one paragraph of task sentences."""
    from assistant.answer.lists import box_list_answer
    from assistant.ingest import load_document

    text = ("样例省工业互联网行动计划\n\n一、重点任务\n\n（一）平台建设\n\n1．打造区域型平台。鼓励建设区域特色平台。\n\n"
            f"专栏1  {box}\n\n二、保障措施\n\n加强组织领导。\n")
    path = tmp_path / "box_plan.txt"
    path.write_text(text, encoding="utf-8")
    doc = load_document(path, DocMeta("box", "样例省工业互联网行动计划"))
    q = understand(question, [], [doc.meta], Tokenizer().tag)
    return box_list_answer(q, {doc.doc_id: doc}, (doc.doc_id,))


def test_a_box_written_as_one_paragraph_lists_its_task_sentences(tmp_path):
    ans = _box_answer(tmp_path, "工业互联网平台培育工程\n"
                      "培育综合型平台。支持头部企业联合，打造跨行业、跨领域的综合型平台，形成较强的行业影响力。"
                      "建设区域型平台。引导有条件的县区、产业园区结合自身特色建设区域级工业互联网平台。"
                      "实施重点工业互联网平台台长制。建立重点平台建设与应用综合推进机制，构建协调有力的服务体系。",
                      "平台培育工程那个专栏具体要干啥？")
    assert ans is not None and not ans.refused
    assert all(t in ans.answer for t in ("综合型平台", "区域型平台", "台长制")), ans.answer


def test_a_word_that_names_nothing_weighs_little():
    from assistant.answer.terms import function_word

    tok = Tokenizer()
    assert all(function_word(w, tok) for w in ("已经", "各个", "大概"))
    assert not any(function_word(w, tok) for w in ("加油站", "综合能源", "注册量", "出入口"))


def test_a_box_of_task_sentences_asked_for_its_figures_gives_each_task_with_them(tmp_path):
    ans = _box_answer(tmp_path, "工业互联网示范应用工程\n"
                      "建设创新服务载体。围绕重大共性需求和重点行业需要，组建创新联合体，开展产学研用协同创新。力争建设10个创新中心。"
                      "动态发布场景清单。每年分批次发布100个应用场景。"
                      "树立新模式示范标杆。全省遴选50家试点示范。",
                      "示范应用工程那个专栏要干啥，有哪些量化数？")
    assert ans is not None and all(t in ans.answer for t in ("10个", "100个", "50家", "场景清单")), ans.answer
    assert "组建创新联合体" not in ans.answer


LAYOUT_PLAN = """# 青禾市农业发展规划

第三章 优化发展布局
一、构建“一心两廊四片”总体格局
“一心”即以青城区为主体的都市农业核心区，重点发展休闲农业；“两廊”即沿青江现代农业走廊和环湖生态农业走廊；“四片”即北部粮油片、东部果蔬片、西部茶叶片和南部林果片。
二、项目推进
重点项目即将开工建设，年内完成投资20亿元。
"""


@pytest.fixture(scope="module")
def layout(tmp_path_factory):
    from conftest import plan_assistant

    return plan_assistant(tmp_path_factory.mktemp("layout"), LAYOUT_PLAN)


@pytest.mark.parametrize("question, said, other", [
    ("一心两廊四片里的“四片”具体指哪几个片？", "西部茶叶片", "环湖生态农业走廊"),
    ("一心两廊四片中的两廊指的是哪两条", "环湖生态农业走廊", "西部茶叶片"),
    ("“一心”是什么意思", "都市农业核心区", "环湖生态农业走廊"),
    ("一心两廊四片 四片指哪几个啊", "西部茶叶片", "环湖生态农业走廊"),  # no quote, no 里的: the part the ask governs
    ("一心两廊四片，两廊具体指啥", "环湖生态农业走廊", "西部茶叶片"),
])
def test_a_part_of_a_named_layout_is_the_clause_defining_it(layout, question, said, other):
    ans = layout.ask(question)
    assert not ans.refused and said in ans.answer and other not in ans.answer, ans.answer


def test_a_clause_defining_one_part_is_cut_from_its_sentence_and_soon_is_no_definition():
    from assistant.answer.aims import _defines, _defining_clause

    sentence = "“一心”即青城区；“两廊”即青江走廊和环湖走廊；“四片”即北部粮油片和南部林果片。"
    assert _defining_clause("两廊", sentence) == "“两廊”即青江走廊和环湖走廊；"
    assert _defining_clause("一心", "“一心”即青城区。") == "“一心”即青城区。"
    assert not _defines("重点项目", "重点项目即将开工建设。")
