"""BM25 over jieba tokens (bm25s). Same search shape as the dense index: search(query, k, rows) -> [(row, score)]."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np

from assistant.text.tokenize import Tokenizer

log = logging.getLogger(__name__)


class SparseIndex:
    def __init__(self, tokenizer: Tokenizer, model=None, size: int = 0):
        self.tokenizer = tokenizer
        self._bm25 = model
        self.size = size

    @classmethod
    def build(cls, texts: list[str], tokenizer: Tokenizer) -> SparseIndex:
        import bm25s

        from assistant.logs import tame

        tame("bm25s")
        corpus = [tokenizer.tokens(t) or ["∅"] for t in texts]
        model = bm25s.BM25(k1=1.2, b=0.75)
        model.index(corpus, show_progress=False)
        return cls(tokenizer, model, len(texts))

    def scores(self, query: str) -> np.ndarray:
        tokens = [t for t in self.tokenizer.tokens(query) if t in self._bm25.vocab_dict]
        if not tokens or self.size == 0:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(tokens), dtype=np.float32)

    def vocabulary(self) -> list[str]:
        """The tokens the indexed texts hold (what the plans write, as jieba cut them)."""
        return list(self._bm25.vocab_dict) if self._bm25 is not None else []

    def search(self, query: str, k: int, rows: np.ndarray | None = None) -> list[tuple[int, float]]:
        """Top k rows with a positive score; ``rows`` restricts the search to those rows."""
        s = self.scores(query)
        if rows is not None:
            mask = np.full(self.size, -np.inf, dtype=np.float32)
            mask[rows] = 0.0
            s = s + mask
        k = min(k, self.size)
        if k <= 0:
            return []
        top = np.argpartition(-s, k - 1)[:k]
        top = top[np.lexsort((top, -s[top]))]
        return [(int(i), float(s[i])) for i in top if s[i] > 0]

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self._bm25.save(str(directory), show_progress=False)
        (directory / "size.json").write_text(json.dumps({"size": self.size}), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path, tokenizer: Tokenizer) -> SparseIndex:
        import bm25s

        from assistant.logs import tame

        tame("bm25s")
        model = bm25s.BM25.load(str(directory), show_progress=False)
        size = json.loads((directory / "size.json").read_text(encoding="utf-8"))["size"]
        return cls(tokenizer, model, size)
