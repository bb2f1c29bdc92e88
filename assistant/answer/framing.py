"""What staff type around a question: who asks, why, how urgently, thanks, voice fillers and chat formatting. Pure.

A clause at either end made only of frame words (lexicon roles frame_said, frame_context, frame_person,
frame_glue) says nothing the plans answer and is dropped; so is a run of said words at either end typed with no
pause (嗯那个我想问下…谢谢啊), and a clause of fillers alone anywhere. What a clause is made of decides, not a list of
whole phrases: a clause naming anything else (a topic, a place, a plan, a year, a figure) is the question."""

from __future__ import annotations

import re

from assistant.text.patterns import (
    CHAT_LABEL_RE,
    CHAT_TAG_RE,
    CLAUSE_BREAK_RE,
    EMOJI_RE,
    REPEATED_MARK_RE,
    WHOLE_QUOTE_RE,
)

from .lexicon import lexicon

LEX = lexicon()
SAID, CONTEXT, PERSON, GLUE = "said", "context", "person", "glue"
_ROLES = ((SAID, LEX.regex("frame_said")), (CONTEXT, LEX.regex("frame_context")),
          (PERSON, LEX.regex("frame_person")), (GLUE, LEX.regex("frame_glue")))
_PAUSE_RE = LEX.regex("frame_pause")  # 啊 after a lead typed with no pause (我问一下啊…)
_FILLER_RE = LEX.regex("frame_filler")
_OF_RE = LEX.regex("of")  # 群众反映的问题: a run before 的 qualifies what is asked, it does not lead into it
_CLAIM_RE = LEX.regex("claim_lead")  # 帮忙核实一下：… states a claim to check: claims.py reads it
# … unless what follows asks a figure (核实一下，到2025年建多少座？): a claim states its figure, it does not ask one
_FIGURE_ASK_RE = re.compile(f"{LEX.pattern('how_much')}|{LEX.pattern('ask_how_many')}")
_TAIL_PARTICLE_RE = re.compile(f"(?:{LEX.pattern('frame_particle')})+(?=[？?！!。～~\\s]*$)")
_ASK_PARTICLE_RE = re.compile(f"(?:{LEX.pattern('frame_ask_particle')})(?=[？?！!。～~\\s]*$)")
_CLOSING_RE = re.compile(r"[？?！!。～~\s]*$")
_ASKS_MARK = "？?"
_EDGE = 40  # a frame is short: no clause or run longer than this is read as one (a pasted page is not)


def frame_words(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int]]:
    """The frame words text[start:end] opens with, each (role, end), read greedily longest first; stops at the first
    character no frame word starts. Linear: one look per word, no backtracking over overlapping words."""
    end = len(text) if end is None else end
    out, pos = [], start
    while pos < end:
        best = max(((m.end(), role) for role, rx in _ROLES if (m := rx.match(text, pos, end)) and m.end() > pos),
                   default=None)
        if best is None:
            break
        out.append((best[1], best[0]))
        pos = best[0]
    return out


def without_frame(text: str) -> str:
    """The question without the frame around it; the text as it is when nothing else would be left."""
    text = REPEATED_MARK_RE.sub(r"\1", EMOJI_RE.sub("", text)).strip()
    text = CHAT_TAG_RE.sub(lambda m: (m.group(1) or m.group(2)) + "，", CHAT_LABEL_RE.sub("", text), count=1)
    out = _without_fillers(_without_tail(_without_lead(text)))
    out = _without_tail_particles(out)
    quoted = WHOLE_QUOTE_RE.match(out)
    if quoted:
        out = quoted.group(1) + quoted.group(2)
    return out if _has_content(out) else text


def frame_only(clause: str, rest: str = "") -> bool:
    """A clause made only of frame words that says something (who asks and why, not a bare 企业); one leading into
    a claim to check (帮忙核实一下：…) only when the rest asks a figure rather than states one."""
    if not 0 < len(clause) <= _EDGE or (_CLAIM_RE.search(clause) and not _FIGURE_ASK_RE.search(rest)):
        return False
    words = frame_words(clause)
    return bool(words) and words[-1][1] == len(clause) and any(r in (SAID, CONTEXT) for r, _ in words)


def _has_content(text: str) -> bool:
    return any(c and not frame_only(c) for c in CLAUSE_BREAK_RE.split(text))


def _lead_run(text: str) -> int:
    """Where a run of said words (with persons and glue) opening the text with no pause ends; 0 when none does."""
    cut, words = 0, frame_words(text, 0, min(len(text), _EDGE))
    if words and words[-1][1] >= _EDGE:  # frame words as far as a frame reaches: a page of them, no frame
        return 0
    for role, end in words:
        if role == SAID:
            cut = end
    if cut and (pause := _PAUSE_RE.match(text, cut)):
        cut = pause.end()
    return 0 if _OF_RE.match(text, cut) else cut


def _tail_run(text: str) -> int:
    """Where a run of said words and glue closing the text (…谢谢啊, …就是这个) starts; len(text) when none."""
    end = _CLOSING_RE.search(text).start()
    for start in range(max(0, end - _EDGE), end):
        words = frame_words(text, start, end)
        if words and words[0][0] == SAID and words[-1][1] == end and all(r in (SAID, GLUE) for r, _ in words):
            return start if end - start < _EDGE else len(text)
    return len(text)


def _without_lead(text: str) -> str:
    full = len(text)
    while full - len(text) <= _EDGE:  # a frame is short: a page of 问问问 is not one
        m = CLAUSE_BREAK_RE.search(text)
        rest = text[m.end():] if m is not None else ""
        if m is not None and m.start() > 0 and frame_only(text[:m.start()], rest) and _has_content(rest):
            text = text[m.end():]
            continue
        cut = _lead_run(text)
        if cut and _has_content(text[cut:]) and not (_CLAIM_RE.match(text) and not _FIGURE_ASK_RE.search(text[cut:])):
            text = text[cut:].lstrip("，,：:。！! ")
            continue
        break
    return text


def _without_tail(text: str) -> str:
    full = len(text)
    while full - len(text) <= _EDGE:
        breaks = [m for m in CLAUSE_BREAK_RE.finditer(text) if m.start() > 0]
        closing = breaks.pop() if breaks and breaks[-1].end() == len(text) else None  # the text's own marks
        last = breaks[-1] if breaks else None
        end = closing.start() if closing else len(text)
        if last is not None and frame_only(text[last.end():end]) and _has_content(text[:last.start()]):
            text = text[:last.start()] + _asks(text[last.start():])
            continue
        start = _tail_run(text)
        if start < len(text) and _has_content(text[:start]):
            text = text[:start].rstrip("，,：: ") + _asks(text[start:])
            continue
        break
    return text


def _asks(cut: str) -> str:
    """The question mark a cut tail held, kept (…多少？\\n谢谢 -> …多少？)."""
    return "？" if any(c in _ASKS_MARK for c in cut) else ""


def _without_fillers(text: str) -> str:
    """Clauses of fillers alone between others (…，嗯，…) dropped, with the marks after them."""
    parts = re.split(f"({CLAUSE_BREAK_RE.pattern})", text)  # clause, marks, clause, marks, …
    kept, skip = [], False
    for i, part in enumerate(parts):
        if skip:
            skip = False
            continue
        if i % 2 == 0 and i > 0 and part and _fillers_only(part) and i + 1 < len(parts):
            skip = True
            continue
        kept.append(part)
    out = "".join(kept)
    return out if _has_content(out) else text


def _fillers_only(clause: str) -> bool:
    if len(clause) > _EDGE:
        return False
    pos = 0
    while pos < len(clause):
        m = _FILLER_RE.match(clause, pos)
        if m is None or m.end() == pos:
            return False
        pos = m.end()
    return True


def _without_tail_particles(text: str) -> str:
    head, tail = text[:-_EDGE], text[-_EDGE:]
    tail = _TAIL_PARTICLE_RE.sub("", tail)
    m = _ASK_PARTICLE_RE.search(tail)
    asked = CLAUSE_BREAK_RE.split(tail[:m.start()])[-1] if m is not None else ""
    if m is not None and _FIGURE_ASK_RE.search(asked):
        tail = tail[:m.start()] + tail[m.end():]
    out = head + tail.rstrip("～~ ")
    return out if _has_content(out) else text
