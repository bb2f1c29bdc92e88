"""Several asks about one task in one message: each asked year of a task's staged aims. Fast: hand-written plan."""

from assistant.answer.numeric import goal_answer
from assistant.answer.understand import understand
from assistant.ingest.parser import parse
from assistant.types import DocMeta, RawDocument, SourceLine

STAGED_PLAN = """某县“十五五”水利发展规划（2026-2030年）
一、主要任务
（一）推进河道巡查
健全县、乡两级巡查体系。到2027年底，完成70%以上重点河段巡查建档；到2030年底，实现重点河段巡查建档全覆盖。
（二）提升灌溉能力
到2027年底，新建高效节水灌溉面积2万亩。
"""


def _plan():
    raw = RawDocument("w.txt", "txt", tuple(SourceLine(i, t) for i, t in enumerate(STAGED_PLAN.split("\n"), 1)))
    return parse(raw, DocMeta("w", "某县“十五五”水利发展规划（2026-2030年）"))


def test_a_staged_task_asked_for_two_years_is_answered_for_each():
    doc = _plan()
    q = understand("河段巡查建档到2027年底要完成多少，2030年呢", [], [doc.meta], lambda t: [(t, "x")])
    ans = goal_answer(q, {"w": doc}, ("w",), ["河段", "巡查", "建档"])
    assert "70%" in ans.answer and "全覆盖" in ans.answer


def test_one_year_asked_still_gives_one_goal_per_plan():
    doc = _plan()
    q = understand("河段巡查建档到2027年底要完成多少", [], [doc.meta], lambda t: [(t, "x")])
    ans = goal_answer(q, {"w": doc}, ("w",), ["河段", "巡查", "建档"])
    assert "70%" in ans.answer and "全覆盖" not in ans.answer
