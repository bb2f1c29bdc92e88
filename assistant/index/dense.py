"""FAISS inner-product index over L2-normalised vectors. search(query_vector, k, rows) -> [(row, score)].

A flat (exact) index below FLAT_MAX vectors, HNSW above: see bench/ for the measurements behind the switch.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

FLAT_MAX = 200_000  # exact search stays under a few ms up to here on 2 cores (bench/ann_bench.py)


_THREADS_SET = False


def _faiss():
    global _THREADS_SET
    try:
        import faiss
    except ImportError as e:  # pragma: no cover
        raise ImportError("faiss is missing: pip install faiss-cpu") from e
    if not _THREADS_SET:  # one query at a time per thread: OpenMP threads only add contention (bench/ann_bench.py)
        faiss.omp_set_num_threads(1)
        _THREADS_SET = True
    return faiss


class DenseIndex:
    def __init__(self, index, dim: int):
        self.index = index
        self.dim = dim

    @property
    def size(self) -> int:
        return int(self.index.ntotal)

    @property
    def kind(self) -> str:
        return "hnsw" if "HNSW" in type(self.index).__name__ else "flat"

    @classmethod
    def build(cls, vectors: np.ndarray, kind: str = "auto") -> DenseIndex:
        faiss = _faiss()
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        n, dim = vectors.shape
        if kind == "auto":
            kind = "flat" if n <= FLAT_MAX else "hnsw"
        if kind == "hnsw":
            index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = 80
            index.hnsw.efSearch = 128
        else:
            index = faiss.IndexFlatIP(dim)
        if n:
            index.add(vectors)
        return cls(index, dim)

    def search(self, vector: np.ndarray, k: int, rows: np.ndarray | None = None) -> list[tuple[int, float]]:
        faiss = _faiss()
        if self.size == 0 or k <= 0:
            return []
        q = np.ascontiguousarray(vector.reshape(1, -1), dtype=np.float32)
        k = min(k, self.size if rows is None else len(rows))
        if k <= 0:
            return []
        params = None
        if rows is not None and self.kind == "hnsw":
            # filtered HNSW search loses most of the true top k (recall ~0.25 measured): search the subset exactly
            rows = np.asarray(rows, dtype=np.int64)
            vecs = np.vstack([self.index.reconstruct(int(r)) for r in rows]) if len(rows) else np.zeros((0, self.dim))
            scores = vecs @ q[0]
            top = np.argsort(-scores)[:k]
            return [(int(rows[i]), float(scores[i])) for i in top]
        if rows is not None:
            params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(np.asarray(rows, dtype=np.int64)))
        scores, ids = self.index.search(q, k, params=params) if params is not None else self.index.search(q, k)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]

    def save(self, path: Path) -> None:
        _faiss().write_index(self.index, str(path))

    @classmethod
    def load(cls, path: Path) -> DenseIndex:
        index = _faiss().read_index(str(path))
        return cls(index, index.d)
