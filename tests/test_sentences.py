"""The one sentence splitter (assistant/text/sentences.py) that the parser, chunker and answers share (pure)."""

from __future__ import annotations

import pytest

from assistant.text.sentences import is_lead, leads_joined, sentences


@pytest.mark.parametrize("text,expected", [
    ("建设产业园。总投资12亿元；2024年建成！是否可行？", ["建设产业园。", "总投资12亿元；", "2024年建成！", "是否可行？"]),
    ("到2025年，外贸额达到3700亿元", ["到2025年，外贸额达到3700亿元"]),
    ("一句。 二句。", ["一句。", " 二句。"]),  # spacing kept: each sentence is a verbatim substring
    ("增长12.9%。。2020年，里程5425公里。", ["增长12.9%。。", "2020年，里程5425公里。"]),  # a run of ends stays
    ("第一行\n第二行。第三句", ["第一行", "第二行。", "第三句"]),  # a line break ends a sentence and is dropped
    ("甲。\n  \n乙？！", ["甲。", "乙？！"]),  # blank pieces left out
    ("", []),
])
def test_sentences(text, expected):
    assert sentences(text) == expected


def test_one_line_joins_back_to_the_text():
    text = "“十三五”期间，开放平台体系更加健全。自贸区新增注册企业1.2万户；外资企业？！ 达到2000家"
    assert "".join(sentences(text)) == text


def test_a_short_lead_sentence_is_joined_to_what_it_introduces():
    text = "国际化医疗设施建设项目。重庆（中美）海吉亚医院二期、北京大学国际医院等。加快建设国际化社区。"
    assert is_lead("国际化医疗设施建设项目。") and not is_lead("国际化医疗设施建设项目") and not is_lead("长" * 30 + "。")
    assert leads_joined(sentences(text)) == ["国际化医疗设施建设项目。重庆（中美）海吉亚医院二期、北京大学国际医院等。",
                                             "加快建设国际化社区。"]
    assert leads_joined(["最后一句。"]) == ["最后一句。"]  # nothing follows: kept alone
