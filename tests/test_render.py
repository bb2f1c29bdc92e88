"""Rendering parts into an answer: every quoted line carries its own passage's marker, and lines left out (a
plan's citations used up, the length limit) are said to be left out, never dropped silently. Pure."""

from __future__ import annotations

from assistant.answer.render import MAX_CITES_PER_DOC, MORE, render
from assistant.answer.structured import Evidence, Part
from assistant.answer.understand import Question
from assistant.types import DocMeta, Document

DOCS = {d: Document(DocMeta(d, f"{d}规划"), f"{d}.txt", "0", (), (), (), ()) for d in ("a", "b")}
Q = Question("有哪些？", "有哪些？", (), (), "open", (), frozenset(), False, False)


def _part(pairs: list[tuple[str, str]]) -> Part:
    """One line per passage: (plan, text)."""
    return Part(lines=[text for _, text in pairs], evidence=[Evidence(d, ("一、任务",), text) for d, text in pairs])


def test_each_line_keeps_its_own_passage_marker_when_a_plans_citations_run_out():
    pairs = [("a", f"甲规划第{i}条任务。") for i in range(1, MAX_CITES_PER_DOC + 2)] + [("b", "乙规划的任务。")]
    ans = render(Q, [_part(pairs)], DOCS, False)
    cited = {c.n: c.text for c in ans.citations}
    for line in ans.answer.split("\n")[:-1]:
        text, _, mark = line.rpartition(" [")
        assert cited[int(mark.rstrip("]"))] == text  # the marker points at the passage the line quotes
    assert "乙规划的任务。" in ans.answer and f"甲规划第{MAX_CITES_PER_DOC + 1}条任务。" not in ans.answer
    assert ans.answer.endswith(MORE)


def test_a_body_cut_at_the_length_limit_says_so():
    pairs = [("a", "很长的任务说明，" * 12 + f"第{i}项。") for i in range(1, 4)]
    ans = render(Q, [_part(pairs)], DOCS, False)
    assert ans.answer.endswith(MORE) and "第3项" not in ans.answer


def test_a_complete_answer_has_no_note():
    ans = render(Q, [_part([("a", "甲规划的任务。"), ("b", "乙规划的任务。")])], DOCS, False)
    assert MORE not in ans.answer
