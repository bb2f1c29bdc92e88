"""Records to plain JSON-able dicts: the stable output contracts of the CLI and the page. Pure."""

from __future__ import annotations

from .types import Answer, Citation, IndicatorRow, Table


def indicator_to_dict(row: IndicatorRow) -> dict:
    d = {
        "doc_id": row.doc_id, "table": row.table, "seq": row.seq, "category": row.category, "name": row.name,
        "unit": row.unit, "baseline_year": row.baseline_year, "baseline": row.baseline,
        "baseline_raw": row.baseline_raw, "target_year": row.target_year, "target": row.target,
        "target_raw": row.target_raw, "attribute": row.attribute, "cumulative": row.cumulative,
        "heading_path": list(row.heading_path), "note": row.note,
    }
    if row.values:
        d["values"] = [{"year": v.year, "raw": v.raw, "value": v.value, "cumulative": v.cumulative}
                       for v in row.values]
    return d


def indicator_contract(row: IndicatorRow) -> dict:
    """The answer contract's indicator object (a subset of indicator_to_dict)."""
    keys = ("doc_id", "table", "name", "unit", "baseline_year", "baseline", "target_year", "target", "attribute",
            "cumulative")
    full = indicator_to_dict(row)
    return {k: full[k] for k in keys}


def table_to_dict(t: Table) -> dict:
    """The pinned shape of ``assistant tables --json``: one object per table."""
    return {
        "doc_id": t.doc_id, "table_id": f"{t.doc_id}:L{t.line_start}", "number": t.number, "title": t.name or t.title,
        "heading_path": list(t.heading_path), "columns": list(t.columns),
        "rows": [{"cells": dict(r.cells), "values": dict(r.values), "group": r.group, "kind": r.kind}
                 for r in t.records],
        "notes": list(t.notes), "indicator_rows": list(t.indicator_rows),
    }


def citation_to_dict(c: Citation) -> dict:
    return {"n": c.n, "doc_id": c.doc_id, "doc_title": c.doc_title, "heading_path": list(c.heading_path),
            "text": c.text, "score": round(float(c.score), 6)}


def answer_to_dict(a: Answer, qid: object = None) -> dict:
    return {
        "id": qid, "question": a.question, "answer": a.answer, "refused": a.refused,
        "citations": [citation_to_dict(c) for c in a.citations],
        "indicators": [indicator_contract(r) for r in a.indicators],
        # a refusal's closest passages: shown for reference, they do not answer the question
        "related": [citation_to_dict(c) for c in a.related],
        "score": None if a.score is None else round(float(a.score), 6),
        "latency_ms": round(a.latency_ms, 1),
    }


def hit_to_dict(h) -> dict:
    return {"rank": h.rank, "score": round(float(h.score), 6), "scores": {k: round(float(v), 6) for k, v in h.scores.items()},
            "chunk_id": h.chunk.id, "doc_id": h.chunk.doc_id, "kind": h.chunk.kind,
            "heading_path": list(h.chunk.heading_path), "text": h.chunk.text}
