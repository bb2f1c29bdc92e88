"""Exact (flat) vs approximate (HNSW, IVF) inner-product search on synthetic normalised vectors.

    python bench/ann_bench.py                         # 10^4, 10^5, 10^6 x 384, 200 queries
    python bench/ann_bench.py --sizes 10000,30000 --queries 50 --no-ivf

Not a test: it times things. It measures the real wrapper (assistant.index.dense.DenseIndex, with the HNSW
parameters the app uses) one query at a time, as the app searches, for three query shapes:

- ``all``: no row filter;
- ``filter-all``: a row filter listing every row (what HybridRetriever does when a question names no plan:
  the scope is every plan, so the rows of all plans are passed);
- ``filter-1%``: a row filter of 1% of the rows (one plan among a hundred).

Vectors: synthetic clustered data (points around random centres, then L2-normalised) so that
neighbours exist as they do for real embeddings; queries are perturbed data points. Recall@10 is measured
against exact search over the same rows. Writes one JSON (--out) and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.index.dense import FLAT_MAX, DenseIndex  # noqa: E402

K = 10
POINTS_PER_CENTRE = 200
SPREAD = 1.4  # norm of a point's offset from its centre (centres have norm 1), before normalising
QUERY_SPREAD = 0.4  # norm of a query's offset from the data point it starts from


def synthetic(n: int, dim: int, seed: int = 0, block: int = 100_000) -> np.ndarray:
    """n unit vectors around n / POINTS_PER_CENTRE random centres, float32, generated in blocks."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((max(1, n // POINTS_PER_CENTRE), dim), dtype=np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    out = np.empty((n, dim), dtype=np.float32)
    for start in range(0, n, block):
        m = min(block, n - start)
        noise = rng.standard_normal((m, dim), dtype=np.float32) * (SPREAD / np.sqrt(dim))
        x = centres[rng.integers(0, len(centres), m)] + noise
        out[start:start + m] = x / np.linalg.norm(x, axis=1, keepdims=True)
    return out


def queries_from(data: np.ndarray, q: int, seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    noise = rng.standard_normal((q, data.shape[1]), dtype=np.float32) * (QUERY_SPREAD / np.sqrt(data.shape[1]))
    x = data[rng.integers(0, len(data), q)] + noise
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def pct(values: list[float], p: float) -> float:
    return float(np.percentile(np.asarray(values), p))


SEARCH_THREADS: int | None = None  # faiss OpenMP threads while searching (None: faiss's default)


def time_queries(search, queries: np.ndarray) -> tuple[list[list[int]], list[float]]:
    import faiss

    before = faiss.omp_get_max_threads()
    if SEARCH_THREADS:
        faiss.omp_set_num_threads(SEARCH_THREADS)
    try:
        return _time_queries(search, queries)
    finally:
        faiss.omp_set_num_threads(before)


def _time_queries(search, queries: np.ndarray) -> tuple[list[list[int]], list[float]]:
    ids, ms = [], []
    for q in queries:
        t = time.perf_counter()
        res = search(q)
        ms.append((time.perf_counter() - t) * 1000)
        ids.append(res)
    return ids, ms


def recall(approx: list[list[int]], exact: list[list[int]]) -> float:
    return float(np.mean([len(set(a) & set(e)) / max(1, len(e)) for a, e in zip(approx, exact, strict=True)]))


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def index_bytes(index) -> int:
    import faiss

    return int(faiss.serialize_index(index).nbytes)


class Recorder:
    def __init__(self, n: int, dim: int):
        self.n, self.dim, self.rows = n, dim, []

    def __call__(self, kind: str, shape: str, build_s: float, size: int, ids, ms, exact_ids, **extra) -> None:
        self.rows.append({"n": self.n, "dim": self.dim, "index": kind, "query": shape, "build_s": round(build_s, 3),
                          "index_mb": round(size / 2**20, 1), "p50_ms": round(pct(ms, 50), 3),
                          "p95_ms": round(pct(ms, 95), 3), "recall@10": round(recall(ids, exact_ids), 4),
                          "rss_peak_mb": round(rss_mb()), **extra})
        print(json.dumps(self.rows[-1]), flush=True)


def bench_flat(data, queries, shapes, rec: Recorder) -> dict[str, list[list[int]]]:
    """Exact search, which is also the ground truth for recall."""
    t = time.perf_counter()
    flat = DenseIndex.build(data, kind="flat")
    build_s = time.perf_counter() - t
    exact = {}
    for shape, rows in shapes.items():
        ids, ms = time_queries(lambda q, rows=rows: [i for i, _ in flat.search(q, K, rows)], queries)
        exact[shape] = ids
        rec("flat", shape, build_s, index_bytes(flat.index), ids, ms, ids)
    return exact


def bench_subset(data, queries, rows, exact, rec: Recorder) -> None:
    """The alternative for a small filter: gather the rows' vectors and take the dot products (numpy)."""
    def search(q):
        scores = data[rows] @ q
        top = np.argpartition(-scores, K - 1)[:K]
        return [int(rows[i]) for i in top[np.argsort(-scores[top])]]

    ids, ms = time_queries(search, queries)
    rec("numpy-subset", "filter-1%", 0.0, 0, ids, ms, exact)


def bench_hnsw(data, queries, shapes, exact, ef_values, rec: Recorder) -> None:
    t = time.perf_counter()
    hnsw = DenseIndex.build(data, kind="hnsw")
    build_s = time.perf_counter() - t
    size = index_bytes(hnsw.index)
    for ef in ef_values:
        hnsw.index.hnsw.efSearch = ef
        ids, ms = time_queries(lambda q: [i for i, _ in hnsw.search(q, K)], queries)
        rec("hnsw", "all", build_s, size, ids, ms, exact["all"], efSearch=ef)
    hnsw.index.hnsw.efSearch = 128
    for shape in ("filter-all", "filter-1%"):  # with a filter the wrapper uses efSearch = max(128, k)
        ids, ms = time_queries(lambda q, rows=shapes[shape]: [i for i, _ in hnsw.search(q, K, rows)], queries)
        rec("hnsw", shape, build_s, size, ids, ms, exact[shape], efSearch=128)


def bench_ivf(data, queries, exact, rec: Recorder) -> None:
    import faiss

    n, dim = data.shape
    nlist = int(4 * np.sqrt(n))
    t = time.perf_counter()
    index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, nlist, faiss.METRIC_INNER_PRODUCT)
    index.train(data[np.random.default_rng(3).choice(n, min(n, 40 * nlist), replace=False)])
    index.add(data)
    build_s = time.perf_counter() - t
    for nprobe in (8, 32):
        index.nprobe = nprobe
        ids, ms = time_queries(lambda q: [int(i) for i in index.search(q.reshape(1, -1), K)[1][0] if i >= 0], queries)
        rec("ivf", "all", build_s, index_bytes(index), ids, ms, exact["all"], nlist=nlist, nprobe=nprobe)


def bench_size(n: int, dim: int, nq: int, ivf: bool, ef_values: tuple[int, ...]) -> list[dict]:
    t = time.perf_counter()
    data = synthetic(n, dim)
    queries = queries_from(data, nq)
    gen_s = time.perf_counter() - t
    rng = np.random.default_rng(2)
    one_pct = np.sort(rng.choice(n, max(K, n // 100), replace=False)).astype(np.int64)
    shapes = {"all": None, "filter-all": np.arange(n, dtype=np.int64), "filter-1%": one_pct}
    rec = Recorder(n, dim)
    exact = bench_flat(data, queries, shapes, rec)
    bench_subset(data, queries, one_pct, exact["filter-1%"], rec)
    bench_hnsw(data, queries, shapes, exact, ef_values, rec)
    if ivf:
        bench_ivf(data, queries, exact, rec)
    for r in rec.rows:
        r["gen_s"] = round(gen_s, 2)
    return rec.rows


def table(rows: list[dict]) -> str:
    head = "| n | index | query | build s | index MB | p50 ms | p95 ms | recall@10 | params |"
    out = [head, "|---:|---|---|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        params = ", ".join(f"{k}={r[k]}" for k in ("efSearch", "nlist", "nprobe") if k in r)
        out.append(f"| {r['n']:,} | {r['index']} | {r['query']} | {r['build_s']} | {r['index_mb']} | {r['p50_ms']} | "
                   f"{r['p95_ms']} | {r['recall@10']} | {params} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="flat vs HNSW (vs IVF) latency and recall@10")
    p.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated vector counts")
    p.add_argument("--dim", type=int, default=384)
    p.add_argument("--queries", type=int, default=200)
    p.add_argument("--ef", default="64,128,256", help="HNSW efSearch values to try")
    p.add_argument("--no-ivf", action="store_true")
    p.add_argument("--search-threads", type=int, default=1,
                   help="faiss OpenMP threads while searching (default 1: one query per request; 0: faiss's own)")
    p.add_argument("--out", type=Path, default=ROOT / "eval" / "results" / "ann_bench.json")
    args = p.parse_args(argv)
    import faiss

    global SEARCH_THREADS
    SEARCH_THREADS = args.search_threads or None
    sizes = [int(s) for s in args.sizes.split(",")]
    rows: list[dict] = []
    start = time.perf_counter()
    for n in sizes:
        rows += bench_size(n, args.dim, args.queries, not args.no_ivf, tuple(int(e) for e in args.ef.split(",")))
    record = {"created": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "sizes": sizes, "dim": args.dim,
              "queries": args.queries, "k": K, "flat_max_in_code": FLAT_MAX,
              "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "faiss": faiss.__version__,
                          "omp_threads_build": faiss.omp_get_max_threads(), "search_threads": args.search_threads,
                          "loadavg_end": os.getloadavg()},
              "data": {"points_per_centre": POINTS_PER_CENTRE, "spread": SPREAD, "query_spread": QUERY_SPREAD}, "total_s": round(time.perf_counter() - start, 1),
              "rows": rows}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    print(table(rows))
    print(f"\n{args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
