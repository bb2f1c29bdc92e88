"""Goals and plan scope: a labelled goal runs to its paragraph's end, a goal section's period targets belong to its
first goal, a number asked of a section named by title is that section's figure, a whole-area word follows the
plan's level, and a place that is another plan's own area names that plan (small hand-written plans)."""

from __future__ import annotations

from assistant.answer.understand import understand
from assistant.types import Chunk, DocMeta, Hit, RawDocument, SourceLine


def _plan(doc_id: str, text: str, title: str = ""):
    from assistant.ingest.parser import parse

    raw = RawDocument(f"{doc_id}.txt", "txt", tuple(SourceLine(i, t) for i, t in enumerate(text.split("\n"), 1)))
    return parse(raw, DocMeta(doc_id, title or doc_id))


def _tag(text: str):
    return [(c, "x") for c in text]


def _q(question: str, *docs):
    return understand(question, [], [d.meta for d in docs], _tag)


TRAFFIC = ("本县地处山区，需强化区域互联。总体目标：建成“外联内畅、多式融合”的立体交通网，打造区域物流节点。"
           "实现乡镇30分钟上高速、行政村双车道覆盖率100%。")


def test_a_goal_led_by_its_label_runs_on_to_its_paragraphs_end():
    from assistant.answer.aims import aim_clause_answer

    doc = _plan("a", "一、交通运输发展规划\n" + TRAFFIC + "\n")
    hits = [Hit(Chunk("c0", "a", "section", "s", ("一、交通运输发展规划",), TRAFFIC, TRAFFIC), 1.0, 0)]
    ans = aim_clause_answer(_q("交通那部分提的总体目标是啥", doc), {"a": doc}, hits, ["交通"], None)
    assert "外联内畅" in ans.answer and "30分钟" in ans.answer and "100%" in ans.answer
    assert "山区" not in ans.answer


def test_a_goal_sections_period_targets_belong_to_its_first_goal():
    doc = _plan("a", "一、发展目标\n（一）总体目标\n全省着力构建充电网络。“十四五”期间，规划新建充电桩7000个，换电站120座。"
                     "到2025年，全省将建成充换电站500座。\n")
    (goal,) = doc.goals
    assert goal.year == "2025" and "7000个" in goal.text and "500座" in goal.text
    assert "着力构建" not in goal.text  # prose without figures before them is no target


def test_a_number_asked_of_a_section_named_by_title_is_the_figure_that_section_states():
    from assistant.answer.sections import section_figure_answer

    city = _plan("city", "一、总体目标\n全市现状加油站1738座，本次共计新规划加油站427座。\n"
                         "二、规划汇总\n表4-1 汇总表\n| 区域 | 规划期末（座） |\n| 合计 | 596 |\n")
    county = _plan("county", "一、总体目标\n全县加油站总量控制在69座之内。\n")
    docs = {"city": city, "county": county}
    q = _q("总体目标那节说全市一共新规划多少座", city, county)
    wholes = {"city": frozenset({"全市"}), "county": frozenset({"全县"})}
    ans = section_figure_answer(q, docs, ("city", "county"), [city.meta, county.meta], ["新规划"], None, wholes)
    assert "427座" in ans.answer and "69座" not in ans.answer and "596" not in ans.answer
    for text in ("全市一共新规划多少座", "总体目标一共新规划多少座"):  # no section named as a section
        q = _q(text, city, county)
        assert section_figure_answer(q, docs, ("city", "county"), [city.meta, county.meta], [], None, wholes) is None


def test_a_goal_of_a_smaller_whole_does_not_answer_the_plans_whole():
    from assistant.answer.numeric import goal_answer

    doc = _plan("city", "一、需求预测\n按照年均8%的增速，到2025年全县成品油消费总量将达到14.1万吨。\n")
    q = _q("2025年全市成品油需求是多少万吨", doc)
    terms = ["成品油", "需求"]
    assert goal_answer(q, {"city": doc}, ("city",), terms, None, "成品油") is not None  # no level known
    assert goal_answer(q, {"city": doc}, ("city",), terms, None, "成品油",
                       wholes={"city": frozenset({"全市"})}) is None


def test_a_quoted_shape_of_placeholders_asks_the_quoted_list_of_that_many_items():
    from assistant.answer.sections import quoted_shape_answer

    a = _plan("a", "一、规划原则\n1．合理增长，总量控制\n2．统筹城乡、均衡布局\n")
    b = _plan("b", "一、规划原则\n按照“政府支持、企业主导、公共先行”的基本原则。建立“省级统筹、地市实施”的体系。\n")
    docs = {"a": a, "b": b}
    ans = quoted_shape_answer(_q("规划原则里那句“xx、xx、xx”的基本原则是哪三个", a, b), docs, ("a", "b"), [a.meta, b.meta])
    assert "政府支持、企业主导、公共先行" in ans.answer and "省级统筹" not in ans.answer
    assert {c.doc_id for c in ans.citations} == {"b"}
    assert quoted_shape_answer(_q("规划原则是哪几条", a, b), docs, ("a", "b"), [a.meta, b.meta]) is None
    assert quoted_shape_answer(_q("规划原则里“xx、xx、xx、xx”是哪四个", a, b), docs, ("a", "b"), [a.meta, b.meta]) is None


def test_a_clause_saying_the_thing_stands_already_states_no_aim():
    from assistant.answer.aims import aim_clause_answer

    done = "东京市区已经建成集成充电和氢能加注功能的综合能源站。"
    doc = _plan("a", "一、国外经验\n" + done + "\n")
    hits = [Hit(Chunk("c0", "a", "section", "s", ("一、国外经验",), done, done), 1.0, 0)]
    assert aim_clause_answer(_q("规划讲了氢能，是怎么定位的", doc), {"a": doc}, hits, ["氢能"], None) is None
    aim = "到2030年，打造氢能加注功能完善的综合能源站网络。"
    hits = [Hit(Chunk("c1", "a", "section", "s", ("一、国外经验",), aim, aim), 1.0, 0)]
    assert "打造氢能加注" in aim_clause_answer(_q("规划讲了氢能，是怎么定位的", doc), {"a": doc}, hits, ["氢能"], None).answer


def test_a_sections_aim_asked_is_not_answered_by_its_sub_headings():
    """"交通那部分提的总体目标是啥" points at a section (那部分) but asks its aim, not what it holds."""
    from types import SimpleNamespace

    from assistant.answer.compose import referenced_section

    doc = _plan("a", "一、交通运输发展规划\n" + TRAFFIC + "\n（一）高速网络\n建设高速。\n（二）农村交通\n提质农村公路。\n")
    q = _q("交通那部分提的总体目标是啥", doc)
    assert q.intent == "goal"
    assert referenced_section(SimpleNamespace(question=q)) is None
