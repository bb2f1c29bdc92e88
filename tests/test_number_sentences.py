"""A number asked in running text is answered from the sentence stating it when the asker words the measure
otherwise: a contraction the plan writes out (铁公路 for 铁路、公路), a year-total word the plan leaves out (全年),
a topic counted in a measure word (泵站最多设几对 -> 不超过3对), a verb glued to its particle (建了), a limit
asked (最多能有几个 -> 控制在…之内) before a count of what exists. Fast: a hand-written plan and the hashing
embedder."""

from __future__ import annotations

import pytest
from conftest import plan_assistant

from assistant.answer.synonyms import contracted, present
from assistant.answer.terms import answer_shape, bounded_shape, counts_topic, without_particle

PLAN = """某县“十五五”供水设施建设规划（2026—2030年）

第一章 发展现状

一、用水情况

近年来全县新建了一批水源工程，全年供水保障能力明显提升。

2024年受干旱影响，全县自来水用水量约52万立方米，同比减少4.6%。其中居民用水约30万立方米。

二、水厂建设

截至2025年底，全县已累计建成水厂12座，累计改造管网300公里。

三、泵站布局

全县共布设加压泵站40个，其中，铁路和公路沿线的布设点数25个，城区15个。

第二章 建设标准

1．铁路、公路沿线每百公里加压泵站不超过3对，两站间距不得低于8公里。

第三章 规划目标

按照总量控制原则，全县水厂总数控制在18座之内。
"""


@pytest.fixture(scope="module")
def water(tmp_path_factory):
    return plan_assistant(tmp_path_factory.mktemp("water"), PLAN, "water_plan.txt")


def test_a_contraction_is_present_where_the_text_writes_both_words():
    assert contracted("铁公路", "铁路、公路沿线") and contracted("铁公路", "公路和铁路")
    assert present("铁公路", "铁路与公路的布设点数")
    assert not present("铁公路", "公路沿线") and not contracted("铁公路", "铁路、水路")
    assert not contracted("铁路", "铁路、公路")  # two characters contract nothing


def test_a_topic_counted_in_a_measure_word_before_the_asking_words():
    assert counts_topic("泵站最多设几对", "泵站")
    assert not counts_topic("要建几个泵站", "泵站")  # the noun after the measure word is what is counted
    assert not counts_topic("泵站的间距多远", "泵站")  # no measure word counted


@pytest.mark.parametrize("question,wants", [
    # 全年 is the asker's word for a year's total: the sentence of the asked year answers both asks
    ("2024年全年自来水用了多少万立方米，同比降了多少？", ("52万立方米", "4.6%")),
    # 铁公路 is written out as 铁路、公路; 几对 counts the topic in the sentence's own measure word
    ("铁公路沿线加压泵站最多设几对？", ("3对",)),
])
def test_a_number_is_answered_from_the_sentence_stating_it(water, question, wants):
    ans = water.ask(question)
    assert not ans.refused, ans.answer
    assert all(w in ans.answer for w in wants), ans.answer


class _Tags:
    """A tagger stand-in: 建了 read as verb + particle, 目的 as one noun."""

    def tag(self, w):
        return {"建了": [("建", "v"), ("了", "ul")], "改造了": [("改造", "vn"), ("了", "ul")]}.get(w, [(w, "n")])


def test_a_particle_glued_to_the_askers_verb_is_dropped():
    assert without_particle("建了", _Tags()) == "建"
    assert without_particle("改造了", _Tags()) == "改造"
    assert without_particle("目的", _Tags()) == "目的"  # one word: left whole


def test_a_limit_asked_is_a_limit_stated():
    shape = bounded_shape("水厂最多能有几个", answer_shape("水厂最多能有几个"))
    assert shape is not None and shape.search("水厂总数控制在18个之内") and shape.search("不超过3个")
    assert not shape.search("已累计建成水厂12个")
    assert bounded_shape("水厂有几个", answer_shape("水厂有几个")) is None  # no limit asked


@pytest.mark.parametrize("question,wants,not_first", [
    # 最多 asks the limit the plan sets, not the count already built
    ("全县水厂最多能有几座？", ("18座",), "12座"),
    # 建了 is the asker's verb with its particle: the sentence of what stands is found without it
    ("截至2025年底水厂建了多少座了？", ("12座",), None),
])
def test_a_number_question_finds_its_sentence(water, question, wants, not_first):
    ans = water.ask(question)
    assert not ans.refused and all(w in ans.answer for w in wants), ans.answer
    if not_first:
        assert ans.answer.index(wants[0]) < ans.answer.find(not_first) or not_first not in ans.answer, ans.answer


def test_the_askers_framing_words_are_no_key_terms():
    from assistant.answer.terms import GENERIC

    assert {"全年", "硬指标"} <= GENERIC  # a year's total asked, a value asked: no plan sentence need write them


OPENING = """某市对外开放“十四五”规划

第一章 主要目标

表1 主要指标
序号\t指标\t单位\t2020年\t2025年\t属性
1\t外资企业数\t家\t310\t420\t预期性
2\t实际利用外资\t亿美元\t【42】\t【50】\t预期性
注：【】内为五年累计数。

第二章 重点任务

一、扩大利用外资

优化外商投资服务体系，引导外资投向先进制造业和现代服务业。年新增外商投资企业30家以上，年实际利用外资9亿美元以上。
"""


@pytest.fixture(scope="module")
def opening(tmp_path_factory):
    return plan_assistant(tmp_path_factory.mktemp("opening"), OPENING, "opening_plan.txt")


@pytest.mark.parametrize("question,yearly,row", [
    # 每年 asked of a row of levels: the sentence stating the yearly figure comes first, the row after it
    ("某市每年新增外资企业多少家？", "30家", "420"),
    # the plans' own per-year wording (年实际利用外资) asks per year as 每年 does
    ("某市年实际利用外资是多少？", "9亿美元", "【50】"),
])
def test_a_per_year_question_is_answered_by_the_yearly_sentence_first(opening, question, yearly, row):
    ans = opening.ask(question)
    assert not ans.refused and yearly in ans.answer, ans.answer
    assert row not in ans.answer or ans.answer.index(yearly) < ans.answer.index(row), ans.answer


SAVING = """某省节水行动方案（2026—2027年）

一、主要目标

2026年，全省万元产值用水量下降3%左右，重点领域和行业节水改造形成节水量约900万立方米。2027年，全省万元产值用水量累计下降6%左右，重点领域和行业节水改造形成节水量约1500万立方米。

二、重点任务

（一）食品行业节水行动

推广印染废水循环利用技术。2026—2027年，食品行业节水改造形成节水量约80万立方米。
"""


def test_a_goal_of_the_whole_plan_does_not_answer_for_a_sector_it_never_names(tmp_path):
    ans = plan_assistant(tmp_path, SAVING, "saving_plan.txt").ask("食品行业2026—2027年节水改造形成多少节水量？")
    assert not ans.refused and "80万立方米" in ans.answer, ans.answer
    assert "900" not in ans.answer or ans.answer.index("80万立方米") < ans.answer.index("900"), ans.answer


def test_the_goal_handler_leaves_a_sector_number_to_the_sentence_naming_the_sector(tmp_path):
    from assistant.answer.compose import goal
    from assistant.answer.context import build_context

    saving = plan_assistant(tmp_path, SAVING, "saving_plan.txt")
    ctx = build_context("食品行业2026—2027年节水改造形成多少节水量？", [], tuple(saving.documents),
                        saving.retriever, saving.tokenizer)
    cand = goal(ctx)
    assert cand is None or "食品行业" in cand.answer.answer, cand.answer.answer


@pytest.mark.parametrize("message,parts", [
    # two things, each with its own amount asked: two questions, each led by the topic clause they share
    ("专栏3节水工程，示范园区建几个，节水企业评几家", ["专栏3节水工程，示范园区建几个", "专栏3节水工程，节水企业评几家"]),
    # an amount relative to the one just asked (同比, 占, 增长) is stated by the same sentence: one question
    ("2024年全县用水量多少，同比降了多少？", ["2024年全县用水量多少，同比降了多少？"]),
    ("泵站投资多少，占总投资多少", ["泵站投资多少，占总投资多少"]),
    # one amount asked, the other clause asks nothing countable
    ("水厂有几座，分别在哪", ["水厂有几座，分别在哪"]),
])
def test_a_message_asking_two_amounts_of_two_things_is_two_questions(message, parts):
    from assistant.answer.multipart import split_questions

    assert split_questions(message) == parts


BOX = """某县节水型社会建设规划（2026—2030年）

第三章 重点工程

专栏3 节水示范工程

示范园区建设。建设5个县级节水示范园区，推广工业用水循环利用。
标杆企业评选。全县评选20家节水标杆企业，分行业开展宣传推广。
"""


def test_both_amounts_of_a_two_ask_message_are_answered(tmp_path):
    ans = plan_assistant(tmp_path, BOX, "box_plan.txt").ask("专栏3节水示范工程，示范园区建几个，标杆企业评几家")
    assert not ans.refused and "5个" in ans.answer and "20家" in ans.answer, ans.answer
