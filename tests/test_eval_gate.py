"""The CI gate: the full pipeline with the real model must not fall below the figures measured when the
thresholds were set (session 15's run of the merged branches, README "Evaluation"), less at most two points (rounded
down): on the frozen test split (answer accuracy 0.893, refusal F1 0.923, indicator exactness 0.85), on the fourteen
unseen synthetic plans (answer accuracy 0.889, 0.867, 0.66, 0.767, 0.90, 0.833, 0.70, 0.80, 0.667, 0.667, 0.633, 0.833,
0.867 and 0.70), on the frozen real-plan test split (answer accuracy 0.829, refusal F1 0.848, indicator exactness 0.90),
on the two frozen sets of casual staff wording (casual 0.969, realcasual 0.875), on the frozen halves of the session-5
to -15 blind sets (test3 0.941, realtest2 0.812, test4 0.90, realtest3 0.787, realtest4 0.762, realtest5 0.819,
realtest6 0.836, realtest7 0.817, realtest8 0.75, realtest9 0.775, realtest10 0.90, realtest11 0.725, realtest12 0.75,
realtest13 0.525: follow-ups) and on rewordtest (0.783: tuning questions reworded blind); no number without a source
anywhere. A gate already within two points of its figure was kept. No gate went down with session 15's figures.
test6 to test13 and test15 (7 to 10 questions) are not gated. Session 16 (its merged run, git 6a7950a): realtest refusal
F1 0.875 (gate 0.85), unseen14 0.733 (gate 0.71), test14 0.90 and realtest14 0.975 added; realtest15 (the frozen
real-plan half of session 16's follow-up set, 0.656) is not gated: one of its answers states a number no cited
passage holds (found by its first run, before any change; counts only, the row is not opened), which this gate
would have to assert away."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.cli import main

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
MIN_ANSWER_ACC = 0.87
MIN_REFUSAL_F1 = 0.90
MIN_INDICATOR_EXACT = 0.83
UNSEEN = {  # gold file -> (corpus, minimum answer accuracy, minimum indicator exactness)
    "unseen": ("unseen", 0.86, 0.98),
    "unseen2": ("unseen2", 0.85, 0.88),
    "unseen3": ("unseen3", 0.64, 0.60),  # session 6: a Word export with TAB/space tables, judging only
    "unseen4": ("unseen4", 0.74, 0.78),  # session 8: a copied web page and a Markdown export, judging only
    "unseen5": ("unseen5", 0.88, 0.98),  # session 9: text copied out of a PDF, judging only
    "unseen6": ("unseen6", 0.81, 0.98),  # session 10: a provincial plan typeset as a PDF, judging only
    "unseen7": ("unseen7", 0.68, 0.98),  # session 10: a district action plan exported from Word, judging only
    "unseen8": ("unseen8", 0.78, 0.78),  # session 11: a county 规划纲要 exported from Word, judging only
    "unseen9": ("unseen9", 0.64, 0.58),  # session 11: a city plan typeset as a PDF, judging only
    "unseen10": ("unseen10", 0.64, 0.98),  # session 12: a municipal 行动方案 exported from Word, judging only
    "unseen11": ("unseen11", 0.61, 0.48),  # session 12: a provincial plan saved from a web page, judging only
    "unseen12": ("unseen12", 0.81, 0.73),  # session 13: a city plan saved from a WeChat repost as Markdown, judging only
    "unseen13": ("unseen13", 0.84, 0.98),  # session 14: a city plan converted from Word to Markdown by pandoc, judging only
    "unseen14": ("unseen14", 0.71, 0.78),  # session 15: a district plan as the OCR text of a scanned document, judging only
}
REAL = (0.80, 0.85, 0.88)  # realtest: minimum answer accuracy, refusal F1, indicator exactness
CASUAL = {  # gold file -> (corpus folder or None for the bundled plans, minimum answer accuracy)
    "casual": (None, 0.94),
    "realcasual": (ROOT / "eval" / "realplans" / "corpus", 0.85),
    "test3": (None, 0.92),  # the frozen halves of session 5's blind set
    "realtest2": (ROOT / "eval" / "realplans" / "corpus", 0.79),
    "test4": (None, 0.88),  # the frozen halves of session 6's blind set
    "realtest3": (ROOT / "eval" / "realplans" / "corpus", 0.76),
    "realtest4": (ROOT / "eval" / "realplans" / "corpus", 0.74),  # the frozen half of session 7's blind set
    "realtest5": (ROOT / "eval" / "realplans" / "corpus", 0.79),  # the frozen half of session 8's blind set
    "realtest6": (ROOT / "eval" / "realplans" / "corpus", 0.81),  # the frozen half of session 9's blind set
    "realtest7": (ROOT / "eval" / "realplans" / "corpus", 0.79),  # the frozen half of session 10's blind set
    "realtest8": (ROOT / "eval" / "realplans" / "corpus", 0.73),  # the frozen real-plan half of session 11's blind set
    "realtest9": (ROOT / "eval" / "realplans" / "corpus", 0.75),  # the frozen real-plan half of session 12's blind set
    "realtest10": (ROOT / "eval" / "realplans" / "corpus", 0.88),  # the frozen real-plan half of session 13's blind set
    "realtest11": (ROOT / "eval" / "realplans" / "corpus", 0.70),  # the frozen real-plan half of session 14's blind set
    "realtest12": (ROOT / "eval" / "realplans" / "corpus", 0.73),  # the frozen real-plan half of session 15's blind set
    "realtest13": (ROOT / "eval" / "realplans" / "corpus", 0.50),  # session 15's follow-up set, frozen real-plan half
    "test14": (None, 0.88),  # the frozen half of session 16's bundled-plan set
    "realtest14": (ROOT / "eval" / "realplans" / "corpus", 0.95),  # the frozen half of session 16's real-plan figures set
    "rewordtest": (ROOT / "eval" / "realplans" / "corpus", 0.76),  # session 9: tuning questions reworded blind
}


def run_gate(tmp_path, monkeypatch, name: str, corpus: Path | None, min_acc: float,
             min_f1: float | None = None) -> tuple[int, dict]:
    """``assistant eval`` on one gold file with the real e5 model: its exit code (non-zero below the minimum
    answer accuracy or refusal F1) and its metrics."""
    monkeypatch.delenv("ASSISTANT_MODEL", raising=False)
    rc = main(["eval", "--gold", str(ROOT / "eval" / "gold" / f"{name}.jsonl"),
               *(["--corpus", str(corpus)] if corpus else []), "--index", str(tmp_path / "index"),
               "--out", str(tmp_path), "--name", name, "--min-answer-acc", str(min_acc),
               *(["--min-refusal-f1", str(min_f1)] if min_f1 is not None else [])])
    return rc, json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8"))["metrics"]


def test_test_split_meets_the_thresholds(tmp_path, monkeypatch):
    rc, metrics = run_gate(tmp_path, monkeypatch, "test", None, MIN_ANSWER_ACC, MIN_REFUSAL_F1)
    assert rc == 0, {k: metrics[k] for k in ("answer.acc", "refusal.f1")}
    assert metrics["answer.indicator_exact"] >= MIN_INDICATOR_EXACT
    assert metrics["numbers.unsupported"] == 0


@pytest.mark.parametrize("name", sorted(UNSEEN))
def test_unseen_plan_meets_the_thresholds(tmp_path, monkeypatch, name):
    """Plans in layouts the code was not written for (eval/unseen: Markdown, 第N部分, a growth column, 专栏 as
    blockquotes; eval/unseen2: plain text without chapters, a 类别 column and an interim 2023 column; eval/unseen3:
    a notice-wrapped Word export with TAB- and space-separated table cells and 〔〕 totals; eval/unseen4: a copied
    government web page with TAB tables and a Markdown export with decimal headings), with no catalog entry."""
    folder, min_acc, min_exact = UNSEEN[name]
    rc, metrics = run_gate(tmp_path, monkeypatch, name, ROOT / "eval" / folder / "corpus", min_acc)
    assert rc == 0, metrics["answer.acc"]
    assert metrics["answer.indicator_exact"] >= min_exact
    assert metrics["numbers.unsupported"] == 0


def test_real_plan_test_split_meets_the_thresholds(tmp_path, monkeypatch):
    """The frozen questions over the eight real plans (eval/realplans/corpus), written blind to the code."""
    min_acc, min_f1, min_exact = REAL
    rc, metrics = run_gate(tmp_path, monkeypatch, "realtest", ROOT / "eval" / "realplans" / "corpus", min_acc, min_f1)
    assert rc == 0, {k: metrics[k] for k in ("answer.acc", "refusal.f1")}
    assert metrics["answer.indicator_exact"] >= min_exact
    assert metrics["numbers.unsupported"] == 0


@pytest.mark.parametrize("name", sorted(CASUAL))
def test_casual_wording_meets_the_thresholds(tmp_path, monkeypatch, name):
    """Questions as staff type them (short, loose plan names, two asks in one message), written blind to the
    code over the bundled and the real plans (casual, realcasual; test3 / realtest2 and test4 / realtest3, the frozen
    halves of the session-5 and session-6 blind sets)."""
    corpus, min_acc = CASUAL[name]
    rc, metrics = run_gate(tmp_path, monkeypatch, name, corpus, min_acc)
    assert rc == 0, metrics["answer.acc"]
    assert metrics["numbers.unsupported"] == 0
