"""Tune the fusion (RRF k and the dense/sparse weights) on the DEV split's retrieval metrics only.

    python eval/tune_fusion.py [--index DIR] [--gold eval/gold/dev.jsonl]

Prints MRR@10 / hit@1 / hit@5 for each setting and the best one; the test split is never used here.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.config import load_settings  # noqa: E402
from assistant.evaluation.evaluate import hit_passage, retrieval_query  # noqa: E402
from assistant.evaluation.gold import load_gold  # noqa: E402
from assistant.evaluation.metrics import evidence_groups, evidence_rank, retrieval_metrics  # noqa: E402
from assistant.pipeline import Assistant  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--gold", type=Path, default=ROOT / "eval" / "gold" / "dev.jsonl")
    p.add_argument("--index", type=Path)
    args = p.parse_args(argv)
    if "test" in args.gold.name:
        p.error("tune on dev only: the test split is for reporting")
    a = Assistant.open(load_settings(index=args.index))
    items = [it for it in load_gold(args.gold) if not it.expect_refusal]
    vectors = {it.id: a.embedder.encode([retrieval_query(it)], kind="query")[0] for it in items}
    results = []
    for k, dw in itertools.product((5, 10, 20, 40, 60, 100), (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)):
        r = a.with_retrieval(rrf_k=k, dense_weight=dw, sparse_weight=1.0).retriever
        ranks = []
        for it in items:
            hits = r.search(retrieval_query(it), 10, query_vector=vectors[it.id])
            ranks.append(evidence_rank(evidence_groups(it.evidence), [hit_passage(h) for h in hits], 10))
        m = retrieval_metrics(ranks)
        results.append((m["retrieval.mrr@10"], m["retrieval.hit@5"], m["retrieval.hit@1"], k, dw))
        print(f"rrf_k={k:>3} dense_weight={dw:<4} MRR@10={m['retrieval.mrr@10']:.3f} "
              f"hit@1={m['retrieval.hit@1']:.3f} hit@5={m['retrieval.hit@5']:.3f}")
    best = max(results)
    print(f"best: rrf_k={best[3]} dense_weight={best[4]} (MRR@10 {best[0]:.3f}, hit@5 {best[1]:.3f}, hit@1 {best[2]:.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
