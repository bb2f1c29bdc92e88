"""Line-level text rules: export debris, whitespace, and the heading forms of Chinese plans. Pure.

Heading forms and their canonical order (an outer form ranks lower):
篇 < 章 (前言 sits beside 章) < 节 < 一、 < （一） < 1. < （1） < ①
A document uses only some of them; nesting follows this order, so a form a
document skips costs no level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text.numbers import cn_to_int, to_halfwidth
from assistant.text.patterns import (  # noqa: F401  (line forms, defined once there; re-exported for ingest)
    ANNEX_RE,
    BOX_LINE_RE,
    CHAPTER_LINE_RE,
    CN,
    DATE_LINE_RE,
    DOC_NUMBER_RE,
    FIVE_YEAR_PLAN_RE,
    GLUED_HEADING_RE,
    IMAGE_LINE_RE,
    NOTE_RE,
    PAGE_DEBRIS_RE,
    PREFACE_LINE_RE,
    PREFACE_RUN_IN_RE,
    SENTENCE_END,
    TABLE_NUMBER_RE,
    TABLE_TITLE_RE,
    UNNUMBERED_BOX_LINE_RE,
    YEAR_RANGE_LINE_RE,
    YEAR_SPAN_RE,
)

DEBRIS_RE = re.compile(r"\[bookmark:[^\]]*\]|\{#_Toc\w*\}|\[_Toc\w*\]")
_WS_RE = re.compile(r"[ \t\u3000\u00a0\u2002\u2003\u2009]+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff\u00ad"), None)

RANKS = {"pian": 0, "zhang": 1, "preface": 1, "jie": 2, "decimal1": 2.2, "decimal2": 2.4, "decimal3": 2.6,
         "decimal4": 2.8, "cn_num": 3, "paren_cn": 4, "arabic": 5, "paren_arabic": 6, "circled": 7}
MAX_TITLE = 40

_ENUM_RES = (
    ("cn_num", re.compile(rf"^({CN}+[、．.](?![\d.．]))\s*(.+)$")),  # 二． / 二. : an OCR tool's reading of 二、
    ("paren_cn", re.compile(rf"^([（(]{CN}+[）)])\s*(.+)$")),
    ("paren_arabic", re.compile(r"^([（(]\d{1,2}[）)])\s*(.+)$")),
    ("circled", re.compile(r"^([\u2460-\u2473])\s*(.+)$")),
    ("arabic", re.compile(r"^(\d{1,2}[\.．、](?!\d))\s*(.+)$")),
)

# ---- front matter, page debris and table-of-contents lines (structural shapes; the words are in lexicon.toml)
# a web page's breadcrumb trail: three or more short steps joined by > (首页 > 政务公开 > 规划计划)
BREADCRUMB_RE = re.compile(r"^[^，。；]{0,12}?(?:[^\s>›»＞，。；]{1,16}\s*[>›»＞]\s*){2,}[^\s>›»＞，。；]{1,16}$")
# a web page's navigation bar: four or more short links set apart by | (首页 | 政务公开 | 政务服务 | 互动交流)
NAV_BAR_RE = re.compile(r"^[^\s|｜，。；]{2,10}(?:\s*[|｜]\s*[^\s|｜，。；]{2,10}){3,}$")
# a metadata field's label alone on its line, its value on the next (索引号： / 发布机构：)
FIELD_LABEL_RE = re.compile(r"^[\u4e00-\u9fff]{2,6}\s*[:：]$")
# a line of metadata fields, "label：value" set apart by tabs or wide gaps; a label may be letter-spaced
# (发文日期：2022年01月14日⇥主题分类：文化、旅游 / 标    题：…的通知)
_FIELD = r"[\u4e00-\u9fff](?:[ \u3000]{0,4}[\u4e00-\u9fff]){1,5}[ \u3000]*[:：][ \u3000]*[^\t]{1,60}?"
FIELD_ROW_RE = re.compile(rf"^{_FIELD}(?:(?:\t|[ \u3000]{{2,}}){_FIELD})*$")
TOC_LEADER_RE = re.compile(r"\s*(?:[.．·…⋯]{2,}|\s\.{3}\s|[.．·…⋯]\s*$)?\s*\d{1,3}$")
DECIMAL_RE = re.compile(r"^(\d{1,2}(?:[.．]\d{1,2}){1,4})(?![.．\d%％])\s*([\u4e00-\u9fff“《（(].*)$")


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


_SPACED_TITLE_RE = re.compile(r"^([^\s，。；：、,;:]{4,20}) ([^\s，。；：、,;:].{7,})$")
# what follows a space is the title's own last characters when a sentence end comes one or two characters on
# ("坚持党的全面领 导。…": a stray space an OCR tool put inside the title)
_STRAY_SPACE_RE = re.compile(r"^[^\s，。；：、,;:]{1,2}[。：:]")


def _split_title(text: str) -> tuple[str, str, str] | None:
    """Split '开放平台体系更加健全。自贸…' into (title, source part, rest). None when no short title.
    A PDF export may set the title off by a space only ("指导思想 以习近平……"); a lead ending in ：
    ("控制总量：根据需求预测……") is a title too."""
    m = _SPACED_TITLE_RE.match(text)
    if m and not _STRAY_SPACE_RE.match(m.group(2)):
        return m.group(1), m.group(1), m.group(2)
    cut = min((i for i in (text.find(c) for c in "。") if i >= 0), default=-1)
    colon = text.find("：")
    body = text[colon + 1:].strip()
    if 2 <= colon <= 20 and (cut < 0 or colon < cut) and not re.search(r"[，、,；]", text[:colon]) \
            and (len(body) > 20 or body[-1:] in SENTENCE_END):  # a body after the colon, not a title's second half
        return text[:colon], text[:colon + 1], body
    if cut < 0:
        if len(text) > MAX_TITLE or text[-1:] in "，；：,;:":
            return None
        return text, text, ""
    title = text[:cut].strip()
    if not title or len(title) > MAX_TITLE:
        return None
    if "，" in title and (not text[cut + 1:].strip() or len(title) > 24):  # a sentence (a list item), not a title
        return None
    return title, text[: cut + 1], text[cut + 1:].strip()


def heading_form(line: str) -> HeadingForm | None:
    """Classify a cleaned line as a heading form, or None for body text."""
    m = CHAPTER_LINE_RE.match(line)
    if m:
        num, unit, title = m.group(1), m.group(2), m.group(3).strip()
        kind = {"篇": "pian", "部分": "pian", "章": "zhang", "节": "jie"}[unit]
        if len(title) > MAX_TITLE or title[-1:] in "。；，":
            return None
        display = f"第{num}{unit} {title}".strip()
        return HeadingForm(kind, num, title, display, line, "")
    if PREFACE_LINE_RE.match(line):
        title = line.replace(" ", "")
        return HeadingForm("preface", None, title, title, line, "")
    m = PREFACE_RUN_IN_RE.match(line)
    if m:
        title = m.group(1).replace(" ", "")
        return HeadingForm("preface", None, title, title, m.group(1), m.group(2))
    m = DECIMAL_RE.match(line)
    if m and len(m.group(2)) <= MAX_TITLE and m.group(2)[-1:] not in "。；，":
        number = m.group(1)
        depth = min(4, len(re.findall(r"[.．]", number)))
        return HeadingForm(f"decimal{depth}", number, m.group(2).strip(), f"{number}{m.group(2).strip()}", line, "")
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


# a numbered item's marker inside a line, where an earlier item's sentence ends: （二） / (2) / ② / 二、
_RUN_IN_MARKS = {
    "paren_cn": rf"[（(]({CN}+)[）)]",
    "paren_arabic": r"[（(](\d{1,2})[）)]",
    "circled": r"([\u2460-\u2473])",
    "cn_num": rf"({CN}+)、",
}


def _mark_value(mark: str) -> int | None:
    if len(mark) == 1 and "\u2460" <= mark <= "\u2473":
        return ord(mark) - 0x2460 + 1
    return cn_to_int(mark)


def run_in_items(line: str) -> list[str]:
    """A line holding several numbered items one after another (“（一）甲。……。（二）乙。……（三）丙。……”, a
    section's items run together when a repost or an export lost their line breaks): one piece per item. Only
    markers of the line's own opening form that count on from its number, each right after a sentence end, cut
    it; anything else is one piece."""
    f = heading_form(line)
    if f is None or f.kind not in _RUN_IN_MARKS or not f.rest or f.number is None:
        return [line]
    want = _mark_value(re.sub(r"[（()）、]", "", f.number))
    if want is None:
        return [line]
    cuts = []
    for m in re.finditer(rf"(?<=[{SENTENCE_END}；])\s*{_RUN_IN_MARKS[f.kind]}", line):
        if _mark_value(m.group(1)) == want + 1:
            cuts.append(m.start())
            want += 1
    pieces = [line[a:b].strip() for a, b in zip([0, *cuts], [*cuts, len(line)], strict=True)]
    return pieces if len(pieces) > 1 and all(heading_form(p) for p in pieces[1:]) else [line]


def box_title(line: str) -> str | None:
    """A 专栏 caption: numbered (专栏3 …), or unnumbered on a short line that ends no sentence."""
    if BOX_LINE_RE.match(line):
        return line
    short = len(line) <= 40 and line.rstrip()[-1:] not in SENTENCE_END
    return line if short and UNNUMBERED_BOX_LINE_RE.match(line) else None


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




def table_number(caption: str) -> tuple[str | None, str]:
    """"表 3-1 “十四五”分区域发展目标" -> ("表3-1", "“十四五”分区域发展目标"); a caption without a number -> (None, it)."""
    m = TABLE_NUMBER_RE.match(caption)
    if not m:
        return None, caption.strip()
    number = m.group(1) + re.sub(r"\s*[－—–]\s*|\s*-\s*", "-", m.group(2)).replace(" ", "")
    return number, caption[m.end():].strip() or caption.strip()


_CN_DIGITS = "一二三四五六七八九"


def plan_period(text: str) -> tuple[int, int] | None:
    """A plan's period from its title: "（2021-2025年）" -> (2021, 2025); "“十四五”" -> (2021, 2025)
    (the sixth five-year plan began in 1981, each later one five years on)."""
    m = YEAR_SPAN_RE.search(to_halfwidth(text))
    if m and int(m.group(1)) < int(m.group(2)):
        return int(m.group(1)), int(m.group(2))
    m = FIVE_YEAR_PLAN_RE.search(text)
    if m:
        n = 10 + _CN_DIGITS.index(m.group(1)) + 1
        start = 1981 + 5 * (n - 6)
        return start, start + 4
    return None


BOX_RE = BOX_LINE_RE  # the name the ingest modules import
