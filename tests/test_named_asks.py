"""Things asked by what they are (建个啥中心, 打个什么品牌, 从啥样变成啥样), a box named by a stretch of its title, two
titles sharing a head word (高速和干线公路), which parts of a goal asked (分了哪几个方面) and where-is-it worded
哪块有写 (pure rules on small hand-written passages and plans)."""

from __future__ import annotations

import pytest

from assistant.answer.terms import answer_shape, named_shape


def _plan(doc_id: str, text: str, title: str | None = None):
    from assistant.ingest.parser import parse
    from assistant.types import DocMeta, RawDocument, SourceLine

    raw = RawDocument(f"{doc_id}.txt", "txt", tuple(SourceLine(i, t) for i, t in enumerate(text.split("\n"), 1)))
    return parse(raw, DocMeta(doc_id, title or doc_id))


def _q(question: str, *docs):
    from assistant.answer.understand import understand

    return understand(question, [], [d.meta for d in docs], lambda t: [(t, "x")])


@pytest.mark.parametrize(("question", "said", "not_said"), [
    ("为解决企业不会转的难题，规划里说要建个啥中心", "建设数字化转型促进中心，衔接各类资源", "以企业为中心"),
    ("养老这块想打个什么品牌出来", "努力打造“颐养岚平”品牌", "推动连锁化、品牌化运营"),
    ("车联网平台建设具体要搭什么平台", "建立全省充换电智能服务平台", "加快车联网平台建设"),
    ("要搭建什么样的平台", "建立全省充换电智能服务平台", "以平台为依托"),
    ("这轮整治是要把村里环境从啥样变成啥样", "推动村庄环境由干净整洁向美丽宜居提升", "推动村庄环境整治"),
])
def test_a_thing_asked_by_what_it_is_is_answered_by_a_sentence_naming_one(question, said, not_said):
    shape = answer_shape(question)
    assert shape is not None and shape.search(said) and not shape.search(not_said)


def test_no_name_shape_without_a_named_kind_asked():
    assert named_shape("第四章要实现什么目标") is None
    assert named_shape("数字化转型促进中心要干什么") is None


def test_a_later_sentence_of_the_paragraph_naming_what_is_asked_is_quoted():
    from assistant.answer.extract import extractive
    from assistant.types import Chunk, Hit

    text = ("建立多要素支撑的数字化转型服务生态，解决企业“不会转”“不敢转”的难题。培育推广一批数字化解决方案。"
            "建设数字化转型促进中心，衔接集聚各类资源条件，提供数字化转型公共服务。")
    hit = Hit(Chunk("c0", "a", "section", "s1", ("培育转型支撑服务生态",), text, text), 1.0, 0)
    question = "为解决企业不会转不敢转，规划里说要建个啥中心"
    terms = ["解决", "企业", "不会", "不敢", "中心"]
    part = extractive([hit], terms, False, shape=answer_shape(question), only=named_shape(question))
    assert any("数字化转型促进中心" in line for line in part.lines)
    without = extractive([hit], terms, False)
    assert not any("数字化转型促进中心" in line for line in without.lines)


ROADS = """一、交通运输发展规划
（一）高速与干线网络
1.高速公路
推动甲乙高速延伸段前期工作。
2.干线公路
完成G106、S246等干线智慧化改造。
（二）城市道路
完善城区路网。
"""


def test_two_titles_sharing_a_head_word_are_both_named():
    from assistant.answer.sections import section_answer

    doc = _plan("a", ROADS)
    ans = section_answer(_q("规划里高速和干线公路要推哪些项目", doc), {"a": doc}, ("a",), [doc.meta])
    assert ans is not None and "甲乙高速延伸段" in ans.answer and "G106" in ans.answer
    assert "城区路网" not in ans.answer


BOXES = """第三章 重点任务
一、推进厕所革命
专栏1 农村厕所革命提升工程
1．户厕改造。完成户厕改造5160户。
2．公厕建设。新建公厕30座。
二、推进垃圾治理
专栏2 农村生活垃圾分类减量工程
1．分类试点扩面。新增分类村86个。
2．积分激励。建成积分超市60个。
"""


def test_a_box_named_by_a_stretch_of_its_title_lists_its_items():
    from assistant.answer.lists import box_list_answer

    doc = _plan("a", BOXES, "甲县农村人居环境整治提升规划")
    ans = box_list_answer(_q("垃圾分类减量那个专栏都有啥内容", doc), {"a": doc}, ("a",))
    assert ans is not None and "分类试点扩面" in ans.answer and "积分激励" in ans.answer
    assert "户厕改造" not in ans.answer


def test_one_thing_asked_inside_a_box_named_by_a_stretch_is_no_box_list():
    from assistant.answer.lists import _named_box

    doc = _plan("a", BOXES, "甲县农村人居环境整治提升规划")
    assert _named_box(_q("垃圾分类减量那个专栏里说要学哪家的模式", doc), {"a": doc}, ("a",)) is None


def test_which_parts_of_a_goal_is_no_total_broken_down():
    from assistant.answer.lists import _unquoted_breakdown
    from assistant.types import Chunk, Hit

    text = "到2023年，新建智能工厂900个，其中800个智能工厂、60个车间、30个平台、10个基地。"
    doc = _plan("a", f"一、发展目标\n{text}\n")
    hit = Hit(Chunk("c0", "a", "section", "s1", ("发展目标",), text, text), 1.0, 0)
    asked = _unquoted_breakdown(_q("发展目标分了哪几个方面", doc), {"a": doc}, ("a",), ["智能工厂"], None, [hit])
    assert asked is None
    total = _unquoted_breakdown(_q("智能工厂一共建多少个，怎么分的", doc), {"a": doc}, ("a",), ["智能工厂"], None,
                                [hit])
    assert total is not None and "800个" in total.answer


def test_asking_which_block_has_it_written_is_a_where_is_it_question():
    assert _q("养老机构收押金怎么监管，规划里哪块有写").intent == "location"
