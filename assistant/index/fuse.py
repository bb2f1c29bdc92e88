"""Fusion of ranked lists. Pure: rankings in, one ranking out; it never knows which retriever is which."""

from __future__ import annotations

Ranking = list[tuple[int, float]]  # (row, score), best first


def rrf(rankings: dict[str, Ranking], k: int = 60, weights: dict[str, float] | None = None,
        limit: int | None = None) -> list[tuple[int, float, dict[str, int]]]:
    """Weighted reciprocal rank fusion: score(row) = Σ w_r / (k + rank_r(row)).

    Returns (row, fused score, {retriever: 1-based rank}) best first; ties broken by row for determinism.
    """
    weights = weights or {}
    fused: dict[int, float] = {}
    ranks: dict[int, dict[str, int]] = {}
    for name, ranking in rankings.items():
        w = weights.get(name, 1.0)
        for rank, (row, _score) in enumerate(ranking, 1):
            fused[row] = fused.get(row, 0.0) + w / (k + rank)
            ranks.setdefault(row, {})[name] = rank
    order = sorted(fused, key=lambda r: (-fused[r], r))
    if limit is not None:
        order = order[:limit]
    return [(r, fused[r], ranks[r]) for r in order]
