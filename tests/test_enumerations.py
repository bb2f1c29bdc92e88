"""List questions ("哪五个中心", "隧道有哪些") and the enumerations in plan sentences that answer them (pure)."""

from __future__ import annotations

import pytest

from assistant.answer.enumerations import ListAsk, enumeration_score, enumerations, list_ask
from assistant.answer.extract import focus
from assistant.answer.terms import GENERIC
from assistant.text.sentences import leads_joined, sentences
from assistant.text.tokenize import Tokenizer


@pytest.fixture(scope="module")
def words():
    return Tokenizer().words


@pytest.mark.parametrize("question,head,count", [
    ("西永综保区要打造成哪五个中心", "中心", 5),
    ("西永综保区主要有哪几项功能", "功能", None),
    ("高新区开放通道工程里的隧道有哪些", "隧道", None),
    ("渝中区有哪些重点平台", "平台", None),
    ("高新区的四大开放平台是哪些", "开放平台", 4),
    ("科学城要引进哪些大科学装置", "装置", None),
    ("渝中区有哪些商圈？", "商圈", None),
    ("西永综保区要建成的五大中心是哪五个", "中心", 5),
    ("第三章开头说高新区要建成哪几个“区”", "区", None),
])
def test_list_ask_finds_the_head_and_count(words, question, head, count):
    ask = list_ask(question, words, GENERIC)
    assert ask is not None and (ask.head, ask.count) == (head, count)


@pytest.mark.parametrize("question", ["渝中区涉外医疗服务方面有什么规划", "高新区对东盟合作有什么安排", "高新区外贸目标是多少"])
def test_a_generic_or_missing_head_is_no_list_ask(words, question):
    assert list_ask(question, words, GENERIC) is None


def test_compound_head_keeps_its_inner_word(words):
    ask = list_ask("高新区要建哪些国际化医院项目", words, GENERIC)
    assert ask.heads == ("项目", "医院")


def test_head_on_every_item():
    s = "推动西永综合保税区发展成为加工制造中心、研发设计中心、物流分拨中心、检测维修中心、销售服务中心。"
    (e,) = enumerations(s, "中心")
    assert len(e.items) == 5 and e.head_on_items == 1.0


def test_head_and_count_after_the_run():
    s = "西永综合保税区立足通关作业、保税加工、保税物流、服务贸易四大主要功能，积极拓展海外业务。"
    (e,) = enumerations(s, "功能")
    assert e.head_after and e.count_after == 4
    assert enumeration_score(s, ListAsk("功能", 4)) > enumeration_score(s, ListAsk("功能", 9))


def test_head_introducing_the_run():
    (e,) = enumerations("隧道建设项目：虎溪隧道、六旗隧道、金凤隧道等。", "隧道")
    assert e.items == ("虎溪隧道", "六旗隧道", "金凤隧道") and e.head_after


def test_clauses_after_a_colon_are_the_items_the_head_before_it_introduces():
    from assistant.answer.enumerations import clause_lists

    text = "发展成效显著。同时也面临一些问题和挑战：创新能力不足，核心技术受制于人；数字鸿沟未有效弥合；治理体系需进一步完善。"
    found = clause_lists(text)  # the sentence splitter cuts at every ；: the list is read as one sentence
    assert len(found) == 1 and found[0].startswith("同时") and found[0].endswith("完善。")
    es = enumerations(found[0], "挑战")
    assert any(e.items == ("创新能力不足，核心技术受制于人", "数字鸿沟未有效弥合", "治理体系需进一步完善") for e in es)
    assert enumeration_score(found[0], ListAsk("挑战", None)) > 0
    assert enumeration_score(found[0], ListAsk("成效", None)) == 0  # a head not introducing the clauses


def test_a_run_not_tied_to_the_head_scores_zero():
    assert enumeration_score("加强教育、医疗、养老等公共服务。", ListAsk("中心", None)) == 0.0
    assert enumeration_score("没有任何并列成分的一句话。", ListAsk("中心", None)) == 0.0


def test_inner_word_prefers_the_specific_list():
    hospitals = "国际化医疗设施建设项目。重庆（中美）海吉亚医院二期、北京大学国际医院、肿瘤医院科学城院区等。"
    living = "人才生活配套建设项目：人才公寓、国际学校、国际化生活社区、国际医院等国际化生活配套建设项目。"
    ask = ListAsk("项目", None, "医院")
    (joined,) = [s for s in leads_joined(sentences(hospitals)) if "海吉亚" in s]
    assert joined.startswith("国际化医疗设施建设项目。")
    assert enumeration_score(joined, ask) > enumeration_score(living, ask)


def test_focus_quotes_the_clauses_that_hold_the_terms():
    long = ("高举旗帜，" * 30 + "以全面融入共建“一带一路”为战略导向，以提高城市国际化水平和产业国际竞争力为发展主线，"
            + "以构建高质量开放型经济体系为发展重点，" + "围绕核心，" * 20 + "打造新城。")
    got = focus(long, ["主线"])
    assert "为发展主线" in got and got in long and len(got) <= 80
    assert focus("短句，没有关键词。", ["主线"]) == "短句，没有关键词。"


def test_two_character_abbreviations():
    from assistant.answer.synonyms import abbreviates

    assert abbreviates("服贸", "服务贸易总额") and abbreviates("科创", "科技创新")
    assert not abbreviates("服贸", "服务业") and not abbreviates("服务贸易", "服务贸易")
