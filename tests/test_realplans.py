"""The eight real plans (eval/realplans/corpus): titles, metadata, outline against golden expectations typed blind
from the sources (tests/data/expected/realplans/structure), no table of contents in the outline, no chrome line in
any chunk, nothing lost. Slow: real files at scale."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import accounted_lines

from assistant.index.chunk import ChunkSettings, document_chunks
from assistant.ingest.forms import clean
from assistant.ingest.loader import load_documents

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "eval" / "realplans" / "corpus"
EXPECTED = ROOT / "tests" / "data" / "expected" / "realplans" / "structure"
FILES = sorted(p.name for p in CORPUS.glob("*.txt"))
# known differences at the deadline: file -> reason (the test is xfail for them, and reports what differs)
OUTLINE_XFAIL: dict[str, str] = {}


def norm(text: str | None) -> str | None:
    """Whitespace and markup normalisation only."""
    return None if text is None else re.sub(r"[\s*#_`]", "", text)


def tree(doc, depth: int | None) -> list:
    """The outline as nested [heading, children] lists, without the title, the 文首 text and table leaves."""
    kids: dict[str | None, list] = {}
    for s in doc.sections:
        if s.kind in ("title", "front", "table"):
            continue
        kids.setdefault(s.parent_id, []).append(s)

    def build(parent, level):
        if depth is not None and level > depth:
            return []
        return [[norm(s.path[-1]), build(s.id, level + 1)] for s in kids.get(parent, [])]

    return build(None, 1)


def expected_tree(nodes: list, depth: int | None, level: int = 1) -> list:
    if depth is not None and level > depth:
        return []
    return [[norm(n["heading"]), expected_tree(n.get("children", []), depth, level + 1)] for n in nodes]


@pytest.fixture(scope="module")
def parsed():
    return {name: load_documents(CORPUS / name) for name in FILES}


def test_every_real_plan_has_an_expectation():
    assert sorted(p.stem for p in EXPECTED.glob("*.json")) == [Path(f).stem for f in FILES]


@pytest.mark.parametrize("name", FILES)
def test_title_and_metadata(parsed, name):
    exp = json.loads((EXPECTED / f"{Path(name).stem}.json").read_text(encoding="utf-8"))
    docs = parsed[name]
    assert [norm(d.meta.title) for d in docs] == [norm(e["title"]) for e in exp["documents"]]
    for d, e in zip(docs, exp["documents"], strict=True):
        got = (norm(d.meta.issuer), norm(d.meta.doc_number), norm(d.meta.date))
        assert got == (norm(e["issuer"]), norm(e["doc_number"]), norm(e["date"])), d.doc_id


@pytest.mark.parametrize("name", FILES)
def test_outline_matches_the_golden_expectation(parsed, name, request):
    if name in OUTLINE_XFAIL:
        request.applymarker(pytest.mark.xfail(reason=OUTLINE_XFAIL[name], strict=False))
    exp = json.loads((EXPECTED / f"{Path(name).stem}.json").read_text(encoding="utf-8"))
    depth = None if exp.get("depth") == "full" else 2
    for d, e in zip(parsed[name], exp["documents"], strict=True):
        assert tree(d, 2) == expected_tree(e["outline"], 2), d.doc_id
        if depth is None:
            assert tree(d, None) == expected_tree(e["outline"], None), d.doc_id


@pytest.mark.parametrize("name", FILES)
def test_no_contents_entry_or_chrome_is_plan_text(parsed, name):
    docs = parsed[name]
    for d in docs:
        heads = [s.path[-1] for s in d.sections if s.kind not in ("title", "front", "table")]
        assert not any(re.search(r"(?:\.{3,}|…{2,}|\s\.\.\.\s)\s*\d+$", h) for h in heads), d.doc_id
        assert len(set(heads)) >= len(heads) - sum(1 for s in d.sections if s.kind == "box"), d.doc_id
        chrome = [c for p in d.chrome if len(c := clean(p.text)) > 4]  # not a lone page number
        for c in document_chunks(d, ChunkSettings()):
            for line in chrome:
                assert line not in c.text, (c.id, line)


@pytest.mark.parametrize("name", FILES)
def test_nothing_lost(parsed, name):
    """Every non-blank line of the file is plan text, a heading, a table cell, the title, a contents line, a
    repeat of a kept paragraph, or chrome kept as metadata."""
    text_lines = (CORPUS / name).read_text(encoding="utf-8").split("\n")
    missing = accounted_lines(parsed[name], text_lines)
    assert not missing, missing[:5]


def _tables_expected() -> list[tuple[str, dict]]:
    out = []
    for name in FILES:
        spec = json.loads((EXPECTED / name.replace(".txt", ".json")).read_text(encoding="utf-8"))
        if spec.get("depth") == "full":
            out += [(name, t) for d in spec["documents"] for t in d.get("tables", [])]
    return out


@pytest.mark.parametrize("name,want", _tables_expected(), ids=lambda v: v if isinstance(v, str) else v.get("number"))
def test_every_table_row_matches_the_golden_expectation(parsed, name, want):
    """Every table of the plans typed in full: caption number, columns (a merged header joined with "/"), every
    row's cells, its group and kind, the heading it sits under; a caption with no table is no table."""
    tables = [t for d in parsed[name] for t in d.tables if norm(t.number or "") == norm(want["number"] or "")]
    if want.get("missing"):
        assert not tables, f"{want['number']} has no table in the file, yet one was read"
        return
    assert len(tables) == 1, f"{want['number']}: {len(tables)} tables read"
    got = tables[0]
    assert [norm(c) for c in got.columns] == [norm(c) for c in want["columns"]]
    assert norm(" › ".join(got.heading_path)) == norm(want["heading"])
    rows = [({norm(k): norm(v) for k, v in dict(r.cells).items()}, r.group, r.kind) for r in got.records]
    expected = [({norm(k): norm(v) for k, v in r["cells"].items()}, r["group"], r["kind"]) for r in want["rows"]]
    assert rows == expected


def test_no_chrome_line_is_ever_quoted_in_an_answer(tmp_path):
    """Every realdev question (and a question aimed at each plan's chrome words) answered over the eight real plans
    (fake embedder): no page-chrome or repost-boilerplate line, kept aside as metadata, appears in an answer, a
    citation or a passage offered after a refusal."""
    from conftest import hashing_settings

    from assistant.evaluation.gold import load_gold
    from assistant.index.embed import HashingEmbedder
    from assistant.pipeline import Assistant

    settings = hashing_settings(tmp_path, CORPUS)
    a = Assistant.open(settings, embedder=HashingEmbedder())
    chrome = {norm(p.text) for d in a.documents for p in d.chrome if len(norm(p.text)) >= 6}
    assert chrome, "the real plans carry chrome lines"
    questions = [(it.question, [{"question": t.question, "answer": t.answer} for t in it.history])
                 for it in load_gold(ROOT / "eval" / "gold" / "realdev.jsonl")]
    questions += [(f"{w}是什么", []) for w in ("原文链接", "法宝引证码", "发布时间", "信息来源", "免责声明", "字体大中小")]
    for question, history in questions:
        ans = a.ask(question, history=history)
        shown = norm(ans.answer + "".join(c.text for c in (*ans.citations, *ans.related)))
        leaked = [c for c in chrome if c in shown]
        assert not leaked, (question, leaked[:2])
