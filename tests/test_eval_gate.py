"""The CI gate: the full pipeline with the real model must not fall below the figures measured when the
thresholds were set, less a small margin: on the frozen test split (answer accuracy 0.821, refusal F1 0.769,
indicator exactness 0.90) and on the unseen synthetic plan (answer accuracy 0.844, indicator exactness 1.00;
see README)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.cli import main

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
MIN_ANSWER_ACC = 0.78
MIN_REFUSAL_F1 = 0.72
MIN_INDICATOR_EXACT = 0.85
UNSEEN_MIN_ANSWER_ACC = 0.80
UNSEEN_MIN_INDICATOR_EXACT = 0.90


def test_test_split_meets_the_thresholds(tmp_path, monkeypatch):
    monkeypatch.delenv("ASSISTANT_MODEL", raising=False)  # the real e5 model
    rc = main(["eval", "--gold", str(ROOT / "eval" / "gold" / "test.jsonl"), "--index", str(tmp_path / "index"),
               "--out", str(tmp_path), "--name", "gate", "--min-answer-acc", str(MIN_ANSWER_ACC),
               "--min-refusal-f1", str(MIN_REFUSAL_F1)])
    metrics = json.loads((tmp_path / "gate.json").read_text(encoding="utf-8"))["metrics"]
    assert rc == 0, {k: metrics[k] for k in ("answer.acc", "refusal.f1")}
    assert metrics["answer.indicator_exact"] >= MIN_INDICATOR_EXACT
    assert metrics["numbers.unsupported"] == 0


def test_unseen_plan_meets_the_thresholds(tmp_path, monkeypatch):
    """A plan in a layout the code was not written for (eval/unseen): Markdown, 第N部分, a pipe table with a
    growth column, 专栏 as blockquotes, no catalog entry."""
    monkeypatch.delenv("ASSISTANT_MODEL", raising=False)
    rc = main(["eval", "--gold", str(ROOT / "eval" / "gold" / "unseen.jsonl"), "--corpus",
               str(ROOT / "eval" / "unseen" / "corpus"), "--index", str(tmp_path / "index"), "--out", str(tmp_path),
               "--name", "unseen", "--min-answer-acc", str(UNSEEN_MIN_ANSWER_ACC)])
    metrics = json.loads((tmp_path / "unseen.json").read_text(encoding="utf-8"))["metrics"]
    assert rc == 0, metrics["answer.acc"]
    assert metrics["answer.indicator_exact"] >= UNSEEN_MIN_INDICATOR_EXACT
    assert metrics["numbers.unsupported"] == 0
