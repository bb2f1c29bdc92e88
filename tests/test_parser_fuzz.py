"""Property-based fuzzing of the parser: plan-shaped and arbitrary lines never crash it and no text is lost."""

from __future__ import annotations

import re

from conftest import document_texts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.ingest.forms import clean
from assistant.ingest.parser import parse
from assistant.types import DocMeta, RawDocument, SourceLine, SourceTable

CN = "一二三四五六七八九十"
WORDS = st.text(alphabet="发展建设开放平台指标目标推进重点工程高新区渝中外贸进出口总额亿元个家。，；：“”（）-—[]【】", min_size=1,
                max_size=40)


@st.composite
def plan_line(draw) -> str:
    kind = draw(st.sampled_from(["zhang", "jie", "cn", "paren", "arabic", "box", "table", "cell", "blank", "body",
                                 "note", "lead", "raw", "bookmark"]))
    n = draw(st.integers(1, 12))
    cn = CN[(n - 1) % 10]
    w = draw(WORDS)
    return {
        "zhang": f"第{cn}章  {w}", "jie": f"第{cn}节 {w}", "cn": f"{cn}、{w}", "paren": f"（{cn}）{w}",
        "arabic": f"{n}.{w}", "box": f"专栏{n}-{draw(st.integers(1, 5))}  {w}", "table": f"表{n}-1{w}",
        "cell": "\t" + draw(st.sampled_from(["序号", "指标", "单位", "2020年", "2025年", "指标属性", str(n), "[7.5]",
                                             "【20】", ">30", w])),
        "blank": "", "body": w, "note": f"备注：{w}", "lead": f"{w[:8]}。{w}",
        "raw": draw(st.text(max_size=30)), "bookmark": f"[bookmark: _Toc{n}]{w}",
    }[kind]


def _pieces(doc) -> set[str]:
    """Every text the document holds, plus each heading as written joined to its same-line body text."""
    whole = set(document_texts(doc))
    for s in doc.sections:
        whole.add(s.title)
        if s.source:
            whole.add(s.source)
            for p in s.paragraphs:
                whole.add(s.source + p.text)
                whole.add(s.source + " " + p.text)
    return whole


def _covered(line: str, pieces: set[str], raw: str | None = None) -> bool:
    if line in pieces:
        return True
    cells = [c for c in (clean(x) for x in (raw or line).split("\t")) if c]  # a tab-separated row (split the raw
    # line: clean() turns its tabs into spaces)
    return len(cells) > 1 and all(c in pieces for c in cells)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(plan_line(), min_size=1, max_size=60))
def test_parser_never_crashes_and_loses_nothing(lines):
    raw = RawDocument("fuzz.txt", "txt", tuple(SourceLine(i, t) for i, t in enumerate(lines, 1)))
    doc = parse(raw, DocMeta("fuzz", "fuzz"))
    pieces = _pieces(doc)
    kept = re.sub(r"\s+", "", "\n".join(pieces))
    repeats = {p.lineno for p in doc.repeats}  # a repeat of a kept paragraph or heading, kept aside once
    for i, line in enumerate(lines, 1):
        c = clean(line)
        if c and i in repeats:
            assert re.sub(r"\s+", "", c) in kept, f"line {i} set aside as a repeat, but its text is kept nowhere"
        elif c:
            assert _covered(c, pieces, line), f"line {i} lost: {c!r}"
    ids = [s.id for s in doc.sections]
    assert len(ids) == len(set(ids))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.text(max_size=12), min_size=0, max_size=7), min_size=0, max_size=8))
def test_real_tables_of_any_shape_parse(rows):
    raw = RawDocument("t.docx", "docx", (SourceLine(1, "表1 主要指标"),
                                        SourceTable(2, tuple(tuple(r) for r in rows)), SourceLine(3, "正文。")))
    doc = parse(raw, DocMeta("t", "t"))
    assert "正文。" in {p.text for s in doc.sections for p in s.paragraphs}
