"""Follow-up accuracy on the tuning sets and on eval/followup_rewordings.jsonl (58 rewordings of tuning follow-ups,
as a staff member would type them: same earlier turn and reference answer, the follow-up worded otherwise). Not a
gold set: it measures whether follow-up resolution holds beyond the tuning wording. Judging sets are never read.

    python eval/followups.py [--no-tuning]
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from run import SPLITS  # noqa: E402

from assistant.config import load_settings  # noqa: E402
from assistant.evaluation.evaluate import score_answer  # noqa: E402
from assistant.evaluation.gold import FROZEN_SETS, load_gold  # noqa: E402
from assistant.pipeline import Assistant  # noqa: E402

TUNING = tuple(s for s in SPLITS if s not in FROZEN_SETS)  # every tuning set, as eval/run.py lists them
REWORDINGS = ROOT / "eval" / "followup_rewordings.jsonl"  # ids are "<tuning set>:<item id>-vN"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--no-tuning", action="store_true", help="only the rewordings")
    args = p.parse_args(argv)
    logging.disable(logging.WARNING)
    opened: dict[str, Assistant] = {}

    def assistant(corpus) -> Assistant:
        if str(corpus) not in opened:
            opened[str(corpus)] = Assistant.open(load_settings(corpus=corpus))
        return opened[str(corpus)]

    groups = [] if args.no_tuning else [
        (s, [(i, SPLITS[s]) for i in load_gold(ROOT / "eval" / "gold" / f"{s}.jsonl") if i.category == "followup"])
        for s in TUNING]
    groups.append(("rewordings", [(i, SPLITS[i.id.split(":")[0]]) for i in load_gold(REWORDINGS)]))
    right = total = 0
    for name, items in groups:
        wrong = []
        for it, corpus in items:
            ans = assistant(corpus).ask(it.question, history=[{"question": t.question, "answer": t.answer}
                                                               for t in it.history])
            if not score_answer(it, ans).correct:
                wrong.append(it.id)
        right, total = right + len(items) - len(wrong), total + len(items)
        print(f"{name:10s} {len(items) - len(wrong)}/{len(items)}  {' '.join(wrong)}", flush=True)
    print(f"all        {right}/{total}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
