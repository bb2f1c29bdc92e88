"""A number question's measure and keys against the quoted line: a share asked (多大比例) is stated by a percentage
the line gives, and a total asked (总数) is named by the line's 总量 (small hand-written plans)."""

from __future__ import annotations

from assistant.answer.compose import _extractive_answer
from assistant.answer.understand import understand
from assistant.types import Chunk, DocMeta, Hit, RawDocument, SourceLine


def _plan(doc_id: str, text: str):
    from assistant.ingest.parser import parse

    raw = RawDocument(f"{doc_id}.txt", "txt", tuple(SourceLine(i, t) for i, t in enumerate(text.split("\n"), 1)))
    return parse(raw, DocMeta(doc_id, doc_id))


def _answer(question: str, text: str, terms: list[str], weights: dict[str, float]):
    doc = _plan("a", "二、布局要求\n" + text + "\n")
    hits = [Hit(Chunk("c0", "a", "section", "s", ("二、布局要求",), text, text), 1.0, 0)]
    q = understand(question, [], [doc.meta], lambda s: [(c, "x") for c in s])
    assert q.intent == "indicator"
    return _extractive_answer(q, {"a": doc}, hits, terms, weight=lambda t: weights.get(t, 1.0))


SHARE = "加油站布点应为新能源预留空间，选取规划新增的5%左右加油站作为新能源加注站试点。"
TOTAL = "按照总量控制原则，规划加油站总量控制在69座之内。"


def test_a_share_asked_is_stated_by_a_percentage():
    ans = _answer("新增站里拿多大比例做新能源加注试点？", SHARE, ["新增", "比例", "新能源", "加注", "试点"],
                  {"加注": 8.0, "比例": 7.0, "新能源": 7.0, "新增": 6.0, "试点": 5.5})
    assert not ans.refused and "5%" in ans.answer


def test_a_share_asked_is_not_stated_by_a_count():
    ans = _answer("新增站里拿多大比例做新能源加注试点？", SHARE.replace("5%左右", "5座"),
                  ["新增", "比例", "新能源", "加注", "试点"],
                  {"加注": 8.0, "比例": 7.0, "新能源": 7.0, "新增": 6.0, "试点": 5.5})
    assert ans.refused


def test_a_total_asked_is_named_by_its_synonym():
    ans = _answer("加油站总数控制在多少？", TOTAL, ["总数", "加油站", "控制"],
                  {"总数": 5.0, "加油站": 4.0, "控制": 4.0})
    assert not ans.refused and "69座" in ans.answer
