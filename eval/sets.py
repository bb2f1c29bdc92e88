"""Compare two directories of `eval/run.py` results set by set, keeping judging sets blind.

    python eval/sets.py BASE_DIR NEW_DIR            # per-set correct counts, tuning and judging totals
    python eval/sets.py BASE_DIR NEW_DIR --diff     # also list tuning questions that were gained or lost

Judging sets (`assistant.evaluation.gold.FROZEN_SETS`) are reported as counts only: their question ids,
questions and answers are never printed, so comparing runs cannot become tuning on them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.evaluation.gold import FROZEN_SETS  # noqa: E402


def rows(directory: Path) -> dict[str, dict[str, dict]]:
    """Set name → question id → result row, for every `<set>.json` result in `directory`."""
    found = {}
    for path in sorted(directory.glob("*.json")):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(record, dict) and "rows" in record and "metrics" in record:
            found[path.stem] = {row["id"]: row for row in record["rows"]}
    return found


def counts(base: dict, new: dict) -> list[tuple[str, str, int, int, int]]:
    """(set, role, base correct, new correct, n) for every set in both runs, tuning sets first."""
    table = []
    for name in sorted(set(base) & set(new), key=lambda s: (s in FROZEN_SETS, s)):
        role = "judging" if name in FROZEN_SETS else "tuning"
        before = sum(bool(r.get("correct")) for r in base[name].values())
        after = sum(bool(r.get("correct")) for r in new[name].values())
        table.append((name, role, before, after, len(new[name])))
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--diff", action="store_true", help="list gained and lost tuning questions")
    args = parser.parse_args(argv)
    base, new = rows(args.base), rows(args.new)
    totals: dict[str, list[int]] = {"tuning": [0, 0, 0], "judging": [0, 0, 0]}
    for name, role, before, after, n in counts(base, new):
        mark = "" if before == after else f"  ({after - before:+d})"
        print(f"{name:15s} {role:8s} {before:4d} -> {after:4d} / {n}{mark}")
        total = totals[role]
        total[0], total[1], total[2] = total[0] + before, total[1] + after, total[2] + n
    for role, (before, after, n) in totals.items():
        print(f"TOTAL {role:8s} {before} -> {after} / {n} ({after - before:+d})")
    if args.diff:
        for name in sorted(set(base) & set(new)):
            if name in FROZEN_SETS:
                continue
            for qid, row in new[name].items():
                old = base[name].get(qid)
                if old is None or bool(old.get("correct")) == bool(row.get("correct")):
                    continue
                sign = "+" if row.get("correct") else "-"
                print(f"{sign} {name} {qid} {row['question']}\n    was: {old.get('answer', '')[:160]!r}"
                      f"\n    now: {row.get('answer', '')[:160]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
