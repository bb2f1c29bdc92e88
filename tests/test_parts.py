"""Questions of several parts and comparisons of two plans: each part keeps what the question shares (its lead
clause, the plan, the table an earlier part was answered from) and each plan's side quotes the sentence stating
the measure compared. Pure rules, and small hand-written plans with the fake embedder."""

from __future__ import annotations

import pytest
from conftest import plans_assistant

from assistant.answer.multipart import names_measure_only, split_joined, split_on_measure, split_parts, split_unasked
from assistant.answer.understand import understand
from assistant.types import DocMeta

# ---------------------------------------------------------------- splitting


def test_clauses_asking_different_things_are_parts_each_led_by_the_shared_clause():
    parts = split_parts("样例省标识解析那个专栏工程，二级节点打算建几个，哪些地方建服务平台？", [])
    assert parts.questions == ("样例省标识解析那个专栏工程，二级节点打算建几个",
                               "样例省标识解析那个专栏工程，哪些地方建服务平台？")
    assert parts.labels == ("二级节点打算建几个", "哪些地方建服务平台")


def test_a_list_then_an_amount_of_another_thing_are_two_parts():
    parts = split_parts("天然气方面样例方案要推哪些项目，气电装机新增多少", [])
    assert parts.questions == ("天然气方面样例方案要推哪些项目", "气电装机新增多少")


@pytest.mark.parametrize(("text", "second"), [("样例供水工程投资多少，能保障多少人", "能保障多少人"),
                                             ("那个供水项目要花多少钱，能服务多少人", "能服务多少人"),
                                             ("样例供水工程建几处，能惠及多少人？", "能惠及多少人？"),
                                             ("样例供水工程投资多少？能保障多少人", "能保障多少人")])
def test_a_second_amount_of_a_measure_of_its_own_is_a_part_asked_of_the_first_things_subject(text, second):
    parts = split_parts(text, [])
    assert parts is not None and parts.questions[1] == second and parts.sequential, parts
    assert names_measure_only(second) and not names_measure_only(parts.questions[0])
    assert split_on_measure(text, parts) == ("？" not in text.rstrip("？"))


@pytest.mark.parametrize("text", ["保障措施有几条，分别是什么", "重点项目有哪些，总投资多少", "这一章讲了什么",
                                  "家庭养老床位建多少张，每张补贴标准是多少？"])
def test_an_ask_of_nothing_new_stays_one_question(text):
    assert split_parts(text, []) is None


_WORDS = ("样例市", "十四五", "油站", "规划", "实建", "建成", "数量", "数", "进口", "出口", "额", "年", "是", "多少")


def _words(text: str) -> list[str]:
    """Longest match over a few words, else one character: the tokenizer's cut of these questions."""
    out, i = [], 0
    while i < len(text):
        w = next((w for w in sorted(_WORDS, key=len, reverse=True) if text.startswith(w, i)), text[i])
        out.append(w)
        i += len(w)
    return out


@pytest.mark.parametrize(("text", "questions"), [
    ("样例市十四五油站规划数和实建数", ("样例市十四五油站规划数", "样例市十四五油站实建数")),
    ("样例市油站规划数量、建成数量？", ("样例市油站规划数量", "样例市油站建成数量")),
    ("样例市2025年进口额和出口额", ("样例市2025年进口额", "样例市2025年出口额"))])
def test_measures_named_with_no_ask_are_each_asked_of_the_subject_before_the_first(text, questions):
    parts = split_unasked(text, ["样例市"], _words)
    assert parts is not None and parts.questions == questions and not parts.sequential


@pytest.mark.parametrize("text", ["样例市十四五油站规划数和实建数是多少", "样例市油站规划和建成", "样例市和乙市的油站数"])
def test_an_ask_or_a_thing_naming_no_amount_is_no_unasked_measure(text):
    assert split_unasked(text, ["样例市", "乙市"], _words) is None


def test_things_joined_before_one_ask_are_each_asked_with_the_lead_and_the_ask():
    parts = split_joined("样例市交通结构优化里，水水集疏运和非机动车道有啥量化要求？", [])
    assert parts.questions == ("样例市交通结构优化里，水水集疏运有啥量化要求？", "样例市交通结构优化里，非机动车道有啥量化要求？")
    assert parts.labels == ("水水集疏运", "非机动车道") and parts.joined
    assert split_joined("甲区和乙区的目标是多少", ["甲区", "乙区"]) is None  # plans: a comparison
    assert split_joined("服务贸易和跨境金融结算额的目标分别是多少", []) is None  # 分别: split_items' shape


# ---------------------------------------------------------------- a plan named in the asker's words


def test_a_follow_up_naming_another_plan_in_casual_words_asks_the_same_of_it():
    metas = [DocMeta("a", "甲市碳达峰试点实施方案"), DocMeta("b", "乙省节能降碳行动方案")]
    q = understand("甲市碳达峰方案呢", [("虚拟电厂这块，乙省节能降碳方案有没有量化指标？", "")], metas,
                   lambda t: [(t, "x")])
    assert q.docs == ("a",) and "虚拟电厂" in q.resolved and "量化指标" in q.resolved


# ---------------------------------------------------------------- small plans

PLAN = """样例市充换电设施规划（2026—2030年）

一、发展目标

表2-1 各镇充换电设施目标

| 地区 | 充电站（座） | 换电站（座） |
| --- | --- | --- |
| 东湖镇 | 3 | 2 |
| 新桥镇 | 5 | 1 |
| 合计 | 8 | 3 |

二、投资估算

全市公用充电设施规划投资估算见表3-1。

表3-1 公用充电设施投资估算

| 类型 | 规划投资（亿元） |
| --- | --- |
| 充电站 | 1.25 |
| 换电站 | 0.65 |
| 合计 | 1.90 |

三、设置标准

（一）选址要求

加油站应靠近交通干道，方便车辆进出。

（二）间距要求

1．高速公路沿线宜结合服务区成对设置，每百公里双向不超过2对。

2．县道、乡道沿线每百公里双向不超过4对，且两站间距不得低于5公里。

"""

PORT = """临港区交通规划（2026—2030年）

一、交通结构

到2028年，临港水水集疏运占比提升至34%。加快推进疏港铁路改扩建，拓展国际铁路物流新通道。以临港为枢纽港，积极推动与喂给港间的联动发展，共建区域组合港体系。打造三网融合的绿色出行体系，推动设施融合、信息融合、服务融合，加快推动轨道三期、四期工程和城际铁路规划建设。围绕物流配送、空中交通、城市管理等领域打造一批低空经济示范应用场景，开通一批低空飞行航线。深化公交都市建设，结合轨道线路建设持续优化公交线网布局，提升常规公交与轨道交通两网换乘水平。构建系统、友好、高品质的慢行环境，每年新建不少于300公里非机动车道。

二、人才培训

到2028年，面向3万名港航技术人才开展数字素质提升培训。

三、供水保障

实施临港供水提升工程，总投资3.2亿元，新建和改造供水管网。工程建成后可保障12万人饮水安全。

四、加油站布局

“十四五”期间，临港区规划加油站40座，按服务半径均衡布局。

五、发展现状

截至目前，临港区加油站实际建成约25座，部分站点已停业。

六、保障措施

每年组织开展面向6000名港航技术人才的数字素质提升培训，建立培训档案。
"""

OTHER = """样例县加油站布局规划（2026—2030年）

一、布局原则

1.城区加油站的服务半径不少于0.9公里。

2.县道、乡道加油站布局参照国道、省道设置标准，由当地主管部门控制。

3.高速公路加油站每百公里不超过2对（4座）。
"""


@pytest.fixture(scope="module")
def plans(tmp_path_factory):
    return plans_assistant(tmp_path_factory.mktemp("parts"), {"city.txt": PLAN, "county.txt": OTHER, "port.txt": PORT})


def test_a_later_part_naming_only_a_new_row_is_asked_of_the_table_the_first_was_answered_from(plans):
    a = plans.ask("样例市公用充电设施总投资多少？换电站投多少")
    assert "1.90" in a.answer and "0.65" in a.answer, a.answer
    assert "换电站（座）" not in a.answer  # not the count table's column


@pytest.mark.parametrize("question", ["临港供水提升工程投资多少，能保障多少人", "临港区那个供水提升工程要花多少钱，可保障多少人",
                                      "临港区那个规划里，供水提升工程投资多少，能保障多少人"])
def test_a_later_amount_naming_only_its_measure_is_asked_of_the_first_parts_thing(plans, question):
    a = plans.ask(question)
    assert "3.2亿元" in a.answer and "12万人" in a.answer, a.answer


@pytest.mark.parametrize("question", ["样例市县道乡道沿线加油站最多设几对，两站最少隔多远？",
                                      "样例市县道乡道上每百公里最多几对站，间距最少多少公里"])
def test_two_amounts_one_sentence_states_are_answered_whole(plans, question):
    a = plans.ask(question)
    assert "4对" in a.answer and "5公里" in a.answer and "**" not in a.answer.split("：")[0], a.answer


@pytest.mark.parametrize("question", ["临港区加油站规划数和建成数", "临港区十四五加油站规划数量、建成数量"])
def test_measures_named_with_no_ask_are_each_answered(plans, question):
    a = plans.ask(question)
    assert "40座" in a.answer and "25座" in a.answer, a.answer


def test_each_plans_side_quotes_the_sentence_stating_the_compared_measure(plans):
    a = plans.ask("县道乡道上的加油站，样例市和样例县的设置标准分别是什么？")
    assert "4对" in a.answer and "参照国道" in a.answer, a.answer


def test_a_density_is_stated_per_hundred_kilometres(plans):
    a = plans.ask("高速上的加油站密度，样例市和样例县的规划要求一样不？")
    city, county = a.answer.split("\n**样例县")[0], a.answer.split("\n**样例县")[-1]
    assert "每百公里双向不超过2对" in city and "2对（4座）" in county, a.answer


def test_a_later_part_asking_only_where_asks_where_the_earlier_parts_subject_is():
    metas = [DocMeta("a", "甲市碳达峰试点实施方案"), DocMeta("b", "乙省节能降碳行动方案")]
    q = understand("乙省节能降碳方案里哪部分讲的", [("节能标准分1级2级3级，是按什么水平划的？", "")], metas,
                   lambda t: [(t, "x")])
    assert q.intent == "location" and "节能标准分1级2级3级" in q.resolved and q.docs == ("b",)


def test_each_of_two_things_joined_is_answered_from_the_sentence_naming_it(plans):
    a = plans.ask("临港区交通结构里，水水集疏运和非机动车道有啥量化要求？")
    assert "34%" in a.answer and "300公里" in a.answer, a.answer



def test_a_polite_lead_and_a_plan_name_are_no_part_of_their_own():
    from assistant.answer.multipart import split_parts

    assert split_parts("请问《某市规划》中，软件业务收入2025年的目标值是多少？", []) is None
    assert split_parts("想问一下某市规划里，二级节点打算建几个，哪些地方建服务平台？", []) is not None  # two asks after the lead


def test_two_asks_joined_by_a_comma_word_are_not_joined_things():
    from assistant.answer.multipart import split_joined

    assert split_joined("加油站规划，甲区现状几座、规划期末几座？", []) is None
    assert split_joined("交通结构优化里，水运和慢行道有啥量化要求？", []) is not None


def test_a_later_question_naming_nothing_of_its_own_keeps_the_first_ones_subject():
    parts = split_parts("样例省那个计划里面向专技人才的培训，总目标多少人？每年多少人？", [])
    assert parts.questions == ("样例省那个计划里面向专技人才的培训，总目标多少人？", "样例省那个计划里面向专技人才的培训，每年多少人？")
    assert parts.labels == ("总目标多少人", "每年多少人")
    parts = split_parts("样例省规划中，充电设施建设由哪个部门牵头？县级政府承担什么责任？", [])
    assert parts.questions[1] == "县级政府承担什么责任？"  # a subject of its own: asked as a follow-up


def test_a_piece_led_by_a_next_ask_lead_is_a_question_of_its_own():
    parts = split_parts("样例市公园数量25年目标多少？顺便问下自然岸线保有率", [])
    assert parts.questions == ("样例市公园数量25年目标多少？", "顺便问下自然岸线保有率")
    assert split_parts("样例市公园数量25年目标多少？就是表里那栏", []) is None  # asks nothing: the same question


@pytest.mark.parametrize("text, questions", [
    ("样例省行动计划对二级节点数量和标识注册总量分别提出了什么目标？",
     ("样例省行动计划对二级节点数量提出了什么目标？", "样例省行动计划对标识注册总量提出了什么目标？")),
    ("样例省示范应用工程中，创新服务载体和试点示范的数量目标分别是多少？",
     ("样例省示范应用工程中，创新服务载体的数量目标是多少？", "样例省示范应用工程中，试点示范的数量目标是多少？")),
    ("样例省规划中，弹性系数法和Logistic曲线法预测的2025年保有量分别为多少？",
     ("样例省规划中，弹性系数法的2025年保有量为多少？", "样例省规划中，Logistic曲线法预测的2025年保有量为多少？")),
])
def test_things_asked_each_follow_the_comma_or_the_object_word_that_ends_the_subject(text, questions):
    assert split_parts(text, []).questions == questions


def test_a_later_question_of_a_yearly_figure_is_not_answered_by_the_total_the_first_was(plans):
    a = plans.ask("临港区那个规划里面向港航技术人才的数字素质培训，总目标多少人？每年多少人？")
    assert "3万名" in a.answer and "6000名" in a.answer, a.answer


def test_the_and_of_a_bound_joins_nothing():
    """4A及以上 names one grade range: its 及 does not split the question into 4A and 以上景区."""
    assert split_joined("4A及以上景区现在几家 规划末要到几家", []) is None
    assert split_joined("二级及以下医院和社区卫生中心有啥量化要求", [])
    assert split_parts("4A及以上景区和5A景区分别有多少家", []).labels == ("4A及以上景区", "5A景区")
