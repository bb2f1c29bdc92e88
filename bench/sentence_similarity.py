"""Does dense sentence similarity pick the answer line, and tell answerable from unanswerable, better than the
engine's lexical term coverage? An offline measurement on the TUNING sets (issue #12, "candidates at sentence
level ... by dense similarity"); not a test.

    python bench/sentence_similarity.py --rows /tmp/sv_rows.jsonl        # ask, embed, write rows, report
    python bench/sentence_similarity.py --from-rows /tmp/sv_rows.jsonl   # report again from saved rows

For every item: the passages the engine retrieves for the resolved question (its ``Context.hits``) are split into
lines the way the retrieval-only answer quotes them (``text.sentences``, a short lead sentence joined to the next),
each line embedded with the real embedder's passage prompt (alone, and read under its heading) and scored by
cosine with the query vector retrieval already computed. Reports (a) how often the top line by cosine holds every
must_contain string against how often the engine's answer is right, per category; (b) ROC AUC of the best line's
cosine for answerable vs unanswerable (alone and added to the support score); (c) the same on the items the
engine's retrieval-only answer (the fallback) decided. Judging splits are refused.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from assistant.answer import compose  # noqa: E402
from assistant.config import load_settings  # noqa: E402
from assistant.evaluation.capture import SupportCapture  # noqa: E402
from assistant.evaluation.evaluate import must_contain_hits, score_answer  # noqa: E402
from assistant.evaluation.gold import FROZEN_SETS, load_gold  # noqa: E402
from assistant.pipeline import Assistant  # noqa: E402
from assistant.text.sentences import leads_joined, sentences  # noqa: E402

TUNING = ["dev", "dev2", "dev3", "dev4", "dev6", "realdev", "realdev2", "realdev3", "realdev4", "realdev5",
          "realdev6", "realdev7", "realdev8", "layoutdev", "formatdev", "synthdev"]
DEPTH = 5  # passages read per item


def _plain(text: str) -> str:
    return re.sub(r"\s+|(?<!\\)\[\d+\]", "", text)


def lines_of(hit) -> list[str]:
    if hit.chunk.kind == "indicator":
        return [hit.chunk.text.strip()]
    return [s for s in leads_joined(sentences(hit.chunk.text)) if len(s) >= 6]


def collect(split: str, cache: dict[str, np.ndarray]) -> list[dict]:
    from run import SPLITS

    corpus = SPLITS[split]
    assistant = Assistant.open(load_settings(corpus=corpus) if corpus else load_settings())
    embedder = assistant.embedder
    seen = []
    real_build = compose.build_context

    def spy(*a, **k):
        ctx = real_build(*a, **k)
        seen.append(ctx)
        return ctx

    compose.build_context = spy
    rows = []
    with SupportCapture() as capture:
        try:
            for it in load_gold(ROOT / "eval" / "gold" / f"{split}.jsonl"):
                capture.records.clear()
                seen.clear()
                ans = assistant.ask(it.question, history=[{"question": t.question, "answer": t.answer} for t in it.history])
                row = score_answer(it, ans)
                made_of = [r for r in capture.records if r.answer_lines and _plain(ans.answer) == _plain("".join(r.answer_lines))]
                if not made_of and ans.refused and row.refusal_reason in ("no_number", "no_content") and capture.records:
                    made_of = capture.records[-1:]  # the fallback refused: its last support record decided
                ctx = seen[0] if seen else None
                lines, heads, ranks = [], [], []
                qv = None
                if ctx is not None and ctx.query_vector is not None:
                    qv = np.asarray(ctx.query_vector, dtype=np.float32).reshape(-1)
                    for h in list(ctx.hits)[:DEPTH]:
                        head = h.chunk.heading_path[-1] if h.chunk.heading_path else ""
                        for s in lines_of(h):
                            lines.append(s)
                            heads.append(f"{head} {s}".strip())
                            ranks.append(h.rank)
                todo = [t for t in dict.fromkeys(lines + heads) if t not in cache]
                if todo:
                    vecs = embedder.encode(todo, kind="passage")
                    for t, v in zip(todo, vecs, strict=True):
                        cache[t] = np.asarray(v, dtype=np.float32)
                cos = [float(cache[t] @ qv) for t in lines] if qv is not None else []
                cos_h = [float(cache[t] @ qv) for t in heads] if qv is not None else []
                holds = [all(must_contain_hits(s, it.must_contain)) if it.must_contain else False for s in lines]
                rows.append({"split": split, "id": it.id, "category": it.category, "expect_refusal": it.expect_refusal,
                             "refused": ans.refused, "correct": row.correct, "reason": row.refusal_reason,
                             "fallback": [round(r.support.score, 4) for r in made_of],
                             "figure": [r.support.figure for r in made_of],
                             "lines": lines, "ranks": ranks, "cos": cos, "cos_head": cos_h, "holds": holds,
                             "must": list(it.must_contain), "answer": ans.answer[:200]})
        finally:
            compose.build_context = real_build
    return rows


def auc(pos: list[float], neg: list[float]) -> float:
    """P(score of a positive > score of a negative), ties half."""
    if not pos or not neg:
        return float("nan")
    p, n = np.asarray(pos)[:, None], np.asarray(neg)[None, :]
    return float(((p > n).sum() + 0.5 * (p == n).sum()) / (p.size * n.size))


def report(rows: list[dict]) -> None:
    ans = [r for r in rows if not r["expect_refusal"] and r["must"]]
    print(f"items {len(rows)}; answerable with must_contain {len(ans)}")
    print("\n(a) answer line: top line by cosine holds all must_contain vs engine right (answerable items)")
    by = defaultdict(list)
    for r in ans:
        by[r["category"]].append(r)
    by["ALL"] = ans
    print(f"{'category':14s} {'n':>4s} {'engine':>7s} {'cos@1':>6s} {'cosH@1':>6s} {'cos@3':>6s} {'any':>6s}"
          f" {'r1cos@1':>7s} {'eng-wrong&cos-right':>20s} {'eng-right&cos-wrong':>20s}")
    for cat, rs in sorted(by.items()):
        n = len(rs)

        def top(r, key, k=1, rank1=False):
            idx = [i for i in range(len(r["lines"])) if not rank1 or r["ranks"][i] == r["ranks"][0]] if r["lines"] else []
            idx = sorted(idx, key=lambda i: -r[key][i])[:k]
            return any(r["holds"][i] for i in idx)

        eng = sum(r["correct"] for r in rs)
        c1 = sum(top(r, "cos") for r in rs)
        ch1 = sum(top(r, "cos_head") for r in rs)
        c3 = sum(top(r, "cos", 3) for r in rs)
        anyl = sum(any(r["holds"]) for r in rs)
        r1 = sum(top(r, "cos", 1, True) for r in rs)
        ew = sum((not r["correct"]) and top(r, "cos") for r in rs)
        er = sum(r["correct"] and not top(r, "cos") for r in rs)
        print(f"{cat:14s} {n:4d} {eng / n:7.2f} {c1 / n:6.2f} {ch1 / n:6.2f} {c3 / n:6.2f} {anyl / n:6.2f} {r1 / n:7.2f}"
              f" {ew:20d} {er:20d}")
    fa = [r for r in ans if r["fallback"] and not r["refused"]]
    top1 = lambda r: bool(r["lines"]) and r["holds"][int(np.argmax(r["cos"]))]  # noqa: E731
    print(f"  answered by the fallback: n {len(fa)}, engine right {sum(r['correct'] for r in fa)},"
          f" top line by cosine holds all {sum(top1(r) for r in fa)}, any line holds all {sum(any(r['holds']) for r in fa)}")
    print("\n(b) answerable vs unanswerable, all items: ROC AUC")
    best = lambda r, k="cos": max(r[k], default=-1.0)  # noqa: E731
    pos = [r for r in rows if not r["expect_refusal"]]
    neg = [r for r in rows if r["expect_refusal"]]
    print(f"  n answerable {len(pos)}, unanswerable {len(neg)}")
    print(f"  best cos        {auc([best(r) for r in pos], [best(r) for r in neg]):.3f}")
    print(f"  best cos (head) {auc([best(r, 'cos_head') for r in pos], [best(r, 'cos_head') for r in neg]):.3f}")
    per = defaultdict(lambda: ([], []))
    for r in rows:
        per[r["split"]][r["expect_refusal"]].append(best(r))
    print("  best cos per split: " + ", ".join(f"{s} {auc(*per[s]):.2f}" for s in per if per[s][1]))
    eng = lambda r: 0.0 if r["refused"] else 1.0  # noqa: E731
    print(f"  engine answered (0/1) {auc([eng(r) for r in pos], [eng(r) for r in neg]):.3f}")
    print("\n(c) items the fallback decided (its support score recorded)")
    fb = [r for r in rows if r["fallback"]]
    pos = [r for r in fb if not r["expect_refusal"]]
    neg = [r for r in fb if r["expect_refusal"]]
    sup = lambda r: max(r["fallback"])  # noqa: E731
    print(f"  n answerable {len(pos)}, unanswerable {len(neg)}")
    print(f"  support          {auc([sup(r) for r in pos], [sup(r) for r in neg]):.3f}")
    print(f"  best cos         {auc([best(r) for r in pos], [best(r) for r in neg]):.3f}")
    print(f"  best cos (head)  {auc([best(r, 'cos_head') for r in pos], [best(r, 'cos_head') for r in neg]):.3f}")
    for w in (0.5, 1.0, 2.0, 4.0):
        print(f"  support + {w} cos {auc([sup(r) + w * best(r) for r in pos], [sup(r) + w * best(r) for r in neg]):.3f}")
    for fig in (True, False):
        p = [r for r in pos if r["figure"][0] == fig]
        n = [r for r in neg if r["figure"][0] == fig]
        print(f"  figure={fig}: n {len(p)}/{len(n)} support {auc([sup(r) for r in p], [sup(r) for r in n]):.3f}"
              f" cos {auc([best(r) for r in p], [best(r) for r in n]):.3f}"
              f" support+cos {auc([sup(r) + best(r) for r in p], [sup(r) + best(r) for r in n]):.3f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--splits", nargs="+", default=TUNING)
    ap.add_argument("--rows", type=Path)
    ap.add_argument("--from-rows", type=Path)
    args = ap.parse_args(argv)
    if set(args.splits) & set(FROZEN_SETS):
        ap.error(f"{FROZEN_SETS} are frozen: never tune on them")
    if args.from_rows:
        rows = [json.loads(ln) for ln in args.from_rows.read_text("utf-8").splitlines() if ln.strip()]
    else:
        cache: dict[str, np.ndarray] = {}
        rows = []
        for s in args.splits:
            got = collect(s, cache)
            rows += got
            logging.getLogger(__name__).warning("%s: %d items", s, len(got))
            if args.rows:
                with args.rows.open("a" if len(rows) > len(got) else "w", encoding="utf-8") as f:
                    for r in got:
                        f.write(json.dumps(r, ensure_ascii=False) + "\n")
    report(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
