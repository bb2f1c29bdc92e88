"""What the indicator and outline tabs show, from the Documents: table rows, cross-plan pairs, chart bars,
dropdown choices. Pure (similar_pairs keeps one cached result per documents tuple)."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.answer.indicators import name_score
from assistant.answer.lexicon import lexicon

INDICATOR_COLUMNS = ["规划", "表", "序号", "类别", "指标", "单位", "基期年", "基期值", "目标年", "目标值", "属性", "累计"]
PAIR_COLUMNS = ["相似度", "规划A", "指标A", "单位A", "基期A", "目标A", "规划B", "指标B", "单位B", "基期B", "目标B"]
_COUNT_UNITS = frozenset(lexicon().words("count_unit"))  # 家 and 个 count the same things: comparable units


def short_name(doc) -> str:
    return doc.meta.short_names[0] if doc.meta.short_names else doc.meta.title


def row_label(row) -> str:
    unit = f"（{row.unit}）" if row.unit else ""
    return f"{row.name}{unit}{'（累计）' if row.cumulative else ''}"


def _cells(doc, r) -> list[str]:
    return [short_name(doc), r.table, r.seq or "", r.category or "", r.name, r.unit or "", r.baseline_year or "",
            r.baseline_raw or "", r.target_year or "", r.target_raw or "", r.attribute or "",
            "累计" if r.cumulative else ""]


def _plan_rows(documents, doc_id: str | None):
    """(document, row key "doc_id#i", row) for every indicator row of the chosen plan (or all), in plan order."""
    for d in documents:
        if not doc_id or d.doc_id == doc_id:
            for i, r in enumerate(d.indicators):
                yield d, f"{d.doc_id}#{i}", r


def indicator_rows(documents, doc_id: str | None, text: str) -> list[tuple[str, list[str]]]:
    """(row key, table cells) of the rows that pass the plan and text filters, in plan order."""
    text = (text or "").strip().lower()
    rows = ((key, _cells(d, r)) for d, key, r in _plan_rows(documents, doc_id))
    return [(key, cells) for key, cells in rows if not text or any(text in c.lower() for c in cells)]


def indicator_table(documents, doc_id: str | None, text: str) -> list[list[str]]:
    return [cells for _, cells in indicator_rows(documents, doc_id, text)]


def _units_compatible(a: str | None, b: str | None) -> bool:
    a, b = (a or "").strip(), (b or "").strip()
    return a == b or (a in _COUNT_UNITS and b in _COUNT_UNITS)


_pairs_cache: list = [None, []]  # [documents tuple, pairs]: the tuple is replaced when an upload refreshes


def similar_pairs(documents, min_score: float = 0.5) -> list[tuple]:
    """Rows of different plans measuring the same thing: name similarity (both directions) with compatible units,
    matched one-to-one, best first."""
    cached_docs, cached = _pairs_cache
    if cached_docs is documents:
        return cached
    pairs = []
    for i, a in enumerate(documents):
        rows_a = a.indicators
        for b in documents[i + 1:]:
            rows_b = b.indicators
            cand = sorted(((max(name_score(ra.name, rb.name), name_score(rb.name, ra.name)), ia, ib)
                           for ia, ra in enumerate(rows_a) for ib, rb in enumerate(rows_b)
                           if _units_compatible(ra.unit, rb.unit)), reverse=True)
            used_a, used_b = set(), set()
            for score, ia, ib in cand:
                if score < min_score:
                    break
                if ia in used_a or ib in used_b:
                    continue
                used_a.add(ia)
                used_b.add(ib)
                pairs.append((score, a, rows_a[ia], b, rows_b[ib]))
    pairs.sort(key=lambda p: -p[0])
    _pairs_cache[:] = [documents, pairs]
    return pairs


def pair_table(documents) -> list[list]:
    return [[round(s, 2), short_name(da), ra.name, ra.unit or "", ra.baseline_raw or "", ra.target_raw or "",
             short_name(db), rb.name, rb.unit or "", rb.baseline_raw or "", rb.target_raw or ""]
            for s, da, ra, db, rb in similar_pairs(documents)]


def chart_rows(documents, key: str | None) -> list[dict]:
    """Bars for one indicator (key "doc_id#i") and its counterparts in other plans: baseline vs target."""
    found = _find_row(documents, key)
    if found is None:
        return []
    doc, row = found
    group = [(doc, row)]
    for _s, da, ra, db, rb in similar_pairs(documents):
        if ra is row:
            group.append((db, rb))
        elif rb is row:
            group.append((da, ra))
    data = []
    for d, r in group:
        suffix = "（累计）" if r.cumulative else ""
        for year, value, series in ((r.baseline_year, r.baseline, "基期"), (r.target_year, r.target, "目标")):
            if value is None:
                continue
            data.append({"项": f"{short_name(d)} {year or ''}{series}{suffix}", "数值": float(value), "系列": series})
    return data


def _find_row(documents, key: str | None):
    if not key or "#" not in key:
        return None
    doc_id, _, i = key.rpartition("#")
    for d in documents:
        if d.doc_id == doc_id and i.isdigit() and int(i) < len(d.indicators):
            return d, d.indicators[int(i)]
    return None


def indicator_choices(documents, doc_id: str | None, text: str) -> list[tuple[str, str]]:
    text = (text or "").strip().lower()
    out = []
    for d, key, r in _plan_rows(documents, doc_id):
        label = f"{short_name(d)} · {row_label(r)}"
        if not text or text in label.lower() or text in (r.category or "").lower():
            out.append((label, key))
    return out


@dataclass(frozen=True)
class PlanViews:
    """The plan choices every tab offers, from the documents as they are now (an upload swaps the tuple)."""

    plan_choices: list[tuple[str, str]]
    doc_ids: list[str]


def plan_views(documents) -> PlanViews:
    return PlanViews([(d.meta.title, d.doc_id) for d in documents], [d.doc_id for d in documents])


def outline_sections(doc) -> list:
    return [s for s in doc.sections if s.kind != "title"] if doc is not None else []


def outline_choices(doc) -> list[tuple[str, str]]:
    return [("\u3000" * (s.level - 1) + s.path[-1], s.id) for s in outline_sections(doc)]
