"""From the event stream to the heading tree: missing headings inferred, levels from the forms used. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.text.numbers import cn_to_int
from assistant.text.patterns import NUMERAL_RE

from .forms import RANKS, HeadingForm
from .segment import Event

_CN = "零一二三四五六七八九"


def int_to_cn(n: int) -> str:
    if n < 10:
        return _CN[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN[tens]) + "十" + (_CN[ones] if ones else "")


def _num(ev: Event) -> int | None:
    return cn_to_int(ev.form.number) if ev.form and ev.form.number else None


def _anomalous(ev: Event, rare: bool) -> bool:
    """A body line starting with whitespace where the document's body lines normally do not:
    what a heading lost in export often leaves behind."""
    return rare and ev.kind == "para" and ev.raw[:1] in (" ", "\u3000")


def infer_missing(events: list[Event], kind: str = "zhang") -> tuple[list[Event], list[tuple[int, str]]]:
    """Insert inferred headings where the numbering of ``kind`` headings skips one.

    The inferred chapter starts at the earliest place the evidence allows: a table or box
    numbered for it (表2-1, 专栏2-1), a restart of 节 numbering, and the first body line that
    starts with stray whitespace after the previous chapter's first section.
    """
    paras = [e for e in events if e.kind == "para"]
    rare = sum(1 for e in paras if e.raw[:1] in (" ", "\u3000")) <= max(2, len(paras) // 20)
    heads = [(i, e) for i, e in enumerate(events) if e.kind == "heading" and e.form.kind == kind and _num(e)]
    inserts: list[tuple[int, Event]] = []
    warnings: list[tuple[int, str]] = []
    for (ia, a), (ib, b) in zip(heads, heads[1:], strict=False):
        na, nb = _num(a), _num(b)
        if nb - na != 2:
            if nb - na > 2:
                warnings.append((b.lineno, f"章节编号跳跃 / heading numbers jump from {na} to {nb}"))
            continue
        missing = na + 1
        region = list(range(ia + 1, ib))
        jie = [i for i in region if events[i].kind == "heading" and events[i].form.kind == "jie"]
        start: int | None = None
        for prev, cur in zip(jie, jie[1:], strict=False):  # 节 numbering restarts: the chapter starts there
            if (_num(events[cur]) or 0) <= (_num(events[prev]) or 0):
                start = cur
                break
        evidence = next((i for i in region if events[i].kind in ("table", "box") and events[i].title_number == missing),
                        None)
        if start is None and evidence is not None:
            before = [i for i in jie if i < evidence]
            # the previous chapter keeps two sections where it can; the rest of the run leads to the evidence
            start = before[2] if len(before) >= 3 else (before[-1] if before else evidence)
        if start is None:
            warnings.append((b.lineno, f"缺少第{int_to_cn(missing)}章标题 / chapter {missing} heading appears missing "
                                       f"(between lines {a.lineno} and {b.lineno}); its text stays in the previous chapter"))
            continue
        floor = next((i for i in jie if i < start), ia)  # the previous chapter keeps its first section
        for i in range(floor + 1, start):
            if _anomalous(events[i], rare):
                start = i
                break
        number = int_to_cn(missing) if not a.form.number.isdigit() else str(missing)
        title = "（原文缺标题）"
        form = HeadingForm(kind, number, title, f"第{number}章{title}", "", "")
        inserts.append((start, Event("heading", events[start].lineno, text=form.display, form=form, inferred=True)))
        warnings.append((events[start].lineno,
                         f"推断出缺失的标题 / inferred missing heading 第{number}章 before this line"))
    out = list(events)
    for idx, ev in sorted(inserts, key=lambda x: -x[0]):
        out.insert(idx, ev)
    return out, warnings


@dataclass
class Node:
    kind: str
    title: str
    display: str
    number: str | None
    rank: int
    lineno: int
    source: str = ""
    inferred: bool = False
    paragraphs: list[tuple[int, str]] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    event: Event | None = None
    last_line: int = 0


def _levels_decide(events: list[Event]) -> bool:
    """Whether heading levels the file states (markdown #, Word heading styles) overrule the numbering forms: they
    do where the forms contradict them (``### 3.1`` under ``# 三、`` although 3.1 ranks above 一、 by form)."""
    by_level: dict[int, list[float]] = {}
    for e in events:
        if e.kind == "heading" and e.style_level is not None and e.form.kind not in ("styled", "preface"):
            by_level.setdefault(e.style_level, []).append(RANKS[e.form.kind])
    levels = sorted(by_level)
    return any(max(by_level[a]) >= min(by_level[b]) for i, a in enumerate(levels) for b in levels[i + 1:])


def _first_number(ev: Event) -> int:
    return int(re.split(r"[.．]", ev.form.number)[0])


def _decimal_ranks(events: list[Event]) -> dict[int, float]:
    """Ranks of decimal headings (index -> rank) that sit under the heading their first number names although its
    form ranks at or below theirs: 3.4.2 under 三、 (a decimal N.M belongs to the part numbered N)."""
    out: dict[int, float] = {}
    stack: list[tuple[float, int | None]] = []  # (rank, number) of the numbered headings open
    for k, e in enumerate(events):
        if e.kind != "heading" or e.form.kind in ("styled", "preface"):
            continue
        rank = RANKS[e.form.kind]
        if e.form.kind.startswith("decimal"):
            parent = next((r for r, n in stack if n == _first_number(e)), None)
            if parent is not None and parent >= rank:
                out[k] = parent + 0.1 * int(e.form.kind[-1])
            continue
        while stack and stack[-1][0] >= rank:
            stack.pop()
        m = NUMERAL_RE.search(e.form.number or "")
        stack.append((rank, cn_to_int(m.group(0)) if m else None))
    return out


def _styled_ranks(events: list[Event]) -> dict[int, int]:
    """Rank for unnumbered styled headings (Word/markdown levels), learnt from numbered ones at the same level."""
    seen: dict[int, int] = {}
    for e in events:
        if e.kind == "heading" and e.style_level is not None and e.form.kind != "styled":
            seen.setdefault(e.style_level, RANKS[e.form.kind])
    return seen


def _preface_rank(events: list[Event], decimals: dict[int, float]) -> float:
    """前言 sits beside the plan's top-level headings: 章 in most plans, 一、 in a plan without 篇/章/部分."""
    ranks = [decimals.get(k, RANKS[e.form.kind]) for k, e in enumerate(events)
             if e.kind == "heading" and e.form.kind not in ("styled", "preface")]
    return min(ranks, default=RANKS["preface"])


_LEVEL_BASE = -10  # a stated level's rank when levels decide: above every form, so unstyled headings nest inside


def build_tree(events: list[Event]) -> Node:
    root = Node("root", "", "", None, -1, 0)
    styled = _styled_ranks(events)
    decimals = _decimal_ranks(events)
    preface = _preface_rank(events, decimals)
    by_level = _levels_decide(events)
    stack = [root]
    current = root
    for k, ev in enumerate(events):
        if ev.kind == "blank":
            continue
        if ev.kind == "heading":
            f = ev.form
            rank = RANKS.get(f.kind) if f.kind != "styled" else styled.get(ev.style_level, ev.style_level or 1)
            if f.kind == "preface":  # 前言, 附件N: beside the top-level headings, or at the Word heading level it has
                rank = preface if ev.style_level is None else styled.get(ev.style_level, ev.style_level)
            rank = decimals.get(k, rank)
            if by_level and ev.style_level is not None:
                rank = _LEVEL_BASE + ev.style_level
            while len(stack) > 1 and stack[-1].rank >= rank:
                stack.pop()
            node = Node(f.kind, f.title, f.display, f.number, rank, ev.lineno, f.source, ev.inferred, event=ev,
                        last_line=ev.lineno)
            stack[-1].children.append(node)
            stack.append(node)
            current = node
            if f.rest:
                node.paragraphs.append((ev.lineno, f.rest))
            continue
        if ev.kind == "title":
            root.children.append(Node("title", ev.text, ev.text, None, -1, ev.lineno, ev.text, last_line=ev.lineno))
            continue
        if current is root:  # text before the first heading
            front = Node("front", "（文首）", "（文首）", None, -1, ev.lineno, last_line=ev.lineno)
            root.children.append(front)
            current = front
            stack = [root]
        if ev.kind == "para":
            current.paragraphs.append((ev.lineno, ev.text))
            current.last_line = ev.lineno
        else:  # box or table: a leaf of the current section
            leaf = Node(ev.kind, ev.text, re.sub(r"\s+", " ", ev.text), None, 99, ev.lineno, ev.text, event=ev,
                        last_line=ev.line_end)
            current.children.append(leaf)
    _number_lost(root)
    return root


_NUMBERED = frozenset(RANKS) - {"preface"}  # heading forms that carry a number


def _number_lost(node: Node) -> None:
    """Word heading-styled siblings that lost their numbers in export ("总体要求", "重点任务", "保障措施" in Heading 1,
    numbered （一）… below them) are numbered by their order (一, 二, 三), so the plan's 第二部分 is found; their titles
    stay as written. Only where none of them is numbered and the headings under them are."""
    lost = [c for c in node.children if c.kind == "styled" and c.event is not None and c.event.style_level]
    levels = {c.event.style_level for c in lost}
    below = any(g.kind in _NUMBERED for c in lost for g in c.children)
    numbered = any(c.kind in _NUMBERED and c.event is not None and c.event.style_level in levels for c in node.children)
    if len(lost) >= 2 and len(levels) == 1 and below and not numbered:
        for n, c in enumerate(lost, 1):
            c.number = int_to_cn(n)
    for c in node.children:
        _number_lost(c)
