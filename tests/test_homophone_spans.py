"""The typo reader's span tests are prefix counts (homophones._prefix / _any_in), so a 2,000-character question full of
unwritten bigrams costs no rescan of every gap and span per candidate run (it did: 哪 x 1999 took 3.7 s)."""

from __future__ import annotations

import random

import pytest

from assistant.answer.homophones import _any_in, _prefix


@pytest.mark.parametrize("seed", range(20))
def test_a_covered_position_is_found_as_by_scanning_every_span(seed):
    rng = random.Random(seed)
    size = rng.randint(1, 40)
    spans = [(a, a + rng.randint(0, 4)) for a in (rng.randint(0, size) for _ in range(rng.randint(0, 6)))]
    prefix = _prefix(size, spans)
    for lo in range(size + 1):
        for hi in range(lo, size + 1):
            scanned = any(a <= p < b for a, b in spans for p in range(lo, hi))
            assert _any_in(prefix, lo, hi) is scanned, (spans, lo, hi)
