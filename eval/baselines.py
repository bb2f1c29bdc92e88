"""A naive RAG baseline of the kind generic tools ship, to measure the real pipeline against.

- chunks: fixed CHUNK_CHARS-character windows with OVERLAP characters of overlap over each plan's raw
  text (lines joined by newlines; table cells one per line, as the text exports have them); no headings,
  no tables, no structure;
- retrieval: dense top-k with the same embedder as the pipeline (e5 "passage:"/"query:" prompts);
- answer: the ANSWER_SENTENCES sentences (split at 。！？； only, line breaks become spaces) of the top chunk
  that share the most character bigrams with the question, in their original order, citing that chunk.
  It never refuses.

Not part of the package: ``assistant eval --baselines`` loads this file from the source tree.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from pathlib import Path

import numpy as np

from assistant.evaluation.metrics import Passage
from assistant.types import Answer, Chunk, Citation, Hit, SourceLine, SourceTable

log = logging.getLogger(__name__)

CHUNK_CHARS = 250
OVERLAP = 50
ANSWER_SENTENCES = 2
_SENTENCE = re.compile(r"[^。！？；]+[。！？；]?")  # Chinese sentence ends only, as generic splitters do


def fixed_chunks(text: str, size: int = CHUNK_CHARS, overlap: int = OVERLAP) -> list[str]:
    """Windows of ``size`` characters starting every ``size - overlap`` characters; the last may be shorter."""
    if size <= overlap:
        raise ValueError(f"chunk size {size} must exceed the overlap {overlap}")
    step = size - overlap
    out = []
    for start in range(0, max(len(text), 1), step):
        piece = text[start:start + size]
        if piece.strip():
            out.append(piece)
        if start + size >= len(text):
            break
    return out


def plan_text(path: str | Path) -> str:
    """The raw text of a plan file as a generic loader would see it."""
    from assistant.ingest.readers import read_file

    lines = []
    for block in read_file(path).blocks:
        if isinstance(block, SourceLine):
            lines.append(block.text)
        elif isinstance(block, SourceTable):
            lines.extend(cell for row in block.rows for cell in row)
    return "\n".join(lines)


def bigrams(text: str) -> set[str]:
    t = re.sub(r"\s+", "", text)
    return {t[i:i + 2] for i in range(len(t) - 1)}


def best_sentences(text: str, query: str, n: int = ANSWER_SENTENCES) -> list[str]:
    sents = [" ".join(s.split()) for s in _SENTENCE.findall(text) if len(s.strip()) >= 2]
    q = bigrams(query)
    ranked = sorted(range(len(sents)), key=lambda i: (-len(bigrams(sents[i]) & q), i))[:n]
    return [sents[i] for i in sorted(ranked)]


class NaiveRAG:
    """search(query, k) -> list[Hit] and ask(question, history) -> Answer, like the Assistant."""

    def __init__(self, chunks: list[Chunk], vectors: np.ndarray, embedder, titles: dict[str, str]):
        self.chunks = chunks
        self.vectors = vectors
        self.embedder = embedder
        self.titles = titles

    @classmethod
    def build(cls, documents, embedder, cache_dir: Path | None = None) -> NaiveRAG:
        chunks = []
        for d in documents:
            for i, piece in enumerate(fixed_chunks(plan_text(d.path)), 1):
                chunks.append(Chunk(f"{d.doc_id}/naive{i}", d.doc_id, "fixed", "", (), piece, piece))
        vectors = _cached_vectors([c.text for c in chunks], embedder, cache_dir)
        return cls(chunks, vectors, embedder, {d.doc_id: d.meta.title for d in documents})

    @property
    def passages(self) -> list[Passage]:
        return [Passage(c.doc_id, c.text, ()) for c in self.chunks]

    def describe(self) -> dict:
        return {"chunk_chars": CHUNK_CHARS, "overlap": OVERLAP, "answer_sentences": ANSWER_SENTENCES,
                "chunks": len(self.chunks)}

    def search(self, query: str, k: int = 10, docs=None) -> list[Hit]:
        q = self.embedder.encode([query], kind="query")[0]
        scores = self.vectors @ q
        top = np.argsort(-scores, kind="stable")[:k]
        return [Hit(self.chunks[i], float(scores[i]), rank, {"dense": float(scores[i])})
                for rank, i in enumerate(top, 1)]

    def ask(self, question: str, history=None, docs=None) -> Answer:
        start = time.perf_counter()
        earlier = [h["question"] if isinstance(h, dict) else str(h) for h in history or []]
        query = " ".join([*earlier, question])
        hits = self.search(query, 1)
        if not hits:
            return Answer(question, "", False)
        top = hits[0].chunk
        body = "".join(best_sentences(top.text, query))
        cite = Citation(1, top.doc_id, self.titles.get(top.doc_id, top.doc_id), (), top.text, hits[0].score)
        return Answer(question, body, False, (cite,), intent="naive", docs=(top.doc_id,),
                      latency_ms=(time.perf_counter() - start) * 1000)


def _cached_vectors(texts: list[str], embedder, cache_dir: Path | None) -> np.ndarray:
    """Embed once per (model, chunk texts); the vectors are kept in ``cache_dir``."""
    key = hashlib.sha256("\x00".join([embedder.fingerprint, *texts]).encode("utf-8")).hexdigest()[:20]
    path = Path(cache_dir) / f"naive-{key}.npy" if cache_dir else None
    if path is not None and path.is_file():
        vectors = np.load(path)
        if vectors.shape == (len(texts), embedder.dim):
            return vectors
    vectors = np.ascontiguousarray(embedder.encode(texts, kind="passage"), dtype=np.float32)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.save(path, vectors)
    return vectors
