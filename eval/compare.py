"""Compare two evaluation runs (the JSON files `assistant eval` writes).

    python eval/compare.py A.json B.json [--system full|bm25|dense|naive] [--all-metrics]

Prints what differs between the runs (git sha, model, index build, gold file), the metric deltas
B − A, and, question by question, what changed: newly passing, newly failing, refusals that flipped,
evidence that entered or left the top 5, and new numbers without a source.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HEADLINE = ("answer.acc", "answer.acc_strict", "answer.indicator_exact", "citation.accuracy", "citation.precision",
            "refusal.precision", "refusal.recall", "refusal.f1", "retrieval.hit@1", "retrieval.hit@5",
            "retrieval.hit@10", "retrieval.mrr@10", "numbers.unsupported", "length.mean", "latency.p50_ms",
            "latency.p95_ms")
LOWER_IS_BETTER = ("numbers.", "latency.", "length.", "n.errors")


def load(path: str | Path) -> dict:
    try:
        record = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise SystemExit(f"错误 / error: cannot read {path}: {e}") from e
    if not isinstance(record, dict) or "metrics" not in record or "rows" not in record:
        raise SystemExit(f"错误 / error: {path} is not an `assistant eval` result (no metrics/rows)")
    return record


def system(record: dict, name: str) -> tuple[dict, list[dict]]:
    if name == "full":
        return record["metrics"], record["rows"]
    base = record.get("baselines", {}).get(name)
    if base is None:
        raise SystemExit(f"错误 / error: run has no {name!r} baseline (run `assistant eval --baselines`)")
    return base["metrics"], base["rows"]


def _num(v) -> str:
    if v is None:
        return "—"
    return f"{v:.3f}" if isinstance(v, float) else str(v)


def metric_deltas(a: dict, b: dict, keys) -> list[tuple[str, object, object, float | None]]:
    """(key, A, B, B − A) for each key present in either run; pure."""
    out = []
    for k in keys:
        va, vb = a.get(k), b.get(k)
        if va is None and vb is None:
            continue
        delta = vb - va if isinstance(va, (int, float)) and isinstance(vb, (int, float)) else None
        out.append((k, va, vb, delta))
    return out


def question_changes(rows_a: list[dict], rows_b: list[dict]) -> dict[str, list[tuple[dict | None, dict | None]]]:
    """Rows grouped by what changed between the runs, keyed by question id; pure."""
    a, b = {r["id"]: r for r in rows_a}, {r["id"]: r for r in rows_b}
    out: dict[str, list] = {k: [] for k in ("newly passing", "newly failing", "refusal flipped", "evidence entered top 5",
                                            "evidence left top 5", "new unsupported numbers", "only in A",
                                            "only in B", "answer text changed")}
    for qid in dict.fromkeys([*a, *b]):
        ra, rb = a.get(qid), b.get(qid)
        if ra is None or rb is None:
            out["only in B" if ra is None else "only in A"].append((ra, rb))
            continue
        if rb["correct"] and not ra["correct"]:
            out["newly passing"].append((ra, rb))
        elif ra["correct"] and not rb["correct"]:
            out["newly failing"].append((ra, rb))
        if ra["refused"] != rb["refused"]:
            out["refusal flipped"].append((ra, rb))
        in_a = ra.get("rank") is not None and ra["rank"] <= 5
        in_b = rb.get("rank") is not None and rb["rank"] <= 5
        if in_b and not in_a:
            out["evidence entered top 5"].append((ra, rb))
        elif in_a and not in_b and ra.get("evidence_in_index") is not None:
            out["evidence left top 5"].append((ra, rb))
        if set(rb.get("unsupported_numbers") or ()) - set(ra.get("unsupported_numbers") or ()):
            out["new unsupported numbers"].append((ra, rb))
        if ra["answer"] != rb["answer"] and ra["correct"] == rb["correct"]:
            out["answer text changed"].append((ra, rb))
    return out


def _short(text: str, n: int = 70) -> str:
    text = (text or "").replace("\n", " ")
    return text if len(text) <= n else text[:n] + "…"


def render(a: dict, b: dict, name_a: str, name_b: str, system_name: str = "full", all_metrics: bool = False) -> str:
    ma, rows_a = system(a, system_name)
    mb, rows_b = system(b, system_name)
    lines = [f"A = {name_a}", f"B = {name_b}", f"system: {system_name}", ""]
    for label, get in (("git", lambda r: r.get("git", {}).get("sha")), ("model", lambda r: r.get("model", {}).get("name")),
                       ("model fingerprint", lambda r: (r.get("model", {}).get("fingerprint") or "")[:12]),
                       ("index build", lambda r: r.get("index", {}).get("build_id")),
                       ("gold", lambda r: f"{Path(r['gold']['path']).name} {r['gold']['sha256'][:12]}"),
                       ("chunks", lambda r: r.get("corpus", {}).get("chunks"))):
        va, vb = get(a), get(b)
        lines.append(f"{label:18} {va}" + ("" if va == vb else f"  ->  {vb}"))
    if a["gold"]["sha256"] != b["gold"]["sha256"]:
        lines.append("注意 / note: the gold files differ; per-question changes are matched by id")
    keys = list(dict.fromkeys([*ma, *mb])) if all_metrics else [k for k in HEADLINE if k in ma or k in mb]
    lines += ["", f"{'metric':28} {'A':>10} {'B':>10} {'B-A':>10}"]
    for k, va, vb, d in metric_deltas(ma, mb, keys):
        mark = ""
        if d:
            better = d < 0 if k.startswith(LOWER_IS_BETTER) else d > 0
            mark = "  +" if better else "  -"
        lines.append(f"{k:28} {_num(va):>10} {_num(vb):>10} {_num(d) if d is not None else '':>10}{mark}")
    changes = question_changes(rows_a, rows_b)
    for what, pairs in changes.items():
        if not pairs:
            continue
        lines += ["", f"## {what}: {len(pairs)}"]
        for ra, rb in pairs:
            r = rb or ra
            lines.append(f"- {r['id']} [{r['category']}] {_short(r['question'], 40)}")
            if what in ("newly passing", "newly failing", "refusal flipped", "answer text changed") and ra and rb:
                lines.append(f"    A{'（拒答）' if ra['refused'] else ''}: {_short(ra['answer'])}")
                lines.append(f"    B{'（拒答）' if rb['refused'] else ''}: {_short(rb['answer'])}")
            elif what.startswith("evidence") and ra and rb:
                lines.append(f"    rank {ra.get('rank')} -> {rb.get('rank')}")
            elif what == "new unsupported numbers" and rb:
                lines.append(f"    {', '.join(rb['unsupported_numbers'])}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="compare two `assistant eval` result files")
    p.add_argument("a", type=Path, help="the earlier run (JSON)")
    p.add_argument("b", type=Path, help="the later run (JSON)")
    p.add_argument("--system", default="full", help="full (default) or a baseline: bm25, dense, naive")
    p.add_argument("--all-metrics", action="store_true", help="every metric, not just the headline ones")
    args = p.parse_args(argv)
    sys.stdout.write(render(load(args.a), load(args.b), str(args.a), str(args.b), args.system, args.all_metrics))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
