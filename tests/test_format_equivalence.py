"""A .docx and a .pdf built from each bundled plan parse to the same outline, indicator rows and projects
as the text export."""

from __future__ import annotations

from pathlib import Path

import pytest
from docgen import plan_to_docx, plan_to_pdf

from assistant.ingest import load_document
from assistant.ingest.outline import render_outline
from assistant.serialize import indicator_to_dict
from assistant.types import DocMeta

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
PLANS = ["gaoxin_open_highland_14th_fyp.txt", "yuzhong_open_highland_14th_fyp.txt"]
ROW_FIELDS = ("seq", "category", "name", "unit", "baseline_year", "baseline_raw", "baseline", "target_year",
              "target_raw", "target", "attribute", "cumulative", "heading_path", "note")


def _summary(path: Path):
    doc = load_document(path, meta=DocMeta("x", "x"))
    rows = [{k: indicator_to_dict(r)[k] for k in ROW_FIELDS} for r in doc.indicators]
    projects = [(p.box, p.name) for p in doc.projects]
    return render_outline(doc), rows, projects


@pytest.fixture(scope="module", params=PLANS)
def plan(request, tmp_path_factory):
    src = CORPUS / request.param
    text = src.read_text(encoding="utf-8")
    out = tmp_path_factory.mktemp("fmt")
    return src, text, out


@pytest.mark.parametrize("autonumber", [False, True])
def test_docx_matches_text(plan, autonumber):
    src, text, out = plan
    docx = plan_to_docx(text, out / f"plan-{autonumber}.docx", autonumber=autonumber)
    assert _summary(docx) == _summary(src)


def test_pdf_matches_text(plan):
    src, text, out = plan
    pdf = plan_to_pdf(text, out / "plan.pdf", box_as_table=True)
    outline, rows, projects = _summary(pdf)
    want_outline, want_rows, want_projects = _summary(src)
    assert outline == want_outline
    assert rows == want_rows
    assert projects == want_projects
