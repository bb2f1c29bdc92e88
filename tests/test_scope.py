"""Places and period words against the plans in scope: a small hand-written gazetteer and three plans of
different levels (national, province, district); then the misparses seen on real questions, with the real
gazetteer (jionlp's table, read without importing jionlp)."""

from __future__ import annotations

import pytest

from assistant.answer.gazetteer import gazetteer, parse_table
from assistant.answer.scope import (
    PlanScope,
    five_year_plan_years,
    period_words,
    place_mentions,
    plan_period,
    plan_scope,
)
from assistant.answer.understand import understand
from assistant.types import DocMeta

TABLE = """北方省\t100000\t北方
\t江城市\t100100\t江城
\t\t河东区\t100101\t河东
\t\t\t白石镇
\t\t\t\t白石村
\t\t山阳县\t100102\t山阳
\t\t\t青林镇
南方省\t200000\t南方
\t海城市\t200100\t海城
\t\t湾里县\t200101\t湾里
中州市\t300000\t中州
\t中州市\t300000\t中州
\t\t中城区\t300101\t中城
"""
GAZ = parse_table(TABLE.splitlines())
PLACES = {"北方省", "江城市", "河东区", "河东", "山阳县", "海城市", "中州市", "中城区", "江城", "海城",
          "鹭洲", "溪宁市", "和平", "中由县"}  # the last three are not in the table (invented places; a not_place word)


def tagger(text: str) -> list[tuple[str, str]]:
    """Greedy longest match over a few words, places tagged 'ns'; everything else one character at a time."""
    vocab = PLACES | {"大学", "实验室", "研究院", "分院", "高新区", "全省", "全区", "全国", "全县"}
    out, i = [], 0
    while i < len(text):
        w = next((text[i:i + n] for n in range(6, 1, -1) if text[i:i + n] in vocab), text[i])
        out.append((w, "ns" if w in PLACES else "x"))
        i += len(w)
    return out


NATIONAL = DocMeta("national", "“十四五”数字经济发展规划")
PROVINCE = DocMeta("province", "北方省充电设施发展规划（2021-2025年）", ("北方省", "北方"))
DISTRICT = DocMeta("district", "河东区“十五五”加油站布局专项规划", ("河东区", "河东"))
ZONE = DocMeta("zone", "江城高新区开放规划（2024—2025年）", ("江城高新区", "高新区"))


def scopes(*metas: DocMeta, text: str = "") -> list[PlanScope]:
    return [plan_scope(m, tagger, text, GAZ) for m in metas]


def test_table_reads_levels_short_names_and_municipalities():
    (town,) = GAZ.lookup("白石镇")
    assert town.level == "town" and town.parents == ("北方省", "江城市", "河东区")
    assert GAZ.lookup("江城")[0].name == "江城市"
    assert GAZ.lookup("白石村") == ()  # villages are skipped
    (district,) = GAZ.lookup("中城区")
    assert district.parents == ("中州市",) and district.within(GAZ.lookup("中州市")[0])


def test_plan_levels_areas_and_periods():
    national, province, district, zone = scopes(NATIONAL, PROVINCE, DISTRICT, ZONE)
    assert national.national and national.areas == () and "全国" in national.wholes
    assert [a.name for a in province.areas] == ["北方省"] and province.wholes == {"全省", "本省"}
    assert [a.name for a in district.areas] == ["河东区"] and district.wholes == {"全区", "本区"}
    assert zone.areas == () and not zone.national and zone.wholes == {"全区", "本区"}  # 江城 + 高新区 is a zone of 江城
    assert (national.period, province.period, district.period, zone.period) == (
        (2021, 2025), (2021, 2025), (2026, 2030), (2024, 2025))


@pytest.mark.parametrize("title,period", [
    ("吉林省电动汽车充换电基础设施发展规划（2021-2025年）", (2021, 2025)),
    ("2024—2025年节能降碳行动方案", (2024, 2025)),
    ("安徽省工业互联网创新发展行动计划(2021—2023年)", (2021, 2023)),
    ("崇阳县“十五五”加油站布局专项规划", (2026, 2030)),
    ("某区十三五规划", (2016, 2020)),
    ("某区开放规划", None),
])
def test_plan_period_from_title(title, period):
    assert plan_period(title) == period


def test_plan_period_falls_back_to_the_head_of_the_text():
    assert plan_period("untitled", "关于印发某市综合能源站专项规划（2025－2030年）的通知") == (2025, 2030)
    assert five_year_plan_years("十一五") == (2006, 2010)


def statuses(question: str, plans) -> dict[str, str]:
    return {m.text: m.status for m in place_mentions(question, tagger, plans, GAZ)}


def test_places_inside_a_plan_area_are_local_others_foreign():
    plans = scopes(NATIONAL, PROVINCE, DISTRICT)
    assert statuses("江城市要建几座充电站？", plans) == {"江城市": "local"}  # a city of the province
    assert statuses("白石镇有几座加油站？", plans) == {"白石镇": "local"}  # a town of the district
    assert statuses("山阳县有几座加油站？", plans) == {"山阳县": "local"}  # a county of the province
    assert statuses("海城市要建几座充电站？", plans) == {"海城市": "foreign"}
    assert statuses("北方省要建几座充电站？", plans) == {"北方省": "own"}


def test_a_place_the_plan_text_names_is_local():
    (district,) = scopes(DISTRICT, text="与海城市开展合作。")
    assert statuses("海城市的合作项目有哪些？", [district]) == {"海城市": "local"}
    (district,) = scopes(DISTRICT)
    assert statuses("海城市的合作项目有哪些？", [district]) == {"海城市": "foreign"}


def test_an_administrative_name_the_table_lacks_is_foreign_unless_a_plan_names_it():
    plans = scopes(PROVINCE)
    assert statuses("鹭洲市要新建几个消防站？", plans) == {"鹭洲市": "foreign"}  # a place + 市, not in the table
    assert statuses("溪宁市新建救援基地几个？", plans) == {"溪宁市": "foreign"}  # tagged as one word
    assert statuses("鹭洲有几个消防站？", plans) == {}  # no administrative suffix: no claim
    assert statuses("和平区要建几座？", plans) == {}  # a generic word (lexicon not_place)
    assert statuses("鹭洲市要新建几个消防站？", scopes(PROVINCE, text="在鹭洲、溪宁新建基地。")) == {}  # the plan names it
    assert statuses("江城市要建几座充电站？", plans) == {"江城市": "local"}  # the table's own reading stands
    assert statuses("鹭洲市应急管理局负责哪些？", plans) == {}  # a unit's name
    assert statuses("附表中由县卫生健康局负责哪些？", plans) == {}  # 中由县: a particle joined to the name


def test_whole_area_words_follow_the_plan_level():
    national, province, district = scopes(NATIONAL, PROVINCE, DISTRICT)
    assert statuses("全国的目标是多少？", [national]) == {"全国": "own"}
    assert statuses("全省要建多少座？", [province]) == {"全省": "own"}
    assert statuses("全区要建多少座？", [district]) == {"全区": "own"}
    assert statuses("全省要建多少座？", [district]) == {"全省": "foreign"}
    assert statuses("全县要建多少座？", [national, province, district]) == {"全县": "foreign"}


def test_a_place_inside_an_organisation_name_is_no_place():
    plans = scopes(DISTRICT)
    assert statuses("海城大学实验室在规划里怎么说？", plans) == {}
    assert statuses("海城市研究院的分院有哪些？", plans) == {}


def test_period_words_resolve_to_each_plans_own_period():
    national, province, district = scopes(NATIONAL, PROVINCE, DISTRICT)
    assert period_words("规划期末加油站有多少座？", [district]).years == ("2030",)
    assert period_words("到时候要建成多少座？", [province]).years == ("2025",)
    assert period_words("规划期末有多少座？", [province, district]).years == ("2025", "2030")
    assert period_words("十四五末有多少座？", [district]).years == ("2025",)  # a named plan period, whatever the plan
    assert period_words("十四五期末有多少座？", [district]).years == ("2025",)
    assert period_words("十五五期间新建多少座？", [national]).period == (2026, 2030)
    assert period_words("规划期内新建多少座？", [district]).period == (2026, 2030)
    assert period_words("十三五末有多少？", [national]).years == ("2020",)


def test_question_years_and_target_follow_the_plan_period():
    q = understand("河东区规划期末加油站有多少座？", [], [DISTRICT], tagger, scopes(DISTRICT))
    assert q.years == ("2030",) and "target" in q.wants
    q = understand("河东区十四五末加油站有多少座？", [], [DISTRICT], tagger, scopes(DISTRICT))
    assert q.years == ("2025",) and "target" not in q.wants  # 2025 is this plan's starting point


def test_a_foreign_place_before_a_plan_name_is_another_zone():
    plans = scopes(ZONE)
    q = understand("海城高新区的开放目标是什么？", [], [ZONE], tagger, plans)
    assert q.foreign_places == ("海城高新区",) and q.docs == ()
    q = understand("江城高新区的开放目标是什么？", [], [ZONE], tagger, plans)
    assert q.foreign_places == () and q.docs == ("zone",)


# ---------------------------------------------------------------- the real gazetteer


@pytest.fixture(scope="module")
def real():
    from assistant.text.tokenize import Tokenizer

    return gazetteer(), Tokenizer().tag


@pytest.mark.parametrize("mention,full", [
    ("长春", "长春市"), ("长春市", "长春市"), ("万州", "万州区"), ("孝义", "孝义市"), ("开州", "开州区"),
    ("渝中", "渝中区"), ("吉林省", "吉林省"), ("粤海街道", "粤海街道"), ("白霓镇", "白霓镇"),
])
def test_real_gazetteer_knows_places_with_and_without_suffix(real, mention, full):
    gaz, _ = real
    assert full in {a.name for a in gaz.lookup(mention)}


@pytest.mark.parametrize("question", [
    "表1中2025年的汽车保有量是多少？", "表1-1中2025年是多少？", "西湖大学实验室在规划里怎么说？",
    "北京航空航天大学研究院的分院有哪些？", "中心城区规划期末合计多少座？", "十五五期间新建多少座加油站？",
])
def test_real_misparses_are_no_place_mentions(real, question):
    gaz, tag = real
    district = plan_scope(DocMeta("d", "崇阳县“十五五”加油站布局专项规划", ("崇阳县", "崇阳")), tag, "", gaz)
    assert place_mentions(question, tag, [district], gaz) == ()


def test_real_places_of_a_province_plan(real):
    gaz, tag = real
    province = plan_scope(DocMeta("p", "吉林省电动汽车充换电基础设施发展规划（2021-2025年）", ("吉林省",)), tag, "", gaz)
    assert {m.text: m.status for m in place_mentions("长春要建几座换电站？", tag, [province], gaz)} == {"长春": "local"}
    assert {m.text: m.status for m in place_mentions("广州市要建几座换电站？", tag, [province], gaz)} == {
        "广州市": "foreign"}
    assert {m.text: m.status for m in place_mentions("全省要建几座换电站？", tag, [province], gaz)} == {"全省": "own"}


def test_a_period_word_in_a_follow_up_takes_the_plans_last_year():
    q = understand("那规划期末呢？", [("河东区2027年加油站有多少座？", "12座。")], [DISTRICT], tagger, scopes(DISTRICT))
    assert "2030" in q.resolved and q.years == ("2030",)


def test_a_plan_of_an_area_the_table_lacks_is_not_its_namesake_or_its_city():
    (p,) = scopes(DocMeta("x", "海城市湾里区数字经济规划", ("海城市湾里区", "湾里区", "湾里")))
    assert p.areas == () and not p.national and p.wholes == {"全区", "本区"}  # not 湾里县, not 海城市
    assert statuses("湾里县有几座加油站？", [p]) == {"湾里县": "foreign"}


def test_a_place_that_is_another_plans_own_area_names_that_plan(real):
    gaz, tag = real
    metas = [DocMeta("a", "吕梁市综合能源站专项规划（2025—2030年）", ("吕梁市", "吕梁")),
             DocMeta("b", "国家碳达峰试点（深圳）实施方案")]
    plans = [plan_scope(m, tag, "", gaz) for m in metas]
    q = understand("吕梁和深圳碳达峰试点都讲了氢能，各自是怎么定位的？", [], metas, tag, plans)
    assert q.docs == ("a", "b") and q.foreign_places == ()
    q = understand("吕梁规划里广州的站有几座？", [], metas, tag, plans)  # no plan's area: still foreign
    assert q.docs == ("a",) and q.foreign_places == ("广州",)
