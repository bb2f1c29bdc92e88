"""Follow-ups answered from what the earlier answer already put in the conversation: the sentence beside the
earlier answer's figures (高速上呢 after 城区加油站8座; 其他城市加起来呢 after a row whose sum the table never writes),
the item the earlier answer quoted (那这项谁负责), the year named as a base (基期2020年那会儿呢) and a topic's other
figures (还有别的量化要求吗). Conversations over small hand-written plans with the fake embedder, each worded two or
three ways, and the pure pieces they rest on."""

from __future__ import annotations

import pytest
from conftest import plans_assistant

from assistant.answer import reasons
from assistant.answer.compose import ANCHORED_SUPPORT, STRONG_SUPPORT, prefer_merged
from assistant.answer.followups import anchored_sentence, followup_words, new_words, swaps_kind, writes
from assistant.answer.tables import earlier_row_columns
from assistant.answer.understand import resolve
from assistant.text.tokenize import Tokenizer
from assistant.types import Answer

STATIONS = """样例县加油站发展规划（2026—2030年）

第一章 现状分析

一、加油站在营情况

我县现有加油站共计30座，其中中石化12座、社会加油站18座。从分布上看，其中城区加油站8座，高速公路4座，省道国道12座，农村6座。

第二章 布局规划

一、综合能源站布局

全县共布局90个综合能源站，其中，高速点数20个，国道和省道的布局点数50个，城区点数15个，专线点数5个。
"""

CHARGING = """样例省充换电基础设施发展规划（2021-2025年）

三、发展目标

（三）区域目标

预测到2025年，作为重点推广城市的甲市核心区计划新建20座充电站、60座换电站、2000根充电桩；其他城市共计划新建30座充电站、35座换电站、3000根充电桩。

表3-1 “十四五”充换电设施分区域发展目标

| 区域 | 充电站(座) | 换电站(座) | 充电桩(根) |
| --- | --- | --- | --- |
| 甲市 | 20 | 60 | 2000 |
| 乙市 | 12 | 15 | 1400 |
| 丙市 | 18 | 20 | 1600 |
| 总计 | 50 | 95 | 5000 |
"""

POLICY = """样例省支持工业互联网发展若干政策

一、支持工业互联网平台建设

培育各类工业互联网平台。对跨行业跨领域工业互联网平台省级给予奖补，最高2000万元；对行业、区域、专业型工业互联网平台省级给予奖补，最高800万元；企业级工业互联网平台省级给予一次性奖补50万元。（责任单位：省经济和信息化厅、省财政厅）
"""

ECONOMY = """样例市数字经济发展规划（2021—2025年）

一、发展现状

2020年，全市数字经济核心产业增加值占GDP比重达到6.5%，数字经济为经济发展提供了强大动力。

二、发展目标

到2025年，全市数字经济核心产业增加值占GDP比重达到9%，数字化创新引领发展能力大幅提升。

三、推动商贸服务扩大开放

汇聚全球消费资源。鼓励知名品牌、时尚机构开展新品首发等活动，精准引进重点门类品牌，每年新增品牌首店30家以上。实施国际品牌引进计划，推动国际高端品牌入驻。

专栏3：商贸服务扩大开放重点项目

1.国际品牌专项引进：建立品牌引进专项资金，持续引进国际品牌入驻，到2025年，集聚国际知名品牌300个，高端品牌入驻率达到70%。

2.发展免退税经济：推动市内免税店落地，持续扩大离境退税商店规模，到2025年，集聚免退税商店20家。
"""

CARBON = """样例市碳达峰试点城市建设实施方案

一、重点任务

（一）推进光伏应用。在公共建筑屋顶建设分布式光伏电站，“十四五”期间累计新增光伏发电装机容量80万千瓦。（责任单位：市发展改革委、住房建设局）

（二）推进建筑节能。新建建筑全面执行绿色建筑标准。（责任单位：市住房建设局）

二、保障措施

（一）加强组织领导。成立工作专班，统筹推进重大事项。（责任单位：市工作领导小组办公室）

（二）做好资金保障。健全市场化多元化资金保障机制，创新财政资金支持方式，支持重大试点和示范工程建设。（责任单位：市财政局、发展改革委，市委金融办）
"""


@pytest.fixture(scope="module")
def tag():
    return Tokenizer().tag


@pytest.fixture(scope="module")
def plans(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("beside"), {
        "stations.txt": STATIONS, "charging.txt": CHARGING, "policy.txt": POLICY, "economy.txt": ECONOMY,
        "carbon.txt": CARBON})


def _ask(assistant, question: str, *turns: str):
    history = [{"question": turns[i], "answer": turns[i + 1]} for i in range(0, len(turns), 2)]
    return assistant.ask(question, history)


# ---------------------------------------------------------------- conversations

STATIONS_TURN = ("样例县现有30座加油站里城区有几座？", "城区加油站8座。")


@pytest.mark.parametrize("follow", ["高速上呢？", "高速的呢", "那高速公路上有几座"])
def test_a_place_the_tagger_reads_as_an_adverb_is_found_beside_the_earlier_figure(plans, follow):
    ans = _ask(plans, follow, *STATIONS_TURN)
    assert not ans.refused and "高速公路4座" in ans.answer, ans.answer


@pytest.mark.parametrize("follow", ["其中城区点位几个？", "城区的点位有几个"])
def test_a_part_named_in_other_words_is_the_clause_beside_the_total(plans, follow):
    ans = _ask(plans, follow, "样例县综合能源站一共布多少个站？", "90个。")
    assert not ans.refused and "城区点数15个" in ans.answer, ans.answer


PLATFORM_TURN = ("样例省对双跨平台最多奖补多少钱？", "对跨行业跨领域工业互联网平台，省级给予奖补最高2000万元。")


@pytest.mark.parametrize("follow", ["企业级平台呢？", "那企业级平台奖补多少"])
def test_a_kind_written_with_words_inside_it_is_its_clause(plans, follow):
    ans = _ask(plans, follow, *PLATFORM_TURN)
    assert not ans.refused and "50万元" in ans.answer, ans.answer


CORE_TURN = ("样例省充换电规划里甲市核心区要新建几座换电站", "甲市核心区计划新建60座换电站。")


@pytest.mark.parametrize("follow", ["那其他城市加起来呢", "其余城市加在一起呢", "剩下的城市一共要建几座"])
def test_the_rest_summed_is_the_sentence_stating_that_sum(plans, follow):
    ans = _ask(plans, follow, *CORE_TURN)
    assert not ans.refused and "35座换电站" in ans.answer, ans.answer


def test_a_sibling_measure_of_the_same_row_stays_beside_the_earlier_figure(plans):
    ans = _ask(plans, "换电站呢", "样例省充换电规划里甲市核心区要新建几座充电站", "20座。")
    assert not ans.refused and "60" in ans.answer, ans.answer


TOWNS = """样例市充换电设施规划（2026—2030年）

第二章 主要任务

表2-1 各镇充换电设施目标

| 地区 | 充电站（座） | 换电站（座） | 充电桩（根） |
| --- | --- | --- | --- |
| 东湖镇 | 3 | 2 | 40 |
| 新桥镇 | 5 | 1 | 60 |
| 南山镇 | 4 | 6 | 70 |
"""

ROW_TURN = ("样例市表2-1里东湖镇要建几座充电站？", "东湖镇计划新建3座充电站、2座换电站、40根充电桩。")


@pytest.fixture(scope="module")
def towns(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("towns"), {"towns.txt": TOWNS})


@pytest.mark.parametrize("follow", ["那新桥镇呢", "新桥镇的呢"])
def test_another_row_is_asked_the_columns_the_earlier_answer_gave(towns, follow):
    ans = _ask(towns, follow, *ROW_TURN)
    assert not ans.refused and all(f in ans.answer for f in ("5座", "1座", "60根")), ans.answer
    assert "东湖镇" not in ans.answer, ans.answer


def test_one_figure_asked_before_keeps_the_one_column(towns):
    ans = _ask(towns, "那新桥镇呢", ROW_TURN[0], "3座。")
    assert "5座" in ans.answer and "60根" not in ans.answer, ans.answer


def test_the_columns_are_those_of_the_row_holding_every_earlier_figure(towns):
    doc = next(d for d in towns.documents if d.tables)
    docs, scope = {doc.doc_id: doc}, (doc.doc_id,)
    resolved = "样例市表2-1里新桥镇要建几座充电站？"
    asked = earlier_row_columns(resolved, "那新桥镇呢", ROW_TURN[0], ROW_TURN[1], docs, scope)
    assert asked is not None and "换电站" in asked and "充电桩" in asked and asked.startswith(resolved[:-1]), asked
    # one figure, a column the follow-up names, or figures of no one row: the question as resolved
    assert earlier_row_columns(resolved, "那新桥镇呢", ROW_TURN[0], "3座。", docs, scope) is None
    assert earlier_row_columns(resolved, "那新桥镇的充电桩呢", ROW_TURN[0], ROW_TURN[1], docs, scope) is None
    assert earlier_row_columns(resolved, "那新桥镇呢", ROW_TURN[0], "3座、6座。", docs, scope) is None


PV_TURN = ("样例市碳达峰方案里光伏要装多少？", "“十四五”期间累计新增光伏发电装机容量80万千瓦。")


@pytest.mark.parametrize("follow", ["那这项是哪些部门负责的", "那这条谁牵头", "另外这项由谁负责"])
def test_a_lead_before_an_item_pronoun_still_asks_of_the_item_quoted(plans, follow):
    ans = _ask(plans, follow, *PV_TURN)
    assert not ans.refused and "住房建设局" in ans.answer, ans.answer


def test_this_part_asks_of_the_item_the_earlier_answer_quoted(plans):
    ans = _ask(plans, "那这块谁负责", "样例市碳达峰方案保障措施有几条", "2条：加强组织领导、做好资金保障。",
               "资金保障那条具体说啥", "健全市场化多元化资金保障机制，创新财政资金支持方式。")
    assert not ans.refused and "市委金融办" in ans.answer and "领导小组" not in ans.answer, ans.answer


SHARE_TURN = ("样例市数字经济核心产业占GDP的比重到2025年要多少", "到2025年达到9%。")


@pytest.mark.parametrize("follow", ["基期2020年那会儿呢", "起点2020年是多少"])
def test_a_year_named_as_the_base_asks_the_same_measure_of_that_year(plans, follow):
    ans = _ask(plans, follow, *SHARE_TURN)
    assert not ans.refused and "6.5%" in ans.answer, ans.answer


@pytest.mark.parametrize("follow", ["关于品牌引进，规划里还有别的量化要求吗？", "品牌引进这块还有什么定量要求"])
def test_a_topics_other_figures_are_its_figure_stating_sentences(plans, follow):
    ans = _ask(plans, follow, "样例市国际知名品牌到2025年要达到多少？", "300个。")
    assert not ans.refused and "30家以上" in ans.answer and "70%" in ans.answer, ans.answer


@pytest.mark.parametrize("follow", ["到25年要攒多少家这类店？", "那到2025年这类店有多少家"])
def test_a_refused_follow_up_still_takes_the_merged_questions_answer(plans, follow):
    ans = _ask(plans, follow, "样例市规划里免退税经济打算怎么搞？", "推动市内免税店落地，持续扩大离境退税商店规模。")
    assert not ans.refused and "20家" in ans.answer, ans.answer


# ---------------------------------------------------------------- the pieces

def test_a_base_word_beside_a_year_is_no_topic_of_its_own(tag):
    aliases = [("样例市", "x")]
    for follow in ("基期2020年那会儿呢", "起点2020年是多少"):
        new = resolve(follow, SHARE_TURN[0], aliases, tagger=tag)
        assert "占GDP的比重" in new and "2020" in new and "2025" not in new, new


def test_a_word_is_written_with_a_few_words_inside_it():
    assert writes("企业级工业互联网平台省级给予一次性奖补50万元", "企业级平台")
    assert writes("城区点数15个", "城区")
    assert not writes("平台省级给予一次性奖补", "平台奖补")  # too far apart to be one word
    assert not writes("城区点数15个", "城区点位")


def test_the_follow_ups_own_words_include_one_the_tagger_reads_as_an_adverb(tag):
    assert new_words("高速上呢？", STATIONS_TURN[0], tag) == []
    assert followup_words("高速上呢？", STATIONS_TURN[0], tag) == ["高速"]
    # two words the earlier question already wrote are nothing new side by side, and a sum asked names no thing
    assert "平台奖补" not in new_words("那企业级平台奖补多少", PLATFORM_TURN[0], tag)
    assert "起来" not in new_words("那其他城市加起来呢", CORE_TURN[0], tag)
    assert new_words("剩下的城市一共要建几座", CORE_TURN[0], tag, generic=True) == ["城市"]  # the rest: no thing


def test_of_clauses_naming_the_follow_up_the_one_writing_most_of_it_is_taken():
    texts = ["预测到2025年，作为重点推广城市的甲市核心区计划新建20座充电站、60座换电站；其他城市共计划新建30座充电站、35座换电站。"]
    found = anchored_sentence(texts, "60座。", ["城市"], "那其他城市加起来呢")
    assert found is not None and found[1].startswith("其他城市"), found
    # a tie: a sibling of the earlier measure is stated beside its figure, another subject apart from it
    found = anchored_sentence(texts, "20座。", ["换电站"], "换电站呢", sibling=True)
    assert found is not None and found[1].startswith("预测"), found
    found = anchored_sentence(texts, "60座。", ["城市"], "剩下的城市一共要建几座")
    assert found is not None and found[1].startswith("其他城市"), found


def test_a_sibling_of_the_earlier_measure_is_told_from_another_subject(tag):
    assert swaps_kind("换电站呢", "样例省甲市核心区要新建几座充电站", tag)
    assert swaps_kind("那换电站要建几座", "样例省甲市核心区要新建几座充电站", tag)
    assert not swaps_kind("剩下的城市一共要建几座", CORE_TURN[0], tag)


def _answer(score: float, refused: bool = False) -> Answer:
    return Answer(question="q", answer="答", citations=(), refused=refused, score=score)


def test_the_anchored_sentence_replaces_a_refusal_on_weaker_support_but_not_an_answer():
    assert prefer_merged(0.0, _answer(ANCHORED_SUPPORT), names_words=False, anchored=True)
    assert not prefer_merged(0.0, _answer(ANCHORED_SUPPORT), names_words=True)  # a merged question: strong support
    assert not prefer_merged(0.0, _answer(ANCHORED_SUPPORT - 0.01), names_words=True, anchored=True)
    assert not prefer_merged(0.4, _answer(STRONG_SUPPORT - 0.01), names_words=True, anchored=True)


@pytest.mark.parametrize("question", ["样例省充换电规划里甲市要新建几座换电站，那其他城市加起来呢",
                                      "样例省表3-1里甲市要新建几座换电站，其他的加起来呢"])
def test_rows_listed_for_a_sum_the_table_never_writes_are_marked_as_leaving_it_unsaid(tmp_path, question):
    table_only = plans_assistant(tmp_path, {"charging.txt": CHARGING.replace(
        "其他城市共计划新建30座充电站、35座换电站、3000根充电桩。", "")})
    ans = table_only.ask(question)
    assert not ans.refused and "乙市15" in ans.answer and ans.reason == reasons.UNSTATED_SUM, ans
