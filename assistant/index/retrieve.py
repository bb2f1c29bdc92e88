"""Hybrid retrieval: FAISS (dense) and BM25 (sparse) rankings fused with weighted RRF."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from assistant.types import Chunk, Hit

from .fuse import rrf
from .literal import LiteralIndex

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetrievalSettings:
    mode: str = "hybrid"  # hybrid | dense | sparse
    rrf_k: int = 60
    dense_weight: float = 1.0
    sparse_weight: float = 1.0
    depth: int = 50  # how deep each retriever looks before fusion


# The query is embedded from its head only: a real question (and a resolved follow-up) is under ~80 characters,
# and the encoder's cost grows with length (a pasted 2,000-character paragraph took ~1.2 s; bench/redteam.py).
QUERY_EMBED_CHARS = 160


class HybridRetriever:
    def __init__(self, chunks: tuple[Chunk, ...], dense, sparse, embedder, settings: RetrievalSettings):
        self.chunks = chunks
        self.dense = dense
        self.sparse = sparse
        self.embedder = embedder
        self.settings = settings
        self._rows_by_doc: dict[str, np.ndarray] = {}
        for i, c in enumerate(chunks):
            self._rows_by_doc.setdefault(c.doc_id, []).append(i)
        self._rows_by_doc = {k: np.asarray(v, dtype=np.int64) for k, v in self._rows_by_doc.items()}
        self._idf: dict[str, float] = {}
        self._literal = LiteralIndex([c.text for c in chunks])

    def count(self, term: str) -> int:
        """How many chunks write ``term`` literally."""
        return self._literal.count(term)

    def idf(self, term: str) -> float:
        """Inverse document frequency of a literal term over the chunk texts (cached): rare terms weigh more."""
        v = self._idf.get(term)
        if v is None:
            import math

            df = self._literal.count(term)
            v = math.log((len(self.chunks) + 1) / (df + 0.5))
            self._idf[term] = v = max(v, 0.1)
        return v

    def containing(self, terms: list, docs=None, limit: int = 20, prefer: list | None = None,
                   skip: frozenset | set = frozenset()) -> list[Hit]:
        """Chunks holding every one of ``terms`` literally (within ``docs``, none of the ids in ``skip``): a
        lexical safety net for rare terms that long passages bury in BM25's length normalisation. A term may be
        a tuple of alternatives (公路, 道路), any one of which will do; an alternative may be a compiled pattern.
        In document order; when more than ``limit`` match and ``prefer`` gives (alternatives, weight) pairs, the
        chunks holding more of that weight come first, so a common pair of terms does not return only the first
        plans' chunks."""
        terms = [(t,) if isinstance(t, str) else tuple(t) for t in terms]
        rows = self.rows_for(docs)
        pool = np.arange(len(self.chunks)) if rows is None else rows
        for alts in terms:  # only chunks holding one of a term's literal alternatives can hold it
            if alts and all(isinstance(a, str) and a for a in alts):
                held = np.unique(np.concatenate([self._literal.rows(a) for a in alts]))
                pool = pool[np.isin(pool, held)]
        out = []
        for i in pool:
            c = self.chunks[int(i)]
            if c.id not in skip and all(_holds(c.text, alts) for alts in terms):
                out.append(c)
                if len(out) >= limit and not prefer:
                    break
        if prefer and len(out) > limit:
            held = [sum(w for alts, w in prefer if _holds(c.text, alts)) for c in out]
            order = sorted(range(len(out)), key=lambda k: -held[k])[:limit]
            out = [out[k] for k in sorted(order)]
        return [Hit(c, 0.0, 1000 + n, {"literal": 1.0}) for n, c in enumerate(out[:limit])]

    def rows_for(self, docs: list[str] | tuple[str, ...] | None) -> np.ndarray | None:
        """Rows of these plans; None (no filter) when that is every plan."""
        if not docs or set(docs) >= set(self._rows_by_doc):
            return None
        parts = [self._rows_by_doc[d] for d in docs if d in self._rows_by_doc]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)

    def query_vector(self, query: str) -> np.ndarray | None:
        """The query's embedding (its head only), or None when retrieval is sparse only. Computed once per
        question and handed to ``search`` by callers that search the same question again (one plan at a time)."""
        if self.settings.mode == "sparse":
            return None
        return self.embedder.encode([query[:QUERY_EMBED_CHARS]], kind="query")[0]

    def rankings(self, query: str, docs=None, depth: int | None = None,
                 query_vector: np.ndarray | None = None) -> dict[str, list[tuple[int, float]]]:
        depth = depth or self.settings.depth
        rows = self.rows_for(docs)
        out: dict[str, list[tuple[int, float]]] = {}
        if self.settings.mode in ("hybrid", "sparse"):
            out["sparse"] = self.sparse.search(query, depth, rows)
        if self.settings.mode in ("hybrid", "dense"):
            if query_vector is None:
                query_vector = self.query_vector(query)
            out["dense"] = self.dense.search(query_vector, depth, rows)
        return out

    def search(self, query: str, k: int = 10, docs=None, query_vector: np.ndarray | None = None) -> list[Hit]:
        """Top k chunks for the query, optionally within some documents."""
        ranks = self.rankings(query, docs, query_vector=query_vector)
        weights = {"dense": self.settings.dense_weight, "sparse": self.settings.sparse_weight}
        fused = rrf(ranks, k=self.settings.rrf_k, weights=weights, limit=k)
        raw = {name: dict(r) for name, r in ranks.items()}
        hits = []
        for rank, (row, score, _r) in enumerate(fused, 1):
            scores = {name: raw[name][row] for name in raw if row in raw[name]}
            hits.append(Hit(self.chunks[row], score, rank, scores))
        return hits

    def search_per_doc(self, query: str, docs: list[str], k: int = 5,
                       query_vector: np.ndarray | None = None) -> dict[str, list[Hit]]:
        """Evidence from each plan separately (comparison questions); the query is embedded once, or not at all
        when its vector is given."""
        qv = query_vector if query_vector is not None else self.query_vector(query)
        return {d: self.search(query, k, [d], query_vector=qv) for d in docs}


def _holds(text: str, alts: tuple) -> bool:
    """Whether ``text`` holds one of the alternatives (a string, or a compiled pattern)."""
    return any(a in text if isinstance(a, str) else a.search(text) for a in alts)
