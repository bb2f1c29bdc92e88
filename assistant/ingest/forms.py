"""Line-level text rules: export debris, whitespace, and the heading forms of Chinese plans. Pure.

Heading forms and their canonical order (an outer form ranks lower):
篇 < 章 (前言 sits beside 章) < 节 < 一、 < （一） < 1. < （1） < ①
A document uses only some of them; nesting follows this order, so a form a
document skips costs no level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..numbers import CN_NUMERAL_CHARS, to_halfwidth

DEBRIS_RE = re.compile(r"\[bookmark:[^\]]*\]|\{#_Toc\w*\}|\[_Toc\w*\]")
_WS_RE = re.compile(r"[ \t\u3000\u00a0\u2002\u2003\u2009]+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff\u00ad"), None)

CN = f"[{CN_NUMERAL_CHARS}]"
RANKS = {"pian": 0, "zhang": 1, "preface": 1, "jie": 2, "cn_num": 3, "paren_cn": 4,
         "arabic": 5, "paren_arabic": 6, "circled": 7}
MAX_TITLE = 40

_CHAPTER_RE = re.compile(rf"^第\s*({CN}+|\d+)\s*(部分|[篇章节])(?:\s+|(?=[^\s，。；、]))(.*)$")
_PREFACE_RE = re.compile(r"^(前\s*言|序\s*言|引\s*言|总\s*则|附\s*则|结\s*语)$")
_ENUM_RES = (
    ("cn_num", re.compile(rf"^({CN}+、)\s*(.+)$")),
    ("paren_cn", re.compile(rf"^([（(]{CN}+[）)])\s*(.+)$")),
    ("paren_arabic", re.compile(r"^([（(]\d{1,2}[）)])\s*(.+)$")),
    ("circled", re.compile(r"^([\u2460-\u2473])\s*(.+)$")),
    ("arabic", re.compile(r"^(\d{1,2}[\.．、](?!\d))\s*(.+)$")),
)
BOX_RE = re.compile(r"^专栏\s*\d+(?:\s*[-－—–]\s*\d+)?(?=[\s:：、]|[^\d\s])")
TABLE_TITLE_RE = re.compile(r"^(?:附)?表\s*\d+(?:\s*[-－—–.]\s*\d+)?(?=[\s:：、]|[^\d\s\-－—–.])")
NOTE_RE = re.compile(r"^(?:备注|注|说明|数据来源)\s*\d*\s*[:：]")


def clean(text: str) -> str:
    """Remove Word export debris and invisible characters; collapse whitespace runs. Content is unchanged."""
    text = DEBRIS_RE.sub("", text).translate(_INVISIBLE)
    return _WS_RE.sub(" ", text).strip()


def is_indented(raw: str) -> bool:
    """A line exported from a table cell starts with a tab (after debris)."""
    return DEBRIS_RE.sub("", raw).startswith("\t")


@dataclass(frozen=True)
class HeadingForm:
    kind: str
    number: str | None  # the number as written: "三", "（一）", "1."
    title: str  # text of the heading itself
    display: str  # how the outline shows it
    source: str  # the part of the line that is the heading (with its final 。 if any)
    rest: str  # body text following on the same line ("" if none)

    @property
    def rank(self) -> int:
        return RANKS[self.kind]


def _split_title(text: str) -> tuple[str, str, str] | None:
    """Split '开放平台体系更加健全。自贸…' into (title, source part, rest). None when no short title."""
    cut = min((i for i in (text.find(c) for c in "。") if i >= 0), default=-1)
    if cut < 0:
        if len(text) > MAX_TITLE or text[-1:] in "，；：,;:":
            return None
        return text, text, ""
    title = text[:cut].strip()
    if not title or len(title) > MAX_TITLE:
        return None
    if "，" in title and not text[cut + 1:].strip():  # one whole sentence (a list item), not a title and its body
        return None
    return title, text[: cut + 1], text[cut + 1:].strip()


def heading_form(line: str) -> HeadingForm | None:
    """Classify a cleaned line as a heading form, or None for body text."""
    m = _CHAPTER_RE.match(line)
    if m:
        num, unit, title = m.group(1), m.group(2), m.group(3).strip()
        kind = {"篇": "pian", "部分": "pian", "章": "zhang", "节": "jie"}[unit]
        if len(title) > MAX_TITLE or title[-1:] in "。；，":
            return None
        display = f"第{num}{unit} {title}".strip()
        return HeadingForm(kind, num, title, display, line, "")
    if _PREFACE_RE.match(line):
        title = line.replace(" ", "")
        return HeadingForm("preface", None, title, title, line, "")
    for kind, rx in _ENUM_RES:
        m = rx.match(line)
        if m:
            number, body = m.group(1), m.group(2).strip()
            split = _split_title(body)
            if split is None:
                return None
            title, source, rest = split
            return HeadingForm(kind, number, title, number + title, number + source, rest)
    return None


def box_title(line: str) -> str | None:
    return line if BOX_RE.match(line) else None


def table_title(line: str) -> str | None:
    return line if TABLE_TITLE_RE.match(line) and len(line) <= 60 else None


def is_note(line: str) -> bool:
    return bool(NOTE_RE.match(line))


def lead_sentence(text: str, max_len: int = 30) -> str | None:
    """The short lead sentence opening a paragraph ("强化科技创新平台支撑。…"), used as its topic."""
    dashed = text.lstrip().startswith(("—", "－"))  # "——安全优先，守牢底线。…": a principle's own wording
    body = text.lstrip("—-－ ")
    for sep in ("。", "：", ":"):
        cut = body.find(sep)
        if 2 <= cut <= max_len and cut < len(body) - 1 and ("，" not in body[:cut] or (dashed and cut <= 16)):
            return body[:cut]
    return None


_TABLE_NUMBER_RE = re.compile(r"^((?:附)?表)\s*(\d+(?:\s*[-－—–.]\s*\d+)?)\s*[:：、.．]?\s*")


def table_number(caption: str) -> tuple[str | None, str]:
    """"表 3-1 “十四五”分区域发展目标" -> ("表3-1", "“十四五”分区域发展目标"); a caption without a number -> (None, it)."""
    m = _TABLE_NUMBER_RE.match(caption)
    if not m:
        return None, caption.strip()
    number = m.group(1) + re.sub(r"\s*[－—–]\s*|\s*-\s*", "-", m.group(2)).replace(" ", "")
    return number, caption[m.end():].strip() or caption.strip()


_SPAN_RE = re.compile(r"((?:19|20)\d\d)\s*(?:年)?\s*[-－—–~～至到]\s*((?:19|20)\d\d)\s*年?")
_FYP_RE = re.compile(r"十([一二三四五六七八九])五")
_CN_DIGITS = "一二三四五六七八九"


def plan_period(text: str) -> tuple[int, int] | None:
    """A plan's period from its title: "（2021-2025年）" -> (2021, 2025); "“十四五”" -> (2021, 2025)
    (the sixth five-year plan began in 1981, each later one five years on)."""
    m = _SPAN_RE.search(to_halfwidth(text))
    if m and int(m.group(1)) < int(m.group(2)):
        return int(m.group(1)), int(m.group(2))
    m = _FYP_RE.search(text)
    if m:
        n = 10 + _CN_DIGITS.index(m.group(1)) + 1
        start = 1981 + 5 * (n - 6)
        return start, start + 4
    return None
