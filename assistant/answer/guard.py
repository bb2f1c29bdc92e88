"""The number guard: every number in an answer must come from a cited source, the question, or arithmetic
on cited numbers printed in the answer. Pure."""

from __future__ import annotations

import re

from assistant.text.numbers import normalise_years, to_halfwidth
from assistant.text.patterns import NUMBER_LABEL_RE

_NUM_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?![\d.])|\d+(?:\.\d+)?")
# numbers that are labels, not facts: citation markers, table/box/chapter numbers, list numbering
_ARITH_RE = re.compile(r"(\d+(?:\.\d+)?)\s*[−\-+×÷/*]\s*(\d+(?:\.\d+)?)[^=\n]*?=\s*[（(]?\s*≈?\s*(-?\d+(?:\.\d+)?)")
_ARITH2_RE = re.compile(r"[≈=]\s*(-?\d+(?:\.\d+)?)\s*%?")


def _canon(n: str) -> str:
    n = n.replace(",", "")
    if "." in n:
        n = n.rstrip("0").rstrip(".")
    return n


def numbers_of(text: str, typed: bool = False) -> set[str]:
    """Numbers of a plan text or answer; ``typed`` for what the user typed (25年 means 2025年 there only)."""
    text = normalise_years(to_halfwidth(text), typed)
    return {_canon(m.group(0)) for m in _NUM_RE.finditer(text)}


_PERCENT_FACTOR_RE = re.compile(r"[×x*]\s*100\s*%")


def strip_labels(text: str) -> str:
    """Drop numbers that label rather than state (citation markers, table and chapter numbers, "× 100%")."""
    return NUMBER_LABEL_RE.sub(" ", _PERCENT_FACTOR_RE.sub(" ", normalise_years(to_halfwidth(text), typed=False)))


def unsupported_numbers(answer: str, sources: list[str], question: str = "") -> list[str]:
    """Numbers in ``answer`` not found in the sources or the question (arithmetic results whose operands
    are supported count as supported)."""
    allowed = set()
    for s in sources:
        allowed |= numbers_of(s)
    allowed |= numbers_of(question, typed=True)
    body = strip_labels(answer)
    derived = set()
    for line in body.split("\n"):
        nums = [_canon(m.group(0)) for m in _NUM_RE.finditer(line)]
        if ("=" in line or "≈" in line) and nums:
            results = {_canon(m.group(1).lstrip("-")) for m in _ARITH2_RE.finditer(line)}
            operands = [n for n in nums if n not in results]
            if operands and all(n in allowed for n in operands):
                derived |= results
    missing = []
    for m in _NUM_RE.finditer(body):
        n = _canon(m.group(0))
        if n not in allowed and n not in derived and n not in missing:
            missing.append(n)
    return missing
