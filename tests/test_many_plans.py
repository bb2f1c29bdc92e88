"""A corpus of many plans: a question naming no plan is answered from the plans retrieval finds (at most
MAX_OPEN_SCOPE), so the handlers never read hundreds of plans; named plans still scope it (hand-written plans,
fake embedder)."""

from __future__ import annotations

import pytest
from conftest import hashing_settings, write_plan

from assistant.answer.context import MAX_OPEN_SCOPE

TOWNS = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸", "子", "丑", "寅", "卯", "辰", "巳", "午", "未"]
ITEMS = ["梧桐", "银杏", "香樟", "水杉", "红枫", "白杨", "垂柳", "松柏", "桂花", "海棠", "玉兰", "紫薇", "木棉", "榕树",
         "杜鹃", "茉莉", "腊梅", "山茶"]


def plan(town: str, item: str, n: int) -> str:
    return f"""{town}县{item}产业发展规划（2026—2030年）

第一章 发展目标

到2030年，全县{item}种植面积达到{n}亩，建成{item}精深加工中心1个。

第二章 保障措施

加强组织领导，落实资金保障。
"""


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    from assistant.index.embed import HashingEmbedder
    from assistant.index.indexer import build_index
    from assistant.pipeline import Assistant

    root = tmp_path_factory.mktemp("many")
    for i, (town, item) in enumerate(zip(TOWNS, ITEMS, strict=True)):
        write_plan(root / "corpus", f"plan_{i:02d}.txt", plan(town, item, 1000 + i))
    settings = hashing_settings(root, root / "corpus")
    build_index(settings.sources, settings.index_dir, HashingEmbedder())
    return Assistant.open(settings, embedder=HashingEmbedder(), rebuild=False)


def test_the_corpus_has_more_plans_than_are_read_at_once(many):
    assert len(many.documents) > MAX_OPEN_SCOPE


def test_a_question_naming_no_plan_is_answered_from_the_plan_retrieval_finds(many):
    ans = many.ask("木棉种植面积到2030年要达到多少亩？")
    assert not ans.refused and "1012" in ans.answer, ans.answer


def test_a_named_plan_scopes_the_question_whatever_the_corpus(many):
    ans = many.ask("未县的规划到2030年种植面积要达到多少亩？")
    assert not ans.refused and "1017" in ans.answer, ans.answer


def test_handlers_read_at_most_max_open_scope_plans(many):
    from assistant.answer.context import build_context

    ctx = build_context("种植面积到2030年要达到多少亩？", [], many.documents, many.retriever, many.tokenizer)
    assert 0 < len(ctx.scope) <= MAX_OPEN_SCOPE
    assert set(ctx.scope) <= {h.chunk.doc_id for h in ctx.hits}
