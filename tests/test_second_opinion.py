"""A number question's weakly supported handler answer yields to the plain extractive answer when that is clearly
better supported (assistant/answer/compose.py ``second_opinion``); lists, other question types, refusals and an
extractive answer dropping a figure the question names keep the handler's answer."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from assistant.answer import compose
from assistant.answer.context import Candidate
from assistant.types import Answer


def _a(answer: str, citations=(), score: float = 0.0) -> Answer:
    return Answer(question="", answer=answer, refused=False, citations=citations, score=score)


ROW = _a(answer="**样例市 · 文化服务中心覆盖率**（单位：%）：2025年 96.8%。 [1]", citations=(), score=0.55)
SENTENCE = _a(answer="全市建成村（社区）综合性文化服务中心1438个。 [1]", citations=(), score=0.95)


def _ctx(question: str, intent: str = "indicator"):
    q = SimpleNamespace(intent=intent, resolved=question)
    return SimpleNamespace(question=q, expired=lambda: False)


@pytest.fixture
def extractive(monkeypatch):
    def use(answer: Answer):
        monkeypatch.setattr(compose, "_retrieval_only", lambda ctx: Candidate(answer, "extractive", 1.0))
        monkeypatch.setattr(compose, "decide", lambda ctx, a, kind="": a)
    return use


def test_a_weak_row_answer_yields_to_a_clearly_better_supported_sentence(extractive):
    extractive(SENTENCE)
    ctx = _ctx("村里综合文化服务中心建成了多少个")
    assert compose.second_opinion(ctx, Candidate(ROW, "indicator", 1.0), ROW) is SENTENCE


def test_a_supported_answer_or_a_narrow_margin_keeps_the_handler(extractive):
    extractive(SENTENCE)
    ctx = _ctx("村里综合文化服务中心建成了多少个")
    strong = _a(answer=ROW.answer, citations=(), score=compose.SECOND_OPINION_BELOW)
    assert compose.second_opinion(ctx, Candidate(strong, "indicator", 1.0), strong) is strong
    close = _a(answer=ROW.answer, citations=(), score=SENTENCE.score - compose.SECOND_OPINION_MARGIN + 0.01)
    assert compose.second_opinion(ctx, Candidate(close, "indicator", 1.0), close) is close


def test_other_questions_lists_and_first_hand_answers_keep_theirs(extractive):
    extractive(SENTENCE)
    listed = _a(answer="包括： [1]\n- 一、北部\n- 二、南部", citations=(), score=0.3)
    assert compose.second_opinion(_ctx("有哪几类区域", "list"), Candidate(ROW, "section", 1.0), ROW) is ROW
    assert compose.second_opinion(_ctx("建成了多少个"), Candidate(listed, "section", 1.0), listed) is listed
    assert compose.second_opinion(_ctx("建成了多少个"), Candidate(ROW, "extractive", 1.0), ROW) is ROW


def test_the_extractive_answer_must_keep_a_figure_the_question_names(extractive):
    extractive(SENTENCE)
    said = _a(answer="到2025年覆盖率96.8%。 [1]", citations=(), score=0.4)
    ctx = _ctx("2025年综合文化服务中心建成多少个")
    assert compose.second_opinion(ctx, Candidate(said, "goal", 1.0), said) is said
