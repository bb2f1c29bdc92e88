"""A claim to check ("同事说…，是这样吗？", "有人说…，是不是？", "帮忙核实一下：…", "…对吗") is asked as a question of its
subject: its figures and years are what is checked, not constraints the answer must hold, so they are asked (多少,
哪年; assistant/answer/claims.py).
The answer leads with the plan's own sentence, stating the plan's figure, whether the claim's figure is right or
wrong; a claimed year the answer does not state gets the plan's sentence for that year
(assistant/answer/claim_years.py); a claim about something the plan never mentions is refused (small hand-written
plan, fake embedder)."""

from __future__ import annotations

import pytest
from conftest import plans_assistant

from assistant.answer.claims import read_claim
from assistant.answer.understand import classify

PLAN = """样例省数字产业发展行动方案（2024-2026年）

一、发展目标

到2026年，数字产业迈向全面扩展期，数字产业核心增加值占地区生产总值比重达到12%。

展望2035年，数字产业将迈向繁荣成熟期，形成统一公平、竞争有序的数字产业市场体系。

二、支持政策

培育各类产业平台。对跨行业跨领域产业平台省级给予奖补，最高3000万元；对行业型、区域型产业平台省级给予奖补，最高1000万元。

支持企业上云用云。每年培育上云企业6000家以上，全省累计新增上云企业2万家。

三、保障措施

加强工作组织协调。健全任务督促检查机制，研究设立数字产业发展指标，纳入各市政府考核。

强化人才培养。每年培训数字产业专业技术人才1万名。

四、绿色发展

科学合理确定新能源发展规模，在保证经济性前提下，资源条件较好地区的新能源利用率可降低至90%。
"""


# another plan, which writes the asker's 放宽 (放宽到90% of the claim for the digital plan's 降低至90%)
OTHER = """样例市优化营商环境实施方案

一、市场准入

放宽市场准入限制，全面实施市场准入负面清单制度。

二、新能源项目审批

新能源项目实行告知承诺制，提高审批效率和设施利用率。

三、新能源并网服务

优化新能源并网服务，提升电网设施利用率。

四、新能源用地保障

保障新能源项目用地，提高土地利用率。
"""


@pytest.fixture(scope="module")
def planner(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("claims"), {"digital_plan.txt": PLAN, "business_plan.txt": OTHER})


# ---------------------------------------------------------------- reading a claim (pure)


@pytest.mark.parametrize("question, checked, figures, years", [
    ("同事说样例省对跨行业跨领域产业平台，省里最高能奖5000万，是这样吗？",
     "样例省对跨行业跨领域产业平台，省里最高能奖多少万？", ("5000",), ()),
    ("有人说数字产业到2035年迈向全面扩展期，是不是？", "数字产业到哪年迈向全面扩展期？", (), ("2035",)),
    ("同事说这个方案是2023年印发的，是这样吗", "这个方案是哪年印发的？", (), ("2023",)),
    ("帮忙核实一下：方案有没有说要把发展指标纳入各市考核？", "方案有没有说要把发展指标纳入各市考核？", (), ()),
    ("听人讲已经建成二十多座综合能源站了，对吗", "已经建成多少座综合能源站了？", ("二十多",), ()),
    ("请问，有人说节能标准1级是按能效前5%划分的，对不对？", "节能标准1级是按能效前多少%划分的？", ("5",), ()),
    ("表2-1里专栏4那项5G基站是3A级标准，没错吧", "表2-1里专栏4那项5G基站是3A级标准？", (), ()),
    ("同事说双跨平台最高奖5000万，是这样吗？企业级平台呢？", "双跨平台最高奖多少万？企业级平台呢？", ("5000",), ()),
    ("双跨平台最高奖5000万吧？", "双跨平台最高奖多少万？", ("5000",), ()),  # a statement closed by 吧
    ("综合能源站一共规划了138座吧", "综合能源站一共规划了多少座？", ("138",), ()),
])
def test_a_claim_is_asked_as_a_question_of_its_subject(question, checked, figures, years):
    claim = read_claim(question)
    assert claim is not None
    assert (claim.checked, claim.figures, claim.years) == (checked, figures, years)


@pytest.mark.parametrize("question", [
    "样例省对跨行业跨领域产业平台最高奖补多少？",
    "数字产业到2035年要迈向什么阶段？",
    "石柱县规划期末的加油站是不是要控制在60座？",  # a yes/no question, not a claim framed as someone's
])
def test_a_question_framed_as_no_claim_is_read_as_it_is(question):
    assert read_claim(question) is None


def test_a_period_in_a_plan_title_is_no_claimed_year():
    claim = read_claim("有人说2024—2025年节能降碳行动方案要求能耗降低3%，对吗？")
    assert claim.years == () and "2024—2025年节能降碳行动方案" in claim.checked
    assert claim.checked.endswith("要求能耗降低多少%？")


def test_a_claim_stating_no_figure_asks_no_value_by_its_measure_words():
    assert classify("方案有没有说要把发展指标纳入各市考核？", 1)[0] == "indicator"
    assert classify("方案有没有说要把发展指标纳入各市考核？", 1, states=True)[0] != "indicator"


# ---------------------------------------------------------------- answering a claim


@pytest.mark.parametrize("question", [
    "同事说样例省对跨行业跨领域的产业平台，省里最高能奖5000万，是这样吗？",  # a wrong figure
    "跨行业跨领域产业平台省级奖补最高是5000万元吧？",
    "有人说跨行业跨领域产业平台省级奖补最高2000万元，对吗",
    "同事说样例省对跨行业跨领域产业平台最高奖3000万，是这样吗？",  # the plan's own figure
])
def test_a_figure_claimed_is_answered_by_the_plans_figure(planner, question):
    ans = planner.ask(question)
    assert not ans.refused, ans.answer
    assert "对跨行业跨领域产业平台省级给予奖补，最高3000万元" in ans.answer.split("\n")[0]
    assert "5000" not in ans.answer and "2000万" not in ans.answer


@pytest.mark.parametrize("question", [
    "有人说数字产业是到2035年迈向全面扩展期，是不是？",
    "听说这个方案提的是2035年数字产业迈向全面扩展期，对吗？",
])
def test_a_wrong_year_claimed_is_answered_by_the_plans_year_and_its_sentence_for_that_year(planner, question):
    ans = planner.ask(question)
    assert not ans.refused, ans.answer
    lines = ans.answer.split("\n")
    assert "全面扩展期" in lines[0] and "2026年" in lines[0]
    assert any("展望2035年" in ln and "繁荣成熟期" in ln for ln in lines[1:]), ans.answer
    assert len(ans.citations) >= 1


@pytest.mark.parametrize("question", [
    "有人说这个方案的期限到2030年，对吗？",
    "同事说这个方案的规划期限截至2028年，对吧",
    "听说这个方案的目标年是2030年，是真的吗",
])
def test_a_wrong_year_of_the_plan_itself_is_answered_by_the_plans_own_period(planner, question):
    ans = planner.ask(question)
    assert not ans.refused, ans.answer
    assert "2026" in ans.answer and "2030" not in ans.answer and "2028" not in ans.answer


@pytest.mark.parametrize("question", [
    "帮忙核实一下：方案有没有说要把数字产业发展指标纳入各市考核？",
    "同事说这个方案要把数字产业发展指标纳入各市政府考核，是这样吗？",
    "有人说数字产业发展指标要纳入各市考核，对吗",
])
def test_a_claim_the_plan_states_is_confirmed_from_its_sentence(planner, question):
    ans = planner.ask(question)
    assert not ans.refused, ans.answer
    assert "纳入各市政府考核" in ans.answer.split("\n")[0]


@pytest.mark.parametrize("question", [
    "有人说方案提出要建10个元宇宙产业园，是这样吗？",
    "同事说方案里对区块链企业每家奖励500万，对吗？",
    "听说方案要求到2035年建成3个量子计算中心，是真的吗？",
])
def test_a_claim_about_what_the_plan_never_mentions_is_refused(planner, question):
    ans = planner.ask(question)
    assert ans.refused, ans.answer


@pytest.mark.parametrize("question", [
    "样例省对跨行业跨领域的产业平台，省里最高能奖多少万？",
    "跨行业跨领域产业平台省里最多能奖多少",
])
def test_a_reward_asked_in_the_askers_verb_is_an_amount_of_money(planner, question):
    ans = planner.ask(question)
    assert not ans.refused, ans.answer
    assert "最高3000万元" in ans.answer.split("\n")[0]


def _fake_retriever(text: str, doc: str = "d"):
    from types import SimpleNamespace

    chunk = SimpleNamespace(doc_id=doc, text=text, heading_path=("一、发展目标",))
    return SimpleNamespace(containing=lambda terms, docs, limit: [SimpleNamespace(chunk=chunk)])


def test_the_claimed_years_sentence_follows_only_an_answer_stating_another_year():
    from assistant.answer.claim_years import with_claimed_years
    from assistant.answer.claims import Claim
    from assistant.types import Answer, Citation

    passage = "到2026年，数字产业迈向全面扩展期。展望2035年，数字产业将迈向繁荣成熟期。"
    cite = Citation(1, "d", "样例方案", ("一、发展目标",), passage, 1.0, "到2026年，数字产业迈向全面扩展期。")
    claim = Claim("数字产业到哪年迈向全面扩展期？", (), ("2035",))
    terms = ["数字产业", "迈向", "全面", "扩展期"]
    dated = Answer("q", "到2026年，数字产业迈向全面扩展期。 [1]", False, (cite,))
    got = with_claimed_years(dated, claim, terms, None, _fake_retriever(passage))
    assert got.answer.split("\n")[1] == "展望2035年，数字产业将迈向繁荣成熟期。 [1]"
    assert got.citations == (cite,)  # the same passage: cited once
    undated = Answer("q", "**样例省** 表1 中“合计”一行为 **13座**。 [1]", False, (cite,))
    assert with_claimed_years(undated, claim, terms, None, _fake_retriever(passage)) is undated
    refused = Answer("q", "所收录的规划中没有找到关于这个问题的明确内容。", True)
    assert with_claimed_years(refused, claim, terms, None, _fake_retriever(passage)) is refused
    assert with_claimed_years(dated, None, terms, None, _fake_retriever(passage)) is dated


@pytest.mark.parametrize("question", [
    "有人说新能源利用率可以放宽到90%，对吗？",
    "同事说资源条件好的地区新能源利用率能放宽到90%，是这样吗",
])
def test_a_claim_whose_figure_the_plan_states_is_confirmed_from_that_sentence(planner, question):
    # asked as a question of its subject (放宽到多少%), the asker's verb no plan writes would leave it unanswered
    ans = planner.ask(question)
    assert not ans.refused, ans.answer
    assert "新能源利用率可降低至90%" in ans.answer.split("\n")[0]


def test_a_wrong_figure_is_never_confirmed(planner):
    ans = planner.ask("有人说新能源利用率可以放宽到85%，对吗？")
    assert "85" not in ans.answer


@pytest.mark.parametrize("question", [
    "同事说跨行业跨领域产业平台省级奖补最高5000万元，是这样吗？行业型、区域型的呢？",
    "有人说跨行业跨领域产业平台最多奖补2000万，对吗？那行业型、区域型平台呢",
])
def test_a_question_asked_after_the_claim_is_answered_too(planner, question):
    ans = planner.ask(question)
    assert not ans.refused, ans.answer
    assert "最高3000万元" in ans.answer and "最高1000万元" in ans.answer
    assert "5000" not in ans.answer and "2000万" not in ans.answer
