"""Numbers without a source: the evaluation's own check, written apart from the answer engine's guard.

A number in an answer body is *supported* when it also occurs, as a whole number token, in a cited
passage (its text, heading path or plan title) or in what the user typed (the question and earlier
questions). Two kinds of number are not facts and are skipped: citation markers ``[n]`` (n at most the
number of citations) and markdown list numbering at the start of a line (``1. ``).

Arithmetic is allowed, as the answer engine's contract allows it: in ``120 − 90.1 = 29.9`` the result
29.9 is supported when every operand is supported and the arithmetic is right to the precision the
result is printed with. A wrong sum, or a sum over an unsupported operand, leaves the result
unsupported. (The engine's guard only checks the operands; this check also recomputes the result.)

Pure: strings in, strings out. Nothing here imports the engine's guard.
"""

from __future__ import annotations

import re

_FULLWIDTH = str.maketrans("０１２３４５６７８９．％－＋＝（）", "0123456789.%-+=()")  # "，" stays: a Chinese comma
_CN_DIGIT = {"〇": "0", "○": "0", "О": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4",
             "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_SHORT_YEAR = re.compile(r"(?<![\d.])(\d{2})年(?![来间])")  # a two-digit year as staff write it, not 20年来
_CN_YEAR = re.compile(f"[{''.join(_CN_DIGIT)}]{{4}}(?=年)")
_NUMBER = re.compile(r"(?<![\d.])\d+(?:,\d{3}(?!\d))*(?:\.\d+)?")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
_MARKER = re.compile(r"\[(\d{1,3})\]")
_LIST_NUMBER = re.compile(r"(?m)^(\s*)\d{1,2}[.)]\s")
_EQUALS = re.compile(r"(≈|=|约等于)\s*[（(]?\s*约?\s*(-?\d+(?:,\d{3})*(?:\.\d+)?)\s*(%?)")
_TOKEN = re.compile(r"\s*(\d+(?:,\d{3}(?!\d))*(?:\.\d+)?%?|[-−–+×÷*/()])|\s+")
_EXPR_CHARS = set("0123456789.,+-−–×÷*/()% ")
_ALWAYS_OK = {"100"}  # the percentage factor in "(a − b) / b × 100 = c%"


def normalise(text: str) -> str:
    """Full-width digits and signs folded, Chinese-numeral years as digits (二〇三五年 -> 2035年)."""
    text = text.translate(_FULLWIDTH)
    return _CN_YEAR.sub(lambda m: "".join(_CN_DIGIT[c] for c in m.group(0)), text)


def canonical(number: str) -> str:
    """'2,900' -> '2900', '90.10' -> '90.1', '3.0' -> '3'."""
    n = number.replace(",", "")
    if "." in n:
        n = n.rstrip("0").rstrip(".")
    return n or "0"


def numbers_in(text: str) -> list[str]:
    """Number tokens of the text, canonical, in order."""
    return [canonical(m.group(0)) for m in _NUMBER.finditer(normalise(text))]


def answer_numbers(body: str, n_citations: int = 0) -> list[str]:
    """Numbers stated by an answer body: markdown escapes undone, citation markers and list numbering skipped."""
    text = _MARKER.sub(lambda m: " " if 1 <= int(m.group(1)) <= n_citations else m.group(0), body)
    text = _LIST_NUMBER.sub(r"\1", _MD_ESCAPE.sub(r"\1", text))
    return numbers_in(text)


# ------------------------------------------------------------------ arithmetic


class _Parser:
    """Recursive descent over + - × ÷ and parentheses; a trailing % divides by 100."""

    def __init__(self, text: str):
        self.tokens: list[str] | None = []
        pos = 0
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            if not m:
                self.tokens = None  # a character that is not part of arithmetic
                break
            if m.group(1):
                self.tokens.append(m.group(1))
            pos = m.end()
        self.pos = 0
        self.operands: list[str] = []

    def parse(self) -> float | None:
        if not self.tokens:
            return None
        try:
            value = self._sum()
        except (IndexError, ValueError, ZeroDivisionError):
            return None
        return value if self.pos == len(self.tokens) else None

    def _peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def _sum(self) -> float:
        value = self._product()
        while self._peek() in ("+", "-", "−", "–"):
            op = self.tokens[self.pos]
            self.pos += 1
            rhs = self._product()
            value = value + rhs if op == "+" else value - rhs
        return value

    def _product(self) -> float:
        value = self._atom()
        while self._peek() in ("×", "*", "÷", "/"):
            op = self.tokens[self.pos]
            self.pos += 1
            rhs = self._atom()
            value = value * rhs if op in ("×", "*") else value / rhs
        return value

    def _atom(self) -> float:
        tok = self.tokens[self.pos]
        self.pos += 1
        if tok == "(":
            value = self._sum()
            if self._peek() != ")":
                raise ValueError("unbalanced")
            self.pos += 1
            return value
        if tok in ("-", "−", "–"):
            return -self._atom()
        if not tok[0].isdigit():
            raise ValueError(tok)
        percent = tok.endswith("%")
        number = canonical(tok.rstrip("%"))
        self.operands.append(number)
        return float(number) / (100 if percent else 1)


def _decimals(number: str) -> int:
    return len(number.partition(".")[2])


def arithmetic(text: str) -> list[tuple[list[str], str, bool]]:
    """Every ``expression = result`` in the text: (operands, result, whether the arithmetic is right).

    The expression is the longest run before ``=``/``≈`` made of digits, operators and brackets that
    parses and holds at least one operator.
    """
    text = _MD_ESCAPE.sub(r"\1", normalise(text))
    out = []
    for m in _EQUALS.finditer(text):
        start = m.start()
        while start > 0 and text[start - 1] in _EXPR_CHARS and text[start - 1] != "\n":
            start -= 1
        left = text[start:m.start()]
        for i in range(len(left)):
            if left[i] in ".,%" or (i and left[i - 1] in "0123456789.," and left[i].isdigit()):
                continue  # never start inside a number
            parser = _Parser(left[i:])
            value = parser.parse()
            if value is not None and len(parser.operands) >= 2:
                result = canonical(m.group(2).lstrip("-"))
                shown = float(m.group(2).replace(",", ""))
                tol = 0.5 * 10 ** -_decimals(result) + 1e-9
                candidates = [value, value * 100] if m.group(3) else [value]
                ok = any(abs(abs(c) - abs(shown)) <= tol for c in candidates)  # the sign may be in the words
                out.append((parser.operands, result, ok))
                break
    return out


# ------------------------------------------------------------------ the check


def unsupported_numbers(body: str, sources: list[str], question: str = "") -> list[str]:
    """Distinct numbers of ``body`` found in no source and not in ``question``, in order of appearance.

    ``sources`` are the cited passages (one string per citation: text, heading path, title); citation
    markers up to ``len(sources)`` are skipped. Results of correct arithmetic on supported operands count
    as supported.
    """
    allowed = set(numbers_in(question))
    allowed.update(f"20{m.group(1)}" for m in _SHORT_YEAR.finditer(question))  # 25年底: the asker's 2025
    for s in sources:
        allowed.update(numbers_in(s))
    derived = set()
    changed = True
    expressions = arithmetic(body)
    while changed:  # a result may be the operand of a later expression
        changed = False
        for operands, result, ok in expressions:
            if ok and result not in derived and all(o in allowed or o in derived or o in _ALWAYS_OK
                                                    for o in operands):
                derived.add(result)
                derived.update(o for o in operands if o in _ALWAYS_OK)
                changed = True
    out: list[str] = []
    for n in answer_numbers(body, len(sources)):
        if n not in allowed and n not in derived and n not in out:
            out.append(n)
    return out
