"""The answer engine's shape: one Context per question, handlers in an ordered registry, a deadline that falls
back to retrieval only, and the engine's own record of each turn (pure: no index, no model)."""

from __future__ import annotations

import time

from assistant.answer.compose import HANDLERS, Handler, dispatch
from assistant.answer.context import Candidate, Context
from assistant.answer.understand import Question, understand
from assistant.types import Answer, DocMeta, Turn

METAS = [DocMeta("a", "甲区规划", ("甲区",)), DocMeta("b", "乙区规划", ("乙区",))]


def _tagger(text):
    return [(text, "x")]


def _ctx(deadline=None) -> Context:
    q = Question("问", "问", (), (), "open", (), frozenset(), False, False)
    return Context(q, {}, (), (), (), (), weight=len, retriever=None, tokenizer=None, deadline=deadline)


def _answers(text):
    return lambda ctx: Candidate(Answer("问", text, False), text)


def _none(ctx):
    return None


def _fallback(ctx):
    return Candidate(Answer("问", "retrieval", False), "extractive")


def test_the_first_handler_with_a_candidate_wins_in_registry_order():
    handlers = (Handler("a", _none), Handler("b", _answers("b")), Handler("c", _answers("c")))
    assert dispatch(_ctx(), handlers, _fallback).kind == "b"
    assert dispatch(_ctx(), (Handler("a", _none),), _fallback).kind == "extractive"


def test_a_handler_that_raises_is_skipped_and_logged_outside_the_tests(monkeypatch, caplog):
    """One handler's bug never costs the asker the answer: the next handler answers and the error is logged with
    its traceback; in the tests (conftest) the error is raised instead, so a bug fails its test."""
    import pytest

    from assistant.answer import compose

    def broken(ctx):
        raise ValueError("max() arg is an empty sequence")

    handlers = (Handler("broken", broken), Handler("b", _answers("b")))
    with pytest.raises(ValueError):
        dispatch(_ctx(), handlers, _fallback)
    monkeypatch.setattr(compose, "RAISE_HANDLER_ERRORS", False)
    assert dispatch(_ctx(), handlers, _fallback).kind == "b"
    assert "handler broken failed" in caplog.text and "ValueError" in caplog.text


def test_a_passed_deadline_lists_the_retrieved_passages_and_says_so():
    handlers = (Handler("b", _answers("b")),)
    late = dispatch(_ctx(deadline=time.thread_time() - 1), handlers, _fallback)  # CPU time of this thread
    assert late.kind == "over_budget" and "时间预算" in late.answer.answer and late.answer.refused
    assert dispatch(_ctx(deadline=time.thread_time() + 3600), handlers, _fallback).kind == "b"


def test_registry_names_are_unique():
    names = [h.name for h in HANDLERS]
    assert len(names) == len(set(names))


def test_a_turn_the_engine_recorded_is_not_resolved_again():
    # the record says what the earlier turn meant; the follow-up builds on it, not on re-reading its text
    rec = Turn("2020年是多少？", "1.5亿元", resolved="甲区跨境结算额2020年是多少？")
    q = understand("那乙区呢？", [rec], METAS, _tagger)
    assert q.resolved.startswith("乙区跨境结算额") and q.docs == ("b",)
    bare = understand("那乙区呢？", [("2020年是多少？", "1.5亿元")], METAS, _tagger)
    assert "跨境结算额" not in bare.resolved


def test_ordinal_follow_ups_use_the_recorded_items():
    rec = Turn("甲区有哪些中心？", "三个", resolved="甲区有哪些中心？", items=("研发中心", "结算中心", "物流中心"))
    assert "结算中心" in understand("第二个具体怎么说？", [rec], METAS, _tagger).resolved
