"""The CI gate: the full pipeline with the real model on the frozen test split must not fall below the
figures measured when the thresholds were set (answer accuracy 0.750, refusal F1 0.69; see README)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.cli import main

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
MIN_ANSWER_ACC = 0.72
MIN_REFUSAL_F1 = 0.65
MIN_INDICATOR_EXACT = 0.85


def test_test_split_meets_the_thresholds(tmp_path, monkeypatch):
    monkeypatch.delenv("ASSISTANT_MODEL", raising=False)  # the real e5 model
    rc = main(["eval", "--gold", str(ROOT / "eval" / "gold" / "test.jsonl"), "--index", str(tmp_path / "index"),
               "--out", str(tmp_path), "--name", "gate", "--min-answer-acc", str(MIN_ANSWER_ACC),
               "--min-refusal-f1", str(MIN_REFUSAL_F1)])
    metrics = json.loads((tmp_path / "gate.json").read_text(encoding="utf-8"))["metrics"]
    assert rc == 0, {k: metrics[k] for k in ("answer.acc", "refusal.f1")}
    assert metrics["answer.indicator_exact"] >= MIN_INDICATOR_EXACT
    assert metrics["numbers.unsupported"] == 0
