"""The retrieval-only answer's graded support (assistant/answer/support.py): the asker's framing words do not
count, a term is named by its characters in order or in the line's headings, and a figure asked needs a line
stating a quantity of the asked measure that names the key terms."""

from __future__ import annotations

from assistant.answer.structured import Evidence
from assistant.answer.support import FALLBACK_SUPPORT, cover, framing, in_order, named, support


def _w(t: str) -> float:
    return float(min(len(t), 4))


LINE = "为特殊困难老年人免费安装紧急呼叫、烟感报警、跌倒监测等智能设备1.5万套，开展智慧健康养老应用试点示范。"
TERMS = ["特殊", "困难", "老年人", "紧急", "呼叫", "烟感", "智能", "设备"]


def test_framing_words_are_lexicon_data():
    assert framing("计划") and framing("大概")
    assert not framing("设备")


def test_characters_in_order_name_a_term_only_close_together():
    assert in_order("装设备", "免费安装智能设备") == 1.0
    assert in_order("收运配备", "粪污收运处理。全县配备") < 1.0  # 配备 lies too far after 收运
    assert in_order("冰箱", "家用制冷设备") == 0.0
    assert named("装设", "免费安装智能设备") >= 0.5
    assert named("空调", "家用制冷设备") == 0.0


def test_a_line_naming_every_content_term_supports_a_figure_whatever_the_asker_framed():
    ev = Evidence("lanping", ("三、主要任务", "2.推广智能养老产品应用"), LINE, highlight=LINE)
    judged = support([ev], TERMS, _w, keys=["紧急", "呼叫", "烟感"], measure=lambda text: True)
    assert judged.figure and judged.score > 0.95 and judged.answers


def test_a_key_term_in_the_headings_is_named():
    line = "3．粪污收运处理。每个乡镇建设粪污收集处理站1座，全县配备吸粪车28辆。"
    ev = Evidence("q", ("第三章 重点任务", "专栏1 农村厕所革命提升工程"), line, highlight=line)
    judged = support([ev], ["专栏", "粪污", "收运", "配备", "粪车"], _w, keys=["专栏", "粪车"],
                     measure=lambda text: True)
    assert judged.answers
    bare = support([Evidence("q", (), line, highlight=line)], ["专栏", "粪污", "收运", "配备", "粪车"], _w,
                   keys=["专栏", "粪车"], measure=lambda text: True)
    assert not bare.answers  # without the heading no line names 专栏
    above = support([Evidence("q", ("专栏1 农村厕所革命提升工程", "3．粪污收运处理"), line, highlight=line)],
                    ["专栏", "粪污", "收运", "配备", "粪车"], _w, keys=["专栏", "粪车"], measure=lambda text: True)
    assert not above.answers  # a chapter's words above the line's own heading name every line under it


def test_a_figure_asked_is_not_supported_by_a_line_without_a_quantity_or_the_measure():
    line = "为特殊困难老年人免费安装紧急呼叫、烟感报警等智能设备。"
    ev = Evidence("l", (), line, highlight=line)
    assert support([ev], TERMS, _w, keys=["烟感"], measure=lambda text: True).score == 0.0
    ev = Evidence("l", (), LINE, highlight=LINE)
    assert support([ev], TERMS, _w, keys=["烟感"], measure=lambda text: False).score == 0.0
    judged = support([ev], [*TERMS, "机器人"], _w, keys=["机器人"], measure=lambda text: True)
    assert judged.score == 0.0 and judged.on_topic  # on the question, without its figure: no_number
    off = support([ev], ["机器人", "护理床", "适老化"], _w, keys=["机器人"], measure=lambda text: True)
    assert not off.on_topic  # nothing on the question: no_content


def test_coverage_is_graded_and_the_threshold_decides():
    text = "推进智慧健康养老应用试点示范。"
    assert cover(["智慧", "养老", "试点"], text, _w) == 1.0
    half = support([Evidence("l", (), text, highlight=text)], ["智慧", "养老", "机器人", "护理床", "适老化"], _w)
    assert not half.figure and 0 < half.score < FALLBACK_SUPPORT and not half.answers
    assert support([Evidence("l", (), text, highlight=text)], ["智慧", "养老", "机器人", "护理床", "适老化"], _w,
                   threshold=0.0).answers
