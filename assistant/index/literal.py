"""Which chunks hold a literal string, without reading every chunk (pure, numpy).

The answer stage asks for literal document frequencies all the time (a term's weight, whether the plans write a word
at all, the substrings of a word jieba glued together), and the literal safety net of retrieval asks which chunks hold
a rare term. A scan over every chunk text costs about 9 ms per new term at 28,000 chunks (the 100x bench corpus), so
a question that probes a hundred substrings spent most of a second there. This keeps, per character bigram, the
sorted rows of the chunks holding it: the chunks holding a term are among those holding its rarest bigram, and only
those are read. Built on first use (about a second at 28,000 chunks; milliseconds for a few hundred).
"""

from __future__ import annotations

import threading

import numpy as np

_ROW_BITS = 22
_ROW_MASK = (1 << _ROW_BITS) - 1


class LiteralIndex:
    def __init__(self, texts: list[str] | tuple[str, ...]):
        self._texts = texts
        self._scan = len(texts) > _ROW_MASK + 1  # beyond 4,194,304 chunks the rows do not fit: read every text
        self._lock = threading.Lock()
        self._keys: np.ndarray | None = None  # sorted unique bigram codes
        self._starts: np.ndarray | None = None  # posting list of keys[i]: rows[starts[i]:starts[i + 1]]
        self._rows: np.ndarray | None = None

    def _build(self) -> None:
        # one uint64 per (bigram, row): the bigram's two code points (21 bits each) above the row (22 bits), so one
        # sort orders by bigram, then row, in half the memory of two arrays (rows up to 4,194,303 chunks)
        packed = []
        for row, text in enumerate(self._texts):
            if len(text) < 2:
                continue
            a = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
            pair = (a[:-1] << np.uint64(21)) | a[1:]
            packed.append(np.unique(pair) << np.uint64(_ROW_BITS) | np.uint64(row))
        if not packed:
            keys, starts, rows = np.zeros(0, np.uint64), np.zeros(1, np.int64), np.zeros(0, np.int32)
        else:
            allp = np.concatenate(packed)
            del packed
            allp.sort()
            rows = (allp & np.uint64(_ROW_MASK)).astype(np.int32)
            allp >>= np.uint64(_ROW_BITS)
            keys, first = np.unique(allp, return_index=True)
            starts = np.append(first, len(allp)).astype(np.int64)
        self._keys, self._starts, self._rows = keys, starts, rows

    def _ready(self) -> None:
        if self._keys is None:
            with self._lock:
                if self._keys is None:
                    self._build()

    def _posting(self, code: int) -> np.ndarray:
        i = int(np.searchsorted(self._keys, np.uint64(code)))
        if i >= len(self._keys) or int(self._keys[i]) != code:
            return np.zeros(0, np.int64)
        return self._rows[self._starts[i]:self._starts[i + 1]].astype(np.int64)

    def rows(self, term: str) -> np.ndarray:
        """Sorted rows of the texts holding ``term`` literally."""
        if not term:
            return np.arange(len(self._texts), dtype=np.int64)
        if len(term) == 1 or self._scan:
            return np.asarray([i for i, t in enumerate(self._texts) if term in t], dtype=np.int64)
        self._ready()
        cs = [ord(x) for x in term]
        postings = sorted((self._posting((a << 21) | b) for a, b in zip(cs, cs[1:], strict=False)), key=len)
        cand = postings[0]
        for p in postings[1:4]:  # a few more bigrams narrow cheaply before the texts are read
            if not len(cand):
                break
            cand = cand[np.isin(cand, p, assume_unique=True)]
        if len(term) == 2:
            return cand
        return np.asarray([i for i in cand.tolist() if term in self._texts[i]], dtype=np.int64)

    def count(self, term: str) -> int:
        """How many texts hold ``term`` literally."""
        return len(self.rows(term))
