"""Evaluate the gold splits with the baselines and write eval/results/<split>.json and .md.

    python eval/run.py                     # dev, dev2, test and unseen, real model, baselines
    python eval/run.py --split dev -- --min-answer-acc 0.7    # anything after -- goes to `assistant eval`

Splits: dev and dev2 (tuning), test (frozen, reporting only), unseen and unseen2 (synthetic plans in layouts
the code was not written for, each with its own index), realdev (tuning) and realtest (frozen) over the eight
real plans in eval/realplans/corpus; paraphrase and realparaphrase (frozen casual rewordings of 40
test and realtest questions); casual and realcasual (frozen questions as staff type them, over the bundled and
the real plans, written blind in session 4); dev3 / test3 (bundled plans) and realdev2 / realtest2 (real plans):
one blind set written in session 5, split by plan and category with a fixed seed into a tuning half and a frozen
half; dev4 / test4 and realdev5 / realtest3 likewise from the session-6 blind set; unseen3 (a third synthetic
plan, written blind with its questions in session 6, judging only); realdev6 (tuning: 80 goal and project questions
over the real plans, written blind in session 6); layoutdev (tuning: two synthetic plans in a web-page-copy and a
PDF-extraction layout, 60 questions, written blind in session 6); realdev7 / realtest4 (tuning / frozen halves of the
session-7 blind set over the real plans); formatdev (tuning: two synthetic plans uploaded as a Word file and a PDF,
60 questions, written blind in session 7); realdev8 / realtest5 and dev6 / test6 (tuning / frozen halves of the
session-8 blind set over the real and the bundled plans); synthdev / unseen4 (tuning / frozen halves of 120 questions
over two synthetic plans in new layouts, a copied web page and a Markdown export, written blind in session 8). The sets
of sessions 9–14 follow the same pattern; eval/gold/README.md lists every set with what it is.

A thin wrapper over `assistant eval` (assistant/evaluation/evaluate.py), which does the work; this only fixes the
file names so the results in eval/results/ can be diffed with eval/compare.py from run to run.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.cli import main as assistant_main  # noqa: E402
from assistant.evaluation.evaluate import systems_table  # noqa: E402

SPLITS = {"dev": None, "dev2": None, "test": None, "unseen": ROOT / "eval" / "unseen" / "corpus",
          "unseen2": ROOT / "eval" / "unseen2" / "corpus",
          "realdev": ROOT / "eval" / "realplans" / "corpus", "realtest": ROOT / "eval" / "realplans" / "corpus",
          "paraphrase": None, "realparaphrase": ROOT / "eval" / "realplans" / "corpus",
          "casual": None, "realcasual": ROOT / "eval" / "realplans" / "corpus",
          "dev3": None, "test3": None,
          "realdev2": ROOT / "eval" / "realplans" / "corpus", "realtest2": ROOT / "eval" / "realplans" / "corpus",
          "realdev3": ROOT / "eval" / "realplans" / "corpus", "realdev4": ROOT / "eval" / "realplans" / "corpus",
          "dev4": None, "test4": None,
          "realdev5": ROOT / "eval" / "realplans" / "corpus", "realtest3": ROOT / "eval" / "realplans" / "corpus",
          "realdev6": ROOT / "eval" / "realplans" / "corpus", "layoutdev": ROOT / "eval" / "layoutdev" / "corpus",
          "unseen3": ROOT / "eval" / "unseen3" / "corpus",
          "realdev7": ROOT / "eval" / "realplans" / "corpus", "realtest4": ROOT / "eval" / "realplans" / "corpus",
          "formatdev": ROOT / "eval" / "formatdev" / "corpus",
          "synthdev": ROOT / "eval" / "unseen4" / "corpus", "unseen4": ROOT / "eval" / "unseen4" / "corpus",
          "realdev8": ROOT / "eval" / "realplans" / "corpus", "realtest5": ROOT / "eval" / "realplans" / "corpus",
          "dev6": None, "test6": None,
          "realdev9": ROOT / "eval" / "realplans" / "corpus", "realtest6": ROOT / "eval" / "realplans" / "corpus",
          "dev7": None, "test7": None,
          "synthdev2": ROOT / "eval" / "unseen5" / "corpus", "unseen5": ROOT / "eval" / "unseen5" / "corpus",
          "rewordev": ROOT / "eval" / "realplans" / "corpus", "rewordtest": ROOT / "eval" / "realplans" / "corpus",
          "realdev10": ROOT / "eval" / "realplans" / "corpus", "realtest7": ROOT / "eval" / "realplans" / "corpus",
          "synthdev3": ROOT / "eval" / "unseen6" / "corpus", "unseen6": ROOT / "eval" / "unseen6" / "corpus",
          "synthdev4": ROOT / "eval" / "unseen7" / "corpus", "unseen7": ROOT / "eval" / "unseen7" / "corpus",
          "dev8": None, "test8": None,
          "realdev11": ROOT / "eval" / "realplans" / "corpus", "realtest8": ROOT / "eval" / "realplans" / "corpus",
          "synthdev5": ROOT / "eval" / "unseen8" / "corpus", "unseen8": ROOT / "eval" / "unseen8" / "corpus",
          "synthdev6": ROOT / "eval" / "unseen9" / "corpus", "unseen9": ROOT / "eval" / "unseen9" / "corpus",
          "synthdev7": ROOT / "eval" / "unseen10" / "corpus", "unseen10": ROOT / "eval" / "unseen10" / "corpus",
          "synthdev8": ROOT / "eval" / "unseen11" / "corpus", "unseen11": ROOT / "eval" / "unseen11" / "corpus",
          "dev9": None, "test9": None,
          "realdev12": ROOT / "eval" / "realplans" / "corpus", "realtest9": ROOT / "eval" / "realplans" / "corpus",
          "synthdev9": ROOT / "eval" / "unseen12" / "corpus", "unseen12": ROOT / "eval" / "unseen12" / "corpus",
          "dev10": None, "test10": None,
          "realdev13": ROOT / "eval" / "realplans" / "corpus", "realtest10": ROOT / "eval" / "realplans" / "corpus",
          "synthdev10": ROOT / "eval" / "unseen13" / "corpus", "unseen13": ROOT / "eval" / "unseen13" / "corpus",
          "dev11": None, "test11": None,
          "realdev14": ROOT / "eval" / "realplans" / "corpus", "realtest11": ROOT / "eval" / "realplans" / "corpus",
          "dev12": None, "test12": None, "dev13": None, "test13": None,
          "dev14": None, "test14": None, "dev15": None, "test15": None,
          "realdev18": ROOT / "eval" / "realplans" / "corpus", "realtest15": ROOT / "eval" / "realplans" / "corpus",
          "realdev17": ROOT / "eval" / "realplans" / "corpus", "realtest14": ROOT / "eval" / "realplans" / "corpus",
          "realdev16": ROOT / "eval" / "realplans" / "corpus", "realtest13": ROOT / "eval" / "realplans" / "corpus",
          "synthdev11": ROOT / "eval" / "unseen14" / "corpus", "unseen14": ROOT / "eval" / "unseen14" / "corpus",
          "realdev15": ROOT / "eval" / "realplans" / "corpus", "realtest12": ROOT / "eval" / "realplans" / "corpus"}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    argv = argv[:argv.index("--")] if "--" in argv else argv
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--split", choices=(*SPLITS, "all"), action="append",
                   help="a gold split; repeatable (default: all)")
    p.add_argument("--out", type=Path, default=ROOT / "eval" / "results")
    p.add_argument("--index", type=Path, help="index folder (default: the bundled corpus's)")
    p.add_argument("--model", help="embedding model (default: the built e5 model)")
    p.add_argument("--no-baselines", action="store_true")
    args = p.parse_args(argv)
    chosen = args.split or ["all"]
    splits = tuple(SPLITS) if "all" in chosen else tuple(dict.fromkeys(chosen))
    worst = 0
    for split in splits:
        cmd = ["eval", "--gold", str(ROOT / "eval" / "gold" / f"{split}.jsonl"), "--out", str(args.out),
               "--name", split]
        cmd += [] if args.no_baselines else ["--baselines"]
        corpus = SPLITS[split]
        cmd += ["--corpus", str(corpus)] if corpus else []
        cmd += ["--index", str(args.index)] if args.index and not corpus else []
        cmd += ["--model", args.model] if args.model else []
        print(f"== {split}", flush=True)
        worst = max(worst, assistant_main(cmd + extra))
    for split in splits:
        path = args.out / f"{split}.json"
        if path.is_file():
            print(f"\n### {split}\n\n{systems_table(json.loads(path.read_text(encoding='utf-8')))}")
    return worst


if __name__ == "__main__":
    raise SystemExit(main())
