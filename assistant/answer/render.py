"""Parts -> Answer: numbered citations (at most 3 per plan), the number guard, length limits, refusals. Pure."""

from __future__ import annotations

import logging

from assistant.types import Answer, Citation, Document

from .guard import unsupported_numbers
from .reasons import EMPTY
from .respective import respective_value
from .structured import (
    Evidence,
    Part,
    escape_md,
)
from .understand import Question

log = logging.getLogger(__name__)


MAX_BODY = 300


MAX_CITES_PER_DOC = 3


def render(question: Question, parts: list[Part], documents: dict[str, Document], refused: bool,
           related: list[Evidence] | None = None, intro: str | None = None, long_ok: bool = False,
           reason: str = "") -> Answer:
    """Number the citations (one per distinct passage, at most 3 per plan), check numbers, build the Answer.
    ``reason``: a refusal's code (assistant/answer/reasons.py); by default the first refused part's."""
    citations: list[Citation] = []
    keyed: dict[tuple[str, str], int] = {}
    per_doc: dict[str, int] = {}
    lines: list[str] = [intro] if intro else []
    rows = []
    omitted = False  # a quoted line left out (its plan's citations used up, or the length limit): said so
    for part in parts:
        rows.extend(part.rows)
        marks: list[int | None] = []  # one per evidence, None where its plan's citations are used up
        for ev in part.evidence:
            key = (ev.doc_id, ev.text)
            if key not in keyed:
                if per_doc.get(ev.doc_id, 0) >= MAX_CITES_PER_DOC:
                    marks.append(None)
                    continue
                per_doc[ev.doc_id] = per_doc.get(ev.doc_id, 0) + 1
                n = len(citations) + 1
                keyed[key] = n
                meta = documents[ev.doc_id].meta
                citations.append(Citation(n, ev.doc_id, meta.title, ev.heading_path, ev.text, ev.score, ev.highlight,
                                          meta.reference()))
            marks.append(keyed[key])
        cited = [m for m in dict.fromkeys(marks) if m is not None]
        if not part.lines:
            continue
        if len(part.lines) == len(part.evidence) and not part.rows:  # one sentence per passage: its own marker
            for line, m in zip(part.lines, marks, strict=True):
                if m is None:  # never a line under another passage's marker
                    omitted = True
                    continue
                lines.append(f"{_aligned(line, question)} [{m}]")
        elif part.lines[0].startswith("|"):  # a markdown table: markers go below it, not into its header
            table = [ln for ln in part.lines if ln.startswith("|")]
            rest = [ln for ln in part.lines if not ln.startswith("|")]
            lines.extend([*table, "", "来源 " + "".join(f"[{m}]" for m in cited), *rest])
        else:
            first = part.lines[0] + "".join(f" [{m}]" for m in cited)
            lines.extend([first, *part.lines[1:]])
    body = "\n".join(lines).strip()
    # a cited passage is its text, where it sits (heading path) and its plan: the independent check agrees
    sources = [f"{c.text}\n{' '.join(c.heading_path)}\n{c.doc_title}" for c in citations]
    bad = unsupported_numbers(body, sources, question.text + " " + question.resolved)
    if bad:  # never state a number that is not in a cited source: drop the lines that carry one
        log.warning("number guard removed lines with %s", bad)
        kept = [ln for ln in body.split("\n") if not unsupported_numbers(ln, sources, question.resolved)]
        body = "\n".join(kept).strip()
    if not long_ok and len(body) > MAX_BODY and not body.startswith("|"):
        short = _shorten(body)
        omitted = omitted or short != body
        body = short
    if omitted and body and not refused:
        body = f"{body}\n{MORE}"
    rel = tuple(Citation(i, e.doc_id, documents[e.doc_id].meta.title, e.heading_path, e.text, e.score,
                         doc_ref=documents[e.doc_id].meta.reference()) for i, e in enumerate(related or [], 1))
    if not body:
        refused, reason = True, reason or EMPTY
        body = "所收录的规划中没有找到能回答这个问题的内容。"
    if refused and not reason:
        reason = next((p.reason for p in parts if p.refused and p.reason), EMPTY)
    return Answer(question.text, body, refused, tuple(citations), tuple(rows), rel, question.intent,
                  question.docs, reason=reason if refused else "")


def _aligned(line: str, question: Question) -> str:
    """A number asked of one item of a list a quoted sentence gives respectively (A、B、C分别达到x、y、z): the
    item's value stated first, after the line's plan label (**某省**：)."""
    got = respective_value(line, question.resolved) if question.intent == "indicator" else None
    if got is None:
        return line
    at = line.find(_LABEL_END) + len(_LABEL_END) if line.startswith("**") and _LABEL_END in line else 0
    return f"{line[:at]}{escape_md(got.item)}：{escape_md(got.value)}。{line[at:]}"


_LABEL_END = "**："


MORE = "（其余内容从略，完整内容见所引原文。）"  # said where quoted lines were left out, never silently


def _shorten(body: str) -> str:
    out, used = [], 0
    for line in body.split("\n"):
        if used + len(line) > MAX_BODY and out:
            break
        out.append(line)
        used += len(line)
    return "\n".join(out)


def refuse(q: Question, documents: dict[str, Document], message: str, related: list[Evidence],
           reason: str) -> Answer:
    """A refusal saying ``message``, showing ``related`` as the closest passages; ``reason``: its code."""
    return render(q, [], documents, True, related, intro=message, reason=reason)
