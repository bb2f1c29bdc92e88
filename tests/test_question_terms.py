"""What a question is about: plans named in the asker's own words, and the asker's verbs kept apart from nouns."""

from __future__ import annotations

import pytest
from conftest import plan_assistant

from assistant.answer.terms import key_terms
from assistant.answer.understand import casual_names, understand
from assistant.text.tokenize import Tokenizer
from assistant.types import DocMeta

METAS = [
    DocMeta("save", "2024—2025年节能降碳行动方案", (), issuer="国务院"),
    DocMeta("peak", "国家碳达峰试点（深圳）实施方案"),
    DocMeta("fuel_a", "甲市成品油零售加油站发展规划", ("甲市",)),
    DocMeta("fuel_b", "乙县加油站布局专项规划", ("乙县",)),
]


@pytest.fixture(scope="module")
def tok():
    return Tokenizer()


@pytest.mark.parametrize("question, doc", [
    ("国务院节能降碳方案里2024年单位GDP能耗要降多少？", "save"),
    ("深圳碳达峰试点方案，到2025年能耗要降多少？", "peak"),
    ("甲市加油站规划里到规划期末一共多少座站？", "fuel_a"),
])
def test_a_plan_named_in_the_askers_words_is_that_plan(tok, question, doc):
    assert [d for _, d in casual_names(question, METAS, tok.tag)] == [doc]
    q = understand(question, [], METAS, tok.tag)
    assert q.docs == (doc,)
    assert not {"国务院", "降碳", "碳达峰", "试点", "加油站"} & set(key_terms(q, tok, METAS))


def test_words_two_plans_share_name_neither(tok):
    assert casual_names("加油站规划里一共多少座站？", METAS, tok.tag) == ()  # 甲市 and 乙县 plans both have it


def test_a_noun_that_starts_like_the_askers_verb_is_kept(tok):
    q = understand("2024年单位GDP能耗要降多少？", [], METAS, tok.tag)
    terms = key_terms(q, tok, METAS)
    assert "能耗" in terms and "要降" not in terms


# ------------------------------------------------------------------ table cells: the unit and the row asked

CELL_PLAN = """甲乙省充电设施发展规划（2021-2025年）

第一章 规划目标

表1-1 各市充电设施规划

| 地区 | 充电桩（根） | 规划投资（亿元） |
| --- | --- | --- |
| 甲乙市 | 300 | 4.5 |
| 乙市 | 150 | 2.5 |
"""


@pytest.fixture(scope="module")
def cell_plan(tmp_path_factory):
    from assistant.ingest import load_document

    path = tmp_path_factory.mktemp("cells") / "cell_plan.txt"
    path.write_text(CELL_PLAN, encoding="utf-8")
    return load_document(path, DocMeta("cells", "甲乙省充电设施发展规划（2021-2025年）", ("甲乙省",)))


def _cells(doc, question):
    from assistant.answer.tables import find_cells

    q = understand(question, [], [doc.meta], lambda t: [(t, "x")])
    return [(c.row.key, c.column) for c in find_cells(q, {doc.doc_id: doc}, (doc.doc_id,))]


def test_a_count_is_not_answered_from_an_amount_column(cell_plan):
    from assistant.answer.quantity import COUNT, asked_kind, fits

    assert asked_kind("乙市规划建设多少个充电桩？") == COUNT
    assert not fits(COUNT, "亿元") and fits(COUNT, "根") and fits(None, "亿元")
    assert all("亿元" not in col for _, col in _cells(cell_plan, "乙市规划建设多少个充电桩？"))
    assert ("乙市", "规划投资（亿元）") in _cells(cell_plan, "乙市规划投资多少亿元？")


def test_the_plans_own_name_does_not_name_a_row(cell_plan):
    assert _cells(cell_plan, "甲乙省规划建设多少根充电桩？") == []  # 甲乙省 names the plan, not the row 甲乙市
    assert _cells(cell_plan, "甲乙市规划建设多少根充电桩？")[0] == ("甲乙市", "充电桩（根）")


def test_a_follow_up_keeps_the_plan_named_in_the_askers_words(tok):
    history = [("国务院节能降碳方案里2024年单位GDP能耗要降多少？", "2.5%左右。")]
    q = understand("那规上工业呢？", history, METAS, tok.tag)
    assert q.docs == ("save",) and "国务院节能降碳方案" in q.resolved
    assert not {"国务院", "降碳"} & set(key_terms(q, tok, METAS))


def test_a_period_word_follow_up_asks_the_same_thing_of_the_plans_last_year(tok):
    metas = [DocMeta("fuel", "甲市成品油零售加油站发展规划（2021-2025年）", ("甲市",))]
    q = understand("那规划期末呢？", [("甲市中心城区2020年底有多少座加油站？", "402座。")], metas, tok.tag)
    assert q.resolved == "甲市中心城区2025年底有多少座加油站？"


def test_a_follow_up_naming_a_sibling_thing_asks_the_same_question_of_it(tok):
    q = understand("换电站呢", [("甲市加油站规划里十四五计划新建几座充电站？", "12座。")], METAS, tok.tag)
    assert q.resolved == "甲市加油站规划里十四五计划新建几座换电站？"


@pytest.mark.parametrize("question, previous, resolved", [
    ("那3A和4A呢", "甲市加油站规划里评估拿到5A级的企业奖多少？", "甲市加油站规划里评估拿到3A和4A级的企业奖多少？"),
    ("4G呢", "甲市加油站规划里5G基站建设多少个？", "甲市加油站规划里4G基站建设多少个？"),
])
def test_a_follow_up_naming_codes_of_the_same_shape_asks_the_same_question_of_them(tok, question, previous,
                                                                                  resolved):
    q = understand(question, [(previous, "150万元。")], METAS, tok.tag)
    assert q.resolved == resolved


# ------------------------------------------------------------------ a number asked of running text

STATION_PLAN = """某市综合能源站专项规划（2025-2030年）

第一章 发展现状

当前，我市综合能源站处于起步阶段，油气氢电分别由多个部门负责，目前我市已经建成综合能源站仅8座。

第二章 发展目标

到2030年，我市综合能源站布局基本完善，已建成的综合能源站服务网络体系更加健全，对综合能源站的需求将进一步增强。
"""


@pytest.fixture(scope="module")
def station_assistant(tmp_path_factory):
    return plan_assistant(tmp_path_factory.mktemp("stations"), STATION_PLAN, "station_plan.txt")


def test_a_count_asked_is_not_answered_by_a_goal_that_states_none(station_assistant):
    ans = station_assistant.ask("某市目前已建成的综合能源站有多少座？")
    assert not ans.refused and "8座" in ans.answer, ans.answer


# ------------------------------------------------------------------ words jieba glues across a boundary

AWARD_PLAN = [
    "对跨行业跨领域工业互联网平台省级给予奖补，最高3000万元。",
    "企业级工业互联网平台省级给予一次性奖补100万元，最多不超过两次。",
    "全省建成氢燃料加注站5座，能源结构持续优化。",
]


def _idf(chunks):
    import math

    return lambda t: max(math.log((len(chunks) + 1) / (sum(t in c for c in chunks) + 0.5)), 0.1)


def test_a_word_glued_across_a_boundary_is_split_into_the_plans_words(tok):
    q = understand("跨行业平台省里最多奖补多少钱", [], METAS, tok.tag)
    terms = key_terms(q, tok, METAS, _idf(AWARD_PLAN), len(AWARD_PLAN))
    assert "奖补" in terms and "最多奖" not in terms


def test_a_word_the_plans_lack_is_not_split_away(tok):
    q = understand("全市氢能车有多少辆", [], METAS, tok.tag)
    terms = key_terms(q, tok, METAS, _idf(AWARD_PLAN), len(AWARD_PLAN))
    assert "氢能" in terms


@pytest.mark.parametrize("question", ["安徽那个政策里评估拿到5A级的企业奖多少？", "安徽这个政策里评估拿到5A级的企业奖多少？"])
def test_a_pointing_word_between_the_place_and_the_plan_word_does_not_hide_the_plan(tok, question):
    metas = [DocMeta("policy", "支持工业互联网发展若干政策", (), issuer="安徽省人民政府办公厅"),
             DocMeta("action", "安徽省工业互联网创新发展行动计划（2021-2023年）", ("安徽省", "安徽"),
                     issuer="安徽省人民政府办公厅")]
    assert understand(question, [], metas, tok.tag).docs == ("policy",)


@pytest.mark.parametrize("question, fragments", [
    ("甲市这份规划，25年的总目标一句话怎么说", {"一句", "的总"}),  # 总目标, 一句话: generic, not glued to 的
    ("甲市想把自己打造成全省的什么？", {"造成", "自己"}),  # 打造成 is the ask, not 打 + 造成
])
def test_generic_phrases_leave_no_fragments_among_the_key_terms(tok, question, fragments):
    q = understand(question, [], METAS, tok.tag)
    assert not fragments & set(key_terms(q, tok, METAS))


def test_a_two_digit_year_end_follow_up_swaps_the_year(tok):
    q = understand("25年底呢？", [("甲市规划里2024年底要完成多少？", "60%。")], METAS, tok.tag)
    assert q.resolved == "甲市规划里2025年底要完成多少？"


def test_a_place_named_like_its_plan_swaps_the_place_not_the_plan(tok):
    from assistant.answer.scope import plan_scope
    metas = [DocMeta("ev", "吉林省电动汽车充换电基础设施规划", ("吉林省", "吉林"))]
    plans = [plan_scope(metas[0], tok.tag, "长春市、吉林市、四平市各建换电站。")]
    q = understand("那吉林市呢", [("吉林那个充换电规划，长春十四五要新建多少座换电站", "75座。")], metas, tok.tag, plans)
    assert "吉林市" in q.resolved and "长春" not in q.resolved and q.docs == ("ev",)


def test_a_filler_question_word_is_no_new_topic(tok):
    q = understand("2020年是多少来着？", [("甲市规划里核心产业比重到2025年要多少", "10%。")], METAS, tok.tag)
    assert q.resolved == "甲市规划里核心产业比重到2020年要多少"


@pytest.mark.parametrize("question, doc", [
    ("国务院节能那份里，统筹协调是哪个部门？", "save"),
    ("想问下国务院节能降碳那个，2024年能耗降多少", "save"),
    ("深圳碳达峰那份里光伏要装多少", "peak"),
    ("乙县加油站那个，一共几座", "fuel_b"),
])
def test_a_plan_pointed_at_by_the_words_of_its_title_is_that_plan(tok, question, doc):
    # no plan word (方案, 规划): the pointer 那份 / 那个 after the title's words names the plan as one would
    assert doc in [d for _, d in casual_names(question, METAS, tok.tag)]
    q = understand(question, [], METAS, tok.tag)
    assert q.docs == (doc,)
    assert not {"那份", "国务院", "降碳"} & set(key_terms(q, tok, METAS))


def test_a_pointer_after_words_no_title_holds_names_no_plan(tok):
    assert casual_names("充电桩那个数字是多少", METAS, tok.tag) == ()
    assert casual_names("加油站那份里一共多少座站？", METAS, tok.tag) == ()  # 甲市 and 乙县 plans both have it


@pytest.mark.parametrize("question", ["甲市加油站间距在那节", "甲市加油站间距规定在哪一节？", "甲市加油站间距在那一节讲的"])
def test_where_a_topic_sits_is_asked_with_na_typed_for_which(tok, question):
    assert understand(question, [], METAS, tok.tag).intent == "location"


@pytest.mark.parametrize("question", ["乙县成品油零售加油站规划数是多少", "乙县成品油加油站那份规划数和实建数"])
def test_words_right_after_one_plans_name_do_not_name_another_plan(tok, question):
    # 成品油…加油站 is in 甲市's title, but it follows 乙县: what 乙县's plan says, not a second plan
    assert understand(question, [], METAS, tok.tag).docs == ("fuel_b",)


PRINCIPLE_PLAN = """甲市成品油零售加油站发展规划（2021-2025年）

第二章 总体要求

2.1规划目标

到2025年，全市加油站总数控制在500座左右。

2.2规划原则

1．合理增长，总量控制

2．统筹城乡、均衡布局

第三章 布局规划

3.1布局原则

选址应避开学校和医院，服务半径不低于0.9公里。

3.2建设原则

原则上新建站占地3000平方米左右，有条件的站点4000平方米。
"""


@pytest.fixture(scope="module")
def principle_assistant(tmp_path_factory):
    return plan_assistant(tmp_path_factory.mktemp("principles"), PRINCIPLE_PLAN, "fuel_plan.txt")


@pytest.mark.parametrize("question", ["零售加油站发展规划的原则", "零售加油站发展规划有啥原则"])
def test_a_title_led_by_the_plan_word_is_named_by_the_plan_and_the_rest(principle_assistant, question):
    # the plan word of 规划原则 went with the plan's name (零售加油站发展规划); 原则 after it names the section
    ans = principle_assistant.ask(question)
    assert "合理增长" in ans.answer and "统筹城乡" in ans.answer, ans.answer


@pytest.mark.parametrize("question", ["零售加油站发展规划确定的基本原则是什么", "零售加油站发展规划原则里的统筹城乡是啥意思"])
def test_another_title_or_an_item_under_it_is_not_the_plan_word_title(principle_assistant, question):
    # 基本原则 is another title; 统筹城乡 is one item under 规划原则: neither asks for the whole 规划原则 list
    ans = principle_assistant.ask(question)
    assert "规划原则**包括" not in ans.answer, ans.answer
