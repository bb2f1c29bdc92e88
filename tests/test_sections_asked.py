"""Sections asked loosely: a section pointed at by words of its title (保障那块, 数据要素那章), a title named with
no plan asked (every plan with such a section, its title with a short qualifier too), and where-is-it questions
worded with 哪一块 (pure rules on small hand-written plans)."""

from __future__ import annotations

from assistant.answer.terms import key_terms


class _Words:
    """A tokenizer that cuts a question into the given words only."""

    def __init__(self, *words: str):
        self.vocab = words

    def words(self, text: str) -> list[str]:
        return [w for w in self.vocab if w in text]

    def tag(self, text: str) -> list[tuple[str, str]]:
        return [(w, "n") for w in self.words(text)]


def _plan(doc_id: str, text: str, title: str | None = None):
    from assistant.ingest.parser import parse
    from assistant.types import DocMeta, RawDocument, SourceLine

    raw = RawDocument(f"{doc_id}.txt", "txt", tuple(SourceLine(i, t) for i, t in enumerate(text.split("\n"), 1)))
    return parse(raw, DocMeta(doc_id, title or doc_id))


def _q(question: str, *docs):
    from assistant.answer.understand import understand

    return understand(question, [], [d.meta for d in docs], lambda t: [(t, "x")])


PLAN_A = """一、发展目标
到2025年，建成充电站100座。
二、重点任务
（一）优化设施体系
推进公交专用充电设施建设，保障重点车辆需求。
（二）加快平台建设
建设省级平台，保障数据接入。
三、规划实施
（一）保障措施
1．加强组织领导，统筹推进设施建设
各地政府是责任主体。
2．落实财政扶持政策，积极引入社会资本
争取国家奖励资金。
3．强化安全管理，完善监管体系
建立安全巡检制度。
（二）投资规模
总投资约12亿元。
"""

PLAN_B = """一、总体要求
（一）布局原则
1．控制总量
根据需求预测控制总量。
2．优化布局
填补服务空白。
"""

PLAN_C = """一、规划方案
（一）规划目标
建成全市网络。
二、规划布局原则
（一）坚持统筹协调原则
统筹全市资源。
（二）坚持超前布局原则
适度超前布局。
（三）科学布局原则
科学选址。
"""


def test_a_section_pointed_at_by_a_word_of_its_title_answers_with_its_items():
    from assistant.answer.sections import referenced_section_answer

    doc = _plan("a", PLAN_A)
    ans = referenced_section_answer(_q("保障那块一共几条？分别是啥", doc), {"a": doc}, ("a",), ["保障"])
    assert ans is not None and "保障措施" in ans.answer
    for item in ("加强组织领导", "落实财政扶持政策", "强化安全管理"):
        assert item in ans.answer
    assert "投资规模" not in ans.answer


def test_the_chapter_about_a_topic_is_the_section_pointed_at_by_its_title_words():
    from assistant.answer.sections import referenced_section_answer

    doc = _plan("a", PLAN_A)  # 关于X的章节: the section whose title names X, with its items
    ans = referenced_section_answer(_q("关于保障的章节包括哪几个方面？", doc), {"a": doc}, ("a",), ["保障"])
    assert ans is not None and "保障措施" in ans.answer and "强化安全管理" in ans.answer


def test_a_section_pointed_at_is_not_answered_when_an_aspect_of_it_is_asked():
    from assistant.answer.sections import referenced_section_answer

    doc = _plan("a", PLAN_A)
    assert referenced_section_answer(_q("保障那块的资金是多少", doc), {"a": doc}, ("a",), ["保障", "资金"]) is None
    assert referenced_section_answer(_q("保障措施有几条", doc), {"a": doc}, ("a",), ["保障措施"]) is None


def test_a_title_named_with_no_plan_asked_covers_every_plan_with_such_a_section():
    from assistant.answer.sections import section_answer

    b, c = _plan("b", PLAN_B), _plan("c", PLAN_C)
    docs = {"b": b, "c": c}
    ans = section_answer(_q("布局原则有几条，都是啥", b, c), docs, ("b", "c"), [b.meta, c.meta])
    for item in ("控制总量", "优化布局", "坚持统筹协调原则", "坚持超前布局原则", "科学布局原则"):
        assert item in ans.answer
    assert len(ans.citations) == 2


def test_asking_which_block_a_topic_is_told_in_is_a_where_is_it_question():
    from assistant.answer.understand import understand

    q = understand("态势感知那个平台的建设放在行动计划哪一块讲的", [], [], lambda t: [(t, "x")])
    assert q.intent == "location"
    terms = key_terms(q, _Words("态势", "感知", "平台", "一块"), [])
    assert "态势" in terms and "一块" not in terms


BOX_PLAN = """第二章 主要任务
一、构建生态体系
推进示范应用。
专栏3 示范应用工程
1.树立示范标杆：全省遴选50家试点示范企业，积极创建国家级试点示范。

2.发布场景清单：每年发布100个应用场景。

二、强化安全保障
完善省级安全态势感知平台建设，构建覆盖全省的监测能力。建立通报制度。
"""


def test_a_number_asked_inside_a_named_box_is_its_sentence_stating_it():
    from assistant.answer.lists import box_number_answer

    doc = _plan("a", BOX_PLAN)
    ans = box_number_answer(_q("专栏3里面，试点示范全省要选几家", doc), {"a": doc}, ("a",), ["试点", "示范", "全省"])
    assert ans is not None and "50家" in ans.answer and "100个" not in ans.answer
    assert box_number_answer(_q("专栏3里面，人才要引进多少", doc), {"a": doc}, ("a",), ["人才", "引进"]) is None


def test_a_where_is_it_answer_quotes_the_sentence_saying_it_most():
    from assistant.answer.sections import location_answer
    from assistant.types import Chunk, Hit

    doc = _plan("a", BOX_PLAN)
    sec = next(s for s in doc.sections if s.title.endswith("强化安全保障"))
    text = "完善省级安全态势感知平台建设，构建覆盖全省的监测能力。建立通报制度。"
    hit = Hit(Chunk("c0", "a", "section", sec.id, sec.path, text, text), 1.0, 1)
    ans = location_answer(_q("态势感知平台放在哪一块讲的", doc), {"a": doc}, [hit], ["态势", "感知", "平台"])
    assert "强化安全保障" in ans.answer and "原文：完善省级安全态势感知平台建设" in ans.answer


def test_a_quoted_head_asked_with_a_count_lists_the_quoted_items_holding_it():
    from assistant.answer.enumerations import enumeration_score, list_ask

    ask = list_ask("企业数字化转型那三个“不”是哪三个", lambda t: [t])
    assert ask is not None and ask.head == "不" and ask.count == 3
    assert enumeration_score("解决企业“不会转”、“不能转”、“不敢转”的难题。", ask) > 0
    assert enumeration_score("推动企业转型，不断提升能力。", ask) == 0


GOAL_PLAN = """一、总体要求
（一）指导思想
坚持创新引领。
（二）发展目标
到2025年，数字经济迈向全面扩展期。
——数据要素市场体系初步建立。数据资源体系基本建成。
——产业数字化转型迈上新台阶。制造业数字化更加深入。
——数字经济治理体系更加完善。治理框架基本建立。
二、规划布局
全市共布局138个站，其中，高速点数34个，国道和省道的布局点数77个，县道点数4个，城区点数21个。
本规划聚焦“总量管控、布局优化、功能提升”三大核心任务，明确加油站布局。
"""


def test_what_a_goal_is_split_into_is_the_items_of_the_section_titled_by_it():
    from assistant.answer.sections import parts_section_answer

    doc = _plan("a", GOAL_PLAN)
    ans = parts_section_answer(_q("2025年的目标分成了几个方面？", doc), {"a": doc}, ("a",))
    assert ans is not None and "发展目标" in ans.answer
    for item in ("数据要素市场体系初步建立", "产业数字化转型迈上新台阶", "数字经济治理体系更加完善"):
        assert item in ans.answer
    assert parts_section_answer(_q("2030年的目标分成了几个方面？", doc), {"a": doc}, ("a",)) is None


def test_a_total_the_question_quotes_is_broken_down_by_the_sentence_stating_its_parts():
    from assistant.answer.lists import breakdown_answer
    from assistant.types import Chunk, Hit

    doc = _plan("a", GOAL_PLAN)
    text = GOAL_PLAN.split("\n")[9]

    class _Literal:
        def containing(self, terms, docs=None, limit=20):
            pat = terms[0][0]
            return [Hit(Chunk("c0", "a", "section", "s", ("二、规划布局",), text, text), 0.0, 1000)] \
                if pat.search(text) else []

    ans = breakdown_answer(_q("这138个按路的类型怎么分的？", doc), {"a": doc}, ("a",), _Literal())
    assert ans is not None and "高速点数34个" in ans.answer and "城区点数21个" in ans.answer
    assert breakdown_answer(_q("这139个按路的类型怎么分的？", doc), {"a": doc}, ("a",), _Literal()) is None
    assert breakdown_answer(_q("这138个站在哪", doc), {"a": doc}, ("a",), _Literal()) is None


def test_the_things_a_plan_mainly_does_are_asked_as_its_tasks():
    from assistant.answer.enumerations import enumeration_score, list_ask

    ask = list_ask("这个规划主要抓哪几件事", lambda t: [t])
    assert ask is not None and ask.head == "任务"
    assert enumeration_score(GOAL_PLAN.split("\n")[10], ask) > 0 == enumeration_score(GOAL_PLAN.split("\n")[5], ask)


def test_a_total_is_broken_down_by_the_next_sentence_when_it_names_what_is_asked():
    from assistant.answer.lists import breakdown_answer
    from assistant.types import Chunk, Hit

    doc = _plan("a", GOAL_PLAN)
    texts = ["期末，全市加油站1738座。从权属看：甲公司541座，乙公司296座，民营678座。",
             "现状加油站1738座（其中城区402座，区县1336座），新规划427座（其中城区13座）。"]

    class _Literal:
        def containing(self, terms, docs=None, limit=20):
            return [Hit(Chunk(f"c{i}", "a", "section", "s", ("一、现状",), t, t), 0.0, 1000 + i)
                    for i, t in enumerate(texts)]

    ans = breakdown_answer(_q("全市1738座现状站里，甲公司乙公司民营这些各占几座", doc), {"a": doc}, ("a",),
                           _Literal(), ["现状", "甲公司", "乙公司", "民营"])
    assert ans is not None and "甲公司541座" in ans.answer and "民营678座" in ans.answer and "402" not in ans.answer


def test_a_quoted_run_followed_by_the_head_is_a_list_of_it():
    from assistant.answer.enumerations import ListAsk, enumeration_score

    ask = ListAsk("原则", 3)
    assert enumeration_score("按照“政府支持、企业主导、公共先行”的基本原则，", ask) > 0
    assert enumeration_score("按照“政府支持、企业主导、公共先行”的要求推进原则性工作，", ask) == 0


def test_a_small_total_is_broken_down_from_the_retrieved_passages_before_the_literal_scan():
    from assistant.answer.lists import breakdown_answer
    from assistant.types import Chunk, Hit

    doc = _plan("a", GOAL_PLAN)
    noise = [Hit(Chunk(f"n{i}", "a", "section", "s", ("一、现状",), t, t), 0.0, 1000 + i)
             for i, t in enumerate(["甲区8个，乙区2个，丙区3个，丁区5个。"] * 20)]
    wanted = "丙县布局18个，其中，高速上8个，国道上2个，省道上8个（S1上5个，S2上1个，S3上2个）。"
    hit = Hit(Chunk("c9", "a", "section", "s", ("丙县",), wanted, wanted), 0.5, 0)

    class _Literal:
        def containing(self, terms, docs=None, limit=20):
            return noise[:limit]

    ans = breakdown_answer(_q("丙县省道上那8个点具体怎么分的", doc), {"a": doc}, ("a",), _Literal(),
                           ["丙县", "省道"], None, [hit])
    assert ans is not None and "S1上5个" in ans.answer


def test_a_total_asked_by_a_grouping_each_has_is_a_breakdown():
    from assistant.answer.lexicon import lexicon

    assert lexicon().regex("breakdown").search("现有的那48座站，按企业分各有多少？")
    assert lexicon().regex("breakdown").search("这48座站各有几座在城区")
    assert not lexicon().regex("breakdown").search("现有多少座站？")


def test_which_aspects_a_goal_has_is_the_items_of_the_section_titled_by_it():
    from assistant.answer.sections import parts_section_answer

    doc = _plan("a", GOAL_PLAN)
    ans = parts_section_answer(_q("到2025年的主要目标有哪几个方面", doc), {"a": doc}, ("a",))
    assert ans is not None and "数据要素市场体系初步建立" in ans.answer and "数字经济治理体系更加完善" in ans.answer


def test_a_listed_sections_citation_is_its_sub_headings_not_its_lead_paragraph():
    """"政策创新包括哪些" lists the sub-headings of a section that opens with a lead paragraph: the citation is the
    sub-headings the lines quote (once the lead paragraph was cited, and the number guard dropped numbered items)."""
    from assistant.answer.sections import section_part

    doc = _plan("p", "一、总体要求\n坚持统筹推进。\n二、政策创新\n进一步加强政策创新引领，推动全面绿色低碳转型。\n"
                     "（一）试点实施碳预算管理\n探索碳预算管理。\n（二）建立新上项目碳排放评价制度\n开展评价。\n")
    sec = next(s for s in doc.sections if s.path[-1] == "二、政策创新")
    part = section_part(doc, sec)
    assert part.lines[1:] == ["- （一）试点实施碳预算管理", "- （二）建立新上项目碳排放评价制度"]
    (ev,) = part.evidence
    assert ev.heading_path == ("二、政策创新",)
    assert ev.text.split("\n") == ["（一）试点实施碳预算管理", "（二）建立新上项目碳排放评价制度"]
    assert "政策创新引领" not in ev.text


def test_a_total_is_broken_down_by_the_next_sentence_counting_its_parts_in_its_unit():
    from assistant.answer.lists import breakdown_answer
    from assistant.types import Chunk, Hit

    plan = ("一、需求预测\n按单站年均零售量1500吨计算，2030年零售量将达到9.07万吨，预计需要加油站69座。\n"
            "二、布局方案\n全县共布置加油站69座。其中在营加油站48座，在建加油站17座，新增加油站4座。")
    doc = _plan("a", plan)
    texts = plan.split("\n")[1::2]

    class _Literal:
        def containing(self, terms, docs=None, limit=20):
            pat = terms[0][0]
            return [Hit(Chunk(f"c{i}", "a", "section", "s", ("二、布局方案",), t, t), 0.0, 1000)
                    for i, t in enumerate(texts) if pat.search(t)]

    ans = breakdown_answer(_q("布局方案中的69座加油站由哪几部分构成？", doc), {"a": doc}, ("a",), _Literal(),
                           ["加油站", "构成"])
    assert ans is not None and "在营加油站48座" in ans.answer and "新增加油站4座" in ans.answer
    assert "9.07万吨" not in ans.answer


def test_a_section_pointed_at_then_named_by_its_title_words_answers_with_its_items():
    """最后那章保障措施 一共几条: the title's words after the pointer (那章), before the ask, name the section."""
    from assistant.answer.sections import referenced_section_answer

    doc = _plan("a", PLAN_A)
    ans = referenced_section_answer(_q("最后那章保障措施 一共几条 分别是啥", doc), {"a": doc}, ("a",), ["保障措施"])
    assert ans is not None and "强化安全管理" in ans.answer and "投资规模" not in ans.answer
    assert referenced_section_answer(_q("最后那章保障措施的资金是多少", doc), {"a": doc}, ("a",),
                                     ["保障措施", "资金"]) is None


STAGED_PLAN = """一、规划实施
（一）实施步骤
1．启动实施阶段（2021—2022年）
分解落实目标任务。
2．全面推进阶段（2023—2024年）
全面推进重点任务。
3．总结提升阶段（2025年）
开展总体评估。
（二）保障措施
1．加强组织领导
统筹推进。
2．强化资金保障
争取资金。
"""


def test_the_stages_asked_are_the_section_whose_items_are_stages_not_one_matched_by_a_title_word():
    """实施分几步走: 实施步骤's stages, not 规划实施 (titled by 实施, its items of another kind)."""
    from assistant.answer.sections import stages_answer

    doc = _plan("a", STAGED_PLAN)
    ans = stages_answer(_q("实施分几步走？", doc), {"a": doc}, ("a",))
    assert ans is not None and "启动实施阶段（2021—2022年）" in ans.answer and "总结提升阶段" in ans.answer
    assert "保障措施" not in ans.answer
    assert stages_answer(_q("保障措施有几条？", doc), {"a": doc}, ("a",)) is None
