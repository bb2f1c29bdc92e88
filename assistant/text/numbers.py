"""Number rules for plan text: Chinese numerals, full-width digits, 万/亿, cumulative markers. Pure."""

from __future__ import annotations

import re

_CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "О": 0, "O": 0, "Ｏ": 0, "0": 0,
              "一": 1, "壹": 1, "二": 2, "两": 2, "贰": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
              "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9}
_CN_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_NUMERAL_CHARS = "".join(_CN_DIGITS) + "".join(_CN_UNITS)
_FULLWIDTH = str.maketrans("０１２３４５６７８９．－＋％", "0123456789.-+%")

NUMBER_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?![\d.])|\d+(?:\.\d+)?")


# a letter an OCR tool reads for a digit inside a figure (2O26, 2O3O, 1O0): a run of digits with O or l in it that
# holds two digits at least and touches no other letter (O2O, a word, keeps its letters)
_OCR_DIGIT_RUN_RE = re.compile(r"(?<![A-Za-z])(?=(?:[Ol]*\d){2})[\dOl]*[Ol][\dOl]*(?![A-Za-z])")
_OCR_DIGITS = str.maketrans("Ol", "01")


def to_halfwidth(text: str) -> str:
    """Full-width digits and number punctuation to ASCII (other characters unchanged), and a letter an OCR tool read
    for a digit inside a figure to that digit ("2O26" -> "2026"). The length never changes."""
    text = text.translate(_FULLWIDTH)
    if "O" not in text and "l" not in text:
        return text
    return _OCR_DIGIT_RUN_RE.sub(lambda m: m.group(0).translate(_OCR_DIGITS), text)


def cn_to_int(text: str) -> int | None:
    """'二十三' -> 23, '十' -> 10, '二О三五' -> 2035 (digit-by-digit form). None if not a numeral."""
    text = text.strip()
    if not text or any(c not in _CN_DIGITS and c not in _CN_UNITS for c in text):
        if text.isdecimal():  # not isdigit(): superscripts ("¹") are digits but no number
            return int(to_halfwidth(text))
        return None
    if not any(c in _CN_UNITS for c in text):  # digit-by-digit: 二〇三五
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    total, current = 0, 0
    for c in text:
        if c in _CN_DIGITS:
            current = _CN_DIGITS[c]
        else:
            total += (current or 1) * _CN_UNITS[c]
            current = 0
    return total + current


_YEAR_CN_RE = re.compile(f"[{CN_NUMERAL_CHARS}]{{4}}(?=年)")


_SHORT_YEAR_RE = re.compile(r"(?<![\d.])([1-3]\d)年(?![来间内后前以度均一])")


def normalise_years(text: str, typed: bool = True) -> str:
    """Rewrite Chinese-numeral years ('二О三五年') as digits ('2035年') and, in what staff type (``typed``), their
    two-digit years from 10 to 39 ('20年那栏', '25年计划', '那35年呢') as four ('2020年'); durations ('20年来',
    '20年间') and return periods ('30年一遇') are left alone. Plan
    text is never read the second way: its '经过15年的发展' is a duration, not 2015."""
    def repl(m: re.Match) -> str:
        v = cn_to_int(m.group(0))
        return str(v) if v and 1900 <= v <= 2200 else m.group(0)
    text = _YEAR_CN_RE.sub(repl, text)
    return _SHORT_YEAR_RE.sub(r"20\1年", text) if typed else text


BLANK_CELLS = frozenset({"—", "——", "-", "－", "/", "／"})  # a table cell that gives nothing (no unit, no value)


# a figure in square marks; an OCR tool may read one half of the mark as a round bracket ((0.5], 〔5.82)) or mix
# the two kinds (【6.45〕), but a figure in round brackets on both sides is no mark
_OPEN, _CLOSE = r"[\[【［〔]", r"[\]】］〕]"
CUMULATIVE_RE = re.compile(rf"^\s*(?:{_OPEN}(?=.*[\]】］〕)）]\s*$)|[(（](?=.*{_CLOSE}\s*$))(.*)[\]】］〕)）]\s*$")


def is_cumulative(raw: str | None) -> bool:
    return bool(raw) and bool(CUMULATIVE_RE.match(raw))


# a marked cell as written: the mark around the figure, any unit after it ([45], 【10000】, 〔3000〕户)
_MARKED_CELL_RE = re.compile(rf"^\s*({_OPEN})\s*([^\]】］〕)）]*?)\s*([\]】］〕)）])(\D*?)\s*$"
                             rf"|^\s*([(（])\s*([^\]】］〕)）]*?)\s*({_CLOSE})(\D*?)\s*$")


def marked_figure(raw: str | None) -> tuple[str, str, str] | None:
    """A five-year cumulative cell split into (figure, unit written after the mark, the mark as written):
    '[45]' -> ('45', '', '[45]'), '〔3000〕户' -> ('3000', '户', '〔3000〕'); None for a cell with no mark or
    with nothing inside it."""
    m = _MARKED_CELL_RE.match(raw or "")
    if not m:
        return None
    mark, figure, close, unit = (g or "" for g in (m.groups()[:4] if m.group(1) else m.groups()[4:]))
    if not figure:
        return None
    return figure, unit, f"{mark}{figure}{close}"


def parse_value(raw: str | None) -> float | None:
    """A table cell to a number: '[7.76]' -> 7.76, '【6700】' -> 6700, '1.5万' -> 15000,
    '2,900' -> 2900, '35%' -> 35. Bounds and ranges ('>30', '6人（含）以下') give None."""
    if raw is None:
        return None
    s = to_halfwidth(raw).strip()
    m = CUMULATIVE_RE.match(s)
    if m:
        s = m.group(1).strip()
    s = s.rstrip("%").strip()
    mult = 1.0
    if s.endswith("万亿"):
        mult, s = 1e12, s[:-2]
    elif s.endswith("亿"):
        mult, s = 1e8, s[:-1]
    elif s.endswith("万"):
        mult, s = 1e4, s[:-1]
    if re.fullmatch(r"-?\d+(?:,\d{3})*(?:\.\d+)?", s):
        return float(s.replace(",", "")) * mult
    v = cn_to_int(s)
    return float(v) * mult if v is not None and s else None


_SPACED_DIGITS_RE = re.compile(r"(?<![\d.])\d(?:[ \u3000]\d)+(?![\d.])")  # "2 0 2 5", "1 2": OCR / PDF spacing
_SPACE_BY_MARK_RE = re.compile(r"(?<=\d)[ \u3000]+(?=[%％‰∶:])|(?<=\d[∶:])[ \u3000]+(?=\d)"
                               r"|[ \u3000]+(?=[，。；：、！？）》”])|(?<=[，。；：、！？（《“])[ \u3000]+")  # "发展 ， 提升"


def matching_form(text: str) -> str:
    """Text as matching and number reading see it, the digit-spacing noise of PDF/OCR exports removed ("2 0 2 5 年"
    -> "2025 年", "1 2 %左右" -> "12%左右", "2 0 ∶4 5" -> "20∶45", "发展 ， 提升" -> "发展，提升"). Citations keep the text as written; only
    comparisons use this form. A text without such noise comes back unchanged. (Spaces between Chinese characters
    are left: jieba splits at them, and joining them would re-rank the plans already indexed.)"""
    if " " not in text and "\u3000" not in text:
        return text
    return _SPACE_BY_MARK_RE.sub("", join_spaced_digits(text))


def join_spaced_digits(text: str) -> str:
    """Only the digits an OCR/PDF export spaced apart joined ("2 0 2 5 年" -> "2025 年"): what search tokens use
    (spaces before a % or a comma are left, so an indexed plan's tokens do not move)."""
    if " " not in text and "\u3000" not in text:
        return text
    return _SPACED_DIGITS_RE.sub(lambda m: re.sub(r"[ \u3000]", "", m.group(0)), text)


def numbers_in(text: str) -> tuple[str, ...]:
    """Numeric strings (ASCII digits after full-width folding, spacing noise removed), in order."""
    return tuple(m.group(0) for m in NUMBER_RE.finditer(to_halfwidth(matching_form(text))))
