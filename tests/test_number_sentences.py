"""A number asked in running text is answered from the sentence stating it when the asker words the measure
otherwise: a contraction the plan writes out (铁公路 for 铁路、公路), a year-total word the plan leaves out (全年),
a topic counted in a measure word (泵站最多设几对 -> 不超过3对). Fast: a hand-written plan and the hashing
embedder."""

from __future__ import annotations

import pytest

from assistant.answer.synonyms import contracted, present
from assistant.answer.terms import counts_topic

from conftest import plan_assistant

PLAN = """某县“十五五”供水设施建设规划（2026—2030年）

第一章 发展现状

一、用水情况

2024年受干旱影响，全县自来水用水量约52万立方米，同比减少4.6%。其中居民用水约30万立方米。

二、泵站布局

全县共布设加压泵站40个，其中，铁路和公路沿线的布设点数25个，城区15个。

第二章 建设标准

1．铁路、公路沿线每百公里加压泵站不超过3对，两站间距不得低于8公里。
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
