"""Choose the answerability threshold (assistant/answer/answerability.py REFUSE_BELOW) on the dev sets' eval results.

    python eval/answerability.py [--results eval/results] [--splits dev dev2 dev3 dev4 realdev ... realdev5]

Reads each split's rows (answered/refused, expect_refusal, correct, score: run eval/run.py with REFUSE_BELOW = 0
first), replays every candidate threshold (an answered row scoring below it becomes a refusal) and prints, per
threshold, the summed accuracy and refusal precision / recall / F1; the chosen one has the highest refusal F1 on
the splits' union (ties: the highest summed accuracy, then the lowest threshold, which withdraws the fewest
answers). The explicit checks (assistant/answer/answerability.py ``missing``) have already acted on the rows: the
threshold only decides what they leave. Test splits are never read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.evaluation.gold import FROZEN_SETS  # noqa: E402
from assistant.evaluation.metrics import refusal_prf, roc_auc  # noqa: E402

TUNING = ["dev", "dev2", "dev3", "dev4", "realdev", "realdev2", "realdev3", "realdev4", "realdev5"]


def replay(rows: list[dict], t: float) -> tuple[int, list[bool]]:
    correct, refused = 0, []
    for r in rows:
        withdrawn = not r["refused"] and r["score"] < t
        refused.append(r["refused"] or withdrawn)
        correct += r["expect_refusal"] if withdrawn else r["correct"]
    return correct, refused


def choose(rows: list[dict]) -> tuple[float, list[tuple[float, int, float, float | None, float]]]:
    """(chosen threshold, table of (threshold, correct, refusal P, refusal R, refusal F1)) over the rows' own
    scores."""
    cands = sorted({0.0, *(r["score"] + 1e-4 for r in rows if not r["refused"])})
    table = []
    for t in cands:
        correct, refused = replay(rows, t)
        p, rec, f1 = refusal_prf([r["expect_refusal"] for r in rows], refused)
        table.append((round(t, 4), correct, p, rec, f1 or 0.0))
    best = max(table, key=lambda x: (x[4], x[1], -x[0]))
    return best[0], table


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--results", type=Path, default=ROOT / "eval" / "results")
    ap.add_argument("--splits", nargs="+", default=TUNING)
    args = ap.parse_args(argv)
    if set(args.splits) & set(FROZEN_SETS):
        ap.error(f"{FROZEN_SETS} are frozen: never tune on them")
    rows = []
    for s in args.splits:
        split_rows = json.loads((args.results / f"{s}.json").read_text(encoding="utf-8"))["rows"]
        auc = roc_auc([not r["expect_refusal"] for r in split_rows], [r["score"] for r in split_rows])
        print(f"{s}: {len(split_rows)} rows, refusal AUC {auc if auc is None else round(auc, 3)}")
        rows += split_rows
    chosen, table = choose(rows)
    for t, correct, p, rec, f1 in table[:40]:
        print(f"t={t:.4f} correct={correct}/{len(rows)} refusal P={p:.3f} R={rec if rec is None else round(rec, 3)} "
              f"F1={f1:.3f}")
    print(f"chosen REFUSE_BELOW = {chosen}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
