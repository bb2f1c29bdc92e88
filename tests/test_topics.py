"""A topic's figures, a part by its number, headings of one kind (assistant/answer/topics.py): pure rules on a
small hand-written plan."""

from __future__ import annotations

from assistant.answer.topics import (
    asks_figures,
    kind_headings,
    kind_list_answer,
    nth_item_answer,
    numbered_part_answer,
    states_figure,
    topic_figures_answer,
)

PLAN = """一、发展基础
全市林地面积持续增加。
二、主要任务
（一）湿地保育提升行动
1．修复退化湿地。实施退化湿地修复工程，恢复湿地生态功能。到2027年，修复退化湿地12万亩。
2．保护候鸟栖息地。加强候鸟迁徙通道保护，营造栖息环境。到2027年，越冬候鸟数量稳定在8万只以上。河湖断面水质优良比例达到90%。
（二）城乡绿道建设行动
1．织密绿道网络。推进城乡绿道互联互通，与周边城市开展绿道协作。新建绿道300公里。
2．提升绿道服务。完善驿站和标识系统，与长沙、岳阳建立绿道联合运营机制。
（三）森林质量精准提升行动
1．加强森林抚育。推进低效林改造，提高森林蓄积量。
三、保障措施
（一）加强组织领导
建立市级联席会议制度，统筹推进重大事项。
（二）强化资金保障
设立生态保护专项资金，建立生态补偿机制。
（三）严格考核评估
将目标任务纳入年度考核。
"""


def _doc():
    from assistant.ingest.parser import parse
    from assistant.types import DocMeta, RawDocument, SourceLine

    raw = RawDocument("eco.txt", "txt", tuple(SourceLine(i, t) for i, t in enumerate(PLAN.split("\n"), 1)))
    return parse(raw, DocMeta("eco", "生态建设实施方案"))


def _q(question: str, doc):
    from assistant.answer.understand import understand

    return understand(question, [], [doc.meta], lambda t: [(t, "x")])


def test_figures_asked_by_words_no_plan_writes():
    assert asks_figures("森林那块有哪些量化指标")
    assert asks_figures("绿道上有没有硬指标")
    assert asks_figures("城乡绿道定了哪些目标")
    assert not asks_figures("城乡绿道那部分讲了什么")


def test_a_figure_is_not_a_list_number_or_a_year():
    assert states_figure("新建绿道300公里。")
    assert not states_figure("12﹒织密绿道网络。")
    assert not states_figure("到2027年，全面完成。")


def test_topic_figures_are_the_figure_sentences_of_the_part_named():
    doc = _doc()
    ans = topic_figures_answer(_q("湿地保育那块有哪些量化指标", doc), {"eco": doc}, ("eco",), ["湿地", "保育"])
    assert ans is not None and not ans.refused
    assert "12万亩" in ans.answer and "8万只" in ans.answer and "90%" in ans.answer
    assert "恢复湿地生态功能" not in ans.answer  # a sentence of the part without a figure
    assert "300公里" not in ans.answer  # a figure of another part


def test_topic_figures_narrowed_by_the_words_the_headings_do_not_name():
    doc = _doc()
    ans = topic_figures_answer(_q("湿地那部分，候鸟和水质有什么硬指标", doc), {"eco": doc}, ("eco",),
                               ["湿地", "候鸟", "水质"], locating=["湿地"])
    assert ans is not None
    assert "8万只" in ans.answer and "90%" in ans.answer
    assert "12万亩" not in ans.answer


def test_topic_with_no_figure_stated_is_none():
    doc = _doc()
    assert topic_figures_answer(_q("森林质量那块有哪些量化指标", doc), {"eco": doc}, ("eco",), ["森林", "质量"]) is None


def test_a_part_named_before_its_reference_word_answers_what_is_asked_after_it():
    doc = _doc()
    ans = topic_figures_answer(_q("城乡绿道那部分要跟哪些城市协作", doc), {"eco": doc}, ("eco",),
                               ["城乡", "绿道", "城市", "协作"], locating=["城乡", "绿道"], figures=False)
    assert ans is not None
    assert "周边城市开展绿道协作" in ans.answer
    assert "候鸟" not in ans.answer
    # no part's headings name every word before the reference: not this answer's to give
    assert topic_figures_answer(_q("候鸟绿道那部分要跟哪些城市协作", doc), {"eco": doc}, ("eco",),
                                ["候鸟", "绿道", "城市"], locating=["候鸟", "绿道"], figures=False) is None


def test_numbered_part_is_the_top_level_heading_numbered_so():
    doc = _doc()
    ans = numbered_part_answer(_q("这个方案第二部分讲什么", doc), {"eco": doc}, ("eco",))
    assert ans is not None
    assert "主要任务" in ans.answer and "城乡绿道建设行动" in ans.answer
    assert numbered_part_answer(_q("第九部分讲什么", doc), {"eco": doc}, ("eco",)) is None


def test_nth_item_of_a_named_section_is_answered_from_its_own_sentences():
    doc = _doc()
    ans = nth_item_answer(_q("保障措施第二条要建立什么机制", doc), {"eco": doc}, ("eco",), ["保障措施", "建立", "机制"])
    assert ans is not None
    assert "生态补偿机制" in ans.answer
    assert "联席会议" not in ans.answer and "纳入年度考核" not in ans.answer
    assert nth_item_answer(_q("保障措施第五条是什么", doc), {"eco": doc}, ("eco",), ["保障措施"]) is None


def test_the_nth_item_is_labelled_by_its_own_heading_not_a_digit_no_passage_states():
    from assistant.evaluation.evaluate import citation_source
    from assistant.evaluation.numcheck import unsupported_numbers

    doc = _doc()
    ans = nth_item_answer(_q("保障措施第二条要建立什么机制", doc), {"eco": doc}, ("eco",), ["保障措施", "建立", "机制"])
    assert ans is not None and "第2条" not in ans.answer
    assert unsupported_numbers(ans.answer, [citation_source(c) for c in ans.citations], ans.question) == []


def test_headings_of_the_kind_asked():
    doc = _doc()
    found = kind_headings(doc, "专项行动")
    assert [s.path[-1] for s in found] == ["（一）湿地保育提升行动", "（二）城乡绿道建设行动", "（三）森林质量精准提升行动"]
    ans = kind_list_answer(_q("方案部署了哪些专项行动", doc), {"eco": doc}, ("eco",), "专项行动")
    assert ans is not None and "主要任务" in ans.answer and "森林质量精准提升行动" in ans.answer
    assert kind_headings(doc, "重大工程") == []  # fewer than three headings end so


def test_engine_answers_a_where_question_that_also_asks_the_items(tmp_path):
    from conftest import plan_assistant

    assistant = plan_assistant(tmp_path, "# 生态建设实施方案\n\n" + PLAN)
    ans = assistant.ask("方案哪部分讲保障措施？主要有哪些")
    assert "三、保障措施" in ans.answer and "强化资金保障" in ans.answer and "严格考核评估" in ans.answer
    figures = assistant.ask("湿地保育那块有哪些量化指标？")
    assert "12万亩" in figures.answer and "8万只" in figures.answer and "300公里" not in figures.answer
    quoted = assistant.ask("“城乡绿道”在方案里要跟哪些城市协作？")
    assert "周边城市开展绿道协作" in quoted.answer and "候鸟" not in quoted.answer


def test_topic_no_heading_names_is_answered_from_sentences_naming_it_or_refused():
    doc = _doc()
    ans = topic_figures_answer(_q("林地这块有没有量化指标", doc), {"eco": doc}, ("eco",), ["林地"], locating=["林地"])
    assert ans is not None and ans.refused  # the plan speaks of 林地 with no figure
    stated = topic_figures_answer(_q("越冬候鸟这块有没有硬指标", doc), {"eco": doc}, ("eco",), ["越冬", "候鸟"],
                                  locating=["越冬", "候鸟"])
    assert stated is not None and not stated.refused and "8万只" in stated.answer and "12万亩" not in stated.answer


INDUSTRY_PLAN = """第一章 产业体系
第一节 做强特色产业
一、优质稻米产业
建设优质稻米基地150万亩。
二、生猪产业
新建规模猪场35个。
三、茶叶产业
建设生态茶园25万亩。
四、淡水渔业
推进池塘标准化改造12万亩。
"""


def _industry_doc():
    from assistant.ingest.parser import parse
    from assistant.types import DocMeta, RawDocument, SourceLine

    lines = INDUSTRY_PLAN.split("\n")
    raw = RawDocument("ind.txt", "txt", tuple(SourceLine(i, t) for i, t in enumerate(lines, 1)))
    return parse(raw, DocMeta("ind", "产业发展规划"))


def test_a_kind_list_of_another_length_than_asked_is_not_the_list_asked():
    doc = _industry_doc()
    assert len(kind_headings(doc, "主导产业")) == 3  # 淡水渔业 does not end in 产业
    for question in ("四大主导产业是哪四个", "规划里的四个主导产业分别是什么", "主导产业是哪四个？"):
        ans = kind_list_answer(_q(question, doc), {"ind": doc}, ("ind",), "主导产业", 4)
        assert ans is not None and "淡水渔业" in ans.answer and "茶叶产业" in ans.answer, question
    assert kind_list_answer(_q("五大主导产业是哪五个", doc), {"ind": doc}, ("ind",), "主导产业", 5) is None
    plain_ask = kind_list_answer(_q("有哪些主导产业", doc), {"ind": doc}, ("ind",), "主导产业")
    assert plain_ask is not None and "淡水渔业" not in plain_ask.answer
    doc = _doc()  # three 专项行动 under 主要任务: asked as four, none
    assert kind_list_answer(_q("部署了哪四个专项行动", doc), {"eco": doc}, ("eco",), "专项行动", 4) is None
    assert kind_list_answer(_q("部署了哪三个专项行动", doc), {"eco": doc}, ("eco",), "专项行动", 3) is not None
