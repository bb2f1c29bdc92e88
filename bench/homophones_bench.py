"""Cost of reading homophone typos (assistant/answer/homophones.py) on a corpus, and which gold questions it changes.

    python bench/homophones_bench.py [CORPUS] [SPLIT ...]

Prints the CPU time of the reading table (once per process), of the corpus sound map (once per index) and of
``Speller.read`` per question (mean and max over the splits' questions), then every question it rewrites.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    from assistant import cli
    from assistant.answer import homophones

    p = argparse.ArgumentParser()
    p.add_argument("corpus", nargs="?", default=str(ROOT / "eval" / "realplans" / "corpus"))
    p.add_argument("splits", nargs="*", default=["realdev", "realdev9", "rewordev"])
    args = p.parse_args()
    a = cli._open(argparse.Namespace(corpus=args.corpus, index=None, model=None), progress=False)
    t = time.process_time()
    homophones.readings()
    t_table = time.process_time() - t
    t = time.process_time()
    smap = a.speller.sounds()
    t_map = time.process_time() - t
    a.speller.read("预热规化")  # gazetteer, lexicon and jieba load here, not in the per-question figure
    costs, changed = [], []
    for split in args.splits:
        for line in (ROOT / "eval" / "gold" / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            q = json.loads(line)["question"]
            t = time.process_time()
            r = a.speller.read(q)
            costs.append(time.process_time() - t)
            if r != q:
                changed.append(f"{q} -> {r}")
    print(f"reading table {t_table * 1000:.0f} ms CPU; sound map {t_map * 1000:.0f} ms CPU "
          f"({len(smap.by_key)} sounds); read {sum(costs) / len(costs) * 1000:.2f} ms CPU mean, "
          f"{max(costs) * 1000:.2f} ms max over {len(costs)} questions; {len(changed)} rewritten")
    print("\n".join(changed))


if __name__ == "__main__":
    main()
