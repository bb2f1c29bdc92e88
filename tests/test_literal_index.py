"""The literal index finds exactly the texts a scan finds (pure, no model)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.index.literal import LiteralIndex

TEXTS = ["到2025年，全县建成加油站69座。", "综合能源站规划", "", "站", "加油站和充电站", "充换电站500座，充电桩1万个"]


def scan(texts, term):
    return [i for i, t in enumerate(texts) if term in t]


def test_rows_and_counts_match_a_scan():
    idx = LiteralIndex(TEXTS)
    for term in ["加油站", "站", "充电站", "69座", "电站", "不存在的词", "充换电站500座", "规划", "，"]:
        assert idx.rows(term).tolist() == scan(TEXTS, term), term
        assert idx.count(term) == len(scan(TEXTS, term))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="加油站充电桩规划2025年，", max_size=30), max_size=12),
       st.text(alphabet="加油站充电桩规划2025年，", min_size=1, max_size=5))
def test_any_term_over_any_texts(texts, term):
    assert LiteralIndex(texts).rows(term).tolist() == scan(texts, term)


def test_characters_outside_the_basic_plane():
    texts = ["𠀀𠀁站", "站𠀁"]
    assert LiteralIndex(texts).rows("𠀁站").tolist() == [0]


def test_the_scan_beyond_the_packed_rows_finds_the_same():
    idx = LiteralIndex(TEXTS)
    idx._scan = True  # what a corpus of more than 4,194,304 chunks gets
    for term in ["加油站", "充电站", "不存在的词"]:
        assert idx.rows(term).tolist() == scan(TEXTS, term)
