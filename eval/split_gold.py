"""Split a blind gold file into a tuning half and a frozen half, stratified by plan × category, seeded.

    python eval/split_gold.py IN.jsonl TUNING.jsonl FROZEN.jsonl --seed 20261210 [--doc-map old=new ...]

Within each (doc, category) stratum the items are shuffled with the seed and dealt alternately, the first to
the tuning half; strata are dealt in a fixed order, and each stratum starts on the half that is behind, so the
halves differ by at most one item. Items keep their ids and their order in the input file.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from pathlib import Path


def split(items: list[dict], seed: int) -> tuple[list[dict], list[dict]]:
    """(tuning, frozen) halves of ``items``. Pure."""
    strata: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        strata[(str(item.get("doc")), item["category"])].append(i)
    rng = random.Random(seed)
    halves: tuple[set[int], set[int]] = (set(), set())
    for key in sorted(strata):
        members = strata[key][:]
        rng.shuffle(members)
        first = 0 if len(halves[0]) <= len(halves[1]) else 1
        for k, i in enumerate(members):
            halves[(first + k) % 2].add(i)
    return ([it for i, it in enumerate(items) if i in halves[0]],
            [it for i, it in enumerate(items) if i in halves[1]])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("tuning", type=Path)
    parser.add_argument("frozen", type=Path)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--doc-map", action="append", default=[], metavar="OLD=NEW",
                        help="rename a doc id (in doc and evidence) while splitting")
    args = parser.parse_args(argv)
    rename = dict(m.split("=", 1) for m in args.doc_map)
    items = [json.loads(line) for line in args.source.read_text(encoding="utf-8").splitlines() if line.strip()]
    for item in items:
        item["doc"] = rename.get(item.get("doc"), item.get("doc"))
        for ev in item.get("evidence", []):
            ev["doc"] = rename.get(ev["doc"], ev["doc"])
    tuning, frozen = split(items, args.seed)
    for path, half in ((args.tuning, tuning), (args.frozen, frozen)):
        path.write_text("".join(json.dumps(it, ensure_ascii=False) + "\n" for it in half), encoding="utf-8")
        print(f"{path}: {len(half)} items")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
