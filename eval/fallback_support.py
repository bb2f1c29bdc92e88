"""Choose the retrieval-only answer's support threshold (assistant/answer/support.py FALLBACK_SUPPORT) on the tuning sets.

    python eval/fallback_support.py [--splits dev dev2 ...] [--rows OUT.jsonl]

Asks every item of the tuning splits with the threshold at 0 (the retrieval-only answer never refuses for lack of
support), records the support score of each retrieval-only answer the engine made while answering it (the
compose logger's ``support`` records), then replays each candidate threshold: an item whose final answer is made
only of retrieval-only answers scoring under it becomes a refusal (right when the gold expects one); every other
item keeps its answer (a multi-part answer whose one part is a retrieval-only answer among others too). Prints, per threshold, the summed accuracy and refusal precision / recall / F1 over the
splits' union; the chosen threshold has the highest F1 (ties: the higher accuracy, then the lower threshold).
Judging splits are refused. Replay approximates what a real run gives (a part of a multi-part answer refused is
kept as answered); run eval/run.py with the chosen value to confirm.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.answer import support as support_rule  # noqa: E402
from assistant.config import load_settings  # noqa: E402
from assistant.evaluation.capture import SupportCapture  # noqa: E402
from assistant.evaluation.evaluate import score_answer  # noqa: E402
from assistant.evaluation.gold import FROZEN_SETS, load_gold  # noqa: E402
from assistant.evaluation.metrics import refusal_prf  # noqa: E402
from assistant.pipeline import Assistant  # noqa: E402

TUNING = ["dev", "dev2", "dev3", "dev4", "realdev", "realdev2", "realdev3", "realdev4", "realdev5", "realdev6",
          "realdev7", "layoutdev", "formatdev"]


def collect(split: str) -> list[dict]:
    """One row per item: the T=0 answer's correctness and the scores of the retrieval-only answers it is made of."""
    from run import SPLITS  # eval/run.py: each split's corpus

    corpus = SPLITS[split]
    assistant = Assistant.open(load_settings(corpus=corpus) if corpus else load_settings())
    rows = []
    with SupportCapture() as capture:
        for it in load_gold(ROOT / "eval" / "gold" / f"{split}.jsonl"):
            capture.records.clear()
            ans = assistant.ask(it.question, history=[{"question": t.question, "answer": t.answer} for t in it.history])
            row = score_answer(it, ans)
            # the retrieval-only answers the final answer is made of, alone (a part of a multi-part answer is not
            # replayed: its refusal leaves the other parts standing)
            made_of = [r for r in capture.records if r.answer_lines and _plain(ans.answer) == _plain("".join(r.answer_lines))]
            rows.append({"split": split, "id": it.id, "expect_refusal": it.expect_refusal, "refused": ans.refused,
                         "correct": row.correct, "fallback": [round(r.support.score, 4) for r in made_of],
                         "figure": [r.support.figure for r in made_of], "answer": ans.answer[:120]})
    return rows


def _plain(text: str) -> str:
    return re.sub(r"\s+|(?<!\\)\[\d+\]", "", text)


def replay(rows: list[dict], t: float) -> tuple[int, list[bool]]:
    correct, refused = 0, []
    for r in rows:
        withdrawn = not r["refused"] and bool(r["fallback"]) and all(s < t for s in r["fallback"])
        refused.append(r["refused"] or withdrawn)
        correct += r["expect_refusal"] if withdrawn else r["correct"]
    return correct, refused


def table(rows: list[dict]) -> list[tuple[float, int, float, float | None, float]]:
    scores = sorted({s for r in rows for s in r["fallback"]})
    out = []
    for t in [0.0, *(round(s + 1e-4, 4) for s in scores)]:
        correct, refused = replay(rows, t)
        p, rec, f1 = refusal_prf([r["expect_refusal"] for r in rows], refused)
        out.append((t, correct, p, rec, f1 or 0.0))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--splits", nargs="+", default=TUNING)
    ap.add_argument("--rows", type=Path, help="write the collected rows here (JSON lines)")
    ap.add_argument("--from-rows", type=Path, help="replay rows collected earlier instead of asking again")
    args = ap.parse_args(argv)
    if set(args.splits) & set(FROZEN_SETS):
        ap.error(f"{FROZEN_SETS} are frozen: never tune on them")
    if args.from_rows:
        rows = [json.loads(ln) for ln in args.from_rows.read_text(encoding="utf-8").splitlines() if ln.strip()]
    else:
        sys.path.insert(0, str(ROOT / "eval"))
        support_rule.FALLBACK_SUPPORT = 0.0  # see every score: the replay decides
        rows = [r for s in args.splits for r in collect(s)]
    if args.rows:
        args.rows.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    scored = [r for r in rows if r["fallback"]]
    print(f"{len(rows)} items, {len(scored)} answered by the retrieval-only answer at threshold 0")
    result = table(rows)
    for t, correct, p, rec, f1 in result:
        print(f"t={t:.4f} correct={correct}/{len(rows)} refusal P={p:.3f} R={rec if rec is None else round(rec, 3)} "
              f"F1={f1:.3f}")
    best = max(result, key=lambda x: (x[4], x[1], -x[0]))
    print(f"chosen FALLBACK_SUPPORT = {best[0]} (correct {best[1]}/{len(rows)}, refusal F1 {best[4]:.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
