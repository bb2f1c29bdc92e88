"""What staff type around a question is no part of it: a clause saying who asks (处里老同志托我打听一下，), why (在赶一份
专报，), how urgently (下午就要交，) or thanks (…？辛苦啦), voice fillers typed with no pause (嗯嗯就是想问下…), and chat
formatting (【求助】, Q：, @小助手, 『…』, ？？？, emoji). Read by what the clause is made of (lexicon roles frame_said,
frame_context, frame_person, frame_glue), not by a list of whole phrases; a clause naming a topic, a place, a plan,
a year or a figure is the question and stays."""

from __future__ import annotations

import pytest
from conftest import plan_assistant

from assistant.answer.framing import frame_only
from assistant.answer.understand import normalise_question

PLAIN = "高新区2030年外贸进出口总额要达到多少？"
BARE = PLAIN.rstrip("？")


@pytest.mark.parametrize("lead", [
    "处里老同志托我打听一下，", "有位村民在热线上问：", "我们局长想了解，", "兄弟单位同事问我，",  # who asks
    "在赶一份专报，", "给领导准备口径用，", "开会要用：", "校对时有点吃不准，", "我刚调过来，业务还不太熟，",  # why
    "挺急的，", "下午就要交，", "赶时间！",  # how urgently
    "嗨，", "各位好，在吗？", "小助手，",  # greeting and address
    "分管领导在催，", "#求助# ", "对了，", "记者来电询问：", "做课件用（加急）",
])
def test_a_leading_clause_of_who_why_or_hurry_is_dropped(lead):
    assert normalise_question(lead + PLAIN) == PLAIN


@pytest.mark.parametrize("tail", ["（急）", "[抱拳]", "谢谢哟", "提前感谢～", "辛苦啦", "\n感谢小助手", "，拜托了！", "。马上要用，万分感谢", " 在线等哈", "～着急用"])
def test_a_trailing_clause_of_thanks_or_hurry_is_dropped(tail):
    assert normalise_question(PLAIN + tail) == PLAIN


@pytest.mark.parametrize("text", [
    f"嗯嗯就是想问下{BARE}", f"呃那个我想问一下{BARE}就是这个", f"嗯{BARE}谢谢啊", f"然后就是{BARE}嗯",
    f"您好我想咨询一下{BARE}",
])
def test_voice_fillers_typed_with_no_pause_are_dropped(text):
    assert normalise_question(text).rstrip("？") == BARE


@pytest.mark.parametrize("text", [
    f"【求助】{PLAIN}", f"Q：{PLAIN}", f"@小助手 {PLAIN}", f"『{PLAIN}』", f"“{BARE}”？", f"✅{PLAIN}",
    f"{BARE}？？？", f"{BARE}呀？～～", f"求助：\n“{PLAIN}”\n多谢",
])
def test_chat_formatting_around_the_whole_question_is_dropped(text):
    assert normalise_question(text) == PLAIN


@pytest.mark.parametrize(("text", "plain"), [
    ("麻烦确认下，2030年外贸进出口总额要达到多少", "2030年外贸进出口总额要达到多少"),  # asks a figure: no claim
    ("帮忙核对一下：外资累计几亿美元？", "外资累计几亿美元？"),
    ("帮忙核实一下：规划有没有说要建三座？", "帮忙核实一下：规划有没有说要建三座？")])  # a claim: claims.py reads it
def test_a_checking_lead_frames_a_question_but_not_a_claim(text, plain):
    assert normalise_question(text) == plain


@pytest.mark.parametrize(("text", "plain"), [
    ("外贸进出口总额要达到多少呢？", "外贸进出口总额要达到多少？"), ("外资累计几亿美元呢", "外资累计几亿美元"),
    ("那青潭呢", "那青潭呢"), ("那企业级的呢？", "那企业级的呢？"), ("外资是多少？上限呢", "外资是多少？上限呢")])  # 呢 that is the whole ask stays
def test_a_closing_ne_after_an_ask_is_dropped(text, plain):
    assert normalise_question(text) == plain


def test_a_filler_clause_between_clauses_is_dropped():
    assert normalise_question("高新区的外贸，嗯，2030年目标多少") == "高新区的外贸，2030年目标多少"
    assert normalise_question("高新区的外贸，然后呢，2030年目标多少") == "高新区的外贸，然后呢，2030年目标多少"


@pytest.mark.parametrize("text", [
    "高新区的外贸，2030年目标多少",  # a topic
    "关于外资，规划怎么说", "2030年，外贸进出口总额多少",  # a topic, a year
    "群众反映的问题怎么解决", "企业问题整改有哪些措施", "问题整改有哪些措施",  # 问 and persons that are the topic
    "哈尔滨有多少家", "急救服务圈半径多少公里", "材料产业规模多少", "对了解决停车难有哪些措施",  # names
    "为什么要建三座", "外资企业（含分支机构）有多少家", "代表，有几位",
    "谢谢", "企业，有多少家",  # nothing else left; persons alone say nothing of who asks
])
def test_a_clause_with_content_stays(text):
    assert normalise_question(text) == text


@pytest.mark.parametrize(("clause", "frame"), [
    ("处里老同志托我打听一下", True), ("在赶一份专报", True), ("下午就要交", True), ("企业", False),
    ("高新区的外贸", False), ("2030年", False), ("我们", False)])
def test_a_clause_is_frame_by_what_it_is_made_of(clause, frame):
    assert frame_only(clause) is frame


PLAN = """样例区开放型经济发展规划（2026—2030年）

第一章 发展目标

到2030年，外贸进出口总额达到3800亿元，实际利用外资累计达到60亿美元。

第二章 产业布局

构建新材料产业园区，引进半导体材料企业10家。
"""


@pytest.mark.parametrize("framed", [
    "{q}", "科里同事托我问下，{q}", "在赶专报，{q}", "嗯那个就是{b}谢谢啊", "【求助】{q}\n急，辛苦", "@小助手 「{q}」"])
def test_the_answer_does_not_change_with_the_frame(tmp_path, framed):
    a = plan_assistant(tmp_path, PLAN)
    q = "2030年外贸进出口总额要达到多少？"
    ans = a.ask(framed.format(q=q, b=q.rstrip("？")))
    assert not ans.refused
    assert "3800亿元" in ans.answer
    assert "新材料" not in ans.answer
