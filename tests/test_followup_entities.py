"""Follow-ups whose thing is not the earlier question's own: 它 after a question asking which one (the thing the
earlier answer names), 给它 (the one place asked of), another thing named alone that the plan states beside the
earlier one (a clause apart, or another item of the same box), answered from the clause beside the earlier
answer's figures; and the fields of one project row asked together after a question naming the row (业主单位).
Hand-written plans and questions, fake embedder."""

from __future__ import annotations

import pytest

from assistant.answer.scope import PlanScope
from assistant.answer.understand import pronoun_entity, resolve
from assistant.text.tokenize import Tokenizer
from assistant.types import Turn

ALIASES = [("样例省", "x")]
MONEY = ("本规划共谋划重点工程6大类，估算总投资约1260亿元。其中，大气污染防治工程约210亿元，水污染防治工程约530亿元，"
         "土壤和固体废物治理工程约175亿元，生态保护修复工程约260亿元。")
BOX = ("专栏7 商贸服务重点项目\n1.国际品牌专项引进：制定重点引进国际品牌清单和品牌引进扶持政策，建立品牌引进专项资金，"
       "持续引进国际品牌入驻，鼓励品牌首店、旗舰店落地，到2025年，集聚钟表、服饰、珠宝类国际知名品牌500个。\n"
       "2.跨境电商展示交易中心：建设跨境电商展示交易中心，引进跨境电商企业和平台，完善通关、物流、结算等配套服务，"
       "打造西部跨境电商集聚区。\n"
       "3.发展免退税经济：推动市内免税店落地，持续扩大离境退税一条街规模，到2025年，集聚免退税商店50家。")


@pytest.fixture(scope="module")
def tag():
    return Tokenizer().tag


@pytest.fixture(scope="module")
def plans():
    return (PlanScope("x", (), False, frozenset(), (2026, 2030), MONEY + "\n" + BOX),)


@pytest.mark.parametrize("followup, part", [("生态修复那块呢？", "生态修复"), ("那大气污染防治呢", "大气污染防治"),
                                            ("土壤治理这块呢", "土壤治理")])
def test_a_part_named_alone_takes_the_place_of_the_part_the_plan_states_beside_it(tag, plans, followup, part):
    new = resolve(followup, "水污染防治占规划总投资多少", ALIASES, plans=plans, tagger=tag)
    assert new == f"{part}占规划总投资多少", new


@pytest.mark.parametrize("followup", ["那免退税商店呢，到时候要多少家", "免退税商店呢？", "那免退税商店那块呢"])
def test_another_item_of_the_same_box_takes_the_place_of_the_item_asked_before(tag, plans, followup):
    new = resolve(followup, "样例省专栏7里国际品牌到2025年要集聚多少个？", ALIASES, plans=plans, tagger=tag)
    assert "里免退税商店到20" in new and "要集聚" in new and "国际品牌" not in new, new


def test_a_verb_beside_the_thing_is_not_taken_for_the_thing(tag, plans):
    new = resolve("那免退税商店呢，到时候要多少家", "样例省专栏7里国际品牌到2025年要集聚多少个？", ALIASES,
                  plans=plans, tagger=tag)
    assert "集聚免退税商店" not in new and "要免退税商店" not in new, new


def test_a_modifier_and_the_unit_asked_are_not_the_thing_swapped(tag):
    text = (PlanScope("x", (), False, frozenset(), (2026, 2028),
                      "依托养老服务中心开展家庭照护技能培训，每年培训家庭照护者1000人次以上。每年培训养老护理员1500人次。"),)
    new = resolve("那家庭照护者呢，一年培训多少", "养老护理员每年培训多少人次？", ALIASES, plans=text, tagger=tag)
    assert "家庭照护者护理员" not in new and "多少家庭照护者" not in new, new


@pytest.mark.parametrize("followup", ["高新区呢？", "那高新区呢", "高新区的呢？"])
def test_a_sibling_is_never_the_tail_of_a_word(tag, followup):
    new = resolve(followup, "样例省规划里两江新区这次规划了多少座？", ALIASES, tagger=tag)
    assert "两高新区" not in new, new


@pytest.mark.parametrize("followup", ["那它城区布了几个？", "它高速上有几个", "那它省道上布了多少"])
def test_it_after_a_which_question_is_the_thing_the_earlier_answer_names(tag, followup):
    earlier = Turn("样例省规划里哪个县市区布点最多？", "乙县，布局27个。", passage="乙县，布局27个。")
    assert pronoun_entity(followup, earlier.question, earlier, (), tag) == "乙县"
    # the engine's own answer, led by the plan's name, quotes the sentence naming it
    own = Turn(earlier.question, "**样例省**：最多的是“乙县综合能源站布局27个”。", passage="乙县综合能源站布局27个")
    assert pronoun_entity(followup, own.question, own, (), tag) == "乙县"


def test_it_asking_more_of_the_measure_is_not_a_place(tag):
    turn = Turn("样例省规划里甲区2025年充电桩要建多少根？", "1000根。", passage="1000根。")
    assert pronoun_entity("它属于约束性指标吗？", turn.question, turn, ("甲区",), tag) == ""
    assert pronoun_entity("这次给它规划了几座？", turn.question, turn, ("甲区",), tag) == "甲区"
    assert pronoun_entity("其它县呢", turn.question, turn, ("甲区",), tag) == ""


SITES_PLAN = """晋中市综合能源站专项规划
一、布局情况
全市共布局60个综合能源站，其中太谷区布局最多。
1.榆次区综合能源站布局点
榆次区综合能源站布局12个。其中，高速上2个，省道上3个，城区7个。
2.太谷区综合能源站布局点
太谷区综合能源站布局27个。其中，高速2个，国道上6个，省道上8个，城区10个。
3.祁县综合能源站布局点
祁县综合能源站布局21个。其中，国道上5个，省道上9个，城区6个。
"""

ECO_PLAN = f"""样例省生态环境保护规划
第一章 重点工程
专栏3 生态保护修复重点工程
01 苍岭山水林田湖草一体化保护和修复工程：在苍岭片区实施森林质量提升和河道生态修复，总投资约48亿元。
02 玉带河生态修复工程：实施河岸带生态修复180公里，建设人工湿地12处。
第二章 保障措施
第一节 加大资金投入
{MONEY}
"""

PROJECT_PLAN = """样例市低空经济行动方案
一、重点任务
建设东澜无人机测试基地，2027年6月底前建成投用。
附件 样例市低空经济重点项目清单
| 序号 | 项目名称 | 建设地点 | 总投资（亿元） | 起止年限 | 业主单位 |
| --- | --- | --- | --- | --- | --- |
| 1 | 东澜无人机测试基地 | 东澜区 | 2.8 | 2026—2027 | 东澜区产业投资有限公司 |
| 2 | 白沙通用机场 | 白沙县 | 6.8 | 2025—2027 | 白沙县通航发展有限公司 |
"""


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    from conftest import plan_assistant
    return plan_assistant(tmp_path_factory.mktemp("sites"), SITES_PLAN)


@pytest.fixture(scope="module")
def eco(tmp_path_factory):
    from conftest import plan_assistant
    return plan_assistant(tmp_path_factory.mktemp("eco"), ECO_PLAN)


@pytest.fixture(scope="module")
def projects(tmp_path_factory):
    from conftest import plan_assistant
    return plan_assistant(tmp_path_factory.mktemp("lowalt"), PROJECT_PLAN)


@pytest.mark.parametrize("followup, wanted", [("那它城区布了几个？省道上呢", ["城区10个"]),
                                              ("它城区有几个", ["城区10个"]),
                                              ("那它省道上布了多少", ["省道上8个"])])
def test_it_is_answered_from_the_sentence_of_the_thing_the_earlier_answer_named(sites, followup, wanted):
    history = [{"question": "晋中综合能源站规划里哪个县区布点最多？", "answer": "太谷区，布局27个。"}]
    ans = sites.ask(followup, history)
    assert all(w in ans.answer for w in wanted) and "城区7个" not in ans.answer, ans.answer


@pytest.mark.parametrize("followup", ["生态修复那块呢？", "那生态修复呢", "生态修复呢"])
def test_another_part_is_answered_from_the_sentence_stating_the_earlier_part(eco, followup):
    history = [{"question": "规划总投资多少", "answer": "约1260亿元。"}, {"question": "水污染防治占多少", "answer": "约530亿元。"}]
    ans = eco.ask(followup, history)
    assert "260亿元" in ans.answer and "48亿元" not in ans.answer, ans.answer


@pytest.mark.parametrize("followup", ["投资多少，业主是谁", "总投资多少？业主单位是哪家", "投了多少钱，谁是业主"])
def test_every_field_asked_after_a_question_naming_the_row_is_read_from_it(projects, followup):
    history = [{"question": "东澜那个无人机测试基地什么时候建成", "answer": "2027年6月底前建成投用。"}]
    ans = projects.ask(followup, history)
    assert "2.8" in ans.answer and "东澜区产业投资有限公司" in ans.answer, ans.answer
    assert "6.8" not in ans.answer
