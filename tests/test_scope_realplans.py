"""Each real plan's own area, level and period, and what place and period words mean against them (the eight
real plans in eval/realplans/corpus; doc ids are the file stems). Slow: parses every real plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answer.scope import plan_scopes
from assistant.answer.understand import understand
from assistant.ingest.loader import load_corpus
from assistant.text.tokenize import Tokenizer

pytestmark = pytest.mark.slow
CORPUS = Path(__file__).resolve().parent.parent / "eval" / "realplans" / "corpus"


@pytest.fixture(scope="module")
def real():
    docs = load_corpus(CORPUS)
    tag = Tokenizer().tag
    return docs, tag, {p.doc_id: p for p in plan_scopes(docs, tag)}


@pytest.mark.parametrize("doc_id,area,whole,period", [
    ("anhui_gongyehulianwang_2021_2023", "安徽省", "全省", (2021, 2023)),
    ("chongqing_chengpinyou_jiayouzhan_14wu", "重庆市", "全市", (2021, 2025)),
    ("chongyang_jiayouzhan_15wu_2026_2030", "崇阳县", "全县", (2026, 2030)),
    ("jienengjiangtan_2024_2025_guowuyuan", None, "全国", (2024, 2025)),
    ("jilin_chonghuandian_2021_2025", "吉林省", "全省", (2021, 2025)),
    ("lvliang_zonghenengyuanzhan_2025_2030", "吕梁市", "全市", (2025, 2030)),
    ("shenzhen_tandafeng_shidian_2024", "深圳市", "全市", None),
    ("shuzijingji_14wu_guowuyuan", None, "全国", (2021, 2025)),
])
def test_each_real_plan_has_its_own_area_level_and_period(real, doc_id, area, whole, period):
    _, _, scopes = real
    p = scopes[doc_id]
    assert [a.name for a in p.areas] == ([area] if area else [])
    assert p.national == (area is None) and whole in p.wholes
    if period:
        assert p.period == period


@pytest.mark.parametrize("question,doc_id,local,foreign,years", [
    ("吉林省长春市要建几座换电站？", "jilin_chonghuandian_2021_2025", ("长春市",), (), ()),
    ("吉林省全省要建多少座充电站？", "jilin_chonghuandian_2021_2025", (), (), ()),
    ("吕梁市孝义规划期末建多少座综合能源站？", "lvliang_zonghenengyuanzhan_2025_2030", ("孝义",), (), ("2030",)),
    ("崇阳县白霓镇到时候有几座加油站？", "chongyang_jiayouzhan_15wu_2026_2030", ("白霓镇",), (), ("2030",)),
    ("重庆市万州区十四五末有多少座加油站？", "chongqing_chengpinyou_jiayouzhan_14wu", ("万州区",), (), ("2025",)),
])
def test_real_questions_places_and_periods(real, question, doc_id, local, foreign, years):
    docs, tag, scopes = real
    q = understand(question, [], [d.meta for d in docs], tag, tuple(scopes.values()))
    assert doc_id in q.docs
    assert tuple(m.text for m in q.local_places) == local and q.foreign_places == foreign
    assert q.years == years


def test_a_place_no_real_plan_is_about_is_foreign(real):
    docs, tag, scopes = real
    q = understand("拉萨市要建几座充电站？", [], [d.meta for d in docs], tag, tuple(scopes.values()))
    assert q.foreign_places == ("拉萨市",)
